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

    /// One line of a goods receipt: an order line, or goods the order did not list.
    public struct ReceivingLine: Codable, Hashable, Sendable {
        /// The purchase order's line number; nil for goods the order did not list.
        public var orderLine: Int?
        public var productID: String?
        public var name: String
        /// Pieces, or grams for items sold by weight.
        public var ordered: Int64
        /// Received in good condition.
        public var received: Int64
        public var damaged: Int64
        /// Ordered and not yet received (never below zero).
        public var open: Int64
        /// `open`, `complete`, `short` (closed with some open), `over`, `unexpected` or `wrong-item`.
        public var status: String
        /// Lots received on this line, with their expiry dates (`YYYY-MM-DD`) when known.
        public var lots: [ReceivedLot]
    }

    public struct ReceivedLot: Codable, Hashable, Sendable {
        public var lot: String
        public var expiry: String?
        public var quantity: Int64
    }

    /// A goods receipt in progress at a dock.
    public struct Receiving: Codable, Hashable, Sendable {
        public var receiptID: String
        /// The purchase order's number, or nil for a delivery received without one.
        public var order: String?
        public var supplier: String?
        /// Where the goods go.
        public var location: String
        public var lines: [ReceivingLine]
        public var ordered: Int64
        public var received: Int64
        public var open: Int64
        /// SSCCs of the pallets received whole.
        public var pallets: [String]
        public var pendingQuantity: Int64?
        /// `good`, or `damaged` after a damaged-goods card: the next scans are recorded as damaged.
        public var condition: String
    }

    /// One item counted, without what the books expect: counts are blind.
    public struct CountLine: Codable, Hashable, Sendable {
        public var productID: String
        public var name: String
        public var lot: String
        public var counted: Int64
    }

    /// A count in progress.
    public struct Count: Codable, Hashable, Sendable {
        public var countID: String
        /// The count task from central, nil for a count started here.
        public var taskID: String?
        public var location: String?
        public var lines: [CountLine]
        /// Pieces (and grams) counted so far.
        public var counted: Int64
        public var pendingQuantity: Int64?
        /// Set when the variance was too large at submission: count the location again, then submit.
        public var recount: Bool
        /// The warning of the last scan, such as the same item scanned twice in quick succession.
        public var warning: String?
    }

    public var lane: String
    public var mode: String
    public var currency: String
    public var basket: Basket?
    public var `return`: Return?
    public var receiving: Receiving?
    public var count: Count?
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
