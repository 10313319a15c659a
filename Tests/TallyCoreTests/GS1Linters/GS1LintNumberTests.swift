import PropertyBased
import Testing

@testable import TallyCore

/// Vectors from gs1-syntax-engine lint_gcppos1.c, lint_gcppos2.c, lint_nonzero.c, lint_zero.c,
/// lint_nozeroprefix.c, lint_hasnondigit.c, lint_hyphen.c, lint_pieceoftotal.c, lint_posinseqslash.c,
/// lint_latitude.c, lint_longitude.c and lint_pcenc.c.
@Suite struct GS1LintNumberTests {
    /// The engine builds these in loops around its minimum prefix length of four; written out here.
    static let gcppos1Cases: [LintCase] = [
        .pass("01234"),
        .pass("0123"),
        .fail("012", .tooShortForGCP, "*012*"),
        .fail("01", .tooShortForGCP, "*01*"),
        .fail("0", .tooShortForGCP, "*0*"),
        .fail("", .tooShortForGCP, "**"),
        .pass("0123A"),
        .fail("012AA", .invalidGCPPrefix, "012*A*A"),
        .fail("01AAA", .invalidGCPPrefix, "01*A*AA"),
        .fail("0AAAA", .invalidGCPPrefix, "0*A*AAA"),
        .fail("AAAAA", .invalidGCPPrefix, "*A*AAAA"),
    ]

    @Test(arguments: gcppos1Cases)
    func gcppos1(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.gcppos1.check)
    }

    static let gcppos2Cases: [LintCase] = [
        .pass("I01234"),
        .pass("I0123"),
        .fail("I012", .tooShortForGCP, "I*012*"),
        .fail("I01", .tooShortForGCP, "I*01*"),
        .fail("I0", .tooShortForGCP, "I*0*"),
        .fail("I", .tooShortForGCP, "*I*"),
        .fail("", .tooShortForGCP, "**"),
        .pass("I0123A"),
        .fail("I012AA", .invalidGCPPrefix, "I012*A*A"),
        .fail("I01AAA", .invalidGCPPrefix, "I01*A*AA"),
        .fail("I0AAAA", .invalidGCPPrefix, "I0*A*AAA"),
        .fail("IAAAAA", .invalidGCPPrefix, "I*A*AAAA"),
    ]

    @Test(arguments: gcppos2Cases)
    func gcppos2(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.gcppos2.check)
    }

    static let nonzeroCases: [LintCase] = [
        .fail("0", .illegalZeroValue, "*0*"),
        .pass("1"),
        .fail("00", .illegalZeroValue, "*00*"),
        .pass("01"),
        .pass("10"),
        .pass("11"),
        .fail("000", .illegalZeroValue, "*000*"),
        .pass("001"),
        .pass("010"),
        .pass("011"),
        .pass("100"),
        .pass("101"),
        .pass("110"),
        .pass("111"),
        .fail("0000", .illegalZeroValue, "*0000*"),
        .pass("0009"),
        .pass("9000"),
        .pass("01234567890"),
        .fail("A999", .nonDigitCharacter, "*A*999"),
        .fail("9A99", .nonDigitCharacter, "9*A*99"),
        .fail("99A9", .nonDigitCharacter, "99*A*9"),
        .fail("999A", .nonDigitCharacter, "999*A*"),
        .fail("", .illegalZeroValue, "**"),
        .fail("00", .illegalZeroValue, "*00*"),
        .fail("000", .illegalZeroValue, "*000*"),
    ]

    @Test(arguments: nonzeroCases)
    func nonzero(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.nonzero.check)
    }

    static let zeroCases: [LintCase] = [
        .pass("0"),
        .pass("00"),
        .pass("000"),
        .fail("", .notZero, "**"),
        .fail("1", .notZero, "*1*"),
        .fail("01", .notZero, "*01*"),
        .fail("10", .notZero, "*10*"),
        .fail("001", .notZero, "*001*"),
        .fail("010", .notZero, "*010*"),
        .fail("011", .notZero, "*011*"),
        .fail("100", .notZero, "*100*"),
        .fail("101", .notZero, "*101*"),
        .fail("110", .notZero, "*110*"),
        .fail("X", .notZero, "*X*"),
        .fail("0X", .notZero, "*0X*"),
        .fail("X0", .notZero, "*X0*"),
    ]

    @Test(arguments: zeroCases)
    func zero(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.zero.check)
    }

    static let nozeroprefixCases: [LintCase] = [
        .pass(""),
        .pass("1"),
        .pass("10"),
        .pass("210"),
        .pass("321"),
        .fail("0", .illegalZeroPrefix, "*0*"),
        .fail("01", .illegalZeroPrefix, "*0*1"),
        .fail("012", .illegalZeroPrefix, "*0*12"),
        .fail("0123", .illegalZeroPrefix, "*0*123"),
        .pass("1234567890"),
        .fail("A999", .nonDigitCharacter, "*A*999"),
        .fail("9A99", .nonDigitCharacter, "9*A*99"),
        .fail("99A9", .nonDigitCharacter, "99*A*9"),
        .fail("999A", .nonDigitCharacter, "999*A*"),
    ]

    @Test(arguments: nozeroprefixCases)
    func nozeroprefix(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.nozeroprefix.check)
    }

    static let hasnondigitCases: [LintCase] =
        [
            .fail("", .requiresNonDigitCharacter, "**"),
            .pass("/"),
        ] + (0...9).map { .fail("\($0)", .requiresNonDigitCharacter, "*\($0)*") } + [
            .pass(":"),
            .fail("0123456789", .requiresNonDigitCharacter, "*0123456789*"),
            .pass("/123456789"),
            .pass("012345678/"),
            .pass(":123456789"),
            .pass("012345678:"),
            .pass("AA"),
            .pass("A1"),
            .pass("1A"),
            .fail("11", .requiresNonDigitCharacter, "*11*"),
            .pass("AAA"),
            .pass("1AA"),
            .pass("A1A"),
            .pass("AA1"),
            .pass("11A"),
            .pass("A11"),
            .pass("1A1"),
            .fail("111", .requiresNonDigitCharacter, "*111*"),
        ]

    @Test(arguments: hasnondigitCases)
    func hasnondigit(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.hasnondigit.check)
    }

    static let hyphenCases: [LintCase] = [
        .pass("-"),
        .pass("--"),
        .fail("", .notHyphen, "**"),
        .fail("X", .notHyphen, "*X*"),
        .fail("XX", .notHyphen, "*XX*"),
    ]

    @Test(arguments: hyphenCases)
    func hyphen(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.hyphen.check)
    }

    static let pieceoftotalCases: [LintCase] = [
        .pass("11"),
        .pass("13"),
        .pass("23"),
        .pass("33"),
        .pass("33"),
        .pass("89"),
        .pass("99"),
        .pass("0101"),
        .pass("0103"),
        .pass("0203"),
        .pass("0303"),
        .pass("9899"),
        .pass("9999"),
        .pass("001001"),
        .pass("001003"),
        .pass("002003"),
        .pass("003003"),
        .pass("998999"),
        .pass("999999"),
        .fail("", .invalidLengthForPieceOfTotal, "**"),
        .fail("1", .invalidLengthForPieceOfTotal, "*1*"),
        .fail("111", .invalidLengthForPieceOfTotal, "*111*"),
        .fail("11111", .invalidLengthForPieceOfTotal, "*11111*"),
        .fail("1111111", .invalidLengthForPieceOfTotal, "*1111111*"),
        .fail("111111111", .invalidLengthForPieceOfTotal, "*111111111*"),
        .fail("x5555555", .nonDigitCharacter, "*x*5555555"),
        .fail("5x555555", .nonDigitCharacter, "5*x*555555"),
        .fail("55x55555", .nonDigitCharacter, "55*x*55555"),
        .fail("555x5555", .nonDigitCharacter, "555*x*5555"),
        .fail("5555x555", .nonDigitCharacter, "5555*x*555"),
        .fail("55555x55", .nonDigitCharacter, "55555*x*55"),
        .fail("555555x5", .nonDigitCharacter, "555555*x*5"),
        .fail("5555555x", .nonDigitCharacter, "5555555*x*"),
        .fail("01", .zeroPieceNumber, "*0*1"),
        .fail("00", .zeroPieceNumber, "*0*0"),
        .fail("10", .zeroTotalPieces, "1*0*"),
        .fail("0001", .zeroPieceNumber, "*00*01"),
        .fail("0000", .zeroPieceNumber, "*00*00"),
        .fail("0100", .zeroTotalPieces, "01*00*"),
        .fail("000001", .zeroPieceNumber, "*000*001"),
        .fail("000000", .zeroPieceNumber, "*000*000"),
        .fail("001000", .zeroTotalPieces, "001*000*"),
        .fail("21", .pieceNumberExceedsTotal, "*21*"),
        .fail("98", .pieceNumberExceedsTotal, "*98*"),
        .fail("0908", .pieceNumberExceedsTotal, "*0908*"),
        .fail("1009", .pieceNumberExceedsTotal, "*1009*"),
        .fail("1110", .pieceNumberExceedsTotal, "*1110*"),
        .fail("9998", .pieceNumberExceedsTotal, "*9998*"),
        .fail("002001", .pieceNumberExceedsTotal, "*002001*"),
        .fail("099098", .pieceNumberExceedsTotal, "*099098*"),
        .fail("100099", .pieceNumberExceedsTotal, "*100099*"),
        .fail("101100", .pieceNumberExceedsTotal, "*101100*"),
        .fail("999998", .pieceNumberExceedsTotal, "*999998*"),
    ]

    @Test(arguments: pieceoftotalCases)
    func pieceoftotal(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.pieceoftotal.check)
    }

    static let posinseqslashCases: [LintCase] = [
        .pass("1/1"),
        .pass("1/3"),
        .pass("2/3"),
        .pass("3/3"),
        .pass("8/9"),
        .pass("9/9"),
        .pass("9/10"),
        .pass("10/10"),
        .pass("1/100"),
        .pass("100/100"),
        .pass("98/99"),
        .pass("99/99"),
        .pass("998/999"),
        .pass("999/999"),
        .fail("", .positionInSequenceMalformed, "**"),
        .fail("/", .positionInSequenceMalformed, "*/*"),
        .fail("1", .positionInSequenceMalformed, "*1*"),
        .fail("x", .positionInSequenceMalformed, "*x*"),
        .fail("1/", .positionInSequenceMalformed, "*1/*"),
        .fail("x/", .positionInSequenceMalformed, "*x/*"),
        .fail("1//", .positionInSequenceMalformed, "*1//*"),
        .fail("/1", .positionInSequenceMalformed, "*/1*"),
        .fail("/x", .positionInSequenceMalformed, "*/x*"),
        .fail("//1", .positionInSequenceMalformed, "*//1*"),
        .fail("//", .positionInSequenceMalformed, "*//*"),
        .fail("1//2", .positionInSequenceMalformed, "*1//2*"),
        .fail("x/y", .positionInSequenceMalformed, "*x/y*"),
        .fail("x//y", .positionInSequenceMalformed, "*x//y*"),
        .fail("0/1", .illegalZeroPrefix, "*0*/1"),
        .fail("1/0", .illegalZeroPrefix, "1/*0*"),
        .fail("0/0", .illegalZeroPrefix, "*0*/0"),
        .fail("1/02", .illegalZeroPrefix, "1/*02*"),
        .fail("01/2", .illegalZeroPrefix, "*01*/2"),
        .fail("01/02", .illegalZeroPrefix, "*01*/02"),
        .fail("2/1", .positionExceedsEnd, "*2/1*"),
        .fail("9/8", .positionExceedsEnd, "*9/8*"),
        .fail("10/9", .positionExceedsEnd, "*10/9*"),
        .fail("11/10", .positionExceedsEnd, "*11/10*"),
        .fail("99/98", .positionExceedsEnd, "*99/98*"),
        .fail("100/99", .positionExceedsEnd, "*100/99*"),
        .fail("101/100", .positionExceedsEnd, "*101/100*"),
        .fail("999/998", .positionExceedsEnd, "*999/998*"),
    ]

    @Test(arguments: posinseqslashCases)
    func posinseqslash(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.posinseqslash.check)
    }

    static let latitudeCases: [LintCase] = [
        .pass("0279085848"),
        .pass("0000000000"),
        .pass("1800000000"),
        .fail("027908584", .latitudeInvalidLength, "*027908584*"),
        .fail("02790858481", .latitudeInvalidLength, "*02790858481*"),
        .fail("1800000001", .invalidLatitude, "*1800000001*"),
    ]

    @Test(arguments: latitudeCases)
    func latitude(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.latitude.check)
    }

    static let longitudeCases: [LintCase] = [
        .pass("3015297971"),
        .pass("0000000000"),
        .pass("3600000000"),
        .fail("301529797", .longitudeInvalidLength, "*301529797*"),
        .fail("30152979711", .longitudeInvalidLength, "*30152979711*"),
        .fail("3600000001", .invalidLongitude, "*3600000001*"),
    ]

    @Test(arguments: longitudeCases)
    func longitude(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.longitude.check)
    }

    static let pcencCases: [LintCase] = [
        .pass(""),
        .pass("A"),
        .pass("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHI"),
        .pass("%00"),
        .pass("%FF"),
        .pass("%Ff"),
        .pass("%fF"),
        .pass("%ff"),
        .fail("%fg", .invalidPercentSequence, "*%fg*"),
        .fail("%gf", .invalidPercentSequence, "*%gf*"),
        .fail("%g", .invalidPercentSequence, "*%g*"),
        .pass("%20"),
        .pass("ABC%20"),
        .pass("ABC%00"),
        .pass("ABC%FF"),
        .pass("ABC%ff"),
        .fail("ABC%fg", .invalidPercentSequence, "ABC*%fg*"),
        .fail("ABC%gf", .invalidPercentSequence, "ABC*%gf*"),
        .fail("ABC%g", .invalidPercentSequence, "ABC*%g*"),
        .pass("ABC%20XYZ"),
        .pass("ABC%00XYZ"),
        .pass("ABC%FFXYZ"),
        .pass("ABC%ffXYZ"),
        .fail("ABC%fgXYZ", .invalidPercentSequence, "ABC*%fg*XYZ"),
        .fail("ABC%gfXYZ", .invalidPercentSequence, "ABC*%gf*XYZ"),
        .fail("ABC%gXYZ", .invalidPercentSequence, "ABC*%gX*YZ"),
        .pass("ABCDEFGHIJKLMNOPQRSTUVWXYZ%00+12345"),
    ]

    @Test(arguments: pcencCases)
    func pcenc(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.pcenc.check)
    }

    /// Percent-encoding any bytes at all, the way a URI would carry them, always passes `pcenc`.
    @Test func pcencAcceptsAnythingPercentEncoded() async {
        await propertyCheck(input: Gen.uint8().array(of: 0...40)) { raw in
            var encoded: [UInt8] = []
            for byte in raw {
                let hex = Array("0123456789ABCDEF".utf8)
                encoded +=
                    byte == UInt8(ascii: "%") || byte > 0x7E
                    ? [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]] : [byte]
            }
            #expect(GS1Linter.pcenc.lint(encoded[...]) == nil)
        }
    }

    /// `position/end` passes exactly when 1 ≤ position ≤ end; `piece` then `total` at equal width likewise.
    @Test func positionsAndPiecesAgreeWithArithmetic() async {
        await propertyCheck(input: Gen.int(in: 1...1200), Gen.int(in: 1...1200)) { position, end in
            let sequence = Array("\(position)/\(end)".utf8)
            #expect((GS1Linter.posinseqslash.lint(sequence[...]) == nil) == (position <= end))
            let piece = String(10000 + position).dropFirst()
            let total = String(10000 + end).dropFirst()
            #expect((GS1Linter.pieceoftotal.lint(Array((piece + total).utf8)[...]) == nil) == (position <= end))
        }
    }

    @Test func messagesNameTheNumbers() {
        #expect(
            GS1Linter.pieceoftotal.lint(Array("0908".utf8)[...])?.message == "piece 09 is more than the total of 08")
        #expect(GS1Linter.posinseqslash.lint(Array("10/9".utf8)[...])?.message == "position 10 is after the end 9")
        #expect(
            GS1Linter.pcenc.lint(Array("ABC%gXYZ".utf8)[...])?.message
                == "%gX is not a valid %-escape; % must be followed by two hexadecimal digits")
    }
}
