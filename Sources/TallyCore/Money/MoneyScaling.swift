extension Money {
    /// This amount times `numerator` / `denominator`, rounded once to whole minor units by `rounding`.
    ///
    /// The product is formed exactly in 128 bits before the single rounding, so no precision is lost on the way.
    public func scaled(
        numerator: Int64,
        denominator: Int64,
        rounding: RoundingRule = .commercial
    ) throws(MoneyError) -> Money {
        try scaled(numerator: Int128(numerator), denominator: Int128(denominator), rounding: rounding)
    }

    /// A unit price times a decimal quantity, such as 12.99 per kilogram times 1.234 kg = 16.03.
    public func multiplied(
        by quantity: DecimalQuantity,
        rounding: RoundingRule = .commercial
    ) throws(MoneyError) -> Money {
        try scaled(numerator: Int128(quantity.significand), denominator: quantity.denominator, rounding: rounding)
    }

    func scaled(numerator: Int128, denominator: Int128, rounding: RoundingRule) throws(MoneyError) -> Money {
        try requireMinorUnit()
        guard denominator != 0 else { throw .zeroDenominator }
        let (product, overflow) = Int128(minorUnits).multipliedReportingOverflow(by: numerator)
        guard !overflow, let units = rounding.divide(product, by: denominator) else { throw .overflow }
        return Money(minorUnits: units, currency: currency)
    }
}
