/// The sync API between a station and central, version 1: its paths and the messages on them.
///
/// A station enrols once with a one-time code and gets a token; every later request carries the token as
/// `Authorization: Bearer …`, and central takes the station from the token alone. Events go up in ordered batches
/// (`POST /sync/v1/events`); central answers with the highest sequence it holds for the station, so the station
/// knows what it may stop sending. The catalog and plans come down as changes since a cursor
/// (`GET /sync/v1/changes`, ``ChangesPage``).
public enum SyncAPI {
    public static let enrollPath = "/sync/v1/enroll"
    public static let eventsPath = "/sync/v1/events"
    public static let statusPath = "/sync/v1/status"
    /// Changes since a cursor: `GET /sync/v1/changes?after=N&limit=M` answers a ``ChangesPage``.
    public static let changesPath = "/sync/v1/changes"
    /// The most events one push may carry.
    public static let maximumBatch = 500
    /// The changes a page holds unless the station asks for fewer, and the most it may ask for.
    public static let defaultPageSize = 5000
    public static let maximumPageSize = 20000
}

/// A station trading its one-time enrolment code for a token.
public struct EnrollRequest: Codable, Hashable, Sendable {
    /// The code central's operator was given for the station, such as `K7QM-2XHD-94TA`.
    public var code: String
    /// The station's own code from its configuration (`station.code`), kept by central for display.
    public var stationCode: String?

    public init(code: String, stationCode: String?) {
        self.code = code
        self.stationCode = stationCode
    }
}

/// The token a station enrolled with, shown once: central keeps only its hash.
public struct EnrollResponse: Codable, Hashable, Sendable {
    public var stationID: String
    public var name: String
    public var token: String

    public init(stationID: String, name: String, token: String) {
        self.stationID = stationID
        self.name = name
        self.token = token
    }
}

/// One event of a station's outbox as it travels: its id (a UUID made on the station), its place in the
/// station's gapless sequence, when it happened (milliseconds since 1970, UTC, the station's clock) and what.
public struct EventEnvelope: Codable, Hashable, Sendable {
    public var id: String
    public var sequence: Int64
    public var createdAt: Int64
    public var event: StationEvent

    public init(id: String, sequence: Int64, createdAt: Int64, event: StationEvent) {
        self.id = id
        self.sequence = sequence
        self.createdAt = createdAt
        self.event = event
    }

    enum CodingKeys: String, CodingKey {
        case id, sequence, createdAt, type, payload
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        sequence = try container.decode(Int64.self, forKey: .sequence)
        createdAt = try container.decode(Int64.self, forKey: .createdAt)
        let typeName = try container.decode(String.self, forKey: .type)
        guard let type = StationEventType(rawValue: typeName) else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "unknown event type \(typeName); known: "
                    + StationEventType.allCases.map(\.rawValue).joined(separator: ", "))
        }
        switch type {
        case .saleCompleted:
            event = .saleCompleted(try container.decode(SaleCompletedPayload.self, forKey: .payload))
        case .basketVoided:
            event = .basketVoided(try container.decode(BasketVoidedPayload.self, forKey: .payload))
        case .returnCompleted:
            event = .returnCompleted(try container.decode(ReturnCompletedPayload.self, forKey: .payload))
        case .periodClosed:
            event = .periodClosed(try container.decode(PeriodClosedPayload.self, forKey: .payload))
        case .goodsReceived:
            event = .goodsReceived(try container.decode(GoodsReceivedPayload.self, forKey: .payload))
        case .countSubmitted:
            event = .countSubmitted(try container.decode(CountSubmittedPayload.self, forKey: .payload))
        case .stockAdjusted:
            event = .stockAdjusted(try container.decode(StockAdjustedPayload.self, forKey: .payload))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(event.type.rawValue, forKey: .type)
        switch event {
        case .saleCompleted(let payload): try container.encode(payload, forKey: .payload)
        case .basketVoided(let payload): try container.encode(payload, forKey: .payload)
        case .returnCompleted(let payload): try container.encode(payload, forKey: .payload)
        case .periodClosed(let payload): try container.encode(payload, forKey: .payload)
        case .goodsReceived(let payload): try container.encode(payload, forKey: .payload)
        case .countSubmitted(let payload): try container.encode(payload, forKey: .payload)
        case .stockAdjusted(let payload): try container.encode(payload, forKey: .payload)
        }
    }
}

/// What a station reports, by type.
public enum StationEvent: Hashable, Sendable {
    case saleCompleted(SaleCompletedPayload)
    case basketVoided(BasketVoidedPayload)
    case returnCompleted(ReturnCompletedPayload)
    case periodClosed(PeriodClosedPayload)
    case goodsReceived(GoodsReceivedPayload)
    case countSubmitted(CountSubmittedPayload)
    case stockAdjusted(StockAdjustedPayload)

    public var type: StationEventType {
        switch self {
        case .saleCompleted: .saleCompleted
        case .basketVoided: .basketVoided
        case .returnCompleted: .returnCompleted
        case .periodClosed: .periodClosed
        case .goodsReceived: .goodsReceived
        case .countSubmitted: .countSubmitted
        case .stockAdjusted: .stockAdjusted
        }
    }
}

/// A batch of events in sequence order, the first following what central last acknowledged.
public struct PushRequest: Codable, Hashable, Sendable {
    public var events: [EventEnvelope]

    public init(events: [EventEnvelope]) {
        self.events = events
    }
}

/// Central's answer to a push: the highest sequence it now holds for the station (every event up to it is
/// applied, exactly once), and how many of the batch were new and how many it already had.
public struct PushResponse: Codable, Hashable, Sendable {
    public var highestSequence: Int64
    public var applied: Int
    public var duplicates: Int

    public init(highestSequence: Int64, applied: Int, duplicates: Int) {
        self.highestSequence = highestSequence
        self.applied = applied
        self.duplicates = duplicates
    }
}

/// What central knows of the station asking.
public struct SyncStatus: Codable, Hashable, Sendable {
    public var stationID: String
    public var name: String
    public var highestSequence: Int64

    public init(stationID: String, name: String, highestSequence: Int64) {
        self.stationID = stationID
        self.name = name
        self.highestSequence = highestSequence
    }
}

/// An error answer: what went wrong in words, and for sync conflicts the sequence central holds.
public struct SyncProblem: Codable, Hashable, Sendable, Error {
    public var error: String
    public var highestSequence: Int64?

    public init(error: String, highestSequence: Int64? = nil) {
        self.error = error
        self.highestSequence = highestSequence
    }
}
