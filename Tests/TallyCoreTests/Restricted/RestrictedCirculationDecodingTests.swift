import TallyCore
import Testing

@Suite struct RestrictedCirculationDecodingTests {
    let germany = RestrictedCirculationRuleSet.forCountry("DE")
    let unitedKingdom = RestrictedCirculationRuleSet.forCountry("GB")

    @Test func wrongPriceCheckDigitSaysWhatThePriceShouldCarry() throws {
        // jodal/biip's GS1 UK example with its price verifier 9 changed to 8 (and the GTIN check digit redone).
        let result = try #require(unitedKingdom).decode("2011122812349")
        #expect(
            result
                == .failure(
                    .wrongPriceCheckDigit(
                        PriceCheckDigitMismatch(
                            layout: try VariableMeasureLayout("20IIIIIVPPPPC GBP 2"), encodedValue: 1234, expected: 9,
                            found: 8))))
        #expect(result.errorDescription == "price check digit is wrong: the price 12.34 should have check digit 9")
    }

    @Test func wrongCountCheckDigit() throws {
        // jodal/biip's GS1 Germany example: the count check digit 9 misprinted as 8.
        let result = try #require(germany).decode("2511118000120")
        #expect(result.errorDescription == "count check digit is wrong: the count 12 should have check digit 9")
    }

    @Test func wrongWeightCheckDigit() throws {
        let result = try #require(germany).decode("2811112068707")
        let message = "weight check digit is wrong: the weight 6.870 kg should have check digit 1"
        #expect(result.errorDescription == message)
    }

    @Test func wrongPriceCheckDigitOfSmallPrice() throws {
        let result = try #require(germany).decode("2211115002393")
        let message = "price check digit is wrong: the price 2.39 should have check digit 4"
        #expect(result.errorDescription == message)
    }

    @Test func finalCheckDigitIsRecheckedForEveryCode() throws {
        let germany = try #require(germany)
        let misread = germany.decode("2211114002395")
        #expect(misread == .failure(.wrongCheckDigit(code: "2211114002395", expected: 4, found: 5)))
        let message =
            "check digit is wrong: 2211114002395 ends in 5 but should end in 4; scan it again or key it in again"
        #expect(misread.errorDescription == message)
        let ordinary = germany.decode("4006381333932")
        #expect(ordinary == .failure(.wrongCheckDigit(code: "4006381333932", expected: 1, found: 2)))
    }

    @Test(arguments: ["", "299265108631", "22111140023941", "02992651086310"])
    func wrongLength(_ code: String) throws {
        let result = try #require(germany).decode(code)
        #expect(result == .failure(.wrongLength(code.utf8.count)))
        #expect(
            result.errorDescription
                == "the code has \(code.utf8.count) digits; a GTIN-13 has 13 (put a 0 before a 12-digit UPC-A)")
    }

    @Test func notADigit() throws {
        let result = try #require(germany).decode("22111A4002394")
        #expect(result == .failure(.notADigit(position: 6)))
        #expect(result.errorDescription == "character 6 of the code is not a digit; scan it again or key it in again")
        #expect(try #require(germany).decode("221111400239 ") == .failure(.notADigit(position: 13)))
    }

    @Test func prefixWithoutLayoutIsStillRestricted() throws {
        // 27 is a restricted-circulation prefix that the German layouts leave to other uses.
        let result = try #require(germany).decode("2712345678902")
        let expected = RestrictedPrefixWithoutLayout(prefix: 27, countryName: "Germany")
        #expect(result == .success(.restrictedWithoutLayout(expected)))
        #expect(
            expected.description == "prefix 27 is not used for price or weight in Germany; "
                + "it is a restricted-circulation number, not a global product number")
        let fromUnitedKingdom = try #require(unitedKingdom).decode("0212345678909")
        #expect(
            fromUnitedKingdom
                == .success(
                    .restrictedWithoutLayout(
                        RestrictedPrefixWithoutLayout(prefix: 2, countryName: "the United Kingdom"))))
        guard case .success(.restrictedWithoutLayout(let notice)) = fromUnitedKingdom else { return }
        #expect(notice.description.hasPrefix("prefix 02 is not used for price or weight in the United Kingdom;"))
    }

    @Test(arguments: ["4006381333931", "0012345678905", "3012345678902", "9780306406157"])
    func ordinaryGTINIsNotRestricted(_ code: String) throws {
        #expect(try #require(germany).decode(code) == .success(.notRestricted))
    }

    @Test func acceptsBytesAsWellAsText() throws {
        let germany = try #require(germany)
        let fromBytes = germany.decode(Array("2211114002394".utf8))
        #expect(fromBytes == germany.decode("2211114002394"))
        #expect(germany.decode(Array("2211114002394".utf8)[...]) == fromBytes)
        #expect(germany.decode("x2211114002394".dropFirst()) == fromBytes)
    }

    @Test func poundsAreNotRoundedToGrams() throws {
        let ruleSet = try RestrictedCirculationRuleSet(
            countryCode: "us", countryName: "a test store", layoutTexts: ["02IIIIIWWWWWC lb 2"])
        let weights: [(code: String, grams: String, whole: Int64?)] = [
            (build("02IIIIIWWWWWC", item: "12345", value: "00100"), "453.59237", nil),
            (build("02IIIIIWWWWWC", item: "12345", value: "10000"), "45359.237", nil),
            (build("02IIIIIWWWWWC", item: "12345", value: "00000"), "0", 0),
            (build("02IIIIIWWWWWC", item: "12345", value: "99999"), "453587.8340763", nil),
        ]
        for (code, grams, whole) in weights {
            guard case .success(.variableMeasure(let item)) = ruleSet.decode(code),
                case .weight(let weight) = item.value
            else {
                Issue.record("\(code) did not decode to a weight")
                continue
            }
            #expect(weight.unit == .pound)
            #expect(weight.decimals == 2)
            #expect(weight.exactGrams.description == grams)
            #expect(weight.wholeGrams == whole)
        }
    }

    @Test func ouncesAndGramsConvertExactly() throws {
        let ounces = try VariableMeasureLayout("21IIIIIWWWWWC oz 1")
        let grams = try VariableMeasureLayout("22IIIIIWWWWWC g 0")
        let ruleSet = try RestrictedCirculationRuleSet(
            countryCode: "ZZ", countryName: "a test store",
            layouts: [ounces, grams])
        guard
            case .success(.variableMeasure(let ounceItem)) = ruleSet.decode(
                build(
                    ounces.pattern, item: "00001",
                    value: "00160")), case .weight(let sixteenOunces) = ounceItem.value
        else {
            Issue.record("16.0 oz did not decode")
            return
        }
        #expect(sixteenOunces.exactGrams.description == "453.59237")
        guard
            case .success(.variableMeasure(let gramItem)) = ruleSet.decode(
                build(
                    grams.pattern, item: "00001",
                    value: "01250")), case .weight(let gramWeight) = gramItem.value
        else {
            Issue.record("1250 g did not decode")
            return
        }
        #expect(gramWeight.wholeGrams == 1250)
    }

    @Test func pricesInWholeAndTenthUnitsBecomeMinorUnits() throws {
        let sweden = try #require(RestrictedCirculationRuleSet.forCountry("SE"))
        guard case .success(.variableMeasure(let whole)) = sweden.decode("2288060112347") else {
            Issue.record("1234 kr did not decode")
            return
        }
        #expect(whole.value == .price(Money(minorUnits: 123_400, currency: try #require(Currency(code: "SEK")))))
    }

    @Test func stationRuleSetRejectsTwoLayoutsForOnePrefix() {
        #expect(throws: RestrictedCirculationRuleSetError.duplicatePrefix(22)) {
            try RestrictedCirculationRuleSet(
                countryCode: "DE", countryName: "Germany",
                layoutTexts: ["22IIIIVPPPPPC EUR 2", "22IIIIIPPPPPC EUR 2"])
        }
        #expect(
            RestrictedCirculationRuleSetError.duplicatePrefix(2).description
                == "two layouts use prefix 02; a prefix can have one layout")
    }

    @Test func stationRuleSetReportsWhichLayoutIsWrong() {
        let error = RestrictedCirculationRuleSetError.invalidLayout(
            text: "22IIIVPPPPPC EUR 2", .wrongPatternLength(12))
        #expect(throws: error) {
            try RestrictedCirculationRuleSet(
                countryCode: "DE", countryName: "Germany",
                layoutTexts: ["22IIIVPPPPPC EUR 2"])
        }
        #expect(error.description == "layout \"22IIIVPPPPPC EUR 2\": layout has 12 digits, needs 13")
    }

    @Test(arguments: ["", "D", "DEU", "D1", "Ü1"])
    func stationRuleSetNeedsAlpha2Code(_ code: String) {
        #expect(throws: RestrictedCirculationRuleSetError.invalidCountryCode(code)) {
            try RestrictedCirculationRuleSet(countryCode: code, countryName: "x", layouts: [])
        }
    }

    @Test func layoutForPrefix() throws {
        let germany = try #require(germany)
        #expect(germany.layout(forPrefix: 28)?.description == "28IIIIVWWWWWC kg 3")
        #expect(germany.layout(forPrefix: 27) == nil)
        #expect(germany.layout(forPrefix: 40) == nil)
        #expect(germany.layout(forPrefix: -3) == nil)
    }
}

extension Result where Failure == RestrictedCirculationError {
    /// The error's message, or nil when decoding succeeded.
    var errorDescription: String? {
        guard case .failure(let error) = self else { return nil }
        return error.description
    }
}

/// A valid GTIN-13 for `pattern` with these item-reference and value digits; the price check digit (where the
/// pattern has V) and the GTIN check digit are computed independently of the decoder.
func build(_ pattern: String, item: String, value: String) -> String {
    var digits = Array(pattern.utf8)
    var itemDigits = Array(item.utf8).makeIterator()
    var valueDigits = Array(value.utf8).makeIterator()
    for index in digits.indices {
        switch digits[index] {
        case UInt8(ascii: "I"): digits[index] = itemDigits.next() ?? 48
        case UInt8(ascii: "P"), UInt8(ascii: "W"), UInt8(ascii: "N"): digits[index] = valueDigits.next() ?? 48
        default: break
        }
    }
    if let verifier = digits.firstIndex(of: UInt8(ascii: "V")) {
        digits[verifier] = UInt8(48 + referencePriceCheckDigit(value))
    }
    digits[12] = UInt8(48 + referenceGTINCheckDigit(digits[0..<12].map { Int($0) - 48 }))
    return String(decoding: digits, as: UTF8.self)
}

/// GS1 §7.9.3 and §7.9.4, from the published tables of weighted products.
func referencePriceCheckDigit(_ value: String) -> Int {
    let twoMinus = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7]
    let three = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7]
    let fivePlus = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9]
    let fiveMinus = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1]
    let digits = value.utf8.map { Int($0) - 48 }
    if digits.count == 4 {
        let sum = twoMinus[digits[0]] + twoMinus[digits[1]] + three[digits[2]] + fiveMinus[digits[3]]
        return (sum * 3) % 10
    }
    let sum =
        fivePlus[digits[0]] + twoMinus[digits[1]] + fiveMinus[digits[2]] + fivePlus[digits[3]]
        + twoMinus[digits[4]]
    let target = (10 - sum % 10) % 10
    return fiveMinus.firstIndex(of: target) ?? 0
}

/// GS1 §7.9.1: weights 3 and 1 alternating from the right.
func referenceGTINCheckDigit(_ payload: [Int]) -> Int {
    var sum = 0
    for (offset, digit) in payload.reversed().enumerated() {
        sum += offset % 2 == 0 ? digit * 3 : digit
    }
    return (10 - sum % 10) % 10
}
