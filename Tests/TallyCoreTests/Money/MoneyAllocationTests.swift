import TallyCore
import Testing

@Suite struct MoneyAllocationTests {
    func cents(_ parts: [Money]) -> [Int64] { parts.map(\.minorUnits) }

    @Test func oneThirdEach() throws {
        #expect(try cents(MoneyFixtures.amount("1.00").split(into: 3)) == [34, 33, 33])
        #expect(try cents(MoneyFixtures.amount("2.00").split(into: 3)) == [67, 67, 66])
        #expect(try cents(MoneyFixtures.amount("-1.00").split(into: 3)) == [-34, -33, -33])
        #expect(try cents(MoneyFixtures.amount("0.02").split(into: 3)) == [1, 1, 0])
        #expect(try cents(MoneyFixtures.amount("100", "JPY").split(into: 3)) == [34, 33, 33])
        #expect(try cents(MoneyFixtures.amount("0.001", "KWD").split(into: 3)) == [1, 0, 0])
    }

    @Test func proportionalToWeights() throws {
        let amount = try MoneyFixtures.amount("1.00")
        #expect(try cents(amount.allocated(proportionallyTo: [2, 1])) == [67, 33])
        #expect(try cents(amount.allocated(proportionallyTo: [1, 0, 1])) == [50, 0, 50])
        #expect(try cents(amount.allocated(proportionallyTo: [70, 20, 10])) == [70, 20, 10])
        // Exact shares 16.67, 33.33, 50: the largest dropped fraction (.67) gets the spare cent.
        #expect(try cents(amount.allocated(proportionallyTo: [1, 2, 3])) == [17, 33, 50])
    }

    @Test func basketDiscountOverLines() throws {
        let lines = try ["2.99", "1.49", "0.99", "4.99"].map { try MoneyFixtures.amount($0) }
        let discount = try MoneyFixtures.amount("-1.00")
        let shares = try discount.allocated(proportionallyTo: lines)
        #expect(try Money.sum(shares, currency: discount.currency) == discount)
        // Exact shares of 1.00 over 10.46: 28.59, 14.24, 9.46, 47.71; the two largest fractions get the spare cents.
        #expect(cents(shares) == [-29, -14, -9, -48])
    }

    @Test func mixedSignWeights() throws {
        // A return line in the basket: the shares still add up to the whole.
        let amount = try MoneyFixtures.amount("1.00")
        #expect(try cents(amount.allocated(proportionallyTo: [3, -1])) == [150, -50])
        #expect(try cents(amount.allocated(proportionallyTo: [-1, -1])) == [50, 50])
    }

    @Test func refusesImpossibleSplits() throws {
        let amount = try MoneyFixtures.amount("1.00")
        #expect(throws: MoneyError.noAllocationWeights) { try amount.allocated(proportionallyTo: [Int64]()) }
        #expect(throws: MoneyError.noAllocationWeights) { try amount.split(into: 0) }
        #expect(throws: MoneyError.allocationWeightsSumToZero) { try amount.allocated(proportionallyTo: [1, -1]) }
        #expect(throws: MoneyError.allocationWeightsSumToZero) { try amount.allocated(proportionallyTo: [0, 0]) }
        let dollars = try MoneyFixtures.amount("1.00", "USD")
        #expect(throws: MoneyError.currencyMismatch(amount.currency, dollars.currency)) {
            try amount.allocated(proportionallyTo: [dollars])
        }
    }

    @Test func extremeAmountsAndWeights() throws {
        let eur = try MoneyFixtures.currency("EUR")
        let most = Money(minorUnits: .max, currency: eur)
        let parts = try most.allocated(proportionallyTo: [Int64.max, Int64.max, 1])
        #expect(parts.reduce(Int128(0)) { $0 + Int128($1.minorUnits) } == Int128(Int64.max))
        let least = Money(minorUnits: .min, currency: eur)
        #expect(try least.split(into: 2).map(\.minorUnits) == [Int64.min / 2, Int64.min / 2])
        #expect(throws: MoneyError.overflow) { try most.allocated(proportionallyTo: [2, -1]) }
    }
}
