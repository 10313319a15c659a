import TallyCore
import Testing

@Suite struct MoneyCashRoundingTests {
    func standard(_ country: String) throws -> CashRounding {
        try #require(CashRounding.standard(forCountry: country))
    }

    @Test(arguments: [
        ("CH", "CHF", "10.02", "10.00"), ("CH", "CHF", "10.03", "10.05"), ("CH", "CHF", "10.07", "10.05"),
        ("CH", "CHF", "10.08", "10.10"), ("CH", "CHF", "10.05", "10.05"), ("CH", "CHF", "0.02", "0.00"),
        ("CH", "CHF", "-10.03", "-10.05"), ("CH", "CHF", "-10.02", "-10.00"),
        ("SE", "SEK", "10.49", "10.00"), ("SE", "SEK", "10.50", "11.00"), ("SE", "SEK", "-10.50", "-11.00"),
        ("NO", "NOK", "45.60", "46.00"), ("NO", "NOK", "30.40", "30.00"), ("NO", "NOK", "0.50", "1.00"),
        ("DK", "DKK", "10.24", "10.00"), ("DK", "DKK", "10.25", "10.50"), ("DK", "DKK", "10.74", "10.50"),
        ("DK", "DKK", "10.75", "11.00"), ("DK", "DKK", "405.85", "406.00"),
        ("NZ", "NZD", "10.05", "10.00"), ("NZ", "NZD", "10.06", "10.10"), ("NZ", "NZD", "10.04", "10.00"),
        ("NZ", "NZD", "-10.05", "-10.00"),
        ("CA", "CAD", "4.92", "4.90"), ("CA", "CAD", "772.72", "772.70"), ("AU", "AUD", "10.03", "10.05"),
        ("NL", "EUR", "23.37", "23.35"), ("NL", "EUR", "8.89", "8.90"), ("BE", "EUR", "19.52", "19.50"),
        ("FI", "EUR", "14.97", "14.95"), ("IE", "EUR", "10.23", "10.25"), ("EE", "EUR", "0.99", "1.00"),
    ])
    func roundsCashByCountry(country: String, code: String, due: String, paid: String) throws {
        let rounding = try standard(country)
        let exact = try MoneyFixtures.amount(due, code)
        let result = try rounding.round(exact)
        #expect(result.exact == exact)
        #expect(result.rounded == (try MoneyFixtures.amount(paid, code)))
        #expect(result.difference == (try result.rounded.subtracting(exact)))
    }

    @Test func cardPaymentsAreNotRounded() throws {
        let rounding = try standard("CH")
        let due = try MoneyFixtures.amount("10.03", "CHF")
        let result = try rounding.round(due, for: .electronic)
        #expect(result.rounded == due && result.difference.isZero)
    }

    @Test func differenceIsItsOwnAmount() throws {
        let result = try standard("DK").round(try MoneyFixtures.amount("37.35", "DKK"))
        #expect(result.rounded == (try MoneyFixtures.amount("37.50", "DKK")))
        #expect(result.difference == (try MoneyFixtures.amount("0.15", "DKK")))
    }

    @Test func refusesBadIncrementsAndCurrencies() throws {
        let eur = try MoneyFixtures.currency("EUR")
        let zero = Money.zero(eur)
        #expect(throws: MoneyError.invalidCashIncrement(zero)) { try CashRounding(increment: zero) }
        let negative = Money(minorUnits: -5, currency: eur)
        #expect(throws: MoneyError.invalidCashIncrement(negative)) { try CashRounding(increment: negative) }
        let francs = try MoneyFixtures.currency("CHF")
        #expect(throws: MoneyError.currencyMismatch(eur, francs)) {
            try standard("CH").round(try MoneyFixtures.amount("1.00", "EUR"))
        }
        let gold = try MoneyFixtures.currency("XAU")
        #expect(throws: MoneyError.noMinorUnit(gold)) {
            try CashRounding(increment: Money(minorUnits: 1, currency: gold))
        }
    }

    @Test func roundingNearInt64Limits() throws {
        let eur = try MoneyFixtures.currency("EUR")
        let tens = try CashRounding(increment: Money(minorUnits: 10, currency: eur))
        // Int64.max ends in 7, so the nearest multiple of 10 lies beyond it.
        #expect(throws: MoneyError.overflow) { try tens.round(Money(minorUnits: .max, currency: eur)) }
        let fives = try CashRounding(increment: Money(minorUnits: 5, currency: eur))
        #expect(try fives.round(Money(minorUnits: .max, currency: eur)).rounded.minorUnits == .max - 2)
        // Int64.min ends in 8, so it rounds away from zero, past the limit.
        #expect(throws: MoneyError.overflow) { try fives.round(Money(minorUnits: .min, currency: eur)) }
    }

    @Test func knownDefaultsAreComplete() throws {
        let countries = CashRounding.knownDefaults.map(\.country)
        #expect(countries == ["AU", "BE", "CA", "CH", "DK", "EE", "FI", "IE", "NL", "NO", "NZ", "SE"])
        for known in CashRounding.knownDefaults {
            #expect(!known.source.isEmpty && known.since.count == 10)
        }
        #expect(CashRounding.standard(forCountry: "DE") == nil)
        #expect(CashRounding.standard(forCountry: "ch") == nil)
        #expect(try standard("SE").increment == MoneyFixtures.amount("1.00", "SEK"))
        #expect(try standard("NZ").rule == .halfTowardZero)
    }
}
