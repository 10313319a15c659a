import Crypto
import Foundation
import GRDB
import TallyCore
import TallySync

/// The hash-chained sales journal: every completed sale, voided basket, return and closed period, each entry
/// sealed with SHA-256 over its own fields and the hash of the entry before it.
///
/// Editing, deleting or reordering an entry breaks the chain from there on; triggers refuse updates and deletes
/// outright. (A chain alone cannot reveal a rewrite of its tail; anchoring its head at central does, once
/// stations sync.)
enum SalesJournal {
    /// The hash before the first entry.
    static let genesis = String(repeating: "0", count: 64)

    /// The seal of an entry: SHA-256 over its sequence, kind, document, time, the previous hash and the payload,
    /// separated by newlines, in lowercase hex.
    static func seal(
        sequence: Int64, kind: String, documentID: String, createdAt: Int64, previousHash: String, payload: String
    ) -> String {
        let text = "\(sequence)\n\(kind)\n\(documentID)\n\(createdAt)\n\(previousHash)\n\(payload)"
        return Hex.lowercase(SHA256.hash(data: Data(text.utf8)))
    }

    /// Appends an entry after the current head.
    static func append(kind: String, documentID: String, payload: String, at time: Int64, _ db: Database) throws {
        let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")
        let sequence: Int64 = (head?[0] ?? 0) + 1
        let previous: String = head?[1] ?? genesis
        let hash = seal(
            sequence: sequence, kind: kind, documentID: documentID, createdAt: time, previousHash: previous,
            payload: payload)
        try db.execute(
            sql: """
                INSERT INTO journal (seq, kind, document_id, created_at, payload, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [sequence, kind, documentID, time, payload, previous, hash])
    }

    /// Canonical JSON for payloads: sorted keys, so the same fact always reads the same.
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

extension StationDatabase {
    /// Writes a fact to the outbox for central and to the sales journal, in the caller's transaction.
    static func record(
        _ type: StationEventType, documentID: String, payload: some Encodable, at time: Int64, _ db: Database
    ) throws {
        let text = try SalesJournal.encode(payload)
        try db.execute(
            sql: "INSERT INTO outbox (event_id, type, payload, created_at) VALUES (?, ?, ?, ?)",
            arguments: [newID(), type.rawValue, text, time])
        try SalesJournal.append(kind: type.rawValue, documentID: documentID, payload: text, at: time, db)
    }

    /// The open period, opened now with the configured float when none is.
    static func openPeriod(context: StationContext, at time: Int64, _ db: Database) throws -> Int {
        if let open = try Int.fetchOne(db, sql: "SELECT number FROM periods WHERE closed_at IS NULL") {
            return open
        }
        let number = (try Int.fetchOne(db, sql: "SELECT MAX(number) FROM periods") ?? 0) + 1
        try db.execute(
            sql: "INSERT INTO periods (number, opened_at, opening_float_minor) VALUES (?, ?, ?)",
            arguments: [number, time, context.openingFloat.minorUnits])
        return number
    }
}
