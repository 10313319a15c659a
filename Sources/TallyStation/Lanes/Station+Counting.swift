import GRDB
import TallyCore
import TallySync

extension Station {
    /// A location label in COUNT mode: the lane starts counting it, or joins the count another lane has open.
    func startCounting(locationID: String, lane: inout LaneState, _ db: Database) throws -> RouteResult {
        guard lane.mode == .count else { throw StationError.wrongMode(expected: .count, actual: lane.mode) }
        let previous = lane.counting
        if let previous {
            if previous.locationID == locationID { throw Refusal(description: "already counting \(locationID)") }
            guard previous.counted.isEmpty else {
                throw Refusal(description: "finish counting \(previous.locationID) (DONE) or cancel it first")
            }
        }
        let (session, isNew) = try StationDatabase.countToJoin(
            locationID: locationID, lane: lane.id, at: StationDatabase.now(), db)
        lane.counting = session
        let message =
            isNew ? "counting \(locationID): scan every item" : "joining the count of \(locationID): scan every item"
        return .filed(under: session.countID, message: message) { _, db in
            if let previous { try StationDatabase.leaveCount(previous, db) }
            try StationDatabase.joinCount(session, isNew: isNew, db)
        }
    }

    /// An item scanned in COUNT mode.
    func countItem(
        _ item: ItemCode, reading: ScanInterpretation, lane: inout LaneState, _ db: Database
    ) throws
        -> RouteResult
    {
        guard var session = lane.counting else {
            throw Refusal(description: "scan the location's label first, then the items on it")
        }
        guard let found = try StationDatabase.stockItem(code: item.key, db) else {
            throw Refusal(description: "unknown item \(item.key): set it aside for the back office")
        }
        let label = DockLabel(reading, item: item, referenceYear: interpreter.referenceYear)
        let pieces: Int64? =
            if case .pieces(let count) = item.embedded { count } else if case .grams(let grams) = item.embedded {
                grams
            } else { label.count }
        let entry: CountEntry
        do {
            entry = try session.count(
                productID: found.productID, name: found.name, lot: label.lot, embedded: pieces,
                at: StationDatabase.now(), rules: countRules)
        } catch {
            throw Refusal(description: error.description)
        }
        lane.counting = session
        let message = session.warning ?? "\(entry.quantity) × \(entry.name)"
        return .filed(under: session.countID, message: message) { _, db in
            try StationDatabase.writeCountEntry(entry, countID: session.countID, db)
        }
    }

    /// QTY and VOID in COUNT mode.
    func countCommand(quantity: Int64?, void number: Int??, lane: inout LaneState) throws -> RouteResult {
        guard var session = lane.counting else {
            throw Refusal(description: "scan the location's label first, then the items on it")
        }
        var changed: CountEntry?
        do {
            if let quantity { try session.quantity(quantity) }
            if let number { changed = try session.void(number: number) }
        } catch {
            throw Refusal(description: error.description)
        }
        lane.counting = session
        let message = changed.map { "voided \($0.quantity) × \($0.name)" } ?? quantity.map { "quantity \($0)" }
        return .filed(under: session.countID, message: message) { _, db in
            if let changed { try StationDatabase.writeCountEntry(changed, countID: session.countID, db) }
        }
    }

    /// DONE in COUNT mode: this lane's part is in. When no other lane is still counting, the count is judged
    /// against the ledger as of its start: submitted to central, or some items go back for a blind recount.
    func finishCounting(lane: inout LaneState, _ db: Database) throws -> RouteResult {
        guard let session = lane.counting else { throw Refusal(description: "no count is in progress") }
        let others = try String.fetchAll(
            db,
            sql: "SELECT lane FROM count_lanes WHERE count_id = ? AND status = 'counting' AND lane <> ? ORDER BY lane",
            arguments: [session.countID, lane.id])
        lane.counting = nil
        if !others.isEmpty {
            return .filed(
                under: session.countID, message: "your count is in; still counting: \(others.joined(separator: ", "))"
            ) { laneID, db in
                _ = try StationDatabase.finishCountLane(countID: session.countID, lane: laneID, db)
            }
        }
        // Every lane's entries as stored, with this lane's as it now holds them.
        var entries = try StationDatabase.countEntries(countID: session.countID, db).filter {
            !($0.lane == lane.id && $0.round == session.round)
        }
        entries += session.entries
        let expected = try StationDatabase.expected(locationID: session.locationID, mark: session.ledgerMark, db)
        let judgement = countRules.judge(
            countID: session.countID, taskID: session.taskID, locationID: session.locationID,
            products: session.products, startedAt: session.startedAt, entries: entries, expected: expected,
            firstCounts: try StationDatabase.firstCounts(countID: session.countID, db),
            recountProducts: session.recountProducts, at: StationDatabase.now())
        switch judgement {
        case .recount(let products, let firstCounts):
            let names = try products.map {
                try String.fetchOne(db, sql: "SELECT name FROM products WHERE id = ?", arguments: [$0]) ?? $0
            }
            lane.counting = CountSession(
                countID: session.countID, taskID: session.taskID, locationID: session.locationID,
                products: session.products, startedAt: session.startedAt, ledgerMark: session.ledgerMark,
                lane: lane.id, round: 2, recountProducts: products, nextNumber: session.nextNumber)
            return .filed(under: session.countID, message: "count again: \(names.joined(separator: ", "))") {
                laneID, db in
                try StationDatabase.startRecount(
                    countID: session.countID, products: products, firstCounts: firstCounts, lane: laneID, db)
            }
        case .submit(let payload):
            let items = payload.lines.count
            return .filed(under: session.countID, message: "count of \(session.locationID) submitted: \(items) items") {
                laneID, db in
                _ = try StationDatabase.finishCountLane(countID: session.countID, lane: laneID, db)
                try StationDatabase.submitCount(payload, db)
            }
        }
    }

    /// CANCEL in COUNT mode: the lane leaves the count; what it counted in this round is voided.
    func leaveCounting(lane: inout LaneState) throws -> RouteResult {
        guard let session = lane.counting else { throw Refusal(description: "no count is in progress") }
        lane.counting = nil
        return .filed(under: session.countID, message: "left the count of \(session.locationID)") { _, db in
            try StationDatabase.leaveCount(session, db)
        }
    }
}

extension LaneState {
    func countSnapshot() -> LaneSnapshot.Count? {
        guard let session = counting else { return nil }
        let lines = session.counted.map {
            LaneSnapshot.CountLine(productID: $0.productID, name: $0.name, lot: $0.lot, counted: $0.quantity)
        }
        return LaneSnapshot.Count(
            countID: session.countID, taskID: session.taskID, location: session.locationID, lines: lines,
            counted: lines.reduce(0) { $0 + $1.counted }, pendingQuantity: session.pendingQuantity,
            recount: session.round == 2, warning: session.warning)
    }
}
