import TallyCore

/// What a lane shows its operator: mode, basket or return in progress, and the last refused scan. The local
/// API serves it as JSON; amounts are minor units with the currency beside them.
public struct LaneSnapshot: Codable, Hashable, Sendable {
    public struct Line: Codable, Hashable, Sendable {
        public var number: Int
        public var name: String
        public var code: String
        public var unit: String
        public var quantity: Int64
        public var unitPrice: Int64
        public var amount: Int64
        public var voided: Bool
    }

    public struct Tender: Codable, Hashable, Sendable {
        public var kind: String
        public var tendered: Int64
        public var applied: Int64
        public var change: Int64
        public var reference: String?
    }

    public struct Basket: Codable, Hashable, Sendable {
        public var id: String
        public var lines: [Line]
        public var tenders: [Tender]
        public var total: Int64
        public var paid: Int64
        public var remaining: Int64
        public var pendingQuantity: Int64?
        public var awaitingPriceFor: String?
    }

    public struct ReturnLine: Codable, Hashable, Sendable {
        public var number: Int
        public var name: String
        public var sold: Int64
        public var alreadyReturned: Int64
        public var selected: Int64
        public var disposition: String?
    }

    public struct Return: Codable, Hashable, Sendable {
        public var receipt: String
        public var lines: [ReturnLine]
        public var refund: Int64
        public var disposition: String
    }

    public struct Rejection: Codable, Hashable, Sendable {
        public var scanID: String
        public var input: String
        public var reason: String
    }

    public var lane: String
    public var mode: String
    public var currency: String
    public var basket: Basket?
    public var `return`: Return?
    public var lastRejection: Rejection?
    public var lastReceipt: Int?
    public var lastMessage: String?
}

extension LaneSnapshot.Line {
    init(_ line: SaleLine) {
        self.init(
            number: line.number, name: line.name, code: line.code, unit: line.unit.rawValue, quantity: line.quantity,
            unitPrice: line.unitPrice.minorUnits, amount: line.amount.minorUnits, voided: line.isVoided)
    }
}

extension LaneSnapshot.Tender {
    init(_ tender: SaleTender) {
        self.init(
            kind: tender.kind.rawValue, tendered: tender.tendered.minorUnits, applied: tender.applied.minorUnits,
            change: tender.change.minorUnits, reference: tender.reference)
    }
}
