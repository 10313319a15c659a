/// UPC-E, the zero-suppressed 8-digit form of a UPC-A number for small packages.
///
/// A UPC-E code is a number system digit (0 or 1), six digits, and the check digit of the UPC-A it stands for.
/// The sixth digit says where the suppressed zeros go (GS1 General Specifications §5.2.2.4.2).
public enum UPCE {
    /// Expands 8 ASCII digits of UPC-E to the 12 digits of its UPC-A, checking the number system and check digit.
    public static func expand(_ digits: some Collection<UInt8>) throws(IdentifierError) -> [UInt8] {
        let code = Array(digits)
        for (offset, byte) in code.enumerated() where byte < 48 || byte > 57 {
            throw .notDigits(kind: "UPC-E", position: offset)
        }
        guard code.count == 8 else { throw .wrongLength(kind: "UPC-E", length: code.count, expected: [8]) }
        guard code[0] == UInt8(ascii: "0") || code[0] == UInt8(ascii: "1") else {
            // Only number systems 0 and 1 can be zero-suppressed; anything else is not UPC-E.
            throw .notDigits(kind: "UPC-E number system (0 or 1)", position: 0)
        }
        let expanded = expandPayload(code)
        let expected = GS1CheckDigit.compute(for: expanded[0..<11])!
        guard expected == code[7] else {
            throw .wrongCheckDigit(
                kind: "UPC-E", found: Character(Unicode.Scalar(code[7])), expected: Character(Unicode.Scalar(expected)))
        }
        return expanded
    }

    /// The 12 UPC-A digits for a UPC-E `code` of 8 digits, copying its check digit unchecked.
    static func expandPayload(_ code: [UInt8]) -> [UInt8] {
        let zero = UInt8(ascii: "0")
        let (d1, d2, d3, d4, d5, d6) = (code[1], code[2], code[3], code[4], code[5], code[6])
        let middle: [UInt8]
        switch d6 {
        case UInt8(ascii: "0")...UInt8(ascii: "2"): middle = [d1, d2, d6, zero, zero, zero, zero, d3, d4, d5]
        case UInt8(ascii: "3"): middle = [d1, d2, d3, zero, zero, zero, zero, zero, d4, d5]
        case UInt8(ascii: "4"): middle = [d1, d2, d3, d4, zero, zero, zero, zero, zero, d5]
        default: middle = [d1, d2, d3, d4, d5, zero, zero, zero, zero, d6]
        }
        return [code[0]] + middle + [code[7]]
    }

    /// The 8-digit UPC-E for a valid 12-digit UPC-A, or nil when the UPC-A has no zero-suppressed form.
    public static func compress(_ upcA: some Collection<UInt8>) -> [UInt8]? {
        let code = Array(upcA)
        guard code.count == 12, code.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            code[0] == UInt8(ascii: "0") || code[0] == UInt8(ascii: "1")
        else { return nil }
        let zero = UInt8(ascii: "0")
        let manufacturer = code[1...5]
        let product = code[6...10]
        let candidate: [UInt8]
        if manufacturer[4...5].allSatisfy({ $0 == zero }) && manufacturer[3] <= UInt8(ascii: "2")
            && product[6...7].allSatisfy({ $0 == zero })
        {
            candidate = [code[1], code[2], code[8], code[9], code[10], code[3]]
        } else if manufacturer[4...5].allSatisfy({ $0 == zero }) && product[6...8].allSatisfy({ $0 == zero }) {
            candidate = [code[1], code[2], code[3], code[9], code[10], UInt8(ascii: "3")]
        } else if code[5] == zero && product[6...9].allSatisfy({ $0 == zero }) {
            candidate = [code[1], code[2], code[3], code[4], code[10], UInt8(ascii: "4")]
        } else if product[6...9].allSatisfy({ $0 == zero }) && code[10] >= UInt8(ascii: "5") {
            candidate = [code[1], code[2], code[3], code[4], code[5], code[10]]
        } else {
            return nil
        }
        let upcE = [code[0]] + candidate + [code[11]]
        // The rules overlap at their edges; only a form that expands back to the same UPC-A is right.
        return expandPayload(upcE) == code ? upcE : nil
    }
}
