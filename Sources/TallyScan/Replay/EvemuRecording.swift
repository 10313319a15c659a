/// A device recording in the text format of `evemu-record`: the device's name and ids, then its events.
///
/// ```
/// # EVEMU 1.3
/// N: Honeywell Scanner
/// I: 0003 0c2e 0b61 0111
/// E: 0.000001 0004 0004 458756	# EV_MSC / MSC_SCAN             458756
/// E: 0.000001 0001 001e 0001	# EV_KEY / KEY_A                1
/// E: 0.000001 0000 0000 0000	# ------------ SYN_REPORT (0) ---------- +0ms
/// ```
/// Property (`P:`), bitmap (`B:`) and axis (`A:`) lines are accepted and skipped; comments after `#` are ignored.
/// Any other line is an error that names its number, so a damaged fixture is noticed, not half-replayed.
public struct EvemuRecording: Hashable, Sendable {
    public var name: String
    public var bus: UInt16
    public var vendor: UInt16
    public var product: UInt16
    public var version: UInt16
    public var events: [InputEvent]

    public init(
        name: String, bus: UInt16 = 0x03, vendor: UInt16, product: UInt16, version: UInt16 = 0x0111,
        events: [InputEvent]
    ) {
        self.name = name
        self.bus = bus
        self.vendor = vendor
        self.product = product
        self.version = version
        self.events = events
    }

    /// Reads a recording.
    public init(parsing text: String) throws(InputEventStreamError) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().makeIterator()
        guard let first = lines.next(), first.element.hasPrefix("# EVEMU") else { throw .notEvemu }
        var name = ""
        var ids: [UInt16] = [0, 0, 0, 0]
        var events: [InputEvent] = []
        while let (index, raw) = lines.next() {
            let number = index + 1
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let content = line.trimmingWhitespace()
            if content.isEmpty { continue }
            if raw.hasPrefix("N:") {
                name = String(raw.dropFirst(2).trimmingWhitespace())
                continue
            }
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
            switch fields.first {
            case "I:":
                guard fields.count == 5 else {
                    throw .malformedLine(line: number, reason: "I: needs bus, vendor, product and version in hex")
                }
                for position in 0..<4 {
                    guard let value = UInt16(fields[position + 1], radix: 16) else {
                        throw .malformedLine(line: number, reason: "\(fields[position + 1]) is not a 16-bit hex id")
                    }
                    ids[position] = value
                }
            case "P:", "B:", "A:", "S:", "L:":
                continue
            case "E:":
                events.append(try Self.event(fields, line: number))
            default:
                throw .malformedLine(line: number, reason: "\(fields[0]) is not an evemu line type")
            }
        }
        self.init(name: name, bus: ids[0], vendor: ids[1], product: ids[2], version: ids[3], events: events)
    }

    private static func event(_ fields: [Substring], line: Int) throws(InputEventStreamError) -> InputEvent {
        guard fields.count == 5 else {
            throw .malformedLine(line: line, reason: "E: needs a time, a type, a code and a value")
        }
        let time = fields[1].split(separator: ".", omittingEmptySubsequences: false)
        guard time.count == 2, time[1].count == 6, let seconds = Int64(time[0]), seconds >= 0,
            let microseconds = Int32(time[1]), microseconds >= 0
        else { throw .malformedLine(line: line, reason: "\(fields[1]) is not a time like 12.000345") }
        guard let type = UInt16(fields[2], radix: 16), let code = UInt16(fields[3], radix: 16) else {
            throw .malformedLine(line: line, reason: "type and code are 16-bit hex numbers")
        }
        guard let value = Int32(fields[4]) else {
            throw .malformedLine(line: line, reason: "\(fields[4]) is not a 32-bit value")
        }
        return InputEvent(seconds: seconds, microseconds: microseconds, type: type, code: code, value: value)
    }

    /// The recording as `evemu-record` writes it.
    public var text: String {
        func hex(_ value: UInt16) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 4 - digits.count) + digits
        }
        var lines = ["# EVEMU 1.3", "N: \(name)", "I: \(hex(bus)) \(hex(vendor)) \(hex(product)) \(hex(version))"]
        for event in events {
            let micro = String(event.microseconds)
            let time = "\(event.seconds)." + String(repeating: "0", count: 6 - micro.count) + micro
            lines.append("E: \(time) \(hex(event.type)) \(hex(event.code)) \(event.value)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var text = self
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}
