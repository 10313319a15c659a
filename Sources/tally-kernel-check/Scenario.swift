/// One check the program runs inside the test kernel, reported as one JSON line.
///
/// To add a check, write a function returning an ``Outcome`` and list it in ``Scenario/all``; the harness
/// on the host (Tests/KernelTests) lists the names it expects, so add the name there as well.
struct Scenario: Sendable {
    /// What `--scenario` selects and the report names.
    let name: String
    /// One line for `--list`.
    let summary: String
    /// How late (µs) a paced write may run before a failed attempt is the machine's doing rather than the
    /// code's: a little below the key gap the scenario's verdict rests on. See ``Machine``.
    let stallTolerance: Int64
    /// The check. A thrown error fails the scenario with the error as its detail.
    let body: @Sendable () async throws -> Outcome

    /// Every scenario, in the order they run.
    static let all: [Scenario] = [
        Scenario(
            name: "typing-speed",
            summary: "keys written 3 ms and 150 ms apart come back with kernel timestamps spaced the same",
            stallTolerance: 5_000, body: typingSpeed),
        Scenario(
            name: "grab",
            summary: "while one reader holds EVIOCGRAB a second reader of the same device gets nothing",
            stallTolerance: 1_000_000, body: grab),
        Scenario(
            name: "unplug-replug",
            summary: "unplugging gives open readers ENODEV and inotify IN_DELETE; plugging in again IN_CREATE",
            stallTolerance: 1_000_000, body: unplugReplug),
        Scenario(
            name: "two-keyboards",
            summary: "two virtual keyboards at once: each reader gets only its own keyboard's keys",
            stallTolerance: 1_000_000, body: twoKeyboards),
        Scenario(
            name: "reader-layouts",
            summary: "the live reader reads one GS1 label exactly from scanners set to US, DE, FR, CZ and CH layouts",
            stallTolerance: 400_000, body: readerLayouts),
        Scenario(
            name: "reader-human-and-keyboard",
            summary: "human speed refused on a scanner, typed on a keyboard; bursts on a keyboard scan; idle end",
            stallTolerance: 20_000, body: readerHumanAndKeyboard),
        Scenario(
            name: "reader-grab-waits-for-release",
            summary: "the reader grabs only once no key is held, and then no other reader sees the keys",
            stallTolerance: 400_000, body: readerGrabWaitsForRelease),
        Scenario(
            name: "reader-replug-by-id",
            summary: "a scanner named by its by-id link is found, dropped on unplug mid-scan, grabbed again",
            stallTolerance: 400_000, body: readerReplugByID),
        Scenario(
            name: "reader-two-scanners",
            summary: "two scanners typing at once into two lanes: every line whole and on its lane",
            stallTolerance: 400_000, body: readerTwoScanners),
        // Last: it changes the process's effective user for a while.
        Scenario(
            name: "reader-permissions-later",
            summary: "a node without permission is named as a problem, then read once its permissions change",
            stallTolerance: 400_000, body: readerPermissionsLater),
    ]
}

/// Whether a scenario passed, and what was seen (measurements on success, the mismatch on failure).
struct Outcome: Sendable {
    var passed: Bool
    var detail: String

    static func pass(_ detail: String) -> Outcome { Outcome(passed: true, detail: detail) }
    static func fail(_ detail: String) -> Outcome { Outcome(passed: false, detail: detail) }
}

/// A failure that ends a scenario early, with what went wrong.
struct CheckFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
