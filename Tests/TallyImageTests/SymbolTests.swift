import Foundation
import Testing

@testable import TallyImage

/// What each symbology comes back as: its name, its AIM identifier, GS1 marking and the bytes a scanner would send.
@Suite(.enabled(if: Fixtures.available, "the barcode fixtures are not there; set TALLY_FIXTURES"))
struct SymbolTests {
    let decoder = BarcodeImageDecoder()

    func only(_ name: String) throws -> DecodedBarcode {
        let results = try decoder.decode(file: Fixtures.path(name))
        try #require(results.count == 1, "\(name): \(results)")
        return results[0]
    }

    @Test func ean13WithISBNPrefixStaysEAN13() throws {
        let barcode = try only("ean13-1/25.png")
        #expect(barcode.symbology == "EAN-13")
        #expect(barcode.aim == "]E0")
        #expect(barcode.text == Array("9780140013993".utf8))
        #expect(!barcode.isGS1)
    }

    @Test func upcAComesBackAsTwelveDigits() throws {
        let barcode = try only("upca-1/2.png")
        #expect(barcode.symbology == "UPC-A")
        #expect(barcode.aim == "]E0")
        #expect(barcode.text == Array("036602301467".utf8))
    }

    @Test func upcEComesBackAsEightDigits() throws {
        let barcode = try only("upce-1/1.png")
        #expect(barcode.symbology == "UPC-E")
        #expect(barcode.text == Array("01234565".utf8))
        #expect(barcode.scanBytes == Array("]E001234565".utf8))
    }

    @Test func ean8() throws {
        let barcode = try only("ean8-1/1.png")
        #expect(barcode.symbology == "EAN-8")
        #expect(barcode.aim == "]E4")
    }

    @Test func addOnIsAttachedToItsMainSymbol() throws {
        let barcode = try only("upca-1/8.png")
        #expect(barcode.symbology == "UPC-A+5")
        #expect(barcode.aim == "]E3")
        #expect(barcode.text == Array("071831007995".utf8) + Array("19868".utf8))
    }

    @Test func gs1128() throws {
        let barcode = try only("code128-1/1.png")
        #expect(barcode.symbology == "GS1-128")
        #expect(barcode.isGS1)
        #expect(barcode.scanBytes == Array("]C1168901".utf8))
    }

    @Test func code128() throws {
        let barcode = try only("code128-1/2.png")
        #expect(barcode.symbology == "Code 128")
        #expect(barcode.aim == "]C0")
        #expect(!barcode.isGS1)
    }

    @Test func code39AndITF() throws {
        #expect(try only("code39-1/1.png").aim == "]A0")
        let itf = try only("itf-1/1.png")
        #expect(itf.symbology == "ITF")
        #expect(itf.aim == "]I0")
    }

    @Test func qrCodeKeepsItsLineBreaks() throws {
        let barcode = try only("qrcode-1/16.png")
        #expect(barcode.symbology == "QR Code")
        #expect(barcode.aim == "]Q1")
        #expect(barcode.text.starts(with: Array("Sean Owen\r\n".utf8)))
    }

    @Test func dataBarExpandedIsTheRawElementString() throws {
        let barcode = try only("rssexpanded-1/7.png")
        #expect(barcode.symbology == "GS1 DataBar Expanded")
        #expect(barcode.isGS1)
        #expect(barcode.scanBytes == Array("]e010567".utf8) + [0x1D] + Array("11010101".utf8))
    }

    @Test func dataMatrix() throws {
        let barcode = try only("datamatrix-1/abcd-18x8.png")
        #expect(barcode.symbology == "Data Matrix")
        #expect(barcode.aim == "]d1")
        #expect(barcode.text == Array("abcde".utf8))
    }

    @Test(arguments: [15.0, 40, 57, 75, -30])
    func tiltedCodeIsReadByARotatedPass(degrees: Double) throws {
        let image = try ImageLoader.load(
            Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("ean8-1/1.png")))), limits: .standard)
        let tilted = image.rotated(by: degrees)
        let results = try decoder.decode(grayscale: tilted.pixels, width: tilted.width, height: tilted.height)
        #expect(results.map(\.text) == [Array("48512343".utf8)])
    }

    @Test func lightBarsOnDarkGroundAreRead() throws {
        let image = try ImageLoader.load(
            Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("ean8-1/1.png")))), limits: .standard)
        let inverted = image.inverted()
        let results = try decoder.decode(grayscale: inverted.pixels, width: inverted.width, height: inverted.height)
        #expect(results.map(\.text) == [Array("48512343".utf8)])
    }

    @Test func jpegIsReadLikePNG() throws {
        let image = try ImageLoader.load(
            Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("ean13-1/1.png")))), limits: .standard)
        let jpeg = try TestImages.jpeg(image, quality: 90)
        let results = try decoder.decode(jpeg)
        #expect(results.map(\.text) == [Array("8413000065504".utf8)])
    }
}
