import GRDB
import TallyCore

/// What routing a scan or command decided: the message for the operator and the write that makes it so.
struct RouteResult {
    var message: String?
    /// Writes the change with the scan (if any) in the caller's transaction, the scan first; returns the receipt
    /// number it issued.
    var commit: (JournaledScan?, String, Database) throws -> Int?

    /// A result that writes the scan, filed under `documentID`, and then what `write` writes.
    static func filed(
        under documentID: String, message: String?, _ write: @escaping (String, Database) throws -> Void
    ) -> RouteResult {
        RouteResult(message: message) { scan, laneID, db in
            if var scan {
                scan.documentID = documentID
                try StationDatabase.insert(scan, db)
            }
            try write(laneID, db)
            return nil
        }
    }

    /// The same result that also stores the lane's new workflow, for a document scanned at an idle lane.
    func switching(to mode: WorkflowMode) -> RouteResult {
        RouteResult(message: message) { scan, laneID, db in
            let result = try commit(scan, laneID, db)
            try StationDatabase.writeMode(mode, lane: laneID, scan: nil, db)
            return result
        }
    }

    /// A result that changes nothing but the journal.
    static func journalOnly(_ message: String?) -> RouteResult {
        RouteResult(message: message) { scan, _, db in
            if let scan { try StationDatabase.insert(scan, db) }
            return nil
        }
    }
}

/// A scan that is valid but cannot be used here and now.
struct Refusal: Error, CustomStringConvertible {
    let description: String
}

/// A quantity typed before a scan: `3*` on its own, or `3*4006381333931` in one go.
struct TypedQuantity {
    let count: Int64
    let rest: [UInt8]

    init?(_ bytes: [UInt8]) {
        guard let star = bytes.firstIndex(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "x") }),
            (1...4).contains(star), bytes[0] != UInt8(ascii: "0"),
            bytes[..<star].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let count = Int64(String(decoding: bytes[..<star], as: UTF8.self))
        else { return nil }
        self.count = count
        rest = Array(bytes[(star + 1)...])
    }
}

extension Station {
    /// Reads a scan and decides what it does to its lane; the lane state is changed in place and the write
    /// is returned for the caller to commit.
    func route(
        _ bytes: [UInt8], scan: inout JournaledScan, lane: inout LaneState, _ db: Database
    ) throws
        -> RouteResult
    {
        if let typed = TypedQuantity(bytes) {
            scan.kind = "quantity"
            if typed.rest.isEmpty { return try command(.quantity(typed.count), lane: &lane, db) }
            _ = try command(.quantity(typed.count), lane: &lane, db)
            return try route(typed.rest, scan: &scan, lane: &lane, db)
        }
        let reading = interpreter.interpret(bytes)
        scan.kind = reading.kind.rawValue
        if let error = reading.error { throw Refusal(description: error.description) }
        if case .tally(let code) = reading.content { return try route(code, lane: &lane, db) }
        if lane.mode == .receive {
            return try receive(reading, item: ItemCode(reading, currency: rules.currency), lane: &lane, db)
        }
        guard let item = ItemCode(reading, currency: rules.currency) else {
            throw Refusal(description: "this GS1 code names no product: it carries no GTIN (01)")
        }
        let now = StationDatabase.now()
        switch lane.mode {
        case .sale:
            let input: SaleInput =
                if let found = try StationDatabase.lookup(db, code: item.key, at: now, currency: rules.currency) {
                    .item(ItemEntry(item: found, code: item.key, embedded: item.embedded))
                } else {
                    .unknownItem(code: item.key)
                }
            return try sale(input, lane: &lane)
        case .priceCheck:
            guard let found = try StationDatabase.lookup(db, code: item.key, at: now, currency: rules.currency) else {
                throw Refusal(description: "unknown item \(item.key): the catalog does not know it")
            }
            let unit = found.unit == .weight ? " per kg" : ""
            return .journalOnly("\(found.name): \(found.unitPrice)\(unit)")
        case .return:
            return try returning(.item(code: item.key), lane: &lane)
        case .receive:
            return try receive(reading, item: item, lane: &lane, db)
        case .count:
            return try countItem(item, reading: reading, lane: &lane, db)
        }
    }

    private func route(_ code: TallyCode, lane: inout LaneState, _ db: Database) throws -> RouteResult {
        switch code {
        case .control(let control):
            switch control {
            case .mode(let mode): return try command(.mode(mode), lane: &lane, db)
            case .quantity(let count): return try command(.quantity(Int64(count)), lane: &lane, db)
            case .voidLine: return try command(.voidLine(number: nil), lane: &lane, db)
            case .voidBasket: return try command(.voidBasket, lane: &lane, db)
            case .cancel: return try command(.cancel, lane: &lane, db)
            case .damaged: return try command(.damaged, lane: &lane, db)
            case .done:
                if lane.mode == .receive || lane.mode == .count { return try command(.done, lane: &lane, db) }
                if lane.mode == .return {
                    throw Refusal(description: "choose how to refund: scan a tender card")
                }
                throw Refusal(description: "scan a tender card to take payment")
            case .tender(let kind):
                if lane.mode == .return { return try command(.refund(kind: kind, reference: nil), lane: &lane, db) }
                return try command(.tender(TenderRequest(kind: kind)), lane: &lane, db)
            }
        case .receipt:
            if lane.mode == .sale, lane.sale.basket == nil {
                // A receipt scanned at an idle till means a customer is bringing something back.
                lane.mode = .return
            }
            guard lane.mode == .return else {
                throw Refusal(description: "finish the sale before taking goods back against a receipt")
            }
            guard lane.returning == nil else {
                throw Refusal(description: "a return is in progress: refund it or cancel it first")
            }
            let sale = try StationDatabase.returnableSale(receipt: code, context: context, db)
            lane.returning = ReturnWorkflow(rules: rules, sale: sale, returnID: StationDatabase.newID())
            let mode = lane.mode
            return RouteResult(message: "receipt \(code) loaded: choose what comes back") { scan, laneID, db in
                try StationDatabase.writeMode(mode, lane: laneID, scan: scan, db)
                return nil
            }
        case .purchaseOrder(let number):
            // An order's label scanned at an idle lane means goods have arrived.
            try lane.switchWhenIdle(to: .receive, for: "receiving order \(number)")
            return try startReceiving(orderNumber: number, lane: &lane, db).switching(to: lane.mode)
        case .location(let location):
            // A location label scanned at an idle lane means a stocktaker starts counting.
            try lane.switchWhenIdle(to: .count, for: "counting \(location)")
            return try startCounting(locationID: location, lane: &lane, db).switching(to: lane.mode)
        }
    }

    /// Carries out an operator command on the lane state, returning the write to commit.
    func command(_ command: LaneCommand, lane: inout LaneState, _ db: Database) throws -> RouteResult {
        switch command {
        case .mode(let mode):
            if lane.mode == .receive, mode != .receive, lane.receiving.map({ !$0.liveEntries.isEmpty }) == true {
                throw Refusal(description: "a receipt is in progress: close it (DONE) or cancel it first")
            }
            if lane.mode == .count, mode != .count, lane.counting.map({ !$0.counted.isEmpty }) == true {
                throw Refusal(description: "a count is in progress: finish it (DONE) or cancel it first")
            }
            lane.mode = mode
            if mode != .return { lane.returning = nil }
            return RouteResult(message: "\(mode.rawValue) mode") { scan, laneID, db in
                try StationDatabase.writeMode(mode, lane: laneID, scan: scan, db)
                return nil
            }
        case .tender(let request): return try sale(.tender(request), lane: &lane)
        case .voidLine(let number):
            if lane.mode == .receive { return try receiving(.voidLine(number: number), lane: &lane) }
            if lane.mode == .count { return try countCommand(quantity: nil, void: .some(number), lane: &lane) }
            return try sale(.voidLine(number: number), lane: &lane)
        case .voidBasket:
            if lane.mode == .return { return try cancelReturn(&lane) }
            if lane.mode == .receive { return try cancelReceipt(lane: &lane) }
            if lane.mode == .count { return try leaveCounting(lane: &lane) }
            return try sale(.voidBasket, lane: &lane)
        case .cancel:
            if lane.mode == .return { return try cancelReturn(&lane) }
            if lane.mode == .receive { return try cancelReceipt(lane: &lane) }
            if lane.mode == .count { return try leaveCounting(lane: &lane) }
            return try sale(.cancel, lane: &lane)
        case .quantity(let count):
            if lane.mode == .return { return try returning(.quantity(count), lane: &lane) }
            if lane.mode == .receive { return try receiving(.quantity(count), lane: &lane) }
            if lane.mode == .count { return try countCommand(quantity: count, void: nil, lane: &lane) }
            return try sale(.quantity(count), lane: &lane)
        case .done:
            switch lane.mode {
            case .receive: return try closeReceipt(lane: &lane)
            case .count: return try finishCounting(lane: &lane, db)
            case .return: throw Refusal(description: "choose how to refund: scan a tender card")
            default: throw Refusal(description: "scan a tender card to take payment")
            }
        case .receive(let number): return try startReceiving(orderNumber: number, lane: &lane, db)
        case .damaged: return try receiving(.damaged, lane: &lane)
        case .receivingReason(let line, let reason): return try receiving(.reason(line: line, reason), lane: &lane)
        case .adjust(let request): return try adjust(request, lane: lane, db)
        case .enterPrice(let price, let operatorID, let pin):
            return try sale(.enterPrice(price, by: try operatorFor(id: operatorID, pin: pin, db)), lane: &lane)
        case .selectReturnLine(let number, let quantity):
            return try returning(.select(line: number, quantity: quantity), lane: &lane)
        case .unselectReturnLine(let number): return try returning(.unselect(line: number), lane: &lane)
        case .returnDisposition(let disposition): return try returning(.disposition(disposition), lane: &lane)
        case .refund(let kind, let reference):
            return try returning(.refund(kind: kind, reference: reference), lane: &lane)
        }
    }

    private func sale(_ input: SaleInput, lane: inout LaneState) throws -> RouteResult {
        guard lane.mode == .sale else { throw StationError.wrongMode(expected: .sale, actual: lane.mode) }
        let openBasket = lane.sale.basket?.id
        // A basket id is made only when this input opens a basket.
        let events = try lane.sale.handle(input, newBasketID: StationDatabase.newID())
        let after = lane.sale.basket
        guard let basketID = openBasket ?? after?.id else { return .journalOnly(nil) }
        let context = self.context
        return RouteResult(message: Self.message(for: events)) { scan, laneID, db in
            var scan = scan
            scan?.documentID = basketID
            if let scan { try StationDatabase.insert(scan, db) }
            return try StationDatabase.apply(
                events, lane: laneID, basketID: basketID, basketAfter: after, context: context,
                at: StationDatabase.now(), db
            ).receiptNumber
        }
    }

    private func returning(_ input: ReturnInput, lane: inout LaneState) throws -> RouteResult {
        guard lane.mode == .return else { throw StationError.wrongMode(expected: .return, actual: lane.mode) }
        guard var workflow = lane.returning else { throw StationError.noReturnInProgress }
        let completed = try workflow.handle(input)
        guard let completed else {
            lane.returning = workflow
            return .journalOnly(nil)
        }
        lane.returning = nil
        let refund = completed.tenders.first
        let message = refund.map { "refund \($0.applied) by \($0.kind.rawValue.lowercased())" }
        let context = self.context
        return RouteResult(message: message) { scan, laneID, db in
            var scan = scan
            scan?.documentID = completed.returnID
            return try StationDatabase.writeReturn(
                completed, lane: laneID, scan: scan, context: context, at: StationDatabase.now(), db)
        }
    }

    private func cancelReturn(_ lane: inout LaneState) throws -> RouteResult {
        guard lane.returning != nil else { throw StationError.noReturnInProgress }
        lane.returning = nil
        return .journalOnly("return cancelled")
    }

    static func message(for events: [SaleEvent]) -> String? {
        var parts: [String] = []
        for event in events {
            switch event {
            case .lineAdded(let line), .lineChanged(let line):
                parts.append(
                    line.quantity == 1 || line.unit == .weight
                        ? "\(line.name) \(line.amount)" : "\(line.quantity) × \(line.name) \(line.amount)")
            case .lineVoided(let line): parts.append("voided \(line.name)")
            case .quantityPending(let count?): parts.append("quantity \(count)")
            case .priceEntryPending(let code?): parts.append("item \(code) needs a price")
            case .tendered(let tender):
                parts.append("\(tender.kind.rawValue.lowercased()) \(tender.applied)")
                if tender.change.isPositive { parts.append("change \(tender.change)") }
            case .basketVoided: parts.append("basket voided")
            case .completed(let sale): parts.append("paid \(sale.totals.total)")
            case .quantityPending(nil), .priceEntryPending(nil): break
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
