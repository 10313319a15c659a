import Foundation
import GRDB
import TallyCore
import TallySync

/// What a scan at the dock carries beyond the product: from a GS1 label, its lot, expiry date, count and pallet.
struct DockLabel {
    let productCode: String?
    let lot: String
    let expiry: String?
    let count: Int64?
    let sscc: String?

    init(_ reading: ScanInterpretation, item: ItemCode?, referenceYear: Int) {
        guard case .gs1(let message) = reading.content else {
            productCode = item?.key
            lot = ""
            expiry = nil
            count = nil
            sscc = nil
            return
        }
        // A pallet label names its contents with (02) and (37); a trade item with (01) and perhaps (30).
        let contained = message.value(of: "02").flatMap { try? GTIN(validating: $0) }?.gtin14
        productCode = item?.key ?? contained
        lot = message.value(of: "10") ?? ""
        let date =
            message.elements.first { $0.ai == "17" }?.date(referenceYear: referenceYear)
            ?? message.elements.first { $0.ai == "15" }?.date(referenceYear: referenceYear)
        expiry = date.map { date in
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            return "\(date.year)-\(two(date.month))-\(two(date.lastDay))"
        }
        count = (message.value(of: "37") ?? message.value(of: "30")).flatMap { Int64($0) }
        sscc = message.value(of: "00")
    }
}

extension Station {
    /// A scan in RECEIVE mode: goods, a pallet label, or (without a receipt open) the first goods of a delivery
    /// received without an order.
    func receive(
        _ reading: ScanInterpretation, item: ItemCode?, lane: inout LaneState, _ db: Database
    ) throws -> RouteResult {
        let label = DockLabel(reading, item: item, referenceYear: interpreter.referenceYear)
        let input: ReceivingInput
        if let code = label.productCode {
            let found = try StationDatabase.stockItem(code: code, db)
            let received = ReceivedItem(
                productID: found?.productID, name: found?.name ?? "unknown item \(code)", code: code)
            input = .item(received, lot: label.lot, expiry: label.expiry, count: label.count, sscc: label.sscc)
        } else if let sscc = label.sscc {
            if try StationDatabase.palletReceived(sscc: sscc, db) {
                throw Refusal(description: "pallet \(sscc) was already received")
            }
            input = .pallet(sscc: sscc)
        } else {
            throw Refusal(description: "this GS1 code names no goods: it carries no GTIN (01), (02) or SSCC (00)")
        }
        return try receiving(input, lane: &lane)
    }

    /// Starts receiving against the purchase order with this number (its label scanned, or chosen).
    func startReceiving(orderNumber: String, lane: inout LaneState, _ db: Database) throws -> RouteResult {
        guard lane.mode == .receive else { throw StationError.wrongMode(expected: .receive, actual: lane.mode) }
        if let open = lane.receiving, !open.liveEntries.isEmpty {
            throw Refusal(description: "a receipt is in progress: close it (DONE) or cancel it first")
        }
        guard let order = try StationDatabase.receivingOrder(number: orderNumber, db) else {
            throw Refusal(
                description: "purchase order \(orderNumber) is not on this station: it has not come from central yet")
        }
        guard ["sent", "partly-received"].contains(order.status) else {
            throw Refusal(
                description: "purchase order \(orderNumber) is \(order.status): nothing more is received on it")
        }
        let previous = lane.receiving
        let receipt = ReceivingWorkflow(
            receiptID: StationDatabase.newID(), order: order, locationID: context.sellableLocation,
            openedAt: StationDatabase.now())
        lane.receiving = receipt
        let open = order.lines.reduce(0) { $0 + max(0, $1.ordered - $1.previouslyReceived) }
        return .filed(
            under: receipt.receiptID, message: "order \(order.number) from \(order.supplierName): \(open) to receive"
        ) { laneID, db in
            if let previous { try StationDatabase.cancelReceipt(id: previous.receiptID, at: receipt.openedAt, db) }
            try StationDatabase.openReceipt(receipt, lane: laneID, db)
        }
    }

    /// Applies an input to the lane's receipt, opening one without an order when none is open.
    func receiving(_ input: ReceivingInput, lane: inout LaneState) throws -> RouteResult {
        guard lane.mode == .receive else { throw StationError.wrongMode(expected: .receive, actual: lane.mode) }
        let opening = lane.receiving == nil
        var receipt =
            lane.receiving
            ?? ReceivingWorkflow(
                receiptID: StationDatabase.newID(), order: nil, locationID: context.sellableLocation,
                openedAt: StationDatabase.now())
        let changed: [ReceiptEntry]
        do {
            changed = try receipt.handle(input)
        } catch {
            throw Refusal(description: error.description)
        }
        lane.receiving = receipt
        let message = changed.last.map { entry in
            var text = "\(entry.quantity) × \(entry.name)"
            if !entry.lot.isEmpty { text += " lot \(entry.lot)" }
            if let expiry = entry.expiry { text += " exp \(expiry)" }
            if entry.voided { return "voided \(text)" }
            if let reason = entry.reason { text += " (\(reason.rawValue))" }
            return text
        }
        let opened = receipt
        return .filed(under: opened.receiptID, message: message) { laneID, db in
            if opening { try StationDatabase.openReceipt(opened, lane: laneID, db) }
            try StationDatabase.writeEntries(changed, receiptID: opened.receiptID, db)
        }
    }

    /// DONE at the dock: closes the receipt, books its stock and reports it to central.
    func closeReceipt(lane: inout LaneState) throws -> RouteResult {
        guard let receipt = lane.receiving else { throw Refusal(description: "no receipt is in progress") }
        let payload: GoodsReceivedPayload
        do {
            payload = try receipt.close(
                lane: lane.id, damagedLocation: context.damagedLocation, at: StationDatabase.now(),
                newID: StationDatabase.newID)
        } catch {
            throw Refusal(description: error.description)
        }
        lane.receiving = nil
        let received = payload.lines.filter { $0.condition == "good" }.reduce(0) { $0 + $1.quantity }
        let open = payload.orderLines.reduce(0) { $0 + $1.open }
        var message = "receipt closed: \(received) received"
        if open > 0 { message += ", \(open) still open on order \(payload.purchaseOrderNumber ?? "")" }
        return .filed(under: payload.receiptID, message: message) { _, db in
            try StationDatabase.closeReceipt(payload, db)
        }
    }

    /// CANCEL at the dock: the receipt is dropped, nothing is booked (its lines stay on record).
    func cancelReceipt(lane: inout LaneState) throws -> RouteResult {
        guard let receipt = lane.receiving else { throw Refusal(description: "no receipt is in progress") }
        lane.receiving = nil
        return .filed(under: receipt.receiptID, message: "receipt cancelled") { _, db in
            try StationDatabase.cancelReceipt(id: receipt.receiptID, at: StationDatabase.now(), db)
        }
    }
}

extension LaneState {
    func receivingSnapshot() -> LaneSnapshot.Receiving? {
        guard let receipt = receiving else { return nil }
        let live = receipt.liveEntries
        func lots(_ entries: [ReceiptEntry]) -> [LaneSnapshot.ReceivedLot] {
            var lots: [LaneSnapshot.ReceivedLot] = []
            for entry in entries where entry.condition == .good {
                if let index = lots.firstIndex(where: { $0.lot == entry.lot && $0.expiry == entry.expiry }) {
                    lots[index].quantity += entry.quantity
                } else {
                    lots.append(
                        LaneSnapshot.ReceivedLot(lot: entry.lot, expiry: entry.expiry, quantity: entry.quantity))
                }
            }
            return lots
        }
        var lines: [LaneSnapshot.ReceivingLine] = (receipt.order?.lines ?? []).map { line in
            let received = receipt.receivedInAll(line: line)
            let damaged = receipt.received(orderLine: line.number, condition: .damaged)
            let status =
                received > line.ordered ? "over" : received == line.ordered ? "complete" : "open"
            return LaneSnapshot.ReceivingLine(
                orderLine: line.number, productID: line.productID, name: line.name, ordered: line.ordered,
                received: received, damaged: damaged, open: max(0, line.ordered - received), status: status,
                lots: lots(live.filter { $0.orderLine == line.number }))
        }
        for entry in live where entry.orderLine == nil {
            let good = entry.condition == .good
            lines.append(
                LaneSnapshot.ReceivingLine(
                    orderLine: nil, productID: entry.productID, name: entry.name, ordered: 0,
                    received: good ? entry.quantity : 0, damaged: good ? 0 : entry.quantity, open: 0,
                    status: entry.reason?.rawValue ?? "unexpected", lots: lots([entry])))
        }
        let ordered = lines.reduce(0) { $0 + $1.ordered }
        return LaneSnapshot.Receiving(
            receiptID: receipt.receiptID, order: receipt.order?.number, supplier: receipt.order?.supplierName,
            location: receipt.locationID, lines: lines, ordered: ordered,
            received: lines.reduce(0) { $0 + $1.received }, open: lines.reduce(0) { $0 + $1.open },
            pallets: Array(Set(live.compactMap(\.sscc))).sorted(), pendingQuantity: receipt.pendingQuantity,
            condition: receipt.nextCondition.rawValue)
    }
}
