import CXKBCommon

/// Turns one keyboard-wedge device's key events into lines: scans, typed input, or rejected input with the reason.
///
/// One decoder per device, fed every event in order, one at a time (never a read batch at once): modifiers, lock
/// states, the line being typed, an Alt+keypad code in progress and the timing are all per device, so two scanners
/// on a lane never mix.
///
/// Characters come from the configured layout through libxkbcommon. The decoder keeps the device's modifier and
/// lock state itself, as Swift values, from what each key does in the keymap (found once per keymap by pressing
/// it on a probe state), and hands that state to its own `xkb_state` with `xkb_state_update_mask` before each
/// lookup, the way Wayland clients use xkb. That keeps the decoder a plain value: a copy is an independent decoder,
/// and it can be kept in the reader's `Sendable` per-device state.
///
/// - Control characters arrive as Alt held with keypad digits (`Alt+0029` or `Alt+29` give GS; a leading zero
///   means Windows-1252, none means code page 437 above 127; Num Lock does not matter) or as Ctrl+key (xkb's
///   Control transformation; when the layout's character at that key has no control form, the key's US position:
///   scanners in Ctrl+ASCII mode press the US key, so GS is Ctrl and the key right of `P`).
/// - A dead key followed by space types its spacing character (`^`); followed by a key it combines with, the
///   composed character (`ê`) when X11's compose table is installed; otherwise both.
/// - Key repeats (value 2) are ignored: scanners do not auto-repeat, and a repeat must not double a character.
/// - A line ends at a terminator (or after the idle time). When a burst at scanner speed follows a pause in a line
///   that already has characters, the characters before the pause are reported as a line of their own (typed input,
///   a rejection, or a scan that lost its terminator) as soon as the burst has ``WedgeSettings/minScanKeys`` keys,
///   so a cashier's `3*` and the scan after it on one device are two lines.
/// - `SYN_DROPPED` marks the line as damaged; the events up to the next `SYN_REPORT` (libevdev's sync events, or
///   the kernel's resumed stream) only update modifiers, locks and held keys. The damaged line is rejected when it
///   ends, or when the next key comes after a pause (a new scan).
public struct WedgeDecoder: Sendable {
    public let settings: WedgeSettings
    let keymap: Keymap
    private let usKeymap: Keymap
    private var xkb: StateBox
    /// Keys down, as far as this decoder saw.
    private var held: Set<UInt16> = []
    private var locked: UInt32 = 0
    private var line = Line()
    private var resynchronizing = false
    /// The last key event (or `SYN_DROPPED`) on the events' clock.
    private var lastKeyEventTime: Int64?

    /// The line being typed.
    private struct Line: Sendable {
        var bytes: [UInt8] = []
        var keyCount = 0
        var firstKeyTime: Int64 = 0
        var lastKeyTime: Int64 = 0
        var longestGap: Int64 = 0
        /// The first key that gave no character, or another reason the line cannot be a scan.
        var problem: String?
        /// Events were dropped while it was typed.
        var damaged = false
        /// A dead key waiting for the next key.
        var pendingDead: UInt32?
        /// Keypad digits typed while Alt is held.
        var altDigits: [UInt8] = []
        /// Where the current run of keys with no pause (over the maximum key gap) began; nil when the line
        /// cannot be split there (a dead key, an Alt code or a problem before it).
        var run: Run?
        var runKeys = 0
        var runLongestGap: Int64 = 0

        /// Whether the line has anything to report (modifier presses alone are nothing).
        var hasContent: Bool { !bytes.isEmpty || problem != nil || pendingDead != nil || !altDigits.isEmpty }

        mutating func note(_ reason: String) {
            if problem == nil { problem = reason }
        }
    }

    /// The start of a run of keys without a pause, and the line as it was before it.
    private struct Run: Sendable {
        var time: Int64
        var byteCount: Int
        var keyCount: Int
        var longestGapBefore: Int64
        var lastKeyTimeBefore: Int64
    }

    /// Makes a decoder, compiling (or reusing) the layout's keymap. Caps Lock and Num Lock start off; a reader
    /// that knows the device's LEDs calls ``reset(capsLock:numLock:)``.
    public init(settings: WedgeSettings) throws(KeyboardLayoutError) {
        self.settings = settings
        self.keymap = try Keymap.compile(settings.layout)
        self.usKeymap = try Keymap.compile(.us)
        self.xkb = try StateBox(keymap: keymap)
    }

    /// Whether any key is down, as far as the decoder saw: a reader grabs a device only once no key is held.
    public var isKeyHeld: Bool { !held.isEmpty }

    /// When the line being typed ends for lack of keys, in microseconds on the events' clock; nil unless
    /// ``WedgeSettings/Terminator/idle`` is a terminator and a line is under way. The reader calls ``idle(now:)``
    /// at that time with its monotonic clock (the kernel's event clock when the device is set to
    /// `CLOCK_MONOTONIC`).
    public var idleDeadline: Int64? {
        guard settings.terminators.contains(.idle), line.keyCount > 0, line.altDigits.isEmpty,
            let last = lastKeyEventTime
        else { return nil }
        return last + settings.idleTimeout
    }

    /// Ends the line when its idle deadline has passed.
    public mutating func idle(now: Int64) -> WedgeOutput? {
        guard let deadline = idleDeadline, now >= deadline else { return nil }
        return finish(.idle)
    }

    /// Starts over, as for a device just (re)opened: no key held, no line, the lock states the device's LEDs show.
    public mutating func reset(capsLock: Bool, numLock: Bool) {
        held = []
        line = Line()
        resynchronizing = false
        lastKeyEventTime = nil
        locked = (capsLock ? keymap.lockMask : 0) | (numLock ? keymap.numLockMask : 0)
    }

    /// Whether Caps Lock and Num Lock are on, as far as the decoder knows.
    public var capsLock: Bool { locked & keymap.lockMask != 0 }
    public var numLock: Bool { locked & keymap.numLockMask != 0 }

    /// Takes the next event of the device. Returns what a line became when this event ended one.
    public mutating func handle(_ event: InputEvent) -> WedgeOutput? {
        switch event.type {
        case InputEvent.Kind.key:
            return key(event)
        case InputEvent.Kind.synchronization where event.isDropped:
            resynchronizing = true
            line.damaged = true
            lastKeyEventTime = event.time
            return nil
        case InputEvent.Kind.synchronization where event.isReport:
            resynchronizing = false
            return nil
        case InputEvent.Kind.led where resynchronizing:
            // libevdev's sync reports the LEDs the device shows now.
            let mask: UInt32 =
                switch event.code {
                case 0: keymap.numLockMask  // LED_NUML
                case 1: keymap.lockMask  // LED_CAPSL
                default: 0
                }
            locked = event.value != 0 ? locked | mask : locked & ~mask
            return nil
        default:
            return nil
        }
    }

    private mutating func key(_ event: InputEvent) -> WedgeOutput? {
        let code = event.code
        let time = event.time
        if resynchronizing {
            // The resync only brings modifiers, locks and held keys up to date.
            if event.value == InputEvent.KeyValue.pressed {
                if !held.contains(code), let modifier = keymap.modifierKeys[code] { locked ^= modifier.locks }
                held.insert(code)
            } else if event.value == InputEvent.KeyValue.released {
                held.remove(code)
            }
            lastKeyEventTime = time
            return nil
        }
        guard event.value == InputEvent.KeyValue.pressed || event.value == InputEvent.KeyValue.released else {
            return nil  // auto-repeat
        }
        var output: WedgeOutput? = nil
        if let deadline = idleDeadline, time >= deadline {
            // The reader did not get to call idle(now:) before this key came.
            output = finish(.idle)
        }
        let ended: WedgeOutput?
        if event.value == InputEvent.KeyValue.pressed {
            ended = press(code, at: time)
        } else {
            release(code)
            ended = nil
        }
        lastKeyEventTime = time
        // A line ended by idle time leaves a fresh line, which this one key cannot both start and end with content.
        assert(output == nil || ended == nil, "one event ended two lines")
        return output ?? ended
    }

    private mutating func press(_ code: UInt16, at time: Int64) -> WedgeOutput? {
        var output: WedgeOutput? = nil
        if line.keyCount > 0 {
            let pause = time - (lastKeyEventTime ?? line.lastKeyTime) > settings.maxKeyGap
            if line.damaged && pause {
                // A pause after lost events: what was read before it is cut, and this key starts a new line.
                if line.hasContent { output = finish(nil) } else { line = Line() }
            } else if !line.hasContent && time - line.lastKeyTime > settings.maxKeyGap {
                // Modifiers pressed and released long ago are not part of the line this key starts.
                line = Line()
            }
        } else if line.damaged, let last = lastKeyEventTime, time - last > settings.maxKeyGap {
            line.damaged = false
        }

        if line.keyCount == 0 {
            line.firstKeyTime = time
            line.run = Run(time: time, byteCount: 0, keyCount: 0, longestGapBefore: 0, lastKeyTimeBefore: time)
        } else {
            let gap = time - line.lastKeyTime
            if gap > settings.maxKeyGap {
                line.run =
                    line.pendingDead == nil && line.altDigits.isEmpty && line.problem == nil
                    ? Run(
                        time: time, byteCount: line.bytes.count, keyCount: line.keyCount,
                        longestGapBefore: line.longestGap, lastKeyTimeBefore: line.lastKeyTime)
                    : nil
                line.runKeys = 0
                line.runLongestGap = 0
            } else {
                line.runLongestGap = max(line.runLongestGap, gap)
            }
            line.longestGap = max(line.longestGap, gap)
        }
        line.keyCount += 1
        line.runKeys += 1
        line.lastKeyTime = time
        let wasHeld = held.contains(code)
        held.insert(code)

        let terminator = terminator(for: code).flatMap { settings.terminators.contains($0) ? $0 : nil }
        if terminator == nil, output == nil, line.runKeys == settings.minScanKeys, let run = line.run,
            run.byteCount > 0, line.problem == nil, !line.damaged
        {
            output = splitAtBurst(run)
        }
        if let modifier = keymap.modifierKeys[code] {
            if !wasHeld { locked ^= modifier.locks }
            return output
        }
        if let terminator {
            let ended = finish(terminator)
            assert(output == nil || ended == nil, "one key ended two lines")
            return output ?? ended
        }
        typeKey(code)
        return output
    }

    /// A burst at scanner speed after a pause, in a line with characters before the pause: those characters (typed
    /// by hand, or a scan whose terminator never came) are a line of their own, reported now, and the burst goes
    /// on as the line. So a cashier's `3*` and the scan that follows on the same device are two lines, and keys
    /// left over on a scanner do not spoil its next scan.
    private mutating func splitAtBurst(_ run: Run) -> WedgeOutput? {
        let before = WedgeLine(
            bytes: Array(line.bytes[..<run.byteCount]), firstKeyTime: line.firstKeyTime,
            lastKeyTime: run.lastKeyTimeBefore, keyCount: run.keyCount, longestGap: run.longestGapBefore,
            terminator: .idle)
        line.bytes.removeFirst(run.byteCount)
        line.firstKeyTime = run.time
        line.keyCount = line.runKeys
        line.longestGap = line.runLongestGap
        line.run = Run(
            time: run.time, byteCount: 0, keyCount: 0, longestGapBefore: 0, lastKeyTimeBefore: run.time)
        return classify(before)
    }

    private mutating func release(_ code: UInt16) {
        held.remove(code)
        guard keymap.modifierKeys[code] != nil, !line.altDigits.isEmpty, depressed & keymap.altMask == 0 else {
            return
        }
        // Alt released: the keypad digits typed while it was down are one character.
        let digits = line.altDigits
        line.altDigits = []
        guard let scalar = CodePage.altCode(digits: digits) else {
            line.note("Alt+\(digits.map(String.init).joined()) is not a character code (0 to 255)")
            return
        }
        append(Array(String(Character(scalar)).utf8))
    }

    /// The modifiers of the keys held now.
    private var depressed: UInt32 {
        held.reduce(0) { $0 | (keymap.modifierKeys[$1]?.depressed ?? 0) }
    }

    private func terminator(for code: UInt16) -> WedgeSettings.Terminator? {
        switch code {
        case KeyCode.enter: .enter
        case KeyCode.keypadEnter: .keypadEnter
        case KeyCode.tab: .tab
        default: nil
        }
    }

    /// A key that is no modifier and no terminator: a character, part of an Alt+keypad code, a dead key, or a key
    /// with no character.
    private mutating func typeKey(_ code: UInt16) {
        let depressed = self.depressed
        let control = depressed & keymap.controlMask != 0
        if depressed & keymap.altMask != 0, !control, let digit = KeyCode.keypadDigit(code) {
            line.altDigits.append(digit)
            return
        }
        if !line.altDigits.isEmpty {
            line.note("an Alt+keypad code was cut short by key \(code)")
            line.altDigits = []
        }
        let (text, keysym) = lookUp(code, depressed: depressed)
        if control {
            if text.count == 1, text[0] < 0x20 || text[0] == 0x7F {
                append(text)
            } else if let scalar = usKeymap.character(code: code, shifted: depressed & keymap.shiftMask != 0),
                let byte = Self.controlCharacter(scalar)
            {
                append([byte])
            } else {
                line.note(
                    "Ctrl with key \(code) gives no control character in layout \(keymap.layout) or at the US position")
            }
            return
        }
        if DeadKey.isDead(keysym) {
            if let pending = line.pendingDead {
                // Two dead keys: both alone, as Windows types them.
                line.pendingDead = nil
                appendSpacing(pending)
                appendSpacing(keysym)
            } else {
                line.pendingDead = keysym
            }
            return
        }
        guard !text.isEmpty else {
            var reason = "key \(code) (\(XKBLibrary.keysymName(keysym))) has no character in layout \(keymap.layout)"
            if KeyCode.isKeypad(code) && locked & keymap.numLockMask == 0 { reason += " with Num Lock off" }
            line.note(reason)
            return
        }
        if let pending = line.pendingDead {
            line.pendingDead = nil
            if text == [0x20] {
                appendSpacing(pending)
            } else if let composed = ComposeTable.compose(dead: pending, with: keysym) {
                line.bytes += Array(composed.utf8)
            } else {
                appendSpacing(pending)
                line.bytes += text
            }
            return
        }
        line.bytes += text
    }

    /// Adds characters, after a dead key still waiting (which then stands alone).
    private mutating func append(_ bytes: [UInt8]) {
        if let pending = line.pendingDead {
            line.pendingDead = nil
            appendSpacing(pending)
        }
        line.bytes += bytes
    }

    private mutating func appendSpacing(_ keysym: UInt32) {
        let text = DeadKey.spacingText(keysym)
        if text.isEmpty {
            line.note("dead key \(XKBLibrary.keysymName(keysym)) has no spacing character")
        }
        line.bytes += text
    }

    /// The control character of Ctrl with a character: `@` `A`…`Z` `[` `\` `]` `^` `_` (and lower case) give 0…31.
    static func controlCharacter(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x40...0x5F, 0x61...0x7A: UInt8(scalar.value & 0x1F)
        default: nil
        }
    }

    /// What the key types with these modifiers and the current locks, and its keysym.
    private mutating func lookUp(_ code: UInt16, depressed: UInt32) -> (text: [UInt8], keysym: UInt32) {
        let keycode = UInt32(code) + 8
        guard keycode <= xkb_keymap_max_keycode(keymap.pointer) else { return ([], 0) }
        if !isKnownUniquelyReferenced(&xkb) { xkb = xkb.copy() }
        let state = xkb.state
        xkb_state_update_mask(state, depressed, 0, locked, 0, 0, 0)
        let keysym = xkb_state_key_get_one_sym(state, keycode)
        let text = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> [UInt8] in
            let count = Int(xkb_state_key_get_utf8(state, keycode, buffer.baseAddress, buffer.count))
            guard count > 0, count < buffer.count else { return [] }
            return buffer.prefix(count).map { UInt8(bitPattern: $0) }
        }
        return (text, keysym)
    }

    /// Ends the line with `terminator` (nil: cut short, not ended); what it was, or nil for an empty line.
    private mutating func finish(_ terminator: WedgeSettings.Terminator?) -> WedgeOutput? {
        var ending = line
        line = Line()
        if let pending = ending.pendingDead {
            ending.pendingDead = nil
            let text = DeadKey.spacingText(pending)
            if text.isEmpty { ending.note("dead key \(XKBLibrary.keysymName(pending)) has no spacing character") }
            ending.bytes += text
        }
        if !ending.altDigits.isEmpty { ending.note("an Alt+keypad code was cut short by the end of the line") }
        guard ending.hasContent || ending.damaged else { return nil }
        let result = WedgeLine(
            bytes: ending.bytes, firstKeyTime: ending.firstKeyTime, lastKeyTime: ending.lastKeyTime,
            keyCount: ending.keyCount, longestGap: ending.longestGap, terminator: terminator ?? .idle)
        if ending.damaged {
            return .rejected(result, reason: "events were lost (SYN_DROPPED) while this line was typed; scan again")
        }
        if let problem = ending.problem { return .rejected(result, reason: problem) }
        return classify(result)
    }

    /// A scan, typed input or a rejection, by the line's timing and framing.
    private func classify(_ result: WedgeLine) -> WedgeOutput {
        if result.keyCount < settings.minScanKeys || result.longestGap > settings.maxKeyGap {
            if settings.role == .keyboard { return .typed(result) }
            let reason =
                result.keyCount < settings.minScanKeys
                ? "too few keys for a scan (\(result.keyCount) key presses; a scan has at least "
                    + "\(settings.minScanKeys)): typed by hand on a scanner"
                : "typed at human speed on a scanner: \(Self.milliseconds(result.longestGap)) between two keys "
                    + "(a scan has at most \(Self.milliseconds(settings.maxKeyGap)))"
            return .rejected(result, reason: reason)
        }
        var scan = result
        if !settings.prefix.isEmpty {
            guard scan.bytes.starts(with: settings.prefix) else {
                return .rejected(
                    result, reason: "the scan does not start with the prefix \(Self.show(settings.prefix))")
            }
            scan.bytes.removeFirst(settings.prefix.count)
        }
        if !settings.suffix.isEmpty {
            guard scan.bytes.count >= settings.suffix.count,
                scan.bytes.suffix(settings.suffix.count).elementsEqual(settings.suffix)
            else {
                return .rejected(result, reason: "the scan does not end with the suffix \(Self.show(settings.suffix))")
            }
            scan.bytes.removeLast(settings.suffix.count)
        }
        return .scan(scan)
    }

    private static func milliseconds(_ microseconds: Int64) -> String {
        let tenths = (microseconds + 50) / 100
        return "\(tenths / 10).\(tenths % 10) ms"
    }

    /// Bytes for a message: printable ASCII as is, others as `\x1D`.
    static func show(_ bytes: [UInt8]) -> String {
        "\""
            + bytes.map { byte in
                if (0x20..<0x7F).contains(byte) && byte != 0x22 && byte != 0x5C { return String(UnicodeScalar(byte)) }
                let hex = String(byte, radix: 16, uppercase: true)
                return "\\x" + (hex.count == 1 ? "0" : "") + hex
            }.joined() + "\""
    }
}

/// The decoder's own `xkb_state`, a scratch object: the decoder sets its whole modifier state before each lookup,
/// so a copy (made when two decoder values share one) is simply a new state.
private final class StateBox: @unchecked Sendable {
    let keymap: Keymap
    let state: OpaquePointer

    init(keymap: Keymap) throws(KeyboardLayoutError) {
        guard let state = keymap.makeState() else { throw .compileFailed(keymap.layout.description) }
        self.keymap = keymap
        self.state = state
    }

    func copy() -> StateBox {
        // Making a state only fails when memory runs out.
        guard let copy = try? StateBox(keymap: keymap) else { fatalError("xkb_state_new failed: out of memory") }
        return copy
    }

    deinit { keymap.releaseState(state) }
}
