import Foundation
import Hummingbird
import NIOCore
import TallyCore
import TallyScan

/// The station's local HTTP API: scans in, lane state, tenders and commands, receipts and reports out.
///
/// It listens on loopback by default. `POST /scans` answers only once the scan is durable in the database.
/// Every body is JSON and at most 64 KiB; a bad request gets a 4xx answer with a message saying what to fix,
/// and never changes anything.
public enum StationAPI {
    static let maximumBody = 64 * 1024

    /// The router with every route of the API. `scanners` is the live scanner reader, whose devices
    /// `GET /devices` lists; `sync` the engine `GET /sync` reports on.
    public static func router(
        station: Station, scanners: ScannerReader? = nil, sync: SyncEngine? = nil
    ) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("health") { _, _ in try json(["status": "ok"]) }
        if let sync { addSyncRoutes(to: router, sync: sync) }
        addInputRoutes(to: router, station: station, scanners: scanners)
        addDisplayRoutes(to: router, station: station)
        router.post("scans") { request, _ in
            try await respond {
                let body = try await decode(ScanRequest.self, from: request)
                let bytes = try scanBytes(body)
                let lane = body.lane ?? station.configuration.lanes[0].id
                let outcome = try await station.submit(
                    bytes, lane: lane, source: .api, device: body.device ?? "api", id: body.id)
                return try json(outcome, status: outcome.accepted ? .created : .unprocessableContent)
            }
        }
        router.get("scans") { request, _ in
            try await respond {
                let rejected = request.uri.queryParameters.get("rejected") == "true"
                let limit = min(Int(request.uri.queryParameters.get("limit") ?? "") ?? 20, 500)
                let lane = request.uri.queryParameters.get("lane").map { String($0) }
                let entries = try station.database.recentScans(lane: lane, rejectedOnly: rejected, limit: limit)
                return try json(entries.map(JournalEntryView.init))
            }
        }
        router.get("lanes") { _, _ in
            try await respond {
                var snapshots: [LaneSnapshot] = []
                for lane in await station.laneIDs { snapshots.append(try await station.snapshot(lane: lane)) }
                return try json(snapshots)
            }
        }
        router.get("lanes/:lane") { _, context in
            try await respond { try json(try await station.snapshot(lane: try context.parameters.require("lane"))) }
        }
        for (path, prefix) in [("lanes/:lane/:command", ""), ("lanes/:lane/return/:command", "return-")] {
            router.post(RouterPath(path)) { request, context in
                try await respond {
                    let lane = try context.parameters.require("lane")
                    let name = prefix + (try context.parameters.require("command"))
                    let command = try await laneCommand(name, request: request, currency: station.context.currency)
                    let outcome = try await station.perform(command, lane: lane)
                    return try json(outcome, status: outcome.accepted ? .ok : .unprocessableContent)
                }
            }
        }
        addReceiptRoutes(to: router, station: station)
        return router
    }

    private static func addReceiptRoutes(to router: Router<BasicRequestContext>, station: Station) {
        router.get("receipts") { request, _ in
            try await respond {
                let limit = min(Int(request.uri.queryParameters.get("limit") ?? "") ?? 10, 500)
                var views: [ReceiptView] = []
                for number in try station.database.recentReceiptNumbers(limit: limit) {
                    if let receipt = try await station.receipt(number: number) { views.append(ReceiptView(receipt)) }
                }
                return try json(views)
            }
        }
        router.get("receipts/:number") { request, context in
            try await respond {
                guard let number = Int(try context.parameters.require("number")), number > 0 else {
                    throw APIError.badRequest("a receipt number is a positive whole number")
                }
                guard let receipt = try await station.receipt(number: number) else {
                    throw APIError.notFound("receipt \(number) does not exist")
                }
                let document = try station.configuration.document(for: receipt, isCopy: receipt.printCount > 1)
                return try render(document, request: request)
            }
        }
        router.post("receipts/:number/print") { request, context in
            try await respond {
                guard let number = Int(try context.parameters.require("number")), number > 0 else {
                    throw APIError.badRequest("a receipt number is a positive whole number")
                }
                guard try await station.receipt(number: number) != nil else {
                    throw APIError.notFound("receipt \(number) does not exist")
                }
                let lane =
                    request.uri.queryParameters.get("lane").map { String($0) } ?? station.configuration.lanes[0].id
                try await station.reprint(receipt: number, lane: lane)
                return try json(["queued": "receipt \(number), marked as a copy"])
            }
        }
        router.get("reports/x") { request, _ in
            try await respond {
                try render(try station.configuration.document(for: try await station.xReport()), request: request)
            }
        }
        router.post("reports/z") { request, _ in
            try await respond {
                let body = try await decode(ZReportBody.self, from: request)
                let counted = try Money.parse(
                    body.countedCash, field: "countedCash", currency: station.context.currency)
                let report = try await station.zReport(countedCash: counted)
                return try render(try station.configuration.document(for: report), request: request)
            }
        }
        router.get("verify") { _, _ in
            try await respond {
                let report = try station.database.verify()
                return try json(["sound": report.isSound ? "yes" : "no", "report": report.description])
            }
        }
    }
}
