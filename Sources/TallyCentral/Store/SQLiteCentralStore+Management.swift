import Foundation
import GRDB
import TallySync

/// The management API's storage on SQLite: each request one write transaction, which SQLite runs one at a time, so
/// catalog cursors rise in commit order and decisions never interleave.
extension SQLiteCentralStore {
    // MARK: Managers

    public func createManager(name: String, tokenHash: String, now: Int64) async throws -> CentralManager {
        let id = UUID().uuidString.lowercased()
        try await pool.write { db in
            try db.execute(sql: ManagementSQL.insertManager, arguments: [id, name, tokenHash, now])
        }
        return CentralManager(id: id, name: name, createdAt: now, revokedAt: nil)
    }

    public func manager(tokenHash: String) async throws -> CentralManager? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: ManagementSQL.managerWithToken, arguments: [tokenHash]).map(Self.manager(from:))
        }
    }

    public func managers() async throws -> [CentralManager] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: ManagementSQL.managers(postgres: false)).map(Self.manager(from:))
        }
    }

    public func revokeManager(id: String, now: Int64) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: ManagementSQL.revokeManager, arguments: [now, id])
            return db.changesCount == 1
        }
    }

    static func manager(from row: Row) -> CentralManager {
        CentralManager(id: row[0], name: row[1], createdAt: row[2], revokedAt: row[3])
    }

    // MARK: Suppliers, purchase orders, goods receipts

    public func putSupplier(_ supplier: Supplier, now: Int64) async throws -> Bool {
        try await pool.write { db in
            let existed = try Row.fetchOne(db, sql: ManagementSQL.supplier, arguments: [supplier.id]) != nil
            try db.execute(
                sql: ManagementSQL.upsertSupplier,
                arguments: [supplier.id, supplier.name, supplier.overTolerancePercent, now, now])
            return !existed
        }
    }

    public func supplier(id: String) async throws -> Supplier? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: ManagementSQL.supplier, arguments: [id]).map {
                Supplier(id: $0[0], name: $0[1], overTolerancePercent: $0[2])
            }
        }
    }

    public func goodsReceipts(
        purchaseOrderID: String?, problemsOnly: Bool, limit: Int
    ) async throws -> [GoodsReceiptReport] {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db, sql: ManagementSQL.receipts(postgres: false),
                arguments: [purchaseOrderID, purchaseOrderID, problemsOnly ? 1 : 0, limit])
            return try rows.map { row in
                let lines = try Row.fetchAll(db, sql: ManagementSQL.receiptLines, arguments: [row[0] as String]).map {
                    line in
                    GoodsReceiptLinePayload(
                        orderLine: (line[0] as Int64?).map { Int(clamping: $0) }, productID: line[1], code: line[2],
                        lot: line[3], expiry: line[4], quantity: line[5], condition: line[6],
                        reason: (line[7] as String?).flatMap(StockReason.init(rawValue:)), sscc: line[8])
                }
                return GoodsReceiptReport(
                    receiptID: row[0], stationID: row[1], purchaseOrderID: row[2], purchaseOrderNumber: row[3],
                    lane: row[4], locationID: row[5], openedAt: row[6], closedAt: row[7],
                    backorder: (row[8] as Int64) != 0, orderProblem: row[9], lines: lines)
            }
        }
    }

    // MARK: Counts

    public func counts(status: CountStatus, limit: Int) async throws -> [CountReport] {
        try await pool.read { db in
            let counts = try Row.fetchAll(
                db, sql: ManagementSQL.countsWithStatus(postgres: false), arguments: [status.rawValue, limit]
            ).map(Self.storedCount(from:))
            return try counts.map { count in
                let lines = try Row.fetchAll(
                    db, sql: ManagementSQL.countLinesWithCentralExpected, arguments: [count.countID]
                ).map { row in
                    CountReportLine(
                        productID: row[0], lot: row[1], counted: row[2], stationExpected: row[3],
                        centralExpected: row[5],
                        variance: 0, firstCount: row[4])
                }
                return CountReport(count, lines: lines)
            }
        }
    }

    public func decideCount(
        id: String, _ decision: CountDecision, actor: String, now: Int64
    ) async throws -> CountTaskRecord {
        try await pool.write { db in
            guard let taskKey = try String.fetchOne(db, sql: ManagementSQL.taskKeyOfCount, arguments: [id]) else {
                throw ManagementError.notFound("there is no count \(id)")
            }
            let all = try Row.fetchAll(db, sql: ManagementSQL.countsOfTask(postgres: false), arguments: [taskKey])
                .map(Self.storedCount(from:))
            let (count, covered, taskApproved) = try CountApproval.select(countID: id, among: all, decision)
            let counts = try covered.map { count in
                var count = count
                count.lines = try Row.fetchAll(db, sql: ManagementSQL.countLines, arguments: [count.countID]).map {
                    CountLinePayload(
                        productID: $0[0], lot: $0[1], counted: $0[2], expected: $0[3], firstCount: $0[4])
                }
                return count
            }
            var corrections: [MovementPayload]?
            if case .approve(let locationID) = decision {
                let lines = try CountApproval.lines(counts, locationID: locationID)
                let asOf = CountApproval.asOf(counts)
                let expected = try lines.map { line in
                    let query = ManagementSQL.expected(line, asOf: asOf)
                    return try Int64.fetchOne(
                        db, sql: query.sql, arguments: StatementArguments(query.values.map(Self.databaseValue))) ?? 0
                }
                let made = CountApproval.corrections(
                    lines, expected: CountApproval.settleLotless(lines, expected: expected))
                let projected = Projection.movementRows(
                    made, station: .text(count.stationID), event: .text(count.eventID), at: asOf)
                for row in projected.rows { try Self.insert(row, db) }
                try Self.addStock(projected.stock, db)
                corrections = made
            }
            let status: CountStatus = decision == .reject ? .rejected : .approved
            for covered in counts {
                try db.execute(sql: ManagementSQL.decideCount, arguments: [status.rawValue, now, covered.countID])
            }
            let payload = try String.fetchOne(
                db, sql: ManagementSQL.catalogPayload, arguments: [CatalogKind.countTask.rawValue, count.taskKey])
            let decided = try CountApproval.taskRecord(
                stored: payload, key: count.taskKey, counts: counts, status: status, corrections: corrections,
                decidedAt: now, taskApproved: taskApproved)
            if let write = decided.write { _ = try Self.writeCatalog([write], now: now, db) }
            try CountApproval.audit(
                decision, count: id, decided.record, actor: actor, now: now, on: GRDBConnection(db: db))
            return decided.record
        }
    }

    static func storedCount(from row: Row) -> StoredCount {
        StoredCount(
            countID: row[0], stationID: row[1], eventID: row[2], taskID: row[3], taskKey: row[4], locationID: row[5],
            startedAt: row[6], submittedAt: row[7], lanes: StoredCount.lanes(stored: row[8]),
            recounted: (row[9] as Int64) != 0, status: CountStatus(rawValue: row[10]) ?? .submitted,
            decidedAt: row[11])
    }
}

extension CountReport {
    /// A stored count with its lines as a manager sees them, from lines whose central figure for lot "" is still
    /// every lot's: the figures are settled (``CountApproval/settleLotless(_:expected:)``) and the variances
    /// computed.
    init(_ count: StoredCount, lines: [CountReportLine]) {
        let keys = lines.map {
            CountApproval.Line(
                productID: $0.productID, lot: $0.lot, countedAt: count.locationID, bookAt: "", counted: $0.counted)
        }
        let settled = CountApproval.settleLotless(keys, expected: lines.map(\.centralExpected))
        var lines = lines
        for index in lines.indices {
            lines[index].centralExpected = settled[index]
            lines[index].variance = lines[index].counted.saturatingSubtracting(settled[index])
        }
        self.init(
            countID: count.countID, taskID: count.taskID, stationID: count.stationID, locationID: count.locationID,
            startedAt: count.startedAt, submittedAt: count.submittedAt, lanes: count.lanes,
            recounted: count.recounted, status: count.status, decidedAt: count.decidedAt, lines: lines)
    }
}
