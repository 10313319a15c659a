/// Reads the raw stream an evdev device file delivers: `struct input_event` records of 24 bytes on 64-bit Linux
/// (a 16-byte `timeval`, then type, code and value, little-endian), as `read()` returns them or a file of them
/// holds.
///
/// Reads may end in the middle of a record; the rest is kept for the next call, never dropped or misaligned.
public struct RawInputEventDecoder: Sendable {
    /// The size of one record.
    public static let recordSize = 24

    private var pending: [UInt8] = []

    public init() {}

    /// Bytes that did not make a whole record yet.
    public var pendingByteCount: Int { pending.count }

    /// The events the bytes complete, in order.
    public mutating func decode(_ bytes: some Collection<UInt8>) -> [InputEvent] {
        pending.append(contentsOf: bytes)
        let whole = pending.count / Self.recordSize
        var events: [InputEvent] = []
        events.reserveCapacity(whole)
        for index in 0..<whole {
            events.append(Self.event(in: pending, at: index * Self.recordSize))
        }
        pending.removeFirst(whole * Self.recordSize)
        return events
    }

    /// The record that starts at `offset`.
    static func event(in bytes: [UInt8], at offset: Int) -> InputEvent {
        func integer(_ start: Int, _ count: Int) -> UInt64 {
            var value: UInt64 = 0
            for index in (0..<count).reversed() { value = value << 8 | UInt64(bytes[offset + start + index]) }
            return value
        }
        return InputEvent(
            seconds: Int64(bitPattern: integer(0, 8)), microseconds: Int32(truncatingIfNeeded: integer(8, 8)),
            type: UInt16(integer(16, 2)), code: UInt16(integer(18, 2)),
            value: Int32(bitPattern: UInt32(integer(20, 4))))
    }

    /// The raw record of `event`, as the kernel writes it.
    public static func encode(_ event: InputEvent) -> [UInt8] {
        func bytes(_ value: UInt64, _ count: Int) -> [UInt8] {
            (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        }
        return bytes(UInt64(bitPattern: event.seconds), 8) + bytes(UInt64(bitPattern: Int64(event.microseconds)), 8)
            + bytes(UInt64(event.type), 2) + bytes(UInt64(event.code), 2)
            + bytes(UInt64(UInt32(bitPattern: event.value)), 4)
    }
}
