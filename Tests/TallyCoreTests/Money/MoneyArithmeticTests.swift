import TallyCore
import Testing

@Suite struct MoneyArithmeticTests {
    let eur: Currency
    let usd: Currency

    init() throws {
        eur = try MoneyFixtures.currency("EUR")
        usd = try MoneyFixtures.currency("USD")
    }

    func euros(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: eur) }

    @Test func addsSubtractsAndNegates() throws {
        #expect(try euros(10).adding(euros(20)) == euros(30))
        #expect(try euros(10).subtracting(euros(25)) == euros(-15))
        #expect(try euros(-15).negated() == euros(15))
        #expect(try euros(0).negated() == euros(0))
    }

    @Test func multipliesByCounts() throws {
        #expect(try euros(33).multiplied(by: 3) == euros(99))
        #expect(try euros(33).multiplied(by: -3) == euros(-99))
        #expect(try euros(-499).multiplied(by: 0) == euros(0))
    }

    @Test func sumsSequences() throws {
        #expect(try Money.sum([euros(1), euros(2), euros(-5)], currency: eur) == euros(-2))
        #expect(try Money.sum([], currency: eur) == .zero(eur))
        #expect(throws: MoneyError.currencyMismatch(eur, usd)) {
            try Money.sum([euros(1), Money(minorUnits: 1, currency: usd)], currency: eur)
        }
    }

    @Test func overflowNearInt64MaxIsAnError() throws {
        #expect(throws: MoneyError.overflow) { try euros(.max).adding(euros(1)) }
        #expect(throws: MoneyError.overflow) { try euros(.min).subtracting(euros(1)) }
        #expect(throws: MoneyError.overflow) { try euros(.min).negated() }
        #expect(throws: MoneyError.overflow) { try euros(.max / 2 + 1).multiplied(by: 2) }
        #expect(throws: MoneyError.overflow) { try euros(-2).multiplied(by: .min) }
        #expect(throws: MoneyError.overflow) { try Money.sum([euros(.max), euros(.max), euros(.min)], currency: eur) }
        #expect(try euros(.max).adding(euros(.min)) == euros(-1))
        #expect(try euros(.max - 1).adding(euros(1)) == euros(.max))
    }

    @Test func currencyMismatchIsAnError() {
        let dollars = Money(minorUnits: 100, currency: usd)
        #expect(throws: MoneyError.currencyMismatch(eur, usd)) { try euros(100).adding(dollars) }
        #expect(throws: MoneyError.currencyMismatch(eur, usd)) { try euros(100).subtracting(dollars) }
        #expect(MoneyError.currencyMismatch(eur, usd).description.contains("EUR and USD"))
    }

    @Test func codesWithoutMinorUnitAreRefused() throws {
        let gold = try MoneyFixtures.currency("XAU")
        let ounces = Money(minorUnits: 5, currency: gold)
        #expect(throws: MoneyError.noMinorUnit(gold)) { try ounces.adding(ounces) }
        #expect(throws: MoneyError.noMinorUnit(gold)) { try ounces.multiplied(by: 2) }
        #expect(throws: MoneyError.noMinorUnit(gold)) { try ounces.negated() }
        #expect(throws: MoneyError.noMinorUnit(gold)) { try Money.sum([], currency: gold) }
        #expect(throws: MoneyError.noMinorUnit(gold)) { try ounces.split(into: 2) }
        #expect(MoneyError.noMinorUnit(gold).description.contains("XAU (Gold) has no minor unit"))
    }

    @Test func signs() {
        #expect(euros(-1).isNegative && !euros(-1).isPositive)
        #expect(euros(0).isZero && !euros(0).isNegative)
        #expect(euros(1).isPositive)
    }
}
