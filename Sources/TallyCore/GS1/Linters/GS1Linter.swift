/// The content checks ("linters") that the GS1 Barcode Syntax Dictionary names for AI components.
///
/// The raw value is the name used in the dictionary, so `GS1Linter(rawValue: "csum")` finds the check
/// for a `N14,csum` component. Each check accepts and rejects exactly what the linter of the same name
/// in GS1's reference implementation, gs1-syntax-engine, does, and marks the same bad span.
/// Checks assume nothing about the character set: the caller applies `GS1CharacterSet` first, yet a
/// check given other bytes still answers without trapping.
public enum GS1Linter: String, Sendable, CaseIterable {
    /// A GS1 modulo-10 check digit in the last position (GS1 General Specifications §7.9.1).
    case csum
    /// A GS1 check character pair in the last two positions (GS1 General Specifications §7.9.5).
    case csumalpha
    /// Starts with a GS1 Company Prefix: with no prefix list to consult, at least four digits.
    case gcppos1
    /// Holds a GS1 Company Prefix from its second character on.
    case gcppos2
    /// A date as YYMMDD, where day 00 stands for "some day in that month".
    case yymmd0
    /// A date as YYMMDD.
    case yymmdd
    /// A date as YYYYMMDD.
    case yyyymmdd
    /// A time of day as HHMM.
    case hhmi
    /// An hour, 00 to 23.
    case hh
    /// A minute, 00 to 59.
    case mi
    /// A second, 00 to 59.
    case ss
    /// An ISO 4217 numeric currency code.
    case iso4217
    /// An ISO 3166-1 numeric country code.
    case iso3166
    /// An ISO 3166-1 numeric country code, or 999.
    case iso3166999
    /// An ISO 3166-1 alpha-2 country code.
    case iso3166alpha2
    /// An ISO/IEC 5218 code for a biological sex: 0, 1, 2 or 9.
    case iso5218
    /// Correct percent-encoding: every `%` is followed by two hexadecimal digits.
    case pcenc
    /// A number other than zero.
    case nonzero
    /// Zero, in one or more digits.
    case zero
    /// A winding direction: 0 (face out), 1 (face in) or 9 (undefined).
    case winding
    /// A piece number then a total of the same width, neither zero, the piece not above the total.
    case pieceoftotal
    /// 0 (no) or 1 (yes).
    case yesno
    /// A latitude as ten digits, 0000000000 to 1800000000.
    case latitude
    /// A longitude as ten digits, 0000000000 to 3600000000.
    case longitude
    /// Nothing but hyphens.
    case hyphen
    /// The one-character importer index of EU 2018/574 tobacco traceability.
    case importeridx
    /// An AIDC media type, 01 to 10 or 80 to 99.
    case mediatype
    /// A package type code from the UN/ECE Recommendation 21 list as extended by GS1.
    case packagetype
    /// A North American coupon code as carried in AI (8110).
    case couponcode
    /// A positive offer file coupon code as carried in AI (8112).
    case couponposoffer
    /// A number that does not start with 0.
    case nozeroprefix
    /// At least one character that is not a digit.
    case hasnondigit
    /// A position in a sequence written as `position/end`, such as `2/3`.
    case posinseqslash
    /// An International Bank Account Number (ISO 13616).
    case iban

    /// Checks one component of an AI value; nil when the component is fine.
    public func lint(_ value: ArraySlice<UInt8>) -> GS1LintFailure? {
        value.withGS1LintBytes { bytes in
            switch self {
            case .csum: Self.checkNumericCheckDigit(bytes)
            case .csumalpha: Self.checkAlphanumericCheckPair(bytes)
            case .gcppos1: Self.checkCompanyPrefix(bytes)
            case .gcppos2: Self.checkCompanyPrefixAfterFirstCharacter(bytes)
            case .yymmd0: Self.checkDate(bytes, yearDigits: 2, allowsDayZero: true)
            case .yymmdd: Self.checkDate(bytes, yearDigits: 2, allowsDayZero: false)
            case .yyyymmdd: Self.checkDate(bytes, yearDigits: 4, allowsDayZero: false)
            case .hhmi: Self.checkHourAndMinute(bytes)
            case .hh: Self.checkTwoDigits(bytes, as: .hour)
            case .mi: Self.checkTwoDigits(bytes, as: .minute)
            case .ss: Self.checkTwoDigits(bytes, as: .second)
            case .iso4217: Self.checkCurrencyCode(bytes)
            case .iso3166: Self.checkNumericCountryCode(bytes, allowing999: false)
            case .iso3166999: Self.checkNumericCountryCode(bytes, allowing999: true)
            case .iso3166alpha2: Self.checkAlpha2CountryCode(bytes)
            case .iso5218: Self.checkSingleCode(bytes, allowed: "0129", problem: .invalidBiologicalSexCode)
            case .pcenc: Self.checkPercentEncoding(bytes)
            case .nonzero: Self.checkNonZero(bytes)
            case .zero: Self.checkAll(bytes, are: UInt8(ascii: "0"), problem: .notZero)
            case .winding: Self.checkSingleCode(bytes, allowed: "019", problem: .invalidWindingDirection)
            case .pieceoftotal: Self.checkPieceOfTotal(bytes)
            case .yesno: Self.checkSingleCode(bytes, allowed: "01", problem: .notZeroOrOne)
            case .latitude: Self.checkCoordinate(bytes, maximum: 1_800_000_000, isLatitude: true)
            case .longitude: Self.checkCoordinate(bytes, maximum: 3_600_000_000, isLatitude: false)
            case .hyphen: Self.checkAll(bytes, are: UInt8(ascii: "-"), problem: .notHyphen)
            case .importeridx: Self.checkImporterIndex(bytes)
            case .mediatype: Self.checkMediaType(bytes)
            case .packagetype: Self.checkPackageType(bytes)
            case .couponcode: Self.checkNorthAmericanCoupon(bytes)
            case .couponposoffer: Self.checkPositiveOfferCoupon(bytes)
            case .nozeroprefix: Self.checkNoZeroPrefix(bytes)
            case .hasnondigit: Self.checkHasNonDigit(bytes)
            case .posinseqslash: Self.checkPositionInSequence(bytes)
            case .iban: Self.checkIBAN(bytes)
            }
        }
    }
}
