extension GS1Linter {
    /// `yymmd0`, `yymmdd` and `yyyymmdd`: a real calendar date, as YYMMDD or YYYYMMDD.
    ///
    /// Problems are reported in the engine's order: length, digits, month, then day
    /// (gs1-syntax-engine lint_yyyymmd0.c, lint_yymmd0.c, lint_yymmdd.c and lint_yyyymmdd.c).
    static func checkDate(_ bytes: GS1LintBytes, yearDigits: Int, allowsDayZero: Bool) -> GS1LintFailure? {
        let expectedLength = yearDigits + 4
        guard bytes.count == expectedLength else {
            return GS1LintFailure(
                bytes.count < expectedLength ? .dateTooShort : .dateTooLong, offset: 0, length: bytes.count,
                detail: .wrongLength(expected: expectedLength, actual: bytes.count))
        }
        if let index = bytes.firstNonDigit() {
            return .character(.nonDigitCharacter, at: index, in: bytes)
        }
        let year =
            yearDigits == 4
            ? bytes.twoDigitValue(at: 0) * 100 + bytes.twoDigitValue(at: 2)
            : fullYear(twoDigitYear: bytes.twoDigitValue(at: 0))
        let month = bytes.twoDigitValue(at: yearDigits)
        guard 1 <= month && month <= 12 else {
            return .span(.illegalMonth, yearDigits..<(yearDigits + 2), in: bytes)
        }
        let day = bytes.twoDigitValue(at: yearDigits + 2)
        if day > daysIn(month: month, year: year) || (day == 0 && !allowsDayZero) {
            return GS1LintFailure(
                .illegalDay, offset: yearDigits + 2, length: 2,
                detail: .dayNotInMonth(day: day, month: month, year: year))
        }
        return nil
    }

    /// The year that a two-digit year stands for, which decides whether 29 February exists.
    ///
    /// This is gs1-syntax-engine's rule with its default reference year 2021: 72 to 99 are 1972 to 1999,
    /// 00 to 71 are 2000 to 2071. Every year in that window divisible by 4 is a leap year, 2000 included.
    static func fullYear(twoDigitYear: Int) -> Int {
        let referenceYear = 21
        if twoDigitYear - referenceYear >= 51 { return 1900 + twoDigitYear }
        if twoDigitYear - referenceYear > -50 { return 2000 + twoDigitYear }
        return 2100 + twoDigitYear
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    enum ClockField {
        case hour, minute, second

        var maximum: Int { self == .hour ? 23 : 59 }

        var tooShort: GS1LintProblem {
            switch self {
            case .hour: .hourTooShort
            case .minute: .minuteTooShort
            case .second: .secondTooShort
            }
        }

        var tooLong: GS1LintProblem {
            switch self {
            case .hour: .hourTooLong
            case .minute: .minuteTooLong
            case .second: .secondTooLong
            }
        }

        var outOfRange: GS1LintProblem {
            switch self {
            case .hour: .illegalHour
            case .minute: .illegalMinute
            case .second: .illegalSecond
            }
        }
    }

    /// `hh`, `mi` and `ss`: exactly two digits, no more than 23 for hours and 59 for minutes and seconds
    /// (gs1-syntax-engine lint_hh.c, lint_mi.c and lint_ss.c).
    static func checkTwoDigits(_ bytes: GS1LintBytes, as field: ClockField) -> GS1LintFailure? {
        guard bytes.count == 2 else {
            return GS1LintFailure(
                bytes.count < 2 ? field.tooShort : field.tooLong, offset: 0, length: bytes.count,
                detail: .wrongLength(expected: 2, actual: bytes.count))
        }
        if let index = bytes.firstNonDigit() {
            return .character(.nonDigitCharacter, at: index, in: bytes)
        }
        if bytes.twoDigitValue(at: 0) > field.maximum {
            return .whole(field.outOfRange, bytes)
        }
        return nil
    }

    /// `hhmi`: a time of day as HHMM (gs1-syntax-engine lint_hhmi.c).
    static func checkHourAndMinute(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        guard bytes.count == 4 else {
            return GS1LintFailure(
                bytes.count < 4 ? .hourWithMinuteTooShort : .hourWithMinuteTooLong, offset: 0, length: bytes.count,
                detail: .wrongLength(expected: 4, actual: bytes.count))
        }
        if let failure = checkTwoDigits(bytes.part(0..<2), as: .hour) {
            return failure
        }
        return checkTwoDigits(bytes.part(2..<4), as: .minute)?.shifted(by: 2)
    }
}
