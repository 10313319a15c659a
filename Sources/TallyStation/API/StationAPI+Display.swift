import Foundation
import Hummingbird
import NIOCore
import ServiceLifecycle
import Synchronization

extension StationAPI {
    /// How often a quiet event stream sends a comment, so that proxies and the browser keep the connection.
    static let laneEventsKeepAlive: Duration = .seconds(15)
    /// How long the browser waits before it reconnects to a stream that broke (the `retry:` field).
    static let laneEventsRetryMilliseconds = 2000

    /// `GET /display` (the operator display, one lane with `?lane=` or all of them side by side) and
    /// `GET /lane-events` (every lane's state as server-sent events, `?lane=` for one).
    static func addDisplayRoutes(to router: Router<BasicRequestContext>, station: Station) {
        let configuration = station.configuration
        router.get("display") { request, _ in
            try await respond {
                let lane = try displayedLane(request, configuration: configuration)
                let page = DisplayPage(
                    stationCode: configuration.stationCode, shopName: configuration.shop.name,
                    lanes: lane.map { [$0] } ?? configuration.lanes.map(\.id), currency: configuration.currency.code,
                    exponent: configuration.currency.minorUnitExponent)
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                        .contentSecurityPolicy: DisplayPage.contentSecurityPolicy,
                    ], body: .init(byteBuffer: ByteBuffer(string: try page.html())))
            }
        }
        router.get("lane-events") { request, _ in
            try await respond {
                let lane = try displayedLane(request, configuration: configuration)
                return Response(
                    status: .ok,
                    headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                    body: ResponseBody { writer in
                        // Ends when the client goes (its request's connection closes), when tallyd shuts down,
                        // or when a write fails; the station's watcher goes with it.
                        try await request.body.consumeWithCancellationOnInboundClose { _ in
                            try await streamLaneEvents(from: station, lane: lane, to: &writer)
                        }
                        try await writer.finish(nil)
                    })
            }
        }
    }

    /// The lane `?lane=` names, nil without one; an unknown lane is a 404 naming the lanes there are.
    private static func displayedLane(_ request: Request, configuration: StationConfiguration) throws -> String? {
        guard let lane = request.uri.queryParameters.get("lane").map({ String($0) }) else { return nil }
        guard configuration.lanes.contains(where: { $0.id == lane }) else {
            throw StationError.unknownLane(lane, known: configuration.lanes.map(\.id))
        }
        return lane
    }

    /// Writes `retry:`, then a `lane` event for each snapshot (every lane's first), and a comment every
    /// ``laneEventsKeepAlive`` until cancelled or shut down. The station never waits for this writer: snapshots
    /// go into a ``LaneEventMailbox`` that keeps only each lane's newest until the writer takes them.
    static func streamLaneEvents(
        from station: Station, lane: String?, to writer: inout any ResponseBodyWriter
    ) async throws {
        let mailbox = LaneEventMailbox()
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await snapshot in await station.laneChanges() where lane == nil || snapshot.lane == lane {
                        mailbox.post(snapshot)
                    }
                    mailbox.close()
                }
                group.addTask {
                    while true {
                        try await Task.sleep(for: laneEventsKeepAlive)
                        mailbox.keepAlive()
                    }
                }
                defer { group.cancelAll() }
                try await writer.write(ByteBuffer(string: "retry: \(laneEventsRetryMilliseconds)\n\n"))
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                for await _ in mailbox.deliveries {
                    let (snapshots, keepAlive) = mailbox.take()
                    var buffer = ByteBuffer()
                    for snapshot in snapshots {
                        // JSON without pretty printing is one line: a string's line breaks are escaped.
                        buffer.writeString("event: lane\ndata: ")
                        buffer.writeBytes(try encoder.encode(snapshot))
                        buffer.writeString("\n\n")
                    }
                    if snapshots.isEmpty, keepAlive { buffer.writeString(": keep-alive\n\n") }
                    if buffer.readableBytes > 0 { try await writer.write(buffer) }
                }
            }
        } onGracefulShutdown: {
            mailbox.close()
        }
    }
}

/// What one follower of the lanes has yet to be sent: each lane's newest snapshot, and whether a keep-alive is
/// due. Posting never waits; a snapshot replaces the lane's older one still waiting, so a slow follower skips
/// states it had no time to show but always gets each lane's latest.
final class LaneEventMailbox: Sendable {
    private struct Waiting {
        var snapshots: [LaneSnapshot] = []
        var keepAlive = false
    }

    private let waiting = Mutex(Waiting())
    private let doorbell: AsyncStream<Void>.Continuation
    /// Yields when something is waiting (once for any number of posts), and ends after ``close()``.
    let deliveries: AsyncStream<Void>

    init() {
        (deliveries, doorbell) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func post(_ snapshot: LaneSnapshot) {
        waiting.withLock { waiting in
            if let index = waiting.snapshots.firstIndex(where: { $0.lane == snapshot.lane }) {
                waiting.snapshots[index] = snapshot
            } else {
                waiting.snapshots.append(snapshot)
            }
        }
        doorbell.yield()
    }

    func keepAlive() {
        waiting.withLock { $0.keepAlive = true }
        doorbell.yield()
    }

    /// Everything waiting, in the order the lanes first changed, and whether a keep-alive was due.
    func take() -> (snapshots: [LaneSnapshot], keepAlive: Bool) {
        waiting.withLock { waiting in
            defer { waiting = Waiting() }
            return (waiting.snapshots, waiting.keepAlive)
        }
    }

    func close() {
        doorbell.finish()
    }
}
