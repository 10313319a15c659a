import Foundation
import GRDB
import TallyCore

/// The station's SQLite database: one file in the state directory, in WAL mode with `synchronous=FULL`, so a
/// commit that returned survives `kill -9` and power loss alike.
///
/// Every write method is one transaction. Reads run on WAL readers beside the writer, so a price lookup never
/// waits for a sale being written.
public final class StationDatabase: Sendable {
    /// The file name inside the state directory.
    public static let fileName = "station.sqlite"

    let pool: DatabasePool
    public let path: String

    /// Opens (creating when missing) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: configuration)
        // WAL keeps the file consistent on a crash; FULL makes every commit durable before it returns. GRDB
        // sets its writer connection to NORMAL when it turns WAL on, after any `prepareDatabase`, so this is
        // set on the writer once it is open; readers never commit.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try StationSchema.migrator.migrate(pool)
    }

    /// Opens the database in a station's state directory.
    public convenience init(stateDirectory: String) throws {
        try self.init(path: (stateDirectory as NSString).appendingPathComponent(Self.fileName))
    }

    /// The journal mode and synchronous setting actually in force, for checks and `tallyctl status`.
    public func durabilitySettings() throws -> (journalMode: String, synchronous: Int) {
        try pool.write { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?"
            let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            return (mode, synchronous)
        }
    }

    /// Milliseconds since 1970, the station's clock for the times it records.
    static func now() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }

    /// Runs `body` in one write transaction on the writer connection, whose page cache survives its own
    /// commits: the reads a scan needs (catalog, receipt, operator) are served warm there.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.write(body)
    }

    /// A new fact id: a random (version 4) UUID in lowercase. Made from the system's random generator directly,
    /// because Foundation's `UUID()` opens `/dev/urandom` for every id on Linux.
    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() & 0xFFFF_FFFF_FFFF_0FFF | 0x0000_0000_0000_4000
        let low = generator.next() & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        let digits = hex(high, 16) + hex(low, 16)
        let characters = Array(digits)
        return String(characters[0..<8]) + "-" + String(characters[8..<12]) + "-" + String(characters[12..<16])
            + "-" + String(characters[16..<20]) + "-" + String(characters[20..<32])
    }

    private static func hex(_ value: UInt64, _ width: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: width - text.count) + text
    }
}
