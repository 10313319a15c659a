import TallyCore

/// Where a scan came from.
public enum ScanSource: String, Hashable, Sendable, CaseIterable, Codable {
    /// The local HTTP API (`POST /scans`, `tallyctl scan`).
    case api
    /// Lines on the daemon's standard input.
    case stdin
    /// A replay file of recorded scans.
    case replay
    /// A keyboard-wedge scanner read through evdev.
    case evdev
    /// A line typed at human speed on a keyboard given to a lane (a scanner's bursts on it are `evdev`).
    case keyboard
    /// A barcode decoded from an image.
    case image
}

/// A scan exactly as it arrived, and what the station made of it, for the raw scan journal.
public struct JournaledScan: Hashable, Sendable {
    public let id: String
    public let lane: String
    public let source: ScanSource
    /// The device path, file name or API client that delivered it.
    public let device: String?
    public let receivedAt: Int64
    public let bytes: [UInt8]
    /// What the scan is (gtin, gs1, restricted, tally, text), when it could be read.
    public var kind: String?
    public var accepted: Bool
    /// Why it was refused, in the words shown to the operator.
    public var reason: String?
    /// The sale, return or report it went into.
    public var documentID: String?

    public init(
        id: String, lane: String, source: ScanSource, device: String?, receivedAt: Int64, bytes: [UInt8],
        kind: String? = nil, accepted: Bool = true, reason: String? = nil, documentID: String? = nil
    ) {
        self.id = id
        self.lane = lane
        self.source = source
        self.device = device
        self.receivedAt = receivedAt
        self.bytes = bytes
        self.kind = kind
        self.accepted = accepted
        self.reason = reason
        self.documentID = documentID
    }
}
