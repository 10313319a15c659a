import Crypto
import Foundation

/// One entry of central's audit trail as central stores it and `GET /api/v1/audit` answers it: who changed what
/// and when, with the record before and after as JSON, chained to the entry before by its hash.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var sequence: Int64
    public var at: Int64
    /// The user's id, `manager:<id>` for a manager's token, or `system`/`cli:<name>` for changes made outside the
    /// web and API.
    public var actor: String
    public var action: String
    public var entity: String
    public var entityID: String
    public var before: String?
    public var after: String?
    public var previousHash: String
    public var hash: String

    /// The hash before the first entry.
    public static let origin = String(repeating: "0", count: 64)

    /// An entry with its hash computed.
    public init(
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

    /// SHA-256 of the entry's fields, each written as its length in UTF-8 bytes, a colon and the field (so no two
    /// different entries write the same text), and of the previous hash; lowercase hex.
    public var computedHash: String {
        let fields: [String] = [
            String(sequence), String(at), actor, action, entity, entityID, before ?? "\u{0}", after ?? "\u{0}",
            previousHash,
        ]
        let text = fields.map { "\($0.utf8.count):\($0)" }.joined()
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// A walk of the audit chain from its first entry, one entry at a time in sequence order: central walks its own
/// table, and `tallyctl verify --central` walks what the API answers, recomputing every hash itself.
public struct AuditChainWalk: Sendable {
    /// The hash of the last entry that fit.
    public private(set) var head = AuditEntry.origin
    /// How many entries fit so far.
    public private(set) var count: Int64 = 0
    /// The first entry that did not fit, and why.
    public private(set) var brokenAt: Int64?
    public private(set) var problem: String?

    public init() {}

    /// Takes the next entry; false once the chain is broken (the entry and those after it are not counted).
    @discardableResult
    public mutating func add(_ entry: AuditEntry) -> Bool {
        guard brokenAt == nil else { return false }
        let expected = count + 1
        let broken: String? =
            if entry.sequence != expected {
                "entry \(expected) is missing: the next one is \(entry.sequence)"
            } else if entry.previousHash != head {
                "it does not follow entry \(expected - 1): its previous hash differs"
            } else if entry.computedHash != entry.hash {
                "its content does not match its hash: it was changed after it was written"
            } else {
                nil
            }
        if let broken {
            brokenAt = entry.sequence
            problem = broken
            return false
        }
        head = entry.hash
        count += 1
        return true
    }

    public var verification: AuditVerification {
        AuditVerification(entries: count, head: head, brokenAt: brokenAt, problem: problem)
    }
}

/// What a walk of the chain found.
public struct AuditVerification: Sendable, Hashable, Codable {
    public var entries: Int64
    /// The hash of the last entry: a manager who writes it down can later tell that nothing before it changed.
    public var head: String
    /// The first entry that does not fit the chain, and why; nil when every entry fits.
    public var brokenAt: Int64?
    public var problem: String?

    public init(entries: Int64, head: String, brokenAt: Int64?, problem: String?) {
        self.entries = entries
        self.head = head
        self.brokenAt = brokenAt
        self.problem = problem
    }

    public var isIntact: Bool { brokenAt == nil }
}
