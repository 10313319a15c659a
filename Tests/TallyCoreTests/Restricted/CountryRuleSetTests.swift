import TallyCore
import Testing

/// One code and what it must decode to under a country's shipped rule set.
struct CountryVector: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        case price(minorUnits: Int64, currency: String)
        case grams(Int64)
        case count(Int)
    }

    let code: String
    let itemReference: String
    let lookupGTIN: String
    let expected: Expected
    /// Where the code comes from.
    let source: String

    var testDescription: String { "\(code) (\(source))" }

    init(_ code: String, item: String, lookup: String, _ expected: Expected, _ source: String) {
        self.code = code
        itemReference = item
        lookupGTIN = lookup
        self.expected = expected
        self.source = source
    }

    func check(under ruleSet: RestrictedCirculationRuleSet) throws {
        let reading = try ruleSet.decode(code).get()
        guard case .variableMeasure(let item) = reading else {
            Issue.record("\(code) read as \(reading), not as a variable-measure item")
            return
        }
        #expect(item.code == code)
        #expect(item.itemReference == itemReference)
        #expect(item.lookupGTIN == lookupGTIN)
        switch expected {
        case .price(let minorUnits, let currency):
            #expect(
                item.value == .price(Money(minorUnits: minorUnits, currency: try #require(Currency(code: currency)))))
        case .grams(let grams):
            guard case .weight(let weight) = item.value else {
                Issue.record("\(code) carries \(item.value), not a weight")
                return
            }
            #expect(weight.wholeGrams == grams)
        case .count(let count):
            #expect(item.value == .count(count))
        }
    }
}

@Suite struct CountryRuleSetTests {
    /// jodal/biip tests/rcn/test_rules.py, built from GS1 Germany's "Globale Artikelnummer GTIN in der
    /// Anwendung" layout; the rest are worked examples of the same layout.
    static let germanVectors: [CountryVector] = [
        CountryVector(
            "2211114002394", item: "1111", lookup: "2211110000004", .price(minorUnits: 239, currency: "EUR"),
            "biip, GS1 Germany layout"),
        CountryVector(
            "2330714002396", item: "3071", lookup: "2330710000006", .price(minorUnits: 239, currency: "EUR"),
            "biip, GS1 Germany layout"),
        CountryVector("2511119000129", item: "1111", lookup: "2511110000005", .count(12), "biip, GS1 Germany layout"),
        CountryVector("2630719000121", item: "3071", lookup: "2630710000007", .count(12), "biip, GS1 Germany layout"),
        CountryVector("2811111068708", item: "1111", lookup: "2811110000006", .grams(6870), "biip, GS1 Germany"),
        CountryVector("2930711068700", item: "3071", lookup: "2930710000008", .grams(6870), "biip, GS1 Germany"),
        CountryVector(
            "2247111012340", item: "4711", lookup: "2247110000003", .price(minorUnits: 1234, currency: "EUR"),
            "worked example: 12.34 EUR"),
        CountryVector(
            "2308157129956", item: "0815", lookup: "2308150000009",
            .price(minorUnits: 12995, currency: "EUR"), "worked example: 129.95 EUR"),
        CountryVector("2512342000061", item: "1234", lookup: "2512340000001", .count(6), "worked example: 6 pieces"),
        CountryVector("2833449007501", item: "3344", lookup: "2833440000006", .grams(750), "worked example: 0.750 kg"),
        CountryVector(
            "2900018123457", item: "0001", lookup: "2900010000008", .grams(12345),
            "worked example: 12.345 kg"),
    ]

    /// GS1 UK, "How to barcode variable measure items": 20XXX RR V PPPP C. The first is jodal/biip's example of
    /// that layout; the others are worked examples, one for each branded prefix.
    static let britishVectors: [CountryVector] = [
        CountryVector(
            "2011122912346", item: "11122", lookup: "2011122000005",
            .price(minorUnits: 1234, currency: "GBP"), "biip, GS1 UK layout"),
        CountryVector(
            "2012345105997", item: "12345", lookup: "2012345000001", .price(minorUnits: 599, currency: "GBP"),
            "worked example: £5.99"),
        CountryVector(
            "2898765928756", item: "98765", lookup: "2898765000001",
            .price(minorUnits: 2875, currency: "GBP"), "worked example: £28.75, GS1 §7.9.3 price"),
    ]

    /// Not confirmed from a GS1 France document: OCA/pos pos_price_to_weight's example "0212345{NNNDD}x",
    /// 2.65 € and 8.10 €.
    static let frenchVectors: [CountryVector] = [
        CountryVector(
            "0212345002650", item: "12345", lookup: "0212345000007", .price(minorUnits: 265, currency: "EUR"),
            "OCA/pos pos_price_to_weight example"),
        CountryVector(
            "0212345008102", item: "12345", lookup: "0212345000007", .price(minorUnits: 810, currency: "EUR"),
            "OCA/pos pos_price_to_weight example"),
    ]

    /// Not confirmed from a GS1 Nederland document; worked examples of the shipped layout.
    static let dutchVectors: [CountryVector] = [
        CountryVector(
            "2354321703491", item: "54321", lookup: "2354321000002", .price(minorUnits: 349, currency: "EUR"),
            "worked example: 3.49 EUR"),
        CountryVector(
            "2300042912346", item: "00042", lookup: "2300042000005",
            .price(minorUnits: 1234, currency: "EUR"), "worked example: 12.34 EUR"),
    ]

    /// GS1 Sweden, "A good example" (Meat and Game Ltd, variable weight prefix 2X8806), then jodal/biip's examples
    /// of GS1 Sweden's layouts, then worked examples.
    static let swedishVectors: [CountryVector] = [
        CountryVector(
            "2388060103489", item: "880601", lookup: "2388060100006", .grams(348),
            "GS1 Sweden: sliced steak, 0.348 kg"),
        CountryVector(
            "2388060202977", item: "880602", lookup: "2388060200003", .grams(297),
            "GS1 Sweden: minute steak, 0.297 kg"),
        CountryVector(
            "2388060310856", item: "880603", lookup: "2388060300000", .grams(1085),
            "GS1 Sweden: roast beef, 1.085 kg"),
        CountryVector(
            "2088060112343", item: "880601", lookup: "2088060100005",
            .price(minorUnits: 1234, currency: "SEK"), "biip, GS1 Sweden layout: 12.34 kr"),
        CountryVector(
            "2188060112340", item: "880601", lookup: "2188060100002",
            .price(minorUnits: 12340, currency: "SEK"), "biip, GS1 Sweden layout: 123.4 kr"),
        CountryVector(
            "2288060112347", item: "880601", lookup: "2288060100009",
            .price(minorUnits: 123400, currency: "SEK"), "biip, GS1 Sweden layout: 1234 kr"),
        CountryVector(
            "2488060112341", item: "880601", lookup: "2488060100003", .grams(12340),
            "biip, GS1 Sweden layout: 12.34 kg"),
        CountryVector(
            "2588060112348", item: "880601", lookup: "2588060100000", .grams(123400),
            "biip, GS1 Sweden layout: 123.4 kg"),
        CountryVector(
            "2012345609952", item: "123456", lookup: "2012345600003", .price(minorUnits: 995, currency: "SEK"),
            "worked example: 9.95 kr"),
        CountryVector(
            "2412345601503", item: "123456", lookup: "2412345600001", .grams(1500),
            "worked example: 1.50 kg"),
        CountryVector(
            "2512345600251", item: "123456", lookup: "2512345600008", .grams(2500),
            "worked example: 2.5 kg"),
    ]

    /// Not confirmed from a GS1 Norway document. The first two are Norwegian retail products recorded in
    /// jodal/biip tests/rcn/test_rules.py (Norvegia 1 kg, Stange kyllingbryst).
    static let norwegianVectors: [CountryVector] = [
        CountryVector("2302148210869", item: "021482", lookup: "2302148200006", .grams(1086), "biip: Norvegia"),
        CountryVector(
            "2368091402263", item: "680914", lookup: "2368091400009", .grams(226),
            "biip: Stange kyllingbryst"),
        CountryVector(
            "2112345612348", item: "123456", lookup: "2112345600000",
            .price(minorUnits: 12340, currency: "NOK"), "worked example: 123.4 kr"),
        CountryVector(
            "2212345600427", item: "123456", lookup: "2212345600007", .price(minorUnits: 4200, currency: "NOK"),
            "worked example: 42 kr"),
    ]

    /// UPC-A number system 2 with a 4-digit price and price verifier digit. The first is ankane/barkick's README
    /// example 299265108631 ($8.63, base GTIN 00299265000003).
    static let americanFourDigitPriceVectors: [CountryVector] = [
        CountryVector(
            "0299265108631", item: "99265", lookup: "0299265000003", .price(minorUnits: 863, currency: "USD"),
            "barkick README"),
        CountryVector(
            "0212345108635", item: "12345", lookup: "0212345000007", .price(minorUnits: 863, currency: "USD"),
            "worked example: $8.63"),
        CountryVector(
            "0240111928750", item: "40111", lookup: "0240111000005",
            .price(minorUnits: 2875, currency: "USD"), "worked example: $28.75"),
    ]

    /// UPC-A number system 2 with a 5-digit price and no price verifier digit; worked examples.
    static let americanFiveDigitPriceVectors: [CountryVector] = [
        CountryVector(
            "0240111129959", item: "40111", lookup: "0240111000005",
            .price(minorUnits: 12995, currency: "USD"), "worked example: $129.95"),
        CountryVector(
            "0299265008634", item: "99265", lookup: "0299265000003", .price(minorUnits: 863, currency: "USD"),
            "worked example: $8.63"),
    ]

    @Test(arguments: germanVectors) func germany(_ vector: CountryVector) throws {
        try vector.check(under: try #require(RestrictedCirculationRuleSet.forCountry("DE")))
    }

    @Test(arguments: britishVectors) func unitedKingdom(_ vector: CountryVector) throws {
        try vector.check(under: try #require(RestrictedCirculationRuleSet.forCountry("GB")))
    }

    @Test(arguments: frenchVectors) func france(_ vector: CountryVector) throws {
        try vector.check(under: try #require(RestrictedCirculationRuleSet.forCountry("FR")))
    }

    @Test(arguments: dutchVectors) func netherlands(_ vector: CountryVector) throws {
        try vector.check(under: try #require(RestrictedCirculationRuleSet.forCountry("NL")))
    }

    @Test(arguments: swedishVectors) func sweden(_ vector: CountryVector) throws {
        try vector.check(under: try #require(RestrictedCirculationRuleSet.forCountry("SE")))
    }

    @Test(arguments: norwegianVectors) func norway(_ vector: CountryVector) throws {
        try vector.check(under: try #require(RestrictedCirculationRuleSet.forCountry("NO")))
    }

    @Test(arguments: americanFourDigitPriceVectors) func unitedStatesFourDigitPrice(_ vector: CountryVector) throws {
        try vector.check(under: try #require(RestrictedCirculationRuleSet.forCountry("US", variant: "4-digit-price")))
    }

    @Test(arguments: americanFiveDigitPriceVectors) func unitedStatesFiveDigitPrice(_ vector: CountryVector) throws {
        try vector.check(under: try #require(RestrictedCirculationRuleSet.forCountry("US", variant: "5-digit-price")))
    }

    @Test func everyShippedDefinitionBuilds() {
        let expected: [(String, String?, [String])] = [
            ("DE", nil, ["22", "23", "25", "26", "28", "29"]),
            ("GB", nil, ["20", "28"]),
            ("FR", nil, ["02"]),
            ("NL", nil, ["23"]),
            ("SE", nil, ["20", "21", "22", "23", "24", "25"]),
            ("NO", nil, ["20", "21", "22", "23", "24", "25"]),
            ("US", "4-digit-price", ["02"]),
            ("US", "5-digit-price", ["02"]),
        ]
        let shipped = RestrictedCirculationRuleSet.shipped
        #expect(shipped.map(\.countryCode) == expected.map(\.0))
        #expect(shipped.map(\.variant) == expected.map(\.1))
        #expect(shipped.map { $0.layouts.map { String($0.pattern.prefix(2)) } } == expected.map(\.2))
    }

    @Test(arguments: ["de", "De", "DE", "gb", "fr", "nl", "se", "no", "us"])
    func findsShippedSetsInAnyCase(_ code: String) throws {
        let ruleSet = try #require(RestrictedCirculationRuleSet.forCountry(code))
        #expect(ruleSet.countryCode == code.uppercased())
    }

    @Test(arguments: ["XX", "DK", "", "D", "DEU", "UK"])
    func unknownCountryHasNoRuleSet(_ code: String) {
        #expect(RestrictedCirculationRuleSet.forCountry(code) == nil)
    }

    @Test func unitedStatesDefaultsToTheLayoutWithPriceCheckDigit() throws {
        let ruleSet = try #require(RestrictedCirculationRuleSet.forCountry("us"))
        #expect(ruleSet.variant == "4-digit-price")
        #expect(RestrictedCirculationRuleSet.forCountry("US", variant: "5-DIGIT-PRICE")?.variant == "5-digit-price")
        #expect(RestrictedCirculationRuleSet.forCountry("US", variant: "6-digit-price") == nil)
        #expect(RestrictedCirculationRuleSet.forCountry("DE", variant: "4-digit-price") == nil)
    }

    /// A 5-digit-price code read with the 4-digit layout fails its price check instead of being misread,
    /// unless the digit in the verifier position happens to be right (one time in ten).
    @Test func fiveDigitPriceCodeIsNotMisreadByDefaultUnitedStatesSet() throws {
        let ruleSet = try #require(RestrictedCirculationRuleSet.forCountry("US"))
        let result = ruleSet.decode("0240111129959")
        guard case .failure(.wrongPriceCheckDigit(let mismatch)) = result else {
            Issue.record("expected a price check failure, got \(result)")
            return
        }
        #expect(mismatch.description == "price check digit is wrong: the price 29.95 should have check digit 3")
    }
}
