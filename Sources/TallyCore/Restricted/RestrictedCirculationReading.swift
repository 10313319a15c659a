/// What a scanned GTIN-13 turned out to be under a country's restricted-circulation rules.
public enum RestrictedCirculationReading: Hashable, Sendable {
    /// A price-, weight- or count-embedded code: look up ``VariableMeasureItem/lookupGTIN``.
    case variableMeasure(VariableMeasureItem)
    /// A restricted-circulation number (prefix 02 or 20–29) for which the rule set has no layout, such as a
    /// store's own in-store numbers: look the code up as it is in the store's own catalogue, never in a global one.
    case restrictedWithoutLayout(RestrictedPrefixWithoutLayout)
    /// Outside the geographic restricted-circulation prefixes 02 and 20–29, so not a variable-measure code: an
    /// ordinary GTIN (or a company-internal number), to look up as it is.
    case notRestricted
}

/// A restricted-circulation prefix that a rule set gives no price, weight or count layout.
public struct RestrictedPrefixWithoutLayout: Hashable, Sendable, CustomStringConvertible {
    /// 2 for prefix 02, otherwise 20 to 29.
    public let prefix: Int
    /// The country of the rule set, such as "Germany".
    public let countryName: String

    public init(prefix: Int, countryName: String) {
        self.prefix = prefix
        self.countryName = countryName
    }

    public var description: String {
        "prefix \(VariableMeasureLayoutError.twoDigits(prefix)) is not used for price or weight in \(countryName); "
            + "it is a restricted-circulation number, not a global product number"
    }
}

/// Why a scanned code could not be read, worded so that a clerk knows what to do.
public enum RestrictedCirculationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The code has this many characters instead of 13.
    case wrongLength(Int)
    /// The character at this position (counted from 1) is not a digit.
    case notADigit(position: Int)
    /// The GTIN check digit does not match: `expected` and `found` are digits 0 to 9.
    case wrongCheckDigit(code: String, expected: Int, found: Int)
    case wrongPriceCheckDigit(PriceCheckDigitMismatch)

    public var description: String {
        switch self {
        case .wrongLength(let count):
            "the code has \(count) digits; a GTIN-13 has 13 (put a 0 before a 12-digit UPC-A)"
        case .notADigit(let position):
            "character \(position) of the code is not a digit; scan it again or key it in again"
        case .wrongCheckDigit(let code, let expected, let found):
            "check digit is wrong: \(code) ends in \(found) but should end in \(expected); "
                + "scan it again or key it in again"
        case .wrongPriceCheckDigit(let mismatch):
            mismatch.description
        }
    }
}

/// A value whose price check digit does not match it: the label is misprinted or was misread.
public struct PriceCheckDigitMismatch: Hashable, Sendable, CustomStringConvertible {
    public let layout: VariableMeasureLayout
    /// The value digits as a number: 1234 for a price of 12.34.
    public let encodedValue: Int64
    /// Digits 0 to 9.
    public let expected: Int
    public let found: Int

    public init(layout: VariableMeasureLayout, encodedValue: Int64, expected: Int, found: Int) {
        self.layout = layout
        self.encodedValue = encodedValue
        self.expected = expected
        self.found = found
    }

    public var description: String {
        switch layout.meaning {
        case .price(_, let decimals):
            "price check digit is wrong: the price \(DecimalText.format(encodedValue, decimals: decimals)) "
                + "should have check digit \(expected)"
        case .weight(let unit, let decimals):
            "weight check digit is wrong: the weight \(DecimalText.format(encodedValue, decimals: decimals)) "
                + "\(unit.rawValue) should have check digit \(expected)"
        case .count:
            "count check digit is wrong: the count \(encodedValue) should have check digit \(expected)"
        }
    }
}
