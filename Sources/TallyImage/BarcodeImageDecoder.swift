import CZbar

/// Reads the barcodes in a PNG or JPEG image: linear codes, QR Code and GS1 DataBar with zbar, Data Matrix with
/// libdmtx, everything in-process.
///
/// The image is read in passes, cheapest first, and the decoder stops at the first pass that reads something:
///
/// 1. zbar on the image as it is, every third row and column;
/// 2. zbar on the image binarized against the local mean (uneven light, low contrast), every other line;
/// 3. for small images, zbar on the image scaled up twice;
/// 4. libdmtx, with a time limit;
/// 5. zbar on the image turned so that each cluster of stripes ``StripeFinder`` finds (at most three, found on
///    the half-size image for photos) stands upright or lies flat, since zbar scans rows and columns only; every
///    third line at full size, where thin bars survive the turn;
/// 6. zbar on the inverted image (light bars on a dark ground), at half size for photos.
///
/// Passes 5 and 6 read linear codes only, and are skipped when the image has no stripes at all: most photographs
/// without a barcode end after pass 4.
///
/// Results are checked before they are reported: EAN/UPC add-ons are only reported attached to their main
/// symbol, Interleaved 2 of 5 and Codabar need six characters, codes read in the rotated and inverted passes must
/// be crossed by two scan lines, and when zbar reads two different EAN/UPC numbers from what is likely the same
/// symbol, only the one read on more scan lines is kept (or the pass is not trusted when both are equal).
///
/// A decoder is a value with no shared state; every call makes its own zbar scanner, so calls can run on any
/// number of threads at once.
public struct BarcodeImageDecoder: Sendable {
    /// Size limits checked before an image is decompressed.
    public var limits: ImageLimits
    /// Whether to look for Data Matrix when zbar finds nothing.
    public var readsDataMatrix = true
    /// How long libdmtx may search one image, in milliseconds.
    public var dataMatrixTimeoutMilliseconds = 40
    /// Whether to go on with binarized, scaled, rotated and inverted passes when the first pass reads nothing.
    public var triesHarder = true

    /// Creates a decoder with the given limits.
    public init(limits: ImageLimits = .standard) {
        self.limits = limits
    }

    /// Reads the barcodes in a PNG or JPEG image held in memory.
    public func decode(_ data: [UInt8]) throws(ImageDecodingError) -> [DecodedBarcode] {
        read(try ImageLoader.load(data, limits: limits))
    }

    /// Reads the barcodes in a PNG or JPEG file.
    public func decode(file path: String) throws(ImageDecodingError) -> [DecodedBarcode] {
        try decode(try contents(ofFile: path))
    }

    /// The bytes of a file, refused unread when it is larger than ``ImageLimits/maxFileBytes``.
    public func contents(ofFile path: String) throws(ImageDecodingError) -> [UInt8] {
        try FileReader.read(path, maxBytes: limits.maxFileBytes)
    }

    /// Reads the barcodes in an 8-bit grayscale image, `width × height` bytes row after row (a camera frame).
    public func decode(
        grayscale pixels: [UInt8], width: Int, height: Int
    ) throws(ImageDecodingError)
        -> [DecodedBarcode]
    {
        let (count, overflow) = width.multipliedReportingOverflow(by: height)
        if width <= 0 || height <= 0 || overflow || count != pixels.count {
            throw .invalidPixelBuffer(width: width, height: height, bytes: pixels.count)
        }
        try ImageLoader.checkPixels(width: width, height: height, limits: limits)
        return read(GrayImage(width: width, height: height, pixels: pixels))
    }

    // MARK: The passes

    /// A way of looking at the image with zbar.
    struct Pass {
        var name: String
        /// zbar scans every `density`-th row and column.
        var density: Int32
        /// The fewest scan lines a linear code must be read on to count.
        var minimumQuality: Int
        /// Whether zbar looks for QR Codes. QR Codes are found at any angle and either polarity by the first
        /// passes; the rotated and inverted ones are for linear codes only, and QR detection is much of a pass's
        /// cost.
        var readsQR = true
        var prepare: (GrayImage) -> GrayImage
    }

    static func isPhoto(_ image: GrayImage) -> Bool { max(image.width, image.height) >= 480 }

    func read(_ image: GrayImage) -> [DecodedBarcode] {
        let zbar = ZbarReader()
        let first = Pass(name: "plain", density: 3, minimumQuality: 1, prepare: { $0 })
        if let found = zbar.accepted(first.prepare(image), pass: first) { return found }
        if !triesHarder {
            return readsDataMatrix ? dataMatrix(image) : []
        }
        let localRadius = max(8, min(image.width, image.height) / 40)
        let binarized = Pass(
            name: "binarized", density: 2, minimumQuality: 1,
            prepare: { $0.locallyBinarized(radius: localRadius) })
        if let found = zbar.accepted(binarized.prepare(image), pass: binarized) { return found }
        if max(image.width, image.height) < 400 {
            let upscaled = Pass(name: "upscaled", density: 1, minimumQuality: 1, prepare: { $0.scaled(by: 2) })
            if let found = zbar.accepted(upscaled.prepare(image), pass: upscaled) { return found }
        }
        if readsDataMatrix {
            let found = dataMatrix(image)
            if !found.isEmpty { return found }
        }
        let base = BarcodeImageDecoder.isPhoto(image) ? image.halved() : image
        let stripes = StripeFinder().find(in: base)
        // Without stripes there is no linear code for a turned or inverted pass to read.
        if stripes.stripedTiles == 0 { return [] }
        for angle in stripes.angles where abs(angle) >= StripeFinder.straightEnough {
            let rotated = Pass(
                name: "rotated", density: 3, minimumQuality: 2, readsQR: false, prepare: { $0.rotated(by: angle) })
            if let found = zbar.accepted(rotated.prepare(image), pass: rotated) { return found }
        }
        let inverted = Pass(
            name: "inverted", density: 2, minimumQuality: 2, readsQR: false, prepare: { $0.inverted() })
        if let found = zbar.accepted(inverted.prepare(base), pass: inverted) { return found }
        return []
    }

    func dataMatrix(_ image: GrayImage) -> [DecodedBarcode] {
        // Photos are searched at half size and for a fifth of the time: libdmtx's cost grows with the area, and
        // in a photo full of texture it examines many candidate edges before giving up.
        if BarcodeImageDecoder.isPhoto(image) {
            let reader = DataMatrixReader(timeoutMilliseconds: max(1, dataMatrixTimeoutMilliseconds / 5))
            return reader.read(image, shrink: 2)
        }
        return DataMatrixReader(timeoutMilliseconds: dataMatrixTimeoutMilliseconds).read(image)
    }
}

extension ZbarReader {
    /// What one pass reads, after the checks described on ``BarcodeImageDecoder``; nil when nothing passes.
    func accepted(_ image: GrayImage, pass: BarcodeImageDecoder.Pass) -> [DecodedBarcode]? {
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_X_DENSITY, pass.density)
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_Y_DENSITY, pass.density)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, pass.readsQR ? 1 : 0)
        let symbols = read(image).filter { symbol in
            symbol.type == ZBAR_QRCODE || symbol.quality >= pass.minimumQuality
        }
        let results = ZbarReader.validated(symbols)
        return results.isEmpty ? nil : results
    }

    static let eanFamily: Set<UInt32> = [
        ZBAR_EAN13.rawValue, ZBAR_UPCA.rawValue, ZBAR_UPCE.rawValue, ZBAR_EAN8.rawValue,
    ]
    static let addOns: Set<UInt32> = [ZBAR_EAN2.rawValue, ZBAR_EAN5.rawValue]

    /// Attaches a lone add-on to the one EAN/UPC symbol it can belong to, drops add-ons that belong to none, and
    /// resolves EAN/UPC numbers that are likely misreads of each other.
    static func validated(_ symbols: [ZbarSymbol]) -> [DecodedBarcode] {
        var primaries = symbols.filter { eanFamily.contains($0.type.rawValue) }
        let addOnSymbols = symbols.filter { addOns.contains($0.type.rawValue) }
        var others = symbols.filter {
            !eanFamily.contains($0.type.rawValue) && !addOns.contains($0.type.rawValue)
        }
        primaries = resolvingMisreads(primaries)
        if primaries.count == 1, addOnSymbols.count == 1 {
            let primary = primaries[0]
            let addOn = addOnSymbols[0]
            others.append(
                ZbarSymbol(
                    type: ZBAR_COMPOSITE, data: primary.data + addOn.data, quality: primary.quality, isGS1: false,
                    components: [primary.type, addOn.type]))
            primaries = []
        }
        var results: [DecodedBarcode] = []
        for symbol in primaries + others {
            if let barcode = symbol.barcode, !results.contains(barcode) { results.append(barcode) }
        }
        return results
    }

    /// Two EAN/UPC numbers of the same length that agree in most positions are one symbol read two ways: the one
    /// read on more scan lines wins, and when both were read equally often neither is trusted.
    static func resolvingMisreads(_ symbols: [ZbarSymbol]) -> [ZbarSymbol] {
        var kept: [ZbarSymbol] = []
        var doubtful: [ZbarSymbol] = []
        for symbol in symbols.sorted(by: { $0.quality > $1.quality }) {
            if let rival = (kept + doubtful).first(where: { isLikelySameSymbol($0, symbol) }) {
                if rival.quality == symbol.quality {
                    kept.removeAll { $0 == rival }
                    doubtful.append(symbol)
                    doubtful.append(rival)
                }
                continue
            }
            kept.append(symbol)
        }
        return kept
    }

    static func isLikelySameSymbol(_ a: ZbarSymbol, _ b: ZbarSymbol) -> Bool {
        guard a.data.count == b.data.count, a.data != b.data else { return false }
        let same = zip(a.data, b.data).filter { $0 == $1 }.count
        return same * 2 >= a.data.count
    }
}
