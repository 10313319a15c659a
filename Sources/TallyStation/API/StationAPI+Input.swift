import Foundation
import Hummingbird
import NIOCore
import TallyImage
import TallyScan

extension StationAPI {
    /// `POST /images` (a picture of a label, read like a scan) and `GET /devices` (the scanners tallyd reads).
    static func addInputRoutes(to router: Router<BasicRequestContext>, station: Station, scanners: ScannerReader?) {
        let images = station.configuration.images
        let intake = ImageIntake(limits: images.limits, station: station)
        router.post("images") { request, _ in
            try await respond {
                let lane = request.uri.queryParameters.get("lane").map { String($0) } ?? images.lane
                guard station.configuration.lanes.contains(where: { $0.id == lane }) else {
                    throw APIError.notFound("lane \(lane) does not exist")
                }
                let name = request.uri.queryParameters.get("name").map { String($0) } ?? "posted"
                guard name.utf8.count <= 200, !name.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
                    throw APIError.badRequest("\"name\" must be at most 200 characters without control characters")
                }
                let buffer: ByteBuffer
                do {
                    buffer = try await request.body.collect(upTo: images.limits.maxFileBytes)
                } catch {
                    throw APIError(
                        status: 413, description: "the image is larger than \(images.limits.maxFileBytes) bytes")
                }
                guard buffer.readableBytes > 0 else {
                    throw APIError.badRequest("the body is empty; send the PNG or JPEG file itself as the body")
                }
                let result = try await intake.read(Array(buffer.readableBytesView), name: name, lane: lane)
                let view = ImageResultView(
                    lane: lane,
                    results: result.barcodes.map {
                        .init(text: String(decoding: $0.text, as: UTF8.self), symbology: $0.symbology, aim: $0.aim)
                    }, scans: result.outcomes, error: result.problem)
                let accepted = result.problem == nil && result.outcomes.contains(where: \.accepted)
                return try json(view, status: accepted ? .created : .unprocessableContent)
            }
        }
        router.get("devices") { _, _ in
            try await respond {
                let devices = scanners?.devices() ?? []
                return try json(
                    devices.map {
                        DeviceView(
                            scanner: $0.scanner, lane: $0.lane, path: $0.device.path, name: $0.device.name,
                            usb: ScannerMatch.usb(vendor: $0.device.vendor, product: $0.device.product).description,
                            exclusive: $0.grabbed, problem: $0.problem)
                    })
            }
        }
    }
}

/// The answer to `POST /images`: the barcodes found and what the lane made of each.
struct ImageResultView: Encodable {
    struct Barcode: Encodable {
        var text: String
        var symbology: String
        var aim: String
    }

    var lane: String
    var results: [Barcode]
    var scans: [ScanOutcome]
    var error: String?
}

/// One device in `GET /devices`.
struct DeviceView: Encodable {
    var scanner: String
    var lane: String
    var path: String
    var name: String
    var usb: String
    var exclusive: Bool
    var problem: String?
}
