import Foundation
import GRDB
import TallySync

/// Goods receipts at the dock: each scan's entry is written as it is made, so a restart finds the receipt where
/// it was; closing it books the stock, the outbox event and the journal entry in one transaction.
extension StationDatabase {
    /// Receipts in progress (status `open`), lines of every receipt, the lots received with their expiry dates.
    static func createStockWork(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE goods_receipts (
                    id TEXT PRIMARY KEY,
                    lane TEXT NOT NULL,
                    order_id TEXT,
                    location_id TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'cancelled')),
                    opened_at INTEGER NOT NULL,
                    closed_at INTEGER
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX goods_receipts_one_open_per_lane ON goods_receipts(lane) WHERE status = 'open';
                CREATE INDEX goods_receipts_order ON goods_receipts(order_id);
                CREATE TABLE goods_receipt_lines (
                    receipt_id TEXT NOT NULL REFERENCES goods_receipts(id),
                    number INTEGER NOT NULL,
                    order_line INTEGER,
                    product_id TEXT,
                    name TEXT NOT NULL,
                    code TEXT NOT NULL,
                    lot TEXT NOT NULL,
                    expiry TEXT,
                    quantity INTEGER NOT NULL CHECK (quantity > 0),
                    condition TEXT NOT NULL CHECK (condition IN ('good', 'damaged')),
                    reason TEXT,
                    sscc TEXT,
                    voided INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (receipt_id, number)
                ) WITHOUT ROWID;
                CREATE INDEX goods_receipt_lines_sscc ON goods_receipt_lines(sscc) WHERE sscc IS NOT NULL;
                CREATE TABLE lots (
                    product_id TEXT NOT NULL,
                    lot TEXT NOT NULL,
                    expiry TEXT,
                    PRIMARY KEY (product_id, lot)
                ) WITHOUT ROWID;
                CREATE TABLE counts (
                    id TEXT PRIMARY KEY,
                    task_id TEXT,
                    location_id TEXT,
                    products TEXT,
                    status TEXT NOT NULL CHECK (status IN ('open', 'submitted', 'approved', 'rejected')),
                    started_at INTEGER NOT NULL,
                    ledger_mark INTEGER NOT NULL,
                    round INTEGER NOT NULL DEFAULT 1,
                    recount_products TEXT,
                    first_counts TEXT,
                    submitted_at INTEGER
                ) WITHOUT ROWID;
                CREATE TABLE count_lanes (
                    count_id TEXT NOT NULL REFERENCES counts(id),
                    lane TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('counting', 'done')),
                    PRIMARY KEY (count_id, lane)
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX count_lanes_one_per_lane ON count_lanes(lane) WHERE status = 'counting';
                CREATE TABLE count_entries (
                    count_id TEXT NOT NULL REFERENCES counts(id),
                    number INTEGER NOT NULL,
                    lane TEXT NOT NULL,
                    round INTEGER NOT NULL,
                    product_id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    lot TEXT NOT NULL,
                    quantity INTEGER NOT NULL CHECK (quantity > 0),
                    scanned_at INTEGER NOT NULL,
                    voided INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (count_id, number)
                ) WITHOUT ROWID;
                CREATE TABLE adjustments (
                    id TEXT PRIMARY KEY,
                    kind TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    note TEXT,
                    lane TEXT NOT NULL,
                    operator_id TEXT,
                    at INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
    }

    /// Books a movement with the id it already has, and its effect on stock on hand, in the caller's transaction.
    /// A movement already booked (a correction pulled twice) is left alone; answers whether it was new.
    @discardableResult
    static func book(_ movement: MovementPayload, documentID: String, at time: Int64, _ db: Database) throws -> Bool {
        try db.cachedStatement(
            sql: """
                INSERT INTO stock_movements (id, product_id, location_id, lot, quantity, reason, document_id,
                    created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
                """
        ).execute(arguments: [
            movement.id, movement.productID, movement.locationID, movement.lot, movement.quantity, movement.reason,
            documentID, time,
        ])
        guard db.changesCount == 1 else { return false }
        try db.cachedStatement(
            sql: """
                INSERT INTO stock_on_hand (product_id, location_id, lot, quantity) VALUES (?, ?, ?, ?)
                ON CONFLICT(product_id, location_id, lot) DO UPDATE SET quantity = quantity + excluded.quantity
                """
        ).execute(arguments: [movement.productID, movement.locationID, movement.lot, movement.quantity])
        return true
    }

    /// The product a barcode names, priced or not, for the dock and the stockroom.
    static func stockItem(code: String, _ db: Database) throws -> (productID: String, name: String)? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT p.id, p.name FROM barcodes b JOIN products p ON p.id = b.product_id
                    WHERE b.code = ? AND p.active = 1
                    """), arguments: [code]
        ).map { ($0[0], $0[1]) }
    }

    // MARK: Purchase orders

    /// A purchase order by its printed number, ready to receive against: each line with its product's name and
    /// what earlier receipts brought. Nil when the station holds no such order.
    static func receivingOrder(number: String, _ db: Database) throws -> ReceivingOrder? {
        guard
            let payload = try String.fetchOne(
                db, sql: "SELECT payload FROM purchase_orders WHERE number = ?", arguments: [number])
        else { return nil }
        let record = try JSONDecoder().decode(PurchaseOrderRecord.self, from: Data(payload.utf8))
        // Central's received quantities count the receipts it holds; this station's closed receipts it has not
        // counted yet are added here.
        let counted = Set(record.receipts ?? [])
        var local: [Int: Int64] = [:]
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT r.id, l.order_line, SUM(l.quantity) FROM goods_receipts r
                JOIN goods_receipt_lines l ON l.receipt_id = r.id
                WHERE r.order_id = ? AND r.status = 'closed' AND l.voided = 0 AND l.condition = 'good'
                    AND l.order_line IS NOT NULL
                GROUP BY r.id, l.order_line
                """, arguments: [record.id])
        for row in rows where !counted.contains(row[0] as String) {
            local[row[1] as Int, default: 0] += row[2] as Int64
        }
        let lines = try record.lines.map { line in
            let name = try String.fetchOne(
                db, sql: "SELECT name FROM products WHERE id = ?", arguments: [line.productID])
            return ReceivingOrder.Line(
                number: line.number, productID: line.productID, name: name ?? line.productID, ordered: line.quantity,
                previouslyReceived: (line.received ?? 0) + local[line.number, default: 0])
        }
        return ReceivingOrder(
            id: record.id, number: record.number, supplierName: record.supplierName, status: record.status,
            locationID: record.locationID, overTolerancePercent: record.overTolerancePercent ?? 0, lines: lines,
            pallets: record.pallets ?? [])
    }

    /// Whether a pallet was already received by a closed receipt of this station.
    static func palletReceived(sscc: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db,
            sql: """
                SELECT EXISTS (SELECT 1 FROM goods_receipt_lines l JOIN goods_receipts r ON r.id = l.receipt_id
                    WHERE l.sscc = ? AND l.voided = 0 AND r.status = 'closed')
                """, arguments: [sscc]) ?? false
    }

    // MARK: Receipts

    /// Starts a receipt on a lane.
    static func openReceipt(_ receipt: ReceivingWorkflow, lane: String, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO goods_receipts (id, lane, order_id, location_id, status, opened_at)
                VALUES (?, ?, ?, ?, 'open', ?)
                """, arguments: [receipt.receiptID, lane, receipt.order?.id, receipt.locationID, receipt.openedAt])
    }

    /// Writes entries as they now are (new, voided or with a new reason).
    static func writeEntries(_ entries: [ReceiptEntry], receiptID: String, _ db: Database) throws {
        for entry in entries {
            try db.cachedStatement(
                sql: """
                    INSERT INTO goods_receipt_lines (receipt_id, number, order_line, product_id, name, code, lot,
                        expiry, quantity, condition, reason, sscc, voided)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(receipt_id, number) DO UPDATE SET reason = excluded.reason, voided = excluded.voided
                    """
            ).execute(arguments: [
                receiptID, entry.number, entry.orderLine, entry.productID, entry.name, entry.code, entry.lot,
                entry.expiry, entry.quantity, entry.condition.rawValue, entry.reason?.rawValue, entry.sscc,
                entry.voided,
            ])
        }
    }

    /// Closes a receipt: its movements and lots, the outbox event and the journal entry.
    static func closeReceipt(_ payload: GoodsReceivedPayload, _ db: Database) throws {
        for movement in payload.movements {
            try book(movement, documentID: payload.receiptID, at: payload.closedAt, db)
        }
        for line in payload.lines where line.productID != nil && !line.lot.isEmpty {
            try db.execute(
                sql: """
                    INSERT INTO lots (product_id, lot, expiry) VALUES (?, ?, ?)
                    ON CONFLICT(product_id, lot) DO UPDATE SET expiry = COALESCE(excluded.expiry, expiry)
                    """, arguments: [line.productID, line.lot, line.expiry])
        }
        try db.execute(
            sql: "UPDATE goods_receipts SET status = 'closed', closed_at = ? WHERE id = ? AND status = 'open'",
            arguments: [payload.closedAt, payload.receiptID])
        try record(.goodsReceived, documentID: payload.receiptID, payload: payload, at: payload.closedAt, db)
    }

    static func cancelReceipt(id: String, at time: Int64, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE goods_receipts SET status = 'cancelled', closed_at = ? WHERE id = ? AND status = 'open'",
            arguments: [time, id])
    }

    /// The receipts in progress, by lane, as they were left.
    func openReceipts() throws -> [String: ReceivingWorkflow] {
        try pool.read { db in
            var result: [String: ReceivingWorkflow] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT id, lane, order_id, location_id, opened_at FROM goods_receipts WHERE status = 'open'")
            {
                let id: String = row[0]
                let orderID: String? = row[2]
                var order: ReceivingOrder?
                if let orderID,
                    let number = try String.fetchOne(
                        db, sql: "SELECT number FROM purchase_orders WHERE id = ?", arguments: [orderID])
                {
                    order = try Self.receivingOrder(number: number, db)
                }
                let entries = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT number, order_line, product_id, name, code, lot, expiry, quantity, condition, reason,
                            sscc, voided
                        FROM goods_receipt_lines WHERE receipt_id = ? ORDER BY number
                        """, arguments: [id]
                ).map { line in
                    ReceiptEntry(
                        number: line[0], orderLine: line[1], productID: line[2], name: line[3], code: line[4],
                        lot: line[5], expiry: line[6], quantity: line[7],
                        condition: ReceiptEntry.Condition(rawValue: line[8]) ?? .good,
                        reason: (line[9] as String?).flatMap(StockReason.init(rawValue:)), sscc: line[10],
                        voided: line[11])
                }
                result[row[1]] = ReceivingWorkflow(
                    receiptID: id, order: order, locationID: row[3], openedAt: row[4], entries: entries)
            }
            return result
        }
    }
}
