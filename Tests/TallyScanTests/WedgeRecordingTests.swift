import Foundation
import Testing

@testable import TallyScan

/// The evemu recordings in `Recordings/`: made with ``KeyboardTypist`` (no public recording of a scanner exists),
/// read back through ``EvemuRecording`` and decoded to the exact bytes.
///
/// To write them again after changing the typist: `TALLY_WRITE_RECORDINGS=1 swift test --filter WedgeRecording`.
@Suite("Wedge recordings")
struct WedgeRecordingTests {
    struct Fixture: Sendable, CustomTestStringConvertible {
        var file: String
        var about: String
        var layout: String
        var role: WedgeSettings.Role
        var events: @Sendable () throws -> [InputEvent]
        /// What the decoder makes of it: a scan, typed input, or a rejection (with bytes and part of the reason).
        var expected: [Expected]

        var testDescription: String { file }
    }

    enum Expected: Sendable {
        case scan(String)
        case typed(String)
        case rejected(String, reason: String)
    }

    static let gs1 = "0104012345678901\u{1D}10XYZ-12\u{1D}21ABC.34"

    static let fixtures: [Fixture] = [
        Fixture(
            file: "de-gs1-alt0029.events",
            about: "German scanner, GS1 code with GS as Alt+0029 (keypad), 8 ms between keys",
            layout: "de", role: .scanner,
            events: {
                try KeyboardTypist(layout: KeyboardLayout("de")).events(
                    typing: gs1, startingAt: 1_700_000_000_000_000, interval: 8_000, terminator: .enter)
            },
            expected: [.scan(gs1)]),
        Fixture(
            file: "ch-gs1-ctrl.events",
            about: "Swiss German scanner in Ctrl+ASCII mode: GS as Ctrl and the key right of P, 4 ms between keys",
            layout: "ch", role: .scanner,
            events: {
                try KeyboardTypist(layout: KeyboardLayout("ch")).events(
                    typing: gs1, startingAt: 1_700_000_000_000_000, interval: 4_000, terminator: .keypadEnter,
                    controlStyle: .ctrl)
            },
            expected: [.scan(gs1)]),
        Fixture(
            file: "fr-azerty-ean13.events",
            about: "French AZERTY scanner, EAN-13 (digits need Shift), 12 ms between keys",
            layout: "fr", role: .scanner,
            events: {
                try KeyboardTypist(layout: KeyboardLayout("fr")).events(
                    typing: "3017620422003", startingAt: 1_700_000_000_000_000, interval: 12_000, terminator: .enter)
            },
            expected: [.scan("3017620422003")]),
        Fixture(
            file: "cz-ean13.events",
            about: "Czech scanner, EAN-13 (digits need Shift), 6 ms between keys",
            layout: "cz", role: .scanner,
            events: {
                try KeyboardTypist(layout: KeyboardLayout("cz")).events(
                    typing: "8594156270087", startingAt: 1_700_000_000_000_000, interval: 6_000, terminator: .enter)
            },
            expected: [.scan("8594156270087")]),
        Fixture(
            file: "us-keyboard-typing-and-scan.events",
            about: "A keyboard: a cashier types 3* and Enter (110–240 ms between keys), then a scan burst",
            layout: "us", role: .keyboard,
            events: {
                let typist = try KeyboardTypist(layout: .us)
                let start: Int64 = 1_700_000_000_000_000
                return try typist.events(typing: "3", startingAt: start, interval: 90_000, terminator: nil)
                    + typist.events(typing: "*", startingAt: start + 240_000, interval: 60_000, terminator: nil)
                    + typist.events(typing: "", startingAt: start + 480_000, interval: 80_000, terminator: .enter)
                    + typist.events(
                        typing: "4006381333931", startingAt: start + 3_000_000, interval: 8_000, terminator: .enter)
            },
            expected: [.typed("3*"), .scan("4006381333931")]),
        Fixture(
            file: "us-syn-dropped.events",
            about: "SYN_DROPPED in the middle of a scan, libevdev's resync (Shift released), then a clean rescan",
            layout: "us", role: .scanner,
            events: {
                let typist = try KeyboardTypist(layout: .us)
                let start: Int64 = 1_700_000_000_000_000
                let scan = try typist.events(
                    typing: "ABC-4006381333931", startingAt: start, interval: 8_000, terminator: .enter)
                // Lost: from Shift down for "C" to the "-" key. The resync says Shift is up again.
                let cut = scan.firstIndex { $0.type == 1 && $0.code == 46 && $0.value == 1 }! - 4
                let resume = scan.firstIndex { $0.type == 1 && $0.code == 12 && $0.value == 1 }! - 1
                let at = scan[resume].time
                func event(_ type: UInt16, _ code: UInt16, _ value: Int32) -> InputEvent {
                    InputEvent(
                        seconds: at / 1_000_000, microseconds: Int32(at % 1_000_000), type: type, code: code,
                        value: value)
                }
                let resync = [event(0, 3, 0), event(1, 42, 0), event(0, 0, 0)]
                return try Array(scan[..<cut]) + resync + scan[resume...]
                    + typist.events(
                        typing: "ABC-4006381333931", startingAt: start + 2_000_000, interval: 8_000, terminator: .enter)
            },
            expected: [
                .rejected("AB-4006381333931", reason: "SYN_DROPPED"), .scan("ABC-4006381333931"),
            ]),
    ]

    static func recordingText(_ fixture: Fixture) throws -> String {
        let recording = EvemuRecording(
            name: "Tally test scanner (\(fixture.layout))", vendor: 0x1d50, product: 0x7461,
            events: try fixture.events())
        var lines = recording.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert(contentsOf: ["# Made by KeyboardTypist for Tally's tests.", "# \(fixture.about)"], at: 1)
        return lines.joined(separator: "\n")
    }

    static func url(_ file: String) -> URL? {
        Bundle.module.url(forResource: file, withExtension: nil, subdirectory: "Recordings")
    }

    @Test(arguments: fixtures)
    func aRecordingIsWhatTheTypistMakes(fixture: Fixture) throws {
        let text = try Self.recordingText(fixture)
        if ProcessInfo.processInfo.environment["TALLY_WRITE_RECORDINGS"] == "1" {
            let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                "Recordings")
            try text.write(to: folder.appendingPathComponent(fixture.file), atomically: true, encoding: .utf8)
            return
        }
        let url = try #require(Self.url(fixture.file), "Recordings/\(fixture.file) is missing")
        #expect(try String(contentsOf: url, encoding: .utf8) == text)
    }

    @Test(arguments: fixtures)
    func aRecordingDecodesToItsExactBytes(fixture: Fixture) throws {
        let url = try #require(Self.url(fixture.file), "Recordings/\(fixture.file) is missing")
        let recording = try EvemuRecording(parsing: String(contentsOf: url, encoding: .utf8))
        #expect(recording.name == "Tally test scanner (\(fixture.layout))")
        var decoder = try WedgeDecoder(
            settings: WedgeSettings(
                layout: KeyboardLayout(fixture.layout), role: fixture.role, terminators: [.enter, .keypadEnter]))
        var outputs: [WedgeOutput] = []
        for event in recording.events {
            if let output = decoder.handle(event) { outputs.append(output) }
        }
        #expect(outputs.count == fixture.expected.count, "\(outputs)")
        for (output, expected) in zip(outputs, fixture.expected) {
            switch (output, expected) {
            case (.scan(let line), .scan(let text)), (.typed(let line), .typed(let text)):
                #expect(line.bytes == Array(text.utf8))
            case (.rejected(let line, let reason), .rejected(let text, let part)):
                #expect(line?.bytes == Array(text.utf8))
                #expect(reason.contains(part), "\(reason)")
            default:
                Issue.record("\(output) is not \(expected)")
            }
        }
        #expect(!decoder.isKeyHeld)
    }
}
