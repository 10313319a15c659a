/// The two check characters that end every Tally code.
///
/// A pure check system in the manner of ISO/IEC 7064 with modulus 1271 (= 31 × 41) and radix 36, over the 38
/// symbols Tally codes use: `0`–`9` (values 0–9), `A`–`Z` (10–35), `-` (36) and `.` (37). Because every difference
/// of two symbol values is below 41 and neither 36 nor 35 shares a factor with 1271, it detects every single
/// substitution and every transposition of two adjacent characters, separators and check characters included.
/// The two check characters are the base-36 digits of a number below 1271, so they are always `0`–`9` or `A`–`Z`.
public enum TallyCodeCheck {
    static let modulus = 1271
    static let radix = 36

    /// The value of an uppercase symbol of a Tally code, or nil for any other byte.
    @inlinable
    static func value(of byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte) - 48
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(byte) - 55
        case UInt8(ascii: "-"): 36
        case UInt8(ascii: "."): 37
        default: nil
        }
    }

    static func symbol(_ value: Int) -> UInt8 { UInt8(value < 10 ? 48 + value : 55 + value) }

    static func remainder(_ bytes: some Sequence<UInt8>) -> Int? {
        var remainder = 0
        for byte in bytes {
            guard let value = value(of: byte) else { return nil }
            remainder = (remainder * radix + value) % modulus
        }
        return remainder
    }

    /// The two check characters for `payload` (uppercase symbols only), or nil if it holds anything else.
    public static func compute(for payload: some Sequence<UInt8>) -> [UInt8]? {
        guard let remainder = remainder(payload) else { return nil }
        // Choose the check number so that the whole code leaves remainder 1, as ISO/IEC 7064 does.
        let shifted = remainder * radix * radix % modulus
        let check = ((1 - shifted) % modulus + modulus) % modulus
        return [symbol(check / radix), symbol(check % radix)]
    }

    /// Whether `code` (uppercase) ends in the right two check characters for what precedes them.
    public static func isValid(_ code: some Collection<UInt8>) -> Bool {
        guard code.count > 2, let remainder = remainder(code) else { return false }
        return remainder == 1
    }
}
