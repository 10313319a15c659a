import PropertyBased
import Testing

@testable import TallyCore

/// Vectors from gs1-syntax-engine lint_yymmd0.c, lint_yymmdd.c, lint_yyyymmdd.c, lint_yyyymmd0.c,
/// lint_hh.c, lint_mi.c, lint_ss.c and lint_hhmi.c.
@Suite struct GS1LintDateTimeTests {
    /// The vectors that lint_yymmd0.c and lint_yymmdd.c share; they differ only on day 00.
    static let twoDigitYearCases: [LintCase] = [
        .pass("000606"),
        .pass("250606"),
        .pass("500606"),
        .pass("750606"),
        .pass("990606"),
        .pass("200131"),
        .fail("x00131", .nonDigitCharacter, "*x*00131"),
        .fail("2x0131", .nonDigitCharacter, "2*x*0131"),
        .fail("20x131", .nonDigitCharacter, "20*x*131"),
        .fail("200x31", .nonDigitCharacter, "200*x*31"),
        .fail("2001x1", .nonDigitCharacter, "2001*x*1"),
        .fail("20013x", .nonDigitCharacter, "20013*x*"),
        .fail("", .dateTooShort, "**"),
        .fail("1", .dateTooShort, "*1*"),
        .fail("11", .dateTooShort, "*11*"),
        .fail("111", .dateTooShort, "*111*"),
        .fail("1111", .dateTooShort, "*1111*"),
        .fail("11111", .dateTooShort, "*11111*"),
        .fail("1111111", .dateTooLong, "*1111111*"),
        .fail("200010", .illegalMonth, "20*00*10"),
        .fail("201310", .illegalMonth, "20*13*10"),
        .fail("209910", .illegalMonth, "20*99*10"),
        .pass("200131"),
        .fail("200132", .illegalDay, "2001*32*"),
        .pass("200229"),
        .fail("200230", .illegalDay, "2002*30*"),
        .pass("200331"),
        .fail("200332", .illegalDay, "2003*32*"),
        .pass("200430"),
        .fail("200431", .illegalDay, "2004*31*"),
        .pass("200531"),
        .fail("200532", .illegalDay, "2005*32*"),
        .pass("200630"),
        .fail("200631", .illegalDay, "2006*31*"),
        .pass("200731"),
        .fail("200732", .illegalDay, "2007*32*"),
        .pass("200831"),
        .fail("200832", .illegalDay, "2008*32*"),
        .pass("200930"),
        .fail("200931", .illegalDay, "2009*31*"),
        .pass("201031"),
        .fail("201032", .illegalDay, "2010*32*"),
        .pass("201130"),
        .fail("201131", .illegalDay, "2011*31*"),
        .pass("201231"),
        .fail("201232", .illegalDay, "2012*32*"),
        .pass("210228"),
        .fail("210229", .illegalDay, "2102*29*"),
        .pass("220228"),
        .fail("220229", .illegalDay, "2202*29*"),
        .pass("230228"),
        .fail("230229", .illegalDay, "2302*29*"),
        .pass("240229"),
        .fail("240230", .illegalDay, "2402*30*"),
        .pass("000229"),
        .fail("000230", .illegalDay, "0002*30*"),
        .pass("040229"),
        .fail("040230", .illegalDay, "0402*30*"),
        .pass("960229"),
        .fail("960230", .illegalDay, "9602*30*"),
    ]

    @Test(arguments: twoDigitYearCases + [.pass("200600")])
    func yymmd0(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.yymmd0.check)
    }

    @Test(arguments: twoDigitYearCases + [.fail("200600", .illegalDay, "2006*00*")])
    func yymmdd(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.yymmdd.check)
    }

    static let yyyymmddCases: [LintCase] = [
        .pass("20000606"),
        .pass("20250606"),
        .pass("20500606"),
        .pass("19750606"),
        .pass("19990606"),
        .pass("20200131"),
        .fail("x0200131", .nonDigitCharacter, "*x*0200131"),
        .fail("2x200131", .nonDigitCharacter, "2*x*200131"),
        .fail("20x00131", .nonDigitCharacter, "20*x*00131"),
        .fail("202x0131", .nonDigitCharacter, "202*x*0131"),
        .fail("2020x131", .nonDigitCharacter, "2020*x*131"),
        .fail("20200x31", .nonDigitCharacter, "20200*x*31"),
        .fail("202001x1", .nonDigitCharacter, "202001*x*1"),
        .fail("2020013x", .nonDigitCharacter, "2020013*x*"),
        .fail("", .dateTooShort, "**"),
        .fail("1", .dateTooShort, "*1*"),
        .fail("11", .dateTooShort, "*11*"),
        .fail("111", .dateTooShort, "*111*"),
        .fail("1111", .dateTooShort, "*1111*"),
        .fail("11111", .dateTooShort, "*11111*"),
        .fail("111111", .dateTooShort, "*111111*"),
        .fail("1111111", .dateTooShort, "*1111111*"),
        .fail("111111111", .dateTooLong, "*111111111*"),
        .fail("20200010", .illegalMonth, "2020*00*10"),
        .fail("20201310", .illegalMonth, "2020*13*10"),
        .fail("20209910", .illegalMonth, "2020*99*10"),
        .pass("20200131"),
        .fail("20200132", .illegalDay, "202001*32*"),
        .pass("20200229"),
        .fail("20200230", .illegalDay, "202002*30*"),
        .pass("20200331"),
        .fail("20200332", .illegalDay, "202003*32*"),
        .pass("20200430"),
        .fail("20200431", .illegalDay, "202004*31*"),
        .pass("20200531"),
        .fail("20200532", .illegalDay, "202005*32*"),
        .pass("20200630"),
        .fail("20200631", .illegalDay, "202006*31*"),
        .pass("20200731"),
        .fail("20200732", .illegalDay, "202007*32*"),
        .pass("20200831"),
        .fail("20200832", .illegalDay, "202008*32*"),
        .pass("20200930"),
        .fail("20200931", .illegalDay, "202009*31*"),
        .pass("20201031"),
        .fail("20201032", .illegalDay, "202010*32*"),
        .pass("20201130"),
        .fail("20201131", .illegalDay, "202011*31*"),
        .pass("20201231"),
        .fail("20201232", .illegalDay, "202012*32*"),
        .pass("20210228"),
        .fail("20210229", .illegalDay, "202102*29*"),
        .pass("20220228"),
        .fail("20220229", .illegalDay, "202202*29*"),
        .pass("20230228"),
        .fail("20230229", .illegalDay, "202302*29*"),
        .pass("20240229"),
        .fail("20240230", .illegalDay, "202402*30*"),
        .pass("20000229"),
        .fail("20000230", .illegalDay, "200002*30*"),
        .pass("20040229"),
        .fail("20040230", .illegalDay, "200402*30*"),
        .pass("19960229"),
        .fail("19960230", .illegalDay, "199602*30*"),
        .fail("20200600", .illegalDay, "202006*00*"),
    ]

    @Test(arguments: yyyymmddCases)
    func yyyymmdd(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.yyyymmdd.check)
    }

    /// lint_yyyymmd0.c is no linter of the dictionary, but `yyyymmdd` and `yymmd0` are built on it there
    /// and on the same date check here; its vectors cover the century leap-year rule.
    static let yyyymmd0Cases: [LintCase] = [
        .pass("20000606"),
        .pass("20250606"),
        .pass("20500606"),
        .pass("20750606"),
        .pass("19990606"),
        .pass("19200131"),
        .fail("x0200131", .nonDigitCharacter, "*x*0200131"),
        .fail("2x200131", .nonDigitCharacter, "2*x*200131"),
        .fail("20x00131", .nonDigitCharacter, "20*x*00131"),
        .fail("202x0131", .nonDigitCharacter, "202*x*0131"),
        .fail("2020x131", .nonDigitCharacter, "2020*x*131"),
        .fail("20200x31", .nonDigitCharacter, "20200*x*31"),
        .fail("202001x1", .nonDigitCharacter, "202001*x*1"),
        .fail("2020013x", .nonDigitCharacter, "2020013*x*"),
        .fail("", .dateTooShort, "**"),
        .fail("1", .dateTooShort, "*1*"),
        .fail("11", .dateTooShort, "*11*"),
        .fail("111", .dateTooShort, "*111*"),
        .fail("1111", .dateTooShort, "*1111*"),
        .fail("11111", .dateTooShort, "*11111*"),
        .fail("111111", .dateTooShort, "*111111*"),
        .fail("1111111", .dateTooShort, "*1111111*"),
        .fail("111111111", .dateTooLong, "*111111111*"),
        .fail("20200010", .illegalMonth, "2020*00*10"),
        .fail("20201310", .illegalMonth, "2020*13*10"),
        .fail("20209910", .illegalMonth, "2020*99*10"),
        .pass("20200131"),
        .fail("20200132", .illegalDay, "202001*32*"),
        .pass("20200229"),
        .fail("20200230", .illegalDay, "202002*30*"),
        .pass("20200331"),
        .fail("20200332", .illegalDay, "202003*32*"),
        .pass("20200430"),
        .fail("20200431", .illegalDay, "202004*31*"),
        .pass("20200531"),
        .fail("20200532", .illegalDay, "202005*32*"),
        .pass("20200630"),
        .fail("20200631", .illegalDay, "202006*31*"),
        .pass("20200731"),
        .fail("20200732", .illegalDay, "202007*32*"),
        .pass("20200831"),
        .fail("20200832", .illegalDay, "202008*32*"),
        .pass("20200930"),
        .fail("20200931", .illegalDay, "202009*31*"),
        .pass("20201031"),
        .fail("20201032", .illegalDay, "202010*32*"),
        .pass("20201130"),
        .fail("20201131", .illegalDay, "202011*31*"),
        .pass("20201231"),
        .fail("20201232", .illegalDay, "202012*32*"),
        .pass("20210228"),
        .fail("20210229", .illegalDay, "202102*29*"),
        .pass("20220228"),
        .fail("20220229", .illegalDay, "202202*29*"),
        .pass("20230228"),
        .fail("20230229", .illegalDay, "202302*29*"),
        .pass("19960229"),
        .fail("19960230", .illegalDay, "199602*30*"),
        .pass("20000229"),
        .fail("20000230", .illegalDay, "200002*30*"),
        .pass("20040229"),
        .fail("20040230", .illegalDay, "200402*30*"),
        .pass("20240229"),
        .fail("20240230", .illegalDay, "202402*30*"),
        .pass("21000228"),
        .fail("21000229", .illegalDay, "210002*29*"),
        .pass("22000228"),
        .fail("22000229", .illegalDay, "220002*29*"),
        .pass("23000228"),
        .fail("23000229", .illegalDay, "230002*29*"),
        .pass("24000229"),
        .fail("24000230", .illegalDay, "240002*30*"),
        .pass("20200600"),
    ]

    @Test(arguments: yyyymmd0Cases)
    func yyyymmd0(_ testCase: LintCase) {
        expectLint(testCase) { value in
            value.withGS1LintBytes { GS1Linter.checkDate($0, yearDigits: 4, allowsDayZero: true) }
        }
    }

    static func twoDigits(_ range: ClosedRange<Int>) -> [String] {
        range.map { $0 < 10 ? "0\($0)" : "\($0)" }
    }

    static let hhCases: [LintCase] =
        twoDigits(0...23).map { .pass($0) } + [
            .fail("24", .illegalHour, "*24*"),
            .fail("x0", .nonDigitCharacter, "*x*0"),
            .fail("0x", .nonDigitCharacter, "0*x*"),
            .fail("", .hourTooShort, "**"),
            .fail("1", .hourTooShort, "*1*"),
            .fail("111", .hourTooLong, "*111*"),
            .fail("1111", .hourTooLong, "*1111*"),
        ]

    @Test(arguments: hhCases)
    func hh(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.hh.check)
    }

    static let miCases: [LintCase] =
        twoDigits(0...59).map { .pass($0) } + [
            .fail("60", .illegalMinute, "*60*"),
            .fail("x0", .nonDigitCharacter, "*x*0"),
            .fail("0x", .nonDigitCharacter, "0*x*"),
            .fail("", .minuteTooShort, "**"),
            .fail("1", .minuteTooShort, "*1*"),
            .fail("111", .minuteTooLong, "*111*"),
        ]

    @Test(arguments: miCases)
    func mi(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.mi.check)
    }

    static let ssCases: [LintCase] =
        twoDigits(0...59).map { .pass($0) } + [
            .fail("60", .illegalSecond, "*60*"),
            .fail("x0", .nonDigitCharacter, "*x*0"),
            .fail("0x", .nonDigitCharacter, "0*x*"),
            .fail("", .secondTooShort, "**"),
            .fail("1", .secondTooShort, "*1*"),
            .fail("111", .secondTooLong, "*111*"),
            .fail("1111", .secondTooLong, "*1111*"),
        ]

    @Test(arguments: ssCases)
    func ss(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.ss.check)
    }

    static let hhmiCases: [LintCase] =
        [.pass("0000"), .pass("2359")] + twoDigits(1...23).map { .pass($0 + "00") }
        + [.fail("2400", .illegalHour, "*24*00")]
        + twoDigits(1...59).map { .pass("00" + $0) }
        + [
            .fail("0060", .illegalMinute, "00*60*"),
            .fail("x000", .nonDigitCharacter, "*x*000"),
            .fail("0x00", .nonDigitCharacter, "0*x*00"),
            .fail("00x0", .nonDigitCharacter, "00*x*0"),
            .fail("000x", .nonDigitCharacter, "000*x*"),
            .fail("", .hourWithMinuteTooShort, "**"),
            .fail("1", .hourWithMinuteTooShort, "*1*"),
            .fail("11", .hourWithMinuteTooShort, "*11*"),
            .fail("111", .hourWithMinuteTooShort, "*111*"),
            .fail("11111", .hourWithMinuteTooLong, "*11111*"),
        ]

    @Test(arguments: hhmiCases)
    func hhmi(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.hhmi.check)
    }

    @Test func messagesNameTheDateProblem() {
        func message(_ linter: GS1Linter, _ value: String) -> String? {
            linter.lint(Array(value.utf8)[...])?.message
        }
        #expect(message(.yymmdd, "201310") == "month 13 does not exist")
        #expect(message(.yymmdd, "200431") == "day 31 is not in April")
        #expect(message(.yymmdd, "210229") == "day 29 is not in February 2021, which is not a leap year")
        #expect(message(.yymmdd, "200600") == "day 00 does not exist")
        #expect(message(.yyyymmdd, "2020060") == "a date needs 8 digits (YYYYMMDD), not 7")
        #expect(message(.hhmi, "2460") == "hour 24 does not exist")
        #expect(message(.hhmi, "2360") == "minute 60 does not exist")
    }

    /// Two-digit years follow the engine's default window: 72 to 99 are 1972 to 1999, the rest 2000 onwards.
    @Test func twoDigitYearWindow() {
        #expect(GS1Linter.fullYear(twoDigitYear: 0) == 2000)
        #expect(GS1Linter.fullYear(twoDigitYear: 71) == 2071)
        #expect(GS1Linter.fullYear(twoDigitYear: 72) == 1972)
        #expect(GS1Linter.fullYear(twoDigitYear: 99) == 1999)
    }

    /// YYYYMMDD accepts a date exactly when the Gregorian calendar has it.
    @Test func yyyymmddAgreesWithTheGregorianCalendar() async {
        await propertyCheck(input: Gen.int(in: 0...9999), Gen.int(in: 0...99), Gen.int(in: 0...99)) {
            year, month, day in
            let isLeapYear = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            let monthLengths = [31, isLeapYear ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            let exists = (1...12).contains(month) && day >= 1 && day <= monthLengths[max(0, min(11, month - 1))]
            let text =
                String(10000 + year).dropFirst() + String(100 + month).dropFirst() + String(100 + day).dropFirst()
            #expect((GS1Linter.yyyymmdd.lint(Array(text.utf8)[...]) == nil) == exists, "\(text)")
        }
    }
}
