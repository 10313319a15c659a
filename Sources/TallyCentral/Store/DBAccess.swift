import Foundation

/// One value bound to or read from a statement, in the types both engines share.
public enum DBValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public init(_ text: String?) { self = text.map { .text($0) } ?? .null }
    public init(_ integer: Int64?) { self = integer.map { .integer($0) } ?? .null }
    public init(_ integer: Int?) { self = integer.map { .integer(Int64($0)) } ?? .null }
    public init(_ flag: Bool) { self = .integer(flag ? 1 : 0) }
}

extension DBValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(nilLiteral: ()) { self = .null }
}

/// A row as read: its values by column name (lower case, as both engines name unquoted columns).
public struct DBRow: Sendable, Hashable {
    public var values: [String: DBValue]

    public init(values: [String: DBValue]) { self.values = values }

    public subscript(_ column: String) -> DBValue { values[column] ?? .null }

    /// The column's text; nil when it is NULL. Numbers are given as their digits.
    public func text(_ column: String) -> String? {
        switch self[column] {
        case .null: nil
        case .text(let text): text
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The column's text, or a ``DBRowError`` naming the column when it is NULL.
    public func string(_ column: String) throws -> String {
        guard let text = text(column) else { throw DBRowError(description: "\(column) is NULL") }
        return text
    }

    /// The column's integer; nil when it is NULL or not a whole number.
    public func integer(_ column: String) -> Int64? {
        switch self[column] {
        case .integer(let value): value
        case .real(let value): Int64(exactly: value)
        case .text(let text): Int64(text)
        case .null, .blob: nil
        }
    }

    /// The column's integer, or a ``DBRowError`` naming the column.
    public func int(_ column: String) throws -> Int64 {
        guard let value = integer(column) else { throw DBRowError(description: "\(column) is not an integer") }
        return value
    }

    public func flag(_ column: String) -> Bool { (integer(column) ?? 0) != 0 }
}

/// A statement the database refused or a row that is not what the code expects.
public struct DBRowError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Which engine runs the statements, for the few places where their SQL differs.
public enum DBDialect: Sendable {
    case sqlite
    case postgres

    /// What makes a `SELECT` lock the rows it reads until the transaction ends (SQLite's writer already holds
    /// the whole database).
    public var forUpdate: String { self == .postgres ? " FOR UPDATE" : "" }
}

/// A connection inside a transaction: statements run one after the other and block until answered. Written in
/// SQL both engines accept, with `?` for each bound value.
public protocol DBConnection {
    var dialect: DBDialect { get }
    /// Runs a statement and answers its rows.
    func query(_ sql: String, _ binds: [DBValue]) throws -> [DBRow]
    /// Runs a statement and answers how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ binds: [DBValue]) throws -> Int
}

extension DBConnection {
    public func query(_ sql: String, _ binds: DBValue...) throws -> [DBRow] { try query(sql, binds) }

    @discardableResult
    public func execute(_ sql: String, _ binds: DBValue...) throws -> Int { try execute(sql, binds) }

    /// The first row, if any.
    public func first(_ sql: String, _ binds: DBValue...) throws -> DBRow? { try query(sql, binds).first }
}

/// Central's database seen through ``DBConnection``: what the back office writes once for both engines.
public protocol DBAccess: Sendable {
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws (the error is
    /// thrown on unchanged). PostgreSQL runs it again when it ends the transaction to break a deadlock.
    func write<T: Sendable>(_ body: @escaping @Sendable (any DBConnection) throws -> T) async throws -> T
    /// Runs `body` with a consistent view of the database and no writes.
    func read<T: Sendable>(_ body: @escaping @Sendable (any DBConnection) throws -> T) async throws -> T
}

enum SQLPlaceholders {
    /// `?` placeholders as PostgreSQL's `$1`, `$2`…; question marks inside quoted strings and identifiers stay.
    static func numbered(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }
}
