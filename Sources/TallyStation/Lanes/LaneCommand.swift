import TallyCore
import TallySync

/// What an operator asks of a lane without scanning: through the local API or `tallyctl`.
public enum LaneCommand: Hashable, Sendable {
    case tender(TenderRequest)
    case quantity(Int64)
    case voidLine(number: Int?)
    case voidBasket
    case cancel
    /// Price the unknown item waiting for one; the operator proves who they are with their PIN.
    case enterPrice(Money, operatorID: String, pin: String)
    case mode(WorkflowMode)
    /// Return mode: take back a receipt line (nil quantity: all that is still open).
    case selectReturnLine(number: Int, quantity: Int64?)
    case unselectReturnLine(number: Int)
    case returnDisposition(StockDisposition)
    /// Return mode: pay the refund, which completes the return.
    case refund(kind: TenderKind, reference: String?)
    /// Finish the current step: close the goods receipt, submit the count.
    case done
    /// Receive mode: receive against the purchase order with this number.
    case receive(order: String)
    /// Receive mode: the next goods scanned arrived damaged.
    case damaged
    /// Receive mode: why a line the order does not list came (`unexpected` or `wrong-item`).
    case receivingReason(line: Int, reason: StockReason)
    /// Damage, write-off, found stock or a transfer between locations, signed with an operator's PIN.
    case adjust(AdjustmentRequest)
}

/// Why a command or scan could not be carried out for reasons other than the workflow's rules.
public enum StationError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownLane(String, known: [String])
    case wrongMode(expected: WorkflowMode, actual: WorkflowMode)
    case noReturnInProgress
    case operatorNotRecognised
    case scanIDReused(String)

    public var description: String {
        switch self {
        case .unknownLane(let lane, let known):
            "there is no lane \(lane.debugDescription); lanes are \(known.joined(separator: ", "))"
        case .wrongMode(let expected, let actual):
            "the lane is in \(actual.rawValue) mode; this needs \(expected.rawValue) mode"
        case .noReturnInProgress: "no return is in progress: scan the receipt first"
        case .operatorNotRecognised: "operator or PIN not recognised"
        case .scanIDReused(let id): "scan id \(id) was already used for another scan; make a new id for each scan"
        }
    }
}
