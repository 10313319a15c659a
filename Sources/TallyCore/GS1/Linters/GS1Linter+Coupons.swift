extension GS1Linter {
    /// `couponcode`: a North American coupon code as carried in AI (8110).
    ///
    /// Fields follow "North American Coupon Application Guideline Using GS1 DataBar Expanded Symbols";
    /// the checks, their order and the spans they mark are those of gs1-syntax-engine lint_couponcode.c.
    static func checkNorthAmericanCoupon(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        if let index = bytes.firstNonDigit() {
            return .character(.nonDigitCharacter, at: index, in: bytes)
        }
        do {
            try readNorthAmericanCoupon(bytes)
            return nil
        } catch {
            return error
        }
    }

    /// `couponposoffer`: a positive offer file coupon code as carried in AI (8112).
    ///
    /// Fields follow "GS1 AI (8112) Coupon Data Specification"; the checks are those of
    /// gs1-syntax-engine lint_couponposoffer.c.
    static func checkPositiveOfferCoupon(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        if let index = bytes.firstNonDigit() {
            return .character(.nonDigitCharacter, at: index, in: bytes)
        }
        var reader = CouponReader(bytes: bytes)
        do {
            _ = try reader.readDigit(
                missing: .couponMissingFormatCode, invalid: .couponInvalidFormatCode, allowed: { $0 <= 1 })
            let funderLength = try reader.readDigit(
                missing: .couponMissingFunderVLI, invalid: .couponInvalidFunderLength, allowed: { $0 <= 6 })
            _ = try reader.skipField(length: funderLength + 6, truncated: .couponTruncatedFunder)
            _ = try reader.skipField(length: 6, truncated: .couponTruncatedOfferCode)
            let serialLength = try reader.readDigit(missing: .couponMissingSerialNumberVLI)
            _ = try reader.skipField(length: serialLength + 6, truncated: .couponTruncatedSerialNumber)
            try reader.requireEnd()
            return nil
        } catch {
            return error
        }
    }

    private static func readNorthAmericanCoupon(_ bytes: GS1LintBytes) throws(GS1LintFailure) {
        var reader = CouponReader(bytes: bytes)

        let prefixLength = try reader.readDigit(
            missing: .couponMissingGCPVLI, invalid: .couponInvalidGCPLength, allowed: { $0 <= 6 })
        try reader.readCompanyPrefix(length: prefixLength + 6, truncated: .couponTruncatedGCP)
        _ = try reader.skipField(length: 6, truncated: .couponTruncatedOfferCode)

        let saveValueLength = try reader.readDigit(
            missing: .couponMissingSaveValueVLI, invalid: .couponInvalidSaveValueLength,
            allowed: { 1 <= $0 && $0 <= 5 })
        _ = try reader.skipField(length: saveValueLength, truncated: .couponTruncatedSaveValue)

        try reader.readPurchaseRequirement(
            missingLength: .couponMissingFirstPurchaseRequirementVLI,
            invalidLength: .couponInvalidFirstPurchaseRequirementLength,
            truncated: .couponTruncatedFirstPurchaseRequirement,
            missingCode: .couponMissingFirstPurchaseRequirementCode,
            invalidCode: .couponInvalidFirstPurchaseRequirementCode,
            truncatedFamily: .couponTruncatedFirstPurchaseFamilyCode)

        if reader.opensOptionalField(1) {
            _ = try reader.readDigit(
                missing: .couponMissingAdditionalPurchaseRulesCode,
                invalid: .couponInvalidAdditionalPurchaseRulesCode, allowed: { $0 <= 3 })
            try reader.readPurchaseRequirement(
                missingLength: .couponMissingSecondPurchaseRequirementVLI,
                invalidLength: .couponInvalidSecondPurchaseRequirementLength,
                truncated: .couponTruncatedSecondPurchaseRequirement,
                missingCode: .couponMissingSecondPurchaseRequirementCode,
                invalidCode: .couponInvalidSecondPurchaseRequirementCode,
                truncatedFamily: .couponTruncatedSecondPurchaseFamilyCode)
            try reader.readPurchaseCompanyPrefix(
                missing: .couponMissingSecondPurchaseGCPVLI, invalid: .couponInvalidSecondPurchaseGCPLength,
                truncated: .couponTruncatedSecondPurchaseGCP)
        }

        if reader.opensOptionalField(2) {
            try reader.readPurchaseRequirement(
                missingLength: .couponMissingThirdPurchaseRequirementVLI,
                invalidLength: .couponInvalidThirdPurchaseRequirementLength,
                truncated: .couponTruncatedThirdPurchaseRequirement,
                missingCode: .couponMissingThirdPurchaseRequirementCode,
                invalidCode: .couponInvalidThirdPurchaseRequirementCode,
                truncatedFamily: .couponTruncatedThirdPurchaseFamilyCode)
            try reader.readPurchaseCompanyPrefix(
                missing: .couponMissingThirdPurchaseGCPVLI, invalid: .couponInvalidThirdPurchaseGCPLength,
                truncated: .couponTruncatedThirdPurchaseGCP)
        }

        var expirationDate: Int?
        if reader.opensOptionalField(3) {
            expirationDate = try reader.readDate(
                truncated: .couponTooShortForExpirationDate, invalid: .couponInvalidExpirationDate)
        }

        if reader.opensOptionalField(4) {
            let startDate = try reader.readDate(
                truncated: .couponTooShortForStartDate, invalid: .couponInvalidStartDate)
            if let expirationDate {
                let expiration = bytes.part(expirationDate..<(expirationDate + 6))
                let start = bytes.part(startDate..<(startDate + 6))
                // YYMMDD compared digit by digit, as the engine does, without regard to the century.
                if expiration.sorts(before: start) {
                    // From the expiration date's "3" to the end of the start date.
                    throw GS1LintFailure(
                        .couponExpirationBeforeStart, offset: startDate - 8, length: 14,
                        detail: .pair(expiration.text, start.text))
                }
            }
        }

        if reader.opensOptionalField(5) {
            let serialLength = try reader.readDigit(missing: .couponMissingSerialNumberVLI)
            _ = try reader.skipField(length: serialLength + 6, truncated: .couponTruncatedSerialNumber)
        }

        if reader.opensOptionalField(6) {
            let retailerLength = try reader.readDigit(
                missing: .couponMissingRetailerGCPOrGLNVLI, invalid: .couponInvalidRetailerGCPOrGLNLength,
                allowed: { 1 <= $0 && $0 <= 7 })
            try reader.readCompanyPrefix(length: retailerLength + 6, truncated: .couponTruncatedRetailerGCPOrGLN)
        }

        if reader.opensOptionalField(9) {
            _ = try reader.readDigit(
                missing: .couponMissingSaveValueCode, invalid: .couponInvalidSaveValueCode,
                allowed: { $0 <= 2 || $0 == 5 || $0 == 6 })
            _ = try reader.readDigit(
                missing: .couponMissingSaveValueAppliesToItem, invalid: .couponInvalidSaveValueAppliesToItem,
                allowed: { $0 <= 2 })
            _ = try reader.readDigit(missing: .couponMissingStoreCouponFlag)
            _ = try reader.readDigit(
                missing: .couponMissingDontMultiplyFlag, invalid: .couponInvalidDontMultiplyFlag,
                allowed: { $0 <= 1 })
        }

        try reader.requireEnd()
    }
}

/// Walks the digits of a coupon code field by field, throwing the failure the engine reports.
///
/// Every byte has already been checked to be a digit.
private struct CouponReader {
    let bytes: GS1LintBytes
    private(set) var position = 0

    /// Reads the one-digit field at the current position and moves past it.
    ///
    /// A missing digit is blamed on the whole coupon, as the engine does; a disallowed one on itself.
    mutating func readDigit(
        missing: GS1LintProblem, invalid: GS1LintProblem? = nil, allowed: (Int) -> Bool = { _ in true }
    ) throws(GS1LintFailure) -> Int {
        guard position < bytes.count else { throw .plain(missing, bytes) }
        let digit = bytes.digit(at: position)
        if let invalid, !allowed(digit) {
            throw .character(invalid, at: position, in: bytes)
        }
        position += 1
        return digit
    }

    /// Moves past a field of `length` digits and returns where it starts.
    ///
    /// A field cut short is blamed on what is left of it, or on the whole coupon when nothing is left.
    mutating func skipField(length: Int, truncated: GS1LintProblem) throws(GS1LintFailure) -> Int {
        guard bytes.count - position >= length else {
            if position == bytes.count { throw .plain(truncated, bytes) }
            throw GS1LintFailure(truncated, offset: position, length: bytes.count - position)
        }
        defer { position += length }
        return position
    }

    /// Whether an optional field marked by `indicator` comes next; if so, moves past the indicator.
    mutating func opensOptionalField(_ indicator: Int) -> Bool {
        guard position < bytes.count && bytes.digit(at: position) == indicator else { return false }
        position += 1
        return true
    }

    mutating func readCompanyPrefix(length: Int, truncated: GS1LintProblem) throws(GS1LintFailure) {
        let start = try skipField(length: length, truncated: truncated)
        if let failure = GS1Linter.checkCompanyPrefix(bytes.part(start..<(start + length))) {
            throw GS1LintFailure(failure.problem, offset: start, length: length)
        }
    }

    /// A purchase requirement: its length digit, the requirement, its code and a three-digit family code.
    mutating func readPurchaseRequirement(
        missingLength: GS1LintProblem, invalidLength: GS1LintProblem, truncated: GS1LintProblem,
        missingCode: GS1LintProblem, invalidCode: GS1LintProblem, truncatedFamily: GS1LintProblem
    ) throws(GS1LintFailure) {
        let length = try readDigit(missing: missingLength, invalid: invalidLength, allowed: { 1 <= $0 && $0 <= 5 })
        _ = try skipField(length: length, truncated: truncated)
        _ = try readDigit(missing: missingCode, invalid: invalidCode, allowed: { $0 <= 4 || $0 == 9 })
        _ = try skipField(length: 3, truncated: truncatedFamily)
    }

    /// The company prefix of a second or third purchase, whose length digit 9 means there is none.
    mutating func readPurchaseCompanyPrefix(
        missing: GS1LintProblem, invalid: GS1LintProblem, truncated: GS1LintProblem
    ) throws(GS1LintFailure) {
        let lengthDigit = try readDigit(missing: missing, invalid: invalid, allowed: { $0 <= 6 || $0 == 9 })
        if lengthDigit != 9 {
            try readCompanyPrefix(length: lengthDigit + 6, truncated: truncated)
        }
    }

    /// A YYMMDD date; returns where it starts.
    mutating func readDate(truncated: GS1LintProblem, invalid: GS1LintProblem) throws(GS1LintFailure) -> Int {
        let start = try skipField(length: 6, truncated: truncated)
        let date = bytes.part(start..<(start + 6))
        if GS1Linter.checkDate(date, yearDigits: 2, allowsDayZero: false) != nil {
            throw GS1LintFailure(invalid, offset: start, length: 6, detail: .text(date.text))
        }
        return start
    }

    func requireEnd() throws(GS1LintFailure) {
        if position != bytes.count {
            throw GS1LintFailure(.couponExcessData, offset: position, length: bytes.count - position)
        }
    }
}
