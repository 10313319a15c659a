import Foundation

/// The barcode photographs: the full collection in `../shared/fixtures/barcodes` (next to the repository) when it
/// is there, else the smaller sets kept in the repository's `Fixtures/barcodes`; `TALLY_FIXTURES` overrides both.
enum Fixtures {
    static let directory: String = {
        if let path = ProcessInfo.processInfo.environment["TALLY_FIXTURES"], !path.isEmpty { return path }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shared = repository.deletingLastPathComponent().appendingPathComponent("shared/fixtures/barcodes").path
        if FileManager.default.fileExists(atPath: shared + "/ean13-1") { return shared }
        return repository.appendingPathComponent("Fixtures/barcodes").path
    }()

    static var available: Bool { FileManager.default.fileExists(atPath: directory + "/ean8-1") }

    /// The sets the repository keeps whole; of the others it keeps only the images single tests name.
    static let keptWhole: Set<String> = [
        "code128-1", "code39-1", "datamatrix-1", "ean8-1", "itf-1", "rssexpanded-1", "upce-1",
    ]

    /// Whether the whole set is in the collection found.
    static func has(_ set: String) -> Bool {
        FileManager.default.fileExists(atPath: directory + "/ean13-1/34.png") ? true : keptWhole.contains(set)
    }

    static func path(_ name: String) -> String { directory + "/" + name }

    /// The images of a set with their expected text (nil in `falsepositives`).
    static func images(in set: String) throws -> [(path: String, expected: [UInt8]?)] {
        let folder = directory + "/" + set
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".png") }.sorted()
            .map { name in
                let text = folder + "/" + name.dropLast(4) + ".txt"
                let expected = FileManager.default.contents(atPath: text).map { [UInt8]($0) }
                return (folder + "/" + name, expected)
            }
    }

    /// AIs whose data has a predefined length, by their first two digits (GS1 General Specifications, 7.8.5):
    /// no FNC1 separator follows them.
    static let predefinedLength: Set<String> = [
        "00", "01", "02", "03", "04", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "31", "32", "33",
        "34", "35", "36", "41",
    ]

    /// `(01)…(17)…` turned into the element string a scanner sends: AIs and data run together, with GS after a
    /// field of variable length that is not the last.
    static func elementString(fromHumanReadable text: String) -> [UInt8] {
        var result: [UInt8] = []
        let fields = text.split(separator: "(").map { $0.split(separator: ")", maxSplits: 1) }
        for (index, field) in fields.enumerated() {
            guard let ai = field.first else { continue }
            result += Array(ai.utf8) + (field.count > 1 ? Array(field[1].utf8) : [])
            if !predefinedLength.contains(String(ai.prefix(2))) && index < fields.count - 1 { result.append(0x1D) }
        }
        return result
    }
}
