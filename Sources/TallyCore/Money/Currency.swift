/// An ISO 4217 currency: its alphabetic and numeric code and the exponent of its minor unit.
///
/// A currency is an index into the ISO 4217 table, so comparing two is comparing two integers.
public struct Currency: Hashable, Sendable, CustomStringConvertible {
    @usableFromInline let index: UInt16

    /// The currency with this alphabetic code (`EUR`), or nil if ISO 4217 has none.
    public init?(code: some StringProtocol) {
        guard let found = Currency.table.firstIndex(where: { $0.code == code }) else { return nil }
        index = UInt16(found)
    }

    /// The currency with this numeric code (978 for the euro), or nil if ISO 4217 has none.
    public init?(numericCode: Int) {
        guard let found = Currency.table.firstIndex(where: { $0.numeric == numericCode }) else { return nil }
        index = UInt16(found)
    }

    /// The alphabetic code, such as `EUR`.
    public var code: String { Currency.table[Int(index)].code }
    /// The numeric code, such as 978.
    public var numericCode: Int { Currency.table[Int(index)].numeric }
    /// How many decimal places the minor unit has: 2 for the euro, 0 for the yen, 3 for the Kuwaiti dinar.
    public var minorUnitExponent: Int { Currency.table[Int(index)].exponent }
    public var description: String { code }

    struct Entry {
        let code: String
        let numeric: Int
        let exponent: Int
        let name: String
    }

    static let table: [Entry] = [
        Entry(code: "EUR", numeric: 978, exponent: 2, name: "Euro"),
        Entry(code: "USD", numeric: 840, exponent: 2, name: "US Dollar"),
        Entry(code: "GBP", numeric: 826, exponent: 2, name: "Pound Sterling"),
        Entry(code: "SEK", numeric: 752, exponent: 2, name: "Swedish Krona"),
        Entry(code: "NOK", numeric: 578, exponent: 2, name: "Norwegian Krone"),
        Entry(code: "JPY", numeric: 392, exponent: 0, name: "Yen"),
    ]
}
