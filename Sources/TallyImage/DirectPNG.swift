import CDeflate

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the most common kind of PNG (8 bits per sample, not interlaced) straight to grayscale: the chunks are
/// checked, the compressed data is inflated in one piece with libdeflate, and every row is unfiltered and turned
/// gray while it is still in the cache.
///
/// libpng inflates with zlib one row at a time, which is two thirds of its decoding time; libdeflate inflating
/// the whole stream at once is about two and a half times faster. Everything else (16-bit and 1/2/4-bit samples,
/// interlacing, anything damaged or unusual) is left to libpng, which then decodes it or says what is wrong, so
/// this reader never has to be right about a file it does not fully understand.
enum DirectPNG {
    /// The image as grayscale, or nil when libpng should read the file; throws only when the header announces more
    /// pixels than the limit.
    static func load(_ data: [UInt8], limits: ImageLimits) throws(ImageDecodingError) -> GrayImage? {
        guard let chunks = Chunks(data) else { return nil }
        try ImageLoader.checkPixels(
            width: chunks.header.width, height: chunks.header.height, limits: limits, format: "PNG")
        return decode(chunks)
    }

    struct Header {
        var width: Int
        var height: Int
        var colorType: UInt8
        /// Samples per pixel, each one byte.
        var channels: Int

        /// The header of a file this reader handles: 8-bit samples, standard compression and filtering, no
        /// interlacing, and a known colour type.
        init?(_ bytes: ArraySlice<UInt8>) {
            guard bytes.count == 13 else { return nil }
            let start = bytes.startIndex
            width = Int(DirectPNG.bigEndian(bytes, at: start))
            height = Int(DirectPNG.bigEndian(bytes, at: start + 4))
            colorType = bytes[start + 9]
            let (bitDepth, compression, filter, interlace) =
                (bytes[start + 8], bytes[start + 10], bytes[start + 11], bytes[start + 12])
            guard bitDepth == 8, compression == 0, filter == 0, interlace == 0 else { return nil }
            switch colorType {
            case 0, 3: channels = 1
            case 4: channels = 2
            case 2: channels = 3
            case 6: channels = 4
            default: return nil
            }
            // PNG allows at most 2^31 - 1 in either direction.
            guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else { return nil }
        }
    }

    /// The chunks this reader uses, with every critical chunk's CRC checked.
    struct Chunks {
        var header: Header
        var palette: ArraySlice<UInt8>?
        var transparency: ArraySlice<UInt8>?
        /// The IDAT chunks' data, in order; most files have one, and it is inflated where it lies.
        var imageData: [ArraySlice<UInt8>] = []

        init?(_ data: [UInt8]) {
            guard data.starts(with: ImageLoader.pngSignature) else { return nil }
            var offset = ImageLoader.pngSignature.count
            var header: Header?
            var sawData = false
            var dataEnded = false
            var sawEnd = false
            while !sawEnd {
                guard data.count - offset >= 12 else { return nil }
                let length = Int(DirectPNG.bigEndian(data[...], at: offset))
                guard length <= Int(Int32.max), data.count - offset - 12 >= length else { return nil }
                let type = data[(offset + 4)..<(offset + 8)]
                let body = data[(offset + 8)..<(offset + 8 + length)]
                let isCritical = type.first! & 0x20 == 0
                if isCritical {
                    let stored = DirectPNG.bigEndian(data[...], at: offset + 8 + length)
                    let computed = data.withUnsafeBufferPointer { bytes in
                        libdeflate_crc32(0, bytes.baseAddress! + offset + 4, 4 + length)
                    }
                    guard stored == computed else { return nil }
                }
                switch Array(type) {
                case Array("IHDR".utf8):
                    guard header == nil, offset == ImageLoader.pngSignature.count, let parsed = Header(body) else {
                        return nil
                    }
                    header = parsed
                case Array("PLTE".utf8):
                    guard header != nil, palette == nil, !sawData, length % 3 == 0, length > 0, length <= 768 else {
                        return nil
                    }
                    palette = body
                case Array("tRNS".utf8):
                    guard header != nil, transparency == nil, !sawData else { return nil }
                    transparency = body
                case Array("IDAT".utf8):
                    guard header != nil, !dataEnded else { return nil }
                    sawData = true
                    imageData.append(body)
                case Array("IEND".utf8):
                    guard sawData else { return nil }
                    sawEnd = true
                default:
                    // An unknown critical chunk changes how the image must be read: libpng decides.
                    if isCritical { return nil }
                    if sawData { dataEnded = true }
                }
                offset += 12 + length
            }
            guard let header else { return nil }
            if header.colorType == 3 && palette == nil { return nil }
            self.header = header
        }
    }

    static func bigEndian(_ bytes: ArraySlice<UInt8>, at index: Int) -> UInt32 {
        UInt32(bytes[index]) << 24 | UInt32(bytes[index + 1]) << 16 | UInt32(bytes[index + 2]) << 8
            | UInt32(bytes[index + 3])
    }

    // MARK: Decoding

    static func decode(_ chunks: Chunks) -> GrayImage? {
        let header = chunks.header
        let rowBytes = header.width * header.channels
        let (filtered, overflow) = (rowBytes + 1).multipliedReportingOverflow(by: header.height)
        guard !overflow, let table = GrayTable(chunks) else { return nil }
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        let compressed = chunks.imageData.count == 1 ? chunks.imageData[0] : ArraySlice(chunks.imageData.joined())
        var produced = 0
        var result = LIBDEFLATE_BAD_DATA
        // Three bytes more than the image data, for the Paeth filter's four-byte reads at the end of the last row;
        // only those are zeroed, since libdeflate writes all the rest.
        var raw = [UInt8](unsafeUninitializedCapacity: filtered + 3) { buffer, initialized in
            (buffer.baseAddress! + filtered).initialize(repeating: 0, count: 3)
            result = compressed.withUnsafeBytes { input in
                libdeflate_zlib_decompress(
                    decompressor, input.baseAddress, input.count, buffer.baseAddress, filtered, &produced)
            }
            // Whatever libdeflate did not write counts as written: the array is dropped unread when it failed.
            initialized = filtered + 3
        }
        // Too little or too much image data: libpng knows which of these it can live with.
        guard result == LIBDEFLATE_SUCCESS, produced == filtered else { return nil }
        let count = header.width * header.height
        var failed = false
        let gray = [UInt8](unsafeUninitializedCapacity: count) { gray, initialized in
            raw.withUnsafeMutableBufferPointer { raw in
                let previousZero = [UInt8](repeating: 0, count: rowBytes + 3)
                previousZero.withUnsafeBufferPointer { zero in
                    for y in 0..<header.height {
                        let row = raw.baseAddress! + y * (rowBytes + 1)
                        let previous = y == 0 ? zero.baseAddress! : UnsafePointer(row - rowBytes)
                        guard unfilter(row + 1, previous: previous, count: rowBytes, type: row[0], bpp: header.channels)
                        else {
                            failed = true
                            return
                        }
                        table.convert(row + 1, into: gray.baseAddress! + y * header.width, width: header.width)
                    }
                }
            }
            initialized = failed ? 0 : count
        }
        return failed ? nil : GrayImage(width: header.width, height: header.height, pixels: gray)
    }

    /// Undoes one row's filter in place; false for an unknown filter type.
    static func unfilter(
        _ row: UnsafeMutablePointer<UInt8>, previous: UnsafePointer<UInt8>, count: Int, type: UInt8, bpp: Int
    ) -> Bool {
        switch type {
        case 0:
            break
        case 1:
            for index in bpp..<max(bpp, count) { row[index] &+= row[index - bpp] }
        case 2:
            for index in 0..<count { row[index] &+= previous[index] }
        case 3:
            for index in 0..<min(bpp, count) { row[index] &+= previous[index] >> 1 }
            for index in bpp..<max(bpp, count) {
                row[index] &+= UInt8(truncatingIfNeeded: (UInt16(row[index - bpp]) + UInt16(previous[index])) >> 1)
            }
        case 4:
            switch bpp {
            case 1: paeth(row, previous: previous, count: count, size: OneByte.self)
            case 2: paeth(row, previous: previous, count: count, size: TwoBytes.self)
            case 3: paeth(row, previous: previous, count: count, size: ThreeBytes.self)
            default: paeth(row, previous: previous, count: count, size: FourBytes.self)
            }
        default:
            return false
        }
        return true
    }

    /// Bytes per pixel as a type, so that each pixel size gets its own specialised copy of the Paeth filter.
    protocol PixelSize { static var bytes: Int { get } }
    enum OneByte: PixelSize { static var bytes: Int { 1 } }
    enum TwoBytes: PixelSize { static var bytes: Int { 2 } }
    enum ThreeBytes: PixelSize { static var bytes: Int { 3 } }
    enum FourBytes: PixelSize { static var bytes: Int { 4 } }

    /// The Paeth filter, one pixel (up to four samples) at a time in SIMD lanes: left and upper left stay in
    /// registers from pixel to pixel, and the nearest neighbour is chosen by masks, not branches, since the choice
    /// depends on the picture and a mispredicted branch per byte costs more than the arithmetic. Reads four bytes
    /// per pixel whatever its size, so both rows must be followed by at least three readable bytes.
    static func paeth<Size: PixelSize>(
        _ row: UnsafeMutablePointer<UInt8>, previous: UnsafePointer<UInt8>, count: Int, size: Size.Type
    ) {
        @inline(__always) func load(_ bytes: UnsafeRawPointer) -> SIMD4<Int16> {
            SIMD4<Int16>(truncatingIfNeeded: unsafeBitCast(bytes.loadUnaligned(as: UInt32.self), to: SIMD4<UInt8>.self))
        }
        let bpp = Size.bytes
        var left = SIMD4<Int16>()
        var upperLeft = SIMD4<Int16>()
        var index = 0
        while index + bpp <= count {
            let above = load(previous + index)
            let towardsLeft = above &- upperLeft
            let towardsAbove = left &- upperLeft
            let toLeft = towardsLeft.replacing(with: 0 &- towardsLeft, where: towardsLeft .< 0)
            let toAbove = towardsAbove.replacing(with: 0 &- towardsAbove, where: towardsAbove .< 0)
            let sum = towardsLeft &+ towardsAbove
            let toUpperLeft = sum.replacing(with: 0 &- sum, where: sum .< 0)
            var predictor = upperLeft
            var nearest = toUpperLeft
            let takeAbove = toAbove .<= nearest
            predictor.replace(with: above, where: takeAbove)
            nearest.replace(with: toAbove, where: takeAbove)
            predictor.replace(with: left, where: toLeft .<= nearest)
            let pixel = (load(row + index) &+ predictor) & 0xFF
            let bytes = SIMD4<UInt8>(truncatingIfNeeded: pixel)
            for lane in 0..<bpp { row[index + lane] = bytes[lane] }
            left = pixel
            upperLeft = above
            index += bpp
        }
    }

    /// Turns one row of samples into gray: luma with the BT.601 weights (``luma(_:_:_:)``, as libpng's images get),
    /// transparent pixels composited onto white (the paper a barcode is printed on), palette entries looked up.
    struct GrayTable {
        var colorType: UInt8
        /// Palette images: the gray of every index, transparency applied.
        var paletteGray: [UInt8] = []
        var paletteSize = 0
        /// Gray and RGB images with a tRNS chunk: the one colour that is transparent.
        var transparentKey: [UInt8]?

        init?(_ chunks: Chunks) {
            colorType = chunks.header.colorType
            let transparency = chunks.transparency.map(Array.init)
            switch colorType {
            case 3:
                guard let palette = chunks.palette.map(Array.init) else { return nil }
                paletteSize = palette.count / 3
                if let transparency, transparency.count > paletteSize { return nil }
                paletteGray = (0..<256).map { index in
                    guard index < palette.count / 3 else { return 0 }
                    let alpha = transparency.flatMap { index < $0.count ? $0[index] : nil } ?? 255
                    return GrayTable.luma(
                        GrayTable.onWhite(palette[3 * index], alpha: alpha),
                        GrayTable.onWhite(palette[3 * index + 1], alpha: alpha),
                        GrayTable.onWhite(palette[3 * index + 2], alpha: alpha))
                }
            case 0, 2:
                // The key is stored as 16-bit samples; for 8-bit images only the low bytes count.
                if let transparency {
                    guard transparency.count == (colorType == 0 ? 2 : 6) else { return nil }
                    if transparency.enumerated().contains(where: { $0.offset % 2 == 0 && $0.element != 0 }) {
                        transparentKey = nil
                    } else {
                        transparentKey = transparency.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
                    }
                }
            default:
                if transparency != nil { return nil }
            }
        }

        /// Luma with the BT.601 weights, in integer arithmetic; every colour image is turned gray by this.
        static func luma(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> UInt8 {
            UInt8(truncatingIfNeeded: (77 * UInt32(red) + 150 * UInt32(green) + 29 * UInt32(blue) + 128) >> 8)
        }

        /// A sample composited onto white in linear light, as libpng does: half-transparent black is the light
        /// gray the eye sees, not the mid gray of averaging sRGB values.
        static func onWhite(_ sample: UInt8, alpha: UInt8) -> UInt8 {
            switch alpha {
            case 255: return sample
            case 0: return 255
            default:
                let coverage = Float(alpha) / 255
                let light = sRGBToLinear[Int(sample)] * coverage + (1 - coverage)
                return linearToSRGB[Int((light * Float(linearToSRGB.count - 1)).rounded())]
            }
        }

        static let sRGBToLinear: [Float] = (0..<256).map { value in
            let encoded = Float(value) / 255
            return encoded <= 0.04045 ? encoded / 12.92 : Float(pow(Double((encoded + 0.055) / 1.055), 2.4))
        }

        /// Linear light in 4096 steps back to 8-bit sRGB.
        static let linearToSRGB: [UInt8] = (0..<4096).map { step in
            let light = Double(step) / 4095
            let encoded = light <= 0.003_130_8 ? light * 12.92 : 1.055 * pow(light, 1 / 2.4) - 0.055
            return UInt8((encoded * 255).rounded())
        }

        func convert(_ samples: UnsafePointer<UInt8>, into gray: UnsafeMutablePointer<UInt8>, width: Int) {
            switch colorType {
            case 0:
                if let key = transparentKey?.first {
                    for x in 0..<width { gray[x] = samples[x] == key ? 255 : samples[x] }
                } else {
                    gray.update(from: samples, count: width)
                }
            case 3:
                paletteGray.withUnsafeBufferPointer { table in
                    for x in 0..<width { gray[x] = table[Int(samples[x])] }
                }
            case 4:
                for x in 0..<width { gray[x] = GrayTable.onWhite(samples[2 * x], alpha: samples[2 * x + 1]) }
            case 2:
                for x in 0..<width { gray[x] = GrayTable.luma(samples[3 * x], samples[3 * x + 1], samples[3 * x + 2]) }
                if let key = transparentKey {
                    for x in 0..<width
                    where samples[3 * x] == key[0] && samples[3 * x + 1] == key[1] && samples[3 * x + 2] == key[2] {
                        gray[x] = 255
                    }
                }
            default:
                for x in 0..<width {
                    let alpha = samples[4 * x + 3]
                    gray[x] = GrayTable.luma(
                        GrayTable.onWhite(samples[4 * x], alpha: alpha),
                        GrayTable.onWhite(samples[4 * x + 1], alpha: alpha),
                        GrayTable.onWhite(samples[4 * x + 2], alpha: alpha))
                }
            }
        }
    }
}
