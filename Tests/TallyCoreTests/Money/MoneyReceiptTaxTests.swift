import TallyCore
import Testing

@Suite struct MoneyReceiptTaxTests {
    let inclusive = TaxCalculator(priceMode: .taxInclusive)
    let exclusive = TaxCalculator(priceMode: .taxExclusive)

    func cents(_ amounts: [Money]) -> [Int64] { amounts.map(\.minorUnits) }

    func totals(
        _ calculator: TaxCalculator, _ lines: [TaxableLine], _ code: String = "EUR"
    ) throws -> ReceiptTotals {
        try calculator.totals(of: lines, currency: MoneyFixtures.currency(code))
    }

    @Test func manyCentLinesAtNineteenPercentInclusive() throws {
        let standard = try MoneyFixtures.taxed("19")
        let lines = try [TaxableLine](repeating: MoneyFixtures.line("0.01", standard), count: 100)
        // 1.00 × 19 / 119 = 0.1597: one rounding per rate gives 0.16.
        let perRate = try totals(inclusive, lines)
        #expect(perRate.total == (try MoneyFixtures.amount("1.00")))
        #expect(perRate.tax == (try MoneyFixtures.amount("0.16")))
        #expect(perRate.net == (try MoneyFixtures.amount("0.84")))
        #expect(cents(perRate.lines.map(\.tax)) == [Int64](repeating: 1, count: 16) + [Int64](repeating: 0, count: 84))
        // Rounding every line loses the whole tax: each 0.0016 rounds to nothing.
        let perLine = try totals(TaxCalculator(priceMode: .taxInclusive, roundingLevel: .perLine), lines)
        #expect(perLine.tax.isZero && perLine.net == perLine.total)
    }

    @Test func manyCentLinesAtNineteenPercentExclusive() throws {
        let standard = try MoneyFixtures.taxed("19")
        let lines = try [TaxableLine](repeating: MoneyFixtures.line("0.01", standard), count: 100)
        let perRate = try totals(exclusive, lines)
        #expect(cents([perRate.net, perRate.tax, perRate.total]) == [100, 19, 119])
        let perLine = try totals(TaxCalculator(priceMode: .taxExclusive, roundingLevel: .perLine), lines)
        #expect(cents([perLine.net, perLine.tax, perLine.total]) == [100, 0, 100])
    }

    @Test func threeTimesThirtyThreeCents() throws {
        let standard = try MoneyFixtures.taxed("19")
        let oneLine = try totals(exclusive, [MoneyFixtures.line("0.99", standard)])
        #expect(cents([oneLine.tax, oneLine.total]) == [19, 118])
        let threeLines = try [TaxableLine](repeating: MoneyFixtures.line("0.33", standard), count: 3)
        // 0.99 × 19 % = 0.1881 → 0.19, shared 0.07, 0.06, 0.06 over the lines.
        let perRate = try totals(exclusive, threeLines)
        #expect(cents([perRate.tax, perRate.total]) == [19, 118])
        #expect(cents(perRate.lines.map(\.tax)) == [7, 6, 6])
        #expect(cents(perRate.lines.map(\.gross)) == [40, 39, 39])
        let perLine = try totals(TaxCalculator(priceMode: .taxExclusive, roundingLevel: .perLine), threeLines)
        #expect(cents([perLine.tax, perLine.total]) == [18, 117])
        let gross = try totals(inclusive, threeLines)
        #expect(cents([gross.net, gross.tax, gross.total]) == [83, 16, 99])
        #expect(cents(gross.lines.map(\.tax)) == [6, 5, 5])
    }

    @Test func mixedRatesOnOneReceipt() throws {
        let standard = try MoneyFixtures.taxed("19")
        let reduced = try MoneyFixtures.taxed("7")
        let lines = try [
            MoneyFixtures.line("2.99", standard), MoneyFixtures.line("1.49", reduced),
            MoneyFixtures.line("0.99", reduced), MoneyFixtures.line("4.99", standard),
        ]
        let receipt = try totals(inclusive, lines)
        #expect(receipt.rates.map(\.treatment) == [standard.treatment, reduced.treatment])
        // 19 %: 7.98 × 19 / 119 = 1.2741; 7 %: 2.48 × 7 / 107 = 0.1622.
        #expect(cents(receipt.rates.map(\.gross)) == [798, 248])
        #expect(cents(receipt.rates.map(\.tax)) == [127, 16])
        #expect(cents(receipt.rates.map(\.net)) == [671, 232])
        #expect(receipt.rates.map(\.lineCount) == [2, 2])
        #expect(cents([receipt.net, receipt.tax, receipt.total]) == [903, 143, 1046])
        #expect(cents(receipt.lines.map(\.tax)) == [48, 10, 6, 79])
        // Rounding each line instead gives one cent more tax on this receipt.
        let perLine = try totals(TaxCalculator(priceMode: .taxInclusive, roundingLevel: .perLine), lines)
        #expect(cents(perLine.rates.map(\.tax)) == [128, 16])
        #expect(perLine.total == receipt.total)
    }

    @Test func returnLineCancelsItsSale() throws {
        let standard = try MoneyFixtures.taxed("19")
        let sale = try MoneyFixtures.line("4.99", standard)
        let refund = try MoneyFixtures.line("-4.99", standard)
        let alone = try totals(inclusive, [sale])
        #expect(alone.tax == (try MoneyFixtures.amount("0.80")))
        let both = try totals(inclusive, [sale, refund])
        #expect(both.total.isZero && both.tax.isZero && both.net.isZero)
        #expect(cents(both.lines.map(\.tax)) == [80, -80])
        #expect(cents(both.lines.map(\.net)) == [419, -419])
    }

    @Test func refundReceiptMirrorsItsSale() throws {
        let standard = try MoneyFixtures.taxed("19")
        let reduced = try MoneyFixtures.taxed("7")
        let sale = try [
            MoneyFixtures.line("2.99", standard), MoneyFixtures.line("1.49", reduced),
            MoneyFixtures.line("0.99", reduced), MoneyFixtures.line("4.99", standard),
        ]
        let refund = try sale.map { TaxableLine(amount: try $0.amount.negated(), taxClass: $0.taxClass) }
        for calculator in [inclusive, exclusive, TaxCalculator(priceMode: .taxExclusive, roundingLevel: .perLine)] {
            let forward = try totals(calculator, sale)
            let backward = try totals(calculator, refund)
            #expect(cents(backward.lines.map(\.tax)) == cents(forward.lines.map(\.tax)).map { -$0 })
            #expect(cents(backward.rates.map(\.tax)) == cents(forward.rates.map(\.tax)).map { -$0 })
            #expect(backward.total == (try forward.total.negated()))
        }
    }

    @Test func zeroRatedExemptAndOutsideScopeAreSeparateRows() throws {
        let standard = try MoneyFixtures.taxed("19")
        let zero = try MoneyFixtures.taxed("0")
        let lines = try [
            MoneyFixtures.line("3.00", MoneyFixtures.outsideScope), MoneyFixtures.line("2.00", MoneyFixtures.exempt),
            MoneyFixtures.line("1.00", zero), MoneyFixtures.line("1.19", standard),
        ]
        let receipt = try totals(inclusive, lines)
        #expect(receipt.rates.map(\.treatment) == [standard.treatment, zero.treatment, .exempt, .outsideScope])
        #expect(cents(receipt.rates.map(\.tax)) == [19, 0, 0, 0])
        #expect(cents(receipt.rates.map(\.net)) == [100, 100, 200, 300])
        #expect(cents([receipt.net, receipt.tax, receipt.total]) == [700, 19, 719])
    }

    @Test func usSalesTaxPerInvoiceAndPerLine() throws {
        let newYork = try MoneyFixtures.taxed("8.875")
        let dimes = try [TaxableLine](repeating: MoneyFixtures.line("0.10", newYork, "USD"), count: 5)
        // 0.50 × 8.875 % = 0.044375 → 0.04; per line 0.008875 → 0.01 each.
        let perInvoice = try totals(exclusive, dimes, "USD")
        #expect(cents([perInvoice.tax, perInvoice.total]) == [4, 54])
        let perLine = try totals(TaxCalculator(priceMode: .taxExclusive, roundingLevel: .perLine), dimes, "USD")
        #expect(cents([perLine.tax, perLine.total]) == [5, 55])
        let basket = try [MoneyFixtures.line("10.00", newYork, "USD"), MoneyFixtures.line("5.99", newYork, "USD")]
        #expect(try totals(exclusive, basket, "USD").tax == MoneyFixtures.amount("1.42", "USD"))
    }

    @Test func yenAndThreeDecimalCurrencies() throws {
        let eight = try MoneyFixtures.taxed("8")
        let ten = try MoneyFixtures.taxed("10")
        let japan = try totals(
            inclusive,
            [
                MoneyFixtures.line("1080", eight, "JPY"), MoneyFixtures.line("1100", ten, "JPY"),
                MoneyFixtures.line("98", eight, "JPY"),
            ], "JPY")
        // 8 %: 1178 × 8 / 108 = 87.26 → 87; 10 %: 1100 × 10 / 110 = 100.
        #expect(cents(japan.rates.map(\.tax)) == [100, 87])
        #expect(cents([japan.net, japan.tax, japan.total]) == [2091, 187, 2278])
        let bahrain = try totals(exclusive, [MoneyFixtures.line("1.234", ten, "BHD")], "BHD")
        #expect(cents([bahrain.net, bahrain.tax, bahrain.total]) == [1234, 123, 1357])
        let five = try MoneyFixtures.taxed("5")
        let kuwait = try totals(inclusive, [MoneyFixtures.line("1.050", five, "KWD")], "KWD")
        #expect(cents([kuwait.net, kuwait.tax, kuwait.total]) == [1000, 50, 1050])
    }

    @Test func tiesFollowTheChosenRule() throws {
        let five = try MoneyFixtures.taxed("5")
        let line = try [MoneyFixtures.line("0.10", five)]
        #expect(try totals(exclusive, line).tax.minorUnits == 1)
        let even = TaxCalculator(priceMode: .taxExclusive, rounding: .halfToEven)
        #expect(try totals(even, line).tax.minorUnits == 0)
        let down = TaxCalculator(priceMode: .taxExclusive, rounding: .halfTowardZero)
        #expect(try totals(down, line).tax.minorUnits == 0)
    }

    @Test func emptyReceipt() throws {
        let receipt = try totals(inclusive, [])
        #expect(receipt.lines.isEmpty && receipt.rates.isEmpty)
        #expect(receipt.total.isZero && receipt.tax.isZero && receipt.net.isZero)
    }

    @Test func errorsInsteadOfTraps() throws {
        let standard = try MoneyFixtures.taxed("19")
        let eur = try MoneyFixtures.currency("EUR")
        let usd = try MoneyFixtures.currency("USD")
        let huge = TaxableLine(amount: Money(minorUnits: .max, currency: eur), taxClass: standard)
        #expect(throws: MoneyError.overflow) { try totals(exclusive, [huge]) }
        #expect(throws: MoneyError.overflow) { try totals(inclusive, [huge, huge]) }
        #expect(try totals(inclusive, [huge]).total.minorUnits == .max)
        let dollars = try MoneyFixtures.line("1.00", standard, "USD")
        #expect(throws: MoneyError.currencyMismatch(eur, usd)) { try totals(inclusive, [dollars]) }
        let gold = try MoneyFixtures.currency("XAU")
        #expect(throws: MoneyError.noMinorUnit(gold)) { try inclusive.totals(of: [], currency: gold) }
    }
}
