import Testing

@testable import TallyImage

/// Data Matrix made with libdmtx's encoder, so GS1 marking can be checked without a fixture.
struct GS1DataMatrixTests {
    @Test func fnc1InFirstPositionMakesGS1DataMatrix() throws {
        let message = [0x1D] + Array("0109506000134352".utf8) + Array("10ABC".utf8) + [0x1D] + Array("17261231".utf8)
        let image = try TestImages.dataMatrix(message, fnc1: true)
        let results = try BarcodeImageDecoder().decode(
            grayscale: image.pixels, width: image.width, height: image.height)
        try #require(results.count == 1, "\(results)")
        #expect(results[0].symbology == "GS1 DataMatrix")
        #expect(results[0].aim == "]d2")
        #expect(results[0].isGS1)
        #expect(results[0].text == Array(message.dropFirst()))
        #expect(results[0].scanBytes == Array("]d2".utf8) + Array(message.dropFirst()))
    }

    @Test func plainDataMatrixIsNotGS1() throws {
        let image = try TestImages.dataMatrix(Array("LOT-42".utf8), fnc1: false)
        let results = try BarcodeImageDecoder().decode(
            grayscale: image.pixels, width: image.width, height: image.height)
        #expect(
            results == [DecodedBarcode(text: Array("LOT-42".utf8), symbology: "Data Matrix", aim: "]d1", isGS1: false)])
    }
}
