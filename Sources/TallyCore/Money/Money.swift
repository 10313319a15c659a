/// An amount of money: a whole number of minor units (cents, öre, yen) in one currency.
///
/// Never a floating-point number: 0.10 + 0.20 must be 0.30 on every receipt. Amounts may be negative
/// (returns, voids, discounts). Arithmetic lives in methods that report overflow and currency mismatch
/// as ``MoneyError`` instead of trapping, and every one of them refuses currencies whose ISO 4217 minor
/// unit is "N.A." (see ``Currency/minorUnit``).
public struct Money: Hashable, Sendable {
    /// The amount in minor units of ``currency``: 1234 is 12.34 EUR, 1234 JPY, 1.234 KWD.
    public var minorUnits: Int64
    public var currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Nothing, in `currency`.
    public static func zero(_ currency: Currency) -> Money {
        Money(minorUnits: 0, currency: currency)
    }

    public var isZero: Bool { minorUnits == 0 }
    public var isNegative: Bool { minorUnits < 0 }
    public var isPositive: Bool { minorUnits > 0 }

    /// Throws unless ``currency`` has a minor unit, so that no operation gives meaning to meaningless units.
    func requireMinorUnit() throws(MoneyError) {
        guard currency.hasMinorUnit else { throw .noMinorUnit(currency) }
    }

    /// Throws unless `other` is in the same currency as this amount.
    func requireSameCurrency(as other: Money) throws(MoneyError) {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
    }

    /// An amount in this currency, or ``MoneyError/overflow`` if `units` does not fit.
    func withMinorUnits(_ units: Int128) throws(MoneyError) -> Money {
        guard let exact = Int64(exactly: units) else { throw .overflow }
        return Money(minorUnits: exact, currency: currency)
    }
}

extension Money: CustomStringConvertible {
    /// The amount as a decimal number and code, such as `-12.34 EUR`, for logs and error messages.
    public var description: String {
        guard let text = try? decimalString() else { return "\(minorUnits) units of \(currency.code)" }
        return "\(text) \(currency.code)"
    }
}
