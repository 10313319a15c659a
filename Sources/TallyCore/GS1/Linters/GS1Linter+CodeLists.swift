extension GS1Linter {
    /// `iso3166` and `iso3166999`: an ISO 3166-1 numeric country code, and for the latter also 999
    /// (gs1-syntax-engine lint_iso3166.c and lint_iso3166999.c).
    static func checkNumericCountryCode(_ bytes: GS1LintBytes, allowing999: Bool) -> GS1LintFailure? {
        if let code = threeDigitNumber(bytes) {
            if GS1LintTables.isNumericCountryCode[code] || (allowing999 && code == 999) {
                return nil
            }
        }
        return .whole(allowing999 ? .notISO3166Or999 : .notISO3166, bytes)
    }

    /// `iso3166alpha2`: an ISO 3166-1 alpha-2 country code, in capitals (gs1-syntax-engine lint_iso3166alpha2.c).
    static func checkAlpha2CountryCode(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        isAlpha2CountryCode(bytes) ? nil : .whole(.notISO3166Alpha2, bytes)
    }

    static func isAlpha2CountryCode(_ bytes: GS1LintBytes) -> Bool {
        guard bytes.count == 2 else { return false }
        let first = bytes[0] &- UInt8(ascii: "A")
        let second = bytes[1] &- UInt8(ascii: "A")
        guard first < 26 && second < 26 else { return false }
        return GS1LintTables.isAlpha2CountryCode[Int(first) * 26 + Int(second)]
    }

    /// `iso4217`: an ISO 4217 numeric currency code known to `Currency` (gs1-syntax-engine lint_iso4217.c).
    ///
    /// `Currency` holds the currencies that are active now, so a code the engine still lists after ISO
    /// withdrew it, such as 975 for the Bulgarian lev, is refused here.
    static func checkCurrencyCode(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        if let code = threeDigitNumber(bytes), Currency(numericCode: code) != nil {
            return nil
        }
        return .whole(.notISO4217, bytes)
    }

    /// `mediatype`: an AIDC media type, 01 to 10 as assigned by ICCBBA or 80 to 99 for local use
    /// (GS1 General Specifications, AIDC media type values; gs1-syntax-engine lint_mediatype.c).
    static func checkMediaType(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        if bytes.count == 2 && bytes.isDigit(at: 0) && bytes.isDigit(at: 1) {
            let type = bytes.twoDigitValue(at: 0)
            if (1...10).contains(type) || (80...99).contains(type) {
                return nil
            }
        }
        return .whole(.invalidMediaType, bytes)
    }

    /// `packagetype`: a code from GS1's PackageTypeCode list (gs1-syntax-engine lint_packagetype.c).
    static func checkPackageType(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        guard let key = GS1LintTables.packageTypeKey(bytes) else { return .whole(.invalidPackageType, bytes) }
        let keys = GS1LintTables.packageTypeKeys
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < keys.count && keys[low] == key ? nil : .whole(.invalidPackageType, bytes)
    }

    /// `importeridx`: one letter, digit, `-` or `_` (GS1 General Specifications, EU 2018/574;
    /// gs1-syntax-engine lint_importeridx.c).
    static func checkImporterIndex(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        guard bytes.count == 1 else { return .plain(.importerIndexMustBeOneCharacter, bytes) }
        guard GS1ByteSet.cset64.contains(bytes[0]) else {
            return .character(.invalidImporterIndexCharacter, at: 0, in: bytes)
        }
        return nil
    }

    /// `winding`, `yesno` and `iso5218`: exactly one of the characters in `allowed`
    /// (gs1-syntax-engine lint_winding.c, lint_yesno.c and lint_iso5218.c).
    static func checkSingleCode(
        _ bytes: GS1LintBytes, allowed: StaticString, problem: GS1LintProblem
    ) -> GS1LintFailure? {
        guard bytes.count == 1 else { return .plain(problem, bytes) }
        let byte = bytes[0]
        let isAllowed = allowed.withUTF8Buffer { $0.contains(byte) }
        return isAllowed ? nil : .plain(problem, bytes)
    }

    /// The number that exactly three digits spell, or nil.
    static func threeDigitNumber(_ bytes: GS1LintBytes) -> Int? {
        guard bytes.count == 3 && bytes.isDigit(at: 0) && bytes.isDigit(at: 1) && bytes.isDigit(at: 2) else {
            return nil
        }
        return bytes.digit(at: 0) * 100 + bytes.digit(at: 1) * 10 + bytes.digit(at: 2)
    }
}
