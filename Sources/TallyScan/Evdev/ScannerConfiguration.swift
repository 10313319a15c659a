/// One scanner (or keyboard) of a station: which device it is, the lane its scans go to, and how its keys are
/// read.
public struct ScannerConfiguration: Hashable, Sendable {
    /// The configuration's name for it, such as `front`; shown in logs and in the scan journal's device.
    public var id: String
    public var match: ScannerMatch
    public var lane: String
    public var wedge: WedgeSettings
    /// Take the device for this station alone (`EVIOCGRAB`), so scans never reach the console or a program with
    /// the keyboard focus. On by default; off only to share a keyboard with a desktop on purpose.
    public var grab: Bool

    public init(id: String, match: ScannerMatch, lane: String, wedge: WedgeSettings, grab: Bool = true) {
        self.id = id
        self.match = match
        self.lane = lane
        self.wedge = wedge
        self.grab = grab
    }
}

/// A line a scanner or keyboard produced, ready for its lane.
public struct ScannerLine: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// Keys at scanner speed: a barcode.
        case scan
        /// Keys at human speed on a device whose role is `keyboard`: control input typed by the operator.
        case typed
    }

    public var scanner: String
    public var lane: String
    /// The event node it came from, or the replay's name.
    public var device: String
    public var kind: Kind
    public var line: WedgeLine

    public init(scanner: String, lane: String, device: String, kind: Kind, line: WedgeLine) {
        self.scanner = scanner
        self.lane = lane
        self.device = device
        self.kind = kind
        self.line = line
    }

    public var bytes: [UInt8] { line.bytes }
}

/// What the scanner reader tells the station, in the order it happened.
public enum ScannerReport: Hashable, Sendable {
    /// A configured scanner's device was opened (and grabbed, when configured and possible).
    case attached(scanner: String, device: InputDeviceInfo, grabbed: Bool)
    /// A device went away (unplugged) or failed; it is picked up again when it comes back.
    case detached(scanner: String, device: InputDeviceInfo, reason: String)
    case line(ScannerLine)
    /// Input that is not a scan the lane can take: typed at human speed on a scanner, keys the layout has no
    /// character for, a scan cut short by dropped events. `input` is what was read of it.
    case rejected(scanner: String, lane: String, device: String, input: [UInt8], reason: String)
    /// A device that matches a scanner but cannot be used yet (no permission, grabbed by another program), or
    /// trouble watching for devices. Said once per device and cause, not on every retry.
    case problem(scanner: String?, device: String, message: String)
}

/// Turns one device's events into reports: the decoder of its scanner's settings and the scanner's identity.
/// The live reader and the replay of recorded events both go through it, one event at a time.
public struct ScannerSession: Sendable {
    public let scanner: ScannerConfiguration
    public let device: String
    var decoder: WedgeDecoder

    public init(scanner: ScannerConfiguration, device: String) throws(KeyboardLayoutError) {
        self.scanner = scanner
        self.device = device
        self.decoder = try WedgeDecoder(settings: scanner.wedge)
    }

    /// Hands one event to the decoder; a report when it ended a line.
    public mutating func handle(_ event: InputEvent) -> ScannerReport? {
        decoder.handle(event).map(report)
    }

    /// When an idle-terminated line ends if no key comes, on the events' clock.
    public var idleDeadline: Int64? { decoder.idleDeadline }

    /// Ends a line whose idle time has passed.
    public mutating func idle(now: Int64) -> ScannerReport? {
        decoder.idle(now: now).map(report)
    }

    /// Starts over after the device was (re)opened, with its lock LEDs as the device shows them.
    public mutating func reset(capsLock: Bool, numLock: Bool) {
        decoder.reset(capsLock: capsLock, numLock: numLock)
    }

    func report(_ output: WedgeOutput) -> ScannerReport {
        func line(_ line: WedgeLine, _ kind: ScannerLine.Kind) -> ScannerReport {
            .line(ScannerLine(scanner: scanner.id, lane: scanner.lane, device: device, kind: kind, line: line))
        }
        switch output {
        case .scan(let scanned): return line(scanned, .scan)
        case .typed(let typed): return line(typed, .typed)
        case .rejected(let rejected, let reason):
            return .rejected(
                scanner: scanner.id, lane: scanner.lane, device: device, input: rejected?.bytes ?? [], reason: reason)
        }
    }
}
