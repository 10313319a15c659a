import Glibc
import Synchronization
import TallyScan

// The live scanner reader (TallyScan's ScannerReader) against virtual keyboards: layouts, GS as Alt+keypad,
// scanner and human speed, the grab, hotplug with a by-id link, permissions that arrive late, two scanners at
// once.

/// What a scanner of the given layout sends for a GS1 label: a GTIN, a lot and a serial with GS between them,
/// in upper and lower case and with the symbols labels use.
private let gs1Label = Array("0104012345678901\u{1D}10Lot-7/b.Z\u{1D}21xy+%$".utf8)

/// Every report of one reader, gathered as they come.
final class ReportLog: Sendable {
    private final class Store: Sendable {
        let reports = Mutex<[ScannerReport]>([])
    }

    private let store = Store()

    init(_ reader: ScannerReader) {
        let store = self.store
        Task {
            for await report in reader.reports {
                if case .rejected(_, _, _, _, let reason) = report, reason.contains("SYN_DROPPED") {
                    Machine.sawDroppedEvents()
                }
                store.reports.withLock { $0.append(report) }
            }
        }
    }

    var all: [ScannerReport] { store.reports.withLock { $0 } }

    var lines: [ScannerLine] {
        all.compactMap { if case .line(let line) = $0 { line } else { nil } }
    }

    var rejections: [String] {
        all.compactMap {
            if case .rejected(_, _, _, let input, let reason) = $0 {
                "\(String(decoding: input, as: UTF8.self)): \(reason)"
            } else {
                nil
            }
        }
    }

    /// Waits (up to `seconds`) until `condition` holds for the reports so far.
    func wait(
        _ what: String, seconds: Double = 5, until condition: ([ScannerReport]) -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while !condition(all) {
            guard ContinuousClock.now < deadline else {
                throw CheckFailure("waited \(seconds) s for \(what); reports: \(describe(all))")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    func waitForLines(_ count: Int, seconds: Double = 5) async throws {
        try await wait("\(count) line(s)", seconds: seconds) { reports in
            reports.filter { if case .line = $0 { true } else { false } }.count >= count
        }
    }

    func attachedCount(_ scanner: String) -> Int {
        all.filter { if case .attached(scanner, _, _) = $0 { true } else { false } }.count
    }
}

func describe(_ reports: [ScannerReport]) -> String {
    reports.map { report in
        switch report {
        case .attached(let scanner, let device, let grabbed): "attached \(scanner) \(device.path) grabbed=\(grabbed)"
        case .detached(let scanner, _, let reason): "detached \(scanner) (\(reason))"
        case .line(let line): "\(line.kind) \(line.scanner) \(String(reflecting: line.line.text))"
        case .rejected(let scanner, _, _, let input, let reason):
            "rejected \(scanner) \(String(reflecting: String(decoding: input, as: UTF8.self))): \(reason)"
        case .problem(let scanner, let device, let message): "problem \(scanner ?? "-") \(device): \(message)"
        }
    }.joined(separator: "; ")
}

/// A scanner for a scenario. Scenarios about something other than timing allow half a second between keys: the
/// virtual keyboards are written by a program in an emulated machine, and when the host is busy that program can
/// stall for tens of milliseconds mid-scan, which a hardware scanner's interrupts never do. The scenario about
/// telling scanners from people uses the real default, 30 ms.
private func scanner(
    _ id: String, _ match: ScannerMatch, lane: String = "till", layout: String = "us",
    role: WedgeSettings.Role = .scanner,
    terminators: Set<WedgeSettings.Terminator> = [.enter, .keypadEnter], maxKeyGap: Int64 = 500_000
) throws -> ScannerConfiguration {
    ScannerConfiguration(
        id: id, match: match, lane: lane,
        wedge: WedgeSettings(
            layout: try KeyboardLayout(layout), role: role, terminators: terminators, maxKeyGap: maxKeyGap))
}

/// Types `bytes` on `keyboard` as a scanner configured for `layout` would: keys `interval` µs apart.
private func type(
    _ bytes: [UInt8], on keyboard: VirtualKeyboard, layout: String = "us", interval: Int64 = 3_000,
    terminator: WedgeSettings.Terminator? = .enter, control: KeyboardTypist.ControlStyle = .altKeypad
) async throws {
    let typist = try KeyboardTypist(layout: try KeyboardLayout(layout))
    let events = try typist.events(
        typing: bytes, startingAt: 0, interval: interval, terminator: terminator, controlStyle: control)
    try await Machine.write(events, to: keyboard, pacing: .recorded)
}

private func expectLine(
    _ line: ScannerLine?, scanner: String, kind: ScannerLine.Kind, bytes: [UInt8], lane: String = "till"
) throws {
    guard let line else { throw CheckFailure("no line from \(scanner)") }
    guard line.scanner == scanner, line.kind == kind, line.bytes == bytes, line.lane == lane else {
        throw CheckFailure(
            "\(scanner): expected \(kind) \(String(reflecting: String(decoding: bytes, as: UTF8.self))) on \(lane), "
                + "got \(line.kind) \(String(reflecting: line.line.text)) from \(line.scanner) on \(line.lane)")
    }
}

/// The same GS1 label typed by scanners set to US, German, French, Czech and Swiss German keyboards (GS as
/// Alt+keypad, and as Ctrl+] on one) comes out byte for byte the same.
func readerLayouts() async throws -> Outcome {
    let layouts: [(id: String, layout: String, control: KeyboardTypist.ControlStyle)] = [
        ("us", "us", .altKeypad), ("de", "de", .altKeypad), ("fr", "fr", .altKeypad), ("cz", "cz", .ctrl),
        ("ch", "ch", .altKeypad),
    ]
    let reader = try ScannerReader(
        scanners: try layouts.map { try scanner($0.id, .name(pattern: "Tally Scanner \($0.id)"), layout: $0.layout) })
    let log = ReportLog(reader)
    var keyboards: [VirtualKeyboard] = []
    defer {
        reader.stop()
        for keyboard in keyboards { keyboard.close() }
    }
    for (index, entry) in layouts.enumerated() {
        keyboards.append(
            try VirtualKeyboard(name: "Tally Scanner \(entry.id)", vendor: 0x1d50, product: 0x0100 + UInt16(index)))
    }
    try reader.start()
    try await log.wait("every scanner attached") { _ in layouts.allSatisfy { log.attachedCount($0.id) == 1 } }
    for (index, entry) in layouts.enumerated() {
        try await type(gs1Label, on: keyboards[index], layout: entry.layout, control: entry.control)
        try await log.waitForLines(index + 1)
        try expectLine(log.lines.last, scanner: entry.id, kind: .scan, bytes: gs1Label)
    }
    let grabbed = reader.devices().filter(\.grabbed).count
    guard grabbed == layouts.count else { throw CheckFailure("\(grabbed) of \(layouts.count) devices grabbed") }
    return .pass("\(layouts.count) layouts, GS1 label with GS read exactly; all grabbed")
}

/// Human-speed typing on a scanner is refused with a reason; on a keyboard given to the same lane it is typed
/// input, while a scanner-speed burst on that keyboard is still a scan; an idle-terminated scanner ends its
/// line by itself.
func readerHumanAndKeyboard() async throws -> Outcome {
    let reader = try ScannerReader(scanners: [
        try scanner("gun", .usb(vendor: 0x1d50, product: 0x0200), maxKeyGap: 30_000),
        try scanner("keys", .usb(vendor: 0x1d50, product: 0x0201), role: .keyboard, maxKeyGap: 30_000),
        try scanner(
            "idle", .usb(vendor: 0x1d50, product: 0x0202), lane: "dock", terminators: [.idle], maxKeyGap: 30_000),
    ])
    let log = ReportLog(reader)
    let gun = try VirtualKeyboard(name: "Tally Gun", vendor: 0x1d50, product: 0x0200)
    let keys = try VirtualKeyboard(name: "Tally Keys", vendor: 0x1d50, product: 0x0201)
    let idle = try VirtualKeyboard(name: "Tally Idle", vendor: 0x1d50, product: 0x0202)
    defer {
        reader.stop()
        for keyboard in [gun, keys, idle] { keyboard.close() }
    }
    try reader.start()
    try await log.wait("three devices attached") { _ in
        ["gun", "keys", "idle"].allSatisfy { log.attachedCount($0) == 1 }
    }

    try await type(Array("12345".utf8), on: gun, interval: 150_000)
    try await log.wait("a refusal of slow typing on the scanner") { _ in !log.rejections.isEmpty }
    try await type(Array("3*".utf8), on: keys, interval: 150_000)
    try await log.waitForLines(1)
    try expectLine(log.lines.last, scanner: "keys", kind: .typed, bytes: Array("3*".utf8))
    try await type(Array("4006381333931".utf8), on: keys, interval: 3_000)
    try await log.waitForLines(2)
    try expectLine(log.lines.last, scanner: "keys", kind: .scan, bytes: Array("4006381333931".utf8))
    try await type(Array("96385074".utf8), on: idle, interval: 3_000, terminator: nil)
    try await log.waitForLines(3)
    try expectLine(log.lines.last, scanner: "idle", kind: .scan, bytes: Array("96385074".utf8), lane: "dock")
    return .pass(
        "slow typing on a scanner refused (\(log.rejections[0])); typed 3* and a burst on a keyboard; idle end")
}

/// A device with a key held is read but grabbed only once the key is up; once grabbed, another reader of the
/// device gets nothing.
func readerGrabWaitsForRelease() async throws -> Outcome {
    let keyboard = try VirtualKeyboard(name: "Tally Held", vendor: 0x1d50, product: 0x0300)
    defer { keyboard.close() }
    let press = [
        InputEvent(seconds: 0, microseconds: 0, type: InputEvent.Kind.key, code: 42, value: 1),
        InputEvent(seconds: 0, microseconds: 0, type: 0, code: 0, value: 0),
    ]
    try await keyboard.write(press, pacing: .immediate)
    let other = try EventReader(path: keyboard.devnode)
    let reader = try ScannerReader(scanners: [try scanner("held", .path(keyboard.devnode))])
    let log = ReportLog(reader)
    defer { reader.stop() }
    try reader.start()
    try await log.wait("attached") { _ in log.attachedCount("held") == 1 }
    let grabbedWhileHeld = reader.devices().first?.grabbed ?? true
    let release = [
        InputEvent(seconds: 0, microseconds: 0, type: InputEvent.Kind.key, code: 42, value: 0),
        InputEvent(seconds: 0, microseconds: 0, type: 0, code: 0, value: 0),
    ]
    try await keyboard.write(release, pacing: .immediate)
    try await log.wait("grabbed after the release") { _ in reader.devices().first?.grabbed == true }
    _ = try other.read(reports: 1000, timeout: 50)
    try await type(Array("4006381333931".utf8), on: keyboard)
    try await log.waitForLines(1)
    try expectLine(log.lines.last, scanner: "held", kind: .scan, bytes: Array("4006381333931".utf8))
    let leaked = try other.read(reports: 1000, timeout: 200).events.filter { $0.type == InputEvent.Kind.key }.count
    guard !grabbedWhileHeld else { throw CheckFailure("grabbed while Shift was held") }
    guard leaked == 0 else { throw CheckFailure("\(leaked) key events reached another reader after the grab") }
    return .pass("not grabbed while Shift held; grabbed on release; 0 key events leaked to another reader")
}

/// A scanner named by its /dev/input/by-id link is picked up when the link appears, survives an unplug in the
/// middle of a scan (the partial scan is dropped) and is grabbed again when it comes back.
func readerReplugByID() async throws -> Outcome {
    let link = "/dev/input/by-id/usb-Tally_Test_Replug-event-kbd"
    mkdir("/dev/input/by-id", 0o755)
    unlink(link)
    let reader = try ScannerReader(scanners: [try scanner("dock", .path(link))])
    let log = ReportLog(reader)
    defer {
        reader.stop()
        unlink(link)
    }
    try reader.start()
    var keyboard = try VirtualKeyboard(name: "Tally Replug", vendor: 0x1d50, product: 0x0400)
    try await Task.sleep(for: .milliseconds(200))
    guard log.attachedCount("dock") == 0 else { throw CheckFailure("attached before its link existed") }
    // What udev does a moment after the node appears.
    guard symlink(keyboard.devnode, link) == 0 else { throw CheckFailure("cannot make \(link)") }
    try await log.wait("attached through the link") { _ in log.attachedCount("dock") == 1 }
    try await type(Array("4006381333931".utf8), on: keyboard)
    try await log.waitForLines(1)

    // Half a scan, then the cable comes out.
    let typist = try KeyboardTypist(layout: .us)
    let half = try typist.events(typing: "400638", startingAt: 0, interval: 3_000, terminator: nil)
    try await Machine.write(half, to: keyboard, pacing: .recorded)
    keyboard.close()
    unlink(link)
    try await log.wait("detached") { reports in
        reports.contains { if case .detached("dock", _, _) = $0 { true } else { false } }
    }
    keyboard = try VirtualKeyboard(name: "Tally Replug", vendor: 0x1d50, product: 0x0400)
    defer { keyboard.close() }
    guard symlink(keyboard.devnode, link) == 0 else { throw CheckFailure("cannot make \(link) again") }
    try await log.wait("attached again") { _ in log.attachedCount("dock") == 2 }
    try await log.wait("grabbed again") { _ in reader.devices().first?.grabbed == true }
    try await type(Array("96385074".utf8), on: keyboard)
    try await log.waitForLines(2)
    let lines = log.lines.map(\.line.text)
    guard lines == ["4006381333931", "96385074"] else {
        throw CheckFailure("lines \(lines); the half scan must not appear. \(describe(log.all))")
    }
    return .pass("picked up by link, detached on unplug mid-scan (half scan dropped), grabbed again on replug")
}

/// Two scanners typing at the same moment into two lanes: each line is whole and on its own lane.
func readerTwoScanners() async throws -> Outcome {
    let reader = try ScannerReader(scanners: [
        try scanner("till", .usb(vendor: 0x1d50, product: 0x0500), lane: "till", layout: "de"),
        try scanner("dock", .usb(vendor: 0x1d50, product: 0x0501), lane: "dock", layout: "fr"),
    ])
    let log = ReportLog(reader)
    let first = try VirtualKeyboard(name: "Tally Till", vendor: 0x1d50, product: 0x0500)
    let second = try VirtualKeyboard(name: "Tally Dock", vendor: 0x1d50, product: 0x0501)
    defer {
        reader.stop()
        first.close()
        second.close()
    }
    try reader.start()
    try await log.wait("both attached") { _ in log.attachedCount("till") == 1 && log.attachedCount("dock") == 1 }
    let codes = (0..<5).map { "400638133393\($0)" }
    let sscc = (0..<5).map { "00340123450000000\($0)\u{1D}37\($0 + 10)" }
    async let tillDone: Void = {
        for code in codes { try await type(Array(code.utf8), on: first, layout: "de", interval: 2_000) }
    }()
    async let dockDone: Void = {
        for code in sscc { try await type(Array(code.utf8), on: second, layout: "fr", interval: 3_000) }
    }()
    _ = try await (tillDone, dockDone)
    try await log.waitForLines(10)
    let till = log.lines.filter { $0.scanner == "till" }
    let dock = log.lines.filter { $0.scanner == "dock" }
    guard till.map(\.line.text) == codes, till.allSatisfy({ $0.lane == "till" && $0.kind == .scan }) else {
        throw CheckFailure("till read \(till.map(\.line.text))")
    }
    guard dock.map(\.line.text) == sscc, dock.allSatisfy({ $0.lane == "dock" && $0.kind == .scan }) else {
        throw CheckFailure("dock read \(dock.map(\.line.text))")
    }
    return .pass("2 scanners typing at once: 5 + 5 lines whole, each on its own lane")
}

/// A scanner whose node cannot be read yet is named as a problem, and picked up when its permissions change
/// (as when udev's rules run after the node appeared).
func readerPermissionsLater() async throws -> Outcome {
    let keyboard = try VirtualKeyboard(name: "Tally Late", vendor: 0x1d50, product: 0x0600)
    defer { keyboard.close() }
    guard chmod(keyboard.devnode, 0o000) == 0 else { throw CheckFailure("chmod failed") }
    // Without root's override of file permissions, as tallyd runs: the effective user becomes nobody.
    guard setegid(65534) == 0, seteuid(65534) == 0 else { throw CheckFailure("cannot become nobody") }
    let reader = try ScannerReader(scanners: [try scanner("late", .usb(vendor: 0x1d50, product: 0x0600))])
    let log = ReportLog(reader)
    defer { reader.stop() }
    try reader.start()
    try await log.wait("a permission problem") { reports in
        reports.contains {
            if case .problem("late", _, let message) = $0 { message.contains("permission") } else { false }
        }
    }
    guard log.attachedCount("late") == 0 else { throw CheckFailure("attached without permission") }
    guard seteuid(0) == 0, setegid(0) == 0 else { throw CheckFailure("cannot become root again") }
    guard chmod(keyboard.devnode, 0o644) == 0 else { throw CheckFailure("chmod 0644 failed") }
    try await log.wait("attached after chmod") { _ in log.attachedCount("late") == 1 }
    try await type(Array("4006381333931".utf8), on: keyboard)
    try await log.waitForLines(1)
    try expectLine(log.lines.last, scanner: "late", kind: .scan, bytes: Array("4006381333931".utf8))
    return .pass("permission denied reported, picked up on IN_ATTRIB, scan read")
}
