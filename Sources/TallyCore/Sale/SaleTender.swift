/// One payment towards a sale, or one refund of a return.
public struct SaleTender: Hashable, Sendable {
    public let kind: TenderKind
    /// What the customer handed over (cash), or what the terminal charged.
    public let tendered: Money
    /// The part of ``tendered`` that pays the sale: `tendered − change`.
    public let applied: Money
    /// Cash handed back.
    public let change: Money
    /// A card terminal's approval or transaction reference, a customer account number, a voucher number.
    public let reference: String?

    public init(kind: TenderKind, tendered: Money, applied: Money, change: Money, reference: String?) {
        self.kind = kind
        self.tendered = tendered
        self.applied = applied
        self.change = change
        self.reference = reference
    }
}

/// A request to pay: the kind, the amount (nil: whatever is still due) and the terminal's reference.
public struct TenderRequest: Hashable, Sendable {
    public let kind: TenderKind
    public let amount: Money?
    public let reference: String?

    public init(kind: TenderKind, amount: Money? = nil, reference: String? = nil) {
        self.kind = kind
        self.amount = amount
        self.reference = reference
    }
}

/// Somebody working at a station, and the role that decides what they may do.
public struct Operator: Hashable, Sendable {
    public let id: String
    public let name: String
    public let role: String

    public init(id: String, name: String, role: String) {
        self.id = id
        self.name = name
        self.role = role
    }
}
