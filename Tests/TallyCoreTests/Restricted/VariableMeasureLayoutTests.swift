import TallyCore
import Testing

@Suite struct VariableMeasureLayoutTests {
    @Test func readsPriceLayout() throws {
        let layout = try VariableMeasureLayout("22IIIIVPPPPPC EUR 2")
        #expect(layout.prefix == 22)
        #expect(layout.itemReference == 2..<6)
        #expect(layout.priceCheckDigitPosition == 6)
        #expect(layout.value == 7..<12)
        #expect(layout.meaning == .price(currency: try #require(Currency(code: "EUR")), decimals: 2))
        #expect(layout.pattern == "22IIIIVPPPPPC")
    }

    @Test func readsWeightAndCountLayouts() throws {
        let weight = try VariableMeasureLayout("02IIIIIWWWWWC lb 2")
        #expect(weight.prefix == 2)
        #expect(weight.priceCheckDigitPosition == nil)
        #expect(weight.meaning == .weight(unit: .pound, decimals: 2))
        let count = try VariableMeasureLayout("25IIIIVNNNNNC")
        #expect(count.meaning == .count)
    }

    @Test(arguments: [
        "22IIIIVPPPPPC EUR 2", "23IIIIIIWWWWC kg 3", "25IIIIVNNNNNC", "02IIIIIPPPPPC USD 2", "20IIIIIVPPPPC GBP 2",
        "29IIIIIIIWWWC g 0", "21IIIIIIPPPPC SEK 1", "24IIIIIIWWWWC oz 1",
    ])
    func textRoundTrips(_ text: String) throws {
        let layout = try VariableMeasureLayout(text)
        #expect(layout.description == text)
        #expect(try VariableMeasureLayout(layout.description) == layout)
    }

    @Test func acceptsLowerCaseCurrencyUnitAndExtraSpaces() throws {
        #expect(try VariableMeasureLayout("  22IIIIVPPPPPC   eur  2 ").description == "22IIIIVPPPPPC EUR 2")
        #expect(try VariableMeasureLayout("28IIIIVWWWWWC KG 3").description == "28IIIIVWWWWWC kg 3")
    }

    @Test func buildsFromPatternAndMeaning() throws {
        let sek = try #require(Currency(code: "SEK"))
        let layout = try VariableMeasureLayout(pattern: "20IIIIIIPPPPC", meaning: .price(currency: sek, decimals: 2))
        #expect(layout == (try VariableMeasureLayout("20IIIIIIPPPPC SEK 2")))
        #expect(throws: VariableMeasureLayoutError.valueLettersDisagreeWithMeaning(letter: "P")) {
            try VariableMeasureLayout(pattern: "20IIIIIIPPPPC", meaning: .count)
        }
        #expect(throws: VariableMeasureLayoutError.invalidDecimals("7")) {
            try VariableMeasureLayout(pattern: "20IIIIIIWWWWC", meaning: .weight(unit: .kilogram, decimals: 7))
        }
    }

    struct Rejection: Sendable, CustomTestStringConvertible {
        let text: String
        let error: VariableMeasureLayoutError
        let message: String
        var testDescription: String { "\"\(text)\"" }
    }

    @Test(arguments: [
        Rejection(
            text: "", error: .empty,
            message: "layout is empty; write a 13-character pattern such as "
                + "22IIIIVPPPPPC followed by its meaning"),
        Rejection(
            text: "22IIIVPPPPPC EUR 2", error: .wrongPatternLength(12), message: "layout has 12 digits, needs 13"),
        Rejection(
            text: "22IIIIIVPPPPPC EUR 2", error: .wrongPatternLength(14),
            message: "layout has 14 digits, needs 13"),
        Rejection(
            text: "2XIIIIVPPPPPC EUR 2", error: .missingPrefix("2X"),
            message: "layout starts with \"2X\"; the first two positions must be the prefix digits (02 or 20–29)"),
        Rejection(
            text: "45IIIIVPPPPPC EUR 2", error: .notRestrictedCirculationPrefix(45),
            message: "layout prefix 45 is not a restricted-circulation prefix (02 or 20–29)"),
        Rejection(
            text: "04IIIIVPPPPPC EUR 2", error: .notRestrictedCirculationPrefix(4),
            message: "layout prefix 04 is not a restricted-circulation prefix (02 or 20–29)"),
        Rejection(
            text: "22III7VPPPPPC EUR 2", error: .digitOutsidePrefix(position: 6),
            message: "layout position 6 is a digit; only the first two positions hold fixed digits"),
        Rejection(
            text: "22IIIIXPPPPPC EUR 2", error: .unexpectedCharacter("X", position: 7),
            message: "layout position 7 is \"X\"; use I (item reference), P (price), W (weight), N (count), "
                + "V (price check digit) or C (check digit)"),
        Rejection(
            text: "22IIIICPPPPPC EUR 2", error: .checkDigitNotLast(position: 7),
            message: "layout has C at position 7; the check digit C must be the last position only"),
        Rejection(
            text: "22IIIIVPPPPPI EUR 2", error: .missingCheckDigit,
            message: "layout must end with C, the check digit"),
        Rejection(
            text: "22IIPPPPPPPPC EUR 2", error: .valueTooLong(8),
            message: "layout value has 8 digits; at most 6 are supported"),
        Rejection(
            text: "22VPPPPPNNNNC EUR 2", error: .missingItemReference,
            message: "layout has no item reference digits (I)"),
        Rejection(
            text: "22IIVIIPPPPPC EUR 2", error: .itemReferenceNotContiguous,
            message: "layout item reference digits (I) must be one run of positions"),
        Rejection(
            text: "22IIIIIIIIIIC", error: .missingValue,
            message: "layout has no value digits (P for a price, W for a weight, N for a count)"),
        Rejection(
            text: "22IIIIVPPPWWC EUR 2", error: .mixedValueKinds,
            message: "layout mixes P, W and N; a layout carries one value"),
        Rejection(
            text: "22IIIPPVPPPIC EUR 2", error: .itemReferenceNotContiguous,
            message: "layout item reference digits (I) must be one run of positions"),
        Rejection(
            text: "22PPIIVPPPIIC EUR 2", error: .itemReferenceNotContiguous,
            message: "layout item reference digits (I) must be one run of positions"),
        Rejection(
            text: "22PPPIIIIPPPC EUR 2", error: .valueNotContiguous,
            message: "layout value digits must be one run of positions"),
        Rejection(
            text: "22IIIVVPPPPPC EUR 2", error: .morePriceCheckDigits(2),
            message: "layout has 2 price check digits (V); at most one"),
        Rejection(
            text: "22IIIIIVPPPC EUR 2", error: .wrongPatternLength(12),
            message: "layout has 12 digits, needs 13"),
        Rejection(
            text: "22IIIIIIVPPPC EUR 2", error: .priceCheckDigitNeedsFourOrFiveDigits(3),
            message: "a price check digit (V) needs a value of 4 or 5 digits; this layout has 3"),
        Rejection(
            text: "22IIIIIIPPPPC", error: .missingCurrency,
            message: "a price layout needs a currency and a number of decimals after the pattern, such as \"EUR 2\""),
        Rejection(
            text: "22IIIIIIPPPPC EUR", error: .missingCurrency,
            message: "a price layout needs a currency and a number of decimals after the pattern, such as \"EUR 2\""),
        Rejection(
            text: "22IIIIIIPPPPC EUX 2", error: .unknownCurrency("EUX"),
            message: "\"EUX\" is not a known ISO 4217 currency code"),
        Rejection(
            text: "22IIIIIIPPPPC EUR 3",
            error: .tooManyDecimalsForCurrency(
                decimals: 3, currency: "EUR",
                exponent: 2), message: "a price with 3 decimals cannot be held exactly in EUR, which has 2"),
        Rejection(
            text: "22IIIIIIPPPPC EUR two", error: .invalidDecimals("two"),
            message: "\"two\" is not a number of decimals from 0 to 6"),
        Rejection(
            text: "22IIIIIIPPPPC EUR 2 net", error: .unexpectedText("net"),
            message: "unexpected \"net\" after the layout"),
        Rejection(
            text: "28IIIIIIWWWWC", error: .missingWeightUnit,
            message: "a weight layout needs a unit and a number of decimals after the pattern, such as \"kg 3\""),
        Rejection(
            text: "28IIIIIIWWWWC kgs 3", error: .unknownWeightUnit("kgs"),
            message: "\"kgs\" is not a weight unit; use kg, g, lb or oz"),
        Rejection(
            text: "28IIIIIIWWWWC kg 9", error: .invalidDecimals("9"),
            message: "\"9\" is not a number of decimals from 0 to 6"),
        Rejection(
            text: "25IIIIVNNNNNC pieces", error: .unexpectedText("pieces"),
            message: "unexpected \"pieces\" after the layout"),
    ])
    func rejectsInvalidLayouts(_ rejection: Rejection) {
        #expect(throws: rejection.error) { try VariableMeasureLayout(rejection.text) }
        #expect(rejection.error.description == rejection.message)
    }

    @Test func restrictedCirculationPrefixes() {
        let prefixes = (0...99).filter(VariableMeasureLayout.isRestrictedCirculationPrefix)
        #expect(prefixes == [2, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29])
    }
}
