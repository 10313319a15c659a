import Foundation
import GRDB
import PostgresNIO
import TallyTestSupport
import Testing

/// A `tally-central` process started the way an operator starts it, with a configuration and state folder of
/// its own, on a free loopback port.
final class CentralProcess {
    let directory: String
    let configPath: String
    private(set) var process: Process?
    private(set) var port = 0
    var logPath: String { directory + "/central.log" }
    var stateDirectory: String { directory + "/state" }
    /// `https` when the configuration turns TLS on.
    var scheme = "http"
    var baseURL: String { "\(scheme)://127.0.0.1:\(port)" }

    let engine: Engine
    /// The PostgreSQL database, on the test run's own server.
    private(set) var database: String?

    init(engine: Engine = .sqlite, extraYAML: String = "") async throws {
        self.engine = engine
        directory = NSTemporaryDirectory() + "tally-central-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        configPath = directory + "/central.yaml"
        var extraYAML = extraYAML
        if engine == .postgres {
            let server = try await PostgresServer.shared()
            let database = try await server.createDatabase()
            self.database = database
            extraYAML += "\ndatabase:\n  url: \(server.url(database: database))\n"
        }
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
    func command(
        _ arguments: [String], input: String? = nil
    ) async throws -> (status: Int32, output: String, errors: String) {
        try await runBuilt("tally-central", arguments + ["--config", configPath], input: input)
    }

    /// Adds a station and answers its one-time enrolment code.
    func addStation(_ name: String) async throws -> String {
        let added = try await command(["station", "add", name])
        guard added.status == 0,
            let line = added.output.split(separator: "\n").first(where: { $0.hasPrefix("enrolment code ") })
        else { throw DaemonError("station add failed: \(added.output) \(added.errors)") }
        return String(line.split(separator: " ")[2].trimmingCharacters(in: CharacterSet(charactersIn: ",")))
    }

    /// Starts the server and waits until it is ready.
    func start() async throws {
        let scheme = self.scheme
        (process, port) = try await launchServer(
            "tally-central", arguments: ["serve", "--config", configPath], logPath: logPath,
            portFile: stateDirectory + "/api-port"
        ) { [logPath] port in
            scheme == "https"
                ? ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").contains("tally-central ready")
                : (try? await DaemonClient(baseURL: "http://127.0.0.1:\(port)").get("/ready").status) == 200
        }
        // Restarts listen where stations were told central is.
        let yaml = try String(contentsOfFile: configPath, encoding: .utf8)
        try yaml.replacingOccurrences(of: "port: 0\n", with: "port: \(port)\n")
            .write(toFile: configPath, atomically: true, encoding: .utf8)
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

    /// Central's books, read from its database: what the sync fault test compares with the stations' events.
    struct Books: Sendable {
        var eventIDs: Set<String> = []
        var events = 0
        var sales = 0
        /// Sum of movements and stock per "product|location|lot".
        var movements: [String: Int64] = [:]
        var stock: [String: Int64] = [:]
        var highestSequences: Int64 = 0
    }

    static let booksQueries = (
        eventIDs: "SELECT event_id FROM events",
        events: "SELECT COUNT(*) FROM events",
        sales: "SELECT COUNT(*) FROM sales",
        movements: "SELECT product_id, location_id, lot, CAST(SUM(quantity) AS BIGINT) FROM movements GROUP BY 1, 2, 3",
        stock: "SELECT product_id, location_id, lot, quantity FROM stock",
        highest: "SELECT CAST(COALESCE(SUM(highest_sequence), 0) AS BIGINT) FROM stations"
    )

    func books() async throws -> Books {
        let queries = Self.booksQueries
        switch engine {
        case .sqlite:
            let queue = try DatabaseQueue(path: stateDirectory + "/central.sqlite")
            return try await queue.read { db in
                var books = Books()
                books.eventIDs = try String.fetchSet(db, sql: queries.eventIDs)
                books.events = try Int.fetchOne(db, sql: queries.events) ?? 0
                books.sales = try Int.fetchOne(db, sql: queries.sales) ?? 0
                for row in try Row.fetchAll(db, sql: queries.movements) {
                    books.movements["\(row[0] as String)|\(row[1] as String)|\(row[2] as String)"] = row[3]
                }
                for row in try Row.fetchAll(db, sql: queries.stock) {
                    books.stock["\(row[0] as String)|\(row[1] as String)|\(row[2] as String)"] = row[3]
                }
                books.highestSequences = try Int64.fetchOne(db, sql: queries.highest) ?? 0
                return books
            }
        case .postgres:
            let database = try #require(database)
            return try await PostgresServer.shared().withConnection(database: database) { connection, logger in
                func rows(_ sql: String) async throws -> [PostgresRow] {
                    try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect()
                }
                var books = Books()
                books.eventIDs = Set(try await rows(queries.eventIDs).map { try $0.decode(String.self) })
                books.events = Int(try await rows(queries.events)[0].decode(Int64.self))
                books.sales = Int(try await rows(queries.sales)[0].decode(Int64.self))
                for row in try await rows(queries.movements) {
                    let (product, location, lot, quantity) = try row.decode((String, String, String, Int64).self)
                    books.movements["\(product)|\(location)|\(lot)"] = quantity
                }
                for row in try await rows(queries.stock) {
                    let (product, location, lot, quantity) = try row.decode((String, String, String, Int64).self)
                    books.stock["\(product)|\(location)|\(lot)"] = quantity
                }
                books.highestSequences = try await rows(queries.highest)[0].decode(Int64.self)
                return books
            }
        }
    }
}
