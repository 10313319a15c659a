/// A barcode Tally prints for itself: a receipt, a location label, a purchase-order label or a control card.
///
/// Every code has the form `TL<kind>-<fields>-<check>`, e.g. `TLR-TILL1-000123-5B`, `TLL-A01.03.2-G3`,
/// `TLC-QTY-12-MF`. Only `0`–`9`, `A`–`Z`, `-` and `.` occur, so Code 128 and Code 39 carry them and every keyboard
/// layout a scanner may emulate can type them; lowercase input (a scanner with Caps Lock confusion) is accepted.
/// The two check characters of ``TallyCodeCheck`` catch any misread character. `docs/tally-codes.md` documents it.
public enum TallyCode: Hashable, Sendable, CustomStringConvertible {
    /// A sales receipt: the station's code and its per-station receipt number.
    case receipt(station: String, number: Int)
    /// A storage location such as `A01.03.2` (aisle, bay, shelf).
    case location(String)
    /// A purchase order, by its number.
    case purchaseOrder(String)
    /// A printed control card a cashier, dock clerk or stocktaker scans instead of pressing a key.
    case control(ControlCommand)

    /// The longest field a code carries: a receipt station code has up to 12 characters, a location or purchase
    /// order up to 24, a receipt number up to 10 digits.
    public static let maximumFieldLength = 24

    /// The text to print in the barcode, check characters included.
    public var description: String {
        let payload: String
        switch self {
        case .receipt(let station, let number):
            let digits = String(number)
            payload = "TLR-\(station)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        case .location(let code): payload = "TLL-\(code)"
        case .purchaseOrder(let number): payload = "TLP-\(number)"
        case .control(let command): payload = "TLC-\(command.text)"
        }
        let check = TallyCodeCheck.compute(for: (payload + "-").utf8) ?? []
        return payload + "-" + String(decoding: check, as: UTF8.self)
    }

    /// Whether `bytes` claim to be a Tally code (`TLR-`, `TLL-`, `TLP-` or `TLC-` in either case); such input is
    /// parsed as one and refused with a reason when it is damaged, rather than read as ordinary text.
    public static func hasTallyPrefix(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        guard let t = iterator.next(), t | 0x20 == UInt8(ascii: "t"),
            let l = iterator.next(), l | 0x20 == UInt8(ascii: "l"),
            let kind = iterator.next(), "RLPC".utf8.contains(kind & ~0x20),
            iterator.next() == UInt8(ascii: "-")
        else { return false }
        return true
    }

    /// Parses and checks a scanned Tally code.
    public init(parsing input: some Collection<UInt8>) throws(TallyCodeError) {
        let code = input.map { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") ? $0 - 32 : $0 }
        guard TallyCode.hasTallyPrefix(code) else { throw .notATallyCode }
        if let bad = code.firstIndex(where: { TallyCodeCheck.value(of: $0) == nil }) {
            throw .invalidCharacter(position: bad)
        }
        guard code.count >= 8, code[code.count - 3] == UInt8(ascii: "-") else { throw .missingCheck }
        guard TallyCodeCheck.isValid(code) else { throw .wrongCheck }
        let fields = code[4..<(code.count - 3)].split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        switch code[2] {
        case UInt8(ascii: "R"):
            guard fields.count == 2, TallyCode.isName(fields[0], maxLength: 12, allowingDots: false),
                (1...10).contains(fields[1].count), fields[1].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                let number = Int(fields[1])
            else { throw .malformed("a receipt code is TLR-<station>-<number>") }
            self = .receipt(station: fields[0], number: number)
        case UInt8(ascii: "L"):
            guard fields.count == 1, TallyCode.isName(fields[0], maxLength: 24, allowingDots: true) else {
                throw .malformed("a location code is TLL-<location> with letters, digits and dots")
            }
            self = .location(fields[0])
        case UInt8(ascii: "P"):
            guard fields.count == 1, TallyCode.isName(fields[0], maxLength: 24, allowingDots: true) else {
                throw .malformed("a purchase-order code is TLP-<order number> with letters, digits and dots")
            }
            self = .purchaseOrder(fields[0])
        default:
            self = .control(try ControlCommand(fields: fields))
        }
    }

    /// Checks a code made from fields a manager typed, refusing what could not be printed and scanned back.
    public static func validated(_ code: TallyCode) throws(TallyCodeError) -> TallyCode {
        switch code {
        case .receipt(let station, let number):
            guard isName(station, maxLength: 12, allowingDots: false) else {
                throw .malformed("a station code is 1 to 12 capital letters and digits")
            }
            guard (0...9_999_999_999).contains(number) else { throw .malformed("a receipt number has 1 to 10 digits") }
        case .location(let name):
            guard isName(name, maxLength: maximumFieldLength, allowingDots: true) else {
                throw .malformed("a location is 1 to 24 capital letters, digits and dots (not first or last)")
            }
        case .purchaseOrder(let number):
            guard isName(number, maxLength: maximumFieldLength, allowingDots: true) else {
                throw .malformed("an order number is 1 to 24 capital letters, digits and dots (not first or last)")
            }
        case .control(.quantity(let count)):
            guard (1...ControlCommand.maximumQuantity).contains(count) else {
                throw .malformed("a quantity card carries 1 to \(ControlCommand.maximumQuantity)")
            }
        case .control:
            break
        }
        return code
    }

    /// Whether `name` is 1 to `maxLength` uppercase letters and digits, optionally with inner dots.
    static func isName(_ name: String, maxLength: Int, allowingDots: Bool) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...maxLength).contains(bytes.count) else { return false }
        if allowingDots && (bytes.first == UInt8(ascii: ".") || bytes.last == UInt8(ascii: ".")) { return false }
        return bytes.allSatisfy { byte in
            guard let value = TallyCodeCheck.value(of: byte) else { return false }
            return value < 36 || (allowingDots && value == 37)
        }
    }
}

/// Why a scan that starts like a Tally code was refused.
public enum TallyCodeError: Error, Hashable, Sendable, CustomStringConvertible {
    case notATallyCode
    case invalidCharacter(position: Int)
    case missingCheck
    case wrongCheck
    case malformed(String)

    public var description: String {
        switch self {
        case .notATallyCode: "not a Tally code (those start with TLR-, TLL-, TLP- or TLC-)"
        case .invalidCharacter(let position):
            "Tally code has a character at position \(position + 1) that Tally codes never contain: scan it again"
        case .missingCheck: "Tally code is cut short (its two check characters are missing): scan it again"
        case .wrongCheck: "Tally code check characters do not match: the label is damaged or was misread, scan it again"
        case .malformed(let detail): "Tally code is malformed: \(detail)"
        }
    }
}
