/// How one keyboard-wedge device's keys become lines: its layout, its role, the framing its scans carry and the
/// timing that tells a scanner from a person.
///
/// The timing defaults come from published measurements. Scanners send keys 1–16 ms apart (steady 7–8 ms,
/// occasionally 16 ms; some add a configured 5 ms inter-character delay); a fast typist manages two or three keys
/// under 20 ms but never four in a row (petterhoel, "scanner or person"); Odoo treats ≤ 50 ms as a scanner. So a
/// scan is at least ``minScanKeys`` (4) key presses with no gap over ``maxKeyGap`` (30 ms): twice the slowest
/// scanner interval seen, and still far below human typing (80–250 ms between keys). Modifier presses count as key
/// presses, as they are keys the device sent.
public struct WedgeSettings: Sendable, Hashable {
    /// What a device is for.
    public enum Role: String, Sendable, CaseIterable {
        /// Only scans: a line typed at human speed is rejected with the reason, so the station can log it.
        case scanner
        /// A keyboard for control input: lines typed at human speed are typed input (a cashier keying `3*` or a
        /// GTIN by hand), and a burst at scanner speed on the same device is still a scan.
        case keyboard
    }

    /// What ends a line.
    public enum Terminator: String, Sendable, CaseIterable {
        case enter
        case keypadEnter = "keypad-enter"
        case tab
        /// No key for ``WedgeSettings/idleTimeout``: for scanners set to send no suffix.
        case idle
    }

    /// The scanner's configured keyboard country.
    public var layout: KeyboardLayout
    public var role: Role
    /// Bytes the scanner is set to send before each code, removed from scans. A scan without them is rejected.
    public var prefix: [UInt8]
    /// Bytes the scanner is set to send after each code (before the terminator), removed from scans.
    public var suffix: [UInt8]
    /// The keys (or idle time) that end a line. Enter and keypad Enter by default; Tab only when configured, as
    /// some scanners use it inside data.
    public var terminators: Set<Terminator>
    /// With ``Terminator/idle``: a line ends when no key came for this long, in microseconds. 100 ms by default,
    /// several times the slowest scanner interval.
    public var idleTimeout: Int64
    /// The longest gap, in microseconds, between two key presses of a scan. 30 ms by default.
    public var maxKeyGap: Int64
    /// The fewest key presses (modifiers and terminator included) a scan has. 4 by default: no person types four
    /// keys in a row at scanner speed.
    public var minScanKeys: Int

    public init(
        layout: KeyboardLayout = .us, role: Role = .scanner, prefix: [UInt8] = [], suffix: [UInt8] = [],
        terminators: Set<Terminator> = [.enter, .keypadEnter], idleTimeout: Int64 = 100_000,
        maxKeyGap: Int64 = 30_000, minScanKeys: Int = 4
    ) {
        self.layout = layout
        self.role = role
        self.prefix = prefix
        self.suffix = suffix
        self.terminators = terminators
        self.idleTimeout = idleTimeout
        self.maxKeyGap = maxKeyGap
        self.minScanKeys = minScanKeys
    }
}

/// One line a device typed: its bytes (UTF-8) and how it was typed.
public struct WedgeLine: Sendable, Hashable {
    /// The characters, as UTF-8; for a scan, without the prefix and suffix.
    public var bytes: [UInt8]
    /// The kernel's timestamps (µs) of the line's first and last key press; the last is the terminator's.
    public var firstKeyTime: Int64
    public var lastKeyTime: Int64
    /// Key presses in the line, modifiers and terminator included.
    public var keyCount: Int
    /// The longest time (µs) between two consecutive key presses of the line; 0 for a single key.
    public var longestGap: Int64
    /// What ended the line. ``WedgeSettings/Terminator/idle`` also stands for a line cut short: by events the
    /// kernel dropped, or by a scan burst that followed a pause (the keys before the pause).
    public var terminator: WedgeSettings.Terminator

    public init(
        bytes: [UInt8], firstKeyTime: Int64, lastKeyTime: Int64, keyCount: Int, longestGap: Int64,
        terminator: WedgeSettings.Terminator
    ) {
        self.bytes = bytes
        self.firstKeyTime = firstKeyTime
        self.lastKeyTime = lastKeyTime
        self.keyCount = keyCount
        self.longestGap = longestGap
        self.terminator = terminator
    }

    /// The bytes as text, invalid UTF-8 repaired.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// What a decoder makes of a line.
public enum WedgeOutput: Sendable, Hashable {
    /// Keys at scanner speed: a barcode, with prefix and suffix removed.
    case scan(WedgeLine)
    /// Keys at human speed on a device whose role is `keyboard`.
    case typed(WedgeLine)
    /// Input that is not a scan and not typed input, with why: typed at human speed on a scanner, a key with no
    /// character, a line cut by dropped events, a missing prefix. The line is what was read of it.
    case rejected(WedgeLine?, reason: String)
}
