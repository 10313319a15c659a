/// The data bytes of an ESC/POS Code 128 command (`GS k 73`) read as the text the barcode carries.
///
/// ESC/POS writes Code 128 as code-set switches and characters: `{A`, `{B` and `{C` choose the set, `{{` is a
/// brace, and in set C each byte 0 to 99 is two digits. Function characters (`{1` … `{4`, `{S`) are refused,
/// since a receipt never needs them.
enum Code128Data {
    private enum CodeSet {
        case a, b, c
    }

    /// The barcode's text; `offset` is where `data` starts in the whole stream, for errors.
    static func text(of data: ArraySlice<UInt8>, offset: Int) throws(ESCPOSDecodingError) -> String {
        let brace = UInt8(ascii: "{")
        var scalars = String.UnicodeScalarView()
        var codeSet: CodeSet?
        var index = data.startIndex
        func fail(_ expected: String) -> ESCPOSDecodingError {
            ESCPOSDecodingError(offset: offset + index - data.startIndex, reason: .invalidParameter, expected: expected)
        }
        while index < data.endIndex {
            let byte = data[index]
            if byte == brace {
                let next = index + 1 < data.endIndex ? data[index + 1] : nil
                switch next {
                case UInt8(ascii: "A"): codeSet = .a
                case UInt8(ascii: "B"): codeSet = .b
                case UInt8(ascii: "C"): codeSet = .c
                case brace where codeSet == .a || codeSet == .b: scalars.append("{")
                default: throw fail("{A, {B or {C (or {{ for a brace) in Code 128 data")
                }
                index += 2
                continue
            }
            switch codeSet {
            case nil:
                throw fail("Code 128 data to start with {A, {B or {C")
            case .a where byte <= 0x5F, .b where (0x20...0x7F).contains(byte):
                scalars.append(Unicode.Scalar(byte))
            case .c where byte <= 99:
                scalars.append(Unicode.Scalar(UInt8(ascii: "0") + byte / 10))
                scalars.append(Unicode.Scalar(UInt8(ascii: "0") + byte % 10))
            case .a: throw fail("a byte 0x00 to 0x5F in Code 128 code set A")
            case .b: throw fail("a byte 0x20 to 0x7F in Code 128 code set B")
            case .c: throw fail("a byte 0 to 99 in Code 128 code set C")
            }
            index += 1
        }
        guard codeSet != nil else { throw fail("Code 128 data to start with {A, {B or {C") }
        return String(scalars)
    }
}
