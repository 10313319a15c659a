/// Types text as a keyboard-wedge scanner configured for a layout does: the key events it would send, with
/// kernel-style timestamps.
///
/// Used to make test streams, benchmark input, evemu fixtures and the events a uinput virtual keyboard replays.
/// Each character is the key and modifiers (Shift, AltGr) that type it in the layout, preferring the main block and
/// the fewest modifiers; a character only a dead key has is the dead key then space; control characters are
/// Alt+keypad codes (`Alt+0029`) or Ctrl+key; other characters of Windows-1252 the layout lacks are Alt+0nnn.
public struct KeyboardTypist: Sendable {
    /// How control characters (0x00–0x1F, 0x7F) are typed.
    public enum ControlStyle: Sendable, Hashable {
        /// Alt held, keypad digits `0nnn`, Alt released: GS is Alt+0029.
        case altKeypad
        /// Ctrl with a key: letters where the layout has them, the symbols (`@ [ \ ] ^ _`) at their US position,
        /// as scanners in Ctrl+ASCII mode send them. DEL is always Alt+0127.
        case ctrl
    }

    public let layout: KeyboardLayout
    let keymap: Keymap

    public init(layout: KeyboardLayout) throws(KeyboardLayoutError) {
        self.layout = layout
        self.keymap = try Keymap.compile(layout)
    }

    /// The events of typing `bytes` (UTF-8 text) and then the terminator.
    ///
    /// Each key press and each release is one `EV_KEY` event, `interval / 2` µs after the one before, so key
    /// presses are at most `interval` apart; each is preceded by its `MSC_SCAN` (the HID usage) when `scanCodes`
    /// is set, and followed by a `SYN_REPORT` with the same time, as a USB keyboard reports them.
    /// - Parameters:
    ///   - startingAt: the time of the first event, in microseconds.
    ///   - terminator: the key typed after the text; nil or ``WedgeSettings/Terminator/idle`` types none.
    /// - Throws: ``KeyboardTypistError`` when the bytes are not UTF-8 or the layout cannot type a character.
    public func events(
        typing bytes: [UInt8], startingAt start: Int64, interval: Int64, terminator: WedgeSettings.Terminator?,
        controlStyle: ControlStyle = .altKeypad, scanCodes: Bool = true
    ) throws(KeyboardTypistError) -> [InputEvent] {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notUTF8(bytes) }
        var writer = Writer(time: start, step: interval / 2, scanCodes: scanCodes)
        for scalar in text.unicodeScalars {
            try type(scalar, with: &writer, controlStyle: controlStyle)
        }
        switch terminator {
        case .enter: writer.tap(KeyCode.enter)
        case .keypadEnter: writer.tap(KeyCode.keypadEnter)
        case .tab: writer.tap(KeyCode.tab)
        case .idle, nil: break
        }
        return writer.events
    }

    /// The events of typing `text`; see ``events(typing:startingAt:interval:terminator:controlStyle:scanCodes:)``.
    public func events(
        typing text: String, startingAt start: Int64, interval: Int64, terminator: WedgeSettings.Terminator?,
        controlStyle: ControlStyle = .altKeypad, scanCodes: Bool = true
    ) throws(KeyboardTypistError) -> [InputEvent] {
        try events(
            typing: Array(text.utf8), startingAt: start, interval: interval, terminator: terminator,
            controlStyle: controlStyle, scanCodes: scanCodes)
    }

    private func type(
        _ scalar: Unicode.Scalar, with writer: inout Writer, controlStyle: ControlStyle
    ) throws(KeyboardTypistError) {
        if scalar.value < 0x20 || scalar.value == 0x7F {
            let byte = UInt8(scalar.value)
            if controlStyle == .ctrl, byte != 0x7F {
                try typeControl(byte, with: &writer)
            } else {
                typeAltCode(byte, with: &writer)
            }
            return
        }
        if let stroke = keymap.strokes[scalar] {
            writer.stroke(stroke)
        } else if let (keysym, _) = DeadKey.spacing.first(where: {
            $0.value == scalar && keymap.deadStrokes[$0.key] != nil
        }),
            let dead = keymap.deadStrokes[keysym], let space = keymap.strokes[" "]
        {
            writer.stroke(dead)
            writer.stroke(space)
        } else if let byte = CodePage.windows1252Byte(scalar), byte >= 0x80 {
            typeAltCode(byte, with: &writer)
        } else {
            throw .noKey(Character(scalar), layout: layout)
        }
    }

    /// Alt held, `0` and the three digits of the Windows-1252 byte on the keypad, Alt released.
    private func typeAltCode(_ byte: UInt8, with writer: inout Writer) {
        writer.press(KeyCode.leftAlt)
        let digits = [0, byte / 100, byte / 10 % 10, byte % 10]
        for digit in digits { writer.tap(KeyCode.keypadDigits[Int(digit)]) }
        writer.release(KeyCode.leftAlt)
    }

    private func typeControl(_ byte: UInt8, with writer: inout Writer) throws(KeyboardTypistError) {
        let key: (code: UInt16, shift: Bool)
        if (0x01...0x1A).contains(byte), let stroke = keymap.strokes[Unicode.Scalar(byte + 0x60)],
            !stroke.levelThree
        {
            key = (stroke.code, stroke.shift)
        } else if let position = KeyCode.usControlKeys[byte] {
            key = position
        } else {
            throw .noKey(Character(Unicode.Scalar(byte)), layout: layout)
        }
        writer.press(KeyCode.leftControl)
        writer.stroke(Keymap.KeyStroke(code: key.code, shift: key.shift, levelThree: false))
        writer.release(KeyCode.leftControl)
    }

    /// Collects events with their times.
    private struct Writer {
        var time: Int64
        let step: Int64
        let scanCodes: Bool
        var events: [InputEvent] = []

        mutating func stroke(_ stroke: Keymap.KeyStroke) {
            if stroke.shift { press(KeyCode.leftShift) }
            if stroke.levelThree { press(KeyCode.rightAlt) }
            tap(stroke.code)
            if stroke.levelThree { release(KeyCode.rightAlt) }
            if stroke.shift { release(KeyCode.leftShift) }
        }

        mutating func tap(_ code: UInt16) {
            press(code)
            release(code)
        }

        mutating func press(_ code: UInt16) { key(code, InputEvent.KeyValue.pressed) }
        mutating func release(_ code: UInt16) { key(code, InputEvent.KeyValue.released) }

        private mutating func key(_ code: UInt16, _ value: Int32) {
            let seconds = time / 1_000_000
            let microseconds = Int32(time % 1_000_000)
            func event(_ type: UInt16, _ code: UInt16, _ value: Int32) -> InputEvent {
                InputEvent(seconds: seconds, microseconds: microseconds, type: type, code: code, value: value)
            }
            if scanCodes, let usage = KeyCode.hidUsage(code) {
                events.append(event(InputEvent.Kind.miscellaneous, 4, usage))  // MSC_SCAN
            }
            events.append(event(InputEvent.Kind.key, code, value))
            events.append(event(InputEvent.Kind.synchronization, InputEvent.Synchronization.report, 0))
            time += step
        }
    }
}

/// Why text cannot be typed.
public enum KeyboardTypistError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The bytes are not valid UTF-8.
    case notUTF8([UInt8])
    /// The layout has no key for the character, and it is not in Windows-1252 either.
    case noKey(Character, layout: KeyboardLayout)

    public var description: String {
        switch self {
        case .notUTF8(let bytes): "the text to type is not UTF-8: \(WedgeDecoder.show(bytes))"
        case .noKey(let character, let layout):
            "keyboard layout \(layout) has no key for \(character) ("
                + character.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined()
                + ") and it has no Windows-1252 Alt code"
        }
    }
}
