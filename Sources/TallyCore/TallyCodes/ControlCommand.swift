/// What a printed control card tells a station, so that every step of a workflow can be driven by scanning.
public enum ControlCommand: Hashable, Sendable {
    /// Switch the lane to a workflow.
    case mode(WorkflowMode)
    /// Multiply the next scanned item by this quantity, 1 to 9999.
    case quantity(Int)
    /// Remove the last line of the basket, receipt or count.
    case voidLine
    /// Remove the whole basket.
    case voidBasket
    /// Finish the current step: close a receipt, submit a count.
    case done
    /// Abandon the current step.
    case cancel
    /// Pay the open basket with this kind of tender.
    case tender(TenderKind)
    /// At the dock: the next goods scanned arrived damaged.
    case damaged

    /// The largest quantity a card may carry; more is keyed, never scanned by accident.
    public static let maximumQuantity = 9999

    /// The fields between `TLC-` and the check characters.
    var text: String {
        switch self {
        case .mode(let mode): "MODE-\(mode.rawValue)"
        case .quantity(let count): "QTY-\(count)"
        case .voidLine: "VOID"
        case .voidBasket: "VOID-ALL"
        case .done: "DONE"
        case .cancel: "CANCEL"
        case .tender(let kind): "TENDER-\(kind.rawValue)"
        case .damaged: "DAMAGED"
        }
    }

    init(fields: [String]) throws(TallyCodeError) {
        switch (fields.first, fields.count) {
        case ("MODE", 2):
            guard let mode = WorkflowMode(rawValue: fields[1]) else {
                throw .malformed(
                    "unknown mode \(fields[1]); modes are "
                        + WorkflowMode.allCases.map(\.rawValue).joined(separator: ", "))
            }
            self = .mode(mode)
        case ("QTY", 2):
            guard (1...4).contains(fields[1].count), fields[1].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                let count = Int(fields[1]), (1...ControlCommand.maximumQuantity).contains(count)
            else { throw .malformed("a quantity card carries 1 to \(ControlCommand.maximumQuantity)") }
            self = .quantity(count)
        case ("VOID", 1): self = .voidLine
        case ("VOID", 2) where fields[1] == "ALL": self = .voidBasket
        case ("DONE", 1): self = .done
        case ("CANCEL", 1): self = .cancel
        case ("DAMAGED", 1): self = .damaged
        case ("TENDER", 2):
            guard let kind = TenderKind(rawValue: fields[1]) else {
                throw .malformed(
                    "unknown tender \(fields[1]); tenders are "
                        + TenderKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            self = .tender(kind)
        default:
            throw .malformed("unknown control card \(fields.joined(separator: "-"))")
        }
    }
}

/// The workflows a station lane can be in.
public enum WorkflowMode: String, Hashable, Sendable, CaseIterable {
    case sale = "SALE"
    case `return` = "RETURN"
    case receive = "RECEIVE"
    case count = "COUNT"
    /// Look up an item's price without selling it.
    case priceCheck = "PRICE"
}

/// The kinds of tender a control card can choose.
public enum TenderKind: String, Hashable, Sendable, CaseIterable {
    case cash = "CASH"
    case card = "CARD"
    case account = "ACCOUNT"
    case other = "OTHER"
}
