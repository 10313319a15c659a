import Foundation
import Testing

@testable import TallyImage

/// How many images of each fixture set are read correctly, against floors measured on these images. zbar's own
/// `zbarimg -Supca.enable -Supce.enable` reads 6, 4, 0, 29, 8, 14, 20, 34, 17 and 3 of them (135 in all, when
/// QR Code texts keep their CR LF and DataBar Expanded texts their GS separators).
@Suite(.enabled(if: Fixtures.available, "the barcode fixtures are not there; set TALLY_FIXTURES"))
struct FixtureReadingTests {
    static let floors: [String: Int] = [
        "code128-1": 6, "code39-1": 4, "datamatrix-1": 20, "ean13-1": 31, "ean8-1": 8, "itf-1": 14, "qrcode-1": 20,
        "rssexpanded-1": 34, "upca-1": 17, "upce-1": 3,
    ]

    /// Whether `results` hold the expected text. An EAN/UPC read with its add-on counts when its main part matches.
    static func isCorrect(_ results: [DecodedBarcode], expected: [UInt8], set: String) -> Bool {
        let wanted =
            set.hasPrefix("rssexpanded")
            ? Fixtures.elementString(fromHumanReadable: String(decoding: expected, as: UTF8.self)) : expected
        return results.contains { result in
            result.text == wanted || (result.aim == "]E3" && result.text.starts(with: wanted))
        }
    }

    /// Every set of the collection found: all of them beside the repository, the smaller ones in a bare clone.
    @Test(arguments: floors.keys.sorted().filter(Fixtures.has))
    func readsAtLeastTheFloor(set: String) throws {
        let decoder = BarcodeImageDecoder()
        var correct = 0
        var misses: [String] = []
        for (path, expected) in try Fixtures.images(in: set) {
            let results = try decoder.decode(file: path)
            if let expected, FixtureReadingTests.isCorrect(results, expected: expected, set: set) {
                correct += 1
            } else {
                misses.append(URL(fileURLWithPath: path).lastPathComponent)
            }
        }
        let floor = try #require(FixtureReadingTests.floors[set])
        #expect(correct >= floor, "\(set): \(correct) read, floor \(floor); missed \(misses)")
    }

    @Test(.enabled(if: Fixtures.has("falsepositives"), "the false-positive set is kept beside the repository"))
    func reportsNothingOnImagesWithoutBarcodes() throws {
        let decoder = BarcodeImageDecoder()
        for (path, _) in try Fixtures.images(in: "falsepositives") {
            let results = try decoder.decode(file: path)
            #expect(results.isEmpty, "\(path): \(results)")
        }
    }
}
