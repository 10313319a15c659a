import TallyCore
import Testing

@Suite struct MoneyQuantityTests {
    @Test func unitPriceTimesCountIsExact() throws {
        let price = try MoneyFixtures.amount("0.33")
        #expect(try price.multiplied(by: 3) == MoneyFixtures.amount("0.99"))
        #expect(try price.multiplied(by: DecimalQuantity(3)) == MoneyFixtures.amount("0.99"))
        #expect(try price.multiplied(by: -3) == MoneyFixtures.amount("-0.99"))
    }

    @Test func weighedItemByKilogramQuantity() throws {
        let perKilogram = try MoneyFixtures.amount("12.99")
        let weight = try DecimalQuantity(parsing: "1.234")
        #expect(weight.significand == 1234 && weight.scale == 3)
        // 12.99 × 1.234 = 16.02966
        #expect(try perKilogram.multiplied(by: weight) == MoneyFixtures.amount("16.03"))
        #expect(try perKilogram.multiplied(by: weight, rounding: .towardZero) == MoneyFixtures.amount("16.02"))
        let returned = try DecimalQuantity(parsing: "-1.234")
        #expect(try perKilogram.multiplied(by: returned) == MoneyFixtures.amount("-16.03"))
    }

    @Test func weighedItemByGrams() throws {
        let cheese = PricePerWeight.perKilogram(try MoneyFixtures.amount("12.99"))
        #expect(try cheese.amount(forGrams: 1234) == MoneyFixtures.amount("16.03"))
        #expect(try cheese.amount(forGrams: -1234) == MoneyFixtures.amount("-16.03"))
        #expect(try cheese.amount(forGrams: 0) == MoneyFixtures.amount("0"))
        // 1.49 per 100 g × 250 g = 3.725, a tie.
        let nuts = PricePerWeight.perHundredGrams(try MoneyFixtures.amount("1.49"))
        #expect(try nuts.amount(forGrams: 250) == MoneyFixtures.amount("3.73"))
        #expect(try nuts.amount(forGrams: 250, rounding: .halfToEven) == MoneyFixtures.amount("3.72"))
        #expect(try nuts.amount(forGrams: -250) == MoneyFixtures.amount("-3.73"))
        let saffron = try #require(PricePerWeight(try MoneyFixtures.amount("9.90"), perGrams: 1))
        #expect(try saffron.amount(forGrams: 3) == MoneyFixtures.amount("29.70"))
        #expect(PricePerWeight(try MoneyFixtures.amount("1.00"), perGrams: 0) == nil)
    }

    @Test func weighedItemsInYenAndDinar() throws {
        let rice = PricePerWeight.perKilogram(try MoneyFixtures.amount("398", "JPY"))
        #expect(try rice.amount(forGrams: 1500) == MoneyFixtures.amount("597", "JPY"))
        #expect(try rice.amount(forGrams: 1) == MoneyFixtures.amount("0", "JPY"))
        #expect(try rice.amount(forGrams: 2) == MoneyFixtures.amount("1", "JPY"))
        // 1.250 KWD per kg × 333 g = 0.41625 KWD
        let dates = PricePerWeight.perKilogram(try MoneyFixtures.amount("1.250", "KWD"))
        #expect(try dates.amount(forGrams: 333) == MoneyFixtures.amount("0.416", "KWD"))
    }

    @Test func weighingHugeAmountsReportsOverflow() throws {
        let eur = try MoneyFixtures.currency("EUR")
        let price = PricePerWeight.perKilogram(Money(minorUnits: .max / 10, currency: eur))
        #expect(throws: MoneyError.overflow) { try price.amount(forGrams: 100_000) }
        #expect(try price.amount(forGrams: 1000).minorUnits == .max / 10)
    }

    @Test(arguments: ["1", "1.5", "-0.250", "0.000000000000000001", "12345.678"])
    func quantitiesRoundTrip(text: String) throws {
        #expect(try DecimalQuantity(parsing: text).description == text)
    }

    @Test(arguments: ["", "1.2.3", "kg", "0.0000000000000000001", "99999999999999999999"])
    func rejectsMalformedQuantities(text: String) {
        #expect(throws: MoneyError.malformedQuantity(text)) { try DecimalQuantity(parsing: text) }
    }

    @Test func quantityScaleIsLimited() throws {
        #expect(DecimalQuantity(significand: 1, scale: 19) == nil)
        #expect(DecimalQuantity(significand: 1, scale: -1) == nil)
        #expect(DecimalQuantity(significand: 5, scale: 1)?.description == "0.5")
        #expect(try DecimalQuantity(parsing: "2,5", separator: .comma) == DecimalQuantity(significand: 25, scale: 1))
        #expect(try DecimalQuantity(parsing: "1.500") == DecimalQuantity(significand: 15, scale: 1))
        #expect(try Set([DecimalQuantity(parsing: "2"), DecimalQuantity(parsing: "2.00")]).count == 1)
        #expect(try DecimalQuantity(parsing: "0.000") == DecimalQuantity(0))
    }
}
