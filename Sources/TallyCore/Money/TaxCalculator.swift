/// Computes the tax on a receipt so that lines, rates and totals always agree to the minor unit.
///
/// Tax-inclusive: each rate's tax is `gross × r / (1 + r)`, rounded once (per rate) or per line; the net
/// is gross minus tax, so the total is exactly the sum of the shelf prices. Tax-exclusive: each rate's tax
/// is `net × r`, rounded once (per rate) or per line, and added to the net. With per-rate rounding the
/// rate's tax is then shared over its lines by the largest-remainder method, so line taxes add up to it.
/// See docs/money-and-tax.md for the rules and the sources behind them.
public struct TaxCalculator: Hashable, Sendable {
    public var priceMode: PriceMode
    public var roundingLevel: TaxRoundingLevel
    public var rounding: RoundingRule

    public init(
        priceMode: PriceMode,
        roundingLevel: TaxRoundingLevel = .perRate,
        rounding: RoundingRule = .commercial
    ) {
        self.priceMode = priceMode
        self.roundingLevel = roundingLevel
        self.rounding = rounding
    }

    /// The taxed lines, per-rate totals and grand totals of a receipt in `currency`.
    public func totals(of lines: [TaxableLine], currency: Currency) throws(MoneyError) -> ReceiptTotals {
        guard currency.hasMinorUnit else { throw .noMinorUnit(currency) }
        for line in lines where line.amount.currency != currency {
            throw .currencyMismatch(currency, line.amount.currency)
        }
        var taxes = [Int64](repeating: 0, count: lines.count)
        var rates: [TaxRateTotals] = []
        for (treatment, members) in Self.groups(of: lines) {
            let amounts = members.map { lines[$0].amount.minorUnits }
            let lineTaxes = try roundedTaxes(on: amounts, treatment: treatment)
            for (member, tax) in zip(members, lineTaxes) {
                taxes[member] = tax
            }
            let amount = try Self.sum(amounts)
            let tax = try Self.sum(lineTaxes)
            let (net, gross) = try split(amount, tax: tax)
            rates.append(
                TaxRateTotals(
                    treatment: treatment,
                    net: Money(minorUnits: net, currency: currency),
                    tax: Money(minorUnits: tax, currency: currency),
                    gross: Money(minorUnits: gross, currency: currency),
                    lineCount: members.count))
        }
        var taxedLines: [TaxedLine] = []
        taxedLines.reserveCapacity(lines.count)
        for (line, tax) in zip(lines, taxes) {
            let (net, gross) = try split(line.amount.minorUnits, tax: tax)
            taxedLines.append(
                TaxedLine(
                    amount: line.amount,
                    taxClass: line.taxClass,
                    net: Money(minorUnits: net, currency: currency),
                    tax: Money(minorUnits: tax, currency: currency),
                    gross: Money(minorUnits: gross, currency: currency)))
        }
        return ReceiptTotals(
            currency: currency,
            priceMode: priceMode,
            lines: taxedLines,
            rates: rates,
            net: Money(minorUnits: try Self.sum(rates.map(\.net.minorUnits)), currency: currency),
            tax: Money(minorUnits: try Self.sum(rates.map(\.tax.minorUnits)), currency: currency),
            total: Money(minorUnits: try Self.sum(rates.map(\.gross.minorUnits)), currency: currency))
    }

    /// The tax of each amount under one treatment, rounded per rate or per line.
    private func roundedTaxes(on amounts: [Int64], treatment: TaxTreatment) throws(MoneyError) -> [Int64] {
        let partsPerMillion = Int128(treatment.rate.partsPerMillion)
        let denominator: Int128 = priceMode == .taxInclusive ? 1_000_000 + partsPerMillion : 1_000_000
        let shares = amounts.map { Int128($0) * partsPerMillion }
        switch roundingLevel {
        case .perRate:
            let amount = try Self.sum(amounts)
            guard let tax = rounding.divide(Int128(amount) * partsPerMillion, by: denominator) else {
                throw .overflow
            }
            return try Money.Apportionment.apportion(tax, shares: shares, denominator: denominator)
        case .perLine:
            var lineTaxes: [Int64] = []
            lineTaxes.reserveCapacity(shares.count)
            for share in shares {
                guard let tax = rounding.divide(share, by: denominator) else { throw .overflow }
                lineTaxes.append(tax)
            }
            return lineTaxes
        }
    }

    /// Net and gross of an amount given as the mode says, and its tax.
    private func split(_ amount: Int64, tax: Int64) throws(MoneyError) -> (net: Int64, gross: Int64) {
        switch priceMode {
        case .taxInclusive:
            let (net, overflow) = amount.subtractingReportingOverflow(tax)
            guard !overflow else { throw .overflow }
            return (net, amount)
        case .taxExclusive:
            let (gross, overflow) = amount.addingReportingOverflow(tax)
            guard !overflow else { throw .overflow }
            return (amount, gross)
        }
    }

    /// Line positions grouped by treatment, in report order.
    private static func groups(of lines: [TaxableLine]) -> [(TaxTreatment, [Int])] {
        var positions: [TaxTreatment: [Int]] = [:]
        for (position, line) in lines.enumerated() {
            positions[line.taxClass.treatment, default: []].append(position)
        }
        return positions.sorted { $0.key.reportOrder < $1.key.reportOrder }.map { ($0.key, $0.value) }
    }

    private static func sum(_ values: [Int64]) throws(MoneyError) -> Int64 {
        var total: Int64 = 0
        for value in values {
            let (next, overflow) = total.addingReportingOverflow(value)
            guard !overflow else { throw .overflow }
            total = next
        }
        return total
    }
}

extension TaxRate {
    /// The tax contained in a tax-inclusive amount: `gross × r / (1 + r)`, rounded once.
    public func taxIncluded(in gross: Money, rounding: RoundingRule = .commercial) throws(MoneyError) -> Money {
        try gross.scaled(
            numerator: Int128(partsPerMillion), denominator: 1_000_000 + Int128(partsPerMillion), rounding: rounding)
    }

    /// The tax to add to a net amount: `net × r`, rounded once.
    public func tax(on net: Money, rounding: RoundingRule = .commercial) throws(MoneyError) -> Money {
        try net.scaled(numerator: Int128(partsPerMillion), denominator: 1_000_000, rounding: rounding)
    }
}
