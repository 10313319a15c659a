/// Whether the amounts on a receipt include tax or have it added on top.
public enum PriceMode: Hashable, Sendable {
    /// Amounts are gross, tax included: European retail, where the shelf price is what the customer pays.
    case taxInclusive
    /// Amounts are net and tax is added: US sales tax, business-to-business invoices.
    case taxExclusive
}

/// Where tax is rounded to whole minor units.
public enum TaxRoundingLevel: Hashable, Sendable {
    /// Tax is computed once per rate on the sum of that rate's lines and then shared out over the lines:
    /// what an invoice's per-rate totals require, and the smallest rounding error.
    case perRate
    /// Tax is rounded on every line and the line taxes are added up, as some US states and invoicing
    /// systems require.
    case perLine
}

/// One line of a receipt before tax: its amount (gross or net, as the ``PriceMode`` says) and tax class.
public struct TaxableLine: Hashable, Sendable {
    /// Negative for a return, a void or a discount line.
    public var amount: Money
    public var taxClass: TaxClass

    public init(amount: Money, taxClass: TaxClass) {
        self.amount = amount
        self.taxClass = taxClass
    }
}

/// One line of a receipt after tax: `net + tax == gross`, and `amount` is `gross` or `net` as the mode says.
public struct TaxedLine: Hashable, Sendable {
    /// The amount as given on the ``TaxableLine``.
    public let amount: Money
    public let taxClass: TaxClass
    public let net: Money
    public let tax: Money
    public let gross: Money
}

/// The totals of one tax treatment on a receipt: one row of the per-rate table on an invoice or Z report.
public struct TaxRateTotals: Hashable, Sendable {
    public let treatment: TaxTreatment
    /// The taxable amount at this rate.
    public let net: Money
    public let tax: Money
    public let gross: Money
    /// How many receipt lines fall under this treatment.
    public let lineCount: Int

    /// Totals as a record holds them, such as a stored receipt's per-rate rows.
    public init(treatment: TaxTreatment, net: Money, tax: Money, gross: Money, lineCount: Int) {
        self.treatment = treatment
        self.net = net
        self.tax = tax
        self.gross = gross
        self.lineCount = lineCount
    }
}

/// A receipt's lines, its totals per tax rate and its grand totals, which agree by construction.
///
/// Always: every line and every rate has `net + tax == gross`; the lines of a rate add up to that rate's
/// net, tax and gross; the rates add up to ``net``, ``tax`` and ``total``. With tax-inclusive prices the
/// total is the sum of the line amounts; with tax-exclusive prices it is that sum plus ``tax``.
public struct ReceiptTotals: Hashable, Sendable {
    public let currency: Currency
    public let priceMode: PriceMode
    /// In the order given.
    public let lines: [TaxedLine]
    /// Taxed rates from highest to lowest, then exempt, then outside scope; only treatments that occur.
    public let rates: [TaxRateTotals]
    public let net: Money
    public let tax: Money
    /// What the customer pays (before any cash rounding).
    public let total: Money
}
