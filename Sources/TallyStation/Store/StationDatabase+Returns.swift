import GRDB
import TallyCore
import TallySync

/// Why a return cannot be written.
public enum ReturnStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    case receiptNotFound(TallyCode)
    case otherStation(TallyCode, expected: String)
    case notASale(TallyCode)
    case alreadyReturned(line: Int)

    public var description: String {
        switch self {
        case .receiptNotFound(let code): "receipt \(code) is not in this station's records"
        case .otherStation(let code, let expected):
            "receipt \(code) was issued by another station; this is \(expected)"
        case .notASale(let code): "receipt \(code) is a refund, not a sale"
        case .alreadyReturned(let line): "line \(line) was returned in the meantime; scan the receipt again"
        }
    }
}

extension StationDatabase {
    /// The sale behind a receipt barcode, with what each line has already had returned.
    public func returnableSale(receipt code: TallyCode, context: StationContext) throws -> ReturnableSale {
        try pool.read { db in try Self.returnableSale(receipt: code, context: context, db) }
    }

    static func returnableSale(
        receipt code: TallyCode, context: StationContext, _ db: Database
    ) throws
        -> ReturnableSale
    {
        guard case .receipt(let station, let number) = code else { throw ReturnStoreError.receiptNotFound(code) }
        guard station == context.stationCode else {
            throw ReturnStoreError.otherStation(code, expected: context.stationCode)
        }
        guard
            let receipt = try Row.fetchOne(
                db, sql: "SELECT kind, document_id FROM receipts WHERE number = ?", arguments: [number])
        else { throw ReturnStoreError.receiptNotFound(code) }
        guard receipt[0] == "sale" else { throw ReturnStoreError.notASale(code) }
        let saleID: String = receipt[1]
        let returned = try returnedSoFar(saleID: saleID, currency: context.currency, db)
        let lines = try lines(of: saleID, currency: context.currency, db).filter { !$0.isVoided }.map {
            ReturnableLine(
                line: $0, returnedQuantity: returned[$0.number]?.0 ?? 0,
                refundedAmount: returned[$0.number]?.1 ?? .zero(context.currency))
        }
        return ReturnableSale(saleID: saleID, receipt: code, lines: lines)
    }

    /// Writes a completed return with the scan that completed it: refund receipt, lines, tender, stock back to
    /// the chosen locations, outbox event and journal entry, in one transaction. Quantities are checked again
    /// inside it, so two lanes cannot return the same goods twice.
    public func commitReturn(
        _ completed: CompletedReturn, lane: String, scan: JournaledScan?, context: StationContext, at time: Int64
    ) throws -> Int {
        try pool.write { db in
            try Self.writeReturn(completed, lane: lane, scan: scan, context: context, at: time, db)
        }
    }

    /// ``commitReturn(_:lane:scan:context:at:)`` in the caller's transaction; the check comes before any write,
    /// so a refusal leaves nothing behind.
    static func writeReturn(
        _ completed: CompletedReturn, lane: String, scan: JournaledScan?, context: StationContext, at time: Int64,
        _ db: Database
    ) throws -> Int {
        do {
            let returned = try Self.returnedSoFar(
                saleID: completed.originalSaleID, currency: context.currency, db)
            let sold = try Self.lines(of: completed.originalSaleID, currency: context.currency, db)
            let asked = Dictionary(completed.lines.map { ($0.originalLineNumber, $0.quantity) }, uniquingKeysWith: +)
            for (number, quantity) in asked {
                guard let original = sold.first(where: { $0.number == number && !$0.isVoided }),
                    quantity <= original.quantity - (returned[number]?.0 ?? 0)
                else { throw ReturnStoreError.alreadyReturned(line: number) }
            }
            if let scan { try Self.insert(scan, db) }
            let period = try Self.openPeriod(context: context, at: time, db)
            let number = try Self.issueReceipt(kind: "return", documentID: completed.returnID, at: time, db)
            let totals = completed.totals
            try db.execute(
                sql: """
                    INSERT INTO returns (id, lane, original_sale_id, created_at, currency, net_minor, tax_minor,
                        total_minor, cash_rounding_minor, period)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    completed.returnID, lane, completed.originalSaleID, time, context.currency.code,
                    totals.net.minorUnits, totals.tax.minorUnits, totals.total.minorUnits,
                    completed.cashRounding.minorUnits, period,
                ])
            var movements: [MovementPayload] = []
            for line in completed.lines {
                try db.execute(
                    sql: """
                        INSERT INTO return_lines (return_id, original_line_number, quantity, amount_minor, disposition)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        completed.returnID, line.originalLineNumber, line.quantity, line.amount.minorUnits,
                        line.disposition.rawValue,
                    ])
                guard let productID = line.productID else { continue }
                let location =
                    line.disposition == .damaged ? context.damagedLocation : context.sellableLocation
                movements.append(
                    try Self.move(
                        productID: productID, location: location, quantity: line.quantity, reason: "return",
                        documentID: completed.returnID, at: time, db))
            }
            for tender in completed.tenders {
                try Self.insertTender(tender, documentID: completed.returnID, db)
            }
            try Self.insertTaxes(totals, documentID: completed.returnID, db)
            let payload = ReturnCompletedPayload(
                returnID: completed.returnID, originalSaleID: completed.originalSaleID, lane: lane,
                receiptNumber: number, period: period, currency: context.currency.code, completedAt: time,
                lines: completed.lines.map {
                    ReturnLinePayload(
                        originalLineNumber: $0.originalLineNumber, productID: $0.productID, quantity: $0.quantity,
                        amount: $0.amount.minorUnits, disposition: $0.disposition.rawValue)
                }, settlement: settlement(totals, tenders: completed.tenders, cashRounding: completed.cashRounding),
                movements: movements)
            try Self.record(.returnCompleted, documentID: completed.returnID, payload: payload, at: time, db)
            return number
        }
    }

    /// Per original line: quantity returned and amount refunded so far.
    static func returnedSoFar(saleID: String, currency: Currency, _ db: Database) throws -> [Int: (Int64, Money)] {
        var result: [Int: (Int64, Money)] = [:]
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT l.original_line_number, SUM(l.quantity), SUM(l.amount_minor)
                FROM return_lines l JOIN returns r ON r.id = l.return_id
                WHERE r.original_sale_id = ? GROUP BY l.original_line_number
                """, arguments: [saleID])
        for row in rows {
            result[row[0]] = (row[1], Money(minorUnits: row[2], currency: currency))
        }
        return result
    }

    /// The lines of a sale or basket as stored, voided ones included.
    static func lines(of saleID: String, currency: Currency, _ db: Database) throws -> [SaleLine] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT number, product_id, name, code, unit, quantity, unit_price_minor, amount_minor, tax_class_id,
                    tax_class_name, treatment, rate_ppm, pricing, entered_by, voided
                FROM sale_lines WHERE sale_id = ? ORDER BY number
                """, arguments: [saleID]
        ).map { row in
            let pricing: LinePricing =
                switch row[12] as String {
                case "embedded-price": .embeddedPrice
                case "embedded-weight": .embeddedWeight
                case "entered": .entered(operatorID: row[13] ?? "")
                default: .catalog
                }
            return SaleLine(
                number: row[0], productID: row[1], name: row[2], code: row[3],
                unit: SaleUnit(rawValue: row[4]) ?? .piece, quantity: row[5],
                unitPrice: Money(minorUnits: row[6], currency: currency),
                amount: Money(minorUnits: row[7], currency: currency),
                taxClass: taxClass(id: row[8], name: row[9], treatment: row[10], ratePPM: row[11]), pricing: pricing,
                isVoided: row[14])
        }
    }

    /// The tenders of a sale or return, in order.
    static func tenders(of documentID: String, currency: Currency, _ db: Database) throws -> [SaleTender] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT kind, tendered_minor, applied_minor, change_minor, reference FROM tenders
                WHERE document_id = ? ORDER BY seq
                """, arguments: [documentID]
        ).map { row in
            SaleTender(
                kind: TenderKind(rawValue: row[0]) ?? .other, tendered: Money(minorUnits: row[1], currency: currency),
                applied: Money(minorUnits: row[2], currency: currency),
                change: Money(minorUnits: row[3], currency: currency), reference: row[4])
        }
    }
}
