import Dispatch
import Foundation
import Logging
import TallyImage

/// Reads barcodes from an image and hands each to a lane as a scan, exactly as a hardware scanner would send
/// it (with its AIM symbology identifier, GS between GS1 fields). The watched folder and `POST /images` both
/// come through here.
public struct ImageIntake: Sendable {
    public let decoder: BarcodeImageDecoder
    let station: Station

    public init(limits: ImageLimits, station: Station) {
        self.decoder = BarcodeImageDecoder(limits: limits)
        self.station = station
    }

    /// What one image gave: its barcodes and what the lane made of each, or why nothing came of it.
    public struct Result: Sendable {
        public var barcodes: [DecodedBarcode]
        public var outcomes: [ScanOutcome]
        /// Why the image gave no scan (unreadable file, no barcode found); nil when it gave at least one.
        public var problem: String?
    }

    /// Decodes `bytes` away from Swift's cooperative threads (a large photo takes tens of milliseconds), then
    /// submits every barcode to `lane`. An image that cannot be read or holds no barcode is journaled as a
    /// refused scan with the reason, so the lane shows why the picture came to nothing.
    public func read(_ bytes: [UInt8], name: String, lane: String) async throws -> Result {
        let decoder = self.decoder
        let decoded: Swift.Result<[DecodedBarcode], ImageDecodingError> = await withCheckedContinuation {
            continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(
                    returning: Swift.Result { () throws(ImageDecodingError) in try decoder.decode(bytes) })
            }
        }
        let device = "image \(name)"
        let problem: String
        switch decoded {
        case .success(let barcodes) where !barcodes.isEmpty:
            var outcomes: [ScanOutcome] = []
            for barcode in barcodes {
                outcomes.append(try await station.submit(barcode.scanBytes, lane: lane, source: .image, device: device))
            }
            return Result(barcodes: barcodes, outcomes: outcomes, problem: nil)
        case .success: problem = "no barcode found in image \(name)"
        case .failure(let error): problem = "image \(name) cannot be read: \(error)"
        }
        let outcome = try await station.submit([], lane: lane, source: .image, device: device, refusal: problem)
        return Result(barcodes: [], outcomes: [outcome], problem: problem)
    }
}
