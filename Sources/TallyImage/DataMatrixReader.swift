import CDmtx

/// Reads Data Matrix with libdmtx, which zbar cannot read.
///
/// libdmtx hunts for the L-shaped finder pattern over the whole image, which is slow on large photos, so the
/// search is bounded: a time limit per image, a scan gap, and a minimum edge length.
struct DataMatrixReader {
    /// How long one image may be searched.
    var timeoutMilliseconds: Int = 120
    /// Pixels skipped between the lines libdmtx searches along.
    var scanGap: Int32 = 2
    /// How many symbols to look for at most.
    var maximumSymbols = 4

    /// The FNC1 codeword of Data Matrix.
    static let fnc1Codeword: UInt8 = 232

    func read(_ image: GrayImage, shrink: Int32 = 1) -> [DecodedBarcode] {
        var pixels = image.pixels
        return pixels.withUnsafeMutableBufferPointer { buffer -> [DecodedBarcode] in
            var dmtxImage = dmtxImageCreate(
                buffer.baseAddress, Int32(image.width), Int32(image.height), Int32(DmtxPack8bppK.rawValue))
            defer { dmtxImageDestroy(&dmtxImage) }
            guard let dmtxImage else { return [] }
            var decoder = dmtxDecodeCreate(dmtxImage, shrink)
            defer { dmtxDecodeDestroy(&decoder) }
            guard let decoder else { return [] }
            dmtxDecodeSetProp(decoder, Int32(DmtxPropScanGap.rawValue), scanGap)
            // FNC1 becomes GS; the first one (marking GS1) is recognised by its codeword and dropped.
            dmtxDecodeSetProp(decoder, Int32(DmtxPropFnc1.rawValue), 0x1D)
            var timeout = dmtxTimeAdd(dmtxTimeNow(), timeoutMilliseconds)
            var results: [DecodedBarcode] = []
            while results.count < maximumSymbols {
                var region = dmtxRegionFindNext(decoder, &timeout)
                defer { dmtxRegionDestroy(&region) }
                guard let found = region else { break }
                var message = dmtxDecodeMatrixRegion(decoder, found, DmtxUndefined)
                defer { dmtxMessageDestroy(&message) }
                if let message, let barcode = DataMatrixReader.barcode(from: message.pointee),
                    !results.contains(barcode)
                {
                    results.append(barcode)
                }
            }
            return results
        }
    }

    static func barcode(from message: DmtxMessage) -> DecodedBarcode? {
        guard let output = message.output, message.outputIdx > 0 else { return nil }
        var text = Array(UnsafeBufferPointer(start: output, count: Int(message.outputIdx)))
        let isGS1 = message.codeSize > 0 && message.code?[0] == fnc1Codeword
        if isGS1, text.first == 0x1D { text.removeFirst() }
        return isGS1
            ? DecodedBarcode(text: text, symbology: "GS1 DataMatrix", aim: "]d2", isGS1: true)
            : DecodedBarcode(text: text, symbology: "Data Matrix", aim: "]d1", isGS1: false)
    }
}
