import TallySync

/// A purchase order as the dock receives against it: its lines with what earlier receipts already brought.
struct ReceivingOrder: Hashable, Sendable {
    struct Line: Hashable, Sendable {
        let number: Int
        let productID: String
        let name: String
        let ordered: Int64
        /// Received in good condition by earlier receipts (central's count, plus this station's receipts
        /// central has not counted yet).
        let previouslyReceived: Int64
    }

    let id: String
    let number: String
    let supplierName: String
    let status: String
    let locationID: String
    let overTolerancePercent: Int
    let lines: [Line]
    let pallets: [PalletRecord]

    /// The most an order line may bring in all, with the supplier's tolerance.
    func allowed(_ line: Line) -> Int64 {
        line.ordered + line.ordered * Int64(overTolerancePercent) / 100
    }
}

/// What a scan at the dock names: a product of the catalog, or a code the catalog does not know.
struct ReceivedItem: Hashable, Sendable {
    let productID: String?
    let name: String
    let code: String
}

/// One scan's worth of goods in a receipt in progress.
struct ReceiptEntry: Hashable, Sendable {
    enum Condition: String, Hashable, Sendable {
        case good, damaged
    }

    let number: Int
    let orderLine: Int?
    let productID: String?
    let name: String
    let code: String
    let lot: String
    let expiry: String?
    let quantity: Int64
    let condition: Condition
    var reason: StockReason?
    let sscc: String?
    var voided: Bool = false
}

/// What a dock clerk does to a receipt in progress.
enum ReceivingInput: Hashable, Sendable {
    /// Goods scanned: `count` from the label's (30) or (37), else one; `sscc` when a pallet label carried them.
    case item(ReceivedItem, lot: String, expiry: String?, count: Int64?, sscc: String?)
    /// A pallet's SSCC on its own: the order's announced contents of that pallet arrive.
    case pallet(sscc: String)
    case quantity(Int64)
    /// The next goods scanned are damaged.
    case damaged
    /// Change why a line the order did not list came: `unexpected` or `wrong-item`.
    case reason(line: Int, StockReason)
    case voidLine(number: Int?)
}

/// Why the dock cannot take a scan or command.
struct ReceivingError: Error, Hashable, CustomStringConvertible {
    let description: String
}

/// A goods receipt at a dock, against a purchase order or without one, as a state machine with no I/O: each
/// input changes the receipt or is refused with a reason, and closing it gives the event for central with the
/// stock movements to book. Good goods go into the order's receiving location, damaged goods into the
/// damaged-goods location; neither happens before the receipt is closed.
struct ReceivingWorkflow: Hashable, Sendable {
    let receiptID: String
    let order: ReceivingOrder?
    /// Where good goods are booked.
    let locationID: String
    let openedAt: Int64
    private(set) var entries: [ReceiptEntry] = []
    private(set) var pendingQuantity: Int64?
    private(set) var nextCondition: ReceiptEntry.Condition = .good

    init(receiptID: String, order: ReceivingOrder?, locationID: String, openedAt: Int64, entries: [ReceiptEntry] = []) {
        self.receiptID = receiptID
        self.order = order
        self.locationID = order?.locationID ?? locationID
        self.openedAt = openedAt
        self.entries = entries
    }

    /// The largest quantity one scan may bring, as at the till.
    static let maximumQuantity: Int64 = 99_999

    /// Applies one input; answers the entries it added or changed, for the caller to store.
    mutating func handle(_ input: ReceivingInput) throws(ReceivingError) -> [ReceiptEntry] {
        switch input {
        case .quantity(let count):
            guard (1...Self.maximumQuantity).contains(count) else {
                throw ReceivingError(description: "a quantity is 1 to \(Self.maximumQuantity)")
            }
            pendingQuantity = count
            return []
        case .damaged:
            nextCondition = .damaged
            return []
        case .item(let item, let lot, let expiry, let count, let sscc):
            let quantity = (pendingQuantity ?? 1) * (count ?? 1)
            guard quantity > 0, quantity <= Self.maximumQuantity * 100 else {
                throw ReceivingError(description: "a quantity of \(quantity) is more than one scan may bring")
            }
            let entry = try entry(for: item, lot: lot, expiry: expiry, quantity: quantity, sscc: sscc)
            entries.append(entry)
            pendingQuantity = nil
            nextCondition = .good
            return [entry]
        case .pallet(let sscc):
            guard let order else {
                throw ReceivingError(description: "pallet \(sscc) can only be received whole against its order")
            }
            guard let pallet = order.pallets.first(where: { $0.sscc == sscc }) else {
                throw ReceivingError(
                    description: "pallet \(sscc) is not announced on order \(order.number): scan the goods on it")
            }
            guard !entries.contains(where: { $0.sscc == sscc && !$0.voided }) else {
                throw ReceivingError(description: "pallet \(sscc) is already in this receipt")
            }
            var added: [ReceiptEntry] = []
            var trial = self
            for content in pallet.contents {
                let name = order.lines.first { $0.productID == content.productID }?.name ?? content.productID
                let item = ReceivedItem(productID: content.productID, name: name, code: sscc)
                let entry = try trial.entry(
                    for: item, lot: content.lot ?? "", expiry: content.expiry, quantity: content.quantity, sscc: sscc)
                trial.entries.append(entry)
                added.append(entry)
            }
            self = trial
            pendingQuantity = nil
            nextCondition = .good
            return added
        case .reason(let number, let reason):
            guard let index = entries.firstIndex(where: { $0.number == number && !$0.voided }) else {
                throw ReceivingError(description: "the receipt has no line \(number)")
            }
            guard entries[index].orderLine == nil, entries[index].productID != nil,
                [.unexpected, .wrongItem].contains(reason)
            else {
                throw ReceivingError(
                    description: "only a line the order does not list can be marked unexpected or wrong-item")
            }
            entries[index].reason = reason
            return [entries[index]]
        case .voidLine(let number):
            let index =
                if let number {
                    entries.firstIndex { $0.number == number && !$0.voided }
                } else {
                    entries.lastIndex { !$0.voided }
                }
            guard let index else {
                throw ReceivingError(
                    description: number.map { "the receipt has no line \($0) to void" } ?? "nothing to void")
            }
            entries[index].voided = true
            return [entries[index]]
        }
    }

    /// The entry a scan makes, checked against the order and its tolerance.
    private func entry(
        for item: ReceivedItem, lot: String, expiry: String?, quantity: Int64, sscc: String?
    ) throws(ReceivingError) -> ReceiptEntry {
        let number = (entries.last?.number ?? 0) + 1
        let condition = nextCondition
        guard let productID = item.productID else {
            return ReceiptEntry(
                number: number, orderLine: nil, productID: nil, name: item.name, code: item.code, lot: lot,
                expiry: expiry, quantity: quantity, condition: condition, reason: .unknownItem, sscc: sscc)
        }
        guard let order else {
            return ReceiptEntry(
                number: number, orderLine: nil, productID: productID, name: item.name, code: item.code, lot: lot,
                expiry: expiry, quantity: quantity, condition: condition,
                reason: condition == .damaged ? .damaged : nil, sscc: sscc)
        }
        let candidates = order.lines.filter { $0.productID == productID }
        // The first of the product's lines that still takes goods, else its last line (where an over-delivery goes).
        guard
            let line = candidates.first(where: { receivedInAll(line: $0) < $0.ordered }) ?? candidates.last
        else {
            return ReceiptEntry(
                number: number, orderLine: nil, productID: productID, name: item.name, code: item.code, lot: lot,
                expiry: expiry, quantity: quantity, condition: condition,
                reason: condition == .damaged ? .damaged : .unexpected, sscc: sscc)
        }
        var reason: StockReason? = condition == .damaged ? .damaged : nil
        if condition == .good {
            let total = receivedInAll(line: line) + quantity
            if total > order.allowed(line) {
                let already = receivedInAll(line: line)
                throw ReceivingError(
                    description: "\(quantity) more \(item.name) would make \(total) of the \(line.ordered) ordered on "
                        + "line \(line.number) (\(already) received); the supplier's tolerance of "
                        + "\(order.overTolerancePercent) % allows \(order.allowed(line)): set the rest aside")
            }
            if total > line.ordered { reason = .over }
        }
        return ReceiptEntry(
            number: number, orderLine: line.number, productID: productID, name: item.name, code: item.code, lot: lot,
            expiry: expiry, quantity: quantity, condition: condition, reason: reason, sscc: sscc)
    }

    /// Received in good condition on an order line, by earlier receipts and this one.
    func receivedInAll(line: ReceivingOrder.Line) -> Int64 {
        line.previouslyReceived + received(orderLine: line.number, condition: .good)
    }

    func received(orderLine: Int, condition: ReceiptEntry.Condition) -> Int64 {
        entries.reduce(0) {
            $0 + ($1.orderLine == orderLine && $1.condition == condition && !$1.voided ? $1.quantity : 0)
        }
    }

    var liveEntries: [ReceiptEntry] { entries.filter { !$0.voided } }

    /// How each order line stands now.
    var orderLines: [GoodsReceiptOrderLinePayload] {
        (order?.lines ?? []).map { line in
            let received = received(orderLine: line.number, condition: .good)
            let inAll = line.previouslyReceived + received
            let reason: StockReason? = inAll < line.ordered ? .short : inAll > line.ordered ? .over : nil
            return GoodsReceiptOrderLinePayload(
                orderLine: line.number, productID: line.productID, ordered: line.ordered, received: received,
                open: max(0, line.ordered - inAll), reason: reason)
        }
    }

    /// Closes the receipt: the event for central, whose movements book good goods into the receiving location and
    /// damaged goods into `damagedLocation`.
    func close(
        lane: String, damagedLocation: String, at time: Int64, newID: () -> String
    ) throws(ReceivingError) -> GoodsReceivedPayload {
        let live = liveEntries
        guard !live.isEmpty else {
            throw ReceivingError(description: "nothing has been received: scan the goods, or cancel the receipt")
        }
        // Entries that differ in nothing but quantity are one line of the event.
        var lines: [GoodsReceiptLinePayload] = []
        for entry in live {
            let line = GoodsReceiptLinePayload(
                orderLine: entry.orderLine, productID: entry.productID, code: entry.code, lot: entry.lot,
                expiry: entry.expiry, quantity: entry.quantity, condition: entry.condition.rawValue,
                reason: entry.reason, sscc: entry.sscc)
            if let index = lines.firstIndex(where: { Self.sameExceptQuantity($0, line) }) {
                lines[index].quantity += line.quantity
            } else {
                lines.append(line)
            }
        }
        let movements = lines.compactMap { line -> MovementPayload? in
            guard let productID = line.productID else { return nil }
            let damaged = line.condition == ReceiptEntry.Condition.damaged.rawValue
            return MovementPayload(
                id: newID(), productID: productID, locationID: damaged ? damagedLocation : locationID, lot: line.lot,
                quantity: line.quantity, reason: damaged ? "receipt-damaged" : "receipt")
        }
        let orderLines = orderLines
        return GoodsReceivedPayload(
            receiptID: receiptID, purchaseOrderID: order?.id, purchaseOrderNumber: order?.number, lane: lane,
            locationID: locationID, openedAt: openedAt, closedAt: time, lines: lines, orderLines: orderLines,
            backorder: orderLines.contains { $0.open > 0 }, movements: movements)
    }

    private static func sameExceptQuantity(_ a: GoodsReceiptLinePayload, _ b: GoodsReceiptLinePayload) -> Bool {
        var b = b
        b.quantity = a.quantity
        return a == b
    }
}
