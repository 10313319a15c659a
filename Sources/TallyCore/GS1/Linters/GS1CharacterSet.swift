/// The character sets that a component of a GS1 AI value may be drawn from.
///
/// The raw value is the letter that the GS1 Barcode Syntax Dictionary uses for the set.
/// Character sets are defined in the GS1 General Specifications §7.11; the checks behave like
/// gs1-syntax-engine lint_csetnumeric.c, lint_cset82.c, lint_cset39.c and lint_cset64.c.
public enum GS1CharacterSet: String, Sendable, CaseIterable {
    /// The digits `0` to `9`.
    case numeric = "N"
    /// GS1 AI encodable character set 82: letters, digits and `!"%&'()*+,-./:;<=>?_`.
    case cset82 = "X"
    /// GS1 AI encodable character set 39: capital letters, digits, `#`, `-` and `/`.
    case cset39 = "Y"
    /// GS1 AI encodable character set 64: base64url (letters, digits, `-`, `_`), optionally padded with `=`.
    case cset64 = "Z"

    /// Checks that every byte of `value` belongs to this set; nil when it does.
    ///
    /// The failure marks the first byte outside the set. For `cset64`, trailing `=` padding is accepted
    /// only as base64 uses it: at most two, and only when the padded length is a multiple of three.
    public func lint(_ value: ArraySlice<UInt8>) -> GS1LintFailure? {
        value.withGS1LintBytes { bytes in
            switch self {
            case .numeric: Self.firstOutside(.digits, in: bytes, problem: .nonDigitCharacter)
            case .cset82: Self.firstOutside(.cset82, in: bytes, problem: .invalidCSET82Character)
            case .cset39: Self.firstOutside(.cset39, in: bytes, problem: .invalidCSET39Character)
            case .cset64: Self.checkBase64URL(bytes)
            }
        }
    }

    private static func firstOutside(
        _ set: GS1ByteSet, in bytes: GS1LintBytes, problem: GS1LintProblem
    ) -> GS1LintFailure? {
        for index in 0..<bytes.count where !set.contains(bytes[index]) {
            return .character(problem, at: index, in: bytes)
        }
        return nil
    }

    private static func checkBase64URL(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        var padding = 0
        while padding < bytes.count && bytes[bytes.count - 1 - padding] == UInt8(ascii: "=") {
            padding += 1
        }
        let dataCount = bytes.count - padding
        if padding > 2 || (padding > 0 && bytes.count % 3 != 0) {
            return GS1LintFailure(.invalidCSET64Padding, offset: dataCount, length: padding)
        }
        return firstOutside(.cset64, in: bytes.part(0..<dataCount), problem: .invalidCSET64Character)
    }
}
