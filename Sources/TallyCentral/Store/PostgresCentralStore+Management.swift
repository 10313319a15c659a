import Foundation
import Logging
import PostgresNIO
import TallySync

/// The management API's storage on PostgreSQL, correct with several central processes on one database.
///
/// Locks are taken in one order everywhere, so transactions wait for each other instead of deadlocking: a
/// decision locks its task's counts (in the order of their ids' bytes), then the stock rows it changes (sorted, as
/// pushes do), and takes the catalog writers' advisory lock last; a push locks its station's row, then its stock
/// rows, and takes the catalog lock last; plain catalog writes take only the catalog lock. Whoever holds the
/// catalog lock has every row lock it needs, and nobody waits for the catalog lock while holding a lock its holder
/// needs.
extension PostgresCentralStore {
    // MARK: Managers

    public func createManager(name: String, tokenHash: String, now: Int64) async throws -> CentralManager {
        let id = UUID().uuidString.lowercased()
        _ = try await read(ManagementSQL.insertManager, [.text(id), .text(name), .text(tokenHash), .integer(now)])
        return CentralManager(id: id, name: name, createdAt: now, revokedAt: nil)
    }

    public func manager(tokenHash: String) async throws -> CentralManager? {
        try await read(ManagementSQL.managerWithToken, [.text(tokenHash)]).first.map(Self.manager(from:))
    }

    public func managers() async throws -> [CentralManager] {
        try await read(ManagementSQL.managers(postgres: true), []).map(Self.manager(from:))
    }

    public func revokeManager(id: String, now: Int64) async throws -> Bool {
        try await !read(ManagementSQL.revokeManager + " RETURNING id", [.integer(now), .text(id)]).isEmpty
    }

    static func manager(from row: PostgresRow) throws -> CentralManager {
        let (id, name, createdAt, revokedAt) = try row.decode((String, String, Int64, Int64?).self)
        return CentralManager(id: id, name: name, createdAt: createdAt, revokedAt: revokedAt)
    }

    // MARK: Suppliers, purchase orders, goods receipts

    public func putSupplier(_ supplier: Supplier, now: Int64) async throws -> Bool {
        try await writeTransaction { connection, logger in
            let existed = try await !Self.run(
                ManagementSQL.supplier + " FOR UPDATE", [.text(supplier.id)], connection, logger: logger
            ).isEmpty
            _ = try await Self.run(
                ManagementSQL.upsertSupplier,
                [
                    .text(supplier.id), .text(supplier.name), .integer(Int64(supplier.overTolerancePercent)),
                    .integer(now), .integer(now),
                ], connection, logger: logger)
            return !existed
        }
    }

    public func supplier(id: String) async throws -> Supplier? {
        try await read(ManagementSQL.supplier, [.text(id)]).first.map { row in
            let (id, name, tolerance) = try row.decode((String, String, Int64).self)
            return Supplier(id: id, name: name, overTolerancePercent: Int(clamping: tolerance))
        }
    }

    public func goodsReceipts(
        purchaseOrderID: String?, problemsOnly: Bool, limit: Int
    ) async throws -> [GoodsReceiptReport] {
        let rows = try await read(
            ManagementSQL.receipts(postgres: true),
            [.text(purchaseOrderID), .text(purchaseOrderID), .integer(problemsOnly ? 1 : 0), .integer(Int64(limit))])
        var receipts: [GoodsReceiptReport] = []
        for row in rows {
            let (receiptID, stationID, orderID, orderNumber, lane, locationID, openedAt, closedAt, backorder, problem) =
                try row.decode((String, String, String?, String?, String, String, Int64, Int64, Int64, String?).self)
            let lines = try await read(ManagementSQL.receiptLines, [.text(receiptID)]).map { line in
                let (orderLine, productID, code, lot, expiry, quantity, condition, reason, sscc) = try line.decode(
                    (Int64?, String?, String, String, String?, Int64, String, String?, String?).self)
                return GoodsReceiptLinePayload(
                    orderLine: orderLine.map { Int(clamping: $0) }, productID: productID, code: code, lot: lot,
                    expiry: expiry, quantity: quantity, condition: condition,
                    reason: reason.flatMap(StockReason.init(rawValue:)), sscc: sscc)
            }
            receipts.append(
                GoodsReceiptReport(
                    receiptID: receiptID, stationID: stationID, purchaseOrderID: orderID,
                    purchaseOrderNumber: orderNumber, lane: lane, locationID: locationID, openedAt: openedAt,
                    closedAt: closedAt, backorder: backorder != 0, orderProblem: problem, lines: lines))
        }
        return receipts
    }

    // MARK: Counts

    public func counts(status: CountStatus, limit: Int) async throws -> [CountReport] {
        let counts = try await read(
            ManagementSQL.countsWithStatus(postgres: true), [.text(status.rawValue), .integer(Int64(limit))]
        ).map(Self.storedCount(from:))
        var reports: [CountReport] = []
        for count in counts {
            let lines = try await read(ManagementSQL.countLinesWithCentralExpected, [.text(count.countID)]).map { row in
                let (productID, lot, counted, stationExpected, firstCount, central) = try row.decode(
                    (String, String, Int64, Int64, Int64?, Int64).self)
                return CountReportLine(
                    productID: productID, lot: lot, counted: counted, stationExpected: stationExpected,
                    centralExpected: central, variance: 0, firstCount: firstCount)
            }
            reports.append(CountReport(count, lines: lines))
        }
        return reports
    }

    public func decideCount(
        id: String, _ decision: CountDecision, actor: String, now: Int64
    ) async throws -> CountTaskRecord {
        try await writeTransaction { connection, logger in
            func run(_ sql: String, _ values: [SQLValue]) async throws -> [PostgresRow] {
                try await Self.run(sql, values, connection, logger: logger)
            }
            // A count's task never changes, so it is read unlocked; then every count of the task is locked, in one
            // order, so two decisions on one task take turns and the second sees what the first decided.
            guard let taskKey = try await run(ManagementSQL.taskKeyOfCount, [.text(id)]).first?.decode(String.self)
            else { throw ManagementError.notFound("there is no count \(id)") }
            let all = try await run(ManagementSQL.countsOfTask(postgres: true), [.text(taskKey)]).map(
                Self.storedCount(from:))
            let (count, covered, taskApproved) = try CountApproval.select(countID: id, among: all, decision)
            var counts: [StoredCount] = []
            for var covered in covered {
                covered.lines = try await run(ManagementSQL.countLines, [.text(covered.countID)]).map { row in
                    let (productID, lot, counted, expected, firstCount) = try row.decode(
                        (String, String, Int64, Int64, Int64?).self)
                    return CountLinePayload(
                        productID: productID, lot: lot, counted: counted, expected: expected, firstCount: firstCount)
                }
                counts.append(covered)
            }
            var corrections: [MovementPayload]?
            if case .approve(let locationID) = decision {
                let lines = try CountApproval.lines(counts, locationID: locationID)
                let asOf = CountApproval.asOf(counts)
                var expected: [Int64] = []
                for line in lines {
                    let query = ManagementSQL.expected(line, asOf: asOf)
                    expected.append(try await run(query.sql, query.values).first?.decode(Int64.self) ?? 0)
                }
                let made = CountApproval.corrections(
                    lines, expected: CountApproval.settleLotless(lines, expected: expected))
                let projected = Projection.movementRows(
                    made, station: .text(count.stationID), event: .text(count.eventID), at: asOf)
                if let first = projected.rows.first {
                    try await Self.insert(
                        table: first.table, columns: first.columns, rows: projected.rows.map(\.values), connection,
                        logger: logger)
                }
                var stock: [StockKey: Int64] = [:]
                for change in projected.stock {
                    let key = StockKey(productID: change.productID, locationID: change.locationID, lot: change.lot)
                    stock[key] = (stock[key] ?? 0).saturatingAdding(change.quantity)
                }
                try await Self.apply(stock, connection, logger: logger)
                corrections = made
            }
            let status: CountStatus = decision == .reject ? .rejected : .approved
            for covered in counts {
                _ = try await run(
                    ManagementSQL.decideCount, [.text(status.rawValue), .integer(now), .text(covered.countID)])
            }
            // The catalog lock last, after every row lock this transaction takes.
            try await Self.lockCatalog(connection, logger: logger)
            let payload =
                try await run(
                    ManagementSQL.catalogPayload, [.text(CatalogKind.countTask.rawValue), .text(count.taskKey)]
                ).first?.decode(String?.self) ?? nil
            let decided = try CountApproval.taskRecord(
                stored: payload, key: count.taskKey, counts: counts, status: status, corrections: corrections,
                decidedAt: now, taskApproved: taskApproved)
            if let write = decided.write {
                _ = try await Self.writeCatalog([write], now: now, connection, logger: logger)
            }
            // The audit entry in the same transaction, through the statements the back office writes it with.
            let record = decided.record
            let blocking = PostgresBlockingConnection(connection: connection, logger: logger)
            try await Self.blockingPool.runIfActive {
                try CountApproval.audit(decision, count: id, record, actor: actor, now: now, on: blocking)
            }
            return decided.record
        }
    }

    static func storedCount(from row: PostgresRow) throws -> StoredCount {
        let (
            countID, stationID, eventID, taskID, taskKey, locationID, startedAt, submittedAt, lanes, recounted, status,
            decidedAt
        ) = try row.decode(
            (String, String, String, String?, String, String?, Int64, Int64, String, Int64, String, Int64?).self)
        return StoredCount(
            countID: countID, stationID: stationID, eventID: eventID, taskID: taskID, taskKey: taskKey,
            locationID: locationID, startedAt: startedAt, submittedAt: submittedAt,
            lanes: StoredCount.lanes(stored: lanes), recounted: recounted != 0,
            status: CountStatus(rawValue: status) ?? .submitted, decidedAt: decidedAt)
    }

    // MARK: Running statements

    /// Runs a statement of ``ManagementSQL`` on a pooled connection, outside a transaction.
    func read(_ sql: String, _ values: [SQLValue]) async throws -> [PostgresRow] {
        try await query(PostgresQuery(unsafeSQL: ManagementSQL.numbered(sql), binds: Self.bindings(values)))
    }
}
