import PropertyBased
import Testing

@testable import TallyCore

/// Vectors from gs1-syntax-engine lint_csum.c and lint_csumalpha.c, and properties of both checks.
@Suite struct GS1LintCheckCharacterTests {
    static let csumCases: [LintCase] = [
        .fail("", .tooShortForCheckDigit, "**"),
        .pass("02345673"),
        .fail("12345673", .incorrectCheckDigit, "1234567*3*"),
        .pass("416000336108"),
        .fail("416000336109", .incorrectCheckDigit, "41600033610*9*"),
        .pass("1234567890128"),
        .fail("1234567890129", .incorrectCheckDigit, "123456789012*9*"),
        .pass("12345678901231"),
        .fail("12345678901232", .incorrectCheckDigit, "1234567890123*2*"),
        .pass("123456789012345675"),
        .fail("123456789012345670", .incorrectCheckDigit, "12345678901234567*0*"),
        .fail(" 23456789012345675", .nonDigitCharacter, "* *23456789012345675"),
        .fail("12345678 012345675", .nonDigitCharacter, "12345678* *012345675"),
        .fail("12345678901234567 ", .nonDigitCharacter, "12345678901234567* *"),
    ]

    @Test(arguments: csumCases)
    func csum(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.csum.check)
    }

    static let csumalphaCases: [LintCase] = [
        .fail("", .tooShortForCheckPair, "**"),
        .fail("2", .tooShortForCheckPair, "*2*"),
        .pass("22"),
        .fail("33", .incorrectCheckPair, "*33*"),
        .pass("!22"),
        .pass("!!22"),
        .pass("1987654Ad4X4bL5ttr2310c2K"),
        .fail("1987654Ad4X4bL5ttr2310cXK", .incorrectCheckPair, "1987654Ad4X4bL5ttr2310c*XK*"),
        .fail("1987654Ad4X4bL5ttr2310c2X", .incorrectCheckPair, "1987654Ad4X4bL5ttr2310c*2X*"),
        .pass("12345678901234567890123NT"),
        .pass("12345_ABCDEFGHIJKLMCP"),
        .pass("12345_NOPQRSTUVWXYZDN"),
        .pass("12345_abcdefghijklmN3"),
        .pass("12345_nopqrstuvwxyzP2"),
        .pass("12345_!\"%&'()*+,-./LC"),
        .pass("12345_0123456789:;<=>?62"),
        .pass("7907665Bm8v2AB"),
        .pass("97850l6KZm0yCD"),
        .pass("225803106GSpEF"),
        .pass("149512464PM+GH"),
        .pass("62577B8fRG7HJK"),
        .pass("515942070CYxLM"),
        .pass("390800494sP6NP"),
        .pass("386830132uO+QR"),
        .pass("53395376X1:nST"),
        .pass("957813138Sb6UV"),
        .pass("530790no0qOgWX"),
        .pass("62185314IvwmYZ"),
        .pass("23956qk1&dB!23"),
        .pass("794394895ic045"),
        .pass("57453Uq3qA<H67"),
        .pass("62185314IvwmYZ"),
        .pass("0881063PhHvY89"),
        .pass("00000!HV"),
        .pass("99999zzzzzzzzzzzzzzzzzzT2"),
        .pass("99999zzzzzzzzzzzzzzzzzzT2"),
        .pass(
            "12345678901234567890123456789012345678901234567890"
                + "12345678901234567890123456789012345678901234567HA"),
        .pass(
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
                + "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzUA"),
        .fail(
            "12345678901234567890123456789012345678901234567890"
                + "123456789012345678901234567890123456789012345678ZZ",
            .tooLongForCheckPairImplementation,
            "*12345678901234567890123456789012345678901234567890"
                + "123456789012345678901234567890123456789012345678ZZ*"),
        .fail(" 2345678901234567890123NT", .invalidCSET82Character, "* *2345678901234567890123NT"),
        .fail("123456789 1234567890123NT", .invalidCSET82Character, "123456789* *1234567890123NT"),
        .fail("1234567890123456789012 NT", .invalidCSET82Character, "1234567890123456789012* *NT"),
        .fail("12345678901234567890123 T", .incorrectCheckPair, "12345678901234567890123* T*"),
        .fail("12345678901234567890123N ", .incorrectCheckPair, "12345678901234567890123*N *"),
    ]

    @Test(arguments: csumalphaCases)
    func csumalpha(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.csumalpha.check)
    }

    @Test func wrongCheckCharactersAreNamed() {
        #expect(GS1Linter.csum.lint(Array("12345673".utf8)[...])?.message == "the check digit should be 0")
        #expect(
            GS1Linter.csumalpha.lint(Array("1987654Ad4X4bL5ttr2310cXK".utf8)[...])?.message
                == "the check characters should be 2K")
    }

    /// The digit that completes `payload`, found by asking the linter about each of the ten candidates.
    static func completing(_ payload: [UInt8]) -> [[UInt8]] {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).map { payload + [$0] }.filter { GS1Linter.csum.lint($0[...]) == nil }
    }

    /// Exactly one check digit fits any payload, and changing any one digit of the result is caught.
    @Test func csumCatchesEverySingleDigitSubstitution() async {
        await propertyCheck(input: Gen.int(in: 0...9).array(of: 1...17)) { digits in
            let payload = digits.map { UInt8(ascii: "0") + UInt8($0) }
            let valid = Self.completing(payload)
            #expect(valid.count == 1)
            guard let number = valid.first else { return }
            for position in number.indices {
                for digit in UInt8(ascii: "0")...UInt8(ascii: "9") where digit != number[position] {
                    var damaged = number
                    damaged[position] = digit
                    #expect(GS1Linter.csum.lint(damaged[...])?.problem == .incorrectCheckDigit)
                }
            }
        }
    }

    static let cset82 = Array(GS1LintCharacterSetTests.cset82Characters.utf8)
    static let cset32 = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ".utf8)

    /// Exactly one of the 1024 check pairs fits any data, and changing any one data character is caught.
    @Test func csumalphaCatchesEverySingleCharacterSubstitution() async {
        await propertyCheck(
            count: 60, input: Gen.int(in: 0...81).array(of: 0...30), Gen.int(in: 0...Int.max)
        ) { indices, seed in
            let data = indices.map { Self.cset82[$0] }
            let fitting = Self.cset32.flatMap { first in Self.cset32.map { [first, $0] } }
                .filter { GS1Linter.csumalpha.lint((data + $0)[...]) == nil }
            #expect(fitting.count == 1)
            guard let pair = fitting.first, !data.isEmpty else { return }
            let position = seed % data.count
            for replacement in Self.cset82 where replacement != data[position] {
                var damaged = data
                damaged[position] = replacement
                #expect(GS1Linter.csumalpha.lint((damaged + pair)[...])?.problem == .incorrectCheckPair)
            }
        }
    }
}
