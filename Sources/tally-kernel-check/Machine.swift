import Synchronization
import TallyScan

/// What the emulated machine did to one attempt at a scenario, apart from the code under test.
///
/// The machine runs under qemu's TCG on a host that may be busy with other tests, and then a thread inside it
/// can stand still for a tenth of a second or more. A hardware scanner's keys come by interrupt and are never
/// held back like that, nor is a reader on real hardware starved long enough for evdev to drop events. When an
/// attempt fails and the machine did one of these things beyond what the scenario tolerates, the attempt says
/// nothing about the code, and the scenario is run again (see ``Scenario/stallTolerance``). A failure without
/// such evidence is final.
enum Machine {
    struct Evidence: Sendable {
        /// The most (µs) a paced write ran behind its schedule.
        var longestLateWrite: Int64 = 0
        /// Whether a reader was handed `SYN_DROPPED`: the kernel dropped events because it fell behind.
        var droppedEvents = false

        /// What stood in the way, for the report; empty when nothing did beyond `tolerance` µs.
        func obstacles(tolerance: Int64) -> [String] {
            var found: [String] = []
            if longestLateWrite > tolerance {
                found.append(
                    "the writing thread ran \(longestLateWrite / 1000) ms behind its schedule"
                        + " (this scenario tolerates \(tolerance / 1000) ms)")
            }
            if droppedEvents { found.append("the kernel dropped events for a reader that fell behind") }
            return found
        }
    }

    private static let current = Mutex(Evidence())

    /// Starts an attempt afresh.
    static func reset() { current.withLock { $0 = Evidence() } }

    /// What the current attempt saw so far.
    static var evidence: Evidence { current.withLock { $0 } }

    static func sawDroppedEvents() { current.withLock { $0.droppedEvents = true } }

    /// Writes `events` to `keyboard` and keeps how late the writing ran.
    static func write(
        _ events: [InputEvent], to keyboard: VirtualKeyboard, pacing: VirtualKeyboard.Pacing
    ) async throws {
        let lateness = try await keyboard.write(events, pacing: pacing)
        current.withLock { $0.longestLateWrite = max($0.longestLateWrite, lateness.longest) }
    }
}
