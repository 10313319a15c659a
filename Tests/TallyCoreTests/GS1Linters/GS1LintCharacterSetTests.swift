import Testing

@testable import TallyCore

/// Vectors from gs1-syntax-engine lint_csetnumeric.c, lint_cset82.c, lint_cset39.c and lint_cset64.c.
@Suite struct GS1LintCharacterSetTests {
    static let cset82Characters = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
    static let cset39Characters = "#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    static let cset64Characters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

    @Test func namesAreTheDictionaryLetters() {
        #expect(GS1CharacterSet(rawValue: "N") == .numeric)
        #expect(GS1CharacterSet(rawValue: "X") == .cset82)
        #expect(GS1CharacterSet(rawValue: "Y") == .cset39)
        #expect(GS1CharacterSet(rawValue: "Z") == .cset64)
    }

    static let numericCases: [LintCase] = [
        .pass(""),
        .pass("0"),
        .pass("9"),
        .pass("00"),
        .pass("09"),
        .pass("90"),
        .pass("99"),
        .pass("0123456789"),
        .fail("/", .nonDigitCharacter, "*/*"),
        .fail(":", .nonDigitCharacter, "*:*"),
        .fail("a0", .nonDigitCharacter, "*a*0"),
        .fail("0a", .nonDigitCharacter, "0*a*"),
    ]

    @Test(arguments: numericCases + everyByte(allowed: "0123456789", otherwise: .nonDigitCharacter))
    func numeric(_ testCase: LintCase) {
        expectLint(testCase, with: GS1CharacterSet.numeric.check)
    }

    static let cset82Cases: [LintCase] = [
        .pass(""),
        .pass("!\"%&'()*+,-/012345"),
        .pass("6789:;<=>?ABCDEFGHIJ"),
        .pass("KLMNOPQRSTUVWXYZ_abc"),
        .pass("defghijklmnopqrstuvw"),
        .pass("xyz"),
        .fail("ABC ", .invalidCSET82Character, "ABC* *"),
        .fail("AB C", .invalidCSET82Character, "AB* *C"),
        .fail(" ABC", .invalidCSET82Character, "* *ABC"),
    ]

    @Test(arguments: cset82Cases + everyByte(allowed: cset82Characters, otherwise: .invalidCSET82Character))
    func cset82(_ testCase: LintCase) {
        expectLint(testCase, with: GS1CharacterSet.cset82.check)
    }

    static let cset39Cases: [LintCase] = [
        .pass(""),
        .pass("#-/0123456789ABCDEFG"),
        .pass("HIJKLMNOPQRSTUVWXYZ"),
        .fail("ABC_", .invalidCSET39Character, "ABC*_*"),
        .fail("AB_C", .invalidCSET39Character, "AB*_*C"),
        .fail("_ABC", .invalidCSET39Character, "*_*ABC"),
    ]

    @Test(arguments: cset39Cases + everyByte(allowed: cset39Characters, otherwise: .invalidCSET39Character))
    func cset39(_ testCase: LintCase) {
        expectLint(testCase, with: GS1CharacterSet.cset39.check)
    }

    static let cset64Cases: [LintCase] = [
        .pass(""),
        .pass("1"),
        .pass("12"),
        .pass("123"),
        .pass("12="),
        .pass("1=="),
        .fail("===", .invalidCSET64Padding, "*===*"),
        .fail("123=", .invalidCSET64Padding, "123*=*"),
        .fail("12==", .invalidCSET64Padding, "12*==*"),
        .fail("1===", .invalidCSET64Padding, "1*===*"),
        .fail("1234=", .invalidCSET64Padding, "1234*=*"),
        .fail("123==", .invalidCSET64Padding, "123*==*"),
        .fail("12===", .invalidCSET64Padding, "12*===*"),
        .fail("12====", .invalidCSET64Padding, "12*====*"),
        .fail("12=====", .invalidCSET64Padding, "12*=====*"),
        .fail("12======", .invalidCSET64Padding, "12*======*"),
        .fail("=23", .invalidCSET64Character, "*=*23"),
        .fail("1=3", .invalidCSET64Character, "1*=*3"),
        .fail("=234", .invalidCSET64Character, "*=*234"),
        .fail("1=34", .invalidCSET64Character, "1*=*34"),
        .fail("12=4", .invalidCSET64Character, "12*=*4"),
        .pass(""),
        .pass("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        .pass("abcdefghijklmnopqrstuvwxyz"),
        .pass("0123456789-_"),
        .fail("ABC ", .invalidCSET64Character, "ABC* *"),
        .fail("AB C", .invalidCSET64Character, "AB* *C"),
        .fail(" ABC", .invalidCSET64Character, "* *ABC"),
    ]

    /// Byte by byte, except that a lone "=" is padding in the wrong place rather than a foreign character.
    static let cset64Bytes: [LintCase] = everyByte(allowed: cset64Characters, otherwise: .invalidCSET64Character).map {
        $0.input == Array("=".utf8) ? .fail("=", .invalidCSET64Padding, "*=*") : $0
    }

    @Test(arguments: cset64Cases + cset64Bytes)
    func cset64(_ testCase: LintCase) {
        expectLint(testCase, with: GS1CharacterSet.cset64.check)
    }

    @Test func failureQuotesTheCharacter() {
        let failure = GS1CharacterSet.cset82.lint(Array("AB C".utf8)[...])
        #expect(failure?.message == "a space cannot be used here; use letters, digits or one of !\"%&'()*+,-./:;<=>?_")
        #expect(GS1CharacterSet.numeric.lint(Array("12x".utf8)[...])?.message == "\"x\" is not a digit")
        #expect(GS1CharacterSet.cset39.lint([0x01][...])?.message.hasPrefix("the byte 0x01 cannot be used") == true)
    }
}
