/// One event as the Linux kernel reports it in `struct input_event`: when, what type, which code, what value.
///
/// Times are the kernel's own timestamps, which tell a scanner's burst of keys from a person typing far better
/// than the time a read returned.
public struct InputEvent: Hashable, Sendable {
    public var seconds: Int64
    public var microseconds: Int32
    public var type: UInt16
    public var code: UInt16
    public var value: Int32

    public init(seconds: Int64, microseconds: Int32, type: UInt16, code: UInt16, value: Int32) {
        self.seconds = seconds
        self.microseconds = microseconds
        self.type = type
        self.code = code
        self.value = value
    }

    /// The timestamp in microseconds.
    public var time: Int64 { seconds &* 1_000_000 &+ Int64(microseconds) }

    /// Event types of `linux/input-event-codes.h` that scanners produce.
    public enum Kind {
        public static let synchronization: UInt16 = 0x00
        public static let key: UInt16 = 0x01
        public static let miscellaneous: UInt16 = 0x04
        public static let led: UInt16 = 0x11
    }

    /// Synchronization codes: a report ends, or the kernel dropped events because the reader fell behind.
    public enum Synchronization {
        public static let report: UInt16 = 0
        public static let dropped: UInt16 = 3
    }

    /// Key values: released, pressed, auto-repeated.
    public enum KeyValue {
        public static let released: Int32 = 0
        public static let pressed: Int32 = 1
        public static let repeated: Int32 = 2
    }

    /// Whether this is `SYN_DROPPED`: what was read since the last report is incomplete.
    public var isDropped: Bool { type == Kind.synchronization && code == Synchronization.dropped }

    /// Whether this is `SYN_REPORT`, the end of one hardware report.
    public var isReport: Bool { type == Kind.synchronization && code == Synchronization.report }
}
