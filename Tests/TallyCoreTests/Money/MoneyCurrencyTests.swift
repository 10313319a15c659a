import TallyCore
import Testing

@Suite struct MoneyCurrencyTests {
    @Test func tableHoldsEveryActiveCodeOnce() {
        let all = Currency.allCases
        #expect(all.count == 178)
        #expect(Set(all.map(\.code)).count == all.count)
        #expect(Set(all.map(\.numericCode)).count == all.count)
        #expect(all.map(\.code) == all.map(\.code).sorted())
        for currency in all {
            #expect(currency.code.utf8.count == 3)
            #expect(currency.code.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
            #expect((1...999).contains(currency.numericCode))
            #expect(!currency.name.isEmpty && currency.name.first != " " && currency.name.last != " ")
        }
    }

    @Test func everyCurrencyIsFoundByBothCodes() {
        for currency in Currency.allCases {
            #expect(Currency(code: currency.code) == currency)
            #expect(Currency(numericCode: currency.numericCode) == currency)
        }
    }

    /// The numeric codes of GS1's ISO 4217 linter (gs1/gs1-syntax-engine), less BGN, withdrawn on 2026-01-01.
    @Test func numericCodesMatchTheGS1List() {
        let ranges: [ClosedRange<Int>] = [
            8...8, 12...12, 32...32, 36...36, 44...44, 48...48, 50...52, 60...60, 64...64, 68...68, 72...72,
            84...84, 90...90, 96...96, 104...104, 108...108, 116...116, 124...124, 132...132, 136...136,
            144...144, 152...152, 156...156, 170...170, 174...174, 188...188, 192...192, 203...203, 208...208,
            214...214, 222...222, 230...230, 232...232, 238...238, 242...242, 262...262, 270...270, 292...292,
            320...320, 324...324, 328...328, 332...332, 340...340, 344...344, 348...348, 352...352, 356...356,
            360...360, 364...364, 368...368, 376...376, 388...388, 392...392, 396...396, 398...398, 400...400,
            404...404, 408...408, 410...410, 414...414, 417...418, 422...422, 426...426, 430...430, 434...434,
            446...446, 454...454, 458...458, 462...462, 480...480, 484...484, 496...496, 498...498, 504...504,
            512...512, 516...516, 524...524, 532...533, 548...548, 554...554, 558...558, 566...566, 578...578,
            586...586, 590...590, 598...598, 600...600, 604...604, 608...608, 634...634, 643...643, 646...646,
            654...654, 682...682, 690...690, 702...702, 704...704, 706...706, 710...710, 728...728, 748...748,
            752...752, 756...756, 760...760, 764...764, 776...776, 780...780, 784...784, 788...788, 800...800,
            807...807, 818...818, 826...826, 834...834, 840...840, 858...858, 860...860, 882...882, 886...886,
            901...901, 924...930, 933...934, 936...936, 938...938, 940...941, 943...944, 946...953, 955...965,
            967...973, 976...981, 984...986, 990...990, 994...994, 997...997, 999...999,
        ]
        let expected = Set(ranges.flatMap { $0 })
        #expect(Set(Currency.allCases.map(\.numericCode)) == expected)
    }

    @Test(arguments: [
        ("EUR", 978, 2), ("USD", 840, 2), ("GBP", 826, 2), ("JPY", 392, 0), ("KWD", 414, 3), ("BHD", 48, 3),
        ("CLF", 990, 4), ("UYW", 927, 4), ("ISK", 352, 0), ("XCG", 532, 2), ("ZWG", 924, 2), ("XAD", 396, 2),
        ("SLE", 925, 2), ("VED", 926, 2), ("ALL", 8, 2), ("XOF", 952, 0), ("CHF", 756, 2), ("SEK", 752, 2),
    ])
    func knownCurrencies(code: String, numeric: Int, exponent: Int) throws {
        let currency = try #require(Currency(code: code))
        #expect(currency.numericCode == numeric)
        #expect(currency.minorUnitExponent == exponent)
        #expect(currency.minorUnit == .decimalPlaces(exponent))
        #expect(currency.hasMinorUnit)
        #expect(Currency(numericCode: numeric) == currency)
        #expect(currency.description == code)
    }

    @Test(arguments: ["XAU", "XAG", "XPT", "XPD", "XDR", "XBA", "XBB", "XBC", "XBD", "XSU", "XTS", "XUA", "XXX"])
    func codesWithoutMinorUnit(code: String) throws {
        let currency = try #require(Currency(code: code))
        #expect(currency.minorUnit == .notApplicable)
        #expect(!currency.hasMinorUnit)
        #expect(currency.minorUnitExponent == 0)
    }

    @Test func fundCodes() {
        let funds = Set(Currency.allCases.filter(\.isFund).map(\.code))
        #expect(funds == ["BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW"])
    }

    @Test(arguments: ["HRK", "BGN", "ANG", "CUC", "SLL", "ZWL", "DEM", "VEF"])
    func withdrawnCodesAreNotFound(code: String) {
        #expect(Currency(code: code) == nil)
    }

    @Test(arguments: [191, 975, 931, 694, 932, 276, 0, -1, 1000, 1_000_000, Int.max, Int.min])
    func unknownNumericCodes(numeric: Int) {
        #expect(Currency(numericCode: numeric) == nil)
    }

    @Test(arguments: ["eur", "Eur", "EURO", "EU", "", " EUR", "EUR ", "E1R", "ÉUR", "€"])
    func codesAreExactUpperCase(text: String) {
        #expect(Currency(code: text) == nil)
    }

    @Test func substringsAreAccepted() {
        let line = "price:EUR;"
        let code = line.dropFirst(6).prefix(3)
        #expect(Currency(code: code)?.numericCode == 978)
    }

    @Test func namesFollowISO4217() throws {
        #expect(try MoneyFixtures.currency("GBP").name == "Pound Sterling")
        #expect(try MoneyFixtures.currency("XCG").name == "Caribbean Guilder")
        #expect(try MoneyFixtures.currency("KMF").name == "Comorian Franc")
    }
}
