import Foundation
import GRDB
import TallyCore
import TallyStation
import TallyTestSupport
import Testing

/// The base URL of every station's API; stations that restart come back on a new port.
actor StationURLs {
    var urls: [Int: String]
    init(_ urls: [Int: String]) { self.urls = urls }
    func url(_ station: Int) -> String? { urls[station] }
    func set(_ station: Int, _ url: String?) { urls[station] = url }
}

/// The fault-injecting proxy (scripts/fault-proxy): one loopback port per station, all forwarding to central.
private final class FaultProxy {
    let process = Process()
    let ports: [Int]
    let errors = Pipe()

    init(target: Int, listeners: Int, seed: Int) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "scripts/fault-proxy")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", script.path, "--target", "127.0.0.1:\(target)", "--listeners", "\(listeners)", "--seed",
            "\(seed)",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 10 {
            line.append(first)
        }
        let object = try JSONSerialization.jsonObject(with: line) as? [String: Any]
        ports = (object?["ports"] as? [Int]) ?? []
        guard ports.count == listeners else {
            throw DaemonError("the proxy did not start: \(String(decoding: line, as: UTF8.self))")
        }
    }

    func faults(_ on: Bool) { kill(process.processIdentifier, on ? SIGUSR2 : SIGUSR1) }

    /// Stops the proxy and answers how many connections met each fate, and what it wrote to standard error.
    func stop() -> (fates: [String: Int], log: String) {
        kill(process.processIdentifier, SIGTERM)
        let text = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let log = String(decoding: text, as: UTF8.self)
        let last = log.split(separator: "\n").last(where: { $0.hasPrefix("{") }).map(String.init) ?? "{}"
        return (
            (try? JSONDecoder().decode([String: Int].self, from: Data(last.utf8))) ?? [:],
            log + " (exit \(process.terminationStatus))"
        )
    }
}

/// Ten stations selling through a proxy that drops, delays, resets and duplicates their connections and cuts them
/// off for stretches, while central and stations are killed with SIGKILL mid-sync. At the end central holds every
/// event of every station exactly once, its books are the fold of those events, and its stock is the sum of its
/// movements.
@Suite("Sync under faults", .serialized)
struct SyncFaultTests {
    static let stations = 10
    static let gtins = DemoCatalog.named.map(\.gtin)

    @Test(arguments: Engine.allCases) func everyEventArrivesExactlyOnceHoweverBadTheNetwork(engine: Engine) async throws
    {
        let central = try await CentralProcess(engine: engine)
        defer { central.remove() }
        let catalog = central.directory + "/catalog.jsonl"
        try Data(try DemoCatalog.jsonLines(DemoCatalog.records(count: 400, currency: Currency(code: "EUR")!)))
            .write(to: URL(fileURLWithPath: catalog))
        #expect(try await central.command(["catalog", "import", catalog]).status == 0)
        var codes: [String] = []
        for number in 1...Self.stations { codes.append(try await central.addStation("Till \(number)")) }
        try await central.start()
        let proxy = try FaultProxy(target: central.port, listeners: Self.stations, seed: 20_261_121)
        defer { if proxy.process.isRunning { kill(proxy.process.processIdentifier, SIGKILL) } }
        var daemons: [DaemonProcess] = []
        defer {
            for daemon in daemons { daemon.remove() }
        }
        for index in 0..<Self.stations {
            let daemon = try DaemonProcess(
                extraYAML: "sync:\n  interval: 1\n  maximumBackoff: 2\n  pageSize: 100\n", products: 0)
            daemons.append(daemon)
            try await daemon.start()
            let enrolled = try await daemon.post(
                "/sync/enroll", ["central": "http://127.0.0.1:\(proxy.ports[index])", "code": codes[index]])
            #expect(enrolled.status == 201, "\(String(decoding: enrolled.body, as: UTF8.self))")
        }
        for daemon in daemons {
            try await waitFor(daemon, "the catalog to load") { $0["catalogComplete"] as? Bool == true }
        }

        // Faults on; every station sells for a while; central and three stations die and come back.
        proxy.faults(true)
        let urls = StationURLs(Dictionary(uniqueKeysWithValues: daemons.enumerated().map { ($0, $1.baseURL) }))
        let deadline = ContinuousClock.now + .seconds(20)
        let sellers = Task {
            await withTaskGroup(of: Void.self) { group in
                for station in 0..<Self.stations {
                    group.addTask { await Self.sell(station, urls: urls, until: deadline) }
                }
            }
        }
        try await Task.sleep(for: .seconds(5))
        central.stop(signal: SIGKILL)
        try await Task.sleep(for: .milliseconds(1500))
        try await central.start()
        for (delay, station) in [(2, 1), (3, 4), (3, 7)] {
            try await Task.sleep(for: .seconds(delay))
            await urls.set(station, nil)
            daemons[station].stop(signal: SIGKILL)
            try await Task.sleep(for: .milliseconds(300))
            try await daemons[station].start()
            await urls.set(station, daemons[station].baseURL)
        }
        await sellers.value

        // Faults off: every backlog drains.
        proxy.faults(false)
        for daemon in daemons { _ = try? await daemon.post("/sync/now", [:]) }
        for daemon in daemons {
            try await waitFor(daemon, "the backlog to drain", seconds: 120) {
                $0["backlog"] as? Int == 0 && $0["lastError"] == nil
            }
        }
        let (fates, log) = proxy.stop()
        for fate in ["drop", "reset", "duplicate", "delay", "refused"] {
            #expect((fates[fate] ?? 0) > 0, "no connection met the fate \(fate): \(log)")
        }

        // The fold of every station's events, from their own databases.
        var eventIDs: Set<String> = []
        var sales = 0
        var expected: [String: Int64] = [:]
        for daemon in daemons {
            let queue = try DatabaseQueue(path: daemon.stateDirectory + "/station.sqlite")
            let rows = try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT event_id, type, payload FROM outbox ORDER BY seq")
            }
            for row in rows {
                let id: String = row["event_id"]
                #expect(eventIDs.insert(id).inserted)
                guard row["type"] as String == "sale.completed" else { continue }
                sales += 1
                let payload = try JSONDecoder().decode(
                    SalePayloadMovements.self, from: Data((row["payload"] as String).utf8))
                for movement in payload.movements {
                    expected["\(movement.productID)|\(movement.locationID)|\(movement.lot)", default: 0] +=
                        movement.quantity
                }
            }
        }
        #expect(sales > 100, "only \(sales) sales were made")
        let allEvents = eventIDs
        let saleCount = sales
        let fold = expected

        // Central's books.
        let books = try await central.books()
        #expect(books.eventIDs == allEvents)
        #expect(books.events == allEvents.count)
        #expect(books.sales == saleCount)
        #expect(books.movements == fold)
        #expect(books.stock == books.movements)
        #expect(books.highestSequences == Int64(allEvents.count))
    }

    /// Sells one to three items at a time on a station until the deadline; a station that is down is skipped.
    static func sell(_ station: Int, urls: StationURLs, until deadline: ContinuousClock.Instant) async {
        var generator = SystemRandomNumberGenerator()
        while ContinuousClock.now < deadline {
            guard let url = await urls.url(station) else {
                try? await Task.sleep(for: .milliseconds(100))
                continue
            }
            let client = DaemonClient(baseURL: url)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                _ = try? await client.post("/scans", ["code": gtins.randomElement(using: &generator)!])
            }
            _ = try? await client.post("/lanes/till/tender", ["kind": "cash"])
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Polls a station's sync status until `condition` holds.
    func waitFor(
        _ daemon: DaemonProcess, _ what: String, seconds: Int = 60, _ condition: ([String: Any]) -> Bool
    ) async throws {
        var last: [String: Any] = [:]
        for _ in 0..<(seconds * 10) {
            last = (try? await daemon.get("/sync").object) ?? [:]
            if condition(last) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw DaemonError("waited \(seconds) s for \(what): \(last)")
    }
}

/// The movements of a sale event, as central projects them.
private struct SalePayloadMovements: Decodable {
    struct Movement: Decodable {
        var productID: String
        var locationID: String
        var lot: String
        var quantity: Int64
    }
    var movements: [Movement]
}
