import GRDB
import TallyCore

/// A receipt as stored: what it documents and how often it has been printed.
public struct StoredReceipt: Hashable, Sendable {
    public enum Document: Hashable, Sendable {
        case sale(CompletedSale)
        case `return`(CompletedReturn)
    }

    public let number: Int
    public let issuedAt: Int64
    public let lane: String
    public let printCount: Int
    public let document: Document

    public var total: Money {
        switch document {
        case .sale(let sale): sale.totals.total
        case .return(let completed): completed.totals.total
        }
    }
}

extension StationDatabase {
    /// The open basket of every lane that has one, for picking up where the station stopped.
    public func openBaskets(currency: Currency) throws -> [String: SaleBasket] {
        try pool.read { db in
            var baskets: [String: SaleBasket] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT id, lane, pending_quantity, pending_price_code FROM sales WHERE status = 'open'")
            {
                let id: String = row[0]
                baskets[row[1]] = SaleBasket(
                    id: id, lines: try Self.lines(of: id, currency: currency, db),
                    tenders: try Self.tenders(of: id, currency: currency, db), pendingQuantity: row[2],
                    pendingPriceCode: row[3])
            }
            return baskets
        }
    }

    /// The workflow mode each lane was last switched to.
    public func laneModes() throws -> [String: WorkflowMode] {
        try pool.read { db in
            var modes: [String: WorkflowMode] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, mode FROM lanes") {
                if let mode = WorkflowMode(rawValue: row[1]) { modes[row[0]] = mode }
            }
            return modes
        }
    }

    /// Records a lane's mode switch with the scan that asked for it.
    public func commitMode(_ mode: WorkflowMode, lane: String, scan: JournaledScan?) throws {
        try pool.write { db in try Self.writeMode(mode, lane: lane, scan: scan, db) }
    }

    static func writeMode(_ mode: WorkflowMode, lane: String, scan: JournaledScan?, _ db: Database) throws {
        if let scan { try insert(scan, db) }
        try db.execute(
            sql: "INSERT INTO lanes (id, mode) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET mode = excluded.mode",
            arguments: [lane, mode.rawValue])
    }

    /// A receipt by number, rebuilt from the stored sale or return; `tax` recomputes the per-line shares the
    /// receipt prints, from the stored lines.
    public func receipt(number: Int, rules: SaleRules, stationCode: String) throws -> StoredReceipt? {
        try pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT kind, document_id, issued_at, print_count FROM receipts WHERE number = ?",
                    arguments: [number])
            else { return nil }
            let id: String = row[1]
            let currency = rules.currency
            let tenders = try Self.tenders(of: id, currency: currency, db)
            if row[0] == "sale" {
                let lines = try Self.lines(of: id, currency: currency, db)
                let live = lines.filter { !$0.isVoided }
                let sale = try Row.fetchOne(
                    db, sql: "SELECT lane, cash_rounding_minor FROM sales WHERE id = ?", arguments: [id])
                let totals = try rules.tax.totals(
                    of: live.map { TaxableLine(amount: $0.amount, taxClass: $0.taxClass) }, currency: currency)
                let completed = CompletedSale(
                    basketID: id, lines: live, voidedLines: lines.filter(\.isVoided), totals: totals, tenders: tenders,
                    cashRounding: Money(minorUnits: sale?[1] ?? 0, currency: currency))
                return StoredReceipt(
                    number: number, issuedAt: row[2], lane: sale?[0] ?? "", printCount: row[3],
                    document: .sale(completed))
            }
            guard
                let header = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT r.lane, r.original_sale_id, r.cash_rounding_minor, o.number FROM returns r
                        JOIN receipts o ON o.document_id = r.original_sale_id WHERE r.id = ?
                        """, arguments: [id])
            else { return nil }
            let originalSaleID: String = header[1]
            let original = try Self.lines(of: originalSaleID, currency: currency, db)
            let lines = try Row.fetchAll(
                db,
                sql: """
                    SELECT original_line_number, quantity, amount_minor, disposition FROM return_lines
                    WHERE return_id = ? ORDER BY original_line_number, disposition DESC
                    """, arguments: [id]
            ).compactMap { line -> ReturnLine? in
                guard let sold = original.first(where: { $0.number == line[0] }) else { return nil }
                return ReturnLine(
                    originalLineNumber: sold.number, productID: sold.productID, name: sold.name, code: sold.code,
                    unit: sold.unit, quantity: line[1], amount: Money(minorUnits: line[2], currency: currency),
                    taxClass: sold.taxClass, disposition: StockDisposition(rawValue: line[3]) ?? .sellable)
            }
            let totals = try rules.tax.totals(
                of: try lines.map { TaxableLine(amount: try $0.amount.negated(), taxClass: $0.taxClass) },
                currency: currency)
            let completed = CompletedReturn(
                returnID: id, originalSaleID: originalSaleID,
                originalReceipt: .receipt(station: stationCode, number: header[3]), lines: lines, totals: totals,
                tenders: tenders, cashRounding: Money(minorUnits: header[2], currency: currency))
            return StoredReceipt(
                number: number, issuedAt: row[2], lane: header[0], printCount: row[3], document: .return(completed))
        }
    }

    /// The newest receipt numbers, newest first.
    public func recentReceiptNumbers(limit: Int) throws -> [Int] {
        try pool.read { db in
            try Int.fetchAll(db, sql: "SELECT number FROM receipts ORDER BY number DESC LIMIT ?", arguments: [limit])
        }
    }

    /// Counts a print of a receipt; every print after the first is a copy.
    public func markPrinted(receipt number: Int) throws -> Int {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE receipts SET print_count = print_count + 1 WHERE number = ?", arguments: [number])
            return try Int.fetchOne(db, sql: "SELECT print_count FROM receipts WHERE number = ?", arguments: [number])
                ?? 0
        }
    }

    /// Events waiting for central.
    public func outboxBacklog() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL") ?? 0 }
    }

    /// On-hand per product at a location.
    public func onHand(productID: String, location: String) throws -> Int64 {
        try pool.read { db in
            try Int64.fetchOne(
                db,
                sql: "SELECT COALESCE(SUM(quantity), 0) FROM stock_on_hand WHERE product_id = ? AND location_id = ?",
                arguments: [productID, location]) ?? 0
        }
    }
}
