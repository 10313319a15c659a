import Testing

@testable import TallyScan

/// Hand-written key events: `.tap` is a press and a release; each event comes `step` µs after the previous one.
enum Key {
    case down(UInt16)
    case up(UInt16)
    case tap(UInt16)
    case repeated(UInt16)

    static let shift = KeyCode.leftShift
    static let control = KeyCode.leftControl
    static let alt = KeyCode.leftAlt
    static let altGr = KeyCode.rightAlt
    static let enter = KeyCode.enter
    static let capsLock: UInt16 = 58
    static let numLock: UInt16 = 69
    /// `KEY_1` … `KEY_0`.
    static let digitRow: [UInt16] = Array(2...11)
    /// `KEY_KP0` … `KEY_KP9`.
    static let keypad = KeyCode.keypadDigits

    static func events(_ keys: [Key], start: Int64 = 1_000_000, step: Int64 = 4_000) -> [InputEvent] {
        var time = start
        var events: [InputEvent] = []
        func add(_ code: UInt16, _ value: Int32) {
            events.append(event(time, InputEvent.Kind.key, code, value))
            events.append(event(time, 0, 0, 0))
            time += step
        }
        for key in keys {
            switch key {
            case .down(let code): add(code, 1)
            case .up(let code): add(code, 0)
            case .tap(let code):
                add(code, 1)
                add(code, 0)
            case .repeated(let code): add(code, 2)
            }
        }
        return events
    }

    static func event(_ time: Int64, _ type: UInt16, _ code: UInt16, _ value: Int32) -> InputEvent {
        InputEvent(
            seconds: time / 1_000_000, microseconds: Int32(time % 1_000_000), type: type, code: code, value: value)
    }
}

extension WedgeDecoder {
    /// Every output of a stream, in order.
    mutating func outputs(_ events: [InputEvent]) -> [WedgeOutput] {
        events.compactMap { handle($0) }
    }
}

extension WedgeOutput {
    var scanned: [UInt8]? {
        if case .scan(let line) = self { return line.bytes }
        return nil
    }
    var typedBytes: [UInt8]? {
        if case .typed(let line) = self { return line.bytes }
        return nil
    }
    var rejection: String? {
        if case .rejected(_, let reason) = self { return reason }
        return nil
    }
    var line: WedgeLine? {
        switch self {
        case .scan(let line), .typed(let line): line
        case .rejected(let line, _): line
        }
    }
}

func settings(
    _ layout: String, role: WedgeSettings.Role = .scanner, terminators: Set<WedgeSettings.Terminator> = [.enter]
) throws -> WedgeSettings {
    WedgeSettings(layout: try KeyboardLayout(layout), role: role, terminators: terminators)
}

/// The characters barcodes use: digits, letters of both cases, Code 39's and Code 128's symbols, and GS.
let barcodeText = "0123456789 AbCdXyZq -./+%$*:\u{1D}01234567890128\u{1D}10LOT-7"

@Suite("Wedge decoder")
struct WedgeDecoderTests {
    // MARK: Layouts

    @Test(arguments: shippedLayouts, [KeyboardTypist.ControlStyle.altKeypad, .ctrl])
    func barcodeTextRoundTripsThroughEveryLayout(layout: String, style: KeyboardTypist.ControlStyle) throws {
        let typist = try KeyboardTypist(layout: KeyboardLayout(layout))
        let events = try typist.events(
            typing: barcodeText, startingAt: 5_000_000, interval: 8_000, terminator: .enter, controlStyle: style)
        var decoder = try WedgeDecoder(settings: settings(layout))
        let outputs = decoder.outputs(events)
        #expect(outputs.count == 1)
        #expect(outputs.first?.scanned == Array(barcodeText.utf8), "\(outputs)")
        #expect(!decoder.isKeyHeld)
    }

    @Test(arguments: shippedLayouts)
    func everyPrintableASCIICharacterRoundTrips(layout: String) throws {
        let text = String((0x20..<0x7F).map { Character(Unicode.Scalar(UInt8($0))) })
        let typist = try KeyboardTypist(layout: KeyboardLayout(layout))
        let events = try typist.events(typing: text, startingAt: 0, interval: 4_000, terminator: .keypadEnter)
        var decoder = try WedgeDecoder(
            settings: WedgeSettings(layout: KeyboardLayout(layout), terminators: [.keypadEnter]))
        let outputs = decoder.outputs(events)
        #expect(outputs.count == 1)
        #expect(outputs.first?.scanned == Array(text.utf8), "\(outputs)")
    }

    @Test func czechDigitsNeedShift() throws {
        var decoder = try WedgeDecoder(settings: settings("cz"))
        let unshifted = Key.events(Key.digitRow.map { .tap($0) } + [.tap(Key.enter)])
        #expect(decoder.outputs(unshifted).first?.scanned == Array("+ěščřžýáíé".utf8))
        // A scanner set to US scanning an EAN-13 into a Czech host (SilverThings/silverspoon#16).
        let us = try KeyboardTypist(layout: .us).events(
            typing: "8594156270087", startingAt: 2_000_000, interval: 8_000, terminator: .enter)
        #expect(decoder.outputs(us).first?.scanned == Array("áříč+řžěýééáý".utf8))
        // The Czech typist holds Shift for each digit.
        let czech = try KeyboardTypist(layout: KeyboardLayout("cz")).events(
            typing: "85", startingAt: 0, interval: 8_000, terminator: nil, scanCodes: false)
        #expect(
            czech.filter { $0.type == 1 }.map { [$0.code, UInt16($0.value)] } == [
                [42, 1], [9, 1], [9, 0], [42, 0], [42, 1], [6, 1], [6, 0], [42, 0],
            ])
    }

    @Test func frenchDigitsNeedShiftAndGermanSwapsYAndZ() throws {
        var french = try WedgeDecoder(settings: settings("fr"))
        #expect(
            french.outputs(Key.events(Key.digitRow.map { .tap($0) } + [.tap(Key.enter)])).first?.scanned
                == Array("&é\"'(-è_çà".utf8))
        let shifted = Key.events(
            [.down(Key.shift)] + Key.digitRow.map { .tap($0) } + [.up(Key.shift), .tap(Key.enter)])
        #expect(french.outputs(shifted).first?.scanned == Array("1234567890".utf8))
        var german = try WedgeDecoder(settings: settings("de"))
        // KEY_Y, KEY_Z, KEY_Q, AltGr+KEY_Q
        let keys: [Key] = [.tap(21), .tap(44), .tap(16), .down(Key.altGr), .tap(16), .up(Key.altGr), .tap(Key.enter)]
        #expect(german.outputs(Key.events(keys)).first?.scanned == Array("zyq@".utf8))
    }

    @Test func theTypistUsesAltGrWhereTheLayoutNeedsIt() throws {
        let events = try KeyboardTypist(layout: KeyboardLayout("de")).events(
            typing: "@", startingAt: 0, interval: 10_000, terminator: nil)
        #expect(events.filter { $0.type == 1 }.map(\.code) == [100, 16, 16, 100])
        // MSC_SCAN with the HID usage before each key, SYN_REPORT after, 5 ms apart.
        #expect(events[0] == InputEvent(seconds: 0, microseconds: 0, type: 4, code: 4, value: 0x700E6))
        #expect(events[2].isReport)
        #expect(events[3].time == 5_000)
        // ž is not on the US layout, but it is in Windows-1252 (0x9E): Alt+0158.
        let alt = try KeyboardTypist(layout: .us).events(typing: "ž", startingAt: 0, interval: 10_000, terminator: nil)
        #expect(alt.filter { $0.type == 1 && $0.value == 1 }.map(\.code) == [56, 82, 79, 76, 72])
        #expect(throws: KeyboardTypistError.self) {
            try KeyboardTypist(layout: .us).events(typing: "ř", startingAt: 0, interval: 1, terminator: nil)
        }
    }

    // MARK: Shift, Caps Lock, Num Lock

    @Test func capsLockInvertsLettersTheScannerShifts() throws {
        let events = try KeyboardTypist(layout: KeyboardLayout("de")).events(
            typing: "AbC-1z", startingAt: 0, interval: 8_000, terminator: .enter)
        var decoder = try WedgeDecoder(settings: settings("de"))
        decoder.reset(capsLock: true, numLock: false)
        #expect(decoder.capsLock)
        #expect(decoder.outputs(events).first?.scanned == Array("aBc-1Z".utf8))
        // Caps Lock pressed in the stream turns it off again.
        let off = Key.events([.tap(Key.capsLock)], start: 900_000) + events
        #expect(decoder.outputs(off).first?.scanned == Array("AbC-1z".utf8))
        #expect(!decoder.capsLock)
    }

    @Test func numLockDecidesWhatKeypadKeysType() throws {
        var decoder = try WedgeDecoder(settings: settings("de"))
        let keypad = Key.events([1, 2, 3, 4].map { .tap(Key.keypad[$0]) } + [.tap(Key.enter)])
        let off = decoder.outputs(keypad)
        #expect(off.first?.rejection == "key 79 (KP_End) has no character in layout de with Num Lock off")
        #expect(
            decoder.outputs(Key.events([.tap(Key.numLock)], start: 500_000) + keypad).first?.scanned == [
                0x31, 0x32, 0x33, 0x34,
            ])
        decoder.reset(capsLock: false, numLock: true)
        #expect(decoder.numLock)
        #expect(decoder.outputs(keypad).first?.scanned == Array("1234".utf8))
    }

    // MARK: Control characters

    @Test(
        arguments: [
            ([0, 2, 9], [0x1D]),
            ([0, 0, 2, 9], [0x1D]),
            ([2, 9], [0x1D]),
            ([0, 2, 2, 8], Array("ä".utf8)),  // Windows-1252 0xE4
            ([1, 3, 2], Array("ä".utf8)),  // code page 437 0x84
            ([0, 1, 2, 8], Array("€".utf8)),  // Windows-1252 0x80
            ([3, 8, 8], Array("ä".utf8)),  // 388 mod 256 = 132 in code page 437
        ] as [([Int], [UInt8])])
    func altKeypadCodesGiveTheirCharacter(digits: [Int], bytes: [UInt8]) throws {
        for numLock in [false, true] {
            var decoder = try WedgeDecoder(settings: settings("de"))
            decoder.reset(capsLock: false, numLock: numLock)
            let keys: [Key] =
                [.tap(30), .down(Key.alt)] + digits.map { .tap(Key.keypad[$0]) } + [
                    .up(Key.alt), .tap(30), .tap(Key.enter),
                ]
            #expect(decoder.outputs(Key.events(keys)).first?.scanned == [0x61] + bytes + [0x61])
        }
    }

    @Test func anAltCodeOutOfRangeIsRejected() throws {
        var decoder = try WedgeDecoder(settings: settings("us"))
        let keys: [Key] =
            [.tap(30), .down(Key.alt)] + [0, 3, 0, 0].map { .tap(Key.keypad[$0]) }
            + [.up(Key.alt), .tap(30), .tap(Key.enter)]
        #expect(decoder.outputs(Key.events(keys)).first?.rejection == "Alt+0300 is not a character code (0 to 255)")
    }

    @Test(arguments: [
        // Ctrl+] is GS on every layout: the layout's character there (+, $, ¨, ) …) has no control form, so the
        // key's US position counts.
        ("us", [Key.down(Key.control), .tap(27), .up(Key.control)], [UInt8(0x1D)]),
        ("de", [.down(Key.control), .tap(27), .up(Key.control)], [0x1D]),
        ("cz", [.down(Key.control), .tap(27), .up(Key.control)], [0x1D]),
        ("fr", [.down(Key.control), .tap(27), .up(Key.control)], [0x1D]),
        ("se", [.down(Key.control), .tap(27), .up(Key.control)], [0x1D]),
        ("de", [.down(Key.control), .tap(30), .up(Key.control)], [0x01]),
        // On AZERTY the key US calls Q types a, so Ctrl with it is Ctrl+A.
        ("fr", [.down(Key.control), .tap(16), .up(Key.control)], [0x01]),
        ("de", [.down(Key.control), .down(Key.shift), .tap(7), .up(Key.shift), .up(Key.control)], [0x1E]),
        ("de", [.down(Key.control), .down(Key.shift), .tap(12), .up(Key.shift), .up(Key.control)], [0x1F]),
        ("de", [.down(Key.control), .tap(26), .up(Key.control)], [0x1B]),
        ("de", [.down(Key.control), .tap(43), .up(Key.control)], [0x1C]),
        ("de", [.down(Key.control), .down(Key.shift), .tap(3), .up(Key.shift), .up(Key.control)], [0x00]),
    ])
    func controlWithAKeyGivesAControlCharacter(layout: String, keys: [Key], bytes: [UInt8]) throws {
        var decoder = try WedgeDecoder(settings: settings(layout))
        let events = Key.events([.tap(2)] + keys + [.tap(2), .tap(Key.enter)])
        let expected = Array(decoder.keymap.character(code: 2, shifted: false).map { String($0) }!.utf8)
        #expect(decoder.outputs(events).first?.scanned == expected + bytes + expected)
    }

    @Test func controlWithAKeyThatHasNoControlFormIsRejected() throws {
        var decoder = try WedgeDecoder(settings: settings("us"))
        // Ctrl+. (xkb's Control transformation also turns Ctrl+2…8 into controls, as X11 did).
        let events = Key.events([.tap(2), .down(Key.control), .tap(52), .up(Key.control), .tap(2), .tap(Key.enter)])
        let output = decoder.outputs(events).first
        #expect(
            output?.rejection
                == "Ctrl with key 52 gives no control character in layout us or at the US position")
    }

    // MARK: Dead keys

    @Test func deadKeysFollowedBySpaceTypeTheirSpacingCharacter() throws {
        // Swiss German: ^ is a dead key left of Backspace, ~ is AltGr with it, ` is Shift with it.
        var decoder = try WedgeDecoder(settings: settings("ch"))
        let keys: [Key] = [
            .tap(13), .tap(57), .down(Key.altGr), .tap(13), .up(Key.altGr), .tap(57), .down(Key.shift), .tap(13),
            .up(Key.shift), .tap(57), .tap(Key.enter),
        ]
        #expect(decoder.outputs(Key.events(keys)).first?.scanned == Array("^~`".utf8))
        // German: ^ is dead, ´ too; de(deadtilde) makes ~ dead.
        var german = try WedgeDecoder(settings: settings("de(deadtilde)"))
        let tilde: [Key] = [
            .tap(41), .tap(57), .down(Key.altGr), .tap(27), .up(Key.altGr), .tap(57), .tap(13), .tap(57),
        ]
        #expect(german.outputs(Key.events(tilde + [.tap(Key.enter)])).first?.scanned == Array("^~´".utf8))
        // The typist types them the same way.
        for (layout, text) in [("ch", "^~`"), ("de(deadtilde)", "~^")] {
            let events = try KeyboardTypist(layout: KeyboardLayout(layout)).events(
                typing: text, startingAt: 0, interval: 8_000, terminator: .enter)
            #expect(events.filter { $0.type == 1 && $0.code == 57 && $0.value == 1 }.count == text.count)
            var decoder = try WedgeDecoder(settings: settings(layout))
            #expect(decoder.outputs(events).first?.scanned == Array(text.utf8))
        }
    }

    @Test func aDeadKeyBeforeALetterComposesOrTypesBoth() throws {
        var decoder = try WedgeDecoder(settings: settings("ch"))
        let composed = Key.events([.tap(13), .tap(18), .tap(13), .tap(45), .tap(13), .tap(Key.enter)])
        let expected = ComposeTable.isAvailable ? "ê^x^" : "^e^x^"
        #expect(decoder.outputs(composed).first?.scanned == Array(expected.utf8))
        #expect(ComposeTable.compose(dead: 0xFE52, with: 0x65) == (ComposeTable.isAvailable ? "ê" : nil))
    }

    // MARK: Timing and roles

    @Test(arguments: [2_000, 8_000, 16_000] as [Int64])
    func scannerSpeedIsAScanOnBothRoles(interval: Int64) throws {
        let events = try KeyboardTypist(layout: .us).events(
            typing: "4006381333931", startingAt: 10_000_000, interval: interval, terminator: .enter)
        for role in WedgeSettings.Role.allCases {
            var decoder = try WedgeDecoder(settings: settings("us", role: role))
            let outputResult = decoder.outputs(events).first
            let output = try #require(outputResult)
            #expect(output.scanned == Array("4006381333931".utf8))
            #expect(output.line?.keyCount == 14)
            #expect(output.line?.longestGap == interval)
            #expect(output.line?.firstKeyTime == 10_000_000)
        }
    }

    /// A person typing `3*` and Enter with gaps of 80 to 250 ms.
    static func human(_ text: String, gaps: [Int64], layout: KeyboardLayout = .us) throws -> [InputEvent] {
        let typist = try KeyboardTypist(layout: layout)
        var time: Int64 = 20_000_000
        var events: [InputEvent] = []
        for (index, character) in (text + "\r").enumerated() {
            let terminator: WedgeSettings.Terminator? = character == "\r" ? .enter : nil
            let piece = character == "\r" ? "" : String(character)
            events += try typist.events(typing: piece, startingAt: time, interval: 30_000, terminator: terminator)
            time += gaps[index % gaps.count]
        }
        return events
    }

    @Test(arguments: [[80_000], [120_000, 250_000], [150_000, 5_000, 90_000]] as [[Int64]])
    func humanSpeedIsTypedOnAKeyboardAndRejectedOnAScanner(gaps: [Int64]) throws {
        let events = try Self.human("3*", gaps: gaps)
        var keyboard = try WedgeDecoder(settings: settings("us", role: .keyboard))
        #expect(keyboard.outputs(events).first?.typedBytes == Array("3*".utf8))
        var scanner = try WedgeDecoder(settings: settings("us"))
        let reasonResult = scanner.outputs(events).first?.rejection
        let reason = try #require(reasonResult)
        #expect(reason.hasPrefix("typed at human speed on a scanner"), "\(reason)")
        #expect(scanner.outputs(events).first?.line?.bytes == Array("3*".utf8))
    }

    @Test func aKeyboardAndAScanBurstShareALane() throws {
        var decoder = try WedgeDecoder(settings: settings("de", role: .keyboard))
        let typed = try Self.human("4006381333931", gaps: [180_000], layout: KeyboardLayout("de"))
        let burst = try KeyboardTypist(layout: KeyboardLayout("de")).events(
            typing: "4006381333931", startingAt: 40_000_000, interval: 6_000, terminator: .enter)
        let outputs = decoder.outputs(typed + burst)
        #expect(outputs.map(\.typedBytes) == [Array("4006381333931".utf8), nil])
        #expect(outputs.map(\.scanned) == [nil, Array("4006381333931".utf8)])
    }

    @Test func aBurstAfterAPauseSplitsTheLine() throws {
        let typist = try KeyboardTypist(layout: .us)
        // A cashier types 3* (no Enter) and scans on the same device: quantity, then the item.
        let quantity = try Self.human("3*", gaps: [150_000]).filter { !($0.type == 1 && $0.code == Key.enter) }
        let scan = try typist.events(
            typing: "4006381333931", startingAt: 25_000_000, interval: 8_000, terminator: .enter)
        var keyboard = try WedgeDecoder(settings: settings("us", role: .keyboard))
        let outputs = keyboard.outputs(quantity + scan)
        #expect(outputs.map(\.typedBytes) == [Array("3*".utf8), nil])
        #expect(outputs.last?.scanned == Array("4006381333931".utf8))
        #expect(outputs.first?.line?.terminator == .idle)
        #expect(outputs.last?.line?.firstKeyTime == 25_000_000)
        #expect(outputs.last?.line?.keyCount == 14)
        // On a scanner, keys left over from someone typing are rejected and the scan still counts.
        var scanner = try WedgeDecoder(settings: settings("us"))
        let rejected = scanner.outputs(quantity + scan)
        #expect(rejected.first?.rejection?.hasPrefix("too few keys for a scan (3 key presses") == true)
        #expect(rejected.last?.scanned == Array("4006381333931".utf8))
        // A scan whose terminator never came is a scan of its own when the next burst starts.
        let unterminated = try typist.events(typing: "111111", startingAt: 0, interval: 8_000, terminator: nil)
        let next = try typist.events(typing: "222222", startingAt: 1_000_000, interval: 8_000, terminator: .enter)
        #expect(scanner.outputs(unterminated + next).map(\.scanned) == [Array("111111".utf8), Array("222222".utf8)])
    }

    @Test func tooFewKeysAreNotAScan() throws {
        var decoder = try WedgeDecoder(settings: settings("us"))
        let events = Key.events([.tap(2), .tap(Key.enter)])
        #expect(decoder.outputs(events).first?.rejection?.hasPrefix("too few keys for a scan (2 key presses") == true)
        var keyboard = try WedgeDecoder(settings: settings("us", role: .keyboard))
        #expect(keyboard.outputs(events).first?.typedBytes == [0x31])
    }

    @Test func modifiersPressedLongBeforeDoNotSlowTheScan() throws {
        var decoder = try WedgeDecoder(settings: settings("us"))
        let events = Key.events([.tap(Key.shift)], start: 0) + Key.events([.tap(2), .tap(3), .tap(4), .tap(Key.enter)])
        #expect(decoder.outputs(events).first?.scanned == Array("123".utf8))
    }

    // MARK: Framing

    @Test func prefixAndSuffixAreStrippedFromScans() throws {
        var configured = try settings("us")
        configured.prefix = Array("B".utf8)
        configured.suffix = Array("C".utf8)
        var decoder = try WedgeDecoder(settings: configured)
        let typist = try KeyboardTypist(layout: .us)
        let framed = try typist.events(typing: "B4006381333931C", startingAt: 0, interval: 8_000, terminator: .enter)
        #expect(decoder.outputs(framed).first?.scanned == Array("4006381333931".utf8))
        let bare = try typist.events(
            typing: "4006381333931C", startingAt: 1_000_000, interval: 8_000, terminator: .enter)
        #expect(decoder.outputs(bare).first?.rejection == "the scan does not start with the prefix \"B\"")
        let noSuffix = try typist.events(typing: "B400", startingAt: 2_000_000, interval: 8_000, terminator: .enter)
        #expect(decoder.outputs(noSuffix).first?.rejection == "the scan does not end with the suffix \"C\"")
        // A prefix that is a control character, as the scanner sends it (Alt+0002).
        configured.prefix = [0x02]
        configured.suffix = []
        var stx = try WedgeDecoder(settings: configured)
        let events = try typist.events(typing: "\u{02}ABC", startingAt: 0, interval: 8_000, terminator: .enter)
        #expect(stx.outputs(events).first?.scanned == Array("ABC".utf8))
    }

    @Test func anEnterBeforeTheScanAndSeveralCodesPerTrigger() throws {
        var decoder = try WedgeDecoder(settings: settings("us"))
        let typist = try KeyboardTypist(layout: .us)
        let events =
            Key.events([.tap(Key.enter)], start: 0)
            + (try typist.events(typing: "0101", startingAt: 9_000, interval: 8_000, terminator: .enter))
            + (try typist.events(typing: "0202", startingAt: 50_000, interval: 8_000, terminator: .enter))
            + Key.events([.tap(Key.enter)], start: 100_000)
        #expect(decoder.outputs(events).map(\.scanned) == [Array("0101".utf8), Array("0202".utf8)])
    }

    @Test func terminatorsAreConfigurable() throws {
        let typist = try KeyboardTypist(layout: .us)
        for terminator in [WedgeSettings.Terminator.enter, .keypadEnter, .tab] {
            var decoder = try WedgeDecoder(settings: settings("us", terminators: [terminator]))
            let events = try typist.events(typing: "1234", startingAt: 0, interval: 8_000, terminator: terminator)
            let outputResult = decoder.outputs(events).first
            let output = try #require(outputResult)
            #expect(output.scanned == Array("1234".utf8))
            #expect(output.line?.terminator == terminator)
        }
        // Tab is data unless it is a terminator.
        var decoder = try WedgeDecoder(settings: settings("us"))
        let events = try typist.events(typing: "12\t34", startingAt: 0, interval: 8_000, terminator: .enter)
        #expect(decoder.outputs(events).first?.scanned == Array("12\t34".utf8))
    }

    @Test func anIdleTerminatorEndsALineWhenNoKeyComes() throws {
        var decoder = try WedgeDecoder(settings: settings("us", terminators: [.idle]))
        let typist = try KeyboardTypist(layout: .us)
        let events = try typist.events(typing: "12345", startingAt: 1_000_000, interval: 8_000, terminator: nil)
        #expect(decoder.idleDeadline == nil)
        #expect(decoder.outputs(events).isEmpty)
        let last = try #require(events.last).time
        #expect(decoder.idleDeadline == last + 100_000)
        #expect(decoder.idle(now: last + 99_999) == nil)
        let outputResult = decoder.idle(now: last + 100_000)
        let output = try #require(outputResult)
        #expect(output.scanned == Array("12345".utf8))
        #expect(output.line?.terminator == .idle)
        #expect(decoder.idleDeadline == nil)
        // When the next scan comes before the reader called idle(now:), the first still ends on its own.
        let two =
            (try typist.events(typing: "111111", startingAt: 3_000_000, interval: 8_000, terminator: nil))
            + (try typist.events(typing: "222222", startingAt: 4_000_000, interval: 8_000, terminator: nil))
        #expect(decoder.outputs(two).map(\.scanned) == [Array("111111".utf8)])
        #expect(decoder.idle(now: 5_000_000)?.scanned == Array("222222".utf8))
    }

    // MARK: Events one by one

    @Test func keyRepeatsDoNotDuplicateCharacters() throws {
        var decoder = try WedgeDecoder(settings: settings("us"))
        let events = Key.events([.down(30), .repeated(30), .repeated(30), .up(30), .tap(48), .tap(46), .tap(Key.enter)])
        #expect(decoder.outputs(events).first?.scanned == Array("abc".utf8))
    }

    @Test func aKeyWithNoCharacterRejectsTheLine() throws {
        var decoder = try WedgeDecoder(settings: settings("de"))
        let events = Key.events([.tap(2), .tap(3), .tap(183), .tap(4), .tap(Key.enter)])
        let outputResult = decoder.outputs(events).first
        let output = try #require(outputResult)
        #expect(output.rejection == "key 183 (XF86Tools) has no character in layout de")
        #expect(output.line?.bytes == Array("123".utf8))
    }

    @Test func synDroppedMidScanRejectsTheScanAndTheNextScanIsWhole() throws {
        var decoder = try WedgeDecoder(settings: settings("us"))
        let typist = try KeyboardTypist(layout: .us)
        let scan = try typist.events(typing: "ABCDEF", startingAt: 0, interval: 8_000, terminator: .enter)
        // Cut right after Shift went down for "D": the kernel drops, libevdev's sync reports Shift released.
        let cut = try #require(scan.firstIndex { $0.type == 1 && $0.code == 32 && $0.value == 1 })
        let resync = [
            Key.event(scan[cut].time, 0, 3, 0),
            Key.event(scan[cut].time, 1, 30, 1),  // a sync event: never a character
            Key.event(scan[cut].time, 1, 30, 0),
            Key.event(scan[cut].time, 1, 42, 0),
            Key.event(scan[cut].time, 0, 0, 0),
        ]
        let tail = scan[(cut + 3)...].filter { !($0.type == 1 && $0.code == 42) }
        let outputs = decoder.outputs(Array(scan[..<cut]) + resync + tail)
        #expect(outputs.count == 1)
        let reason = try #require(outputs.first?.rejection)
        #expect(reason.contains("SYN_DROPPED"))
        #expect(outputs.first?.line?.bytes == Array("ABCef".utf8))
        #expect(!decoder.isKeyHeld)
        let next = try typist.events(typing: "GHIJ", startingAt: 1_000_000, interval: 8_000, terminator: .enter)
        #expect(decoder.outputs(next).map(\.scanned) == [Array("GHIJ".utf8)])
    }

    @Test func aLineCutBySynDroppedEndsAtTheNextPause() throws {
        var decoder = try WedgeDecoder(settings: settings("us"))
        let typist = try KeyboardTypist(layout: .us)
        let start = try typist.events(typing: "1234", startingAt: 0, interval: 8_000, terminator: nil)
        let drop = [Key.event(40_000, 0, 3, 0), Key.event(40_000, 0, 0, 0)]
        let next = try typist.events(typing: "5678", startingAt: 500_000, interval: 8_000, terminator: .enter)
        let outputs = decoder.outputs(start + drop + next)
        #expect(outputs.map(\.rejection?.isEmpty) == [false, nil])
        #expect(outputs.first?.line?.bytes == Array("1234".utf8))
        #expect(outputs.last?.scanned == Array("5678".utf8))
    }

    @Test func resyncUpdatesLocksFromTheLEDs() throws {
        var decoder = try WedgeDecoder(settings: settings("us"))
        let led = [
            Key.event(0, 0, 3, 0), Key.event(0, InputEvent.Kind.led, 1, 1), Key.event(0, 0, 0, 0),
        ]
        #expect(decoder.outputs(led).isEmpty)
        #expect(decoder.capsLock)
        let events = try KeyboardTypist(layout: .us).events(
            typing: "Ab12", startingAt: 1_000_000, interval: 8_000, terminator: .enter)
        #expect(decoder.outputs(events).first?.scanned == Array("aB12".utf8))
    }

    @Test func heldKeysAndReset() throws {
        var decoder = try WedgeDecoder(settings: settings("us"))
        #expect(decoder.outputs(Key.events([.down(Key.shift), .tap(30)])).isEmpty)
        #expect(decoder.isKeyHeld)
        decoder.reset(capsLock: false, numLock: false)
        #expect(!decoder.isKeyHeld)
        // Shift is forgotten with the line.
        #expect(
            decoder.outputs(Key.events([.tap(30), .tap(48), .tap(46), .tap(Key.enter)])).first?.scanned
                == Array("abc".utf8))
    }

    @Test func decodersOnManyTasksShareKeymaps() async throws {
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<24 {
                group.addTask {
                    let layout = try KeyboardLayout(shippedLayouts[index % shippedLayouts.count])
                    let events = try KeyboardTypist(layout: layout).events(
                        typing: barcodeText, startingAt: 0, interval: 8_000, terminator: .enter)
                    var decoder = try WedgeDecoder(settings: WedgeSettings(layout: layout))
                    var outputs: [WedgeOutput] = []
                    for _ in 0..<20 { outputs += decoder.outputs(events) }
                    return outputs.allSatisfy { $0.scanned == Array(barcodeText.utf8) } && outputs.count == 20
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 24 && results.allSatisfy { $0 })
    }

    @Test func aCopiedDecoderIsIndependent() throws {
        var first = try WedgeDecoder(settings: settings("us"))
        #expect(first.outputs(Key.events([.down(Key.shift), .tap(30)], start: 0)).isEmpty)
        var second = first
        let rest = Key.events([.up(Key.shift), .tap(48), .tap(Key.enter)], start: 8_000)
        #expect(second.outputs(rest).first?.line?.bytes == Array("Ab".utf8))
        let other = Key.events([.tap(46), .tap(47), .up(Key.shift), .tap(Key.enter)], start: 8_000)
        #expect(first.outputs(other).first?.line?.bytes == Array("ACV".utf8))
    }
}
