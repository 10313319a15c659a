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
/// Every engine behaves alike; ``SQLiteCentralStore`` is the default. Times are milliseconds since 1970 (UTC);
/// codes and tokens arrive already hashed (``Secrets``).
public protocol CentralStore: Sendable {
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
    /// Stock on hand per item, location and lot, optionally for one item.
    func stock(productID: String?) async throws -> [StockLevel]
    /// Whether the store answers.
    func isReady() async -> Bool
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
