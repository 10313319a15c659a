/// The evdev key codes (`linux/input-event-codes.h`) the decoder and the typist treat specially, and the HID
/// usages a USB keyboard reports for them (`MSC_SCAN`, usage page 7).
enum KeyCode {
    static let escape: UInt16 = 1
    static let tab: UInt16 = 15
    static let enter: UInt16 = 28
    static let leftControl: UInt16 = 29
    static let leftShift: UInt16 = 42
    static let leftAlt: UInt16 = 56
    static let space: UInt16 = 57
    static let keypadEnter: UInt16 = 96
    static let rightAlt: UInt16 = 100

    /// `KEY_KP0` … `KEY_KP9` by digit.
    static let keypadDigits: [UInt16] = [82, 79, 80, 81, 75, 76, 77, 71, 72, 73]

    /// The digit of a keypad digit key, whatever Num Lock says: Alt+keypad codes are read by position.
    static func keypadDigit(_ code: UInt16) -> UInt8? {
        keypadDigits.firstIndex(of: code).map { UInt8($0) }
    }

    /// Keys of the numeric keypad; the typist prefers the main block, as scanners do.
    static func isKeypad(_ code: UInt16) -> Bool {
        (71...83).contains(code) || [55, 96, 98, 117, 118, 121].contains(code)
    }

    /// US positions for Ctrl+symbol control characters: the key and whether Shift is held.
    static let usControlKeys: [UInt8: (code: UInt16, shift: Bool)] = [
        0x00: (3, true),  // Ctrl+@ is Ctrl+Shift+2
        0x1B: (26, false),  // Ctrl+[
        0x1C: (43, false),  // Ctrl+\
        0x1D: (27, false),  // Ctrl+]
        0x1E: (7, true),  // Ctrl+^ is Ctrl+Shift+6
        0x1F: (12, true),  // Ctrl+_ is Ctrl+Shift+-
    ]

    /// The HID usage (page 7, in the form `MSC_SCAN` reports: `0x70000 | usage`) of an evdev key code.
    static func hidUsage(_ code: UInt16) -> Int32? {
        hidUsages[code].map { 0x70000 | $0 }
    }

    private static let hidUsages: [UInt16: Int32] = {
        var table: [UInt16: Int32] = [:]
        // Letters a…z in HID order, as evdev codes.
        let letters: [UInt16] = [
            30, 48, 46, 32, 18, 33, 34, 35, 23, 36, 37, 38, 50, 49, 24, 25, 16, 19, 31, 20, 22, 47, 17, 45, 21, 44,
        ]
        for (index, code) in letters.enumerated() { table[code] = 0x04 + Int32(index) }
        for digit in 1...10 { table[UInt16(digit + 1)] = 0x1D + Int32(digit) }  // KEY_1 … KEY_0: 0x1e … 0x27
        let others: [(UInt16, Int32)] = [
            (28, 0x28), (1, 0x29), (14, 0x2A), (15, 0x2B), (57, 0x2C), (12, 0x2D), (13, 0x2E), (26, 0x2F),
            (27, 0x30), (43, 0x31), (39, 0x33), (40, 0x34), (41, 0x35), (51, 0x36), (52, 0x37), (53, 0x38),
            (58, 0x39), (69, 0x53), (98, 0x54), (55, 0x55), (74, 0x56), (78, 0x57), (96, 0x58), (79, 0x59),
            (80, 0x5A), (81, 0x5B), (75, 0x5C), (76, 0x5D), (77, 0x5E), (71, 0x5F), (72, 0x60), (73, 0x61),
            (82, 0x62), (83, 0x63), (86, 0x64), (29, 0xE0), (42, 0xE1), (56, 0xE2), (97, 0xE4), (54, 0xE5),
            (100, 0xE6),
        ]
        for (code, usage) in others { table[code] = usage }
        return table
    }()
}

/// The Windows code pages of Alt+keypad codes: Alt+0nnn is Windows-1252, Alt+nnn (no leading zero) is the OEM
/// code page 437. Both agree with ASCII below 128.
enum CodePage {
    /// Windows-1252 0x80…0x9F; 0xA0…0xFF are Latin-1. The five unassigned bytes map to the C1 control of the same
    /// value, as Windows' own conversion does.
    static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Code page 437, 0x80…0xFF.
    static let oem437High: [UInt32] = [
        0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE,
        0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6,
        0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA,
        0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB, 0x2591, 0x2592, 0x2593, 0x2502,
        0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510, 0x2514,
        0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550,
        0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C,
        0x2588, 0x2584, 0x258C, 0x2590, 0x2580, 0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,
        0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229, 0x2261, 0x00B1, 0x2265, 0x2264, 0x2320,
        0x2321, 0x00F7, 0x2248, 0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
    ]

    /// The character of a Windows-1252 byte.
    static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
        switch byte {
        case 0x80...0x9F: Unicode.Scalar(windows1252High[Int(byte - 0x80)])!
        default: Unicode.Scalar(byte)
        }
    }

    /// The character of a code page 437 byte; below 128 it is ASCII (control characters stay controls).
    static func oem437(_ byte: UInt8) -> Unicode.Scalar {
        byte < 0x80 ? Unicode.Scalar(byte) : Unicode.Scalar(oem437High[Int(byte - 0x80)])!
    }

    /// The Windows-1252 byte of a character, for the typist's Alt+0nnn.
    static func windows1252Byte(_ scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) { return UInt8(scalar.value) }
        return windows1252High.firstIndex(of: scalar.value).map { UInt8(0x80 + $0) }
    }

    /// The text of an Alt+keypad code: its digits as typed. Nil when the value is out of range.
    static func altCode(digits: [UInt8]) -> Unicode.Scalar? {
        guard !digits.isEmpty, digits.count <= 5 else { return nil }
        let value = digits.reduce(0) { $0 * 10 + Int($1) }
        if digits.first == 0 {
            return value <= 0xFF ? windows1252(UInt8(value)) : nil
        }
        // Windows takes OEM codes above 255 modulo 256.
        return oem437(UInt8(value % 256))
    }
}

/// The spacing characters of dead keys: what a dead key followed by the space bar types, as Windows does it
/// (`´` for the acute accent, where X11's compose table would give an apostrophe).
enum DeadKey {
    static let spacing: [UInt32: Unicode.Scalar] = [
        0xFE50: "`",  // dead_grave
        0xFE51: "\u{B4}",  // dead_acute ´
        0xFE52: "^",  // dead_circumflex
        0xFE53: "~",  // dead_tilde
        0xFE54: "\u{AF}",  // dead_macron ¯
        0xFE55: "\u{2D8}",  // dead_breve ˘
        0xFE56: "\u{2D9}",  // dead_abovedot ˙
        0xFE57: "\u{A8}",  // dead_diaeresis ¨
        0xFE58: "\u{2DA}",  // dead_abovering ˚
        0xFE59: "\u{2DD}",  // dead_doubleacute ˝
        0xFE5A: "\u{2C7}",  // dead_caron ˇ
        0xFE5B: "\u{B8}",  // dead_cedilla ¸
        0xFE5C: "\u{2DB}",  // dead_ogonek ˛
    ]

    /// Whether a keysym is a dead key (`dead_grave` … `dead_greek` and the rest of the 0xFE50 block).
    static func isDead(_ keysym: UInt32) -> Bool { (0xFE50...0xFE93).contains(keysym) }

    /// What a dead key types alone (followed by the space bar, or by a key it does not combine with).
    static func spacingText(_ keysym: UInt32) -> [UInt8] {
        guard let scalar = spacing[keysym] else { return [] }
        return Array(String(Character(scalar)).utf8)
    }
}
