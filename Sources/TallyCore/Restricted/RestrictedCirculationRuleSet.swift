/// The variable-measure layouts of one country: which restricted-circulation prefixes carry a price, weight or
/// count, and how.
///
/// Shipped rule sets are chosen by ISO 3166-1 alpha-2 code with ``forCountry(_:variant:)``; a station can also
/// build its own from layouts it reads from configuration. A rule set keeps its layouts in a table indexed by
/// prefix, so decoding does no search and no heap allocation.
public struct RestrictedCirculationRuleSet: Hashable, Sendable {
    /// ISO 3166-1 alpha-2 code, upper case.
    public let countryCode: String
    public let countryName: String
    /// Which of a country's alternative rule sets this is, or nil where the country has only one.
    public let variant: String?
    /// One layout per prefix, in the order given.
    public let layouts: [VariableMeasureLayout]

    /// Slot 0 holds prefix 02 and slots 1 to 10 prefixes 20 to 29.
    let layoutBySlot: [VariableMeasureLayout?]

    public init(
        countryCode: some StringProtocol, countryName: String, variant: String? = nil,
        layouts: [VariableMeasureLayout]
    ) throws(RestrictedCirculationRuleSetError) {
        let code = countryCode.uppercased()
        guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw .invalidCountryCode(String(countryCode))
        }
        var slots = [VariableMeasureLayout?](repeating: nil, count: 11)
        for layout in layouts {
            let slot = Self.slot(forPrefix: layout.prefix)
            guard slots[slot] == nil else { throw .duplicatePrefix(layout.prefix) }
            slots[slot] = layout
        }
        self.countryCode = code
        self.countryName = countryName
        self.variant = variant
        self.layouts = layouts
        layoutBySlot = slots
    }

    /// A rule set from layouts in their compact text form, as a station configuration holds them.
    public init(
        countryCode: some StringProtocol, countryName: String, variant: String? = nil, layoutTexts: [String]
    ) throws(RestrictedCirculationRuleSetError) {
        var layouts: [VariableMeasureLayout] = []
        for text in layoutTexts {
            do {
                layouts.append(try VariableMeasureLayout(text))
            } catch {
                throw .invalidLayout(text: text, error)
            }
        }
        try self.init(countryCode: countryCode, countryName: countryName, variant: variant, layouts: layouts)
    }

    /// The layout for a prefix (2 for `02`, 20 to 29), if the rule set has one.
    public func layout(forPrefix prefix: Int) -> VariableMeasureLayout? {
        guard VariableMeasureLayout.isRestrictedCirculationPrefix(prefix) else { return nil }
        return layoutBySlot[Self.slot(forPrefix: prefix)]
    }

    static func slot(forPrefix prefix: Int) -> Int {
        prefix == 2 ? 0 : prefix - 19
    }

    /// The 13 ASCII digits as 4-bit values, the first in the highest nibble used.
    static func pack(_ digits: UnsafeMutableRawBufferPointer) -> UInt64 {
        var packed: UInt64 = 0
        for digit in digits {
            packed = packed << 4 | UInt64(digit &- 48)
        }
        return packed
    }

    /// Reads the 13 digits of a GTIN-13 given as text; a UPC-A is given with a leading 0.
    public func decode(_ code: some StringProtocol) -> Result<RestrictedCirculationReading, RestrictedCirculationError>
    {
        decode(code.utf8)
    }

    /// Reads the 13 ASCII digits of a GTIN-13; a UPC-A is given with a leading 0.
    ///
    /// The GTIN check digit is verified first, for every code, then the price check digit where the layout has
    /// one. Nothing is allocated on the heap: the digits are copied to a 13-byte buffer on the stack.
    @inlinable
    public func decode<Code: Collection>(
        _ code: Code
    ) -> Result<RestrictedCirculationReading, RestrictedCirculationError> where Code.Element == UInt8 {
        withUnsafeTemporaryAllocation(byteCount: 13, alignment: 1) { digits in
            var count = 0
            for byte in code {
                // A collection may report one count and yield another; never write past the 13 bytes.
                guard count < 13 else { return .failure(.wrongLength(code.count)) }
                digits[count] = byte
                count &+= 1
            }
            guard count == 13 else { return .failure(.wrongLength(count)) }
            return decode(digits: digits)
        }
    }

    /// Reads 13 ASCII bytes, and overwrites them with the lookup GTIN when they are a variable-measure item.
    @usableFromInline
    func decode(
        digits: UnsafeMutableRawBufferPointer
    ) -> Result<RestrictedCirculationReading, RestrictedCirculationError> {
        for position in 0..<13 where digits[position] &- 48 > 9 {
            return .failure(.notADigit(position: position + 1))
        }
        let found = digits[12]
        let expected = GS1CheckDigit.compute(for: UnsafeRawBufferPointer(rebasing: digits[0..<12])) ?? 0
        guard expected == found else {
            let code = String(decoding: UnsafeRawBufferPointer(digits), as: UTF8.self)
            return .failure(.wrongCheckDigit(code: code, expected: Int(expected) - 48, found: Int(found) - 48))
        }

        let prefix = Int(digits[0] &- 48) * 10 + Int(digits[1] &- 48)
        guard VariableMeasureLayout.isRestrictedCirculationPrefix(prefix) else { return .success(.notRestricted) }
        guard let layout = layoutBySlot[Self.slot(forPrefix: prefix)] else {
            return .success(
                .restrictedWithoutLayout(RestrictedPrefixWithoutLayout(prefix: prefix, countryName: countryName)))
        }

        let valueDigits = UnsafeMutableRawBufferPointer(rebasing: digits[layout.value])
        var encodedValue: Int64 = 0
        for digit in valueDigits {
            encodedValue = encodedValue &* 10 &+ Int64(digit &- 48)
        }
        if let checkPosition = layout.priceCheckDigitPosition {
            let expected = PriceCheckDigit.compute(for: UnsafeRawBufferPointer(valueDigits)) ?? 0
            let found = digits[checkPosition]
            guard expected == found else {
                let mismatch = PriceCheckDigitMismatch(
                    layout: layout, encodedValue: encodedValue, expected: Int(expected) - 48, found: Int(found) - 48)
                return .failure(.wrongPriceCheckDigit(mismatch))
            }
        }

        let value: VariableMeasureItem.Value
        switch layout.meaning {
        case .price(let currency, _):
            value = .price(Money(minorUnits: encodedValue &* layout.minorUnitsPerValueUnit, currency: currency))
        case .weight(let unit, let decimals):
            value = .weight(VariableMeasureItem.Weight(encodedValue: encodedValue, unit: unit, decimals: decimals))
        case .count:
            value = .count(Int(encodedValue))
        }

        let packedCode = Self.pack(digits)
        valueDigits.initializeMemory(as: UInt8.self, repeating: 48)
        if let checkPosition = layout.priceCheckDigitPosition {
            digits[checkPosition] = PriceCheckDigit.compute(for: UnsafeRawBufferPointer(valueDigits)) ?? 48
        }
        digits[12] = GS1CheckDigit.compute(for: UnsafeRawBufferPointer(rebasing: digits[0..<12])) ?? 48
        let item = VariableMeasureItem(
            layout: layout, value: value, packedCode: packedCode, packedLookupGTIN: Self.pack(digits))
        return .success(.variableMeasure(item))
    }
}

/// Why a rule set could not be built.
public enum RestrictedCirculationRuleSetError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidCountryCode(String)
    /// Two layouts claim the same prefix (2 for `02`, 20 to 29).
    case duplicatePrefix(Int)
    case invalidLayout(text: String, VariableMeasureLayoutError)

    public var description: String {
        switch self {
        case .invalidCountryCode(let code):
            "\"\(code)\" is not an ISO 3166-1 alpha-2 country code"
        case .duplicatePrefix(let prefix):
            "two layouts use prefix \(VariableMeasureLayoutError.twoDigits(prefix)); a prefix can have one layout"
        case .invalidLayout(let text, let error):
            "layout \"\(text)\": \(error)"
        }
    }
}
