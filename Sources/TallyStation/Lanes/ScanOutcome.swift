/// What became of one scan or operator command, as the API answers it.
public struct ScanOutcome: Codable, Hashable, Sendable {
    /// The scan's id in the raw journal; nil for a command that was no scan.
    public var scanID: String?
    public var accepted: Bool
    /// Why it was refused, for the operator.
    public var reason: String?
    /// What happened, for the operator: "Milk 1 l  1.19", "change 0.81", "receipt 42".
    public var message: String?
    /// The receipt number of the sale or return it completed.
    public var receiptNumber: Int?
    public var lane: LaneSnapshot
}
