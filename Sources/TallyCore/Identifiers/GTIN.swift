/// A Global Trade Item Number, normalised to its 14-digit form.
///
/// EAN-13, EAN-8, UPC-A, ITF-14, GTIN-14 and expanded UPC-E codes for one product all become the same GTIN, so a
/// catalogue keyed by GTIN finds an item however its barcode was printed. The number is held as an integer, which
/// makes comparing and hashing as cheap as for any integer.
public struct GTIN: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The GTIN-14 as a number, at most 99 999 999 999 999.
    public let value: UInt64

    /// The lengths of digits a GTIN is written with: GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13) and GTIN-14.
    public static let lengths = [8, 12, 13, 14]

    /// Validates 8, 12, 13 or 14 ASCII digits ending in their check digit.
    @inlinable
    public init(validating digits: some BidirectionalCollection<UInt8>) throws(IdentifierError) {
        try validateGS1Key(digits, kind: GTIN.kindName(forLength: digits.count), lengths: GTIN.lengths)
        value = decimalValue(of: digits)
    }

    /// Validates a GTIN written as text, e.g. `"4006381333931"`.
    public init(validating text: some StringProtocol) throws(IdentifierError) {
        try self.init(validating: Array(text.utf8))
    }

    /// The GTIN-14 with value `value`, which the caller knows carries a valid check digit.
    @usableFromInline
    init(uncheckedValue value: UInt64) { self.value = value }

    /// The name a clerk knows a GTIN of this many digits by.
    @usableFromInline
    static func kindName(forLength length: Int) -> String {
        switch length {
        case 8: "EAN-8"
        case 12: "UPC-A"
        case 13: "EAN-13"
        case 14: "GTIN-14"
        default: "GTIN"
        }
    }

    /// The 14 digits, with leading zeros: the form GS1 AI (01) and catalogues use.
    public var gtin14: String { String(decoding: zeroPaddedDigits(value, width: 14), as: UTF8.self) }

    /// The shortest form that carries the number: GTIN-8, -12, -13 or -14.
    public var format: GTINFormat {
        switch value {
        case ..<100_000_000: .gtin8
        case ..<1_000_000_000_000: .gtin12
        case ..<10_000_000_000_000: .gtin13
        default: .gtin14
        }
    }

    /// The number in its shortest form, as printed under an EAN-8, UPC-A or EAN-13 barcode.
    public var shortestForm: String {
        String(decoding: zeroPaddedDigits(value, width: format.digitCount), as: UTF8.self)
    }

    /// The first digit of the GTIN-14: 0 for a consumer unit, 1–8 for packaging levels, 9 for variable measure.
    public var indicatorDigit: Int { Int(value / 10_000_000_000_000) }

    /// Whether GS1 reserves the number for use within a company or a country (prefixes 02, 04 and 20–29 of
    /// GTIN-13, 0 and 2 of GTIN-8): it identifies no product worldwide, and may embed a price or a weight.
    public var isRestrictedCirculation: Bool {
        guard indicatorDigit == 0 else { return false }
        if format == .gtin8 {
            let first = value / 10_000_000
            return first == 0 || first == 2
        }
        let prefix = value / 100_000_000_000  // the first two digits of the GTIN-13
        return prefix == 2 || prefix == 4 || (20...29).contains(prefix)
    }

    public var description: String { gtin14 }

    public static func < (lhs: GTIN, rhs: GTIN) -> Bool { lhs.value < rhs.value }
}

/// The length a GTIN is written with.
public enum GTINFormat: String, Sendable, CaseIterable {
    case gtin8 = "GTIN-8"
    case gtin12 = "GTIN-12"
    case gtin13 = "GTIN-13"
    case gtin14 = "GTIN-14"

    public var digitCount: Int {
        switch self {
        case .gtin8: 8
        case .gtin12: 12
        case .gtin13: 13
        case .gtin14: 14
        }
    }
}
