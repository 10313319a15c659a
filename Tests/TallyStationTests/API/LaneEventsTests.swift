import Foundation
import Hummingbird
import HummingbirdTesting
import TallyCore
import Testing

@testable import TallyStation

/// `GET /lane-events` over a real socket: the first burst, a follower that goes away, a follower that does not read,
/// and the mailbox that keeps each lane's newest snapshot for a slow follower.
@Suite("Lane events")
struct LaneEventsTests {
    static func snapshot(_ lane: String, message: String) -> LaneSnapshot {
        LaneSnapshot(
            lane: lane, mode: "SALE", currency: "EUR", basket: nil, return: nil, receiving: nil, count: nil,
            lastRejection: nil, lastReceipt: nil, lastMessage: message)
    }

    @Test func aSlowFollowerGetsEachLanesNewestSnapshot() {
        let mailbox = LaneEventMailbox()
        mailbox.post(Self.snapshot("till", message: "1"))
        mailbox.post(Self.snapshot("dock", message: "2"))
        mailbox.post(Self.snapshot("till", message: "3"))
        let first = mailbox.take()
        #expect(first.snapshots.map(\.lane) == ["till", "dock"])
        #expect(first.snapshots.map(\.lastMessage) == ["3", "2"])
        #expect(!first.keepAlive)
        mailbox.keepAlive()
        let second = mailbox.take()
        #expect(second.snapshots.isEmpty && second.keepAlive)
    }

    private func withLiveAPI(
        lanes: [String] = ["till", "dock"], _ body: @Sendable (Int, TestStation) async throws -> Void
    ) async throws {
        let test = try TestStation(lanes: lanes.map { LaneConfiguration(id: $0) })
        defer { test.remove() }
        let app = Application(router: StationAPI.router(station: test.station))
        try await app.test(.live) { client in
            try await body(try #require(client.port), test)
        }
    }

    /// Waits up to 60 s for the station to have `count` followers.
    private func followers(_ station: Station, become count: Int) async throws -> Int {
        for _ in 0..<1200 {
            if await station.watchers.count == count { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        return await station.watchers.count
    }

    @Test func everyLaneComesFirstAndAFollowerThatLeavesIsForgotten() async throws {
        try await withLiveAPI { port, test in
            let stream = try EventStreamReader(port: port, path: "/lane-events")
            defer { stream.close() }
            let first = try await stream.events(atLeast: 2)
            #expect(stream.text.contains("retry: 2000\n\n"))
            #expect(stream.text.contains("Content-Type: text/event-stream"))
            #expect(first.map(\.lane) == ["till", "dock"])
            #expect(try await followers(test.station, become: 1) == 1)
            try await test.scan(Demo.pen)
            let next = try await stream.events(atLeast: 3)
            #expect(next[2].lane == "till" && next[2].basket?.lines.count == 1)
            stream.close()
            #expect(try await followers(test.station, become: 0) == 0, "the stream ended when its client went")
            try await test.scan(Demo.pen)
        }
    }

    @Test func oneLaneOnlyWithItsName() async throws {
        try await withLiveAPI { port, test in
            let stream = try EventStreamReader(port: port, path: "/lane-events?lane=dock")
            defer { stream.close() }
            _ = try await stream.events(atLeast: 1)
            try await test.scan(Demo.pen)
            try await test.scan(Demo.pen, lane: "dock")
            let events = try await stream.events(atLeast: 2)
            #expect(events.allSatisfy { $0.lane == "dock" })
            #expect(events[1].basket?.lines.first?.quantity == 1)
            let unknown = try EventStreamReader(port: port, path: "/lane-events?lane=nowhere")
            defer { unknown.close() }
            _ = try await unknown.read(until: { $0.contains("\r\n\r\n") && $0.contains("}") })
            #expect(unknown.text.hasPrefix("HTTP/1.1 404"), "\(unknown.text)")
        }
    }

    @Test func aFollowerThatDoesNotReadHoldsNoScanUp() async throws {
        try await withLiveAPI { port, test in
            // A tiny receive buffer, never read while the till scans: the server's writes back up at once.
            let stalled = try EventStreamReader(port: port, path: "/lane-events", receiveBuffer: 2048)
            defer { stalled.close() }
            #expect(try await followers(test.station, become: 1) == 1)
            let scans = 1500
            for _ in 0..<scans { try await test.scan(Demo.pen) }
            let quantity = try await test.station.snapshot(lane: "till").basket?.lines.first?.quantity
            #expect(quantity == Int64(scans), "every scan was handled while the follower read nothing")
            let events = try await stalled.events { events in
                events.last(where: { $0.lane == "till" })?.basket?.lines.first?.quantity == Int64(scans)
            }
            let tillEvents = events.filter { $0.lane == "till" }.count
            #expect(tillEvents <= scans + 1)
            print("lane events: a follower that did not read got \(tillEvents) till snapshots for \(scans) scans")
        }
    }
}

/// A plain HTTP/1.1 client on a socket that reads a server-sent event stream as it comes, without blocking the
/// test's threads.
final class EventStreamReader: @unchecked Sendable {
    private let socket: Int32
    private var isOpen = true
    private(set) var bytes: [UInt8] = []
    var text: String { String(decoding: bytes, as: UTF8.self) }

    init(port: Int, path: String, receiveBuffer: Int32? = nil) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        if var size = receiveBuffer {
            setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close()
            throw POSIXError(.init(rawValue: errno) ?? .ECONNREFUSED)
        }
        _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK)
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".utf8)
        guard send(socket, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else {
            close()
            throw POSIXError(.EIO)
        }
    }

    /// Reads until `done` holds on the text so far; throws after 60 s or when the server closes first.
    @discardableResult
    func read(until done: (String) -> Bool) async throws -> String {
        var chunk = [UInt8](repeating: 0, count: 65536)
        var isNew = true
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if isNew, done(text) { return text }
            let count = recv(socket, &chunk, chunk.count, 0)
            isNew = count > 0
            if count > 0 {
                bytes += chunk[0..<count]
            } else if count == 0 {
                break
            } else {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        if done(text) { return text }
        throw POSIXError(.ETIMEDOUT)
    }

    /// The `lane` events so far: each `data:` line that is complete, decoded.
    func events() -> [LaneSnapshot] {
        text.components(separatedBy: "\n").dropLast().filter { $0.hasPrefix("data: ") }.compactMap {
            try? JSONDecoder().decode(LaneSnapshot.self, from: Data($0.dropFirst(6).utf8))
        }
    }

    func events(atLeast count: Int) async throws -> [LaneSnapshot] {
        try await events { $0.count >= count }
    }

    func events(until done: ([LaneSnapshot]) -> Bool) async throws -> [LaneSnapshot] {
        try await read { _ in done(self.events()) }
        return events()
    }

    /// Closes the connection (once).
    func close() {
        guard isOpen else { return }
        isOpen = false
        Glibc.close(socket)
    }
}
