import TallyCore
import Testing

@testable import TallyImage

/// Tally's own Code 128 symbols, drawn into pixels and read back with zbar, the reader a station uses.
@Suite("Code 128 symbols")
struct Code128SymbolTests {
    /// The symbol drawn 3 pixels a module, 60 pixels high, with quiet zones of 12 modules.
    static func draw(_ text: String) throws -> (pixels: [UInt8], width: Int, height: Int) {
        let widths = try Code128Symbol.widths(for: text)
        let scale = 3
        let quiet = 12 * scale
        let width = widths.reduce(0, +) * scale + 2 * quiet
        let height = 60
        var row = [UInt8](repeating: 255, count: width)
        var x = quiet
        for (index, modules) in widths.enumerated() {
            if index % 2 == 0 { for column in x..<(x + modules * scale) { row[column] = 0 } }
            x += modules * scale
        }
        return (Array((0..<height).map { _ in row }.joined()), width, height)
    }

    static func read(_ text: String) throws -> [String] {
        let image = try draw(text)
        return try BarcodeImageDecoder().decode(grayscale: image.pixels, width: image.width, height: image.height)
            .filter { $0.symbology == "Code 128" }.map { String(decoding: $0.text, as: UTF8.self) }
    }

    @Test(arguments: [
        "TLC-QTY-6", "A01.03.2", "12345678", "1234567", "ABC123456789XYZ", "x9", "42",
        "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
        "The quick brown fox jumps over the lazy dog", "0012", "AB1234", "AB123456CD",
    ])
    func zbarReadsWhatWasWritten(text: String) throws {
        #expect(try Self.read(text) == [text])
    }

    @Test func everyDigitPairAndEveryPrintableCharacterSurvives() throws {
        let pairs = (0..<100).map { $0 < 10 ? "0\($0)" : "\($0)" }
        for start in stride(from: 0, to: 100, by: 20) {
            let text = pairs[start..<(start + 20)].joined()
            #expect(try Self.read(text) == [text])
        }
        let printable = String((0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) })
        for start in stride(from: 0, to: printable.count, by: 30) {
            let text = "T" + String(Array(printable)[start..<min(start + 30, printable.count)])
            #expect(try Self.read(text) == [text])
        }
    }

    @Test func digitsGoInCodeSetCWhenItIsShorter() throws {
        #expect(try Code128Symbol.values(for: "123456").first == 105)
        #expect(try Code128Symbol.values(for: "AB1234").count == 2 + 1 + 1 + 2 + 2)
        #expect(try Code128Symbol.values(for: "A12B").first == 104)
    }

    @Test func textCode128CannotCarryIsRefused() {
        for text in ["", "Grüße", "tab\there", String(repeating: "A", count: 81)] {
            #expect(throws: Code128Symbol.UnencodableText.self) { try Code128Symbol.widths(for: text) }
        }
    }
}
