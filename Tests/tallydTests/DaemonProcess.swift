import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TallyCore
import TallyStation

/// A `tallyd` process started the way an operator starts it, on a state directory of its own.
final class DaemonProcess {
    /// `tallyd` beside the test bundle in the build products folder.
    static func executable(_ name: String) -> URL {
        let candidates = [CommandLine.arguments[0], Bundle.main.executablePath ?? ""].map {
            URL(fileURLWithPath: $0).deletingLastPathComponent()
        }
        for folder in candidates + candidates.map({ $0.deletingLastPathComponent() }) {
            let url = folder.appending(path: name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return URL(fileURLWithPath: ".build/debug/\(name)")
    }

    let directory: String
    let configPath: String
    private(set) var process: Process?
    private(set) var port = 0
    /// Where the daemon's log goes, appended to by every start.
    var logPath: String { directory + "/tallyd.log" }

    /// A state directory with the demo catalog (none when `products` is 0: it comes from central) and a
    /// configuration listening on a free loopback port.
    init(extraYAML: String = "", products: Int = 200) throws {
        directory = NSTemporaryDirectory() + "tallyd-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        configPath = directory + "/station.yaml"
        let yaml = """
            station:
              code: TILL1
              stateDirectory: \(directory)/state
              country: DE
              currency: EUR
              timeZone: Europe/Berlin
            shop:
              name: Test Shop
            api:
              host: 127.0.0.1
              port: 0
            sale:
              priceMode: taxInclusive
              openingFloat: "100.00"
            log:
              level: warning
            \(extraYAML)
            """
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
        guard products > 0 else { return }
        let database = try StationDatabase(stateDirectory: directory + "/state")
        let eur = Currency(code: "EUR")!
        try database.upsertCatalog(
            taxClasses: DemoCatalog.taxClasses, standardTaxClassID: "standard",
            products: DemoCatalog.products(count: products, currency: eur))
    }

    var stateDirectory: String { directory + "/state" }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts `tallyd` and waits until its API answers.
    func start(arguments: [String] = [], environment: [String: String] = [:], standardInput: Pipe? = nil) async throws {
        var env = ProcessInfo.processInfo.environment
        env["NOTIFY_SOCKET"] = nil
        env.merge(environment) { $1 }
        (process, port) = try await launchServer(
            "tallyd", arguments: ["--config", configPath] + arguments, environment: env, standardInput: standardInput,
            outputToLog: false, logPath: logPath, portFile: stateDirectory + "/api-port"
        ) { port in (try? await DaemonClient(baseURL: "http://127.0.0.1:\(port)").get("/health").status) == 200 }
    }

    /// Sends a signal and waits for the process to end; returns its exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM) -> Int32 {
        guard let process else { return 0 }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        self.process = nil
        return process.terminationStatus
    }

    var client: DaemonClient { DaemonClient(baseURL: baseURL) }

    func get(_ path: String) async throws -> DaemonClient.Answer { try await client.get(path) }

    func post(_ path: String, _ json: [String: Any]) async throws -> DaemonClient.Answer {
        try await client.post(path, json)
    }

    func post(_ path: String, raw: Data) async throws -> DaemonClient.Answer {
        try await client.post(path, raw: raw)
    }

    func remove() {
        stop(signal: SIGKILL)
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Starts a server built beside the tests, its standard error (and standard output when `outputToLog`) appended to
/// `logPath`, and waits until it has written its port to `portFile` and `isReady(port)` holds;
/// answers the process and the port.
func launchServer(
    _ name: String, arguments: [String], environment: [String: String]? = nil, standardInput: Pipe? = nil,
    outputToLog: Bool = true, logPath: String, portFile: String, isReady: (Int) async -> Bool
) async throws -> (Process, Int) {
    try? FileManager.default.removeItem(atPath: portFile)
    let process = Process()
    process.executableURL = DaemonProcess.executable(name)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if !FileManager.default.fileExists(atPath: logPath) {
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
    }
    let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
    try log.seekToEnd()
    process.standardError = log
    process.standardOutput = outputToLog ? log : FileHandle.nullDevice
    if let standardInput { process.standardInput = standardInput }
    try process.run()
    try log.close()
    for _ in 0..<600 {
        if let text = try? String(contentsOfFile: portFile, encoding: .utf8),
            let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), await isReady(port)
        {
            return (process, port)
        }
        guard process.isRunning else {
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            throw DaemonError("\(name) exited with \(process.terminationStatus): \(log)")
        }
        try await Task.sleep(for: .milliseconds(50))
    }
    process.terminate()
    throw DaemonError("\(name) did not answer within 30 s")
}

struct DaemonError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Talks to a running `tallyd` over its local API.
struct DaemonClient: Sendable {
    let baseURL: String

    struct Answer {
        let status: Int
        let body: Data

        var object: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
    }

    func get(_ path: String) async throws -> Answer {
        try await send(path, method: .GET, body: nil)
    }

    func post(_ path: String, _ json: [String: Any]) async throws -> Answer {
        try await send(path, method: .POST, body: try JSONSerialization.data(withJSONObject: json))
    }

    func post(_ path: String, raw: Data) async throws -> Answer {
        try await send(path, method: .POST, body: raw)
    }

    private func send(_ path: String, method: HTTPMethod, body: Data?) async throws -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
        let buffer = try await response.body.collect(upTo: 1 << 24)
        return Answer(status: Int(response.status.code), body: Data(buffer.readableBytesView))
    }

}
