import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

extension PostgresCentralStore {
    public func write<T: Sendable>(_ body: @escaping @Sendable (any DBConnection) throws -> T) async throws -> T {
        try await onConnection(transaction: true, body)
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any DBConnection) throws -> T) async throws -> T {
        try await onConnection(transaction: false, body)
    }

    /// Leases a pooled connection and runs `body` on a thread of the store's blocking pool (``blockingPool``), where
    /// each statement waits for its answer; in a transaction when asked, run again (up to five times) when
    /// PostgreSQL ends it to break a deadlock or a serialisation failure. Errors of the body pass through unchanged;
    /// the database's own are worded with the URL (``PostgresStoreError``).
    private func onConnection<T: Sendable>(
        transaction: Bool, _ body: @escaping @Sendable (any DBConnection) throws -> T
    ) async throws -> T {
        let logger = self.logger
        var attempt = 1
        while true {
            do {
                return try await client.withConnection { connection in
                    let blocking = PostgresBlockingConnection(connection: connection, logger: logger)
                    guard transaction else {
                        return try await Self.blockingPool.runIfActive { try body(blocking) }
                    }
                    return try await Self.transaction(on: connection, logger: logger) { _ in
                        try await Self.blockingPool.runIfActive { try body(blocking) }
                    }
                }
            } catch let error as PSQLError where Self.isRetryable(error) && attempt < 5 {
                logger.debug("transaction ran again", metadata: ["sqlstate": "\(error.serverInfo?[.sqlState] ?? "")"])
                attempt += 1
            } catch let error as PSQLError {
                throw PostgresStoreError(error, url: url)
            }
        }
    }
}

/// A pooled PostgreSQL connection used from a thread that may block: each statement is sent and its answer
/// awaited on the connection's own event loop while the calling thread waits.
struct PostgresBlockingConnection: DBConnection {
    let connection: PostgresConnection
    let logger: Logger
    var dialect: DBDialect { .postgres }

    func query(_ sql: String, _ binds: [DBValue]) throws -> [DBRow] {
        try run(sql, binds)
    }

    /// PostgresNIO keeps the command tag to itself, so an `INSERT`, `UPDATE` or `DELETE` without a `RETURNING`
    /// clause gets one, and the rows it returns are the rows it changed.
    func execute(_ sql: String, _ binds: [DBValue]) throws -> Int {
        let verb = sql.drop { $0.isWhitespace }.prefix(6).uppercased()
        guard ["INSERT", "UPDATE", "DELETE"].contains(verb), !sql.uppercased().contains("RETURNING") else {
            _ = try run(sql, binds)
            return 0
        }
        return try run(sql + " RETURNING 1", binds).count
    }

    private func run(_ sql: String, _ binds: [DBValue]) throws -> [DBRow] {
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let integer): bindings.append(integer)
            case .real(let real): bindings.append(real)
            case .text(let text): bindings.append(text)
            case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            }
        }
        let query = PostgresQuery(unsafeSQL: SQLPlaceholders.numbered(sql), binds: bindings)
        let outcome = Mutex<Result<[DBRow], any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let connection = self.connection
        let logger = self.logger
        Task {
            let result: Result<[DBRow], any Error>
            do {
                let stream = try await connection.query(query, logger: logger)
                var rows: [DBRow] = []
                for try await row in stream { rows.append(try Self.row(row)) }
                result = .success(rows)
            } catch {
                result = .failure(error)
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try outcome.withLock { $0! }.get()
    }

    private static func row(_ row: PostgresRow) throws -> DBRow {
        var values: [String: DBValue] = [:]
        for cell in row {
            let value: DBValue
            if cell.bytes == nil {
                value = .null
            } else {
                switch cell.dataType {
                case .int2, .int4, .int8: value = .integer(try cell.decode(Int64.self))
                case .float4, .float8: value = .real(try cell.decode(Double.self))
                case .bool: value = .integer(try cell.decode(Bool.self) ? 1 : 0)
                case .bytea: value = .blob(Array(try cell.decode(ByteBuffer.self).readableBytesView))
                default: value = .text(try cell.decode(String.self))
                }
            }
            values[cell.columnName.lowercased()] = value
        }
        return DBRow(values: values)
    }
}
