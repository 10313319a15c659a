import Foundation
import Logging
import NIOPosix
import PostgresNIO
import ServiceLifecycle
import TallySync

/// Central's storage in PostgreSQL, for shops that run several central processes or want a database server's
/// backups and tools. Behaves as ``SQLiteCentralStore`` does, also with several central processes on one database.
///
/// The store holds a pool of connections (PostgresNIO's `PostgresClient`) that works only while ``run()`` runs:
/// run the store as a service in the server's `ServiceGroup`, or in a task of its own, and call ``migrate()`` before
/// anything else. Cancelling ``run()`` closes the connections.
///
/// Several processes on one database stay correct because the database serialises what must not interleave:
/// migrations and catalog writes take a transaction-scoped advisory lock, and a push locks its station's row first.
public final class PostgresCentralStore: CentralStore, Service {
    /// The database, as the URL gave it; its description hides the password.
    public let url: PostgresURL
    /// The connection pool, for tools that measure against the same server.
    public let client: PostgresClient
    let logger: Logger

    /// Advisory lock keys, the same in every central process: "tally" in ASCII, then what the lock guards.
    static let migrationLock: Int64 = 0x74_61_6C_6C_79_00_00_01
    static let catalogLock: Int64 = 0x74_61_6C_6C_79_00_00_02

    /// The threads that run ``DBConnection`` bodies, each waiting on its leased connection while PostgreSQL answers:
    /// as many as the connection pool may open (PostgresNIO's default of 20), so every connection can be busy at
    /// once. NIO's shared pool has only as many threads as the machine has cores, and other blocking work (a
    /// receipt printer's writes) shares it; on two cores it let two transactions in at a time, the rest queued
    /// behind them. Started on first use and kept for the life of the process, as NIO's own singleton is.
    static let blockingPool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: PostgresClient.Configuration.Options().maximumConnections)
        pool.start()
        return pool
    }()

    /// Rows a single catalog statement writes: a batch of 10,000 records goes in one statement.
    static let catalogRowsPerStatement = 10_000

    /// A store for the database at `url` (see ``PostgresURL`` for the forms accepted); nothing connects until
    /// ``run()`` and ``migrate()``.
    public convenience init(
        url text: String, logger: Logger = Logger(label: "tally-central.postgres")
    ) throws(PostgresURLError) {
        self.init(url: try PostgresURL(text), logger: logger)
    }

    public init(url: PostgresURL, logger: Logger = Logger(label: "tally-central.postgres")) {
        self.url = url
        self.logger = logger
        var configuration: PostgresClient.Configuration
        switch url.endpoint {
        case .tcp(let host, let port):
            configuration = PostgresClient.Configuration(
                host: host, port: port, username: url.username, password: url.password, database: url.database,
                tls: Self.clientTLS(url.tls))
        case .unixSocket(let path):
            configuration = PostgresClient.Configuration(
                unixSocketPath: path, username: url.username, password: url.password, database: url.database)
        }
        configuration.options.additionalStartupParameters = [("application_name", "tally-central")]
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    /// Runs the connection pool until the task is cancelled or the service group shuts down gracefully.
    public func run() async throws {
        await client.run()
    }

    /// Brings the schema up to date, on a connection of its own so that a server that cannot be reached or refuses
    /// the sign-in is reported at once and in words. Each migration runs in a transaction under an advisory lock,
    /// so central processes starting together on one database apply each exactly once.
    public func migrate() async throws {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: try connectionConfiguration(), id: 0, logger: logger)
        } catch {
            throw PostgresStoreError(error, url: url)
        }
        do {
            for (index, migration) in CentralSchema.migrations.enumerated() {
                let version = Int64(index + 1)
                try await Self.transaction(on: connection, logger: logger) { connection in
                    try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", logger: logger)
                    try await connection.query(
                        """
                        CREATE TABLE IF NOT EXISTS schema_migrations (
                            version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)
                        """, logger: logger)
                    let applied = try await connection.query(
                        "SELECT 1 FROM schema_migrations WHERE version = \(version)", logger: logger
                    ).collect()
                    guard applied.isEmpty else { return }
                    for statement in CentralSchema.statements(migration.sql) {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        """
                        INSERT INTO schema_migrations (version, name, applied_at)
                        VALUES (\(version), \(migration.identifier), \(Central.now()))
                        """, logger: logger)
                    logger.info("migrated the database", metadata: ["migration": "\(migration.identifier)"])
                }
            }
        } catch {
            try? await connection.close()
            throw PostgresStoreError(error, url: url)
        }
        try? await connection.close()
    }

    // MARK: Stations

    public func createStation(
        name: String, codeHash: String, expiresAt: Int64, now: Int64
    ) async throws -> CentralStation {
        let id = UUID().uuidString.lowercased()
        let rows = try await query(
            """
            INSERT INTO stations (id, name, enrolment_code_hash, enrolment_expires_at, created_at)
            VALUES (\(id), \(name), \(codeHash), \(expiresAt), \(now))
            RETURNING \(unescaped: Self.stationColumns)
            """)
        return try Self.station(from: rows[0])
    }

    public func renewEnrolment(stationID: String, codeHash: String, expiresAt: Int64) async throws -> Bool {
        try await !query(
            """
            UPDATE stations SET enrolment_code_hash = \(codeHash), enrolment_expires_at = \(expiresAt)
            WHERE id = \(stationID) AND revoked_at IS NULL RETURNING id
            """
        ).isEmpty
    }

    public func enroll(
        codeHash: String, tokenHash: String, stationCode: String?, now: Int64
    ) async throws -> CentralStation? {
        try await query(
            """
            UPDATE stations
            SET token_hash = \(tokenHash), station_code = COALESCE(\(stationCode), station_code), enrolled_at = \(now),
                enrolment_code_hash = NULL, enrolment_expires_at = NULL
            WHERE enrolment_code_hash = \(codeHash) AND enrolment_expires_at > \(now) AND revoked_at IS NULL
            RETURNING \(unescaped: Self.stationColumns)
            """
        ).first.map(Self.station(from:))
    }

    public func station(tokenHash: String) async throws -> CentralStation? {
        try await query(
            """
            SELECT \(unescaped: Self.stationColumns) FROM stations
            WHERE token_hash = \(tokenHash) AND revoked_at IS NULL
            """
        ).first.map(Self.station(from:))
    }

    public func station(id: String) async throws -> CentralStation? {
        try await query("SELECT \(unescaped: Self.stationColumns) FROM stations WHERE id = \(id)").first.map(
            Self.station(from:))
    }

    public func stations() async throws -> [CentralStation] {
        // COLLATE "C" orders text by its bytes, as SQLite does, whatever the database's locale.
        try await query(
            "SELECT \(unescaped: Self.stationColumns) FROM stations WHERE id <> 'central' ORDER BY created_at, id COLLATE \"C\""
        ).map(Self.station(from:))
    }

    public func revoke(stationID: String, now: Int64) async throws -> Bool {
        try await !query(
            """
            UPDATE stations SET revoked_at = COALESCE(revoked_at, \(now)), token_hash = NULL,
                enrolment_code_hash = NULL
            WHERE id = \(stationID) RETURNING id
            """
        ).isEmpty
    }

    static let stationColumns =
        "id, name, station_code, created_at, enrolled_at, revoked_at, highest_sequence, last_push_at"

    static func station(from row: PostgresRow) throws -> CentralStation {
        let (id, name, stationCode, createdAt, enrolledAt, revokedAt, highestSequence, lastPushAt) = try row.decode(
            (String, String, String?, Int64, Int64?, Int64?, Int64, Int64?).self)
        return CentralStation(
            id: id, name: name, stationCode: stationCode, createdAt: createdAt, enrolledAt: enrolledAt,
            revokedAt: revokedAt, highestSequence: highestSequence, lastPushAt: lastPushAt)
    }

    // MARK: Catalog

    public func putCatalog(_ writes: [CatalogWrite], now: Int64) async throws -> Int64 {
        try await writeTransaction { connection, logger in
            try await Self.writeCatalog(writes, now: now, connection, logger: logger)
        }
    }

    /// Takes the catalog writers' lock for the rest of the transaction under way. Every catalog write holds it,
    /// and takes it after every row lock its transaction needs, so a transaction holding it never waits for another.
    static func lockCatalog(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(Self.catalogLock))", logger: logger)
    }

    /// Stores catalog records in the transaction under way, under the catalog writers' lock; answers the highest
    /// cursor.
    static func writeCatalog(
        _ writes: [CatalogWrite], now: Int64, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Int64 {
        // The lock makes catalog writers of every central process take turns, so the next cursor read here is
        // still the next when this transaction commits: cursors rise in commit order. Taking it again in a
        // transaction that holds it already is allowed.
        try await lockCatalog(connection, logger: logger)
        let highest = try await connection.query(
            "SELECT COALESCE(MAX(cursor), 0) FROM catalog", logger: logger
        ).collect()[0].decode(Int64.self)
        // Every write takes a cursor, as in SQLite; of a record written twice in one call, the later write is
        // what is stored (one statement may not change a row twice).
        var latest: [CatalogKey: Int] = [:]
        for (index, write) in writes.enumerated() {
            latest[CatalogKey(kind: write.kind.rawValue, key: write.key)] = index
        }
        let kept = writes.indices.filter {
            latest[CatalogKey(kind: writes[$0].kind.rawValue, key: writes[$0].key)] == $0
        }
        for start in stride(from: 0, to: kept.count, by: Self.catalogRowsPerStatement) {
            let chunk = kept[start..<min(start + Self.catalogRowsPerStatement, kept.count)]
            var kinds: [String] = []
            var keys: [String] = []
            var cursors: [Int64] = []
            var payloads: [String] = []
            var hasPayloads: [Bool] = []
            var audiences: [String] = []
            var hasAudiences: [Bool] = []
            for index in chunk {
                let write = writes[index]
                let audience = StoredChange.storedAudience(write.audience)
                kinds.append(write.kind.rawValue)
                keys.append(write.key)
                cursors.append(highest + Int64(index) + 1)
                payloads.append(write.payload ?? "")
                hasPayloads.append(write.payload != nil)
                audiences.append(audience ?? "")
                hasAudiences.append(audience != nil)
            }
            var binds = PostgresBindings(capacity: 8)
            binds.append(kinds)
            binds.append(keys)
            binds.append(cursors)
            binds.append(payloads)
            binds.append(hasPayloads)
            binds.append(audiences)
            binds.append(hasAudiences)
            binds.append(now)
            try await connection.query(
                PostgresQuery(unsafeSQL: CentralSchema.postgresUpsertCatalog, binds: binds), logger: logger)
        }
        return try await connection.query(
            "SELECT COALESCE(MAX(cursor), 0) FROM catalog", logger: logger
        ).collect()[0].decode(Int64.self)
    }

    public func catalogRecord(kind: CatalogKind, key: String) async throws -> String? {
        let rows = try await query("SELECT payload FROM catalog WHERE kind = \(kind.rawValue) AND key = \(key)")
        return try rows.first?.decode(String?.self) ?? nil
    }

    public func catalogChanges(after cursor: Int64, limit: Int) async throws -> [StoredChange] {
        // A negative limit is no limit, as in SQLite; PostgreSQL writes that as LIMIT NULL.
        let rowLimit: Int64? = limit < 0 ? nil : Int64(limit)
        return try await query(
            """
            SELECT cursor, kind, key, payload, audience FROM catalog WHERE cursor > \(cursor)
            ORDER BY cursor LIMIT \(rowLimit)
            """
        ).compactMap { row in
            let (cursor, kindText, key, payload, audience) = try row.decode(
                (Int64, String, String, String?, String?).self)
            guard let kind = CatalogKind(rawValue: kindText) else { return nil }
            return StoredChange(
                cursor: cursor, kind: kind, key: key, payload: payload,
                audience: StoredChange.audience(stored: audience))
        }
    }

    public func highestCatalogCursor() async throws -> Int64 {
        try await query("SELECT COALESCE(MAX(cursor), 0) FROM catalog")[0].decode(Int64.self)
    }

    // MARK: Stock and readiness

    public func stock(productID: String?) async throws -> [StockLevel] {
        let rows =
            if let productID {
                try await query(
                    """
                    SELECT product_id, location_id, lot, quantity FROM stock WHERE product_id = \(productID)
                    ORDER BY location_id COLLATE "C", lot COLLATE "C"
                    """)
            } else {
                try await query(
                    """
                    SELECT product_id, location_id, lot, quantity FROM stock
                    ORDER BY product_id COLLATE "C", location_id COLLATE "C", lot COLLATE "C"
                    """)
            }
        return try rows.map { row in
            let (productID, locationID, lot, quantity) = try row.decode((String, String, String, Int64).self)
            return StockLevel(productID: productID, locationID: locationID, lot: lot, quantity: quantity)
        }
    }

    /// Whether the database answers within 5 seconds (the pool waits longer for a server that is away).
    public func isReady() async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { (try? await self.query("SELECT 1")).map { !$0.isEmpty } ?? false }
            group.addTask {
                try? await Task.sleep(for: .seconds(5))
                return false
            }
            let answer = await group.next() ?? false
            group.cancelAll()
            return answer
        }
    }

    // MARK: Running queries

    /// Runs one statement on a pooled connection and collects its rows.
    func query(_ query: PostgresQuery) async throws -> [PostgresRow] {
        do {
            return try await client.query(query, logger: logger).collect()
        } catch {
            throw PostgresStoreError(error, url: url)
        }
    }

    /// Runs `body` in a transaction on a pooled connection: committed when it returns, rolled back when it throws.
    /// A transaction PostgreSQL ends to break a deadlock or a serialisation failure is run again, a few times.
    func writeTransaction<Result: Sendable>(
        _ body: (PostgresConnection, Logger) async throws -> Result
    ) async throws -> Result {
        var attempt = 1
        while true {
            do {
                return try await client.withConnection { connection in
                    try await Self.transaction(on: connection, logger: logger) { try await body($0, logger) }
                }
            } catch let error as PSQLError where Self.isRetryable(error) && attempt < 5 {
                logger.debug("transaction ran again", metadata: ["sqlstate": "\(error.serverInfo?[.sqlState] ?? "")"])
                attempt += 1
            } catch let error as PushError {
                throw error
            } catch let error as ManagementError {
                throw error
            } catch let error as CatalogProblem {
                throw error
            } catch {
                throw PostgresStoreError(error, url: url)
            }
        }
    }

    nonisolated(nonsending) static func transaction<Result: Sendable>(
        on connection: PostgresConnection, logger: Logger, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await connection.query("BEGIN", logger: logger)
        do {
            let result = try await body(connection)
            try await connection.query("COMMIT", logger: logger)
            return result
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// Deadlock detected, or could not serialise access.
    static func isRetryable(_ error: PSQLError) -> Bool {
        ["40P01", "40001"].contains(error.serverInfo?[.sqlState] ?? "")
    }

    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch url.endpoint {
        case .tcp(let host, let port):
            configuration = PostgresConnection.Configuration(
                host: host, port: port, username: url.username, password: url.password, database: url.database,
                tls: try Self.connectionTLS(url.tls))
        case .unixSocket(let path):
            configuration = PostgresConnection.Configuration(
                unixSocketPath: path, username: url.username, password: url.password, database: url.database)
        }
        configuration.options.additionalStartupParameters = [("application_name", "tally-central")]
        return configuration
    }

    static func tlsConfiguration(_ mode: PostgresURL.TLSMode) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable, .prefer, .require: configuration.certificateVerification = .none
        case .verifyCertificateAuthority: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        return configuration
    }

    static func clientTLS(_ mode: PostgresURL.TLSMode) -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: .disable
        case .prefer: .prefer(tlsConfiguration(mode))
        case .require, .verifyCertificateAuthority, .verifyFull: .require(tlsConfiguration(mode))
        }
    }

    static func connectionTLS(_ mode: PostgresURL.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: tlsConfiguration(mode)))
        case .require, .verifyCertificateAuthority, .verifyFull:
            .require(try NIOSSLContext(configuration: tlsConfiguration(mode)))
        }
    }
}

/// A catalog record's identity: its kind and key, told apart by their bytes, as the database does (Swift's strings
/// call some different byte sequences equal).
struct CatalogKey: Hashable {
    var kind: String
    var key: String

    static func == (left: CatalogKey, right: CatalogKey) -> Bool {
        left.kind.utf8.elementsEqual(right.kind.utf8) && left.key.utf8.elementsEqual(right.key.utf8)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(Array(kind.utf8))
        hasher.combine(Array(key.utf8))
    }
}

/// What went wrong talking to PostgreSQL, in words: the server's own message and SQLSTATE when it refused, or why
/// it could not be reached. Never holds the password.
public struct PostgresStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    /// The five-character SQLSTATE when the server refused, such as `28P01` for a wrong password.
    public var sqlState: String?

    init(_ error: any Error, url: PostgresURL) {
        if let known = error as? PostgresStoreError {
            self = known
            return
        }
        let place = "PostgreSQL at \(url.place)"
        if let error = error as? PSQLError {
            sqlState = error.serverInfo?[.sqlState]
            switch error.code {
            case .server:
                let message = error.serverInfo?[.message] ?? "an error"
                let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
                description = "\(place) refused: \(message)\(detail) [SQLSTATE \(sqlState ?? "?")]"
            case .connectionError:
                description =
                    "cannot connect to \(place)"
                    + (error.underlying.map { ": \(Self.describe($0))" } ?? "")
            case .authMechanismRequiresPassword:
                description = "\(place) asks for a password for \(url.username), and the database URL gives none"
            case .sslUnsupported:
                description = "\(place) does not offer TLS, which sslmode=\(url.tls.rawValue) requires"
            case .failedToAddSSLHandler:
                description = "TLS to \(place) could not be set up" + (error.underlying.map { ": \($0)" } ?? "")
            case .unsupportedAuthMechanism:
                description = "\(place) asks for a way of signing in that central does not support"
            case .saslError:
                description = "signing in to \(place) as \(url.username) failed"
            case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
                description = "the connection to \(place) closed while a query was under way"
            case .poolClosed:
                description = "the store's connection pool for \(place) is not running"
            case .queryCancelled:
                description = "a query to \(place) was cancelled"
            default:
                description = "\(place) failed: \(error.code)"
            }
        } else if String(reflecting: error).contains("CircuitBreakerTripped") {
            // The pool's own error type is not public API; it gives up after a minute of failed connections.
            sqlState = nil
            description = "cannot connect to \(place): every attempt failed for a minute"
        } else if let error = error as? PostgresDecodingError {
            sqlState = nil
            description = "\(place) answered \(error.columnName) in a form central cannot read (\(error.code))"
        } else {
            sqlState = nil
            description = "\(place) failed: \(Self.describe(error))"
        }
    }

    /// A network error in words: `connection refused` rather than NIO's description of its internals.
    static func describe(_ error: any Error) -> String {
        if let error = error as? NIOConnectionError {
            var reasons: [String] = []
            for reason in error.connectionErrors.map({ describe($0.error) }) where !reasons.contains(reason) {
                reasons.append(reason)
            }
            if let problem = error.dnsAAAAError ?? error.dnsAError, reasons.isEmpty {
                reasons.append("the host name was not found (\(problem))")
            }
            return reasons.isEmpty ? "\(error)" : reasons.joined(separator: "; ")
        }
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)).lowercased() }
        return "\(error)"
    }
}
