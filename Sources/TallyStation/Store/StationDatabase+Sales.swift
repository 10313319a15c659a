import GRDB
import TallyCore
import TallySync

/// What a sale input did, once written.
public struct SaleCommit: Hashable, Sendable {
    /// The receipt number of the sale it completed.
    public let receiptNumber: Int?
}

extension StationDatabase {
    /// Writes what a sale input changed, with the scan that caused it, in one transaction: lines, tenders and
    /// pending state; on completion also the receipt number, stock movements, outbox event and journal entry.
    ///
    /// `basketAfter` is the lane's basket after the input (nil when none is open any more).
    public func commitSale(
        lane: String, basketID: String, events: [SaleEvent], basketAfter: SaleBasket?, scan: JournaledScan?,
        context: StationContext, at time: Int64
    ) throws -> SaleCommit {
        try pool.write { db in
            if let scan { try Self.insert(scan, db) }
            return try Self.apply(
                events, lane: lane, basketID: basketID, basketAfter: basketAfter, context: context, at: time, db)
        }
    }

    static func apply(
        _ events: [SaleEvent], lane: String, basketID: String, basketAfter: SaleBasket?, context: StationContext,
        at time: Int64, _ db: Database
    ) throws -> SaleCommit {
        try db.cachedStatement(
            sql: """
                INSERT INTO sales (id, lane, status, opened_at, currency) VALUES (?, ?, 'open', ?, ?)
                ON CONFLICT(id) DO NOTHING
                """
        ).execute(arguments: [basketID, lane, time, context.currency.code])
        var receiptNumber: Int?
        for event in events {
            switch event {
            case .lineAdded(let line): try insertLine(line, saleID: basketID, db)
            case .lineChanged(let line):
                try db.cachedStatement(
                    sql: "UPDATE sale_lines SET quantity = ?, amount_minor = ? WHERE sale_id = ? AND number = ?"
                ).execute(arguments: [line.quantity, line.amount.minorUnits, basketID, line.number])
            case .lineVoided(let line):
                try db.execute(
                    sql: "UPDATE sale_lines SET voided = 1 WHERE sale_id = ? AND number = ?",
                    arguments: [basketID, line.number])
            case .quantityPending, .priceEntryPending:
                break
            case .tendered(let tender):
                try insertTender(tender, documentID: basketID, db)
            case .basketVoided(let basket):
                try voidBasket(basket, lane: lane, context: context, at: time, db)
            case .completed(let sale):
                receiptNumber = try complete(sale, lane: lane, context: context, at: time, db)
            }
        }
        if let basketAfter {
            try db.cachedStatement(
                sql: "UPDATE sales SET pending_quantity = ?, pending_price_code = ? WHERE id = ? AND status = 'open'"
            ).execute(arguments: [basketAfter.pendingQuantity, basketAfter.pendingPriceCode, basketID])
        } else {
            // A basket that emptied without being sold or voided held no facts, only state.
            try db.execute(
                sql: """
                    DELETE FROM sales WHERE id = ? AND status = 'open'
                        AND NOT EXISTS (SELECT 1 FROM sale_lines WHERE sale_id = sales.id)
                        AND NOT EXISTS (SELECT 1 FROM tenders WHERE document_id = sales.id)
                    """, arguments: [basketID])
        }
        return SaleCommit(receiptNumber: receiptNumber)
    }

    private static func insertLine(_ line: SaleLine, saleID: String, _ db: Database) throws {
        let (treatment, rate) = storedTreatment(line.taxClass.treatment)
        let (pricing, enteredBy) = storedPricing(line.pricing)
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO sale_lines (sale_id, number, product_id, name, code, unit, quantity, unit_price_minor,
                    amount_minor, tax_class_id, tax_class_name, treatment, rate_ppm, pricing, entered_by, voided)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        try statement.execute(arguments: [
            saleID, line.number, line.productID, line.name, line.code, line.unit.rawValue, line.quantity,
            line.unitPrice.minorUnits, line.amount.minorUnits, line.taxClass.id, line.taxClass.name, treatment, rate,
            pricing, enteredBy, line.isVoided,
        ])
    }

    static func insertTender(_ tender: SaleTender, documentID: String, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO tenders (document_id, seq, kind, tendered_minor, applied_minor, change_minor, reference)
                VALUES (?, (SELECT COUNT(*) + 1 FROM tenders WHERE document_id = ?), ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                documentID, documentID, tender.kind.rawValue, tender.tendered.minorUnits, tender.applied.minorUnits,
                tender.change.minorUnits, tender.reference,
            ])
    }

    static func storedPricing(_ pricing: LinePricing) -> (String, String?) {
        switch pricing {
        case .catalog: ("catalog", nil)
        case .embeddedPrice: ("embedded-price", nil)
        case .embeddedWeight: ("embedded-weight", nil)
        case .entered(let person): ("entered", person)
        }
    }

    private static func voidBasket(
        _ basket: SaleBasket, lane: String, context: StationContext, at time: Int64, _ db: Database
    ) throws {
        let period = try openPeriod(context: context, at: time, db)
        let openedAt = try Int64.fetchOne(db, sql: "SELECT opened_at FROM sales WHERE id = ?", arguments: [basket.id])
        try db.execute(
            sql: "UPDATE sales SET status = 'voided', closed_at = ?, period = ? WHERE id = ?",
            arguments: [time, period, basket.id])
        let payload = BasketVoidedPayload(
            saleID: basket.id, lane: lane, period: period, openedAt: openedAt ?? time, voidedAt: time,
            lines: basket.lines.map(Self.payload), tenders: basket.tenders.map(Self.payload))
        try record(.basketVoided, documentID: basket.id, payload: payload, at: time, db)
    }

    private static func complete(
        _ sale: CompletedSale, lane: String, context: StationContext, at time: Int64, _ db: Database
    ) throws -> Int {
        let period = try openPeriod(context: context, at: time, db)
        let number = try issueReceipt(kind: "sale", documentID: sale.basketID, at: time, db)
        let totals = sale.totals
        try db.execute(
            sql: """
                UPDATE sales SET status = 'completed', closed_at = ?, net_minor = ?, tax_minor = ?, total_minor = ?,
                    cash_rounding_minor = ?, period = ?, pending_quantity = NULL, pending_price_code = NULL
                WHERE id = ?
                """,
            arguments: [
                time, totals.net.minorUnits, totals.tax.minorUnits, totals.total.minorUnits,
                sale.cashRounding.minorUnits, period, sale.basketID,
            ])
        try insertTaxes(totals, documentID: sale.basketID, db)
        var movements: [MovementPayload] = []
        for line in sale.lines {
            guard let productID = line.productID else { continue }
            movements.append(
                try move(
                    productID: productID, location: context.sellableLocation, quantity: -line.quantity,
                    reason: "sale", documentID: sale.basketID, at: time, db))
        }
        let openedAt = try Int64.fetchOne(
            db, sql: "SELECT opened_at FROM sales WHERE id = ?", arguments: [sale.basketID])
        let payload = SaleCompletedPayload(
            saleID: sale.basketID, lane: lane, receiptNumber: number, period: period,
            currency: context.currency.code, openedAt: openedAt ?? time, completedAt: time,
            lines: sale.lines.map(Self.payload), voidedLines: sale.voidedLines.map(Self.payload),
            settlement: settlement(totals, tenders: sale.tenders, cashRounding: sale.cashRounding),
            movements: movements)
        try record(.saleCompleted, documentID: sale.basketID, payload: payload, at: time, db)
        return number
    }

    /// Gives the next receipt number: one more than the highest, in the transaction that writes the document,
    /// so numbers are gapless whatever crashes.
    static func issueReceipt(kind: String, documentID: String, at time: Int64, _ db: Database) throws -> Int {
        let number = (try Int.fetchOne(db, sql: "SELECT MAX(number) FROM receipts") ?? 0) + 1
        try db.execute(
            sql: "INSERT INTO receipts (number, kind, document_id, issued_at) VALUES (?, ?, ?, ?)",
            arguments: [number, kind, documentID, time])
        return number
    }

    static func insertTaxes(_ totals: ReceiptTotals, documentID: String, _ db: Database) throws {
        for rate in totals.rates {
            let (treatment, ppm) = storedTreatment(rate.treatment)
            try db.execute(
                sql: """
                    INSERT INTO document_taxes (document_id, treatment, rate_ppm, net_minor, tax_minor, gross_minor,
                        line_count)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    documentID, treatment, ppm, rate.net.minorUnits, rate.tax.minorUnits, rate.gross.minorUnits,
                    rate.lineCount,
                ])
        }
    }

    /// Books one stock movement and its effect on the on-hand projection.
    static func move(
        productID: String, location: String, quantity: Int64, reason: String, documentID: String, at time: Int64,
        _ db: Database
    ) throws -> MovementPayload {
        let id = newID()
        try db.cachedStatement(
            sql: """
                INSERT INTO stock_movements (id, product_id, location_id, lot, quantity, reason, document_id,
                    created_at)
                VALUES (?, ?, ?, '', ?, ?, ?, ?)
                """
        ).execute(arguments: [id, productID, location, quantity, reason, documentID, time])
        try db.cachedStatement(
            sql: """
                INSERT INTO stock_on_hand (product_id, location_id, lot, quantity) VALUES (?, ?, '', ?)
                ON CONFLICT(product_id, location_id, lot) DO UPDATE SET quantity = quantity + excluded.quantity
                """
        ).execute(arguments: [productID, location, quantity])
        return MovementPayload(
            id: id, productID: productID, locationID: location, lot: "", quantity: quantity, reason: reason)
    }

    static func payload(_ line: SaleLine) -> SaleLinePayload {
        let (treatment, rate) = storedTreatment(line.taxClass.treatment)
        let (pricing, enteredBy) = storedPricing(line.pricing)
        return SaleLinePayload(
            number: line.number, productID: line.productID, name: line.name, code: line.code,
            unit: line.unit.rawValue, quantity: line.quantity, unitPrice: line.unitPrice.minorUnits,
            amount: line.amount.minorUnits, taxClassID: line.taxClass.id, treatment: treatment, ratePPM: rate,
            pricing: pricing, enteredBy: enteredBy)
    }

    /// How a sale or return was settled, as central reads it.
    static func settlement(_ totals: ReceiptTotals, tenders: [SaleTender], cashRounding: Money) -> SettlementPayload {
        SettlementPayload(
            tenders: tenders.map(payload), taxRates: totals.rates.map(payload), net: totals.net.minorUnits,
            tax: totals.tax.minorUnits, total: totals.total.minorUnits, cashRounding: cashRounding.minorUnits)
    }

    static func payload(_ tender: SaleTender) -> TenderPayload {
        TenderPayload(
            kind: tender.kind.rawValue, tendered: tender.tendered.minorUnits, applied: tender.applied.minorUnits,
            change: tender.change.minorUnits, reference: tender.reference)
    }

    static func payload(_ rate: TaxRateTotals) -> TaxRatePayload {
        let (treatment, ppm) = storedTreatment(rate.treatment)
        return TaxRatePayload(
            treatment: treatment, ratePPM: ppm, net: rate.net.minorUnits, tax: rate.tax.minorUnits,
            gross: rate.gross.minorUnits)
    }
}
