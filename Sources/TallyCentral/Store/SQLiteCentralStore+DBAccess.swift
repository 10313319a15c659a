import Foundation
import GRDB

extension SQLiteCentralStore {
    public func write<T: Sendable>(_ body: @escaping @Sendable (any DBConnection) throws -> T) async throws -> T {
        try await pool.write { db in try body(GRDBConnection(db: db)) }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any DBConnection) throws -> T) async throws -> T {
        try await pool.read { db in try body(GRDBConnection(db: db)) }
    }
}

/// A GRDB connection inside one of the pool's transactions.
struct GRDBConnection: DBConnection {
    let db: Database
    var dialect: DBDialect { .sqlite }

    func query(_ sql: String, _ binds: [DBValue]) throws -> [DBRow] {
        try Row.fetchAll(db, sql: sql, arguments: Self.arguments(binds)).map { row in
            var values: [String: DBValue] = [:]
            for (column, value) in row {
                values[column.lowercased()] =
                    switch value.storage {
                    case .null: .null
                    case .int64(let integer): .integer(integer)
                    case .double(let real): .real(real)
                    case .string(let text): .text(text)
                    case .blob(let data): .blob(Array(data))
                    }
            }
            return DBRow(values: values)
        }
    }

    func execute(_ sql: String, _ binds: [DBValue]) throws -> Int {
        try db.execute(sql: sql, arguments: Self.arguments(binds))
        return db.changesCount
    }

    static func arguments(_ binds: [DBValue]) -> StatementArguments {
        StatementArguments(
            binds.map { value -> DatabaseValue in
                switch value {
                case .null: .null
                case .integer(let integer): integer.databaseValue
                case .real(let real): real.databaseValue
                case .text(let text): text.databaseValue
                case .blob(let bytes): Data(bytes).databaseValue
                }
            })
    }
}
