/// Why a recorded event stream cannot be replayed, with where the problem is.
public enum InputEventStreamError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A raw stream whose length is not a whole number of records.
    case trailingBytes(count: Int)
    /// A raw record whose microseconds are not 0 to 999,999.
    case invalidTime(record: Int, microseconds: Int64)
    /// An evemu line that cannot be read.
    case malformedLine(line: Int, reason: String)
    /// A recording without the evemu header.
    case notEvemu

    public var description: String {
        switch self {
        case .trailingBytes(let count):
            "the stream ends \(count) bytes into a record; input_event records are 24 bytes"
        case .invalidTime(let record, let microseconds):
            "record \(record + 1) has \(microseconds) microseconds; a timestamp has 0 to 999999"
        case .malformedLine(let line, let reason): "line \(line): \(reason)"
        case .notEvemu: "this is not an evemu recording: it does not start with \"# EVEMU\""
        }
    }
}

extension RawInputEventDecoder {
    /// The events of a whole recorded raw stream, checked: its length is whole records and its timestamps are
    /// valid.
    public static func events(inRecording bytes: [UInt8]) throws(InputEventStreamError) -> [InputEvent] {
        guard bytes.count % recordSize == 0 else { throw .trailingBytes(count: bytes.count % recordSize) }
        var events: [InputEvent] = []
        events.reserveCapacity(bytes.count / recordSize)
        for index in 0..<(bytes.count / recordSize) {
            let event = event(in: bytes, at: index * recordSize)
            let raw = Int64(bitPattern: UInt64(truncatingIfNeeded: Int64(event.microseconds)))
            guard (0..<1_000_000).contains(event.microseconds) else {
                throw .invalidTime(record: index, microseconds: raw)
            }
            events.append(event)
        }
        return events
    }
}
