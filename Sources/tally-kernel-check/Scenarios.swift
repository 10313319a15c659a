import CEvdev
import Glibc
import TallyScan

/// The USB vendor of every virtual keyboard here (the Openmoko identifier open projects share), with a
/// product per scenario, so that a reader can tell the test keyboards from real ones and from each other.
private let testVendor: UInt16 = 0x1d50

/// (a) Scanner-speed and human-speed typing: what was written comes back unchanged, and the kernel's
/// timestamps keep the gaps the writer slept.
func typingSpeed() async throws -> Outcome {
    let keyboard = try VirtualKeyboard(name: "Tally Test Scanner", vendor: testVendor, product: 0x0001)
    defer { keyboard.close() }
    let reader = try EventReader(path: keyboard.devnode)
    var details: [String] = []
    var failures: [String] = []

    // A GTIN and Enter as a scanner sends it, then a short number as a person types it.
    let runs: [(label: String, text: String, gap: Int64, lowest: Int64, highestMedian: Int64)] = [
        ("scanner", "4006381333931", 3_000, 2_400, 10_000),
        ("human", "1234", 150_000, 120_000, 200_000),
    ]
    // Per run: the shortest gap and the 90th percentile. One stall of the emulated machine may stretch a
    // single scanner gap; the percentile keeps that from failing the run while a slow writer still would.
    var ranges: [String: (min: Int64, p90: Int64)] = [:]
    for run in runs {
        let written = try Typing.events(run.text, gap: run.gap)
        let read = try await Typing.type(written, on: keyboard, readBy: reader)
        if Typing.keyStrokes(read) != Typing.keyStrokes(written) {
            failures.append(
                "\(run.label): read \(Typing.keyStrokes(read)) for \(Typing.keyStrokes(written))"
                    + Typing.droppedNote(read))
            continue
        }
        let gaps = Typing.reportGaps(read).sorted()
        guard let low = gaps.first, let high = gaps.last else {
            failures.append("\(run.label): no gaps")
            continue
        }
        let median = gaps[gaps.count / 2]
        let p90 = gaps[(gaps.count * 9) / 10]
        ranges[run.label] = (low, p90)
        details.append(
            "\(run.label) \(run.gap / 1000) ms asked: gaps min \(Milliseconds(low)) median \(Milliseconds(median))"
                + " p90 \(Milliseconds(p90)) max \(Milliseconds(high)) over \(gaps.count)")
        if low < run.lowest { failures.append("\(run.label): a gap of \(Milliseconds(low)) is too short") }
        if median > run.highestMedian {
            failures.append("\(run.label): the median gap \(Milliseconds(median)) is too long")
        }
    }
    // What the wedge decoder relies on: scanner gaps stay far below the quickest human one.
    if let scanner = ranges["scanner"], let human = ranges["human"], scanner.p90 >= human.min {
        failures.append("scanner and human gaps overlap")
    }
    let identity = "\(reader.name) \(hex(reader.vendor)):\(hex(reader.product)) at \(keyboard.devnode)"
    return failures.isEmpty
        ? .pass(([identity] + details).joined(separator: "; "))
        : .fail((failures + details).joined(separator: "; "))
}

/// (b) `EVIOCGRAB`: a second reader of the grabbed device gets nothing, and gets keys again after release.
func grab() async throws -> Outcome {
    let keyboard = try VirtualKeyboard(name: "Tally Test Grab", vendor: testVendor, product: 0x0002)
    defer { keyboard.close() }
    let holder = try EventReader(path: keyboard.devnode)
    let other = try EventReader(path: keyboard.devnode)

    try holder.grab(true)
    let grabbed = try Typing.events("0123456789", gap: 1_000)
    let held = try await Typing.type(grabbed, on: keyboard, readBy: holder)
    // Nothing reaches the other reader, so nothing can overflow its buffer while it waits its turn.
    let (leaked, _) = try other.read(reports: 1, timeout: 300)
    try holder.grab(false)

    let released = try Typing.events("42", gap: 1_000)
    let afterwards = try await Typing.type(released, on: keyboard, readBy: other)

    if Typing.keyStrokes(held) != Typing.keyStrokes(grabbed) {
        return .fail(
            "the grabbing reader got \(Typing.keyStrokes(held).count) of \(Typing.keyStrokes(grabbed).count)"
                + " key events" + Typing.droppedNote(held))
    }
    if !leaked.isEmpty { return .fail("the second reader got \(leaked.count) events while the device was grabbed") }
    if Typing.keyStrokes(afterwards) != Typing.keyStrokes(released) {
        return .fail("after the release the second reader got \(Typing.keyStrokes(afterwards)), not the typed keys")
    }
    return .pass(
        "grabbed: holder \(Typing.reports(held)) reports, other 0; released: other \(Typing.reports(afterwards)) reports"
    )
}

/// (c) Unplug and replug: the open reader gets `ENODEV`, inotify on /dev/input reports the node deleted and then
/// created again, and the new device can be read.
func unplugReplug() async throws -> Outcome {
    let watcher = try DeviceWatcher()
    let name = "Tally Test Hotplug"
    let keyboard = try VirtualKeyboard(name: name, vendor: testVendor, product: 0x0003)
    let node = basename(keyboard.devnode)
    guard watcher.wait(timeout: 2_000, for: { $0 == .init(name: node, created: true) }).found != nil else {
        return .fail("no IN_CREATE for \(node) on plugging in")
    }
    let reader = try EventReader(path: keyboard.devnode)

    keyboard.close()
    let (events, end) = try reader.read(reports: 1, timeout: 2_000)
    guard end == .unplugged else {
        return .fail("the open reader did not get ENODEV after the unplug (got \(events.count) events)")
    }
    let deleted = watcher.wait(timeout: 2_000) { $0 == .init(name: node, created: false) }
    guard deleted.found != nil else { return .fail("no IN_DELETE for \(node); saw \(deleted.seen)") }

    let again = try VirtualKeyboard(name: name, vendor: testVendor, product: 0x0003)
    defer { again.close() }
    let newNode = basename(again.devnode)
    let created = watcher.wait(timeout: 2_000) { $0 == .init(name: newNode, created: true) }
    guard created.found != nil else { return .fail("no IN_CREATE for \(newNode) on replug; saw \(created.seen)") }
    let newReader = try EventReader(path: again.devnode)
    guard newReader.name == name else { return .fail("the replugged node is named \(newReader.name)") }
    let typed = try Typing.events("7", gap: 1_000)
    let read = try await Typing.type(typed, on: again, readBy: newReader)
    guard Typing.keyStrokes(read) == Typing.keyStrokes(typed) else {
        return .fail("the replugged keyboard's keys did not arrive: \(Typing.keyStrokes(read))")
    }
    return .pass("unplug: ENODEV, IN_DELETE \(node); replug: IN_CREATE \(newNode), keys read")
}

/// (d) Two keyboards typing at the same time: each reader gets exactly its own keyboard's keys.
func twoKeyboards() async throws -> Outcome {
    let first = try VirtualKeyboard(name: "Tally Test Scanner A", vendor: testVendor, product: 0x0004)
    defer { first.close() }
    let second = try VirtualKeyboard(name: "Tally Test Scanner B", vendor: testVendor, product: 0x0005)
    defer { second.close() }
    guard first.devnode != second.devnode else { return .fail("both keyboards at \(first.devnode)") }
    let firstReader = try EventReader(path: first.devnode)
    let secondReader = try EventReader(path: second.devnode)
    guard firstReader.product == 0x0004, secondReader.product == 0x0005 else {
        return .fail("products \(hex(firstReader.product)) and \(hex(secondReader.product)) at the two nodes")
    }

    // Both keyboards type at once, each read by its own reader on its own thread. The keys are spaced at a
    // hand-typed pace: what is tested is that nothing crosses, and eleven keys sent faster than the emulated
    // machine schedules a reader's thread would overflow evdev's 64-event queue before the reader starts.
    let firstTyped = try Typing.events("1111111111", gap: 10_000)
    let secondTyped = try Typing.events("2222222222", gap: 15_000)
    async let firstRead = Typing.type(firstTyped, on: first, readBy: firstReader)
    async let secondRead = Typing.type(secondTyped, on: second, readBy: secondReader)
    let (firstGot, secondGot) = try await (firstRead, secondRead)
    // Anything beyond what was typed would be a key from the other keyboard.
    let firstExtra = try firstReader.read(reports: 1, timeout: 200).events
    let secondExtra = try secondReader.read(reports: 1, timeout: 200).events
    let firstAll = firstGot + firstExtra
    let secondAll = secondGot + secondExtra

    if Typing.keyStrokes(firstAll) != Typing.keyStrokes(firstTyped) {
        return .fail("\(first.name) reader got \(Typing.keyStrokes(firstAll))" + Typing.droppedNote(firstAll))
    }
    if Typing.keyStrokes(secondAll) != Typing.keyStrokes(secondTyped) {
        return .fail("\(second.name) reader got \(Typing.keyStrokes(secondAll))" + Typing.droppedNote(secondAll))
    }
    return .pass(
        "\(first.devnode) and \(second.devnode): \(Typing.reports(firstAll)) and \(Typing.reports(secondAll))"
            + " reports, none crossed")
}

/// A duration in microseconds shown in milliseconds with two decimals.
private struct Milliseconds: CustomStringConvertible {
    var microseconds: Int64
    init(_ microseconds: Int64) { self.microseconds = microseconds }
    var description: String {
        let hundredths = (microseconds + 5) / 10
        let fraction = String(hundredths % 100)
        return "\(hundredths / 100).\(String(repeating: "0", count: 2 - fraction.count))\(fraction) ms"
    }
}

private func hex(_ value: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

private func basename(_ path: String) -> String {
    String(path.split(separator: "/").last ?? Substring(path))
}
