/// The GS1 modulo-10 check digit of GTIN, SSCC, GLN, GSRN and every other numeric GS1 key.
///
/// Weights alternate 3 and 1 from the right-most digit before the check digit (GS1 General
/// Specifications §7.9.1). It detects every single-digit error, and every transposition of two
/// adjacent digits except those whose digits differ by 5 (for example `05` and `50`), which no
/// weighted modulo-10 scheme can tell apart.
///
/// Digits are ASCII bytes so that scanner input is checked without making strings.
public enum GS1CheckDigit {
    /// The check digit for `payload` (the digits before the check digit), as an ASCII byte, or nil if
    /// `payload` holds anything but ASCII digits.
    @inlinable
    public static func compute<C: BidirectionalCollection>(for payload: C) -> UInt8? where C.Element == UInt8 {
        var sum = 0
        var weightThree = true
        for byte in payload.reversed() {
            let digit = Int(byte) &- 48
            guard digit >= 0 && digit <= 9 else { return nil }
            sum &+= weightThree ? digit &* 3 : digit
            weightThree.toggle()
        }
        return UInt8(truncatingIfNeeded: 48 + (10 - sum % 10) % 10)
    }

    /// Whether the last byte of `number` is the right check digit for the digits before it.
    @inlinable
    public static func isValid<C: BidirectionalCollection>(_ number: C) -> Bool where C.Element == UInt8 {
        guard let last = number.last, number.count >= 2 else { return false }
        return compute(for: number.dropLast()) == last
    }
}
