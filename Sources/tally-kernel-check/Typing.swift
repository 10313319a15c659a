import TallyScan

/// Typing on virtual keyboards and reading back what the kernel delivered.
enum Typing {
    /// A line typed on a US keyboard and ended with Enter, as a USB keyboard reports it (`MSC_SCAN`, the key,
    /// `SYN_REPORT`), with every report `gap` microseconds after the one before.
    static func events(_ text: String, gap: Int64) throws -> [InputEvent] {
        // The typist spaces key presses `interval` apart, with the release half-way between.
        try KeyboardTypist(layout: .us).events(typing: text, startingAt: 0, interval: 2 * gap, terminator: .enter)
    }

    /// Writes `events` to `keyboard` while `reader` reads them, as a live reader would, and returns what the
    /// reader got: as many reports as were written, or fewer when none came for two seconds.
    static func type(
        _ events: [InputEvent], on keyboard: VirtualKeyboard, readBy reader: EventReader,
        pacing: VirtualKeyboard.Pacing = .recorded
    ) async throws -> [InputEvent] {
        let count = reports(events)
        async let read = onThread { try reader.read(reports: count, timeout: 2_000).events }
        try await Machine.write(events, to: keyboard, pacing: pacing)
        let got = try await read
        if got.contains(where: \.isDropped) { Machine.sawDroppedEvents() }
        return got
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
