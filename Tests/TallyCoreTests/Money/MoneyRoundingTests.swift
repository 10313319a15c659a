import TallyCore
import Testing

@Suite struct MoneyRoundingTests {
    /// Tenths of a cent rounded to cents by each rule, read as a table: the exact value, then the result
    /// for halfAwayFromZero, halfToEven, halfTowardZero, towardZero, awayFromZero.
    @Test(
        arguments: [
            (25, [3, 2, 2, 2, 3]), (35, [4, 4, 3, 3, 4]), (26, [3, 3, 3, 2, 3]), (24, [2, 2, 2, 2, 3]),
            (21, [2, 2, 2, 2, 3]), (20, [2, 2, 2, 2, 2]), (5, [1, 0, 0, 0, 1]), (0, [0, 0, 0, 0, 0]),
            (-25, [-3, -2, -2, -2, -3]), (-35, [-4, -4, -3, -3, -4]), (-26, [-3, -3, -3, -2, -3]),
            (-21, [-2, -2, -2, -2, -3]), (-5, [-1, 0, 0, 0, -1]),
        ] as [(Int64, [Int64])])
    func rulesOnTenths(tenths: Int64, expected: [Int64]) throws {
        let eur = try MoneyFixtures.currency("EUR")
        let rules: [RoundingRule] = [.halfAwayFromZero, .halfToEven, .halfTowardZero, .towardZero, .awayFromZero]
        for (rule, cents) in zip(rules, expected) {
            let amount = try Money(minorUnits: tenths, currency: eur)
                .scaled(numerator: 1, denominator: 10, rounding: rule)
            #expect(amount.minorUnits == cents, "\(tenths)/10 by \(rule)")
        }
    }

    @Test func commercialIsTheDefault() throws {
        #expect(RoundingRule.commercial == .halfAwayFromZero)
        let eur = try MoneyFixtures.currency("EUR")
        #expect(try Money(minorUnits: 5, currency: eur).scaled(numerator: 1, denominator: 2).minorUnits == 3)
    }

    @Test func negativeDenominatorsAreHandled() throws {
        let eur = try MoneyFixtures.currency("EUR")
        let amount = try Money(minorUnits: 25, currency: eur).scaled(numerator: 1, denominator: -10)
        #expect(amount.minorUnits == -3)
        #expect(throws: MoneyError.zeroDenominator) {
            try Money(minorUnits: 25, currency: eur).scaled(numerator: 1, denominator: 0)
        }
    }

    @Test func scalingUsesTheFullProductBeforeRounding() throws {
        let eur = try MoneyFixtures.currency("EUR")
        let large = Money(minorUnits: .max, currency: eur)
        #expect(try large.scaled(numerator: 3, denominator: 3) == large)
        #expect(try large.scaled(numerator: .max, denominator: .max) == large)
        #expect(throws: MoneyError.overflow) { try large.scaled(numerator: 3, denominator: 2) }
    }
}
