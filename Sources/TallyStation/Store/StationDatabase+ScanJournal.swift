import Foundation
import GRDB
import TallyCore

/// A journaled scan as read back.
public struct ScanJournalEntry: Hashable, Sendable {
    public let sequence: Int64
    public let scan: JournaledScan
}

extension StationDatabase {
    /// Writes a scan into the raw journal: the first statement of every transaction a scan causes.
    static func insert(_ scan: JournaledScan, _ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO scan_journal (id, lane, source, device, received_at, bytes, kind, outcome, reason,
                    document_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        try statement.execute(arguments: [
            scan.id, scan.lane, scan.source.rawValue, scan.device, scan.receivedAt, Data(scan.bytes), scan.kind,
            scan.accepted ? "accepted" : "rejected", scan.reason, scan.documentID,
        ])
    }

    /// Journals a scan that changes nothing else: a refused scan, a price check, a mode card.
    public func journal(_ scan: JournaledScan) throws {
        try pool.write { db in try Self.insert(scan, db) }
    }

    /// Whether a scan with this id is in the journal.
    public func hasScan(id: String) throws -> Bool {
        try pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM scan_journal WHERE id = ?)", arguments: [id])
                ?? false
        }
    }

    /// A journaled scan by its id. Read on the writer connection, as the scan path's other reads are: a
    /// client that sends ids asks this for every scan.
    public func scan(id: String) throws -> JournaledScan? {
        try pool.writeWithoutTransaction { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT id, lane, source, device, received_at, bytes, kind, outcome, reason, document_id
                    FROM scan_journal WHERE id = ?
                    """, arguments: [id]
            ).map { row in
                let bytes: Data = row[5]
                return JournaledScan(
                    id: row[0], lane: row[1], source: ScanSource(rawValue: row[2]) ?? .api, device: row[3],
                    receivedAt: row[4], bytes: [UInt8](bytes), kind: row[6], accepted: row[7] == "accepted",
                    reason: row[8], documentID: row[9])
            }
        }
    }

    /// The latest scans, newest first; only refused ones when `rejectedOnly`.
    public func recentScans(
        lane: String? = nil, rejectedOnly: Bool = false, limit: Int = 20
    ) throws
        -> [ScanJournalEntry]
    {
        try pool.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let lane {
                conditions.append("lane = ?")
                _ = arguments.append(contentsOf: [lane])
            }
            if rejectedOnly { conditions.append("outcome = 'rejected'") }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            _ = arguments.append(contentsOf: [limit])
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, id, lane, source, device, received_at, bytes, kind, outcome, reason, document_id
                    FROM scan_journal \(filter) ORDER BY seq DESC LIMIT ?
                    """, arguments: arguments
            ).map { row in
                let bytes: Data = row[6]
                return ScanJournalEntry(
                    sequence: row[0],
                    scan: JournaledScan(
                        id: row[1], lane: row[2], source: ScanSource(rawValue: row[3]) ?? .api, device: row[4],
                        receivedAt: row[5], bytes: [UInt8](bytes), kind: row[7], accepted: row[8] == "accepted",
                        reason: row[9], documentID: row[10]))
            }
        }
    }

    /// How many scans the journal holds.
    public func scanCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scan_journal") ?? 0 }
    }
}
