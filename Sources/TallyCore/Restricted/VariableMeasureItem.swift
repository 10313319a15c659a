/// A price-, weight- or count-embedded restricted-circulation number, decoded by one layout.
///
/// The digits are kept packed in integers, which keeps the item small to pass around; the text properties build
/// their strings on request, and strings of 13 characters or fewer need no heap.
public struct VariableMeasureItem: Hashable, Sendable {
    /// The value carried in the code, converted to the units the till works in.
    public enum Value: Hashable, Sendable {
        case price(Money)
        case weight(Weight)
        case count(Int)
    }

    /// A weight as encoded, with its exact value in grams.
    ///
    /// Metric layouts always give a whole number of grams. A pound or ounce is not a whole number of grams
    /// (1 lb is 453.59237 g by definition), so ``wholeGrams`` is nil for most such weights and ``exactGrams``
    /// holds the exact decimal: nothing is rounded here, rounding is the caller's decision.
    public struct Weight: Hashable, Sendable {
        /// The number in the code: 6870 for 6.870 kg.
        public let encodedValue: Int64
        public let unit: VariableMeasureLayout.WeightUnit
        private let decimalsStorage: UInt8

        /// Digits of ``encodedValue`` after the decimal point.
        public var decimals: Int { Int(decimalsStorage) }

        /// The weight in grams, exactly.
        public var exactGrams: ExactGrams {
            let perUnit = unit.gramsPerUnit
            return ExactGrams(significand: encodedValue &* perUnit.significand, scale: perUnit.scale &+ decimals)
        }

        /// The weight in grams when it is a whole number of grams, otherwise nil.
        public var wholeGrams: Int64? { exactGrams.wholeGrams }

        /// `decimals` is at most 6 and the value at most 6 digits (layouts guarantee both), so the grams fit.
        init(encodedValue: Int64, unit: VariableMeasureLayout.WeightUnit, decimals: Int) {
            self.encodedValue = encodedValue
            self.unit = unit
            decimalsStorage = UInt8(truncatingIfNeeded: decimals)
        }
    }

    /// A number of grams as `significand × 10^-scale`, with no trailing zero in the significand when `scale` is
    /// above 0, so that `scale == 0` exactly when the weight is a whole number of grams.
    public struct ExactGrams: Hashable, Sendable, CustomStringConvertible {
        public let significand: Int64
        public let scale: Int

        public init(significand: Int64, scale: Int) {
            var significand = significand
            var scale = max(scale, 0)
            while scale > 0 && significand % 10 == 0 {
                significand /= 10
                scale -= 1
            }
            self.significand = significand
            self.scale = scale
        }

        public var wholeGrams: Int64? { scale == 0 ? significand : nil }

        /// The grams in decimal notation, such as `453.59237`.
        public var description: String {
            DecimalText.format(significand, decimals: scale)
        }
    }

    /// The layout that matched the code.
    public let layout: VariableMeasureLayout
    public let value: Value
    /// The scanned digits, four bits each, the first in the highest nibble used.
    let packedCode: UInt64
    /// The lookup GTIN's digits, packed the same way.
    let packedLookupGTIN: UInt64

    init(layout: VariableMeasureLayout, value: Value, packedCode: UInt64, packedLookupGTIN: UInt64) {
        self.layout = layout
        self.value = value
        self.packedCode = packedCode
        self.packedLookupGTIN = packedLookupGTIN
    }

    /// The GTIN-13 as scanned.
    public var code: String { Self.text(packedCode, positions: 0..<13) }

    /// The item-reference digits, as printed.
    public var itemReference: String { Self.text(packedCode, positions: layout.itemReference) }

    /// The code with its value digits and price check digit set to zero and its check digit recomputed: the
    /// GTIN-13 under which catalogues store a variable-measure item.
    public var lookupGTIN: String { Self.text(packedLookupGTIN, positions: 0..<13) }

    static func digit(_ packed: UInt64, at position: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: (packed >> UInt64(4 * (12 - position))) & 0xF)
    }

    static func text(_ packed: UInt64, positions: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: positions.count) { buffer in
            for (offset, position) in positions.enumerated() {
                buffer[offset] = 48 &+ digit(packed, at: position)
            }
            return positions.count
        }
    }
}

/// Decimal notation for a whole number with an implied decimal point, shared by weights, grams and messages.
enum DecimalText {
    static func format(_ number: Int64, decimals: Int) -> String {
        let magnitude = number.magnitude
        var digits = String(magnitude)
        if decimals > 0 {
            if digits.count <= decimals {
                digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return number < 0 ? "-" + digits : digits
    }
}
