import TallyCore
import Testing

@Suite struct MoneyTextTests {
    @Test(
        arguments: [
            ("12.34", "EUR", 1234), ("12.3", "EUR", 1230), ("12", "EUR", 1200), (".5", "EUR", 50), ("5.", "EUR", 500),
            ("-0.05", "EUR", -5), ("+1.00", "EUR", 100), (" 7.10 ", "EUR", 710), ("12.340", "EUR", 1234),
            ("0", "EUR", 0), ("-0", "EUR", 0), ("0007", "EUR", 700), ("1234", "JPY", 1234), ("-1234", "JPY", -1234),
            ("1234.000", "JPY", 1234), ("1.234", "KWD", 1234), ("1.2", "KWD", 1200), ("0.0001", "CLF", 1),
            ("92233720368547758.07", "EUR", Int64.max), ("-92233720368547758.08", "EUR", Int64.min),
        ] as [(String, String, Int64)])
    func parsesExactly(text: String, code: String, minorUnits: Int64) throws {
        let amount = try Money(parsing: text, currency: MoneyFixtures.currency(code))
        #expect(amount.minorUnits == minorUnits)
    }

    @Test(arguments: ["abc", "1,234.56", "1.2.3", "-", ".", "1e3", "--1", "+-1", "12 34", "١٢", "12.34€", "0x10"])
    func rejectsWhatIsNotAnAmount(text: String) throws {
        let eur = try MoneyFixtures.currency("EUR")
        #expect(throws: MoneyError.malformedAmount(text)) { try Money(parsing: text, currency: eur) }
    }

    @Test func rejectsEmptyText() throws {
        let eur = try MoneyFixtures.currency("EUR")
        #expect(throws: MoneyError.emptyAmount) { try Money(parsing: "", currency: eur) }
        #expect(throws: MoneyError.emptyAmount) { try Money(parsing: "   ", currency: eur) }
    }

    @Test func tooManyDecimalsNeedARoundingRule() throws {
        let eur = try MoneyFixtures.currency("EUR")
        let yen = try MoneyFixtures.currency("JPY")
        let dinar = try MoneyFixtures.currency("KWD")
        #expect(throws: MoneyError.tooManyDecimalPlaces("12.345", eur)) { try Money(parsing: "12.345", currency: eur) }
        #expect(throws: MoneyError.tooManyDecimalPlaces("12.5", yen)) { try Money(parsing: "12.5", currency: yen) }
        #expect(throws: MoneyError.tooManyDecimalPlaces("1.2345", dinar)) {
            try Money(parsing: "1.2345", currency: dinar)
        }
        #expect(MoneyError.tooManyDecimalPlaces("12.345", eur).description.contains("(2 decimal places)"))
        #expect(MoneyError.tooManyDecimalPlaces("12.5", yen).description.contains("(no decimal places)"))
    }

    @Test(
        arguments: [
            ("12.345", RoundingRule.halfAwayFromZero, 1235), ("12.345", .halfToEven, 1234),
            ("12.355", .halfToEven, 1236),
            ("12.345", .halfTowardZero, 1234), ("-12.345", .halfAwayFromZero, -1235), ("-12.345", .halfToEven, -1234),
            ("12.3450001", .halfToEven, 1235), ("12.3449999", .halfAwayFromZero, 1234), ("12.349", .towardZero, 1234),
            ("12.341", .awayFromZero, 1235), ("-12.341", .awayFromZero, -1235), ("12.340000", .awayFromZero, 1234),
            ("0.005", .halfAwayFromZero, 1), ("0.004999", .halfAwayFromZero, 0),
        ] as [(String, RoundingRule, Int64)])
    func roundsExtraDecimalsWhenAsked(text: String, rule: RoundingRule, minorUnits: Int64) throws {
        let amount = try Money(parsing: text, currency: MoneyFixtures.currency("EUR"), rounding: rule)
        #expect(amount.minorUnits == minorUnits)
    }

    @Test func rejectsAmountsBeyondInt64() throws {
        let eur = try MoneyFixtures.currency("EUR")
        for text in ["92233720368547758.08", "-92233720368547758.09", "99999999999999999999999"] {
            #expect(throws: MoneyError.amountTooLarge(text, eur)) { try Money(parsing: text, currency: eur) }
        }
        #expect(throws: MoneyError.amountTooLarge("92233720368547758.075", eur)) {
            try Money(parsing: "92233720368547758.075", currency: eur, rounding: .halfAwayFromZero)
        }
    }

    @Test func commaSeparator() throws {
        let eur = try MoneyFixtures.currency("EUR")
        #expect(try Money(parsing: "12,34", currency: eur, separator: .comma).minorUnits == 1234)
        #expect(throws: MoneyError.malformedAmount("12.34")) {
            try Money(parsing: "12.34", currency: eur, separator: .comma)
        }
        #expect(try Money(minorUnits: -5, currency: eur).decimalString(separator: .comma) == "-0,05")
    }

    @Test(
        arguments: [
            (1234, "EUR", "12.34"), (5, "EUR", "0.05"), (-5, "EUR", "-0.05"), (0, "EUR", "0.00"), (100, "EUR", "1.00"),
            (1234, "JPY", "1234"), (-7, "JPY", "-7"), (1234, "KWD", "1.234"), (1, "KWD", "0.001"), (1, "CLF", "0.0001"),
            (Int64.min, "EUR", "-92233720368547758.08"), (Int64.max, "JPY", "9223372036854775807"),
        ] as [(Int64, String, String)])
    func formatsWithTheCurrencysPlaces(minorUnits: Int64, code: String, text: String) throws {
        let amount = Money(minorUnits: minorUnits, currency: try MoneyFixtures.currency(code))
        #expect(try amount.decimalString() == text)
        #expect(amount.description == "\(text) \(code)")
    }

    @Test func codesWithoutMinorUnitCannotBeParsedOrFormatted() throws {
        let gold = try MoneyFixtures.currency("XAU")
        #expect(throws: MoneyError.noMinorUnit(gold)) { try Money(parsing: "1", currency: gold) }
        #expect(throws: MoneyError.noMinorUnit(gold)) { try Money(minorUnits: 1, currency: gold).decimalString() }
        #expect(Money(minorUnits: 7, currency: gold).description == "7 units of XAU")
    }
}

@Suite struct MoneyErrorMessageTests {
    @Test func everyMessageIsASentenceForTheClerk() throws {
        let eur = try MoneyFixtures.currency("EUR")
        let errors: [MoneyError] = [
            .currencyMismatch(eur, try MoneyFixtures.currency("USD")), .overflow, .zeroDenominator,
            .noMinorUnit(try MoneyFixtures.currency("XXX")), .emptyAmount, .malformedAmount("1,2,3"),
            .tooManyDecimalPlaces("1.234", eur), .amountTooLarge("1e99", eur), .malformedQuantity("kg"),
            .malformedTaxRate("19%"), .noAllocationWeights, .allocationWeightsSumToZero,
            .invalidCashIncrement(.zero(eur)), .inconsistentRounding,
        ]
        for error in errors {
            #expect(error.description.first?.isUppercase == true || error.description.first == "“")
            #expect(error.description.hasSuffix("."))
        }
        #expect(
            MoneyError.tooManyDecimalPlaces("1.2345", try MoneyFixtures.currency("KWD")).description
                .contains("(3 decimal places)"))
    }
}
