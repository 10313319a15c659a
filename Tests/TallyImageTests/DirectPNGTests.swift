import Foundation
import Testing

@testable import TallyImage

/// The direct PNG reader against libpng: every colour type, every filter type, transparency, split image data,
/// and the fixture photographs must come out pixel for pixel as libpng reads them; anything the direct reader
/// does not handle must reach libpng.
struct DirectPNGTests {
    /// A PNG written sample by sample: each row gets the filter `row % 5`, so every filter is used on every kind
    /// of image, and the image data is split over several IDAT chunks.
    struct Encoder {
        var width: Int
        var height: Int
        var colorType: UInt8
        var bitDepth: UInt8 = 8
        var interlace: UInt8 = 0
        var palette: [UInt8]?
        var transparency: [UInt8]?
        var samples: [UInt8]

        /// Bytes per pixel.
        var channels: Int { [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colorType]! * Int(bitDepth) / 8 }

        func filtered() -> [UInt8] {
            let rowBytes = width * channels
            var out: [UInt8] = []
            for y in 0..<height {
                let filter = UInt8(y % 5)
                out.append(filter)
                for x in 0..<rowBytes {
                    let value = Int(samples[y * rowBytes + x])
                    let left = x >= channels ? Int(samples[y * rowBytes + x - channels]) : 0
                    let above = y > 0 ? Int(samples[(y - 1) * rowBytes + x]) : 0
                    let upperLeft = y > 0 && x >= channels ? Int(samples[(y - 1) * rowBytes + x - channels]) : 0
                    let predictor: Int
                    switch filter {
                    case 0: predictor = 0
                    case 1: predictor = left
                    case 2: predictor = above
                    case 3: predictor = (left + above) / 2
                    default:
                        let estimate = left + above - upperLeft
                        let (toLeft, toAbove, toUpperLeft) =
                            (abs(estimate - left), abs(estimate - above), abs(estimate - upperLeft))
                        predictor =
                            toLeft <= toAbove && toLeft <= toUpperLeft
                            ? left : (toAbove <= toUpperLeft ? above : upperLeft)
                    }
                    out.append(UInt8(truncatingIfNeeded: value - predictor))
                }
            }
            return out
        }

        func png(idatPieces: Int = 3) -> [UInt8] {
            var extra: [(String, [UInt8])] = []
            if let palette { extra.append(("PLTE", palette)) }
            if let transparency { extra.append(("tRNS", transparency)) }
            extra.append(("tEXt", Array("Comment\u{0}made for a test".utf8)))
            return TestImages.png(
                width: width, height: height, bitDepth: bitDepth, colorType: colorType, interlace: interlace,
                extra: extra, filteredRows: filtered(), idatPieces: idatPieces)
        }
    }

    /// Samples with edges, gradients and noise, so that the filters meet every case.
    static func samples(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { index in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let noise = UInt8(truncatingIfNeeded: state >> 59)
            return index % 7 < 3
                ? UInt8(truncatingIfNeeded: index &* 3) &+ noise : UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    static func encoder(colorType: UInt8, width: Int = 37, height: Int = 23) -> Encoder {
        let channels = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colorType]!
        var encoder = Encoder(
            width: width, height: height, colorType: colorType,
            samples: samples(count: width * height * channels, seed: UInt64(colorType) + 1))
        if colorType == 3 {
            // 200 palette entries; indices above them are out of range, which the reader must survive.
            encoder.palette = samples(count: 600, seed: 99)
            encoder.samples = encoder.samples.map { $0 % 200 }
        }
        return encoder
    }

    func bothWays(_ file: [UInt8]) throws -> (direct: GrayImage, libpng: GrayImage) {
        let direct = try #require(try DirectPNG.load(file, limits: .standard), "the direct reader left it to libpng")
        let libpng = try ImageLoader.loadPNGWithLibpng(file, limits: .standard)
        return (direct, libpng)
    }

    @Test(arguments: [UInt8(0), 2, 3, 4, 6])
    func everyColourTypeAndFilterMatchesLibpng(colorType: UInt8) throws {
        let (direct, libpng) = try bothWays(DirectPNGTests.encoder(colorType: colorType).png())
        #expect(direct.width == libpng.width && direct.height == libpng.height)
        if colorType == 4 || colorType == 6 {
            // Both composite onto white in linear light; libpng's 16-bit fixed-point tables round half-transparent
            // pixels a few levels differently (compositing in sRGB instead would be up to 70 levels off).
            let difference = zip(direct.pixels, libpng.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
            #expect(difference <= 6)
            let opaque = DirectPNGTests.encoder(colorType: colorType)
            var solid = opaque
            let channels = colorType == 4 ? 2 : 4
            for index in stride(from: channels - 1, to: solid.samples.count, by: channels) {
                solid.samples[index] = 255
            }
            let (solidDirect, solidLibpng) = try bothWays(solid.png())
            #expect(solidDirect.pixels == solidLibpng.pixels)
        } else {
            #expect(direct.pixels == libpng.pixels)
        }
    }

    @Test func transparentPaletteEntriesAndColourKeysBecomeWhite() throws {
        var palette = DirectPNGTests.encoder(colorType: 3)
        palette.transparency = [0, 255, 0]
        let (paletteDirect, _) = try bothWays(palette.png())
        for (index, sample) in palette.samples.enumerated() where sample == 0 || sample == 2 {
            #expect(paletteDirect.pixels[index] == 255)
        }

        var gray = DirectPNGTests.encoder(colorType: 0)
        let key = gray.samples[5]
        gray.transparency = [0, key]
        let (grayDirect, grayLibpng) = try bothWays(gray.png())
        #expect(grayDirect.pixels == grayLibpng.pixels)
        #expect(grayDirect.pixels[5] == 255)

        var rgb = DirectPNGTests.encoder(colorType: 2)
        rgb.transparency = [0, rgb.samples[0], 0, rgb.samples[1], 0, rgb.samples[2]]
        let (rgbDirect, rgbLibpng) = try bothWays(rgb.png())
        #expect(rgbDirect.pixels == rgbLibpng.pixels)
        #expect(rgbDirect.pixels[0] == 255)
    }

    @Test func oneIDATOrManyAndOnePixelWide() throws {
        for pieces in [1, 2, 9] {
            let (direct, libpng) = try bothWays(DirectPNGTests.encoder(colorType: 2).png(idatPieces: pieces))
            #expect(direct.pixels == libpng.pixels)
        }
        for colorType in [UInt8(0), 2, 6] {
            let thin = DirectPNGTests.encoder(colorType: colorType, width: 1, height: 9)
            let (direct, libpng) = try bothWays(thin.png())
            #expect(direct.pixels == libpng.pixels || colorType == 6)
        }
    }

    @Test func otherKindsAreLeftToLibpng() throws {
        var sixteenBit = DirectPNGTests.encoder(colorType: 0, width: 8, height: 4)
        sixteenBit.bitDepth = 16
        sixteenBit.samples = DirectPNGTests.samples(count: 8 * 4 * 2, seed: 5)
        #expect(try DirectPNG.load(sixteenBit.png(), limits: .standard) == nil)
        let wide = try ImageLoader.load(sixteenBit.png(), limits: .standard)
        #expect(wide.width == 8 && wide.height == 4)

        var interlaced = DirectPNGTests.encoder(colorType: 0)
        interlaced.interlace = 1
        #expect(try DirectPNG.load(interlaced.png(), limits: .standard) == nil)
    }

    @Test func damagedFilesAreLeftToLibpngWhichSaysWhatIsWrong() throws {
        let good = DirectPNGTests.encoder(colorType: 2).png()
        // A flipped bit in the image data: the chunk's CRC no longer matches.
        var badCRC = good
        badCRC[badCRC.count - 30] ^= 0x10
        #expect(try DirectPNG.load(badCRC, limits: .standard) == nil)
        #expect(throws: ImageDecodingError.self) { try ImageLoader.load(badCRC, limits: .standard) }

        // Cut before IEND.
        let cut = Array(good.dropLast(12))
        #expect(try DirectPNG.load(cut, limits: .standard) == nil)

        // An unknown filter type in the first row, with the CRCs right.
        var encoder = DirectPNGTests.encoder(colorType: 0, width: 4, height: 2)
        encoder.samples = [1, 2, 3, 4, 5, 6, 7, 8]
        var raw = encoder.filtered()
        raw[0] = 9
        let unknownFilter = TestImages.png(width: 4, height: 2, colorType: 0, filteredRows: raw)
        #expect(try DirectPNG.load(unknownFilter, limits: .standard) == nil)

        // Too little image data for the size announced.
        #expect(try DirectPNG.load(TestImages.pngClaiming(width: 64, height: 64), limits: .standard) == nil)
        #expect(throws: ImageDecodingError.self) {
            try ImageLoader.load(TestImages.pngClaiming(width: 64, height: 64), limits: .standard)
        }
    }

    @Test func headerBeyondThePixelLimitIsRefusedBeforeInflating() {
        #expect(throws: ImageDecodingError.tooManyPixels(width: 100_000, height: 100_000, limit: 40_000_000)) {
            try DirectPNG.load(TestImages.pngClaiming(width: 100_000, height: 100_000), limits: .standard)
        }
    }

    /// The first photograph of every set: phone photos, scans and generated codes in RGB, RGBA, gray and
    /// palette PNGs.
    @Test(.enabled(if: Fixtures.available)) func fixturePhotographsMatchLibpng() throws {
        let sets = try FileManager.default.contentsOfDirectory(atPath: Fixtures.directory).sorted()
        var compared = 0
        for set in sets {
            guard let images = try? Fixtures.images(in: set) else { continue }
            for image in images.prefix(1) {
                let file = try FileReader.read(image.path, maxBytes: ImageLimits.standard.maxFileBytes)
                let libpng = try ImageLoader.loadPNGWithLibpng(file, limits: .standard)
                guard let direct = try DirectPNG.load(file, limits: .standard) else { continue }
                #expect(direct.pixels == libpng.pixels, "\(image.path)")
                compared += 1
            }
        }
        #expect(compared > 0)
    }
}
