/// How one restricted-circulation prefix splits a GTIN-13 into item reference, value and check digits.
///
/// A layout is data: a 13-character pattern over the digits of the GTIN-13 and what its value means. In the
/// compact text form, `"22IIIIVPPPPPC EUR 2"`, the pattern holds
/// - the two-digit prefix (`02` or `20`–`29`) in the first two positions,
/// - `I` for each item-reference digit,
/// - `P` (price), `W` (weight) or `N` (count of pieces) for each digit of the value,
/// - `V` for the price check digit over the value (GS1 calls it the price or measure verifier digit), if any,
/// - `C` for the GTIN check digit, always last;
///
/// then, for a price, the currency and the number of decimals (`EUR 2`: 00239 is 2.39 EUR); for a weight, the unit
/// (`kg`, `g`, `lb` or `oz`) and the number of decimals (`kg 3`: 06870 is 6.870 kg); for a count, nothing.
/// Item reference and value are each one run of digits, the value at most 6 long, and a price check digit needs a
/// value of 4 or 5 digits (the only lengths GS1 defines it for).
public struct VariableMeasureLayout: Hashable, Sendable, CustomStringConvertible {
    /// The unit a weight is encoded in.
    public enum WeightUnit: String, Hashable, Sendable, CaseIterable {
        case kilogram = "kg"
        case gram = "g"
        case pound = "lb"
        case ounce = "oz"

        /// Grams in one unit, exactly, as `significand × 10^-scale`: the pound is 453.59237 g by definition.
        var gramsPerUnit: (significand: Int64, scale: Int) {
            switch self {
            case .kilogram: (1000, 0)
            case .gram: (1, 0)
            case .pound: (45_359_237, 5)
            case .ounce: (28_349_523_125, 9)
            }
        }
    }

    /// What the value digits mean.
    public enum ValueMeaning: Hashable, Sendable {
        /// A price in `currency` with `decimals` digits after the decimal point.
        case price(currency: Currency, decimals: Int)
        /// A weight in `unit` with `decimals` digits after the decimal point.
        case weight(unit: WeightUnit, decimals: Int)
        /// A number of pieces.
        case count
    }

    // Positions are stored in bytes so that a decoded item, which carries its layout, stays small to copy.
    private let prefixStorage: UInt8
    private let itemReferenceStart: UInt8
    private let itemReferenceEnd: UInt8
    private let valueStart: UInt8
    private let valueEnd: UInt8
    /// The position of the price check digit plus one, or 0 when there is none.
    private let priceCheckDigitStorage: UInt8
    public let meaning: ValueMeaning
    /// Minor units of the currency in one unit of the last price digit, as a power of ten: 2 for whole kronor.
    private let minorUnitsExponent: UInt8

    /// The two-digit prefix as a number: 2 for `02`, 20 to 29 for `20`–`29`.
    public var prefix: Int { Int(prefixStorage) }
    /// Positions (0 to 12) of the item-reference digits.
    public var itemReference: Range<Int> { Int(itemReferenceStart)..<Int(itemReferenceEnd) }
    /// Positions of the value digits.
    public var value: Range<Int> { Int(valueStart)..<Int(valueEnd) }
    /// Position of the price check digit over the value, if the layout has one.
    public var priceCheckDigitPosition: Int? {
        priceCheckDigitStorage == 0 ? nil : Int(priceCheckDigitStorage) - 1
    }

    /// Minor units of the currency in one unit of the last price digit: 100 for whole kronor, 10 for 1 decimal.
    var minorUnitsPerValueUnit: Int64 { Self.powerOfTen(Int(minorUnitsExponent)) }

    /// Parses the compact text form, such as `"22IIIIVPPPPPC EUR 2"`, `"28IIIIVWWWWWC kg 3"` or
    /// `"25IIIIVNNNNNC"`.
    public init(_ text: some StringProtocol) throws(VariableMeasureLayoutError) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let pattern = words.first else { throw .empty }
        let fields = try Self.parsePattern(pattern)
        let meaning = try Self.parseMeaning(kind: fields.valueKind, words: words.dropFirst())
        try self.init(fields: fields, meaning: meaning)
    }

    /// A layout from its 13-character pattern and meaning; the value letters of `pattern` must agree with
    /// `meaning` (`P` for a price, `W` for a weight, `N` for a count).
    public init(pattern: some StringProtocol, meaning: ValueMeaning) throws(VariableMeasureLayoutError) {
        let fields = try Self.parsePattern(pattern)
        guard fields.valueKind == Self.valueLetter(of: meaning) else {
            throw .valueLettersDisagreeWithMeaning(letter: fields.valueKind)
        }
        try self.init(fields: fields, meaning: meaning)
    }

    private init(fields: PatternFields, meaning: ValueMeaning) throws(VariableMeasureLayoutError) {
        prefixStorage = UInt8(fields.prefix)
        itemReferenceStart = UInt8(fields.itemReference.lowerBound)
        itemReferenceEnd = UInt8(fields.itemReference.upperBound)
        valueStart = UInt8(fields.value.lowerBound)
        valueEnd = UInt8(fields.value.upperBound)
        priceCheckDigitStorage = fields.priceCheckDigitPosition.map { UInt8($0 + 1) } ?? 0
        self.meaning = meaning
        switch meaning {
        case .price(let currency, let decimals):
            let exponent = currency.minorUnitExponent
            // A price finer than the minor unit could not become a whole number of minor units.
            guard decimals >= 0 && decimals <= exponent && exponent <= Self.maximumDecimals else {
                throw .tooManyDecimalsForCurrency(decimals: decimals, currency: currency.code, exponent: exponent)
            }
            minorUnitsExponent = UInt8(exponent - decimals)
        case .weight(_, let decimals):
            guard decimals >= 0 && decimals <= Self.maximumDecimals else { throw .invalidDecimals(String(decimals)) }
            minorUnitsExponent = 0
        case .count:
            minorUnitsExponent = 0
        }
    }

    /// The 13-character pattern, such as `22IIIIVPPPPPC`.
    public var pattern: String {
        // Every position that is not prefix, value, price check digit or check digit is item reference.
        var characters = [Character](repeating: "I", count: 13)
        characters[0] = Character(String(prefix / 10))
        characters[1] = Character(String(prefix % 10))
        let letter = Self.valueLetter(of: meaning)
        for position in value { characters[position] = letter }
        if let priceCheckDigitPosition { characters[priceCheckDigitPosition] = "V" }
        characters[12] = "C"
        return String(characters)
    }

    /// The compact text form, which `init(_:)` reads back.
    public var description: String {
        switch meaning {
        case .price(let currency, let decimals): "\(pattern) \(currency.code) \(decimals)"
        case .weight(let unit, let decimals): "\(pattern) \(unit.rawValue) \(decimals)"
        case .count: pattern
        }
    }

    static let maximumValueDigits = 6
    static let maximumDecimals = 6

    static func valueLetter(of meaning: ValueMeaning) -> Character {
        switch meaning {
        case .price: "P"
        case .weight: "W"
        case .count: "N"
        }
    }

    static func powerOfTen(_ exponent: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<max(exponent, 0) { result &*= 10 }
        return result
    }

    /// Whether a GTIN-13 starting with these two digits is a restricted-circulation number for a geographic
    /// region (GS1 General Specifications §2.1.12: prefix 02 and 20 to 29).
    public static func isRestrictedCirculationPrefix(_ prefix: Int) -> Bool {
        prefix == 2 || (20...29).contains(prefix)
    }

    struct PatternFields {
        var prefix: Int
        var itemReference: Range<Int>
        var value: Range<Int>
        var valueKind: Character
        var priceCheckDigitPosition: Int?
    }

    static func parsePattern(_ pattern: some StringProtocol) throws(VariableMeasureLayoutError) -> PatternFields {
        let characters = Array(pattern)
        guard characters.count == 13 else { throw .wrongPatternLength(characters.count) }
        guard let tens = characters[0].wholeNumberValue, let units = characters[1].wholeNumberValue,
            characters[0].isASCII, characters[1].isASCII
        else { throw .missingPrefix(String(characters[0...1])) }
        let prefix = tens * 10 + units
        guard isRestrictedCirculationPrefix(prefix) else { throw .notRestrictedCirculationPrefix(prefix) }

        var itemPositions: [Int] = []
        var valuePositions: [Int] = []
        var valueKinds: Set<Character> = []
        var checkPositions: [Int] = []
        for position in 2..<13 {
            let character = characters[position]
            switch character {
            case "I": itemPositions.append(position)
            case "P", "W", "N":
                valuePositions.append(position)
                valueKinds.insert(character)
            case "V": checkPositions.append(position)
            case "C":
                guard position == 12 else { throw .checkDigitNotLast(position: position + 1) }
            default:
                if character.isNumber { throw .digitOutsidePrefix(position: position + 1) }
                throw .unexpectedCharacter(character, position: position + 1)
            }
        }
        guard characters[12] == "C" else { throw .missingCheckDigit }
        guard let itemReference = contiguousRange(itemPositions) else {
            throw itemPositions.isEmpty ? .missingItemReference : .itemReferenceNotContiguous
        }
        guard let valueKind = valueKinds.first else { throw .missingValue }
        guard valueKinds.count == 1 else { throw .mixedValueKinds }
        guard let value = contiguousRange(valuePositions) else { throw .valueNotContiguous }
        guard value.count <= maximumValueDigits else { throw .valueTooLong(value.count) }
        guard checkPositions.count <= 1 else { throw .morePriceCheckDigits(checkPositions.count) }
        if !checkPositions.isEmpty && value.count != 4 && value.count != 5 {
            throw .priceCheckDigitNeedsFourOrFiveDigits(value.count)
        }
        return PatternFields(
            prefix: prefix, itemReference: itemReference, value: value, valueKind: valueKind,
            priceCheckDigitPosition: checkPositions.first)
    }

    static func contiguousRange(_ positions: [Int]) -> Range<Int>? {
        guard let first = positions.first, let last = positions.last, last - first + 1 == positions.count else {
            return nil
        }
        return first..<(last + 1)
    }

    static func parseMeaning(
        kind: Character, words: ArraySlice<some StringProtocol>
    ) throws(VariableMeasureLayoutError) -> ValueMeaning {
        let words = words.map { String($0) }
        switch kind {
        case "P":
            guard words.count == 2 else { throw words.count < 2 ? .missingCurrency : .unexpectedText(words[2]) }
            guard words[0].count == 3, let currency = Currency(code: words[0].uppercased()) else {
                throw .unknownCurrency(words[0])
            }
            return .price(currency: currency, decimals: try parseDecimals(words[1]))
        case "W":
            guard words.count == 2 else { throw words.count < 2 ? .missingWeightUnit : .unexpectedText(words[2]) }
            guard let unit = WeightUnit(rawValue: words[0].lowercased()) else {
                throw .unknownWeightUnit(words[0])
            }
            return .weight(unit: unit, decimals: try parseDecimals(words[1]))
        default:
            guard words.isEmpty else { throw .unexpectedText(words[0]) }
            return .count
        }
    }

    static func parseDecimals(_ word: String) throws(VariableMeasureLayoutError) -> Int {
        guard word.count == 1, let decimals = Int(word), decimals <= maximumDecimals else {
            throw .invalidDecimals(word)
        }
        return decimals
    }
}

/// Why a variable-measure layout was rejected, worded for whoever configures the station.
public enum VariableMeasureLayoutError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    /// The pattern has this many characters instead of 13.
    case wrongPatternLength(Int)
    /// The first two characters are not two digits.
    case missingPrefix(String)
    case notRestrictedCirculationPrefix(Int)
    /// Positions are counted from 1, as a person reads them.
    case digitOutsidePrefix(position: Int)
    case unexpectedCharacter(Character, position: Int)
    case checkDigitNotLast(position: Int)
    case missingCheckDigit
    case missingItemReference
    case itemReferenceNotContiguous
    case missingValue
    case mixedValueKinds
    case valueNotContiguous
    case valueTooLong(Int)
    case morePriceCheckDigits(Int)
    case priceCheckDigitNeedsFourOrFiveDigits(Int)
    case valueLettersDisagreeWithMeaning(letter: Character)
    case missingCurrency
    case unknownCurrency(String)
    case missingWeightUnit
    case unknownWeightUnit(String)
    case invalidDecimals(String)
    case tooManyDecimalsForCurrency(decimals: Int, currency: String, exponent: Int)
    case unexpectedText(String)

    public var description: String {
        switch self {
        case .empty:
            "layout is empty; write a 13-character pattern such as 22IIIIVPPPPPC followed by its meaning"
        case .wrongPatternLength(let count):
            "layout has \(count) digits, needs 13"
        case .missingPrefix(let start):
            "layout starts with \"\(start)\"; the first two positions must be the prefix digits (02 or 20–29)"
        case .notRestrictedCirculationPrefix(let prefix):
            "layout prefix \(Self.twoDigits(prefix)) is not a restricted-circulation prefix (02 or 20–29)"
        case .digitOutsidePrefix(let position):
            "layout position \(position) is a digit; only the first two positions hold fixed digits"
        case .unexpectedCharacter(let character, let position):
            "layout position \(position) is \"\(character)\"; use I (item reference), P (price), W (weight), "
                + "N (count), V (price check digit) or C (check digit)"
        case .checkDigitNotLast(let position):
            "layout has C at position \(position); the check digit C must be the last position only"
        case .missingCheckDigit:
            "layout must end with C, the check digit"
        case .missingItemReference:
            "layout has no item reference digits (I)"
        case .itemReferenceNotContiguous:
            "layout item reference digits (I) must be one run of positions"
        case .missingValue:
            "layout has no value digits (P for a price, W for a weight, N for a count)"
        case .mixedValueKinds:
            "layout mixes P, W and N; a layout carries one value"
        case .valueNotContiguous:
            "layout value digits must be one run of positions"
        case .valueTooLong(let count):
            "layout value has \(count) digits; at most \(VariableMeasureLayout.maximumValueDigits) are supported"
        case .morePriceCheckDigits(let count):
            "layout has \(count) price check digits (V); at most one"
        case .priceCheckDigitNeedsFourOrFiveDigits(let count):
            "a price check digit (V) needs a value of 4 or 5 digits; this layout has \(count)"
        case .valueLettersDisagreeWithMeaning(let letter):
            "layout value letter \(letter) does not match its meaning (P for a price, W for a weight, N for a count)"
        case .missingCurrency:
            "a price layout needs a currency and a number of decimals after the pattern, such as \"EUR 2\""
        case .unknownCurrency(let code):
            "\"\(code)\" is not a known ISO 4217 currency code"
        case .missingWeightUnit:
            "a weight layout needs a unit and a number of decimals after the pattern, such as \"kg 3\""
        case .unknownWeightUnit(let unit):
            "\"\(unit)\" is not a weight unit; use kg, g, lb or oz"
        case .invalidDecimals(let text):
            "\"\(text)\" is not a number of decimals from 0 to \(VariableMeasureLayout.maximumDecimals)"
        case .tooManyDecimalsForCurrency(let decimals, let currency, let exponent):
            "a price with \(decimals) decimals cannot be held exactly in \(currency), which has \(exponent)"
        case .unexpectedText(let text):
            "unexpected \"\(text)\" after the layout"
        }
    }

    static func twoDigits(_ prefix: Int) -> String {
        prefix < 10 ? "0\(prefix)" : String(prefix)
    }
}
