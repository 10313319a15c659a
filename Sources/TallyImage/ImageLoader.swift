import CJPEG
import CPNG

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns PNG and JPEG bytes into 8-bit grayscale, refusing files beyond the limits before decompressing them.
///
/// PNG goes through ``DirectPNG`` when it is of the common kind and through libpng's simplified API otherwise, JPEG
/// through libjpeg-turbo's TurboJPEG API: both libraries' APIs report errors as return values, where their classic
/// APIs would need `setjmp`/`longjmp`, which Swift cannot use.
enum ImageLoader {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func load(_ data: [UInt8], limits: ImageLimits) throws(ImageDecodingError) -> GrayImage {
        if data.isEmpty { throw .empty }
        if data.count > limits.maxFileBytes { throw .fileTooLarge(bytes: data.count, limit: limits.maxFileBytes) }
        if data.starts(with: pngSignature) { return try loadPNG(data, limits: limits) }
        if data.count >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF {
            return try loadJPEG(data, limits: limits)
        }
        throw .unsupportedFormat
    }

    static func checkPixels(
        width: Int, height: Int, limits: ImageLimits, format: String = "image"
    )
        throws(ImageDecodingError)
    {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        if overflow || pixels > limits.maxPixels {
            throw .tooManyPixels(width: width, height: height, limit: limits.maxPixels)
        }
        if width <= 0 || height <= 0 { throw .corrupt(format: format, reason: "it has no pixels") }
    }

    // MARK: PNG

    static func loadPNG(_ data: [UInt8], limits: ImageLimits) throws(ImageDecodingError) -> GrayImage {
        if let image = try DirectPNG.load(data, limits: limits) { return image }
        return try loadPNGWithLibpng(data, limits: limits)
    }

    static func loadPNGWithLibpng(_ data: [UInt8], limits: ImageLimits) throws(ImageDecodingError) -> GrayImage {
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        let began = data.withUnsafeBytes { bytes in
            png_image_begin_read_from_memory(&image, bytes.baseAddress, bytes.count)
        }
        if began == 0 { throw .corrupt(format: "PNG", reason: message(of: image)) }
        let width = Int(image.width)
        let height = Int(image.height)
        try checkPixels(width: width, height: height, limits: limits, format: "PNG")
        // Colour images are read as RGB and turned gray here: libpng's own RGB-to-gray conversion works in linear
        // light, which is exact but costs a third of the decoding time, and bars do not need it.
        let isColor = image.format & png_uint_32(PNG_FORMAT_FLAG_COLOR) != 0
        let channels = isColor ? 3 : 1
        image.format = isColor ? png_uint_32(PNG_FORMAT_FLAG_COLOR) : png_uint_32(PNG_FORMAT_GRAY)
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        // Transparent pixels are composited onto white, the paper a barcode is printed on.
        var white = png_color(red: 255, green: 255, blue: 255)
        let finished = pixels.withUnsafeMutableBytes { buffer in
            png_image_finish_read(&image, &white, buffer.baseAddress, png_int_32(width * channels), nil)
        }
        if finished == 0 { throw .corrupt(format: "PNG", reason: message(of: image)) }
        if isColor { pixels = grayFromRGB(pixels, count: width * height) }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// Luma from 8-bit sRGB with the BT.601 weights, in integer arithmetic.
    static func grayFromRGB(_ rgb: [UInt8], count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { gray, initialized in
            rgb.withUnsafeBufferPointer { source in
                for index in 0..<count {
                    gray[index] = DirectPNG.GrayTable.luma(
                        source[3 * index], source[3 * index + 1], source[3 * index + 2])
                }
            }
            initialized = count
        }
    }

    private static func message(of image: png_image) -> String {
        var text = image.message
        let result = withUnsafeBytes(of: &text) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return result.isEmpty ? "unknown error" : result
    }

    // MARK: JPEG

    static func loadJPEG(_ data: [UInt8], limits: ImageLimits) throws(ImageDecodingError) -> GrayImage {
        guard let handle = tjInitDecompress() else {
            throw .corrupt(format: "JPEG", reason: "the JPEG decoder could not be created")
        }
        defer { tjDestroy(handle) }
        var width: Int32 = 0
        var height: Int32 = 0
        var subsampling: Int32 = 0
        var colorspace: Int32 = 0
        let headerRead = data.withUnsafeBufferPointer { bytes in
            tjDecompressHeader3(
                handle, bytes.baseAddress, UInt(bytes.count), &width, &height, &subsampling, &colorspace)
        }
        if headerRead != 0 { throw .corrupt(format: "JPEG", reason: errorText(handle)) }
        try checkPixels(width: Int(width), height: Int(height), limits: limits, format: "JPEG")
        var pixels = [UInt8](repeating: 0, count: Int(width) * Int(height))
        // At most 500 progressive scans: a JPEG with thousands of tiny scans takes minutes to decode.
        let flags = TJFLAG_LIMITSCANS | TJFLAG_ACCURATEDCT
        let status = data.withUnsafeBufferPointer { bytes in
            pixels.withUnsafeMutableBufferPointer { out in
                tjDecompress2(
                    handle, bytes.baseAddress, UInt(bytes.count), out.baseAddress, width, width, height,
                    Int32(TJPF_GRAY.rawValue), flags)
            }
        }
        if status != 0 {
            let text = errorText(handle)
            // A warning leaves a usable image, except when the data ends early: the rest of the picture is then
            // made up by the decoder, so the file is reported as truncated.
            if tjGetErrorCode(handle) == Int32(TJERR_FATAL.rawValue) || text.hasPrefix("Premature end") {
                throw .corrupt(format: "JPEG", reason: text)
            }
        }
        return GrayImage(width: Int(width), height: Int(height), pixels: pixels)
    }

    private static func errorText(_ handle: tjhandle) -> String {
        guard let text = tjGetErrorStr2(handle) else { return "unknown error" }
        return String(cString: text)
    }
}
