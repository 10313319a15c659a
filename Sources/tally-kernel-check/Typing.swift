import CEvdev
import TallyScan

/// Key events as a USB keyboard sends them, for scenarios that need typing before the keyboard-layout
/// typist exists: digits and Enter, which are the same in every layout.
enum Typing {
    /// A key's evdev code and the HID usage a USB keyboard reports with `MSC_SCAN` before it.
    struct Key: Equatable {
        var code: UInt16
        var scan: Int32
    }

    /// The keys for a text of digits and newlines.
    static func keys(_ text: String) -> [Key] {
        text.compactMap { character -> Key? in
            switch character {
            case "1"..."9":
                let offset = Int32(character.asciiValue! - Character("1").asciiValue!)
                return Key(code: UInt16(KEY_1) + UInt16(offset), scan: 0x7_001e + offset)
            case "0": return Key(code: UInt16(KEY_0), scan: 0x7_0027)
            case "\n": return Key(code: UInt16(KEY_ENTER), scan: 0x7_0028)
            default: return nil
            }
        }
    }

    /// Each key pressed and released, every report `gap` microseconds after the one before: the press report
    /// is `MSC_SCAN`, the key down and `SYN_REPORT`, the release the same with the key up.
    static func events(_ keys: [Key], gap: Int64) -> [InputEvent] {
        var events: [InputEvent] = []
        var time: Int64 = 0
        for key in keys {
            for value in [InputEvent.KeyValue.pressed, InputEvent.KeyValue.released] {
                let seconds = time / 1_000_000
                let microseconds = Int32(time % 1_000_000)
                func event(_ type: UInt16, _ code: UInt16, _ value: Int32) -> InputEvent {
                    InputEvent(seconds: seconds, microseconds: microseconds, type: type, code: code, value: value)
                }
                events.append(event(InputEvent.Kind.miscellaneous, UInt16(MSC_SCAN), key.scan))
                events.append(event(InputEvent.Kind.key, key.code, value))
                events.append(event(InputEvent.Kind.synchronization, InputEvent.Synchronization.report, 0))
                time += gap
            }
        }
        return events
    }

    /// Writes `events` to `keyboard` while `reader` reads them, as a live reader would, and returns what the
    /// reader got: as many reports as were written, or fewer when none came for two seconds.
    static func type(
        _ events: [InputEvent], on keyboard: VirtualKeyboard, readBy reader: EventReader,
        pacing: VirtualKeyboard.Pacing = .recorded
    ) async throws -> [InputEvent] {
        let count = reports(events)
        async let read = onThread { try reader.read(reports: count, timeout: 2_000).events }
        try await keyboard.write(events, pacing: pacing)
        return try await read
    }

    /// Whether `events` hold a `SYN_DROPPED`, for failure details.
    static func droppedNote(_ events: [InputEvent]) -> String {
        events.contains(where: \.isDropped) ? " (SYN_DROPPED: the reader fell behind)" : ""
    }

    /// Number of reports in `events`.
    static func reports(_ events: [InputEvent]) -> Int { events.count { $0.isReport } }

    /// The key presses and releases in `events` as (code, value) pairs, to compare what was written with
    /// what was read.
    static func keyStrokes(_ events: [InputEvent]) -> [[Int32]] {
        events.filter { $0.type == InputEvent.Kind.key }.map { [Int32($0.code), $0.value] }
    }

    /// Microseconds between consecutive reports' kernel timestamps.
    static func reportGaps(_ events: [InputEvent]) -> [Int64] {
        let times = events.filter(\.isReport).map(\.time)
        return zip(times.dropFirst(), times).map { $0 - $1 }
    }
}
