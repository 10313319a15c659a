/// Why a component of a GS1 AI value was rejected, and which bytes are to blame.
///
/// `offset` and `length` mark the bad span within the linted component, counted from its first byte,
/// the way GS1's reference linters report it. Callers that report positions within a whole element
/// string may move `offset`; `message` never depends on it.
public struct GS1LintFailure: Error, Hashable, Sendable {
    public var problem: GS1LintProblem
    public var offset: Int
    public var length: Int
    /// Facts about the bad data, captured when the failure is made, that make `message` specific.
    var detail: Detail

    /// A failure whose message speaks of the problem in general terms.
    public init(problem: GS1LintProblem, offset: Int, length: Int) {
        self.init(problem, offset: offset, length: length)
    }

    init(_ problem: GS1LintProblem, offset: Int, length: Int, detail: Detail = .none) {
        self.problem = problem
        self.offset = offset
        self.length = length
        self.detail = detail
    }

    enum Detail: Hashable, Sendable {
        case none
        /// Text from the data, already worded for a message: `"x"`, `a space`, `842`.
        case text(String)
        /// What the data should have held instead, such as the right check digit.
        case expected(String)
        case wrongLength(expected: Int, actual: Int)
        case dayNotInMonth(day: Int, month: Int, year: Int)
        /// Two numbers that are in the wrong order: a piece and its total, a start and an end.
        case pair(String, String)
    }

    /// This failure with its span moved `distance` bytes further along.
    func shifted(by distance: Int) -> GS1LintFailure {
        var moved = self
        moved.offset += distance
        return moved
    }
}

extension GS1LintFailure: CustomStringConvertible {
    public var description: String { "\(message) (\(problem), offset \(offset), length \(length))" }
}

extension GS1LintFailure {
    /// Plain English that a shop clerk or an integrator can act on, such as "month 13 does not exist".
    public var message: String {
        switch problem {
        case .nonDigitCharacter:
            return text.map { "\($0) is not a digit" } ?? "only digits are allowed here"
        case .invalidCSET82Character:
            return characterNotAllowed(hint: "use letters, digits or one of !\"%&'()*+,-./:;<=>?_")
        case .invalidCSET39Character:
            return characterNotAllowed(hint: "use capital letters, digits, #, - or /")
        case .invalidCSET64Character:
            return characterNotAllowed(hint: "use letters, digits, - or _")
        case .invalidCSET64Padding:
            return "wrong \"=\" padding at the end: at most two, and only to fill up the last group of three"
        case .incorrectCheckDigit:
            return expected.map { "the check digit should be \($0)" } ?? "the check digit is wrong"
        case .tooShortForCheckDigit:
            return "there is no check digit"
        case .incorrectCheckPair:
            return expected.map { "the check characters should be \($0)" } ?? "the check characters are wrong"
        case .tooShortForCheckPair:
            return "too short: the last two characters must be check characters"
        case .tooLongForCheckPairImplementation:
            return "too long: check characters can only be verified on at most 99 characters"
        case .invalidGCPPrefix:
            return text.map { "\($0) cannot be part of a GS1 Company Prefix, which starts with 4 digits" }
                ?? "does not start with a GS1 Company Prefix"
        case .tooShortForGCP:
            return "too short to hold a GS1 Company Prefix of at least 4 digits"
        case .importerIndexMustBeOneCharacter:
            return "the importer index must be exactly one character"
        case .invalidImporterIndexCharacter:
            return "\(text ?? "this") is not an importer index; use a letter, a digit, - or _"
        case .illegalZeroValue:
            return "the value must not be zero"
        case .notZero:
            return "the value must be zero"
        case .illegalZeroPrefix:
            return "the number must not start with 0"
        case .notZeroOrOne:
            return "must be 0 (no) or 1 (yes)"
        case .invalidWindingDirection:
            return "the winding direction must be 0 (face out), 1 (face in) or 9 (undefined)"
        case .notISO3166:
            return "\(text ?? "this") is not an ISO 3166 country code"
        case .notISO3166Or999:
            return "\(text ?? "this") is not an ISO 3166 country code or 999"
        case .notISO3166Alpha2:
            return "\(text ?? "this") is not an ISO 3166 two-letter country code"
        case .notISO4217:
            return "\(text ?? "this") is not an ISO 4217 currency code"
        case .ibanTooShort:
            return "too short for an IBAN, which has at least 11 characters"
        case .ibanTooLong:
            return "too long for an IBAN, which has at most 34 characters"
        case .invalidIBANCharacter:
            return "\(text ?? "a character") cannot be part of an IBAN; use digits and capital letters"
        case .illegalIBANCountryCode:
            return "an IBAN starts with a two-letter country code, and \(text ?? "this") is not one"
        case .incorrectIBANChecksum:
            return expected.map { "the IBAN check digits should be \($0)" } ?? "the IBAN check digits are wrong"
        case .dateTooShort, .dateTooLong:
            return lengthMessage(of: "a date", patterns: [6: "YYMMDD", 8: "YYYYMMDD"])
        case .hourWithMinuteTooShort, .hourWithMinuteTooLong:
            return lengthMessage(of: "a time", patterns: [4: "HHMM"])
        case .hourTooShort, .hourTooLong:
            return lengthMessage(of: "an hour", patterns: [2: "HH"])
        case .minuteTooShort, .minuteTooLong:
            return lengthMessage(of: "a minute", patterns: [2: "MM"])
        case .secondTooShort, .secondTooLong:
            return lengthMessage(of: "a second", patterns: [2: "SS"])
        case .illegalMonth:
            return text.map { "month \($0) does not exist" } ?? "the month does not exist"
        case .illegalDay:
            return dayMessage
        case .illegalHour:
            return text.map { "hour \($0) does not exist" } ?? "the hour does not exist"
        case .illegalMinute:
            return text.map { "minute \($0) does not exist" } ?? "the minute does not exist"
        case .illegalSecond:
            return text.map { "second \($0) does not exist" } ?? "the second does not exist"
        case .invalidLengthForPieceOfTotal:
            return "the piece number and the total must have the same number of digits"
        case .zeroPieceNumber:
            return "the piece number must not be zero"
        case .zeroTotalPieces:
            return "the total number of pieces must not be zero"
        case .pieceNumberExceedsTotal:
            guard case .pair(let piece, let total) = detail else { return "the piece number is above the total" }
            return "piece \(piece) is more than the total of \(total)"
        case .invalidPercentSequence:
            let rule = "% must be followed by two hexadecimal digits"
            return text.map { "\($0) is not a valid %-escape; \(rule)" } ?? rule
        case .positionInSequenceMalformed:
            return "must be written as position/end, for example 1/3"
        case .positionExceedsEnd:
            guard case .pair(let position, let end) = detail else { return "the position is after the end" }
            return "position \(position) is after the end \(end)"
        case .requiresNonDigitCharacter:
            return "must contain at least one character that is not a digit"
        case .invalidLatitude:
            return "the latitude must be between 0000000000 and 1800000000"
        case .invalidLongitude:
            return "the longitude must be between 0000000000 and 3600000000"
        case .latitudeInvalidLength:
            return "the latitude must be 10 digits"
        case .longitudeInvalidLength:
            return "the longitude must be 10 digits"
        case .invalidMediaType:
            return "\(text ?? "this") is not an AIDC media type"
        case .notHyphen:
            return "only hyphens are allowed here"
        case .invalidBiologicalSexCode:
            return "must be 0 (not known), 1 (male), 2 (female) or 9 (not applicable)"
        case .invalidPackageType:
            return "\(text ?? "this") is not a package type code"
        default:
            return couponMessage
        }
    }

    private var text: String? {
        guard case .text(let text) = detail else { return nil }
        return text
    }

    private func characterNotAllowed(hint: String) -> String {
        "\(text ?? "a character") cannot be used here; \(hint)"
    }

    private var expected: String? {
        guard case .expected(let expected) = detail else { return nil }
        return expected
    }

    private func lengthMessage(of thing: String, patterns: [Int: String]) -> String {
        let tooShort = [.dateTooShort, .hourWithMinuteTooShort, .hourTooShort, .minuteTooShort, .secondTooShort]
            .contains(problem)
        guard case .wrongLength(let expected, let actual) = detail else {
            return "\(thing) is too \(tooShort ? "short" : "long")"
        }
        let pattern = patterns[expected].map { " (\($0))" } ?? ""
        return "\(thing) needs \(expected) digits\(pattern), not \(actual)"
    }

    private var dayMessage: String {
        guard case .dayNotInMonth(let day, let month, let year) = detail, (1...12).contains(month) else {
            return "the day does not exist in that month"
        }
        let monthNames = [
            "January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December",
        ]
        if day == 0 { return "day 00 does not exist" }
        if month == 2 && day == 29 { return "day 29 is not in February \(year), which is not a leap year" }
        return "day \(day) is not in \(monthNames[month - 1])"
    }

    private var couponMessage: String {
        switch problem {
        case .couponMissingFormatCode: return "the coupon is empty; it must start with its format code, 0 or 1"
        case .couponInvalidFormatCode: return "the coupon format code must be 0 or 1"
        case .couponMissingFunderVLI: return "the coupon ends before the funder ID's length digit"
        case .couponInvalidFunderLength: return "the funder ID's length digit must be 0 to 6"
        case .couponTruncatedFunder: return "the funder ID is shorter than its length digit says"
        case .couponTruncatedOfferCode: return "the coupon's offer code must be 6 digits"
        case .couponMissingSerialNumberVLI: return "the coupon ends before the serial number's length digit"
        case .couponTruncatedSerialNumber: return "the serial number is shorter than its length digit says"
        case .couponMissingGCPVLI: return "the coupon is empty; it must start with the company prefix's length digit"
        case .couponInvalidGCPLength: return "the company prefix's length digit must be 0 to 6"
        case .couponTruncatedGCP: return "the company prefix is shorter than its length digit says"
        case .couponMissingSaveValueVLI: return "the coupon ends before the save value's length digit"
        case .couponInvalidSaveValueLength: return "the save value's length digit must be 1 to 5"
        case .couponTruncatedSaveValue: return "the save value is shorter than its length digit says"
        case .couponMissingFirstPurchaseRequirementVLI: return missingRequirementLength("first")
        case .couponInvalidFirstPurchaseRequirementLength: return invalidRequirementLength("first")
        case .couponTruncatedFirstPurchaseRequirement: return truncatedRequirement("first")
        case .couponMissingFirstPurchaseRequirementCode: return missingRequirementCode("first")
        case .couponInvalidFirstPurchaseRequirementCode: return invalidRequirementCode("first")
        case .couponTruncatedFirstPurchaseFamilyCode: return truncatedFamilyCode("first")
        case .couponMissingAdditionalPurchaseRulesCode:
            return "the coupon ends before the additional purchase rules code"
        case .couponInvalidAdditionalPurchaseRulesCode: return "the additional purchase rules code must be 0 to 3"
        case .couponMissingSecondPurchaseRequirementVLI: return missingRequirementLength("second")
        case .couponInvalidSecondPurchaseRequirementLength: return invalidRequirementLength("second")
        case .couponTruncatedSecondPurchaseRequirement: return truncatedRequirement("second")
        case .couponMissingSecondPurchaseRequirementCode: return missingRequirementCode("second")
        case .couponInvalidSecondPurchaseRequirementCode: return invalidRequirementCode("second")
        case .couponTruncatedSecondPurchaseFamilyCode: return truncatedFamilyCode("second")
        case .couponMissingSecondPurchaseGCPVLI: return missingPurchasePrefixLength("second")
        case .couponInvalidSecondPurchaseGCPLength: return invalidPurchasePrefixLength("second")
        case .couponTruncatedSecondPurchaseGCP: return truncatedPurchasePrefix("second")
        case .couponMissingThirdPurchaseRequirementVLI: return missingRequirementLength("third")
        case .couponInvalidThirdPurchaseRequirementLength: return invalidRequirementLength("third")
        case .couponTruncatedThirdPurchaseRequirement: return truncatedRequirement("third")
        case .couponMissingThirdPurchaseRequirementCode: return missingRequirementCode("third")
        case .couponInvalidThirdPurchaseRequirementCode: return invalidRequirementCode("third")
        case .couponTruncatedThirdPurchaseFamilyCode: return truncatedFamilyCode("third")
        case .couponMissingThirdPurchaseGCPVLI: return missingPurchasePrefixLength("third")
        case .couponInvalidThirdPurchaseGCPLength: return invalidPurchasePrefixLength("third")
        case .couponTruncatedThirdPurchaseGCP: return truncatedPurchasePrefix("third")
        case .couponTooShortForExpirationDate: return "the expiration date must be 6 digits (YYMMDD)"
        case .couponInvalidExpirationDate:
            return text.map { "the expiration date \($0) is not a real date" }
                ?? "the expiration date is not a real date"
        case .couponTooShortForStartDate: return "the start date must be 6 digits (YYMMDD)"
        case .couponInvalidStartDate:
            return text.map { "the start date \($0) is not a real date" } ?? "the start date is not a real date"
        case .couponExpirationBeforeStart:
            guard case .pair(let expiry, let start) = detail else { return "the coupon expires before it starts" }
            return "the coupon expires (\(expiry)) before it starts (\(start))"
        case .couponMissingRetailerGCPOrGLNVLI:
            return "the coupon ends before the length digit of the retailer's company prefix or GLN"
        case .couponInvalidRetailerGCPOrGLNLength:
            return "the length digit of the retailer's company prefix or GLN must be 1 to 7"
        case .couponTruncatedRetailerGCPOrGLN:
            return "the retailer's company prefix or GLN is shorter than its length digit says"
        case .couponMissingSaveValueCode: return "the coupon ends before the save value code"
        case .couponInvalidSaveValueCode: return "the save value code must be 0, 1, 2, 5 or 6"
        case .couponMissingSaveValueAppliesToItem:
            return "the coupon ends before the digit that says which item the save value applies to"
        case .couponInvalidSaveValueAppliesToItem:
            return "the digit that says which item the save value applies to must be 0, 1 or 2"
        case .couponMissingStoreCouponFlag: return "the coupon ends before the store coupon flag"
        case .couponMissingDontMultiplyFlag: return "the coupon ends before the don't-multiply flag"
        case .couponInvalidDontMultiplyFlag: return "the don't-multiply flag must be 0 or 1"
        case .couponExcessData: return "unexpected data at the end of the coupon"
        default: return "the data is not valid here"
        }
    }

    private func missingRequirementLength(_ ordinal: String) -> String {
        "the coupon ends before the length digit of the \(ordinal) purchase requirement"
    }

    private func invalidRequirementLength(_ ordinal: String) -> String {
        "the length digit of the \(ordinal) purchase requirement must be 1 to 5"
    }

    private func truncatedRequirement(_ ordinal: String) -> String {
        "the \(ordinal) purchase requirement is shorter than its length digit says"
    }

    private func missingRequirementCode(_ ordinal: String) -> String {
        "the coupon ends before the \(ordinal) purchase requirement code"
    }

    private func invalidRequirementCode(_ ordinal: String) -> String {
        "the \(ordinal) purchase requirement code must be 0 to 4 or 9"
    }

    private func truncatedFamilyCode(_ ordinal: String) -> String {
        "the \(ordinal) purchase family code must be 3 digits"
    }

    private func missingPurchasePrefixLength(_ ordinal: String) -> String {
        "the coupon ends before the length digit of the \(ordinal) purchase's company prefix"
    }

    private func invalidPurchasePrefixLength(_ ordinal: String) -> String {
        "the length digit of the \(ordinal) purchase's company prefix must be 0 to 6, or 9 for none"
    }

    private func truncatedPurchasePrefix(_ ordinal: String) -> String {
        "the \(ordinal) purchase's company prefix is shorter than its length digit says"
    }
}
