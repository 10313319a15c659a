extension Money {
    /// This amount plus `other`, which must be in the same currency.
    public func adding(_ other: Money) throws(MoneyError) -> Money {
        try requireMinorUnit()
        try requireSameCurrency(as: other)
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: sum, currency: currency)
    }

    /// This amount minus `other`, which must be in the same currency.
    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        try requireMinorUnit()
        try requireSameCurrency(as: other)
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: difference, currency: currency)
    }

    /// The amount with its sign flipped: a sale becomes its return.
    public func negated() throws(MoneyError) -> Money {
        try requireMinorUnit()
        let (negative, overflow) = Int64(0).subtractingReportingOverflow(minorUnits)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: negative, currency: currency)
    }

    /// This amount times a whole count, such as a unit price times the number of items; exact, never rounded.
    public func multiplied(by count: Int64) throws(MoneyError) -> Money {
        try requireMinorUnit()
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: count)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: product, currency: currency)
    }

    /// The total of `amounts`, all in `currency`; zero for none.
    public static func sum(_ amounts: some Sequence<Money>, currency: Currency) throws(MoneyError) -> Money {
        var total = Money.zero(currency)
        try total.requireMinorUnit()
        for amount in amounts {
            total = try total.adding(amount)
        }
        return total
    }
}
