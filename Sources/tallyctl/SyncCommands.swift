import ArgumentParser
import Foundation
import TallyStation

/// `tallyctl enroll URL CODE`: enrols the station at central with a one-time code, then follows the first load
/// of the catalog until the station has all of it.
struct EnrollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enroll", abstract: "Enrol this station at central with a one-time code.",
        discussion: """
            A manager gets the code with `tally-central station add NAME` (or `station enrol ID` for a new one). \
            tallyd keeps the token central gives and starts syncing at once; this command shows the catalog \
            loading until it is complete (--no-wait returns at once). Exit status 1 when central refuses the \
            code or cannot be reached, or when the catalog has not loaded within --timeout seconds.
            """)

    @OptionGroup var daemon: DaemonOptions

    @Argument(help: "Central's address, such as https://central.example.com.")
    var central: String

    @Argument(help: "The one-time enrolment code, such as K7QM-2XHD-94TA.")
    var code: String

    @Flag(help: "Return once enrolled, without waiting for the catalog.")
    var noWait = false

    @Option(help: "Seconds to wait for the catalog to load.")
    var timeout = 600

    func run() async throws {
        let client = DaemonClient(baseURL: daemon.baseURL)
        let response = try await client.post("/sync/enroll", json: ["central": central, "code": code])
        guard response.status == 201, let answer = response.json() else {
            throw CommandFailure(response.errorMessage)
        }
        say(
            "Enrolled at \(answer["central"] as? String ?? central) as \(answer["stationName"] as? String ?? "?") "
                + "(\(answer["stationID"] as? String ?? "?")).")
        if noWait { return }
        try await followCatalogLoad(client, timeout: timeout)
    }

    /// Shows the catalog's first load until it is complete.
    func followCatalogLoad(_ client: DaemonClient, timeout: Int) async throws {
        let started = ContinuousClock.now
        let interactive = isatty(STDOUT_FILENO) == 1
        var lastShown = ""
        var lastError: String?
        while ContinuousClock.now - started < .seconds(timeout) {
            let status = try await syncStatus(client)
            if status.catalogComplete {
                if interactive { FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8)) }
                let seconds =
                    Double((ContinuousClock.now - started).components.attoseconds) / 1e18
                    + Double((ContinuousClock.now - started).components.seconds)
                say(
                    "Catalog loaded (\(status.catalogCursor) changes) in \(String(format: "%.1f", seconds)) s; "
                        + "the station is selling.")
                return
            }
            if let error = status.lastError, error != lastError {
                lastError = error
                FileHandle.standardError.write(Data("\(error); retrying\n".utf8))
            }
            let shown =
                "Loading the catalog: \(Int(status.catalogProgress * 100)) % "
                + "(\(status.catalogCursor) of \(status.highestCursor))"
            if interactive {
                FileHandle.standardOutput.write(Data("\r\u{1B}[K\(shown)".utf8))
            } else if shown != lastShown, Int(status.catalogProgress * 100) % 10 == 0 {
                say(shown)
            }
            lastShown = shown
            try await Task.sleep(for: .milliseconds(interactive ? 250 : 500))
        }
        throw CommandFailure("the catalog has not finished loading after \(timeout) s; `tallyctl status` shows why")
    }
}

/// `tallyctl status`: where sync with central stands.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show where the station's sync with central stands.",
        discussion: "Exit status 1 when the last attempt to reach central failed.")

    @OptionGroup var daemon: DaemonOptions

    @Flag(help: "Print tallyd's answer as JSON.")
    var json = false

    func run() async throws {
        let client = DaemonClient(baseURL: daemon.baseURL)
        if json {
            let response = try await client.get("/sync")
            guard response.status == 200 else { throw CommandFailure(response.errorMessage) }
            print(response.text)
            return
        }
        let status = try await syncStatus(client)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        func ago(_ time: Int64?) -> String {
            guard let time else { return "never" }
            let seconds = max(0, (now - time) / 1000)
            if seconds < 120 { return "\(seconds) s ago" }
            if seconds < 7200 { return "\(seconds / 60) min ago" }
            return "\(seconds / 3600) h ago"
        }
        guard let central = status.central else {
            say("Central      not enrolled: tallyctl enroll URL CODE")
            say("Backlog      \(status.backlog) event(s) kept until the station enrols")
            return
        }
        say("Central      \(central), as \(status.stationName ?? "?") (\(status.stationID ?? "?"))")
        var state = status.state
        if let next = status.nextAttemptAt, status.state == "retrying" {
            state += ", next attempt in \(max(0, (next - now) / 1000)) s"
        }
        say("Sync         \(state); last success \(ago(status.lastSuccessAt))")
        say(
            "Push         \(status.backlog) event(s) waiting; central holds up to \(status.acknowledgedSequence); "
                + "last \(ago(status.lastPushAt))")
        let catalog =
            status.catalogComplete
            ? "complete at change \(status.catalogCursor)"
            : "loading, \(Int(status.catalogProgress * 100)) % (\(status.catalogCursor) of \(status.highestCursor))"
        say("Catalog      \(catalog); last pull \(ago(status.lastPullAt))")
        if let error = status.lastError {
            say("Last error   \(error) (\(ago(status.lastErrorAt)), \(status.consecutiveFailures) in a row)")
            throw ExitCode(1)
        }
    }
}

/// tallyd's sync status.
func syncStatus(_ client: DaemonClient) async throws -> SyncStatusReport {
    let response = try await client.get("/sync")
    guard response.status == 200 else { throw CommandFailure(response.errorMessage) }
    do {
        return try JSONDecoder().decode(SyncStatusReport.self, from: response.body)
    } catch {
        throw CommandFailure("tallyd's sync status is not what this tallyctl expects: \(error)")
    }
}
