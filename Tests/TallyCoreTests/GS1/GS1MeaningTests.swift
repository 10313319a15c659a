import Testing

@testable import TallyCore

@Suite struct GS1MeaningTests {
    @Test(arguments: [
        ("17", "261231", 2026, "2026-12-31", 31),
        ("17", "261200", 2026, "2026-12", 31),
        ("15", "240200", 2026, "2024-02", 29),
        ("15", "250200", 2026, "2025-02", 28),
        ("11", "990101", 2026, "1999-01-01", 1),  // more than 50 years ahead goes back a century
        ("17", "760101", 2026, "2076-01-01", 1),  // up to 50 years ahead stays in this century
        ("17", "770101", 2026, "1977-01-01", 1),
        ("11", "010101", 2080, "2101-01-01", 1),  // 50 or more years back goes forward a century
        ("7003", "2612311530", 2026, "2026-12-31", 31),
    ])
    func datesFollowTheCenturyRuleAndDayZero(ai: String, value: String, year: Int, date: String, lastDay: Int) throws {
        let element = try GS1Element(ai: ai, value: value)
        let parsed = try #require(element.date(referenceYear: year))
        #expect(parsed.description == date)
        #expect(parsed.lastDay == lastDay)
    }

    @Test func decimalsUnitsAndWeights() throws {
        let kilos = try GS1Element(ai: "3103", value: "001750")
        #expect(kilos.decimalText == "1.750")
        #expect(kilos.measureUnit == "kg")
        #expect(kilos.netWeightGrams == 1750)
        #expect(try GS1Element(ai: "3102", value: "001750").netWeightGrams == 17500)
        #expect(try GS1Element(ai: "3100", value: "000012").netWeightGrams == 12000)
        #expect(
            try GS1Element(ai: "3105", value: "123456").netWeightGrams == nil, "a hundredth of a gram is never rounded")
        #expect(try GS1Element(ai: "3105", value: "123400").netWeightGrams == 1234)
        #expect(try GS1Element(ai: "3202", value: "000150").netWeightGrams == nil, "pounds are not grams")
        #expect(try GS1Element(ai: "3202", value: "000150").measureUnit == "lb")
        #expect(try GS1Element(ai: "3202", value: "000150").decimalText == "1.50")
        #expect(try GS1Element(ai: "3150", value: "000002").decimalText == "2")
        #expect(try GS1Element(ai: "10", value: "ABC").decimalText == nil)
    }

    @Test func prices() throws {
        let euro = try #require(Currency(code: "EUR"))
        let yen = try #require(Currency(code: "JPY"))
        #expect(
            try GS1Element(ai: "3922", value: "299").price(localCurrency: euro)
                == Money(minorUnits: 299, currency: euro))
        #expect(try GS1Element(ai: "3922", value: "299").price(localCurrency: nil) == nil)
        #expect(
            try GS1Element(ai: "3920", value: "12").price(localCurrency: euro)
                == Money(minorUnits: 1200, currency: euro))
        let inEuro = try GS1Element(ai: "3932", value: "978129")
        #expect(inEuro.currency == euro)
        #expect(inEuro.price(localCurrency: yen) == Money(minorUnits: 129, currency: euro))
        #expect(try GS1Element(ai: "3931", value: "3921234").price(localCurrency: nil) == nil, "0.4 yen cannot be paid")
        #expect(
            try GS1Element(ai: "3931", value: "3921230").price(localCurrency: nil)
                == Money(minorUnits: 123, currency: yen))
        #expect(try GS1Element(ai: "3932", value: "978999999999999999").price(localCurrency: nil) != nil)
    }

    @Test func scanInterpretationCarriesPriceAndWeight() throws {
        let euro = try #require(Currency(code: "EUR"))
        let interpreter = ScanInterpreter(localCurrency: euro, referenceYear: 2026)
        let reading = interpreter.interpret(Array("]e0019001234567890831020017503922299".utf8))
        #expect(reading.weightGrams == 17500)
        #expect(reading.price(localCurrency: euro) == Money(minorUnits: 299, currency: euro))
        #expect(reading.gtin?.gtin14 == "90012345678908")
        let json = reading.jsonLine(localCurrency: euro, referenceYear: 2026)
        #expect(json.contains(#""price": {"minor": 299, "currency": "EUR"}"#))
        #expect(json.contains(#""weight_grams": 17500"#))
        #expect(
            json.contains(
                #"{"ai": "3102", "value": "001750", "title": "NET WEIGHT (kg)", "decimal": "17.50", "unit": "kg"}"#))
    }
}
