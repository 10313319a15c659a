import TallySync

/// A station as central knows it.
public struct CentralStation: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    /// The station's own code (`station.code`), once it has enrolled.
    public var stationCode: String?
    public var createdAt: Int64
    public var enrolledAt: Int64?
    public var revokedAt: Int64?
    /// Every event up to this sequence is applied.
    public var highestSequence: Int64
    public var lastPushAt: Int64?
}

/// Stock on hand for one item, location and lot: the sum of its movements.
public struct StockLevel: Hashable, Sendable, Codable {
    public var productID: String
    public var locationID: String
    public var lot: String
    public var quantity: Int64
    /// Flagged, never refused: offline tills sell what the books do not show.
    public var isNegative: Bool { quantity < 0 }
}

/// A record to store in the change feed: its JSON (nil removes it) and the stations it is for (nil: all).
public struct CatalogWrite: Hashable, Sendable {
    public var kind: CatalogKind
    public var key: String
    public var payload: String?
    public var audience: [String]?

    public init(kind: CatalogKind, key: String, payload: String?, audience: [String]?) {
        self.kind = kind
        self.key = key
        self.payload = payload
        self.audience = audience
    }

    /// The record's JSON and audience; central checks the record first.
    public init(_ record: CatalogRecord) throws {
        if let problem = record.problem { throw CatalogProblem(description: problem) }
        self.init(
            kind: record.kind, key: record.key,
            payload: String(decoding: try CentralJSON.encoder.encode(record), as: UTF8.self),
            audience: record.audience)
    }

    /// A removal.
    public static func removal(of kind: CatalogKind, key: String) -> CatalogWrite {
        CatalogWrite(kind: kind, key: key, payload: nil, audience: nil)
    }
}

/// A catalog record central will not store, and why.
public struct CatalogProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
}

/// One change as stored: the record's JSON as it was written (nil when removed) and the stations it is for.
public struct StoredChange: Hashable, Sendable {
    public var cursor: Int64
    public var kind: CatalogKind
    public var key: String
    public var payload: String?
    /// Station ids; nil when the record is for every station.
    public var audience: [String]?

    public init(cursor: Int64, kind: CatalogKind, key: String, payload: String?, audience: [String]?) {
        self.cursor = cursor
        self.kind = kind
        self.key = key
        self.payload = payload
        self.audience = audience
    }

    /// Audiences are stored as station ids joined by commas (ids are UUIDs, which have none).
    static func storedAudience(_ audience: [String]?) -> String? { audience?.joined(separator: ",") }

    static func audience(stored: String?) -> [String]? {
        stored.map { $0.split(separator: ",").map(String.init) }
    }
}

/// Why a push was not applied.
public enum PushError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The batch breaks the rules of the protocol: not in sequence order, an empty id, too many events.
    case invalidBatch(String)
    /// The batch contradicts what central holds: a sequence central holds under another event id, or an event
    /// id central holds under another sequence or station. Nothing of the batch was applied.
    case conflict(String, highestSequence: Int64)
    /// The station does not exist or was revoked.
    case unknownStation

    public var description: String {
        switch self {
        case .invalidBatch(let reason): reason
        case .conflict(let reason, _): reason
        case .unknownStation: "the station is not enrolled or its token was revoked"
        }
    }
}

/// Central's storage: stations and their tokens, the events they pushed, and the books projected from them.
///
/// Every engine behaves alike; ``SQLiteCentralStore`` is the default, ``PostgresCentralStore`` the one for several
/// central processes on one database. Times are milliseconds since 1970 (UTC);
/// codes and tokens arrive already hashed (``Secrets``).
public protocol CentralStore: DBAccess {
    /// Adds a station that may enrol with the code whose hash is given, until `expiresAt`.
    func createStation(name: String, codeHash: String, expiresAt: Int64, now: Int64) async throws -> CentralStation
    /// Gives a new enrolment code to a station that has not enrolled yet, or to re-enrol one (its old token
    /// stops working when the new code is used).
    func renewEnrolment(stationID: String, codeHash: String, expiresAt: Int64) async throws -> Bool
    /// Uses the code: nil when no station waits for it, it has expired or was used before.
    func enroll(codeHash: String, tokenHash: String, stationCode: String?, now: Int64) async throws -> CentralStation?
    /// The enrolled, not revoked station whose token has this hash.
    func station(tokenHash: String) async throws -> CentralStation?
    func station(id: String) async throws -> CentralStation?
    func stations() async throws -> [CentralStation]
    /// Revokes the station's token; false when there is no such station.
    func revoke(stationID: String, now: Int64) async throws -> Bool
    /// Applies a batch in one transaction, exactly once per event id. Events central already holds count as
    /// duplicates; events beyond a gap wait for the ones missing (they are not applied, and the answer's highest
    /// sequence tells the station where to resume).
    func push(stationID: String, events: [EventEnvelope], now: Int64) async throws -> PushResponse
    /// Stores catalog records in one transaction, each under a new cursor higher than every cursor before, and
    /// answers the highest. Cursors rise in commit order, also with several central processes writing at once: a
    /// station that read up to a cursor never misses a change committed later under a lower one.
    func putCatalog(_ writes: [CatalogWrite], now: Int64) async throws -> Int64
    /// The changes after `cursor`, in cursor order, at most `limit`.
    func catalogChanges(after cursor: Int64, limit: Int) async throws -> [StoredChange]
    /// The stored JSON of one record; nil when central does not hold it or it was removed.
    func catalogRecord(kind: CatalogKind, key: String) async throws -> String?
    /// The cursor of the newest change; 0 before the first.
    func highestCatalogCursor() async throws -> Int64
    /// Stock on hand per item, location and lot, optionally for one item.
    func stock(productID: String?) async throws -> [StockLevel]
    /// Whether the store answers.
    func isReady() async -> Bool

    // MARK: Managers

    /// Adds a manager whose token has this hash.
    func createManager(name: String, tokenHash: String, now: Int64) async throws -> CentralManager
    /// The manager, not revoked, whose token has this hash.
    func manager(tokenHash: String) async throws -> CentralManager?
    func managers() async throws -> [CentralManager]
    /// Revokes the manager's token; false when there is no such manager.
    func revokeManager(id: String, now: Int64) async throws -> Bool

    // MARK: Suppliers, purchase orders, goods receipts

    /// Adds or replaces a supplier; true when it was added.
    func putSupplier(_ supplier: Supplier, now: Int64) async throws -> Bool
    func supplier(id: String) async throws -> Supplier?
    /// Goods receipts, newest first, optionally of one order or only those whose order had a problem.
    func goodsReceipts(purchaseOrderID: String?, problemsOnly: Bool, limit: Int) async throws -> [GoodsReceiptReport]

    // MARK: Counts

    /// Counts with a status, oldest submission first, each line with central's expected quantity as of the count's
    /// start.
    func counts(status: CountStatus, limit: Int) async throws -> [CountReport]
    /// Decides on a count and every other submitted count of its task, in one transaction: an approval books the
    /// corrections (``CountApproval``) into movements and stock; both mark the counts and write the count-task
    /// record stations pull. Answers the record; ``ManagementError`` when the count is unknown or decided.
    func decideCount(id: String, _ decision: CountDecision, actor: String, now: Int64) async throws -> CountTaskRecord
}

/// The batch rules every engine checks before touching its tables.
enum PushRules {
    static func check(_ events: [EventEnvelope]) throws(PushError) {
        if events.count > SyncAPI.maximumBatch {
            throw .invalidBatch("a push may carry at most \(SyncAPI.maximumBatch) events, not \(events.count)")
        }
        var previous: Int64 = 0
        for event in events {
            if event.id.isEmpty || event.id.utf8.count > 64 {
                throw .invalidBatch(
                    "event ids must have 1 to 64 characters; event \(event.sequence) has \(event.id.utf8.count)")
            }
            if event.sequence < 1 { throw .invalidBatch("sequences start at 1; got \(event.sequence)") }
            if event.sequence <= previous {
                throw .invalidBatch(
                    "events must be in rising sequence order; \(event.sequence) follows \(previous)")
            }
            previous = event.sequence
        }
    }
}
