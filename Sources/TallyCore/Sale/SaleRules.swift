/// What the station does with a barcode the catalog does not know.
public enum UnknownBarcodePolicy: Hashable, Sendable {
    /// Refuse the scan; the item cannot be sold until the catalog knows it.
    case refuse
    /// Ask for a price, which only an operator with one of these roles may enter.
    case priceEntry(roles: Set<String>)
}

/// How a station sells: its currency, how tax is computed, cash rounding and what to do with unknown items.
public struct SaleRules: Hashable, Sendable {
    public var currency: Currency
    public var tax: TaxCalculator
    /// Nil where cash is settled to the minor unit.
    public var cashRounding: CashRounding?
    public var unknownBarcode: UnknownBarcodePolicy
    /// The tax class of items priced by hand: the shop's standard class, which the station takes from its
    /// catalog. Without one, unknown items are refused whatever the policy says.
    public var unknownItemTaxClass: TaxClass?
    /// The most pieces one line may hold; more is a keying slip, not a sale.
    public var maximumPieces: Int64
    /// The heaviest weighed line, in grams.
    public var maximumGrams: Int64

    public init(
        currency: Currency, tax: TaxCalculator, cashRounding: CashRounding? = nil,
        unknownBarcode: UnknownBarcodePolicy = .refuse, unknownItemTaxClass: TaxClass? = nil,
        maximumPieces: Int64 = 9999, maximumGrams: Int64 = 1_000_000
    ) {
        self.currency = currency
        self.tax = tax
        self.cashRounding = cashRounding
        self.unknownBarcode = unknownBarcode
        self.unknownItemTaxClass = unknownItemTaxClass
        self.maximumPieces = maximumPieces
        self.maximumGrams = maximumGrams
    }
}
