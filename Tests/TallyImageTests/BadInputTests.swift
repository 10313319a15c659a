import Foundation
import Testing

@testable import TallyImage

/// Damaged, hostile and missing files are typed errors with a clear message, never a crash.
struct BadInputTests {
    let decoder = BarcodeImageDecoder()

    func error(_ data: [UInt8], limits: ImageLimits = .standard) -> ImageDecodingError? {
        do {
            _ = try BarcodeImageDecoder(limits: limits).decode(data)
            return nil
        } catch {
            return error
        }
    }

    static func fixturePNG() throws -> [UInt8] {
        if Fixtures.available {
            return Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("ean13-1/1.png"))))
        }
        throw TestImageError(description: "fixtures missing")
    }

    @Test func emptyFile() {
        #expect(error([]) == .empty)
        #expect(ImageDecodingError.empty.description == "the file is empty")
    }

    @Test func garbage() {
        let bytes = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }
        #expect(error(bytes) == .unsupportedFormat)
        #expect(ImageDecodingError.unsupportedFormat.description == "not a PNG or JPEG image")
    }

    @Test func garbageAfterAPNGSignature() {
        let bytes = ImageLoader.pngSignature + (0..<500).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        guard case .corrupt(let format, _)? = error(bytes) else {
            Issue.record("expected a corrupt-PNG error")
            return
        }
        #expect(format == "PNG")
    }

    @Test func pngClaimingTenBillionPixelsIsRefusedBeforeDecompressing() {
        let bomb = TestImages.pngClaiming(width: 100_000, height: 100_000)
        let refused = error(bomb)
        #expect(refused == .tooManyPixels(width: 100_000, height: 100_000, limit: ImageLimits.standard.maxPixels))
        #expect(refused?.description.contains("100000×100000") == true)
    }

    @Test func damagedSmallPNGIsCorrupt() {
        guard case .corrupt(let format, _)? = error(TestImages.pngClaiming(width: 10, height: 10)) else {
            Issue.record("expected a corrupt-PNG error")
            return
        }
        #expect(format == "PNG")
    }

    @Test func fileLargerThanTheLimit() {
        let limits = ImageLimits(maxFileBytes: 1000, maxPixels: 1_000_000)
        #expect(error([UInt8](repeating: 0, count: 1001), limits: limits) == .fileTooLarge(bytes: 1001, limit: 1000))
    }

    @Test(.enabled(if: Fixtures.available)) func truncatedPNG() throws {
        let png = try BadInputTests.fixturePNG()
        for length in [png.count / 2, png.count - 20, 40] {
            guard case .corrupt(let format, let reason)? = error(Array(png.prefix(length))) else {
                Issue.record("a PNG cut to \(length) bytes was not reported as corrupt")
                continue
            }
            #expect(format == "PNG")
            #expect(!reason.isEmpty)
        }
    }

    @Test(.enabled(if: Fixtures.available)) func truncatedJPEG() throws {
        let image = try ImageLoader.load(try BadInputTests.fixturePNG(), limits: .standard)
        let jpeg = try TestImages.jpeg(image, quality: 85)
        for length in [jpeg.count / 2, jpeg.count - 10, 100, 3] {
            guard case .corrupt(let format, _)? = error(Array(jpeg.prefix(length))) else {
                Issue.record("a JPEG cut to \(length) bytes was not reported as corrupt")
                continue
            }
            #expect(format == "JPEG")
        }
    }

    @Test func jpegClaimingHugeDimensionsIsRefused() throws {
        let image = GrayImage(width: 16, height: 16, filledWith: 200)
        var jpeg = try TestImages.jpeg(image, quality: 80)
        // Patch the SOF0 frame header: height and width 60000.
        let marker = try #require(jpeg.indices.first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC0 })
        jpeg.replaceSubrange((marker + 5)...(marker + 8), with: [0xEA, 0x60, 0xEA, 0x60])
        #expect(error(jpeg) == .tooManyPixels(width: 60000, height: 60000, limit: ImageLimits.standard.maxPixels))
    }

    @Test func missingFileAndDirectory() {
        #expect(throws: ImageDecodingError.self) { try decoder.decode(file: "/nonexistent/picture.png") }
        do {
            _ = try decoder.decode(file: "/nonexistent/picture.png")
        } catch {
            #expect(error.description.hasPrefix("cannot read /nonexistent/picture.png: "))
        }
        #expect(throws: ImageDecodingError.self) { try decoder.decode(file: "/tmp") }
    }

    @Test func pixelBufferOfTheWrongSize() {
        #expect(throws: ImageDecodingError.invalidPixelBuffer(width: 10, height: 10, bytes: 99)) {
            try decoder.decode(grayscale: [UInt8](repeating: 0, count: 99), width: 10, height: 10)
        }
    }

    @Test func blankImageHasNoBarcodes() throws {
        #expect(
            try decoder.decode(grayscale: [UInt8](repeating: 255, count: 640 * 480), width: 640, height: 480).isEmpty)
    }
}
