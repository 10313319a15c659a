// Events ingested per second by central from many stations pushing at once over HTTP, beside a raw batched INSERT
// of the same rows into the same database in the same run.
//
//   swift run -c release IngestRate --engine sqlite
//   swift run -c release IngestRate --engine postgres --url postgres://tally@/bench?host=/tmp/pg
//
// Benchmarks/scripts/ingest starts a PostgreSQL server of its own and runs both.
import AsyncHTTPClient
import Foundation
import GRDB
import Hummingbird
import Logging
import NIOCore
import PostgresNIO
import TallyCentral
import TallySync

struct Options {
    var engine = "sqlite"
    var url: String?
    var stations = 200
    var eventsPerStation = 500
    var batch = 100

    init() {
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let argument = arguments.next() {
            let value = arguments.next() ?? ""
            switch argument {
            case "--engine": engine = value
            case "--url": url = value
            case "--stations": stations = Int(value) ?? stations
            case "--events": eventsPerStation = Int(value) ?? eventsPerStation
            case "--batch": batch = Int(value) ?? batch
            default: fatalError("unknown option \(argument)")
            }
        }
    }
}

/// A sale of one or two items, as a till makes it.
func sale(station: Int, sequence: Int64) -> EventEnvelope {
    let product = "P\(1 + (station * 7 + Int(sequence)) % 500)"
    let line = SaleLinePayload(
        number: 1, productID: product, name: "Item", code: "4006381333931", unit: "piece", quantity: 1,
        unitPrice: 250, amount: 250, taxClassID: "standard", treatment: "taxed", ratePPM: 190_000, pricing: "catalog",
        enteredBy: nil)
    let saleID = "s\(station)-\(sequence)-" + UUID().uuidString.lowercased()
    let payload = SaleCompletedPayload(
        saleID: saleID, lane: "till", receiptNumber: Int(sequence), period: 1, currency: "EUR",
        openedAt: 1_700_000_000_000, completedAt: 1_700_000_000_000 + sequence, lines: [line], voidedLines: [],
        settlement: SettlementPayload(
            tenders: [TenderPayload(kind: "cash", tendered: 250, applied: 250, change: 0, reference: nil)],
            taxRates: [], net: 210, tax: 40, total: 250, cashRounding: 0),
        movements: [
            MovementPayload(
                id: "m-" + saleID, productID: product, locationID: "SHOP", lot: "", quantity: -1, reason: "sale")
        ])
    return EventEnvelope(
        id: UUID().uuidString.lowercased(), sequence: sequence, createdAt: 1_700_000_000_000 + sequence,
        event: .saleCompleted(payload))
}

let options = Options()
var logger = Logger(label: "ingest")
logger.logLevel = .warning
let folder = NSTemporaryDirectory() + "tally-ingest-" + UUID().uuidString
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: folder) }

let store: any CentralStore
var postgres: PostgresCentralStore?
switch options.engine {
case "sqlite": store = try SQLiteCentralStore(path: folder + "/central.sqlite")
case "postgres":
    guard let url = options.url else { fatalError("--engine postgres needs --url") }
    let opened = PostgresCentralStore(url: try PostgresURL(url), logger: logger)
    postgres = opened
    store = opened
default: fatalError("--engine is sqlite or postgres")
}

try await withThrowingTaskGroup(of: Void.self) { group in
    if let postgres { group.addTask { try await postgres.run() } }
    try await postgres?.migrate()

    // Stations, their tokens, and their events as the JSON bodies they push.
    var tokens: [String] = []
    var bodies: [[ByteBuffer]] = []
    var rows: [[(String, Int64, String)]] = []
    let encoder = JSONEncoder()
    for station in 0..<options.stations {
        let code = Secrets.enrolmentCode()
        _ = try await store.createStation(
            name: "Till \(station)", codeHash: Secrets.hashCode(code), expiresAt: Central.now() + 60_000,
            now: Central.now())
        let token = Secrets.token()
        _ = try await store.enroll(
            codeHash: Secrets.hashCode(code), tokenHash: Secrets.hashToken(token), stationCode: nil, now: Central.now())
        tokens.append(token)
        let events = (1...options.eventsPerStation).map { sale(station: station, sequence: Int64($0)) }
        rows.append(try events.map { ($0.id, $0.sequence, String(decoding: try encoder.encode($0), as: UTF8.self)) })
        bodies.append(
            try stride(from: 0, to: events.count, by: options.batch).map {
                ByteBuffer(
                    bytes: try encoder.encode(
                        PushRequest(events: Array(events[$0..<min($0 + options.batch, events.count)]))))
            })
    }
    let total = options.stations * options.eventsPerStation

    // Central on a loopback port; every station pushes its batches in order, all stations at once.
    let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
    let app = Application(
        router: CentralAPI.router(store: store),
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
    group.addTask { try await app.runService() }
    var ports = portStream.makeAsyncIterator()
    let port = await ports.next() ?? 0
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = options.stations
    let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    let started = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { pushes in
        for station in 0..<options.stations {
            let token = tokens[station]
            let batches = bodies[station]
            pushes.addTask {
                for body in batches {
                    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(SyncAPI.eventsPath)")
                    request.method = .POST
                    request.headers.add(name: "Authorization", value: "Bearer \(token)")
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.body = .bytes(body)
                    let response = try await http.execute(request, timeout: .seconds(120))
                    let answer = try await response.body.collect(upTo: 1 << 20)
                    guard response.status == .ok else {
                        fatalError("push refused: \(response.status) \(String(buffer: answer))")
                    }
                }
            }
        }
        try await pushes.waitForAll()
    }
    let tallySeconds =
        Double((ContinuousClock.now - started).components.attoseconds) / 1e18
        + Double((ContinuousClock.now - started).components.seconds)
    try await http.shutdown()
    let held = try await store.stations().reduce(0) { $0 + $1.highestSequence }
    guard held == total else { fatalError("central holds \(held) events, not \(total)") }

    // The same event rows, inserted raw in batches of the same size, as many writers at once as the engine allows.
    let rawSeconds: Double
    switch options.engine {
    case "sqlite": rawSeconds = try rawSQLite(path: folder + "/raw.sqlite", rows: rows, batch: options.batch)
    default:
        rawSeconds = try await rawPostgres(client: postgres!.client, rows: rows, batch: options.batch, logger: logger)
    }
    let tallyRate = Double(total) / tallySeconds
    let rawRate = Double(total) / rawSeconds
    print("| engine | stations | events | central over HTTP | raw batched INSERT | ratio |")
    print("|---|---|---|---|---|---|")
    print(
        "| \(options.engine) | \(options.stations) | \(total) | \(Int(tallyRate)) events/s | \(Int(rawRate)) rows/s | "
            + String(format: "%.2f", tallyRate / rawRate) + " |")
    group.cancelAll()
}

/// Inserts the rows into a bare table in one file through GRDB, as central's store talks to SQLite (WAL,
/// synchronous=FULL), `batch` rows per transaction with one prepared statement: SQLite has one writer.
func rawSQLite(path: String, rows: [[(String, Int64, String)]], batch: Int) throws -> Double {
    var configuration = Configuration()
    configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
    let pool = try DatabasePool(path: path, configuration: configuration)
    try pool.write { db in
        try db.execute(
            sql: """
                CREATE TABLE raw_events (event_id TEXT PRIMARY KEY, station_id TEXT NOT NULL, sequence BIGINT NOT NULL,
                    payload TEXT NOT NULL, UNIQUE (station_id, sequence))
                """)
    }
    let started = ContinuousClock.now
    for (station, events) in rows.enumerated() {
        for start in stride(from: 0, to: events.count, by: batch) {
            try pool.write { db in
                let insert = try db.cachedStatement(sql: "INSERT INTO raw_events VALUES (?, ?, ?, ?)")
                for (id, sequence, payload) in events[start..<min(start + batch, events.count)] {
                    try insert.execute(arguments: [id, "station-\(station)", sequence, payload])
                }
            }
        }
    }
    let elapsed = ContinuousClock.now - started
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// Inserts the rows into a bare table with one multi-row INSERT per batch, every station's batches at once over
/// a connection pool.
func rawPostgres(
    client: PostgresClient, rows: [[(String, Int64, String)]], batch: Int, logger: Logger
) async throws -> Double {
    do {
        try await client.query(
            """
            CREATE TABLE raw_events (event_id TEXT PRIMARY KEY, station_id TEXT NOT NULL, sequence BIGINT NOT NULL,
                payload TEXT NOT NULL, UNIQUE (station_id, sequence))
            """, logger: logger)
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { inserts in
            for (station, events) in rows.enumerated() {
                inserts.addTask {
                    for start in stride(from: 0, to: events.count, by: batch) {
                        let slice = events[start..<min(start + batch, events.count)]
                        var binds = PostgresBindings(capacity: 4)
                        binds.append(slice.map(\.0))
                        binds.append(Array(repeating: "station-\(station)", count: slice.count))
                        binds.append(slice.map(\.1))
                        binds.append(slice.map(\.2))
                        try await client.query(
                            PostgresQuery(
                                unsafeSQL: """
                                    INSERT INTO raw_events
                                    SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[])
                                    """, binds: binds), logger: logger)
                    }
                }
            }
            try await inserts.waitForAll()
        }
        let elapsed = ContinuousClock.now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
