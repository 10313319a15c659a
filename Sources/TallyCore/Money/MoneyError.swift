/// Why a money, tax or rounding operation could not give an exact answer.
///
/// Every case says what went wrong in words a clerk can act on; ``description`` is that text.
public enum MoneyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Two amounts in different currencies were combined.
    case currencyMismatch(Currency, Currency)
    /// The exact result does not fit in 64-bit minor units.
    case overflow
    /// An amount was to be scaled by a fraction whose denominator is zero.
    case zeroDenominator
    /// The currency's minor unit is "N.A." in ISO 4217 (XAU, XDR, XXX, ...), so amounts have no fixed scale.
    case noMinorUnit(Currency)
    /// The text to parse held no digits.
    case emptyAmount
    /// The text is not a decimal number.
    case malformedAmount(String)
    /// The text has more decimal places than the currency and no rounding rule was given.
    case tooManyDecimalPlaces(String, Currency)
    /// The text is a number too large for 64-bit minor units of the currency.
    case amountTooLarge(String, Currency)
    /// The text is not a quantity: digits with at most 18 decimal places.
    case malformedQuantity(String)
    /// The text is not a tax rate in percent between 0 and 1000 with at most 4 decimal places.
    case malformedTaxRate(String)
    /// An allocation was asked for with no parts.
    case noAllocationWeights
    /// The allocation weights add up to zero, so no part has a share.
    case allocationWeightsSumToZero
    /// A cash-rounding increment must be a positive amount.
    case invalidCashIncrement(Money)
    /// The largest-remainder method found more units to hand out than parts; a bug, never expected.
    case inconsistentRounding

    public var description: String {
        switch self {
        case .currencyMismatch(let first, let second):
            return "Amounts in \(first.code) and \(second.code) cannot be combined; convert one of them first."
        case .overflow:
            return "The amount is too large to calculate exactly; split the sale or check the quantity and price."
        case .zeroDenominator:
            return "An amount cannot be divided by zero; check the quantity or the price basis."
        case .noMinorUnit(let currency):
            return "\(currency.code) (\(currency.name)) has no minor unit in ISO 4217, "
                + "so it cannot be used for prices, payments or tax."
        case .emptyAmount:
            return "Enter an amount, such as 12.34."
        case .malformedAmount(let text):
            return "“\(text)” is not an amount. Use digits with at most one decimal separator, such as 12.34, "
                + "and no thousands separators."
        case .tooManyDecimalPlaces(let text, let currency):
            return "“\(text)” has more decimal places than \(currency.code) allows "
                + "(\(Self.allowedPlaces(currency))); enter the amount to the smallest coin."
        case .amountTooLarge(let text, let currency):
            return "“\(text)” is too large for an amount in \(currency.code)."
        case .malformedQuantity(let text):
            return "“\(text)” is not a quantity. Use digits with at most one decimal separator, such as 1.234."
        case .malformedTaxRate(let text):
            return "“\(text)” is not a tax rate. Enter a percentage from 0 to 1000 with at most four decimal "
                + "places, such as 19 or 8.875."
        case .noAllocationWeights:
            return "There is nothing to share the amount between."
        case .allocationWeightsSumToZero:
            return "The amount cannot be shared out because the shares add up to zero."
        case .invalidCashIncrement(let increment):
            return "The cash-rounding step \(increment) must be a positive amount, such as 0.05."
        case .inconsistentRounding:
            return "An internal rounding check failed; the amounts were not changed. Please report this."
        }
    }

    private static func allowedPlaces(_ currency: Currency) -> String {
        switch currency.minorUnitExponent {
        case 0: return "no decimal places"
        case 1: return "1 decimal place"
        case let places: return "\(places) decimal places"
        }
    }
}
