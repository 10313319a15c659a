import Crypto
import Foundation
import TallyCore

/// The back office's audit trail: who changed what, when, with the record before and after, one entry per change,
/// written in the same transaction as the change.
///
/// Entries form a hash chain: each entry's hash covers its own fields and the hash of the entry before, so an entry
/// changed, removed or inserted afterwards breaks every hash from there on. ``verify(on:)`` (and `tallyctl verify`)
/// walks the chain.
public enum Audit {
    /// The hash before the first entry.
    public static let origin = String(repeating: "0", count: 64)

    /// Advisory lock key that makes entries from several central processes follow one another.
    static let postgresLock: Int64 = 0x74_61_6C_6C_79_00_00_03

    public struct Entry: Sendable, Hashable, Codable {
        public var sequence: Int64
        public var at: Int64
        /// The user's id, or `system`/`cli:<name>` for changes made outside the web and API.
        public var actor: String
        public var action: String
        public var entity: String
        public var entityID: String
        public var before: String?
        public var after: String?
        public var previousHash: String
        public var hash: String

        /// The hash of the entry's fields and the previous hash.
        var computedHash: String {
            let fields: [String] = [
                String(sequence), String(at), actor, action, entity, entityID, before ?? "\u{0}", after ?? "\u{0}",
                previousHash,
            ]
            let text = fields.map { "\($0.utf8.count):\($0)" }.joined()
            return Hex.lowercase(SHA256.hash(data: Data(text.utf8)))
        }

        init(row: DBRow) throws {
            sequence = try row.int("sequence")
            at = try row.int("at")
            actor = try row.string("actor")
            action = try row.string("action")
            entity = try row.string("entity")
            entityID = try row.string("entity_id")
            before = row.text("before_json")
            after = row.text("after_json")
            previousHash = try row.string("previous_hash")
            hash = try row.string("hash")
        }

        init(
            sequence: Int64, at: Int64, actor: String, action: String, entity: String, entityID: String,
            before: String?, after: String?, previousHash: String
        ) {
            self.sequence = sequence
            self.at = at
            self.actor = actor
            self.action = action
            self.entity = entity
            self.entityID = entityID
            self.before = before
            self.after = after
            self.previousHash = previousHash
            self.hash = ""
            self.hash = computedHash
        }
    }

    /// Appends an entry; `before` and `after` are stored as JSON with sorted keys (nil for none).
    @discardableResult
    public static func record<Before: Encodable, After: Encodable>(
        actor: String, action: String, entity: String, id: String, before: Before?, after: After?, now: Int64,
        on db: any DBConnection
    ) throws -> Entry {
        if db.dialect == .postgres { try db.execute("SELECT pg_advisory_xact_lock(\(postgresLock))") }
        let last = try db.first("SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1")
        func json<T: Encodable>(_ value: T?) throws -> String? {
            try value.map { String(decoding: try CentralJSON.encoder.encode($0), as: UTF8.self) }
        }
        let entry = Entry(
            sequence: (last?.integer("sequence") ?? 0) + 1, at: now, actor: actor, action: action, entity: entity,
            entityID: id, before: try json(before), after: try json(after),
            previousHash: last?.text("hash") ?? origin)
        try db.execute(
            """
            INSERT INTO audit_log (sequence, at, actor, action, entity, entity_id, before_json, after_json,
                previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, .integer(entry.sequence), .integer(entry.at), .text(entry.actor), .text(entry.action),
            .text(entry.entity), .text(entry.entityID), DBValue(entry.before), DBValue(entry.after),
            .text(entry.previousHash), .text(entry.hash))
        return entry
    }

    /// Entries, newest first, optionally of one entity or one record of it.
    public static func entries(
        entity: String? = nil, id: String? = nil, limit: Int, offset: Int = 0, on db: any DBConnection
    ) throws -> [Entry] {
        try db.query(
            """
            SELECT * FROM audit_log WHERE (CAST(? AS TEXT) IS NULL OR entity = ?)
                AND (CAST(? AS TEXT) IS NULL OR entity_id = ?)
            ORDER BY sequence DESC LIMIT ? OFFSET ?
            """, DBValue(entity), DBValue(entity), DBValue(id), DBValue(id), .integer(Int64(limit)),
            .integer(Int64(offset))
        ).map(Entry.init)
    }

    /// What a walk of the chain found.
    public struct Verification: Sendable, Hashable, Codable {
        public var entries: Int64
        /// The hash of the last entry: a manager who writes it down can later tell that nothing before it changed.
        public var head: String
        /// The first entry that does not fit the chain, and why; nil when every entry fits.
        public var brokenAt: Int64?
        public var problem: String?

        public var isIntact: Bool { brokenAt == nil }
    }

    /// Walks the chain from the first entry, a thousand at a time.
    public static func verify(on db: any DBConnection) throws -> Verification {
        var previous = origin
        var expected: Int64 = 1
        var count: Int64 = 0
        while true {
            let page = try db.query(
                "SELECT * FROM audit_log WHERE sequence >= ? ORDER BY sequence LIMIT 1000", .integer(expected)
            ).map(Entry.init)
            for entry in page {
                func broken(_ problem: String) -> Verification {
                    Verification(entries: count, head: previous, brokenAt: entry.sequence, problem: problem)
                }
                if entry.sequence != expected {
                    return broken("entry \(expected) is missing: the next one is \(entry.sequence)")
                }
                if entry.previousHash != previous {
                    return broken("it does not follow entry \(expected - 1): its previous hash differs")
                }
                if entry.computedHash != entry.hash {
                    return broken("its content does not match its hash: it was changed after it was written")
                }
                previous = entry.hash
                expected += 1
                count += 1
            }
            if page.count < 1000 { break }
        }
        return Verification(entries: count, head: previous, brokenAt: nil, problem: nil)
    }
}
