import PropertyBased
import Testing

@testable import TallyCore

/// Vectors from gs1-syntax-engine lint_iban.c, and a property of the MOD 97-10 check.
@Suite struct GS1LintIBANTests {
    static let ibanCases: [LintCase] = [
        .pass("FR7630006000011234567890189"),
        .pass("DE91100000000123456789"),
        .pass("GR9608100010000001234567890"),
        .pass("MU43BOMM0101123456789101000MUR"),
        .pass("PK70BANK0000123456789000"),
        .pass("PL10105000997603123456789123"),
        .pass("RO09BCYP0000001234567890"),
        .pass("SA4420000001234567891234"),
        .pass("ES7921000813610123456789"),
        .pass("CH5604835012345678009"),
        .pass("GB98MIDL07009312345678"),
        .pass("BE71096123456769"),
        .fail("BE71096123456760", .incorrectIBANChecksum, "BE*71*096123456760"),
        .pass("LC14BOSL123456789012345678901234"),
        .fail("LC14BOSL123456789012345678901230", .incorrectIBANChecksum, "LC*14*BOSL123456789012345678901230"),
        .pass("MT90MALT011000012345MTLCAST001SABC"),
        .fail("MT90MALT011000012345MTLCAST001SAB0", .incorrectIBANChecksum, "MT*90*MALT011000012345MTLCAST001SAB0"),
        .fail("", .ibanTooShort, "**"),
        .fail("B", .ibanTooShort, "*B*"),
        .fail("BE", .ibanTooShort, "*BE*"),
        .fail("BE7", .ibanTooShort, "*BE7*"),
        .fail("BE71", .ibanTooShort, "*BE71*"),
        .fail(
            "MTXXMALT011000012345MTLCAST001SABCD", .ibanTooLong, "*MTXXMALT011000012345MTLCAST001SABCD*"),
        .fail(
            "MTXXMALT011000012345MTLCAST001SABCDE", .ibanTooLong, "*MTXXMALT011000012345MTLCAST001SABCDE*"),
        .fail(
            "LC14BOSLxx3456789012345678901230", .invalidIBANCharacter, "LC14BOSL*x*x3456789012345678901230"),
        .fail("XX361234567890", .illegalIBANCountryCode, "*XX*361234567890"),
    ]

    @Test(arguments: ibanCases)
    func iban(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.iban.check)
    }

    @Test func wrongCheckDigitsAreNamed() {
        #expect(
            GS1Linter.iban.lint(Array("BE71096123456760".utf8)[...])?.message == "the IBAN check digits should be 23")
        #expect(GS1Linter.iban.lint(Array("BE23096123456760".utf8)[...]) == nil)
        #expect(
            GS1Linter.iban.lint(Array("XX361234567890".utf8)[...])?.message
                == "an IBAN starts with a two-letter country code, and XX is not one")
    }

    static let bbanCharacters = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)

    /// Whatever the account part, the check digits that the failure message proposes make a valid IBAN.
    @Test func proposedCheckDigitsAlwaysFit() async {
        await propertyCheck(input: Gen.int(in: 0...35).array(of: 7...30)) { indices in
            let bban = indices.map { Self.bbanCharacters[$0] }
            let trial = Array("DE00".utf8) + bban
            guard let failure = GS1Linter.iban.lint(trial[...]) else { return }
            #expect(failure.problem == .incorrectIBANChecksum)
            guard case .expected(let digits) = failure.detail else {
                Issue.record("no check digits proposed")
                return
            }
            #expect(GS1Linter.iban.lint((Array("DE".utf8) + Array(digits.utf8) + bban)[...]) == nil)
        }
    }
}
