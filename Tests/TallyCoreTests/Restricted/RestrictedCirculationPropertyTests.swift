import PropertyBased
import TallyCore
import Testing

/// Every layout of every shipped rule set, with the rule set it belongs to.
struct ShippedLayout: Sendable, CustomTestStringConvertible {
    let ruleSet: RestrictedCirculationRuleSet
    let layout: VariableMeasureLayout

    var testDescription: String {
        "\(ruleSet.countryCode)\(ruleSet.variant.map { " \($0)" } ?? "") \(layout)"
    }

    static let all: [ShippedLayout] = RestrictedCirculationRuleSet.shipped.flatMap { ruleSet in
        ruleSet.layouts.map { ShippedLayout(ruleSet: ruleSet, layout: $0) }
    }
}

@Suite struct RestrictedCirculationPropertyTests {
    static let digits = Gen.number.string(of: 13)

    @Test(arguments: ShippedLayout.all)
    func everyEncodedValueDecodesBack(_ shipped: ShippedLayout) async {
        let layout = shipped.layout
        await propertyCheck(count: 200, input: Self.digits) { random in
            let item = String(random.prefix(layout.itemReference.count))
            let value = String(random.suffix(layout.value.count))
            let code = build(layout.pattern, item: item, value: value)
            guard case .success(.variableMeasure(let decoded)) = shipped.ruleSet.decode(code) else {
                Issue.record("\(code) did not decode under \(layout)")
                return
            }
            #expect(decoded.layout == layout)
            #expect(decoded.itemReference == item)
            #expect(decoded.lookupGTIN == build(layout.pattern, item: item, value: zeros(layout.value.count)))
            #expect(encodedValue(of: decoded.value, layout: layout) == Int64(value))
        }
    }

    /// A misprinted or misread value digit whose GTIN check digit still holds (the printer computed it over the
    /// wrong value) is caught by the price check digit, never read as another price.
    @Test(arguments: ShippedLayout.all.filter { $0.layout.priceCheckDigitPosition != nil })
    func priceCheckDigitCatchesEveryWrongValueDigit(_ shipped: ShippedLayout) async {
        let layout = shipped.layout
        await propertyCheck(count: 100, input: Self.digits, Gen.int(in: 0..<layout.value.count), Gen.int(in: 1...9)) {
            random, offset, change in
            let item = String(random.prefix(layout.itemReference.count))
            var value = Array(random.suffix(layout.value.count).utf8)
            let code = Array(build(layout.pattern, item: item, value: String(decoding: value, as: UTF8.self)).utf8)
            value[offset] = UInt8(48 + (Int(value[offset]) - 48 + change) % 10)
            var misprinted = code
            misprinted[layout.value.lowerBound + offset] = value[offset]
            misprinted[12] = UInt8(48 + referenceGTINCheckDigit(misprinted[0..<12].map { Int($0) - 48 }))
            guard case .failure(.wrongPriceCheckDigit) = shipped.ruleSet.decode(misprinted) else {
                Issue.record("\(String(decoding: misprinted, as: UTF8.self)) was not rejected under \(layout)")
                return
            }
        }
    }

    /// Any single wrong digit anywhere fails the GTIN check digit before anything is read.
    @Test(arguments: ShippedLayout.all)
    func anySingleWrongDigitIsRejected(_ shipped: ShippedLayout) async {
        let layout = shipped.layout
        await propertyCheck(count: 100, input: Self.digits, Gen.int(in: 0...12), Gen.int(in: 1...9)) {
            random, position, change in
            let item = String(random.prefix(layout.itemReference.count))
            let value = String(random.suffix(layout.value.count))
            var code = Array(build(layout.pattern, item: item, value: value).utf8)
            code[position] = UInt8(48 + (Int(code[position]) - 48 + change) % 10)
            guard case .failure(.wrongCheckDigit) = shipped.ruleSet.decode(code) else {
                Issue.record("\(String(decoding: code, as: UTF8.self)) was not rejected under \(layout)")
                return
            }
        }
    }

    private func zeros(_ count: Int) -> String { String(repeating: "0", count: count) }

    private func encodedValue(of value: VariableMeasureItem.Value, layout: VariableMeasureLayout) -> Int64? {
        switch (value, layout.meaning) {
        case (.price(let money), .price(let currency, let decimals)):
            guard money.currency == currency else { return nil }
            var scale: Int64 = 1
            for _ in 0..<(currency.minorUnitExponent - decimals) { scale *= 10 }
            return money.minorUnits % scale == 0 ? money.minorUnits / scale : nil
        case (.weight(let weight), .weight(let unit, let decimals)):
            guard weight.unit == unit, weight.decimals == decimals else { return nil }
            return weight.encodedValue
        case (.count(let count), .count):
            return Int64(count)
        default:
            return nil
        }
    }
}
