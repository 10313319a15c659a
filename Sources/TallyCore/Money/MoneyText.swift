extension Money {
    /// Reads a decimal amount exactly: "12.34" EUR is 1234 cents, "1234" JPY is 1234 yen, "1.234" KWD is 1234 fils.
    ///
    /// Fewer decimal places than the currency has are fine ("12.3" is 12.30). More are an error unless
    /// `rounding` is given, because a clerk who types 12.345 EUR has made a mistake that rounding would hide;
    /// pass a rule when the text comes from a system that computes with more places.
    public init(
        parsing text: some StringProtocol,
        currency: Currency,
        separator: DecimalSeparator = .point,
        rounding: RoundingRule? = nil
    ) throws(MoneyError) {
        guard case .decimalPlaces(let places) = currency.minorUnit else { throw .noMinorUnit(currency) }
        do {
            let decimal = try DecimalInput(text, separator: separator)
            minorUnits = try decimal.scaled(by: places, rounding: rounding)
        } catch {
            switch error {
            case .empty: throw .emptyAmount
            case .malformed: throw .malformedAmount(String(text))
            case .needsRounding: throw .tooManyDecimalPlaces(String(text), currency)
            case .tooLarge: throw .amountTooLarge(String(text), currency)
            }
        }
        self.currency = currency
    }

    /// The amount as a plain decimal number with exactly the currency's places: `12.30`, `-0.05`, `1234` (JPY).
    ///
    /// No thousands separators and no symbol; this is the form ``init(parsing:currency:separator:rounding:)``
    /// reads back, so formatting and parsing round-trip for every amount.
    public func decimalString(separator: DecimalSeparator = .point) throws(MoneyError) -> String {
        guard case .decimalPlaces(let places) = currency.minorUnit else { throw .noMinorUnit(currency) }
        return DecimalInput.text(for: minorUnits, places: places, separator: separator)
    }
}
