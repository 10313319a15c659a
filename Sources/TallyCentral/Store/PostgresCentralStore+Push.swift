import Foundation
import Logging
import PostgresNIO
import TallySync

extension PostgresCentralStore {
    /// As ``SQLiteCentralStore/push(stationID:events:now:)``, in one transaction that first locks the station's row
    /// (`SELECT … FOR UPDATE`): pushes for one station take turns across central processes, and the second of two
    /// identical batches finds the first's events held and counts them as duplicates.
    public func push(stationID: String, events: [EventEnvelope], now: Int64) async throws -> PushResponse {
        try PushRules.check(events)
        let payloads = try events.map { String(decoding: try CentralJSON.encoder.encode($0), as: UTF8.self) }
        let (response, problems) = try await writeTransaction { connection, logger in
            guard
                let locked = try await connection.query(
                    "SELECT highest_sequence FROM stations WHERE id = \(stationID) AND revoked_at IS NULL FOR UPDATE",
                    logger: logger
                ).collect().first
            else { throw PushError.unknownStation }
            var highest = try locked.decode(Int64.self)

            // What central holds under the batch's sequences and event ids, read in two statements, not per event.
            let heldSequences = events.map(\.sequence).filter { $0 <= highest }
            var heldBySequence: [Int64: String] = [:]
            if !heldSequences.isEmpty {
                for row in try await connection.query(
                    """
                    SELECT sequence, event_id FROM events
                    WHERE station_id = \(stationID) AND sequence = ANY(\(heldSequences))
                    """, logger: logger
                ).collect() {
                    let (sequence, eventID) = try row.decode((Int64, String).self)
                    heldBySequence[sequence] = eventID
                }
            }
            let newIDs = events.filter { $0.sequence > highest }.map(\.id)
            // Keyed by the ids' bytes: PostgreSQL, like SQLite, tells apart ids that Swift's strings call equal.
            var heldByID: [[UInt8]: (station: String, sequence: Int64)] = [:]
            if !newIDs.isEmpty {
                for row in try await connection.query(
                    "SELECT event_id, station_id, sequence FROM events WHERE event_id = ANY(\(newIDs))", logger: logger
                ).collect() {
                    let (eventID, station, sequence) = try row.decode((String, String, Int64).self)
                    heldByID[Array(eventID.utf8)] = (station, sequence)
                }
            }

            // Which events are new, checked against what is held before anything is written.
            let before = highest
            var duplicates = 0
            var fresh: [(EventEnvelope, String)] = []
            for (envelope, payload) in zip(events, payloads) {
                if envelope.sequence <= highest {
                    let held = heldBySequence[envelope.sequence]
                    guard held == envelope.id else {
                        throw PushError.conflict(
                            "sequence \(envelope.sequence) is held as event \(held ?? "?"), not \(envelope.id): "
                                + "the station's outbox does not match what it sent before",
                            highestSequence: before)
                    }
                    duplicates += 1
                    continue
                }
                // A gap: the events after it wait until the missing ones arrive.
                if envelope.sequence > highest + 1 { break }
                if let other = heldByID[Array(envelope.id.utf8)] {
                    throw PushError.conflict(
                        "event \(envelope.id) is held already as sequence \(other.sequence)"
                            + (other.station == stationID ? "" : " of another station"),
                        highestSequence: before)
                }
                heldByID[Array(envelope.id.utf8)] = (stationID, envelope.sequence)
                fresh.append((envelope, payload))
                highest = envelope.sequence
            }

            // The new events and every row they project, a few multi-row statements per table for the batch.
            var tables: [(table: String, columns: [String], rows: [[SQLValue]])] = [
                (
                    "events", ["event_id", "station_id", "sequence", "type", "created_at", "received_at", "payload"],
                    fresh.map { envelope, payload in
                        [
                            .text(envelope.id), .text(stationID), .integer(envelope.sequence),
                            .text(envelope.event.type.rawValue), .integer(envelope.createdAt), .integer(now),
                            .text(payload),
                        ]
                    }
                )
            ]
            var stock: [StockKey: Int64] = [:]
            for (envelope, _) in fresh {
                let projected = Projection.rows(for: envelope, stationID: stationID)
                for row in projected.rows {
                    if let index = tables.firstIndex(where: { $0.table == row.table && $0.columns == row.columns }) {
                        tables[index].rows.append(row.values)
                    } else {
                        tables.append((row.table, row.columns, [row.values]))
                    }
                }
                for change in projected.stock {
                    stock[
                        StockKey(productID: change.productID, locationID: change.locationID, lot: change.lot),
                        default: 0] += change.quantity
                }
            }
            for table in tables where !table.rows.isEmpty {
                do {
                    try await Self.insert(
                        table: table.table, columns: table.columns, rows: table.rows, connection, logger: logger)
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.uniqueViolation {
                    // Another station's push committed the same id after this one read the ids held, or an event
                    // repeats a record another event made.
                    throw PushError.conflict(
                        "an event of this batch repeats a \(table.table) record central holds from another event",
                        highestSequence: before)
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.characterNotInRepertoire {
                    throw PushError.invalidBatch(
                        "an event of this batch holds a character central cannot store (NUL) in its \(table.table) "
                            + "record")
                }
            }
            try await Self.apply(stock, connection, logger: logger)
            try await connection.query(
                "UPDATE stations SET highest_sequence = \(highest), last_push_at = \(now) WHERE id = \(stationID)",
                logger: logger)
            // Purchase orders follow their receipts last, under the catalog writers' lock: this transaction already
            // holds every row lock it needs (its station, its stock), and a holder of the catalog lock only writes
            // the catalog, so it never waits for a lock held by a transaction waiting for the catalog lock.
            let problems = try await Self.followPurchaseOrders(
                PurchaseOrderProgress.orders(in: fresh.map(\.0)), now: now, connection, logger: logger)
            return (PushResponse(highestSequence: highest, applied: fresh.count, duplicates: duplicates), problems)
        }
        for problem in problems {
            logger.warning("goods receipt booked against a purchase order central cannot follow: \(problem)")
        }
        return response
    }

    /// As ``SQLiteCentralStore/followPurchaseOrders(_:now:_:)``, under the catalog writers' lock, taken before the
    /// orders are read so that each sees the receipts of every push committed before.
    static func followPurchaseOrders(
        _ orders: [(orderID: String, receiptIDs: [String])], now: Int64, _ connection: PostgresConnection,
        logger: Logger
    ) async throws -> [String] {
        guard !orders.isEmpty else { return [] }
        try await lockCatalog(connection, logger: logger)
        var writes: [CatalogWrite] = []
        var problems: [String] = []
        for (orderID, receiptIDs) in orders {
            let payload =
                try await run(
                    ManagementSQL.catalogPayload, [.text(CatalogKind.purchaseOrder.rawValue), .text(orderID)],
                    connection,
                    logger: logger
                ).first?.decode(String?.self) ?? nil
            let receipts = try await run(ManagementSQL.receiptsOfOrder, [.text(orderID)], connection, logger: logger)
                .map { row in
                    let (receiptID, closedAt) = try row.decode((String, Int64).self)
                    return OrderReceipt(receiptID: receiptID, closedAt: closedAt)
                }
            let goods = try await run(ManagementSQL.goodsOfOrder, [.text(orderID)], connection, logger: logger).map {
                row in
                let (orderLine, productID, quantity) = try row.decode((Int64, String, Int64).self)
                return ReceivedGoods(orderLine: orderLine, productID: productID, quantity: quantity)
            }
            let outcome = PurchaseOrderProgress.follow(
                orderID: orderID, stored: payload, receipts: receipts, goods: goods)
            if let write = outcome.write { writes.append(write) }
            if let problem = outcome.problem {
                for receiptID in receiptIDs {
                    _ = try await run(
                        ManagementSQL.setOrderProblem, [.text(problem), .text(receiptID)], connection, logger: logger)
                    problems.append("receipt \(receiptID): \(problem)")
                }
            }
        }
        if !writes.isEmpty { _ = try await writeCatalog(writes, now: now, connection, logger: logger) }
        return problems
    }

    /// Runs a statement of ``ManagementSQL`` (`?` placeholders) on the connection with these values.
    static func run(
        _ sql: String, _ values: [SQLValue], _ connection: PostgresConnection, logger: Logger
    ) async throws -> [PostgresRow] {
        try await connection.query(
            PostgresQuery(unsafeSQL: ManagementSQL.numbered(sql), binds: bindings(values)), logger: logger
        ).collect()
    }

    static func bindings(_ values: [SQLValue]) -> PostgresBindings {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .integer(let number): binds.append(number)
            case .text(let text): binds.append(text)
            case .null: binds.appendNull()
            }
        }
        return binds
    }

    /// unique_violation.
    static var uniqueViolation: String { "23505" }
    /// character_not_in_repertoire: text holding NUL, which PostgreSQL's text cannot.
    static var characterNotInRepertoire: String { "22021" }

    /// Inserts rows of one table with multi-row `VALUES` statements, as many rows in each as PostgreSQL's 65,535
    /// parameters allow. Public for the ingest benchmark's baseline, which writes the same rows without the rest.
    public static func insert(
        table: String, columns: [String], rows: [[SQLValue]], _ connection: PostgresConnection, logger: Logger
    ) async throws {
        let perStatement = max(1, 60_000 / max(columns.count, 1))
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let chunk = rows[start..<min(start + perStatement, rows.count)]
            var binds = PostgresBindings(capacity: chunk.count * columns.count)
            var tuples: [String] = []
            tuples.reserveCapacity(chunk.count)
            for values in chunk {
                let first = binds.count + 1
                for value in values {
                    switch value {
                    case .integer(let number): binds.append(number)
                    case .text(let text): binds.append(text)
                    case .null: binds.appendNull()
                    }
                }
                tuples.append("(" + (first..<first + values.count).map { "$\($0)" }.joined(separator: ", ") + ")")
            }
            let sql =
                "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))"
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        }
    }

    /// Adds a push's stock changes in one statement, in the same order in every process, so that two pushes
    /// touching the same items wait for each other instead of deadlocking. An item whose changes add up to zero is
    /// still written, as SQLite's row-by-row upserts write it.
    static func apply(_ stock: [StockKey: Int64], _ connection: PostgresConnection, logger: Logger) async throws {
        guard !stock.isEmpty else { return }
        let keys = stock.keys.sorted()
        var binds = PostgresBindings(capacity: 4)
        binds.append(keys.map(\.productID))
        binds.append(keys.map(\.locationID))
        binds.append(keys.map(\.lot))
        binds.append(keys.map { stock[$0] ?? 0 })
        try await connection.query(
            PostgresQuery(unsafeSQL: CentralSchema.postgresAddStock, binds: binds), logger: logger)
    }
}

/// One item, location and lot of stock on hand, told apart and ordered by their bytes, as the database does.
struct StockKey: Hashable, Comparable {
    var productID: String
    var locationID: String
    var lot: String

    var bytes: [[UInt8]] { [Array(productID.utf8), Array(locationID.utf8), Array(lot.utf8)] }

    static func == (left: StockKey, right: StockKey) -> Bool { left.bytes == right.bytes }

    func hash(into hasher: inout Hasher) { hasher.combine(bytes) }

    static func < (left: StockKey, right: StockKey) -> Bool {
        left.bytes.lexicographicallyPrecedes(right.bytes) { $0.lexicographicallyPrecedes($1) }
    }
}
