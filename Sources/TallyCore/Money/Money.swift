/// An amount of money: a whole number of minor units (cents, öre, yen) in one currency.
///
/// Never a floating-point number: 0.10 + 0.20 must be 0.30 on every receipt.
public struct Money: Hashable, Sendable {
    /// The amount in minor units of ``currency``: 1234 is 12.34 EUR, 1234 JPY, 1.234 KWD.
    public var minorUnits: Int64
    public var currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }
}
