import Foundation
import Testing

@testable import TallyImage

/// The stripe finder sees the bars of linear codes at their angle, and nothing where there are no bars.
struct StripeFinderTests {
    let finder = StripeFinder()

    func image(_ name: String) throws -> GrayImage {
        try ImageLoader.load(
            FileReader.read(Fixtures.path(name), maxBytes: ImageLimits.standard.maxFileBytes), limits: .standard)
    }

    /// The turn that sets bars straight again, folded into [-45°, 45°).
    static func straightening(_ degrees: Double) -> Double {
        var turn = (-degrees).truncatingRemainder(dividingBy: 90)
        if turn >= 45 { turn -= 90 }
        if turn < -45 { turn += 90 }
        return turn
    }

    @Test(.enabled(if: Fixtures.available), arguments: [0.0, 10, 25, 40, 55, 70, 85, -20])
    func angleOfATurnedCodeIsFoundWithinTwoDegrees(degrees: Double) throws {
        for name in ["ean8-1/1.png", "code128-1/1.png", "itf-1/10.png"] {
            let turned = try image(name).rotated(by: degrees)
            let result = finder.find(in: BarcodeImageDecoder.isPhoto(turned) ? turned.halved() : turned)
            let found = try #require(result.angles.first, "\(name) turned by \(degrees)°")
            var error = abs(found - StripeFinderTests.straightening(degrees))
            error = min(error, 90 - error)
            #expect(error <= 2, "\(name) turned by \(degrees)°: found \(found)")
            #expect(result.stripedTiles >= 4)
        }
    }

    @Test func plainGroundAndASingleEdgeHaveNoStripes() {
        #expect(finder.find(in: GrayImage(width: 320, height: 240, filledWith: 200)).stripedTiles == 0)
        // A dark half and a light half: one long straight edge, which is no barcode.
        var halves = GrayImage(width: 320, height: 240, filledWith: 230)
        for y in 0..<240 {
            for x in 0..<(100 + y / 3) { halves.pixels[y * 320 + x] = 20 }
        }
        #expect(finder.find(in: halves).stripedTiles == 0)
        // Noise: strong edges in every direction.
        var state: UInt64 = 7
        let noise = GrayImage(
            width: 320, height: 240,
            pixels: (0..<(320 * 240)).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1
                return UInt8(truncatingIfNeeded: state >> 56)
            })
        #expect(finder.find(in: noise).stripedTiles == 0)
    }

    @Test func tooSmallForATileIsNoStripes() {
        #expect(finder.find(in: GrayImage(width: 10, height: 300, filledWith: 0)) == .init(stripedTiles: 0, angles: []))
    }

    @Test(.enabled(if: Fixtures.has("falsepositives"), "the false-positive set is kept beside the repository"))
    func mostPhotographsWithoutCodesHaveNoStripes() throws {
        let photos = try Fixtures.images(in: "falsepositives")
        let striped = try photos.filter { photo in
            let loaded = try ImageLoader.load(
                FileReader.read(photo.path, maxBytes: ImageLimits.standard.maxFileBytes), limits: .standard)
            return finder.find(in: loaded.halved()).stripedTiles > 0
        }
        #expect(striped.count * 4 <= photos.count, "\(striped.map(\.path))")
    }
}
