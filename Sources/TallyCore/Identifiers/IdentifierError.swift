/// Why a number from a barcode or a keyboard is not a valid GTIN, SSCC, GLN or other GS1 key.
///
/// Each message says what a clerk can do: the number was misread (scan again) or mistyped (key it again).
public enum IdentifierError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The number holds a character that is not a digit, at this 0-based position.
    case notDigits(kind: String, position: Int)
    /// The number has the wrong count of digits for its kind.
    case wrongLength(kind: String, length: Int, expected: [Int])
    /// The last digit does not match the check digit computed from the others.
    case wrongCheckDigit(kind: String, found: Character, expected: Character)

    public var description: String {
        switch self {
        case .notDigits(let kind, let position):
            return "\(kind) must be digits only, but character \(position + 1) is not a digit"
        case .wrongLength(let kind, let length, let expected):
            let allowed = expected.map(String.init)
            let choices =
                allowed.count == 1 ? allowed[0] : allowed.dropLast().joined(separator: ", ") + " or " + allowed.last!
            return "\(kind) must have \(choices) digits, not \(length)"
        case .wrongCheckDigit(let kind, let found, let expected):
            return
                "\(kind) check digit is \(found) but should be \(expected): the code was misread or mistyped, scan or key it again"
        }
    }
}

/// Checks that `digits` are ASCII digits of an allowed length ending in a valid GS1 check digit.
@usableFromInline
func validateGS1Key(_ digits: some BidirectionalCollection<UInt8>, kind: String, lengths: [Int]) throws(IdentifierError)
{
    for (offset, byte) in digits.enumerated() where byte < 48 || byte > 57 {
        throw .notDigits(kind: kind, position: offset)
    }
    guard lengths.contains(digits.count) else {
        throw .wrongLength(kind: kind, length: digits.count, expected: lengths)
    }
    let expected = GS1CheckDigit.compute(for: digits.dropLast())!
    let found = digits.last!
    guard expected == found else {
        throw .wrongCheckDigit(
            kind: kind, found: Character(Unicode.Scalar(found)), expected: Character(Unicode.Scalar(expected)))
    }
}

/// The value of a run of ASCII digits, which the caller has already checked.
@inlinable
func decimalValue(of digits: some Collection<UInt8>) -> UInt64 {
    var value: UInt64 = 0
    for byte in digits { value = value &* 10 &+ UInt64(byte &- 48) }
    return value
}

/// `value` as exactly `width` ASCII digits, with leading zeros.
@inlinable
func zeroPaddedDigits(_ value: UInt64, width: Int) -> [UInt8] {
    var digits = [UInt8](repeating: 48, count: width)
    var rest = value
    var index = width - 1
    while rest > 0 && index >= 0 {
        digits[index] = UInt8(truncatingIfNeeded: 48 + rest % 10)
        rest /= 10
        index -= 1
    }
    return digits
}
