import Foundation
import TallyCore
import TallyStation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A datagram socket standing in for systemd's notify socket.
private final class NotifySocket {
    let path: String
    let descriptor: Int32

    init(directory: String) throws {
        path = directory + "/notify.sock"
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.enumerated() where index < buffer.count - 1 { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw DaemonError("cannot bind \(path): errno \(errno)") }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The next datagram, or nil after 30 s.
    func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : nil
    }

    deinit { close(descriptor) }
}

@Suite("tallyd as a daemon")
struct DaemonLifecycleTests {
    @Test func itTellsSystemdWhenReadyAndStopsGracefullyOnSIGTERM() async throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        let notify = try NotifySocket(directory: daemon.directory)
        try await daemon.start(environment: ["NOTIFY_SOCKET": notify.path])
        let ready = notify.receive()
        #expect(ready?.split(separator: "\n").contains("READY=1") == true, "\(ready ?? "nothing")")
        let scan = try await daemon.post("/scans", ["code": DemoCatalog.named[0].gtin])
        #expect(scan.status == 201)
        #expect(daemon.stop(signal: SIGTERM) == 0)
        #expect(notify.receive()?.contains("STOPPING=1") == true)
        // What was scanned before the stop is there after it.
        let database = try StationDatabase(stateDirectory: daemon.stateDirectory)
        #expect(try database.openBaskets(currency: Currency(code: "EUR")!)["till"]?.lines.count == 1)
    }

    @Test func itFeedsTheWatchdogWhileItsDatabaseAnswers() async throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        let notify = try NotifySocket(directory: daemon.directory)
        try await daemon.start(environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "400000"])
        var messages: [String] = []
        while messages.count < 3, let message = notify.receive() { messages.append(message) }
        #expect(messages.first?.contains("READY=1") == true, "\(messages)")
        #expect(messages.dropFirst().allSatisfy { $0 == "WATCHDOG=1" }, "\(messages)")
        let status = daemon.stop()
        #expect(status == 0, "\((try? String(contentsOfFile: daemon.logPath, encoding: .utf8)) ?? "")")
    }

    @Test(arguments: [
        ("station: [unclosed", "station.yaml"),
        ("station:\n  code: \"till 1\"\n  stateDirectory: DIR\n  country: DE\n  currency: EUR\n", "station.code"),
        ("station:\n  code: T1\n  stateDirectory: DIR\n  country: DE\n  currency: XXX\n", "station.currency"),
        (
            "station:\n  code: T1\n  stateDirectory: DIR\n  country: DE\n  currency: EUR\nshop:\n  name: S\napi:\n  port: 70000\n",
            "api.port"
        ),
    ])
    func aBadConfigurationStopsWithAClearMessage(yaml: String, named: String) throws {
        let directory = NSTemporaryDirectory() + "tallyd-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/station.yaml"
        try yaml.replacingOccurrences(of: "DIR", with: directory).write(toFile: path, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = DaemonProcess.executable("tallyd")
        process.arguments = ["--config", path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 78)
        #expect(message.contains(named), "\(message)")
    }

    @Test func garbageOnEveryInputNeverStopsTheDaemon() async throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        let replay = daemon.directory + "/replay.txt"
        let lines: [String] = [
            "# recorded at the till", DemoCatalog.named[0].gtin, "\\xZZ broken escape", "\\q", "",
            "]C1\\x1D0109506000134352\\x1D", "4006381333932", String(repeating: "7", count: 9000),
        ]
        var data = Data(lines.joined(separator: "\n").utf8)
        data.append(contentsOf: [0xFF, 0xFE, 0x00, 0x0A, 0x1B, 0x5B, 0x41, 0x0A])
        try data.write(to: URL(fileURLWithPath: replay))
        try await daemon.start(arguments: ["--replay", replay])
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }
            let answer = try await daemon.post("/scans", ["bytes": Data(bytes).base64EncodedString()])
            #expect([201, 400, 422].contains(answer.status))
        }
        let bodies: [Data] = [
            Data(), Data("{".utf8), Data("null".utf8), Data(#"{"code": null}"#.utf8), Data([0xFF, 0x00, 0x7B]),
            Data(#"{"code": "\#(String(repeating: "A", count: 100_000))"}"#.utf8),
        ]
        for body in bodies {
            let answer = try await daemon.client.post("/scans", raw: body)
            #expect((400..<500).contains(answer.status), "\(answer.status)")
        }
        for path in ["/lanes/till/tender", "/lanes/till/price", "/lanes/till/quantity", "/reports/z", "/lanes/x/void"] {
            let answer = try await daemon.client.post(path, raw: Data("garbage".utf8))
            #expect((400..<500).contains(answer.status), "\(path): \(answer.status)")
        }
        let health = try await daemon.get("/health")
        #expect(health.status == 200)
        // The replay file's lines are all in the journal, the broken ones refused with their reason.
        let database = try StationDatabase(stateDirectory: daemon.stateDirectory)
        let replayed = try database.recentScans(limit: 1000).filter { $0.scan.source == .replay }
        #expect(replayed.count == 7)
        #expect(replayed.contains { $0.scan.reason?.contains("two hex digits") == true })
        #expect(replayed.contains { $0.scan.reason?.contains("unknown escape") == true })
        #expect(replayed.contains { $0.scan.accepted && $0.scan.kind == "gtin" })
        #expect(daemon.stop() == 0)
    }

    @Test func scansArriveOnStandardInput() async throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        let input = Pipe()
        try await daemon.start(arguments: ["--stdin"], standardInput: input)
        input.fileHandleForWriting.write(Data("\(DemoCatalog.named[1].gtin)\n\(DemoCatalog.named[1].gtin)\n".utf8))
        var lines = 0
        for _ in 0..<200 {
            let lane = try await daemon.get("/lanes/till")
            let basket = lane.object["basket"] as? [String: Any]
            lines = ((basket?["lines"] as? [[String: Any]])?.first?["quantity"] as? Int) ?? 0
            if lines == 2 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(lines == 2)
        #expect(daemon.stop() == 0)
    }
}
