import Foundation

/// A `tally-central` process started the way an operator starts it, with a configuration and state folder of
/// its own, on a free loopback port.
final class CentralProcess {
    let directory: String
    let configPath: String
    private(set) var process: Process?
    private(set) var port = 0
    var logPath: String { directory + "/central.log" }
    var stateDirectory: String { directory + "/state" }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    init(extraYAML: String = "") throws {
        directory = NSTemporaryDirectory() + "tally-central-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        configPath = directory + "/central.yaml"
        try """
        central:
          stateDirectory: \(directory)/state
        api:
          host: 127.0.0.1
          port: 0
        log:
          level: info
        \(extraYAML)
        """.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Runs one of tally-central's commands with this configuration.
    func command(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        try runBuilt("tally-central", arguments + ["--config", configPath])
    }

    /// Adds a station and answers its one-time enrolment code.
    func addStation(_ name: String) throws -> String {
        let added = try command(["station", "add", name])
        guard added.status == 0,
            let line = added.output.split(separator: "\n").first(where: { $0.hasPrefix("enrolment code ") })
        else { throw DaemonError("station add failed: \(added.output) \(added.errors)") }
        return String(line.split(separator: " ")[2].trimmingCharacters(in: CharacterSet(charactersIn: ",")))
    }

    /// Starts the server and waits until it is ready.
    func start() async throws {
        let portFile = stateDirectory + "/api-port"
        try? FileManager.default.removeItem(atPath: portFile)
        let process = Process()
        process.executableURL = DaemonProcess.executable("tally-central")
        process.arguments = ["serve", "--config", configPath]
        if !FileManager.default.fileExists(atPath: logPath) {
            FileManager.default.createFile(atPath: logPath, contents: nil)
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        try log.seekToEnd()
        process.standardError = log
        process.standardOutput = log
        try process.run()
        try log.close()
        self.process = process
        for _ in 0..<600 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8),
                let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                self.port = port
                if (try? await DaemonClient(baseURL: baseURL).get("/ready").status) == 200 {
                    // Restarts listen where stations were told central is.
                    let yaml = try String(contentsOfFile: configPath, encoding: .utf8)
                    try yaml.replacingOccurrences(of: "port: 0\n", with: "port: \(port)\n")
                        .write(toFile: configPath, atomically: true, encoding: .utf8)
                    return
                }
            }
            guard process.isRunning else {
                throw DaemonError("tally-central exited with \(process.terminationStatus): \(self.log())")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DaemonError("tally-central was not ready within 30 s")
    }

    func log() -> String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Sends a signal and waits for the process to end; answers its exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM) -> Int32 {
        guard let process else { return 0 }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        self.process = nil
        return process.terminationStatus
    }

    func remove() {
        stop(signal: SIGKILL)
        try? FileManager.default.removeItem(atPath: directory)
    }
}
