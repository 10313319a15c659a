import Foundation
import GRDB
import Logging
import TallySync

/// Central's storage in one SQLite file (GRDB, WAL mode): nothing to install for a single shop.
public final class SQLiteCentralStore: CentralStore {
    let pool: DatabasePool
    public let path: String
    let logger: Logger

    /// Opens (creating when needed) the database at `path` and brings its schema up to date.
    public init(path: String, logger: Logger = Logger(label: "tally-central.sqlite")) throws {
        self.path = path
        self.logger = logger
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in CentralSchema.migrations {
            migrator.registerMigration(migration.identifier) { db in try db.execute(sql: migration.sql) }
        }
        return migrator
    }

    public func createStation(
        name: String, codeHash: String, expiresAt: Int64, now: Int64
    ) async throws -> CentralStation {
        let id = UUID().uuidString.lowercased()
        return try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO stations (id, name, enrolment_code_hash, enrolment_expires_at, created_at)
                    VALUES (?, ?, ?, ?, ?)
                    """, arguments: [id, name, codeHash, expiresAt, now])
            return try Self.fetchStation(db, id: id)!
        }
    }

    public func renewEnrolment(stationID: String, codeHash: String, expiresAt: Int64) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE stations SET enrolment_code_hash = ?, enrolment_expires_at = ?
                    WHERE id = ? AND revoked_at IS NULL
                    """, arguments: [codeHash, expiresAt, stationID])
            return db.changesCount == 1
        }
    }

    public func enroll(
        codeHash: String, tokenHash: String, stationCode: String?, now: Int64
    ) async throws -> CentralStation? {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE stations
                    SET token_hash = ?, station_code = COALESCE(?, station_code), enrolled_at = ?,
                        enrolment_code_hash = NULL, enrolment_expires_at = NULL
                    WHERE enrolment_code_hash = ? AND enrolment_expires_at > ? AND revoked_at IS NULL
                    """, arguments: [tokenHash, stationCode, now, codeHash, now])
            guard db.changesCount == 1 else { return nil }
            return try Self.fetchStation(db, sql: "token_hash = ?", tokenHash)
        }
    }

    public func station(tokenHash: String) async throws -> CentralStation? {
        try await pool.read { db in
            try Self.fetchStation(db, sql: "token_hash = ? AND revoked_at IS NULL", tokenHash)
        }
    }

    public func station(id: String) async throws -> CentralStation? {
        try await pool.read { db in try Self.fetchStation(db, id: id) }
    }

    public func stations() async throws -> [CentralStation] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM stations WHERE id <> 'central' ORDER BY created_at, id").map(
                Self.station(from:))
        }
    }

    public func revoke(stationID: String, now: Int64) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE stations SET revoked_at = COALESCE(revoked_at, ?), token_hash = NULL,
                        enrolment_code_hash = NULL
                    WHERE id = ?
                    """, arguments: [now, stationID])
            return db.changesCount == 1
        }
    }

    public func push(stationID: String, events: [EventEnvelope], now: Int64) async throws -> PushResponse {
        try PushRules.check(events)
        // Encoded before the transaction: SQLite has one writer, and it should only write.
        let payloads = try events.map { String(decoding: try CentralJSON.encoder.encode($0), as: UTF8.self) }
        let (response, problems) = try await pool.write { db in
            guard
                var highest = try Int64.fetchOne(
                    db, sql: "SELECT highest_sequence FROM stations WHERE id = ? AND revoked_at IS NULL",
                    arguments: [stationID])
            else { throw PushError.unknownStation }
            var applied = 0
            var duplicates = 0
            var fresh: [EventEnvelope] = []
            for (index, envelope) in events.enumerated() {
                if envelope.sequence <= highest {
                    let held = try String.fetchOne(
                        db, sql: "SELECT event_id FROM events WHERE station_id = ? AND sequence = ?",
                        arguments: [stationID, envelope.sequence])
                    guard held == envelope.id else {
                        throw PushError.conflict(
                            "sequence \(envelope.sequence) is held as event \(held ?? "?"), not \(envelope.id): "
                                + "the station's outbox does not match what it sent before",
                            highestSequence: highest)
                    }
                    duplicates += 1
                    continue
                }
                // A gap: the events after it wait until the missing ones arrive.
                if envelope.sequence > highest + 1 { break }
                if let other = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT station_id, sequence FROM events WHERE event_id = ?"),
                    arguments: [envelope.id])
                {
                    let otherStation: String = other["station_id"]
                    let otherSequence: Int64 = other["sequence"]
                    throw PushError.conflict(
                        "event \(envelope.id) is held already as sequence \(otherSequence)"
                            + (otherStation == stationID ? "" : " of another station"),
                        highestSequence: highest)
                }
                try db.cachedStatement(
                    sql: """
                        INSERT INTO events (event_id, station_id, sequence, type, created_at, received_at, payload)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """
                ).execute(arguments: [
                    envelope.id, stationID, envelope.sequence, envelope.event.type.rawValue, envelope.createdAt, now,
                    payloads[index],
                ])
                try Self.project(envelope, stationID: stationID, db)
                fresh.append(envelope)
                highest = envelope.sequence
                applied += 1
            }
            try db.execute(
                sql: "UPDATE stations SET highest_sequence = ?, last_push_at = ? WHERE id = ?",
                arguments: [highest, now, stationID])
            // Purchase orders follow their receipts in the same write: SQLite's one writer keeps catalog cursors
            // rising in commit order.
            let problems = try Self.followPurchaseOrders(PurchaseOrderProgress.orders(in: fresh), now: now, db)
            return (PushResponse(highestSequence: highest, applied: applied, duplicates: duplicates), problems)
        }
        for problem in problems {
            logger.warning("goods receipt booked against a purchase order central cannot follow: \(problem)")
        }
        return response
    }

    /// Brings the records of the orders just received against up to date with every receipt central holds for
    /// them, and marks receipts whose order is unknown, cancelled or closed; answers what it marked.
    static func followPurchaseOrders(
        _ orders: [(orderID: String, receiptIDs: [String])], now: Int64, _ db: Database
    ) throws -> [String] {
        var writes: [CatalogWrite] = []
        var problems: [String] = []
        for (orderID, receiptIDs) in orders {
            let payload = try String.fetchOne(
                db, sql: ManagementSQL.catalogPayload, arguments: [CatalogKind.purchaseOrder.rawValue, orderID])
            let receipts = try Row.fetchAll(db, sql: ManagementSQL.receiptsOfOrder, arguments: [orderID]).map {
                OrderReceipt(receiptID: $0[0], closedAt: $0[1])
            }
            let goods = try Row.fetchAll(db, sql: ManagementSQL.goodsOfOrder, arguments: [orderID]).map {
                ReceivedGoods(orderLine: $0[0], productID: $0[1], quantity: $0[2])
            }
            let outcome = PurchaseOrderProgress.follow(
                orderID: orderID, stored: payload, receipts: receipts, goods: goods)
            if let write = outcome.write { writes.append(write) }
            if let problem = outcome.problem {
                for receiptID in receiptIDs {
                    try db.execute(sql: ManagementSQL.setOrderProblem, arguments: [problem, receiptID])
                    problems.append("receipt \(receiptID): \(problem)")
                }
            }
        }
        if !writes.isEmpty { _ = try writeCatalog(writes, now: now, db) }
        return problems
    }

    static func project(_ envelope: EventEnvelope, stationID: String, _ db: Database) throws {
        let projected = Projection.rows(for: envelope, stationID: stationID)
        for row in projected.rows {
            do {
                try insert(row, db)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                throw PushError.conflict(
                    "event \(envelope.id) repeats a \(row.table) record central holds from another event",
                    highestSequence: envelope.sequence - 1)
            }
        }
        try addStock(projected.stock, db)
    }

    static func insert(_ row: ProjectedRow, _ db: Database) throws {
        let placeholders = Array(repeating: "?", count: row.columns.count).joined(separator: ", ")
        // Cached: a batch inserts the same few kinds of row again and again.
        try db.cachedStatement(
            sql: "INSERT INTO \(row.table) (\(row.columns.joined(separator: ", "))) VALUES (\(placeholders))"
        ).execute(arguments: StatementArguments(row.values.map(Self.databaseValue)))
    }

    static func addStock(_ changes: [StockChange], _ db: Database) throws {
        for change in changes {
            try db.cachedStatement(
                sql: """
                    INSERT INTO stock (product_id, location_id, lot, quantity) VALUES (?, ?, ?, ?)
                    ON CONFLICT (product_id, location_id, lot) DO UPDATE SET quantity = quantity + excluded.quantity
                    """
            ).execute(arguments: [change.productID, change.locationID, change.lot, change.quantity])
        }
    }

    static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .integer(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .null: .null
        }
    }

    public func putCatalog(_ writes: [CatalogWrite], now: Int64) async throws -> Int64 {
        try await pool.write { db in try Self.writeCatalog(writes, now: now, db) }
    }

    /// Stores catalog records in the write transaction under way; answers the highest cursor.
    static func writeCatalog(_ writes: [CatalogWrite], now: Int64, _ db: Database) throws -> Int64 {
        // SQLite runs one write transaction at a time, so the next cursor read here is still the next at commit.
        var cursor = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(cursor), 0) FROM catalog") ?? 0
        // Cursors skipped by unchanged records are never used: stations only ever see rising cursors.
        let statement = try db.cachedStatement(sql: CentralSchema.upsertCatalog)
        for write in writes {
            cursor += 1
            try statement.execute(arguments: [
                write.kind.rawValue, write.key, cursor, write.payload, StoredChange.storedAudience(write.audience),
                now,
            ])
        }
        return try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(cursor), 0) FROM catalog") ?? 0
    }

    public func catalogChanges(after cursor: Int64, limit: Int) async throws -> [StoredChange] {
        try await pool.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql:
                    "SELECT cursor, kind, key, payload, audience FROM catalog WHERE cursor > ? ORDER BY cursor LIMIT ?",
                arguments: [cursor, limit])
            var changes: [StoredChange] = []
            while let row = try rows.next() {
                guard let kind = CatalogKind(rawValue: row["kind"]) else { continue }
                changes.append(
                    StoredChange(
                        cursor: row["cursor"], kind: kind, key: row["key"], payload: row["payload"],
                        audience: StoredChange.audience(stored: row["audience"])))
            }
            return changes
        }
    }

    public func catalogRecord(kind: CatalogKind, key: String) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(
                db, sql: "SELECT payload FROM catalog WHERE kind = ? AND key = ?", arguments: [kind.rawValue, key])
        }
    }

    public func highestCatalogCursor() async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(cursor), 0) FROM catalog") ?? 0 }
    }

    public func stock(productID: String?) async throws -> [StockLevel] {
        try await pool.read { db in
            let rows =
                if let productID {
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM stock WHERE product_id = ? ORDER BY location_id, lot",
                        arguments: [productID])
                } else {
                    try Row.fetchAll(db, sql: "SELECT * FROM stock ORDER BY product_id, location_id, lot")
                }
            return rows.map {
                StockLevel(
                    productID: $0["product_id"], locationID: $0["location_id"], lot: $0["lot"],
                    quantity: $0["quantity"])
            }
        }
    }

    public func isReady() async -> Bool {
        (try? await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    static func fetchStation(_ db: Database, id: String) throws -> CentralStation? {
        try fetchStation(db, sql: "id = ?", id)
    }

    static func fetchStation(_ db: Database, sql condition: String, _ argument: String) throws -> CentralStation? {
        try Row.fetchOne(db, sql: "SELECT * FROM stations WHERE \(condition)", arguments: [argument]).map(
            station(from:))
    }

    static func station(from row: Row) -> CentralStation {
        CentralStation(
            id: row["id"], name: row["name"], stationCode: row["station_code"], createdAt: row["created_at"],
            enrolledAt: row["enrolled_at"], revokedAt: row["revoked_at"], highestSequence: row["highest_sequence"],
            lastPushAt: row["last_push_at"])
    }
}
