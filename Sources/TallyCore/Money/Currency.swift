/// An ISO 4217 currency: its alphabetic and numeric code and the exponent of its minor unit.
///
/// A currency is an index into the ISO 4217 table, so comparing two is comparing two integers.
/// Only currencies active in ISO 4217 exist; withdrawn codes such as HRK or BGN are not found.
public struct Currency: Hashable, Sendable, CustomStringConvertible, CaseIterable {
    @usableFromInline let index: UInt16

    init(tableIndex: Int) {
        index = UInt16(tableIndex)
    }

    /// The currency with this alphabetic code (`EUR`), or nil if ISO 4217 has none.
    ///
    /// Codes are matched exactly as ISO 4217 writes them, in upper case: `eur` is not found. Callers
    /// that accept typed input decide themselves whether to upper-case it first.
    public init?(code: some StringProtocol) {
        guard let found = Lookup.tableIndex(forCode: code) else { return nil }
        index = UInt16(found)
    }

    /// The currency with this numeric code (978 for the euro), or nil if ISO 4217 has none.
    public init?(numericCode: Int) {
        guard let found = Lookup.tableIndex(forNumericCode: numericCode) else { return nil }
        index = UInt16(found)
    }

    /// Every active ISO 4217 currency, in alphabetic order of code.
    public static let allCases: [Currency] = Currency.table.indices.map { Currency(tableIndex: $0) }

    /// The alphabetic code, such as `EUR`.
    public var code: String { entry.code }
    /// The numeric code, such as 978.
    public var numericCode: Int { entry.numeric }
    /// The name ISO 4217 gives the currency, such as `Pound Sterling`.
    public var name: String { entry.name }
    /// Whether ISO 4217 marks this as a fund code (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW).
    public var isFund: Bool { entry.isFund }

    /// How many decimal places the minor unit has: 2 for the euro, 0 for the yen, 3 for the Kuwaiti dinar.
    ///
    /// Codes whose minor unit ISO 4217 gives as "N.A." (XAU, XDR, XXX, ...) report 0 here; ``minorUnit``
    /// tells them apart, and every ``Money`` operation refuses them with ``MoneyError/noMinorUnit(_:)``.
    public var minorUnitExponent: Int { entry.exponent ?? 0 }

    /// The minor unit as ISO 4217 states it, including "not applicable".
    public var minorUnit: MinorUnit {
        guard let exponent = entry.exponent else { return .notApplicable }
        return .decimalPlaces(exponent)
    }

    /// Whether amounts in this currency can be counted in minor units at all.
    public var hasMinorUnit: Bool { entry.exponent != nil }

    public var description: String { code }

    var entry: Entry { Currency.table[Int(index)] }
}

/// The minor unit of a currency as ISO 4217 lists it.
public enum MinorUnit: Hashable, Sendable {
    /// The minor unit is 10^-n of the major unit: cents are `decimalPlaces(2)`.
    case decimalPlaces(Int)
    /// ISO 4217 gives "N.A.": precious metals, units of account, XTS and XXX.
    case notApplicable
}
