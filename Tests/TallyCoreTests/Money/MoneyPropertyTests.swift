import PropertyBased
import TallyCore
import Testing

@Suite struct MoneyPropertyTests {
    static let currencies = Currency.allCases.filter(\.hasMinorUnit)
    static let rules = RoundingRule.allCases
    static let classes: [TaxClass] = [
        .taxed(id: "S", name: "19%", rate: TaxRate(partsPerMillion: 190_000) ?? .zero),
        .taxed(id: "R", name: "7%", rate: TaxRate(partsPerMillion: 70_000) ?? .zero),
        .taxed(id: "F", name: "5.5%", rate: TaxRate(partsPerMillion: 55_000) ?? .zero),
        .taxed(id: "P", name: "2.1%", rate: TaxRate(partsPerMillion: 21_000) ?? .zero),
        .taxed(id: "N", name: "8.875%", rate: TaxRate(partsPerMillion: 88_750) ?? .zero),
        .taxed(id: "D", name: "25%", rate: TaxRate(partsPerMillion: 250_000) ?? .zero),
        .taxed(id: "Z", name: "0%", rate: .zero),
        TaxClass(id: "E", name: "Exempt", treatment: .exempt),
        TaxClass(id: "O", name: "Voucher", treatment: .outsideScope),
    ]

    @Test func formattingThenParsingIsTheIdentity() async {
        let currencies = Gen.int(in: 0...(Self.currencies.count - 1))
        await propertyCheck(count: 500, input: Gen.int64(), currencies) { units, which in
            let amount = Money(minorUnits: units, currency: Self.currencies[which])
            let text = try amount.decimalString()
            #expect(try Money(parsing: text, currency: amount.currency) == amount)
            let comma = try amount.decimalString(separator: .comma)
            #expect(try Money(parsing: comma, currency: amount.currency, separator: .comma) == amount)
        }
    }

    @Test func parsingWithRoundingAgreesWithScaling() async throws {
        let eur = try MoneyFixtures.currency("EUR")
        let values = Gen.int64(in: -1_000_000_000_000...1_000_000_000_000)
        await propertyCheck(count: 500, input: values, Gen.int(in: 0...4)) { millionths, which in
            let rule = Self.rules[which]
            // millionths × 10⁻⁶ written with six decimals and read as cents is millionths / 10⁴ rounded.
            let exact = Money(minorUnits: millionths, currency: eur)
            let text = Self.sixDecimals(millionths)
            let parsed = try Money(parsing: text, currency: eur, rounding: rule)
            #expect(parsed == (try exact.scaled(numerator: 1, denominator: 10_000, rounding: rule)))
        }
    }

    @Test func roundingIsSymmetricAboutZero() async throws {
        let eur = try MoneyFixtures.currency("EUR")
        let values = Gen.int64(in: (Int64.min + 1)...Int64.max)
        await propertyCheck(count: 500, input: values, Gen.int64(in: 1...1_000_000), Gen.int(in: 0...4)) {
            units, denominator, which in
            let rule = Self.rules[which]
            let up = try Money(minorUnits: units, currency: eur)
                .scaled(numerator: 1, denominator: denominator, rounding: rule)
            let down = try Money(minorUnits: -units, currency: eur)
                .scaled(numerator: 1, denominator: denominator, rounding: rule)
            #expect(down.minorUnits == -up.minorUnits)
            // The result is within one unit of the exact quotient, and within half for the half rules.
            let error = (Int128(up.minorUnits) * Int128(denominator) - Int128(units)).magnitude
            #expect(error < UInt128(denominator))
            if rule != .towardZero && rule != .awayFromZero {
                #expect(error * 2 <= UInt128(denominator))
            }
        }
    }

    @Test func allocationPartsAddUpToTheWhole() async throws {
        let eur = try MoneyFixtures.currency("EUR")
        let amounts = Gen.int64(in: -1_000_000_000_000...1_000_000_000_000)
        let weights = Gen.int64(in: -1_000...1_000).array(of: 1...40)
        await propertyCheck(count: 500, input: amounts, weights) { units, weights in
            let whole = Money(minorUnits: units, currency: eur)
            let weightSum = weights.reduce(Int128(0)) { $0 + Int128($1) }
            guard weightSum != 0 else {
                #expect(throws: MoneyError.allocationWeightsSumToZero) {
                    try whole.allocated(proportionallyTo: weights)
                }
                return
            }
            let parts = try whole.allocated(proportionallyTo: weights)
            #expect(parts.count == weights.count)
            #expect(try Money.sum(parts, currency: eur) == whole)
            for (part, weight) in zip(parts, weights) {
                // |part − units × weight / sum| < 1
                let error = (Int128(part.minorUnits) * weightSum - Int128(units) * Int128(weight)).magnitude
                #expect(error < weightSum.magnitude)
            }
            let mirrored = try whole.negated().allocated(proportionallyTo: weights)
            #expect(mirrored.map(\.minorUnits) == parts.map { -$0.minorUnits })
        }
    }

    @Test func receiptsAlwaysAgree() async throws {
        let eur = try MoneyFixtures.currency("EUR")
        let classes = Gen.int(in: 0...(Self.classes.count - 1))
        let lines = zip(Gen.int64(in: -100_000...100_000), classes).array(of: 1...40)
        await propertyCheck(count: 500, input: lines, Gen.bool, Gen.bool, Gen.int(in: 0...4)) {
            drawn, taxInclusive, perLine, which in
            let calculator = TaxCalculator(
                priceMode: taxInclusive ? .taxInclusive : .taxExclusive,
                roundingLevel: perLine ? .perLine : .perRate,
                rounding: Self.rules[which])
            let lines = drawn.map {
                TaxableLine(amount: Money(minorUnits: $0.0, currency: eur), taxClass: Self.classes[$0.1])
            }
            let receipt = try calculator.totals(of: lines, currency: eur)
            try Self.checkAgreement(receipt, lines: lines, calculator: calculator)
            let refund = try calculator.totals(
                of: lines.map { TaxableLine(amount: try $0.amount.negated(), taxClass: $0.taxClass) }, currency: eur)
            #expect(refund.lines.map(\.tax.minorUnits) == receipt.lines.map { -$0.tax.minorUnits })
            #expect(refund.total.minorUnits == -receipt.total.minorUnits)
        }
    }

    @Test func cashRoundingStaysWithinHalfAStep() async {
        let defaults = CashRounding.knownDefaults
        let amounts = Gen.int64(in: -1_000_000_000...1_000_000_000)
        await propertyCheck(count: 500, input: amounts, Gen.int(in: 0...(defaults.count - 1))) { units, which in
            let rounding = defaults[which].rounding
            let due = Money(minorUnits: units, currency: rounding.increment.currency)
            let result = try rounding.round(due)
            let step = rounding.increment.minorUnits
            #expect(result.rounded.minorUnits % step == 0)
            #expect(result.difference.minorUnits.magnitude * 2 <= step.magnitude)
            #expect(try result.exact.adding(result.difference) == result.rounded)
            #expect(try rounding.round(due.negated()).rounded.minorUnits == -result.rounded.minorUnits)
        }
    }

    /// Every documented relation between a receipt's lines, rates and totals.
    static func checkAgreement(_ receipt: ReceiptTotals, lines: [TaxableLine], calculator: TaxCalculator) throws {
        let currency = receipt.currency
        let amounts = try Money.sum(lines.map(\.amount), currency: currency)
        switch calculator.priceMode {
        case .taxInclusive:
            #expect(amounts == receipt.total)
            #expect(receipt.lines.allSatisfy { $0.amount == $0.gross })
        case .taxExclusive:
            #expect(amounts == receipt.net)
            #expect(receipt.lines.allSatisfy { $0.amount == $0.net })
        }
        #expect(try receipt.net.adding(receipt.tax) == receipt.total)
        #expect(try Money.sum(receipt.rates.map(\.gross), currency: currency) == receipt.total)
        #expect(try Money.sum(receipt.rates.map(\.net), currency: currency) == receipt.net)
        #expect(try Money.sum(receipt.rates.map(\.tax), currency: currency) == receipt.tax)
        #expect(try Money.sum(receipt.lines.map(\.gross), currency: currency) == receipt.total)
        for line in receipt.lines {
            #expect(try line.net.adding(line.tax) == line.gross)
        }
        for rate in receipt.rates {
            #expect(try rate.net.adding(rate.tax) == rate.gross)
            let members = receipt.lines.filter { $0.taxClass.treatment == rate.treatment }
            #expect(members.count == rate.lineCount)
            #expect(try Money.sum(members.map(\.gross), currency: currency) == rate.gross)
            #expect(try Money.sum(members.map(\.tax), currency: currency) == rate.tax)
            // The rate's tax is within rounding distance of the exact tax on its lines.
            let ppm = Int128(rate.treatment.rate.partsPerMillion)
            let base = Int128(calculator.priceMode == .taxInclusive ? rate.gross.minorUnits : rate.net.minorUnits)
            let denominator: Int128 = calculator.priceMode == .taxInclusive ? 1_000_000 + ppm : 1_000_000
            let error = (Int128(rate.tax.minorUnits) * denominator - base * ppm).magnitude
            let allowedUnits = calculator.roundingLevel == .perRate ? 1 : Int128(members.count)
            #expect(error < UInt128(allowedUnits * denominator))
        }
    }

    static func sixDecimals(_ millionths: Int64) -> String {
        let digits = String(millionths.magnitude)
        let padded = String(repeating: "0", count: max(0, 7 - digits.count)) + digits
        let text = padded.dropLast(6) + "." + padded.suffix(6)
        return millionths < 0 ? "-" + text : String(text)
    }
}
