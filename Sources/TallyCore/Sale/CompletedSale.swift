/// A paid sale, as it is written in one transaction: lines, totals, tenders and the rounding of cash.
///
/// Always: `Σ tenders.applied == totals.total + cashRounding`, and every line's amount is on the receipt.
public struct CompletedSale: Hashable, Sendable {
    public let basketID: String
    /// The lines that were sold, voided lines left out, in the order they were rung up.
    public let lines: [SaleLine]
    /// Lines voided before payment; kept for the journal, never printed as sold.
    public let voidedLines: [SaleLine]
    public let totals: ReceiptTotals
    public let tenders: [SaleTender]
    /// `rounded − exact` when the last payment was cash rounded to the smallest coin; zero otherwise.
    public let cashRounding: Money

    public init(
        basketID: String, lines: [SaleLine], voidedLines: [SaleLine], totals: ReceiptTotals, tenders: [SaleTender],
        cashRounding: Money
    ) {
        self.basketID = basketID
        self.lines = lines
        self.voidedLines = voidedLines
        self.totals = totals
        self.tenders = tenders
        self.cashRounding = cashRounding
    }

    /// Cash handed back over all tenders.
    public var change: Money {
        (try? Money.sum(tenders.map(\.change), currency: totals.currency)) ?? .zero(totals.currency)
    }
}

/// Where returned goods go: back on the shelf, or to the damaged-goods location.
public enum StockDisposition: String, Hashable, Sendable, CaseIterable {
    case sellable
    case damaged
}

/// One line of a return: part or all of a sold line.
public struct ReturnLine: Hashable, Sendable {
    /// The number of the line on the original receipt.
    public let originalLineNumber: Int
    public let productID: String?
    public let name: String
    public let code: String
    public let unit: SaleUnit
    /// Pieces or grams taken back; positive.
    public let quantity: Int64
    /// What is refunded for it; positive.
    public let amount: Money
    public let taxClass: TaxClass
    public let disposition: StockDisposition

    public init(
        originalLineNumber: Int, productID: String?, name: String, code: String, unit: SaleUnit, quantity: Int64,
        amount: Money, taxClass: TaxClass, disposition: StockDisposition
    ) {
        self.originalLineNumber = originalLineNumber
        self.productID = productID
        self.name = name
        self.code = code
        self.unit = unit
        self.quantity = quantity
        self.amount = amount
        self.taxClass = taxClass
        self.disposition = disposition
    }
}

/// A completed return against a receipt: the lines taken back, the refund's totals and how it was paid out.
///
/// ``totals`` hold the refund as negative amounts, so a Z report adds sales and returns without special
/// cases; ``tenders`` hold negative `applied` amounts; `Σ tenders.applied == totals.total + cashRounding`.
public struct CompletedReturn: Hashable, Sendable {
    public let returnID: String
    public let originalSaleID: String
    public let originalReceipt: TallyCode
    public let lines: [ReturnLine]
    public let totals: ReceiptTotals
    public let tenders: [SaleTender]
    public let cashRounding: Money

    public init(
        returnID: String, originalSaleID: String, originalReceipt: TallyCode, lines: [ReturnLine],
        totals: ReceiptTotals, tenders: [SaleTender], cashRounding: Money
    ) {
        self.returnID = returnID
        self.originalSaleID = originalSaleID
        self.originalReceipt = originalReceipt
        self.lines = lines
        self.totals = totals
        self.tenders = tenders
        self.cashRounding = cashRounding
    }
}
