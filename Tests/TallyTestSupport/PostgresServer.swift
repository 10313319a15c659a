import Foundation
import Logging
import PostgresNIO
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One real PostgreSQL server for the whole test process, started from Debian's packages (`postgresql`) on first
/// use: the newest version under /usr/lib/postgresql, its data in a fresh temporary folder, listening on a Unix
/// socket in that folder and on a free port of 127.0.0.1 only, with fsync off (tests need no durability).
///
/// Each test takes a fresh database of its own (``createDatabase()``), so tests run in parallel. Over TCP the server
/// asks for the user's password (SCRAM), over the socket it trusts the local user. Run as root, as CI does, the
/// server programs run as the `postgres` user (initdb refuses root), the folder handed to that user. The server is
/// stopped when the test process exits, and a watcher stops it and removes the folder should the process die
/// without exiting.
public final class PostgresServer: Sendable {
    public let folder: String
    public let dataFolder: String
    let programs: String
    public let port: Int
    public let user = "tally"
    public let password: String

    static let starting = Task { try PostgresServer() }

    /// The server, started by the first test that asks.
    public static func shared() async throws -> PostgresServer { try await starting.value }

    /// A new, empty database; its name.
    public func createDatabase() async throws -> String {
        let name = "central_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await withAdministration { connection, logger in
            _ = try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
        return name
    }

    /// The URL of `database` over TCP, with the password.
    public func url(database: String) -> String {
        "postgres://\(user):\(password)@127.0.0.1:\(port)/\(database)"
    }

    /// The URL of `database` over the Unix socket, with no password.
    public func socketURL(database: String) -> String {
        "postgres://\(user)@/\(database)?host=\(folder)&port=\(port)"
    }

    /// The bytes of the files holding `database`'s tables, after a checkpoint has written them all out.
    public func storedBytes(database: String) async throws -> Data {
        let oid = try await withAdministration { connection, logger in
            try await connection.query("CHECKPOINT", logger: logger)
            let rows = try await connection.query(
                "SELECT oid::bigint FROM pg_database WHERE datname = \(database)", logger: logger
            ).collect()
            return try rows[0].decode(Int64.self)
        }
        let tables = dataFolder + "/base/\(oid)"
        var bytes = Data()
        for file in try FileManager.default.contentsOfDirectory(atPath: tables).sorted() {
            bytes.append(try Data(contentsOf: URL(fileURLWithPath: tables + "/" + file)))
        }
        return bytes
    }

    /// Runs `body` on a connection to the `postgres` database over the socket.
    public func withAdministration<Result: Sendable>(
        _ body: (PostgresConnection, Logger) async throws -> Result
    ) async throws -> Result {
        try await withConnection(database: "postgres", body)
    }

    /// Runs `body` on a connection to `database` over the socket.
    public func withConnection<Result: Sendable>(
        database: String, _ body: (PostgresConnection, Logger) async throws -> Result
    ) async throws -> Result {
        let logger = Logger(label: "test-postgres")
        let connection = try await PostgresConnection.connect(
            configuration: .init(
                unixSocketPath: folder + "/.s.PGSQL.\(port)", username: user, password: nil, database: database),
            id: 1, logger: logger)
        do {
            let result = try await body(connection, logger)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private init() throws {
        programs = try Self.newestPrograms()
        let asRoot = geteuid() == 0
        // The postgres user must reach the folder, which a root-only TMPDIR would hide.
        let base = asRoot ? "/tmp" : NSTemporaryDirectory()
        var template = Array(((base as NSString).appendingPathComponent("tally-postgres-XXXXXX")).utf8CString)
        guard mkdtemp(&template) != nil else { throw Problem("cannot make a temporary folder in \(base)") }
        folder = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        dataFolder = folder + "/data"
        password = UUID().uuidString.lowercased()
        let passwordFile = folder + "/password"
        try password.write(toFile: passwordFile, atomically: false, encoding: .utf8)
        if asRoot {
            try Self.run(["/bin/chown", "-R", "postgres:postgres", folder], log: folder + "/setup.log", asRoot: false)
        }
        try Self.run(
            [
                programs + "/initdb", "--pgdata=" + dataFolder, "--username=" + user, "--pwfile=" + passwordFile,
                "--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync",
            ], log: folder + "/initdb.log", asRoot: asRoot)
        var attempt = 0
        while true {
            let port = try Self.freePort()
            let settings = """

                listen_addresses = '127.0.0.1'
                port = \(port)
                unix_socket_directories = '\(folder)'
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                max_connections = 400
                shared_buffers = 64MB

                """
            let file = try FileHandle(forWritingTo: URL(fileURLWithPath: dataFolder + "/postgresql.conf"))
            try file.seekToEnd()
            try file.write(contentsOf: Data(settings.utf8))
            try file.close()
            do {
                try Self.run(
                    [
                        programs + "/pg_ctl", "--pgdata=" + dataFolder, "--log=" + folder + "/server.log", "--wait",
                        "--timeout=60", "start",
                    ],
                    log: folder + "/pg_ctl.log", asRoot: asRoot)
                self.port = port
                break
            } catch {
                // Another program may have taken the port between the check and the start; the later setting wins.
                attempt += 1
                if attempt == 3 { throw error }
            }
        }
        Self.stopAtExit(programs: programs, dataFolder: dataFolder, folder: folder, asRoot: asRoot)
    }

    /// The bin folder of the newest PostgreSQL installed from Debian's packages.
    static func newestPrograms() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .filter { FileManager.default.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb") }
            .sorted { (Double($0) ?? 0) < (Double($1) ?? 0) }
        guard let newest = versions.last else {
            throw Problem(
                "PostgreSQL is not installed (no \(root)/*/bin/initdb): install Debian's postgresql package, "
                    + "as scripts/install-deps does")
        }
        return "\(root)/\(newest)/bin"
    }

    /// A TCP port on 127.0.0.1 that nothing listens on now.
    public static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Problem("cannot open a socket to find a free port") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw Problem("cannot bind a socket to 127.0.0.1 to find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs a program to its end, as the postgres user when `asRoot`, its output appended to `log`; a failure
    /// throws with the end of the log.
    static func run(_ arguments: [String], log: String, asRoot: Bool) throws {
        let command = asRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + arguments : arguments
        let status = spawn(command, output: log, wait: true)
        guard status == 0 else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw Problem(
                "\(arguments.first ?? "?") failed (status \(status)): "
                    + text.split(separator: "\n").suffix(15).joined(separator: "\n"))
        }
    }

    /// Starts `arguments` with standard input from /dev/null, its output appended to `output`, and no other open
    /// file of this process (a server left holding the test runner's pipes would keep it waiting). Answers the
    /// exit status when `wait`, else 0 once started; -1 when it could not start.
    @discardableResult
    static func spawn(_ arguments: [String], output: String, wait: Bool) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Closing a descriptor closed meanwhile is not an error for glibc's posix_spawn.
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group: a Ctrl-C meant for the test run does not reach it.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var process: pid_t = 0
        let arguments = arguments.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        guard let program = arguments[0],
            posix_spawn(&process, program, &actions, &attributes, arguments, environ) == 0
        else { return -1 }
        guard wait else { return 0 }
        var status: Int32 = 0
        while waitpid(process, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// Stops the server when the process exits (an atexit hook), and starts a watcher that does the same should the
    /// process die without exiting.
    static func stopAtExit(programs: String, dataFolder: String, folder: String, asRoot: Bool) {
        let stop =
            (asRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : [])
            + [programs + "/pg_ctl", "--pgdata=" + dataFolder, "--mode=fast", "--wait", "stop"]
        exitCommands.withLock { $0 = [stop, ["/bin/rm", "-rf", folder]] }
        atexit {
            for command in PostgresServer.exitCommands.withLock({ $0 }) {
                PostgresServer.spawn(command, output: "/dev/null", wait: true)
            }
        }
        let quoted = (stop.map { "'\($0)'" }).joined(separator: " ")
        let script = """
            trap '' INT TERM HUP
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            if [ -d '\(dataFolder)' ]; then \(quoted); rm -rf '\(folder)'; fi
            """
        spawn(["/bin/sh", "-c", script], output: "/dev/null", wait: false)
    }

    static let exitCommands = Mutex<[[String]]>([])

    struct Problem: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = "test PostgreSQL server: " + description }
    }
}
