/// The totals of a till's period, from the last Z report to now: an X report reads them, a Z report closes them.
///
/// Sales and returns are added with their signs (returns are negative), so every amount is what stayed in the
/// till. Cash expected is the opening float plus the cash applied to sales less the cash refunded.
public struct PeriodReport: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// Running totals; the period stays open.
        case x = "X"
        /// Closes the period; its number is the Z number.
        case z = "Z"
    }

    /// The totals of one kind of tender.
    public struct TenderTotal: Hashable, Sendable {
        public let kind: TenderKind
        /// Payments and refunds made with this tender.
        public let count: Int
        /// Applied amounts: payments positive, refunds negative, change already taken off.
        public let amount: Money
    }

    public let kind: Kind
    public let stationCode: String
    /// The number of the period; a Z report carries it as its Z number.
    public let periodNumber: Int
    public let currency: Currency
    /// Milliseconds since 1970 (UTC) when the period opened, and when this report was made.
    public let openedAt: Int64
    public let madeAt: Int64
    /// The first and last receipt numbers of the period, nil when nothing was sold or returned.
    public let receiptRange: ClosedRange<Int>?
    public let saleCount: Int
    public let returnCount: Int
    public let voidedBasketCount: Int
    public let voidedLineCount: Int
    /// Σ of sale totals.
    public let sales: Money
    /// Σ of return totals (negative).
    public let refunds: Money
    /// `sales + refunds`.
    public let net: Money
    /// Σ of cash rounding differences.
    public let cashRounding: Money
    /// In `TenderKind.allCases` order, kinds never used left out.
    public let tenders: [TenderTotal]
    /// Tax per treatment over sales and returns, in report order.
    public let taxRates: [TaxRateTotals]
    public let openingFloat: Money
    /// `openingFloat + Σ cash applied`.
    public let expectedCash: Money
    /// The cash counted in the drawer when the period closed (Z reports).
    public let countedCash: Money?

    /// `counted − expected`: negative when cash is missing.
    public var cashDifference: Money? {
        guard let countedCash else { return nil }
        return try? countedCash.subtracting(expectedCash)
    }
}

/// Adds sales, returns and voids up into a ``PeriodReport``.
public struct PeriodAccumulator: Sendable {
    public let currency: Currency
    private var saleCount = 0
    private var returnCount = 0
    private var voidedBasketCount = 0
    private var voidedLineCount = 0
    private var sales: Money
    private var refunds: Money
    private var rounding: Money
    private var tenderCounts: [TenderKind: Int] = [:]
    private var tenderAmounts: [TenderKind: Money] = [:]
    private var rates: [TaxTreatment: (net: Money, tax: Money, gross: Money, lines: Int)] = [:]
    private var receipts: ClosedRange<Int>?

    public init(currency: Currency) {
        self.currency = currency
        sales = .zero(currency)
        refunds = .zero(currency)
        rounding = .zero(currency)
    }

    /// Adds a completed sale and its receipt number.
    public mutating func add(_ sale: CompletedSale, receiptNumber: Int) throws(MoneyError) {
        try addRecorded(
            isReturn: false, total: sale.totals.total, rates: sale.totals.rates, tenders: sale.tenders,
            cashRounding: sale.cashRounding, voidedLineCount: sale.voidedLines.count, receiptNumber: receiptNumber)
    }

    /// Adds a completed return and its own receipt number.
    public mutating func add(_ completedReturn: CompletedReturn, receiptNumber: Int) throws(MoneyError) {
        try addRecorded(
            isReturn: true, total: completedReturn.totals.total, rates: completedReturn.totals.rates,
            tenders: completedReturn.tenders, cashRounding: completedReturn.cashRounding, voidedLineCount: 0,
            receiptNumber: receiptNumber)
    }

    /// Adds a sale or return as the station stored it: its total, tax per rate, tenders and rounding.
    public mutating func addRecorded(
        isReturn: Bool, total: Money, rates: [TaxRateTotals], tenders: [SaleTender], cashRounding: Money,
        voidedLineCount: Int, receiptNumber: Int
    ) throws(MoneyError) {
        if isReturn {
            returnCount += 1
            refunds = try refunds.adding(total)
        } else {
            saleCount += 1
            sales = try sales.adding(total)
        }
        self.voidedLineCount += voidedLineCount
        try addCommon(rates: rates, tenders: tenders, rounding: cashRounding, receipt: receiptNumber)
    }

    /// Counts a basket voided as a whole and the lines it held.
    public mutating func addVoidedBasket(lineCount: Int) {
        voidedBasketCount += 1
        voidedLineCount += lineCount
    }

    private mutating func addCommon(
        rates totalsByRate: [TaxRateTotals], tenders: [SaleTender], rounding cashRounding: Money, receipt: Int
    ) throws(MoneyError) {
        rounding = try rounding.adding(cashRounding)
        for tender in tenders {
            tenderCounts[tender.kind, default: 0] += 1
            tenderAmounts[tender.kind] = try (tenderAmounts[tender.kind] ?? .zero(currency)).adding(tender.applied)
        }
        for rate in totalsByRate {
            let old = rates[rate.treatment] ?? (.zero(currency), .zero(currency), .zero(currency), 0)
            rates[rate.treatment] = (
                try old.net.adding(rate.net), try old.tax.adding(rate.tax), try old.gross.adding(rate.gross),
                old.lines + rate.lineCount
            )
        }
        if let range = receipts {
            receipts = min(range.lowerBound, receipt)...max(range.upperBound, receipt)
        } else {
            receipts = receipt...receipt
        }
    }

    /// The report of the period so far.
    public func report(
        kind: PeriodReport.Kind, stationCode: String, periodNumber: Int, openedAt: Int64, madeAt: Int64,
        openingFloat: Money, countedCash: Money?
    ) throws(MoneyError) -> PeriodReport {
        let tenders = TenderKind.allCases.compactMap { kind -> PeriodReport.TenderTotal? in
            guard let count = tenderCounts[kind], let amount = tenderAmounts[kind] else { return nil }
            return PeriodReport.TenderTotal(kind: kind, count: count, amount: amount)
        }
        let taxRates = rates.sorted { $0.key.reportOrder < $1.key.reportOrder }.map {
            TaxRateTotals(
                treatment: $0.key, net: $0.value.net, tax: $0.value.tax, gross: $0.value.gross,
                lineCount: $0.value.lines)
        }
        let cash = tenderAmounts[.cash] ?? .zero(currency)
        return PeriodReport(
            kind: kind, stationCode: stationCode, periodNumber: periodNumber, currency: currency, openedAt: openedAt,
            madeAt: madeAt, receiptRange: receipts, saleCount: saleCount, returnCount: returnCount,
            voidedBasketCount: voidedBasketCount, voidedLineCount: voidedLineCount, sales: sales, refunds: refunds,
            net: try sales.adding(refunds), cashRounding: rounding, tenders: tenders, taxRates: taxRates,
            openingFloat: openingFloat, expectedCash: try openingFloat.adding(cash), countedCash: countedCash)
    }
}
