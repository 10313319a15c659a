import GRDB
import TallySync

/// The station's enrolment with central: where central is, who the station is there, and its token.
public struct SyncEnrolment: Hashable, Sendable {
    public var centralURL: String
    public var stationID: String
    public var stationName: String
    public var token: String
    public var enrolledAt: Int64
}

/// Where each direction of sync stands, as the database records it.
public struct SyncProgress: Hashable, Sendable, Codable {
    /// Every outbox event up to this sequence is held by central.
    public var acknowledgedSequence: Int64
    /// Outbox events central does not hold yet.
    public var backlog: Int64
    /// The catalog is applied up to this cursor of central's change feed.
    public var pullCursor: Int64
    /// Central's newest change when the station last asked.
    public var highestCursor: Int64
    /// Whether the first load of the catalog has finished.
    public var catalogComplete: Bool
    public var lastPushAt: Int64?
    public var lastPullAt: Int64?
    public var lastError: String?
    public var lastErrorAt: Int64?
}

/// An outbox event as it goes to central: its sequence and its envelope as JSON.
struct PendingEvent: Sendable {
    var sequence: Int64
    var json: String
}

/// What one page of changes did to the station's catalog.
public struct AppliedChanges: Hashable, Sendable {
    public var applied = 0
    public var removed = 0
    /// Whether products, prices or tax classes changed, so that lanes reload what depends on them.
    public var catalogChanged = false
}

extension StationDatabase {
    public func enrolment() throws -> SyncEnrolment? {
        try pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT central_url, station_id, station_name, token, enrolled_at FROM sync_state"
            ).map {
                SyncEnrolment(
                    centralURL: $0[0], stationID: $0[1], stationName: $0[2], token: $0[3], enrolledAt: $0[4])
            }
        }
    }

    /// Keeps the token central gave. Enrolling again (with another code, or at another central) starts both
    /// directions afresh: central says which events it holds at the first push, and the catalog loads again.
    public func saveEnrolment(_ enrolment: SyncEnrolment) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM sync_state")
            try db.execute(
                sql: """
                    INSERT INTO sync_state (id, central_url, station_id, station_name, token, enrolled_at)
                    VALUES (1, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    enrolment.centralURL, enrolment.stationID, enrolment.stationName, enrolment.token,
                    enrolment.enrolledAt,
                ])
        }
    }

    public func syncProgress() throws -> SyncProgress? {
        try pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT acknowledged_sequence, pull_cursor, highest_cursor, catalog_complete, last_push_at,
                            last_pull_at, last_error, last_error_at,
                            (SELECT COUNT(*) FROM outbox WHERE seq > acknowledged_sequence)
                        FROM sync_state
                        """)
            else { return nil }
            return SyncProgress(
                acknowledgedSequence: row[0], backlog: row[8], pullCursor: row[1], highestCursor: row[2],
                catalogComplete: row[3], lastPushAt: row[4], lastPullAt: row[5], lastError: row[6],
                lastErrorAt: row[7])
        }
    }

    /// Up to `limit` outbox events after `sequence`, in order, each as the JSON of its ``EventEnvelope``. The
    /// payload is the stored text itself, byte for byte what the sales journal hashed.
    func pendingEvents(after sequence: Int64, limit: Int) throws -> [PendingEvent] {
        try pool.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT seq, event_id, type, payload, created_at FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
                arguments: [sequence, limit])
            var events: [PendingEvent] = []
            while let row = try rows.next() {
                let sequence: Int64 = row[0]
                let id: String = row[1]
                let type: String = row[2]
                let payload: String = row[3]
                let createdAt: Int64 = row[4]
                // Ids are UUIDs and types are Tally's own names: neither needs escaping in JSON.
                events.append(
                    PendingEvent(
                        sequence: sequence,
                        json: #"{"id":"\#(id)","sequence":\#(sequence),"createdAt":\#(createdAt),"type":"\#(type)","#
                            + #""payload":\#(payload)}"#))
            }
            return events
        }
    }

    /// The highest outbox sequence; 0 before the first event.
    func highestOutboxSequence() throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM outbox") ?? 0 }
    }

    /// Records that central holds every event up to `sequence`.
    func acknowledge(upTo sequence: Int64, at time: Int64) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE sync_state SET acknowledged_sequence = ?, last_push_at = ?, last_error = NULL",
                arguments: [sequence, time])
            try db.execute(
                sql: "UPDATE outbox SET sent_at = ? WHERE seq <= ? AND sent_at IS NULL", arguments: [time, sequence])
        }
    }

    /// Records why the last attempt failed; it stays until one succeeds.
    func recordSyncError(_ message: String, at time: Int64) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE sync_state SET last_error = ?, last_error_at = ?", arguments: [message, time])
        }
    }

    /// Applies a page of changes and moves the cursor past it, in one transaction: a page is applied whole or
    /// not at all, so a station stopped mid-load carries on from the last page it finished.
    func apply(_ page: ChangesPage, at time: Int64) throws -> AppliedChanges {
        try pool.write { db in
            var summary = AppliedChanges()
            let writer = try CatalogChangeWriter(db)
            for change in page.changes {
                if let record = change.record {
                    if let problem = record.problem {
                        throw CatalogError(description: "central sent a record the station cannot use: \(problem)")
                    }
                    try writer.apply(record)
                    summary.applied += 1
                } else {
                    try writer.remove(change.kind, key: change.key)
                    summary.removed += 1
                }
                if change.kind == .product || change.kind == .taxClass { summary.catalogChanged = true }
            }
            try db.execute(
                sql: """
                    UPDATE sync_state SET pull_cursor = MAX(pull_cursor, ?), highest_cursor = ?, last_pull_at = ?,
                        catalog_complete = catalog_complete OR ?, last_error = NULL
                    """, arguments: [page.nextCursor, page.highestCursor, time, !page.more])
            return summary
        }
    }

    /// The plans central sent, as it sent them: purchase orders and count tasks by id.
    public func syncedDocument(_ kind: CatalogKind, id: String) throws -> String? {
        let table =
            switch kind {
            case .purchaseOrder: "purchase_orders"
            case .countTask: "count_tasks"
            default: throw CatalogError(description: "\(kind.rawValue) records are not kept as documents")
            }
        return try pool.read { db in
            try String.fetchOne(db, sql: "SELECT payload FROM \(table) WHERE id = ?", arguments: [id])
        }
    }
}

/// Writes pulled records into the station's tables with prepared statements, reused across a page.
private struct CatalogChangeWriter {
    let db: Database
    let product: Statement
    let clearBarcodes: Statement
    let barcode: Statement
    let clearPrices: Statement
    let price: Statement

    init(_ db: Database) throws {
        self.db = db
        product = try db.cachedStatement(
            sql: """
                INSERT INTO products (id, name, unit, tax_class_id, active) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, unit = excluded.unit,
                    tax_class_id = excluded.tax_class_id, active = excluded.active
                """)
        clearBarcodes = try db.cachedStatement(sql: "DELETE FROM barcodes WHERE product_id = ?")
        barcode = try db.cachedStatement(
            sql: """
                INSERT INTO barcodes (code, product_id) VALUES (?, ?)
                ON CONFLICT(code) DO UPDATE SET product_id = excluded.product_id
                """)
        clearPrices = try db.cachedStatement(sql: "DELETE FROM prices WHERE product_id = ?")
        price = try db.cachedStatement(
            sql: "INSERT INTO prices (product_id, valid_from, amount_minor, currency) VALUES (?, ?, ?, ?)")
    }

    func apply(_ record: CatalogRecord) throws {
        switch record {
        case .taxClass(let taxClass):
            if taxClass.isStandard { try db.execute(sql: "UPDATE tax_classes SET is_standard = 0") }
            try db.execute(
                sql: """
                    INSERT INTO tax_classes (id, name, treatment, rate_ppm, is_standard) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, treatment = excluded.treatment,
                        rate_ppm = excluded.rate_ppm, is_standard = excluded.is_standard
                    """,
                arguments: [
                    taxClass.id, taxClass.name, taxClass.treatment,
                    taxClass.treatment == "taxed" ? taxClass.ratePPM : 0,
                    taxClass.isStandard,
                ])
        case .product(let record):
            try product.execute(arguments: [record.id, record.name, record.unit, record.taxClassID, record.active])
            try clearBarcodes.execute(arguments: [record.id])
            for code in record.barcodes { try barcode.execute(arguments: [code, record.id]) }
            try clearPrices.execute(arguments: [record.id])
            for entry in record.prices {
                try price.execute(arguments: [record.id, entry.validFrom, entry.amount, entry.currency])
            }
        case .location(let location):
            try db.execute(
                sql: """
                    INSERT INTO locations (id, name, kind) VALUES (?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind
                    """, arguments: [location.id, location.name, location.kind])
        case .user(let user):
            // An operator the station's configuration names keeps the configured details.
            try db.execute(
                sql: """
                    INSERT INTO operators (id, name, role, pin_hash, source) VALUES (?, ?, ?, ?, 'central')
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role,
                        pin_hash = excluded.pin_hash
                    WHERE operators.source = 'central'
                    """, arguments: [user.id, user.name, user.role, user.pinHash])
        case .purchaseOrder(let order):
            try db.execute(
                sql: """
                    INSERT INTO purchase_orders (id, number, status, payload) VALUES (?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET number = excluded.number, status = excluded.status,
                        payload = excluded.payload
                    """, arguments: [order.id, order.number, order.status, try SalesJournal.encode(order)])
        case .countTask(let task):
            try db.execute(
                sql: """
                    INSERT INTO count_tasks (id, status, payload) VALUES (?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET status = excluded.status, payload = excluded.payload
                    """, arguments: [task.id, task.status, try SalesJournal.encode(task)])
            try StationDatabase.applyCountDecision(task, db)
        }
    }

    /// A removal. Products stay (sales and prices refer to them) but can no longer be scanned or sold; a tax
    /// class still used by a product stays too.
    func remove(_ kind: CatalogKind, key: String) throws {
        switch kind {
        case .product:
            try db.execute(sql: "UPDATE products SET active = 0 WHERE id = ?", arguments: [key])
            try clearBarcodes.execute(arguments: [key])
        case .taxClass:
            try db.execute(
                sql:
                    "DELETE FROM tax_classes WHERE id = ? AND NOT EXISTS (SELECT 1 FROM products WHERE tax_class_id = ?)",
                arguments: [key, key])
        case .location: try db.execute(sql: "DELETE FROM locations WHERE id = ?", arguments: [key])
        case .user:
            try db.execute(sql: "DELETE FROM operators WHERE id = ? AND source = 'central'", arguments: [key])
        case .purchaseOrder: try db.execute(sql: "DELETE FROM purchase_orders WHERE id = ?", arguments: [key])
        case .countTask: try db.execute(sql: "DELETE FROM count_tasks WHERE id = ?", arguments: [key])
        }
    }
}
