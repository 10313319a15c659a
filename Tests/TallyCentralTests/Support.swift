import Foundation
import Logging
import TallySync
import TallyTestSupport
import Testing

@testable import TallyCentral

/// A fresh central database of one engine, removed with the value: an SQLite file in a folder of its own, or a new
/// database on the test process's PostgreSQL server (``PostgresServer``) with the store's client running.
final class TemporaryStore: Sendable {
    let engine: Engine
    let store: any CentralStore
    /// The SQLite database's folder.
    let directory: String?
    /// The PostgreSQL database's name and its store with the client running.
    let database: String?
    let running: RunningPostgresStore?

    init(_ engine: Engine) async throws {
        self.engine = engine
        switch engine {
        case .sqlite:
            let directory = NSTemporaryDirectory() + "tally-central-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            self.directory = directory
            store = try SQLiteCentralStore(path: directory + "/central.sqlite")
            database = nil
            running = nil
        case .postgres:
            let server = try await PostgresServer.shared()
            let database = try await server.createDatabase()
            let running = try await RunningPostgresStore(url: server.url(database: database))
            self.database = database
            self.running = running
            store = running.store
            directory = nil
        }
    }

    deinit {
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// The URL of the PostgreSQL database, for more stores on it (more central processes).
    func url() async throws -> String {
        try await PostgresServer.shared().url(database: try #require(database))
    }

    /// What the engine wrote to disk for this database: the SQLite file and its log, or PostgreSQL's files of its
    /// tables.
    func storedBytes() async throws -> Data {
        switch engine {
        case .sqlite:
            // The write-ahead log too: what is committed may not have reached the main file yet.
            let directory = try #require(directory)
            return ["/central.sqlite", "/central.sqlite-wal"].reduce(into: Data()) { bytes, file in
                bytes.append((try? Data(contentsOf: URL(fileURLWithPath: directory + file))) ?? Data())
            }
        case .postgres:
            return try await PostgresServer.shared().storedBytes(database: try #require(database))
        }
    }

    /// A station enrolled with a fresh token, and the token.
    func enrolledStation(name: String = "Front till") async throws -> (CentralStation, String) {
        let code = Secrets.enrolmentCode()
        _ = try await store.createStation(
            name: name, codeHash: Secrets.hashCode(code), expiresAt: Central.now() + 60_000, now: Central.now())
        let token = Secrets.token()
        let station = try await store.enroll(
            codeHash: Secrets.hashCode(code), tokenHash: Secrets.hashToken(token), stationCode: "TILL1",
            now: Central.now())
        return (try #require(station), token)
    }
}

/// A PostgreSQL store with its client running and its schema up to date, until the value goes away: what one
/// central process holds.
final class RunningPostgresStore: Sendable {
    let store: PostgresCentralStore
    let client: Task<Void, Never>

    init(url: String) async throws {
        var logger = Logger(label: "tally-central.postgres")
        logger.logLevel = .warning
        let store = try PostgresCentralStore(url: url, logger: logger)
        self.store = store
        client = Task { try? await store.run() }
        do {
            try await store.migrate()
        } catch {
            client.cancel()
            throw error
        }
    }

    deinit { client.cancel() }
}

/// Events as a station makes them: sales of one item moving stock out of the shop floor.
enum SampleEvents {
    static func sale(
        sequence: Int64, product: String = "p-1", quantity: Int64 = 1, location: String = "floor", lot: String = "",
        id: String? = nil
    ) -> EventEnvelope {
        let saleID = "sale-\(sequence)-\(UUID().uuidString)"
        let line = SaleLinePayload(
            number: 1, productID: product, name: "Item", code: "4006381333931", unit: "piece", quantity: quantity,
            unitPrice: 250, amount: 250 * quantity, taxClassID: "standard", treatment: "standard", ratePPM: 190_000,
            pricing: "catalog", enteredBy: nil)
        let total = 250 * quantity
        let payload = SaleCompletedPayload(
            saleID: saleID, lane: "till", receiptNumber: Int(sequence), period: 1, currency: "EUR",
            openedAt: 1_700_000_000_000, completedAt: 1_700_000_000_000 + sequence, lines: [line], voidedLines: [],
            settlement: SettlementPayload(
                tenders: [TenderPayload(kind: "cash", tendered: total, applied: total, change: 0, reference: nil)],
                taxRates: [], net: total, tax: 0, total: total, cashRounding: 0),
            movements: [
                MovementPayload(
                    id: "m-" + saleID, productID: product, locationID: location, lot: lot, quantity: -quantity,
                    reason: "sale")
            ])
        return EventEnvelope(
            id: id ?? UUID().uuidString.lowercased(), sequence: sequence, createdAt: 1_700_000_000_000 + sequence,
            event: .saleCompleted(payload))
    }
}
