// Events ingested per second by central from many stations pushing at once over HTTP, beside a raw batched INSERT
// of the same rows into the same database in the same run: each event's row, the sale and movements it projects,
// and the stock changes, written straight into bare tables of the same shape with no HTTP, JSON, token or checks.
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
    var rows: [[Batch]] = []
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
        rows.append(
            try stride(from: 0, to: events.count, by: options.batch).map {
                try Batch(Array(events[$0..<min($0 + options.batch, events.count)]), station: "station-\(station)")
            })
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
    case "sqlite": rawSeconds = try rawSQLite(path: folder + "/raw.sqlite", rows: rows)
    default:
        rawSeconds = try await rawPostgres(client: postgres!.client, rows: rows, logger: logger)
    }
    let tallyRate = Double(total) / tallySeconds
    let rawRate = Double(total) / rawSeconds
    print("| engine | stations | events | central over HTTP | raw batched INSERT of the same rows | ratio |")
    print("|---|---|---|---|---|---|")
    print(
        "| \(options.engine) | \(options.stations) | \(total) | \(Int(tallyRate)) events/s | \(Int(rawRate)) events/s | "
            + String(format: "%.2f", tallyRate / rawRate) + " |")
    group.cancelAll()
}

/// The rows central writes for a batch of events, made beforehand: each event's row, what it projects into the
/// ledger (sales, movements), and its stock changes summed per item, location and lot.
struct Batch: Sendable {
    var tables: [(table: String, columns: [String], rows: [[SQLValue]])] = []
    var stock: [(product: String, location: String, lot: String, quantity: Int64)] = []

    init(_ events: [EventEnvelope], station: String) throws {
        let encoder = JSONEncoder()
        tables.append(
            (
                "events", ["event_id", "station_id", "sequence", "type", "created_at", "received_at", "payload"],
                try events.map {
                    [
                        .text($0.id), .text(station), .integer($0.sequence), .text($0.event.type.rawValue),
                        .integer($0.createdAt), .integer(0),
                        .text(String(decoding: try encoder.encode($0), as: UTF8.self)),
                    ]
                }
            ))
        var stock: [String: (String, String, String, Int64)] = [:]
        for event in events {
            let projected = Projection.rows(for: event, stationID: station)
            for row in projected.rows {
                if let index = tables.firstIndex(where: { $0.table == row.table }) {
                    tables[index].rows.append(row.values)
                } else {
                    tables.append((row.table, row.columns, [row.values]))
                }
            }
            for change in projected.stock {
                let key = "\(change.productID)|\(change.locationID)|\(change.lot)"
                stock[key, default: (change.productID, change.locationID, change.lot, 0)].3 += change.quantity
            }
        }
        self.stock = stock.keys.sorted().map { stock[$0]! }
    }
}

/// Bare tables of the shape of central's (static, so set up when first used: main.swift runs top to bottom).
enum Raw {
    static let schema = """
        CREATE TABLE events (event_id TEXT PRIMARY KEY, station_id TEXT NOT NULL, sequence BIGINT NOT NULL,
            type TEXT NOT NULL, created_at BIGINT NOT NULL, received_at BIGINT NOT NULL, payload TEXT NOT NULL,
            UNIQUE (station_id, sequence));
        CREATE TABLE movements (movement_id TEXT PRIMARY KEY, station_id TEXT NOT NULL, event_id TEXT NOT NULL,
            product_id TEXT NOT NULL, location_id TEXT NOT NULL, lot TEXT NOT NULL, quantity BIGINT NOT NULL,
            reason TEXT NOT NULL, occurred_at BIGINT NOT NULL);
        CREATE INDEX movements_by_item ON movements (product_id, location_id, lot);
        CREATE TABLE stock (product_id TEXT NOT NULL, location_id TEXT NOT NULL, lot TEXT NOT NULL,
            quantity BIGINT NOT NULL, PRIMARY KEY (product_id, location_id, lot));
        CREATE TABLE sales (sale_id TEXT PRIMARY KEY, station_id TEXT NOT NULL, event_id TEXT NOT NULL,
            lane TEXT NOT NULL, receipt_number BIGINT NOT NULL, period BIGINT NOT NULL, currency TEXT NOT NULL,
            completed_at BIGINT NOT NULL, lines BIGINT NOT NULL, net_minor BIGINT NOT NULL, tax_minor BIGINT NOT NULL,
            total_minor BIGINT NOT NULL, UNIQUE (station_id, receipt_number))
        """

    static let stockUpsert = """
        INSERT INTO stock (product_id, location_id, lot, quantity) VALUES (?, ?, ?, ?)
        ON CONFLICT (product_id, location_id, lot) DO UPDATE SET quantity = stock.quantity + excluded.quantity
        """
}

func databaseValue(_ value: SQLValue) -> DatabaseValue {
    switch value {
    case .integer(let number): number.databaseValue
    case .text(let text): text.databaseValue
    case .null: .null
    }
}

/// The same rows into bare tables of the same shape (no foreign keys, no checks), through GRDB as central's store
/// talks to SQLite (WAL, synchronous=FULL): one transaction per batch, prepared statements, one writer.
func rawSQLite(path: String, rows: [[Batch]]) throws -> Double {
    var configuration = Configuration()
    configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
    let pool = try DatabasePool(path: path, configuration: configuration)
    try pool.write { db in try db.execute(sql: Raw.schema) }
    let started = ContinuousClock.now
    for batches in rows {
        for batch in batches {
            try pool.write { db in
                for table in batch.tables {
                    let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                    let insert = try db.cachedStatement(
                        sql:
                            "INSERT INTO \(table.table) (\(table.columns.joined(separator: ", "))) VALUES (\(placeholders))"
                    )
                    for values in table.rows {
                        try insert.execute(arguments: StatementArguments(values.map(databaseValue)))
                    }
                }
                let upsert = try db.cachedStatement(sql: Raw.stockUpsert)
                for change in batch.stock {
                    try upsert.execute(arguments: [change.product, change.location, change.lot, change.quantity])
                }
            }
        }
    }
    let elapsed = ContinuousClock.now - started
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// The same rows into bare tables of the same shape: per batch one transaction with one multi-row INSERT per table
/// and one stock upsert, every station's batches at once over the same connection pool central used.
func rawPostgres(client: PostgresClient, rows: [[Batch]], logger: Logger) async throws -> Double {
    try await client.withConnection { connection in
        try await connection.query("CREATE SCHEMA raw", logger: logger)
        let qualified = Raw.schema.replacingOccurrences(of: "CREATE TABLE ", with: "CREATE TABLE raw.")
            .replacingOccurrences(of: " ON movements", with: " ON raw.movements")
        for statement in qualified.split(separator: ";") {
            try await connection.query(PostgresQuery(unsafeSQL: String(statement)), logger: logger)
        }
    }
    let started = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { inserts in
        for batches in rows {
            inserts.addTask {
                for batch in batches {
                    try await client.withTransaction(logger: logger) { connection in
                        for table in batch.tables {
                            try await PostgresCentralStore.insert(
                                table: "raw." + table.table, columns: table.columns, rows: table.rows, connection,
                                logger: logger)
                        }
                        var binds = PostgresBindings(capacity: 4)
                        binds.append(batch.stock.map(\.product))
                        binds.append(batch.stock.map(\.location))
                        binds.append(batch.stock.map(\.lot))
                        binds.append(batch.stock.map(\.quantity))
                        try await connection.query(
                            PostgresQuery(
                                unsafeSQL: """
                                    INSERT INTO raw.stock (product_id, location_id, lot, quantity)
                                    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
                                    ON CONFLICT (product_id, location_id, lot)
                                    DO UPDATE SET quantity = raw.stock.quantity + excluded.quantity
                                    """, binds: binds), logger: logger)
                    }
                }
            }
        }
        try await inserts.waitForAll()
    }
    let elapsed = ContinuousClock.now - started
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}
