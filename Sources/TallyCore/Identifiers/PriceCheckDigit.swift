/// The GS1 price check digit (price or measure verifier digit) of a 4- or 5-digit value field.
///
/// GS1 General Specifications §7.9.2–§7.9.4. Each digit of the field is replaced by its weighted product, the
/// units digit of one of four products: `2-` (twice the digit, less its tens digit), `3` (three times the digit),
/// `5+` (five times the digit, plus its tens digit) and `5-` (five times the digit, less its tens digit).
/// - 4 digits, weighted `2-`, `2-`, `3`, `5-`: the check digit is the units digit of three times their sum.
/// - 5 digits, weighted `5+`, `2-`, `5-`, `5+`, `2-`: the check digit is the digit whose `5-` product equals ten
///   less the units digit of their sum (so the sum and that product end in 0).
///
/// GS1 (§2.1.14.2) says only that verifying the digit "ensures correct reading of the price", and the guarantee
/// both algorithms meet is that every single-digit error, in the value or in the check digit itself, is detected.
/// Transpositions are not guaranteed. Measured over every 4-digit field, a swap of value digits 1–2 is never caught
/// (both weigh `2-`), a swap of digits 2–3 is missed for 0 and 9, and a swap of digits 3–4 for 1 and 8: 17,600 of
/// 27,000 adjacent swaps (65.2 %) are detected. Over every 5-digit field, 338,000 of 360,000 (93.9 %) are detected:
/// 0/3 and 6/9 are missed in digits 1–2 and 4–5, 0/4 and 5/9 in digits 2–3, and 0/1, 2/3, 4/5, 6/7, 8/9 in
/// digits 3–4.
///
/// Digits are ASCII bytes so that scanner input is checked without making strings.
public enum PriceCheckDigit {
    /// The check digit for a 4- or 5-digit `value`, as an ASCII byte, or nil if `value` has another length or
    /// holds anything but ASCII digits.
    @inlinable
    public static func compute<Digits: Collection>(for value: Digits) -> UInt8? where Digits.Element == UInt8 {
        switch value.count {
        case 4: return fourDigitCheckDigit(value)
        case 5: return fiveDigitCheckDigit(value)
        default: return nil
        }
    }

    /// Whether `checkDigit` (an ASCII byte) is the check digit of the 4- or 5-digit `value`.
    @inlinable
    public static func isValid<Digits: Collection>(_ checkDigit: UInt8, for value: Digits) -> Bool
    where Digits.Element == UInt8 {
        guard let expected = compute(for: value) else { return false }
        return expected == checkDigit
    }

    @inlinable
    static func fourDigitCheckDigit<Digits: Collection>(_ value: Digits) -> UInt8? where Digits.Element == UInt8 {
        guard let sum = weightedSum(of: value, weights: fourDigitWeights) else { return nil }
        return UInt8(truncatingIfNeeded: 48 &+ (sum &* 3) % 10)
    }

    @inlinable
    static func fiveDigitCheckDigit<Digits: Collection>(_ value: Digits) -> UInt8? where Digits.Element == UInt8 {
        guard let sum = weightedSum(of: value, weights: fiveDigitWeights) else { return nil }
        return UInt8(truncatingIfNeeded: 48 &+ nibble(inverseOfFiveMinus, (10 &- sum % 10) % 10))
    }

    /// The sum of each digit's weighted product, or nil if `value` holds anything but ASCII digits.
    @inlinable
    static func weightedSum<Digits: Collection>(
        of value: Digits, weights: (UInt64, UInt64, UInt64, UInt64, UInt64)
    )
        -> Int? where Digits.Element == UInt8
    {
        var sum = 0
        var position = 0
        for byte in value {
            let digit = Int(byte) &- 48
            guard digit >= 0 && digit <= 9 else { return nil }
            let table =
                switch position {
                case 0: weights.0
                case 1: weights.1
                case 2: weights.2
                case 3: weights.3
                default: weights.4
                }
            sum &+= nibble(table, digit)
            position &+= 1
        }
        return sum
    }

    // Each table of weighted products is packed into an integer, nibble d holding the product for digit d, so a
    // lookup is a shift and a mask: no division and no array bounds check on the hot path.

    /// `2-`: 0, 2, 4, 6, 8, 9, 1, 3, 5, 7.
    @usableFromInline static let twoMinus: UInt64 = 0x75_3198_6420
    /// `3`: 0, 3, 6, 9, 2, 5, 8, 1, 4, 7.
    @usableFromInline static let three: UInt64 = 0x74_1852_9630
    /// `5+`: 0, 5, 1, 6, 2, 7, 3, 8, 4, 9.
    @usableFromInline static let fivePlus: UInt64 = 0x94_8372_6150
    /// `5-`: 0, 5, 9, 4, 8, 3, 7, 2, 6, 1.
    @usableFromInline static let fiveMinus: UInt64 = 0x16_2738_4950
    /// The inverse of `5-`: the digit whose `5-` product is n, for n from 0 to 9 (0, 9, 7, 5, 3, 1, 8, 6, 4, 2).
    @usableFromInline static let inverseOfFiveMinus: UInt64 = 0x24_6813_5790

    /// §7.9.3: the weights of a 4-digit field (the fifth is never reached).
    @usableFromInline static let fourDigitWeights = (twoMinus, twoMinus, three, fiveMinus, fiveMinus)
    /// §7.9.4: the weights of a 5-digit field.
    @usableFromInline static let fiveDigitWeights = (fivePlus, twoMinus, fiveMinus, fivePlus, twoMinus)

    @inlinable
    static func nibble(_ table: UInt64, _ index: Int) -> Int {
        Int(truncatingIfNeeded: (table >> UInt64(truncatingIfNeeded: index &* 4)) & 0xF)
    }
}
