import TallyCore
import Testing

@Suite struct MoneyTaxRateTests {
    @Test(
        arguments: [
            ("19", 190_000), ("7", 70_000), ("5.5", 55_000), ("2.1", 21_000), ("8.875", 88_750), ("25", 250_000),
            ("0", 0), ("9.975", 99_750), ("1000", 10_000_000), ("0.0001", 1), ("16.0", 160_000),
        ] as [(String, Int64)])
    func parsesPercentages(text: String, partsPerMillion: Int64) throws {
        #expect(try TaxRate(parsingPercent: text).partsPerMillion == partsPerMillion)
    }

    @Test(arguments: ["-1", "1000.0001", "8.87501", "abc", "", "19%", "1e2"])
    func rejectsWhatIsNotARate(text: String) {
        #expect(throws: MoneyError.malformedTaxRate(text)) { try TaxRate(parsingPercent: text) }
    }

    @Test func otherConstructors() throws {
        #expect(TaxRate(percent: 19)?.partsPerMillion == 190_000)
        #expect(TaxRate(percent: -1) == nil)
        #expect(TaxRate(percent: 1001) == nil)
        #expect(TaxRate(partsPerMillion: -1) == nil)
        #expect(TaxRate(partsPerMillion: TaxRate.maximumPartsPerMillion + 1) == nil)
        #expect(try TaxRate(parsingPercent: "2,1", separator: .comma) == TaxRate(partsPerMillion: 21_000))
        #expect(TaxRate.zero.partsPerMillion == 0)
        #expect(try MoneyFixtures.rate("7") < MoneyFixtures.rate("19"))
    }

    @Test(
        arguments: [
            (190_000, "19%"), (55_000, "5.5%"), (88_750, "8.875%"), (0, "0%"), (1, "0.0001%"), (10_000_000, "1000%"),
        ] as [(Int64, String)])
    func describesRatesInPercent(partsPerMillion: Int64, text: String) throws {
        #expect(try #require(TaxRate(partsPerMillion: partsPerMillion)).description == text)
    }

    @Test func taxOfSingleAmounts() throws {
        let standard = try MoneyFixtures.rate("19")
        #expect(try standard.taxIncluded(in: MoneyFixtures.amount("119.00")) == MoneyFixtures.amount("19.00"))
        // 1.00 × 19 / 119 = 0.1597
        #expect(try standard.taxIncluded(in: MoneyFixtures.amount("1.00")) == MoneyFixtures.amount("0.16"))
        #expect(try standard.taxIncluded(in: MoneyFixtures.amount("-1.00")) == MoneyFixtures.amount("-0.16"))
        // 100.00 × 8.875 % = 8.875
        let newYork = try MoneyFixtures.rate("8.875")
        #expect(try newYork.tax(on: MoneyFixtures.amount("100.00")) == MoneyFixtures.amount("8.88"))
        let evenTax = try newYork.tax(on: MoneyFixtures.amount("100.00"), rounding: .halfToEven)
        #expect(evenTax == (try MoneyFixtures.amount("8.88")))
        // 0.10 × 5 % = 0.005, a tie.
        let five = try MoneyFixtures.rate("5")
        #expect(try five.tax(on: MoneyFixtures.amount("0.10")) == MoneyFixtures.amount("0.01"))
        #expect(try five.tax(on: MoneyFixtures.amount("0.10"), rounding: .halfToEven) == MoneyFixtures.amount("0.00"))
    }

    @Test func treatmentsKeepZeroRatedAndExemptApart() throws {
        let zeroRated = TaxTreatment.taxed(.zero)
        #expect(zeroRated != .exempt)
        #expect(zeroRated.rate == .zero && TaxTreatment.exempt.rate == .zero)
        #expect(TaxTreatment.outsideScope.description == "outside scope")
        let books = TaxClass.taxed(id: "B", name: "Books", rate: try MoneyFixtures.rate("7"))
        #expect(books.rate.partsPerMillion == 70_000)
        #expect(books.treatment == .taxed(try MoneyFixtures.rate("7")))
    }
}
