/// The bytes of one component, indexed from zero like the spans that linters report.
///
/// It borrows the caller's storage, so it lives only as long as the `withGS1LintBytes` call that made it.
struct GS1LintBytes: RandomAccessCollection {
    let buffer: UnsafeBufferPointer<UInt8>

    var startIndex: Int { 0 }
    var endIndex: Int { buffer.count }
    var count: Int { buffer.count }
    var isEmpty: Bool { buffer.isEmpty }

    @inline(__always)
    subscript(position: Int) -> UInt8 { buffer[position] }

    /// The bytes in `range`, re-indexed from zero.
    @inline(__always)
    func part(_ range: Range<Int>) -> GS1LintBytes {
        GS1LintBytes(buffer: UnsafeBufferPointer(rebasing: buffer[range]))
    }

    @inline(__always)
    func isDigit(at index: Int) -> Bool { Self.isDigit(buffer[index]) }

    /// The value of the digit at `index`; only meaningful when `isDigit(at:)`.
    @inline(__always)
    func digit(at index: Int) -> Int { Self.digit(buffer[index]) }

    /// The value of the two digits at `index`, such as a month or an hour.
    @inline(__always)
    func twoDigitValue(at index: Int) -> Int { digit(at: index) * 10 + digit(at: index + 1) }

    /// The index of the first byte that is not a digit, or nil if all are digits.
    func firstNonDigit() -> Int? {
        for index in 0..<buffer.count where !isDigit(at: index) {
            return index
        }
        return nil
    }

    /// Whether every byte is `byte`; true when there are none.
    func consists(of byte: UInt8) -> Bool {
        for index in 0..<buffer.count where buffer[index] != byte {
            return false
        }
        return true
    }

    /// Whether these bytes sort before `other`, byte by byte, a prefix before what it starts.
    func sorts(before other: GS1LintBytes) -> Bool {
        for index in 0..<Swift.min(count, other.count) where buffer[index] != other.buffer[index] {
            return buffer[index] < other.buffer[index]
        }
        return count < other.count
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    @inline(__always)
    static func digit(_ byte: UInt8) -> Int { Int(byte &- UInt8(ascii: "0")) }

    /// These bytes for a message: printable ASCII as itself, anything else as hexadecimal byte values.
    var text: String {
        if allSatisfy({ 0x20 <= $0 && $0 <= 0x7E }) { return String(decoding: buffer, as: UTF8.self) }
        return map { Self.hex($0) }.joined(separator: " ")
    }

    /// One offending byte for a message: `"x"`, `a space` or `the byte 0x1F`.
    static func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x20: "a space"
        case 0x21...0x7E: "\"" + String(UnicodeScalar(byte)) + "\""
        default: "the byte " + hex(byte)
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count == 1 ? "0" + digits : digits)
    }
}

extension ArraySlice<UInt8> {
    /// Runs `body` on this slice's bytes re-indexed from zero, without copying them.
    @inline(__always)
    func withGS1LintBytes(_ body: (GS1LintBytes) -> GS1LintFailure?) -> GS1LintFailure? {
        withUnsafeBufferPointer { body(GS1LintBytes(buffer: $0)) }
    }
}

/// A set of ASCII bytes held as a 128-bit mask, so that a membership test is a shift and an AND.
struct GS1ByteSet: Sendable {
    /// Bit `n` stands for byte `n`, for bytes 0 to 63.
    let low: UInt64
    /// Bit `n` stands for byte `64 + n`, for bytes 64 to 127.
    let high: UInt64

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        if byte < 64 { return (low >> UInt64(byte)) & 1 != 0 }
        if byte < 128 { return (high >> UInt64(byte &- 64)) & 1 != 0 }
        return false
    }

    /// `0` to `9`.
    static let digits = GS1ByteSet(low: 0x03FF_0000_0000_0000, high: 0)
    /// GS1 AI encodable character set 82 (GS1 General Specifications §7.11).
    static let cset82 = GS1ByteSet(low: 0xFFFF_FFE6_0000_0000, high: 0x07FF_FFFE_87FF_FFFE)
    /// GS1 AI encodable character set 39 (GS1 General Specifications §7.11).
    static let cset39 = GS1ByteSet(low: 0x03FF_A008_0000_0000, high: 0x0000_0000_07FF_FFFE)
    /// GS1 AI encodable character set 64 (GS1 General Specifications §7.11), without its `=` padding.
    static let cset64 = GS1ByteSet(low: 0x03FF_2000_0000_0000, high: 0x07FF_FFFE_87FF_FFFE)
    /// `0` to `9`, `A` to `F` and `a` to `f`.
    static let hexDigits = GS1ByteSet(low: 0x03FF_0000_0000_0000, high: 0x0000_007E_0000_007E)
}

extension GS1LintFailure {
    /// A failure for the single byte at `index`, quoting it in the message.
    static func character(_ problem: GS1LintProblem, at index: Int, in bytes: GS1LintBytes) -> GS1LintFailure {
        GS1LintFailure(problem, offset: index, length: 1, detail: .text(GS1LintBytes.describe(bytes[index])))
    }

    /// A failure for the bytes in `range`, quoting them in the message.
    static func span(_ problem: GS1LintProblem, _ range: Range<Int>, in bytes: GS1LintBytes) -> GS1LintFailure {
        GS1LintFailure(
            problem, offset: range.lowerBound, length: range.count, detail: .text(bytes.part(range).text))
    }

    /// A failure for the whole component, quoting it in the message.
    static func whole(_ problem: GS1LintProblem, _ bytes: GS1LintBytes) -> GS1LintFailure {
        span(problem, 0..<bytes.count, in: bytes)
    }

    /// A failure for the whole component that says nothing about its content.
    static func plain(_ problem: GS1LintProblem, _ bytes: GS1LintBytes) -> GS1LintFailure {
        GS1LintFailure(problem, offset: 0, length: bytes.count)
    }
}
