extension GS1Linter {
    /// `iban`: an International Bank Account Number (ISO 13616-1; gs1-syntax-engine lint_iban.c).
    ///
    /// Checks, in the engine's order: at least four characters, an ISO 3166 alpha-2 country code,
    /// at most 34 and more than 10 characters, only digits and capital letters, and the MOD 97-10
    /// check digits in positions 3 and 4. Like the engine, it does not check each country's own length.
    static func checkIBAN(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        let count = bytes.count
        guard count >= 4 else { return .plain(.ibanTooShort, bytes) }
        guard isAlpha2CountryCode(bytes.part(0..<2)) else {
            return .span(.illegalIBANCountryCode, 0..<2, in: bytes)
        }
        guard count <= 34 else { return .plain(.ibanTooLong, bytes) }
        guard count > 10 else { return .plain(.ibanTooShort, bytes) }

        // The number is read from the fifth character on, then wraps round to the first four.
        var remainder = 0
        for step in 4..<(count + 4) {
            let index = step < count ? step : step - count
            guard let value = ibanValue(bytes[index]) else {
                return .character(.invalidIBANCharacter, at: index, in: bytes)
            }
            remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97
        }
        guard remainder == 1 else {
            return GS1LintFailure(
                .incorrectIBANChecksum, offset: 2, length: 2, detail: .expected(expectedCheckDigits(bytes)))
        }
        return nil
    }

    /// 0 to 9 for digits, 10 to 35 for `A` to `Z`, nil for anything else.
    private static func ibanValue(_ byte: UInt8) -> Int? {
        if GS1LintBytes.isDigit(byte) { return GS1LintBytes.digit(byte) }
        let letter = byte &- UInt8(ascii: "A")
        return letter < 26 ? Int(letter) + 10 : nil
    }

    /// The check digits that would make this IBAN valid: 98 minus the remainder with them set to 00.
    private static func expectedCheckDigits(_ bytes: GS1LintBytes) -> String {
        var remainder = 0
        for index in Array(4..<bytes.count) + [0, 1] {
            let value = ibanValue(bytes[index]) ?? 0
            remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97
        }
        let checkDigits = 98 - remainder * 100 % 97
        return checkDigits < 10 ? "0\(checkDigits)" : String(checkDigits)
    }
}
