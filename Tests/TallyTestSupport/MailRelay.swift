import Foundation

/// A real SMTP server on loopback for the tests: aiosmtpd (PyPI, installed into `.tools/venv` by
/// scripts/install-deps), run by scripts/mail-relay, which stores each message it accepts in a maildir. It can ask
/// for STARTTLS or speak TLS from the start, and ask for a sign-in. Stopped with the value.
public final class MailRelay: Sendable {
    public enum Security: String, Sendable {
        case none
        case startTLS = "starttls"
        case implicitTLS = "implicit"
    }

    public let port: Int
    let folder: String
    let process: Process

    /// - Parameters:
    ///   - security: STARTTLS or TLS from the start, with `certificate` and `key` (PEM files).
    ///   - login: a user and password the server asks for before it takes mail; `mechanisms` limits how.
    public init(
        security: Security = .none, certificate: String? = nil, key: String? = nil,
        login: (user: String, password: String)? = nil, mechanisms: [String]? = nil
    ) async throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let python = repository.appending(path: ".tools/venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw ProgramMissing(description: "\(python) is missing: run scripts/install-deps (make test does)")
        }
        folder = NSTemporaryDirectory() + "tally-mail-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        port = try PostgresServer.freePort()
        var arguments = [
            repository.appending(path: "scripts/mail-relay").path, "--port", String(port), "--maildir",
            folder + "/maildir", "--tls", security.rawValue,
        ]
        if let certificate, let key { arguments += ["--cert", certificate, "--key", key] }
        if let login { arguments += ["--user", login.user, "--password", login.password] }
        if let mechanisms { arguments += ["--mechanisms", mechanisms.joined(separator: ",")] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        self.process = process
        // Ready once it takes a connection.
        for _ in 0..<200 {
            if Self.answers(port: port) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.stop()
        throw ProgramMissing(description: "the mail relay did not start listening on 127.0.0.1:\(port)")
    }

    deinit {
        process.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    public static func answers(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// The messages it accepted, as their raw text, oldest first.
    public func messages() throws -> [String] {
        let new = folder + "/maildir/new"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: new)) ?? []
        return try names.map { new + "/" + $0 }
            .sorted {
                let left =
                    try FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date ?? .distantPast
                let right =
                    try FileManager.default.attributesOfItem(atPath: $1)[.modificationDate] as? Date ?? .distantPast
                return left < right
            }
            .map { try String(contentsOfFile: $0, encoding: .utf8) }
    }
}
