// Runs inside a Linux kernel booted under qemu (scripts/kernel-test/run): makes virtual keyboards with
// uinput and checks what the kernel's evdev delivers. Prints one JSON line per scenario,
// {"scenario": ..., "passed": ..., "detail": ..., "seconds": ...}, which Tests/KernelTests reads from the
// serial console. Exit status 0 when every scenario passed, 1 when one failed, 2 on bad arguments.
//
// Usage: tally-kernel-check [--scenario NAME]... [--list]
import Glibc

var selected: [String] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--scenario":
        guard let name = arguments.popFirst() else {
            writeLine("--scenario needs a name", to: 2)
            exit(2)
        }
        selected.append(name)
    case "--list":
        for scenario in Scenario.all { writeLine("\(scenario.name)\t\(scenario.summary)") }
        exit(0)
    default:
        writeLine("unknown argument \(argument); usage: tally-kernel-check [--scenario NAME]... [--list]", to: 2)
        exit(2)
    }
}
let unknown = selected.filter { name in !Scenario.all.contains { $0.name == name } }
if !unknown.isEmpty {
    writeLine("unknown scenario \(unknown.joined(separator: ", ")); --list shows them", to: 2)
    exit(2)
}
let scenarios = selected.isEmpty ? Scenario.all : Scenario.all.filter { selected.contains($0.name) }

/// Attempts at one scenario: another only after a failure the machine caused (see ``Machine``).
let attemptsAllowed = 3

var allPassed = true
for scenario in scenarios {
    let start = ContinuousClock.now
    var outcome = Outcome.fail("not run")
    var voided: [String] = []
    for attempt in 1...attemptsAllowed {
        Machine.reset()
        do {
            outcome = try await scenario.body()
        } catch {
            outcome = .fail("\(error)")
        }
        if outcome.passed { break }
        let obstacles = Machine.evidence.obstacles(tolerance: scenario.stallTolerance)
        if obstacles.isEmpty { break }
        let note = "attempt \(attempt) failed while \(obstacles.joined(separator: " and ")): \(outcome.detail)"
        if attempt == attemptsAllowed {
            outcome = .fail(([note] + voided).joined(separator: "; "))
        } else {
            voided.append(note)
        }
    }
    if outcome.passed && !voided.isEmpty {
        outcome.detail += " (after \(voided.count) attempt(s) the machine spoiled: \(voided.joined(separator: "; ")))"
    }
    let elapsed = ContinuousClock.now - start
    allPassed = allPassed && outcome.passed
    writeLine(Report(scenario: scenario.name, outcome: outcome, elapsed: elapsed).json)
}
exit(allPassed ? 0 : 1)

/// One scenario's report line.
struct Report {
    var scenario: String
    var outcome: Outcome
    var elapsed: Duration

    var json: String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rounded = (seconds * 1000).rounded() / 1000
        return
            "{\"scenario\": \(quoted(scenario)), \"passed\": \(outcome.passed), \"detail\": \(quoted(outcome.detail)),"
            + " \"seconds\": \(rounded)}"
    }

    /// A JSON string literal.
    private func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let digits = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// Writes a line straight to a file descriptor, unbuffered, so that each report reaches the console whole
/// and at once even if the program is killed afterwards.
func writeLine(_ text: String, to descriptor: Int32 = 1) {
    let bytes = Array((text + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return }
        offset += written
    }
}
