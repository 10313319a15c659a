/// The stock facts of the dock and the stockroom a station reports: goods received, counts submitted, and
/// adjustments and transfers. Quantities are pieces, or grams for items sold by weight; times are milliseconds
/// since 1970 (UTC, the station's clock); dates are `YYYY-MM-DD`.

/// Why a goods-receipt line differs from the order, or why stock was adjusted: the reason codes stations record
/// and central reports on.
public enum StockReason: String, Codable, Hashable, Sendable, CaseIterable {
    // Receiving
    /// Delivered less than ordered; what is still open stays on the order as a backorder.
    case short
    /// Delivered more than ordered, within the supplier's tolerance.
    case over
    /// Arrived damaged: booked into the damaged-goods location, not counted against the order.
    case damaged
    /// Another item than the one ordered (a substitution).
    case wrongItem = "wrong-item"
    /// An item the order does not list.
    case unexpected
    /// A barcode the catalog does not know: recorded for the back office, no stock booked.
    case unknownItem = "unknown-item"
    // Adjustments
    case broken
    case expired
    case spoiled
    case theft
    case lost
    case sample
    /// Stock found that the books did not hold.
    case found
    /// Moved between locations.
    case relocation
    case other

    /// The reasons that explain a goods-receipt line.
    public static let receiving: [StockReason] = [.short, .over, .damaged, .wrongItem, .unexpected, .unknownItem]

    /// The reasons each kind of adjustment may give.
    public static func allowed(for kind: AdjustmentKind) -> [StockReason] {
        switch kind {
        case .damage: [.broken, .expired, .spoiled, .other]
        case .writeOff: [.theft, .lost, .expired, .sample, .other]
        case .found: [.found, .other]
        case .transfer: [.relocation, .other]
        }
    }
}

/// One line of a goods receipt as central sees it.
public struct GoodsReceiptLinePayload: Codable, Hashable, Sendable {
    /// The purchase order's line this fulfils, nil for goods the order does not list.
    public var orderLine: Int?
    /// Nil for a barcode the catalog does not know.
    public var productID: String?
    /// The code scanned (GTIN or other).
    public var code: String
    public var lot: String
    /// Best-before or expiry date from the label, `YYYY-MM-DD`.
    public var expiry: String?
    public var quantity: Int64
    /// `good` or `damaged`.
    public var condition: String
    /// Set when the line differs from the order: over, damaged, wrong-item, unexpected or unknown-item.
    public var reason: StockReason?
    /// The pallet (SSCC) the goods came on, when its label was scanned.
    public var sscc: String?

    public init(
        orderLine: Int?, productID: String?, code: String, lot: String, expiry: String?, quantity: Int64,
        condition: String, reason: StockReason?, sscc: String?
    ) {
        self.orderLine = orderLine
        self.productID = productID
        self.code = code
        self.lot = lot
        self.expiry = expiry
        self.quantity = quantity
        self.condition = condition
        self.reason = reason
        self.sscc = sscc
    }
}

/// How one order line stood when the receipt was closed.
public struct GoodsReceiptOrderLinePayload: Codable, Hashable, Sendable {
    public var orderLine: Int
    public var productID: String
    public var ordered: Int64
    /// Received in good condition by this receipt.
    public var received: Int64
    /// Still open after this receipt and the ones before it (a backorder when positive).
    public var open: Int64
    /// `short` when some is still open, `over` when more came than ordered, nil when it matches.
    public var reason: StockReason?

    public init(
        orderLine: Int, productID: String, ordered: Int64, received: Int64, open: Int64, reason: StockReason?
    ) {
        self.orderLine = orderLine
        self.productID = productID
        self.ordered = ordered
        self.received = received
        self.open = open
        self.reason = reason
    }
}

/// A goods receipt closed at a dock: what arrived, how the order stands, and the stock it booked.
public struct GoodsReceivedPayload: Codable, Hashable, Sendable {
    public var receiptID: String
    /// The purchase order received against; nil for a delivery without one.
    public var purchaseOrderID: String?
    public var purchaseOrderNumber: String?
    public var lane: String
    /// Where good goods were booked.
    public var locationID: String
    public var openedAt: Int64
    public var closedAt: Int64
    public var lines: [GoodsReceiptLinePayload]
    public var orderLines: [GoodsReceiptOrderLinePayload]
    /// Whether the order still has open quantities after this receipt.
    public var backorder: Bool
    public var movements: [MovementPayload]

    public init(
        receiptID: String, purchaseOrderID: String?, purchaseOrderNumber: String?, lane: String, locationID: String,
        openedAt: Int64, closedAt: Int64, lines: [GoodsReceiptLinePayload],
        orderLines: [GoodsReceiptOrderLinePayload], backorder: Bool, movements: [MovementPayload]
    ) {
        self.receiptID = receiptID
        self.purchaseOrderID = purchaseOrderID
        self.purchaseOrderNumber = purchaseOrderNumber
        self.lane = lane
        self.locationID = locationID
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.lines = lines
        self.orderLines = orderLines
        self.backorder = backorder
        self.movements = movements
    }
}

/// One item and lot of a submitted count.
public struct CountLinePayload: Codable, Hashable, Sendable {
    public var productID: String
    /// The lot counted; empty when the product was counted without lots (its plain barcode scanned), in which
    /// case the line stands for all the product's lots at the location, and a correction is booked on lot "".
    public var lot: String
    /// What the stocktakers counted (the recount's figure when there was one).
    public var counted: Int64
    /// What the station's ledger held at the location when the count started.
    public var expected: Int64
    /// The first count, when the variance asked for a recount.
    public var firstCount: Int64?

    public init(productID: String, lot: String, counted: Int64, expected: Int64, firstCount: Int64?) {
        self.productID = productID
        self.lot = lot
        self.counted = counted
        self.expected = expected
        self.firstCount = firstCount
    }
}

/// A count submitted at a station, waiting for a manager's approval at central. Nothing moves stock until then.
public struct CountSubmittedPayload: Codable, Hashable, Sendable {
    public var countID: String
    /// The count task from central, nil for a count started at the station.
    public var taskID: String?
    /// The location counted; nil for a count of items wherever they are.
    public var locationID: String?
    /// The products the count covers: for a location count, every product counted or held there.
    public var lines: [CountLinePayload]
    /// When counting started: the variance is measured against the ledger as of this moment, so sales during
    /// the count do not spoil it.
    public var startedAt: Int64
    public var submittedAt: Int64
    /// The lanes (stocktakers) that counted.
    public var lanes: [String]
    /// Whether a recount was asked for and done.
    public var recounted: Bool

    public init(
        countID: String, taskID: String?, locationID: String?, lines: [CountLinePayload], startedAt: Int64,
        submittedAt: Int64, lanes: [String], recounted: Bool
    ) {
        self.countID = countID
        self.taskID = taskID
        self.locationID = locationID
        self.lines = lines
        self.startedAt = startedAt
        self.submittedAt = submittedAt
        self.lanes = lanes
        self.recounted = recounted
    }
}

/// What an adjustment does.
public enum AdjustmentKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// Damaged stock moved out of sellable stock into the damaged-goods location.
    case damage
    /// Stock gone: taken off the books.
    case writeOff = "write-off"
    /// Stock found that the books did not hold.
    case found
    /// Moved from one location to another: two legs, out of one and into the other.
    case transfer
}

/// An adjustment or transfer made at a station, with the movements it booked.
public struct StockAdjustedPayload: Codable, Hashable, Sendable {
    public var adjustmentID: String
    public var kind: AdjustmentKind
    public var reason: StockReason
    public var note: String?
    public var lane: String
    /// The operator who made it, when one signed it with a PIN.
    public var operatorID: String?
    public var at: Int64
    public var movements: [MovementPayload]

    public init(
        adjustmentID: String, kind: AdjustmentKind, reason: StockReason, note: String?, lane: String,
        operatorID: String?, at: Int64, movements: [MovementPayload]
    ) {
        self.adjustmentID = adjustmentID
        self.kind = kind
        self.reason = reason
        self.note = note
        self.lane = lane
        self.operatorID = operatorID
        self.at = at
        self.movements = movements
    }
}
