import Foundation
import Testing

@testable import TallyCore

/// The expected texts of the GS1 DataBar Expanded photographs in Fixtures/barcodes (from ZXing's test images):
/// every one is read as human-readable GS1 text and rendered back unchanged.
@Suite struct GS1FixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appending(path: "Fixtures/barcodes/rssexpanded-1")

    static var texts: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") && !$0.contains("metadata") }.sorted().compactMap {
            try? String(contentsOf: folder.appending(path: $0), encoding: .utf8).trimmingCharacters(in: .newlines)
        }
    }

    @Test func fixturesArePresent() {
        #expect(Self.texts.count == 35)
    }

    /// Texts whose values GS1's code lists refuse: the test images carry a made-up country code and the schilling,
    /// which ISO 4217 withdrew.
    static let refused: [String: String] = [
        "(01)98898765432106(15)991231(3103)001750(10)12A(422)123(21)123456(423)012345678901":
            "123 is not an ISO 3166 country code",
        "(01)98898765432106(15)991231(3103)001750(10)12A(422)123(21)123456": "123 is not an ISO 3166 country code",
        "(15)991231(3103)001750(10)12A(422)123(21)123456(423)0123456789012": "123 is not an ISO 3166 country code",
        "(01)90012345678908(3932)0401234": "040 is not an ISO 4217 currency code",
    ]

    @Test(arguments: texts)
    func readsDataBarExpandedText(text: String) throws {
        // Pairing rules are left out: several test images carry dates without the GTIN they would belong to.
        if let reason = Self.refused[text] {
            #expect {
                try GS1Message(humanReadable: text, checkingPairings: false)
            } throws: { error in
                String(describing: error).contains(reason)
            }
            return
        }
        let message = try GS1Message(humanReadable: text, checkingPairings: false)
        #expect(message.humanReadable == text)
    }
}
