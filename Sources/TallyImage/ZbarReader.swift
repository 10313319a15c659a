import CZbar

/// Reads linear codes, QR Code and GS1 DataBar with zbar's image scanner, in-process.
///
/// zbar's image scanner keeps state while it scans, so a reader is never shared between threads: the image
/// decoder makes one per call (creating one takes microseconds).
final class ZbarReader {
    let scanner: OpaquePointer

    /// The shortest Interleaved 2 of 5 and Codabar accepted: shorter ones turn up in the texture of photos.
    static let minimumITFLength: Int32 = 6
    static let minimumCodabarLength: Int32 = 6

    init() {
        scanner = zbar_image_scanner_create()
        ZbarReader.configureScanner(scanner)
    }

    deinit { zbar_image_scanner_destroy(scanner) }

    /// Applies Tally's configuration to an image scanner: UPC-A and UPC-E reported as themselves, ISBN off (as
    /// EAN-13), EAN add-ons on, SQ Code off, minimum lengths for the symbologies prone to false reads.
    static func configureScanner(_ scanner: OpaquePointer) {
        zbar_image_scanner_set_config(scanner, ZBAR_UPCA, ZBAR_CFG_ENABLE, 1)
        zbar_image_scanner_set_config(scanner, ZBAR_UPCE, ZBAR_CFG_ENABLE, 1)
        zbar_image_scanner_set_config(scanner, ZBAR_ISBN10, ZBAR_CFG_ENABLE, 0)
        zbar_image_scanner_set_config(scanner, ZBAR_ISBN13, ZBAR_CFG_ENABLE, 0)
        zbar_image_scanner_set_config(scanner, ZBAR_EAN2, ZBAR_CFG_ENABLE, 1)
        zbar_image_scanner_set_config(scanner, ZBAR_EAN5, ZBAR_CFG_ENABLE, 1)
        zbar_image_scanner_set_config(scanner, ZBAR_SQCODE, ZBAR_CFG_ENABLE, 0)
        zbar_image_scanner_set_config(scanner, ZBAR_I25, ZBAR_CFG_MIN_LEN, minimumITFLength)
        zbar_image_scanner_set_config(scanner, ZBAR_CODABAR, ZBAR_CFG_MIN_LEN, minimumCodabarLength)
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_POSITION, 0)
    }

    /// Every symbol zbar finds in the image.
    func read(_ image: GrayImage) -> [ZbarSymbol] {
        guard let zimage = zbar_image_create() else { return [] }
        defer { zbar_image_destroy(zimage) }
        zbar_image_set_format(zimage, ZbarReader.y800)
        zbar_image_set_size(zimage, UInt32(image.width), UInt32(image.height))
        return image.pixels.withUnsafeBufferPointer { pixels -> [ZbarSymbol] in
            zbar_image_set_data(zimage, pixels.baseAddress, UInt(pixels.count), nil)
            let found = zbar_scan_image(scanner, zimage)
            // Detach the pixels before the image is destroyed: they belong to the Swift array.
            defer { zbar_image_set_data(zimage, nil, 0, nil) }
            if found <= 0 { return [] }
            return ZbarReader.symbols(of: zimage)
        }
    }

    static let y800: UInt =
        UInt(UInt8(ascii: "Y")) | UInt(UInt8(ascii: "8")) << 8 | UInt(UInt8(ascii: "0")) << 16
        | UInt(UInt8(ascii: "0")) << 24

    /// The symbols zbar attached to an image it scanned.
    static func symbols(of image: OpaquePointer) -> [ZbarSymbol] {
        var result: [ZbarSymbol] = []
        var symbol = zbar_image_first_symbol(image)
        while let current = symbol {
            result.append(ZbarSymbol(current))
            symbol = zbar_symbol_next(current)
        }
        return result
    }
}

/// A symbol as zbar reported it, copied out of zbar's memory.
struct ZbarSymbol: Hashable {
    var type: zbar_symbol_type_t
    var data: [UInt8]
    var quality: Int
    var isGS1: Bool
    /// For an EAN/UPC code with add-on, the primary symbol's type and the add-on's.
    var components: [zbar_symbol_type_t]

    init(type: zbar_symbol_type_t, data: [UInt8], quality: Int, isGS1: Bool, components: [zbar_symbol_type_t] = []) {
        self.type = type
        self.data = data
        self.quality = quality
        self.isGS1 = isGS1
        self.components = components
    }

    init(_ symbol: OpaquePointer) {
        type = zbar_symbol_get_type(symbol)
        let length = Int(zbar_symbol_get_data_length(symbol))
        if let bytes = zbar_symbol_get_data(symbol) {
            data = bytes.withMemoryRebound(to: UInt8.self, capacity: length) {
                Array(UnsafeBufferPointer(start: $0, count: length))
            }
        } else {
            data = []
        }
        quality = Int(zbar_symbol_get_quality(symbol))
        isGS1 = zbar_symbol_get_modifiers(symbol) & (1 << ZBAR_MOD_GS1.rawValue) != 0
        var parts: [zbar_symbol_type_t] = []
        if let set = zbar_symbol_get_components(symbol) {
            var part = zbar_symbol_set_first_symbol(set)
            while let current = part {
                parts.append(zbar_symbol_get_type(current))
                part = zbar_symbol_next(current)
            }
        }
        components = parts
    }

    /// The symbol in Tally's terms, or nil for symbols Tally does not report (a lone EAN add-on).
    var barcode: DecodedBarcode? {
        switch type {
        case ZBAR_EAN13: return DecodedBarcode(text: data, symbology: "EAN-13", aim: "]E0", isGS1: false)
        case ZBAR_UPCA: return DecodedBarcode(text: data, symbology: "UPC-A", aim: "]E0", isGS1: false)
        case ZBAR_UPCE: return DecodedBarcode(text: data, symbology: "UPC-E", aim: "]E0", isGS1: false)
        case ZBAR_EAN8: return DecodedBarcode(text: data, symbology: "EAN-8", aim: "]E4", isGS1: false)
        case ZBAR_COMPOSITE:
            guard let primary = components.first(where: { $0 != ZBAR_EAN2 && $0 != ZBAR_EAN5 }),
                let addOn = components.first(where: { $0 == ZBAR_EAN2 || $0 == ZBAR_EAN5 })
            else { return nil }
            let base =
                switch primary {
                case ZBAR_UPCA: "UPC-A"
                case ZBAR_UPCE: "UPC-E"
                case ZBAR_EAN8: "EAN-8"
                default: "EAN-13"
                }
            let symbology = base + (addOn == ZBAR_EAN2 ? "+2" : "+5")
            return DecodedBarcode(text: data, symbology: symbology, aim: "]E3", isGS1: false)
        case ZBAR_CODE128:
            return isGS1
                ? DecodedBarcode(text: data, symbology: "GS1-128", aim: "]C1", isGS1: true)
                : DecodedBarcode(text: data, symbology: "Code 128", aim: "]C0", isGS1: false)
        case ZBAR_CODE39: return DecodedBarcode(text: data, symbology: "Code 39", aim: "]A0", isGS1: false)
        case ZBAR_CODE93: return DecodedBarcode(text: data, symbology: "Code 93", aim: "]G0", isGS1: false)
        case ZBAR_CODABAR: return DecodedBarcode(text: data, symbology: "Codabar", aim: "]F0", isGS1: false)
        case ZBAR_I25: return DecodedBarcode(text: data, symbology: "ITF", aim: "]I0", isGS1: false)
        case ZBAR_QRCODE:
            return isGS1
                ? DecodedBarcode(text: data, symbology: "GS1 QR Code", aim: "]Q3", isGS1: true)
                : DecodedBarcode(text: data, symbology: "QR Code", aim: "]Q1", isGS1: false)
        case ZBAR_DATABAR:
            // zbar gives the GTIN with or without its AI; a scanner sends the element string "01" + GTIN.
            let text = data.count == 14 ? Array("01".utf8) + data : data
            return DecodedBarcode(text: text, symbology: "GS1 DataBar", aim: "]e0", isGS1: true)
        case ZBAR_DATABAR_EXP:
            return DecodedBarcode(text: data, symbology: "GS1 DataBar Expanded", aim: "]e0", isGS1: true)
        default:
            return nil
        }
    }
}
