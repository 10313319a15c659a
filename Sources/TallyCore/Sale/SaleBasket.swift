/// The open basket of a lane: its lines, payments so far and what waits for the next input.
public struct SaleBasket: Hashable, Sendable {
    /// A UUID made on the station when the basket opened; the completed sale keeps it.
    public let id: String
    /// Every line rung up, voided ones included, in order.
    public internal(set) var lines: [SaleLine]
    public internal(set) var tenders: [SaleTender]
    /// The multiplier for the next item.
    public internal(set) var pendingQuantity: Int64?
    /// An unknown item's code waiting for a price.
    public internal(set) var pendingPriceCode: String?

    /// A basket as the station stored it, for picking up after a restart.
    public init(
        id: String, lines: [SaleLine] = [], tenders: [SaleTender] = [], pendingQuantity: Int64? = nil,
        pendingPriceCode: String? = nil
    ) {
        self.id = id
        self.lines = lines
        self.tenders = tenders
        self.pendingQuantity = pendingQuantity
        self.pendingPriceCode = pendingPriceCode
    }

    /// The lines still standing.
    public var liveLines: [SaleLine] { lines.filter { !$0.isVoided } }

    /// Whether nothing at all has happened in it yet.
    public var isEmpty: Bool {
        lines.isEmpty && tenders.isEmpty && pendingQuantity == nil && pendingPriceCode == nil
    }

    /// Totals of the lines still standing.
    public func totals(_ rules: SaleRules) throws(MoneyError) -> ReceiptTotals {
        try rules.tax.totals(
            of: liveLines.map { TaxableLine(amount: $0.amount, taxClass: $0.taxClass) }, currency: rules.currency)
    }

    /// Σ applied over the tenders so far.
    public func paid(in currency: Currency) throws(MoneyError) -> Money {
        try Money.sum(tenders.map(\.applied), currency: currency)
    }

    /// What is still to pay, before any cash rounding.
    public func remaining(_ rules: SaleRules) throws(MoneyError) -> Money {
        try totals(rules).total.subtracting(paid(in: rules.currency))
    }
}
