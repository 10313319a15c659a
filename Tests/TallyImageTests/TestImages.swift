import CDeflate
import CDmtx
import CJPEG

@testable import TallyImage

struct TestImageError: Error, CustomStringConvertible {
    var description: String
}

/// Images made in the test: JPEG through TurboJPEG, Data Matrix through libdmtx's encoder, PNG chunk by chunk.
enum TestImages {
    static func jpeg(_ image: GrayImage, quality: Int32) throws -> [UInt8] {
        guard let handle = tjInitCompress() else { throw TestImageError(description: "no JPEG compressor") }
        defer { tjDestroy(handle) }
        var buffer: UnsafeMutablePointer<UInt8>? = nil
        var size: UInt = 0
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            tjCompress2(
                handle, pixels.baseAddress, Int32(image.width), 0, Int32(image.height), Int32(TJPF_GRAY.rawValue),
                &buffer, &size, Int32(TJSAMP_GRAY.rawValue), quality, 0)
        }
        defer { tjFree(buffer) }
        guard status == 0, let buffer else { throw TestImageError(description: "JPEG compression failed") }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
    }

    /// A Data Matrix of `message`; with `fnc1`, every GS in the message is encoded as FNC1.
    static func dataMatrix(_ message: [UInt8], fnc1: Bool) throws -> GrayImage {
        var encoder = dmtxEncodeCreate()
        defer { dmtxEncodeDestroy(&encoder) }
        guard let encoder else { throw TestImageError(description: "no Data Matrix encoder") }
        dmtxEncodeSetProp(encoder, Int32(DmtxPropModuleSize.rawValue), 6)
        dmtxEncodeSetProp(encoder, Int32(DmtxPropMarginSize.rawValue), 24)
        if fnc1 { dmtxEncodeSetProp(encoder, Int32(DmtxPropFnc1.rawValue), 0x1D) }
        var input = message
        let status = input.withUnsafeMutableBufferPointer { bytes in
            dmtxEncodeDataMatrix(encoder, Int32(bytes.count), bytes.baseAddress)
        }
        guard status == DmtxPass, let image = encoder.pointee.image?.pointee, let pixels = image.pxl else {
            throw TestImageError(description: "Data Matrix encoding failed")
        }
        let width = Int(image.width)
        let height = Int(image.height)
        let bytesPerPixel = Int(image.bytesPerPixel)
        let rowBytes = Int(image.rowSizeBytes)
        var gray = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height {
            for x in 0..<width { gray[y * width + x] = pixels[y * rowBytes + x * bytesPerPixel] }
        }
        return GrayImage(width: width, height: height, pixels: gray)
    }

    /// A small PNG that announces `width × height` 8-bit RGB pixels: a decompression bomb's header, then a few
    /// bytes of compressed data and the end.
    static func pngClaiming(width: UInt32, height: UInt32) -> [UInt8] {
        let header = bigEndian(width) + bigEndian(height) + [8, 2, 0, 0, 0]
        // A zlib stream of one stored block: far too little data for the image announced.
        let data: [UInt8] = [0x78, 0x01, 0x01, 0x04, 0x00, 0xFB, 0xFF, 0, 0, 0, 0, 0x00, 0x00, 0x00, 0x01]
        return ImageLoader.pngSignature + pngChunk("IHDR", header) + pngChunk("IDAT", data) + pngChunk("IEND", [])
    }

    /// A PNG around already filtered rows: the header, any `extra` chunks, the rows compressed with libdeflate
    /// and split over `idatPieces` IDAT chunks, and the end.
    static func png(
        width: Int, height: Int, bitDepth: UInt8 = 8, colorType: UInt8, interlace: UInt8 = 0,
        extra: [(String, [UInt8])] = [], filteredRows: [UInt8], idatPieces: Int = 1
    ) -> [UInt8] {
        var compressed = [UInt8](repeating: 0, count: filteredRows.count + 1024)
        let compressor = libdeflate_alloc_compressor(6)
        defer { libdeflate_free_compressor(compressor) }
        let size = libdeflate_zlib_compress(
            compressor, filteredRows, filteredRows.count, &compressed, compressed.count)
        compressed.removeSubrange(size...)
        let header =
            bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [bitDepth, colorType, 0, 0, interlace]
        var file = ImageLoader.pngSignature + pngChunk("IHDR", header)
        for (type, data) in extra { file += pngChunk(type, data) }
        let piece = max(1, (compressed.count + idatPieces - 1) / idatPieces)
        for start in stride(from: 0, to: compressed.count, by: piece) {
            file += pngChunk("IDAT", Array(compressed[start..<min(compressed.count, start + piece)]))
        }
        return file + pngChunk("IEND", [])
    }

    static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
