import Testing

@testable import TallyScan

@Suite("Recorded event streams")
struct ReplayTests {
    /// A scanner typing "4" (KEY_4, HID usage 0x70021) and Enter, as evemu-record writes it.
    static let recording = """
        # EVEMU 1.3
        # Kernel: 6.1.0-28-amd64
        N: Honeywell Imaging & Mobility 1900 #2
        I: 0003 0c2e 0b61 0111
        P: 00 00 00 00 00 00 00 00
        B: 00 0b 00 00 00 00 00 00 00
        E: 0.000001 0004 0004 458785	# EV_MSC / MSC_SCAN             458785
        E: 0.000001 0001 0005 0001	# EV_KEY / KEY_4                1
        E: 0.000001 0000 0000 0000	# ------------ SYN_REPORT (0) ---------- +0ms
        E: 0.004012 0001 0005 0000	# EV_KEY / KEY_4                0
        E: 0.004012 0000 0000 0000	# ------------ SYN_REPORT (0) ---------- +4ms
        E: 0.008020 0001 001c 0001	# EV_KEY / KEY_ENTER            1
        E: 0.008020 0000 0000 0000	# ------------ SYN_REPORT (0) ---------- +4ms

        """

    @Test func anEvemuRecordingReadsAsItsEvents() throws {
        let recording = try EvemuRecording(parsing: Self.recording)
        #expect(recording.name == "Honeywell Imaging & Mobility 1900 #2")
        #expect(recording.vendor == 0x0c2e)
        #expect(recording.product == 0x0b61)
        #expect(recording.events.count == 7)
        #expect(recording.events[0] == InputEvent(seconds: 0, microseconds: 1, type: 4, code: 4, value: 458_785))
        #expect(recording.events[1] == InputEvent(seconds: 0, microseconds: 1, type: 1, code: 5, value: 1))
        #expect(recording.events[5].time == 8020)
        #expect(recording.events.filter(\.isReport).count == 3)
        // Written out and read back, it is the same recording.
        #expect(try EvemuRecording(parsing: recording.text) == recording)
    }

    @Test(arguments: [
        ("", "not an evemu recording"),
        ("N: keyboard\n", "not an evemu recording"),
        ("# EVEMU 1.3\nX: 1\n", "line 2: X: is not an evemu line type"),
        ("# EVEMU 1.3\nI: 0003 zzzz 0001 0001\n", "line 2: zzzz is not a 16-bit hex id"),
        ("# EVEMU 1.3\nE: 0.1 0001 001e 1\n", "line 2: 0.1 is not a time"),
        ("# EVEMU 1.3\nE: 0.000001 0001 001e\n", "line 2: E: needs a time"),
        ("# EVEMU 1.3\nE: 0.000001 0001 001e 99999999999\n", "line 2: 99999999999 is not a 32-bit value"),
        ("# EVEMU 1.3\nE: 0.-00001 0001 001e 1\n", "is not a time"),
        ("# EVEMU 1.3\nE: 0.000001 10000 001e 1\n", "16-bit hex"),
    ])
    func aDamagedRecordingNamesTheLine(text: String, message: String) {
        #expect {
            try EvemuRecording(parsing: text)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func rawRecordsSurviveReadsThatEndMidRecord() {
        let events = (0..<50).map { (index: Int) -> InputEvent in
            let value = Int32(index % 3) - 1
            return InputEvent(
                seconds: 1_700_000_000 + Int64(index), microseconds: Int32(index * 1000), type: 1,
                code: UInt16(index), value: value)
        }
        let bytes = events.flatMap(RawInputEventDecoder.encode)
        #expect(bytes.count == 50 * RawInputEventDecoder.recordSize)
        var decoder = RawInputEventDecoder()
        var decoded: [InputEvent] = []
        var offset = 0
        var chunk = 1
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            decoded += decoder.decode(bytes[offset..<end])
            offset = end
            chunk = chunk * 3 % 61 + 1
        }
        #expect(decoded == events)
        #expect(decoder.pendingByteCount == 0)
    }

    @Test func aRecordedRawStreamIsChecked() throws {
        let event = InputEvent(seconds: 5, microseconds: 999_999, type: 1, code: 30, value: 1)
        let bytes = RawInputEventDecoder.encode(event)
        #expect(try RawInputEventDecoder.events(inRecording: bytes + bytes) == [event, event])
        #expect(throws: InputEventStreamError.trailingBytes(count: 7)) {
            try RawInputEventDecoder.events(inRecording: bytes + Array(bytes[..<7]))
        }
        var late = bytes
        late[8] = 0x40
        late[9] = 0x42
        late[10] = 0x0F
        #expect(throws: InputEventStreamError.invalidTime(record: 0, microseconds: 1_000_000)) {
            try RawInputEventDecoder.events(inRecording: late)
        }
    }

    @Test func randomBytesNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0...200, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            _ = try? RawInputEventDecoder.events(inRecording: bytes)
            _ = try? EvemuRecording(parsing: "# EVEMU 1.3\n" + String(decoding: bytes, as: UTF8.self))
        }
    }
}
