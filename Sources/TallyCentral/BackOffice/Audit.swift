import Foundation
import TallyCore
import TallySync

/// The back office's audit trail: who changed what, when, with the record before and after, one entry per change,
/// written in the same transaction as the change.
///
/// Entries form a hash chain: each entry's hash covers its own fields and the hash of the entry before, so an entry
/// changed, removed or inserted afterwards breaks every hash from there on. ``verify(on:)`` (and `tallyctl verify`)
/// walks the chain.
public enum Audit {
    /// The hash before the first entry.
    public static let origin = AuditEntry.origin

    /// Advisory lock key that makes entries from several central processes follow one another.
    static let postgresLock: Int64 = 0x74_61_6C_6C_79_00_00_03

    public typealias Entry = AuditEntry
    public typealias Verification = AuditVerification

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
        ).map(Entry.init(row:))
    }

    /// Walks the chain from the first entry, a thousand at a time.
    public static func verify(on db: any DBConnection) throws -> Verification {
        var walk = AuditChainWalk()
        var after: Int64 = 0
        while true {
            let page = try entries(after: after, limit: 1000, on: db)
            for entry in page where !walk.add(entry) { return walk.verification }
            guard let last = page.last, page.count == 1000 else { break }
            after = last.sequence
        }
        return walk.verification
    }

    /// Entries in sequence order from the one after `after`.
    public static func entries(after: Int64, limit: Int, on db: any DBConnection) throws -> [Entry] {
        try db.query(
            "SELECT * FROM audit_log WHERE sequence > ? ORDER BY sequence LIMIT ?", .integer(after),
            .integer(Int64(limit))
        ).map(Entry.init(row:))
    }
}

extension AuditEntry {
    init(row: DBRow) throws {
        self.init(
            sequence: try row.int("sequence"), at: try row.int("at"), actor: try row.string("actor"),
            action: try row.string("action"), entity: try row.string("entity"), entityID: try row.string("entity_id"),
            before: row.text("before_json"), after: row.text("after_json"),
            previousHash: try row.string("previous_hash"))
        hash = try row.string("hash")
    }
}
