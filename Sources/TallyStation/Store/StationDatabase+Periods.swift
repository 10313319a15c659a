import GRDB
import TallyCore
import TallySync

/// Why a period cannot be closed.
public enum PeriodError: Error, Hashable, Sendable, CustomStringConvertible {
    case basketOpen(lane: String)
    case countedCashCurrency(Currency, expected: Currency)

    public var description: String {
        switch self {
        case .basketOpen(let lane): "lane \(lane) has an open basket: finish or void it before the Z report"
        case .countedCashCurrency(let found, let expected):
            "counted cash is in \(found.code), the till counts in \(expected.code)"
        }
    }
}

extension StationDatabase {
    /// The running totals of the open period (an X report); changes nothing.
    public func xReport(context: StationContext, at time: Int64) throws -> PeriodReport {
        try pool.read { db in
            try Self.report(.x, countedCash: nil, context: context, at: time, db)
        }
    }

    /// Closes the open period with the cash counted in the drawer (a Z report), journals it and reports it to
    /// central. Refused while a lane has a basket open, so no sale straddles two periods.
    public func zReport(countedCash: Money, context: StationContext, at time: Int64) throws -> PeriodReport {
        guard countedCash.currency == context.currency else {
            throw PeriodError.countedCashCurrency(countedCash.currency, expected: context.currency)
        }
        return try pool.write { db in
            if let lane = try String.fetchOne(
                db,
                sql: """
                    SELECT lane FROM sales s WHERE status = 'open'
                        AND (EXISTS (SELECT 1 FROM sale_lines WHERE sale_id = s.id AND voided = 0)
                            OR EXISTS (SELECT 1 FROM tenders WHERE document_id = s.id))
                    LIMIT 1
                    """)
            {
                throw PeriodError.basketOpen(lane: lane)
            }
            let report = try Self.report(.z, countedCash: countedCash, context: context, at: time, db)
            try db.execute(
                sql: """
                    UPDATE periods SET closed_at = ?, expected_cash_minor = ?, counted_cash_minor = ?
                    WHERE number = ?
                    """,
                arguments: [time, report.expectedCash.minorUnits, countedCash.minorUnits, report.periodNumber])
            let payload = PeriodClosedPayload(
                period: report.periodNumber, currency: context.currency.code, openedAt: report.openedAt,
                closedAt: time, firstReceipt: report.receiptRange?.lowerBound,
                lastReceipt: report.receiptRange?.upperBound, sales: report.sales.minorUnits,
                refunds: report.refunds.minorUnits, openingFloat: report.openingFloat.minorUnits,
                expectedCash: report.expectedCash.minorUnits, countedCash: countedCash.minorUnits,
                tenders: report.tenders.map {
                    TenderPayload(
                        kind: $0.kind.rawValue, tendered: $0.amount.minorUnits, applied: $0.amount.minorUnits,
                        change: 0, reference: nil)
                }, taxRates: report.taxRates.map(Self.payload))
            try Self.record(
                .periodClosed, documentID: "period-\(report.periodNumber)", payload: payload, at: time, db)
            return report
        }
    }

    /// The Z reports made so far, oldest first, as their numbers and closing times.
    public func closedPeriods() throws -> [(number: Int, closedAt: Int64)] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT number, closed_at FROM periods WHERE closed_at IS NOT NULL ORDER BY number"
            ).map { ($0[0], $0[1]) }
        }
    }

    private static func report(
        _ kind: PeriodReport.Kind, countedCash: Money?, context: StationContext, at time: Int64, _ db: Database
    ) throws -> PeriodReport {
        let currency = context.currency
        let period = try Row.fetchOne(
            db, sql: "SELECT number, opened_at, opening_float_minor FROM periods WHERE closed_at IS NULL")
        let next = (try Int.fetchOne(db, sql: "SELECT MAX(number) FROM periods") ?? 0) + 1
        let number: Int = period?[0] ?? next
        let openedAt: Int64 = period?[1] ?? time
        let openingFloat = Money(minorUnits: period?[2] ?? context.openingFloat.minorUnits, currency: currency)
        var accumulator = PeriodAccumulator(currency: currency)
        let documents = try Row.fetchAll(
            db,
            sql: """
                SELECT r.number, r.kind, r.document_id,
                    COALESCE(s.total_minor, x.total_minor), COALESCE(s.cash_rounding_minor, x.cash_rounding_minor),
                    (SELECT COUNT(*) FROM sale_lines WHERE sale_id = s.id AND voided = 1)
                FROM receipts r
                LEFT JOIN sales s ON r.kind = 'sale' AND s.id = r.document_id
                LEFT JOIN returns x ON r.kind = 'return' AND x.id = r.document_id
                WHERE COALESCE(s.period, x.period) = ?
                ORDER BY r.number
                """, arguments: [number])
        for row in documents {
            let documentID: String = row[2]
            let rates = try Row.fetchAll(
                db,
                sql: """
                    SELECT treatment, rate_ppm, net_minor, tax_minor, gross_minor, line_count FROM document_taxes
                    WHERE document_id = ?
                    """, arguments: [documentID]
            ).map { rate in
                TaxRateTotals(
                    treatment: taxClass(id: "", name: "", treatment: rate[0], ratePPM: rate[1]).treatment,
                    net: Money(minorUnits: rate[2], currency: currency),
                    tax: Money(minorUnits: rate[3], currency: currency),
                    gross: Money(minorUnits: rate[4], currency: currency), lineCount: rate[5])
            }
            try accumulator.addRecorded(
                isReturn: row[1] == "return", total: Money(minorUnits: row[3], currency: currency), rates: rates,
                tenders: try tenders(of: documentID, currency: currency, db),
                cashRounding: Money(minorUnits: row[4], currency: currency), voidedLineCount: row[5],
                receiptNumber: row[0])
        }
        let voided = try Row.fetchAll(
            db,
            sql: """
                SELECT (SELECT COUNT(*) FROM sale_lines WHERE sale_id = s.id) FROM sales s
                WHERE status = 'voided' AND period = ?
                """, arguments: [number])
        for row in voided { accumulator.addVoidedBasket(lineCount: row[0]) }
        return try accumulator.report(
            kind: kind, stationCode: context.stationCode, periodNumber: number, openedAt: openedAt, madeAt: time,
            openingFloat: openingFloat, countedCash: countedCash)
    }
}
