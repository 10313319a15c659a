import Foundation
import TallySync

/// Where a count stands at central: waiting for a manager, or decided.
public enum CountStatus: String, Codable, Hashable, Sendable, CaseIterable {
    case submitted
    case approved
    case rejected
}

/// A person who may use the management API, known by the hash of their token.
public struct CentralManager: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var createdAt: Int64
    public var revokedAt: Int64?
}

/// A supplier purchase orders go to, with how much more than ordered it may deliver.
public struct Supplier: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    /// How much more than ordered the supplier may deliver per line, in percent (0 to 100).
    public var overTolerancePercent: Int

    public init(id: String, name: String, overTolerancePercent: Int) {
        self.id = id
        self.name = name
        self.overTolerancePercent = overTolerancePercent
    }
}

/// What a manager does to a purchase order after it was sent.
public enum PurchaseOrderAction: String, Hashable, Sendable {
    /// Nothing will come: allowed while nothing was received against the order.
    case cancel
    /// No more will come: the backorder ends, whatever is still open.
    case close

    /// The order after the action, or why the action cannot be taken (a conflict with the order's state).
    public func apply(to order: PurchaseOrderRecord) throws(ManagementError) -> PurchaseOrderRecord {
        var order = order
        let name = "purchase order \(order.number) (\(order.id))"
        if order.status == "cancelled" { throw .conflict("\(name) is cancelled already") }
        if order.status == "closed" { throw .conflict("\(name) is closed already") }
        switch self {
        case .cancel:
            let receipts = order.receipts ?? []
            guard receipts.isEmpty, order.lines.allSatisfy({ ($0.received ?? 0) == 0 }) else {
                throw .conflict(
                    "\(name) has \(receipts.count) goods receipt(s) against it and cannot be cancelled: close it, "
                        + "which ends its backorder")
            }
            order.status = "cancelled"
        case .close:
            order.status = "closed"
        }
        return order
    }
}

/// Why a management request cannot be done, in words: the API answers 404, 409 or 422 with it.
public enum ManagementError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What the request names does not exist.
    case notFound(String)
    /// What the request asks contradicts what central holds (decided already, a number taken).
    case conflict(String)
    /// The request names something unknown or breaks a rule.
    case invalid(String)

    public var description: String {
        switch self {
        case .notFound(let message), .conflict(let message), .invalid(let message): message
        }
    }
}

/// What a manager decides on a submitted count.
public enum CountDecision: Hashable, Sendable {
    /// Book the corrections. A count made without a location books its corrections at `locationID`.
    case approve(locationID: String?)
    /// Count again.
    case reject
}

/// A submitted count as a manager sees it: each line with what was counted, what the station's ledger held, and
/// what central's ledger held when counting started, and the variance against central's figure.
public struct CountReport: Codable, Hashable, Sendable {
    public var countID: String
    /// The count task from central; absent for a count started at a station.
    public var taskID: String?
    public var stationID: String
    /// Absent for a count of items wherever they are.
    public var locationID: String?
    public var startedAt: Int64
    public var submittedAt: Int64
    public var lanes: [String]
    public var recounted: Bool
    public var status: CountStatus
    public var decidedAt: Int64?
    public var lines: [CountReportLine]
}

/// One item and lot of a count as a manager sees it.
public struct CountReportLine: Codable, Hashable, Sendable {
    public var productID: String
    public var lot: String
    public var counted: Int64
    /// What the station's ledger held when counting started.
    public var stationExpected: Int64
    /// What central's ledger held when counting started: its movements up to `startedAt`.
    public var centralExpected: Int64
    /// `counted − centralExpected`: what approving would book.
    public var variance: Int64
    /// The first count, when the variance asked for a recount.
    public var firstCount: Int64?
}

/// A goods receipt as central holds it, with what central found wrong with its purchase order.
public struct GoodsReceiptReport: Codable, Hashable, Sendable {
    public var receiptID: String
    public var stationID: String
    public var purchaseOrderID: String?
    public var purchaseOrderNumber: String?
    public var lane: String
    public var locationID: String
    public var openedAt: Int64
    public var closedAt: Int64
    public var backorder: Bool
    /// Set when the order is unknown at central, cancelled or closed: the goods were booked all the same.
    public var orderProblem: String?
    public var lines: [GoodsReceiptLinePayload]
}

/// A count as stored, with its lines.
struct StoredCount: Hashable, Sendable {
    var countID: String
    var stationID: String
    var eventID: String
    var taskID: String?
    /// The task id, or the count id for a count started at a station: the key of the count-task record the
    /// decision is written to.
    var taskKey: String
    var locationID: String?
    var startedAt: Int64
    var submittedAt: Int64
    var lanes: [String]
    var recounted: Bool
    var status: CountStatus
    var decidedAt: Int64?
    var lines: [CountLinePayload] = []

    /// The JSON array of lanes as stored; an empty list when it cannot be read.
    static func lanes(stored: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(stored.utf8))) ?? []
    }
}

/// Good goods received against one purchase-order line by one receipt line.
struct ReceivedGoods: Hashable, Sendable {
    var orderLine: Int64
    var productID: String
    var quantity: Int64
}

/// A goods receipt against a purchase order: its id and when it was closed, which orders the order's list.
struct OrderReceipt: Hashable, Sendable {
    var receiptID: String
    var closedAt: Int64
}

/// How a purchase order follows the goods receipts central holds for it: each line's `received` is the good
/// quantity of the ordered product received against it, summed over the receipts; `receipts` lists them; an order
/// being received is `received` once every line has its quantity, else `partly-received`. A cancelled or closed
/// order keeps its status (its quantities still follow the goods), and a receipt for it is reported.
enum PurchaseOrderProgress {
    /// The statuses an order may have while goods are received against it.
    static let receivingStatuses = ["sent", "partly-received", "received"]

    /// The orders the goods receipts among `events` were received against, each with those receipts, in the order
    /// of the orders' ids' bytes.
    static func orders(in events: [EventEnvelope]) -> [(orderID: String, receiptIDs: [String])] {
        var orders: [(orderID: String, receiptIDs: [String])] = []
        var index: [[UInt8]: Int] = [:]
        for envelope in events {
            guard case .goodsReceived(let receipt) = envelope.event, let orderID = receipt.purchaseOrderID else {
                continue
            }
            if let existing = index[Array(orderID.utf8)] {
                orders[existing].receiptIDs.append(receipt.receiptID)
            } else {
                index[Array(orderID.utf8)] = orders.count
                orders.append((orderID, [receipt.receiptID]))
            }
        }
        return orders.sorted { $0.orderID.utf8.lexicographicallyPrecedes($1.orderID.utf8) }
    }

    /// The order's new record (nil when there is none to write), and what to report about the receipt, for the
    /// order's stored JSON (nil when central does not hold the order).
    static func follow(
        orderID: String, stored payload: String?, receipts: [OrderReceipt], goods: [ReceivedGoods]
    ) -> (write: CatalogWrite?, problem: String?) {
        guard let payload,
            let order = try? JSONDecoder().decode(PurchaseOrderRecord.self, from: Data(payload.utf8))
        else {
            return (nil, "purchase order \(orderID) is not known at central; the goods were booked all the same")
        }
        let problem =
            receivingStatuses.contains(order.status)
            ? nil
            : "purchase order \(order.number) (\(orderID)) is \(order.status); the goods were booked all the same"
        do {
            return (try CatalogWrite(.purchaseOrder(followed(order, receipts: receipts, goods: goods))), problem)
        } catch {
            return (nil, "purchase order \(order.number) (\(orderID)) could not be updated: \(error)")
        }
    }

    /// The order with its received quantities, receipts and status following the goods.
    static func followed(
        _ order: PurchaseOrderRecord, receipts: [OrderReceipt], goods: [ReceivedGoods]
    ) -> PurchaseOrderRecord {
        var order = order
        for index in order.lines.indices {
            let line = order.lines[index]
            order.lines[index].received = goods.reduce(0) { sum, good in
                good.orderLine == Int64(line.number) && good.productID.utf8.elementsEqual(line.productID.utf8)
                    ? sum.saturatingAdding(good.quantity) : sum
            }
        }
        order.receipts = receipts.sorted { first, second in
            first.closedAt != second.closedAt
                ? first.closedAt < second.closedAt
                : first.receiptID.utf8.lexicographicallyPrecedes(second.receiptID.utf8)
        }.map(\.receiptID)
        if receivingStatuses.contains(order.status) {
            order.status =
                order.lines.allSatisfy { ($0.received ?? 0) >= $0.quantity } ? "received" : "partly-received"
        }
        return order
    }
}

/// What a manager's decision on a count books, as pure functions of the counts: every engine decides alike.
///
/// A decision covers every submitted count of the count's task (several stocktakers may count one task): their
/// lines are summed per item, lot and location, and compared with central's ledger as of the earliest moment
/// counting of the task started. The correction is the difference, booked to current stock, so sales made while
/// counting are kept. A line counted without a lot (lot "") stands for every lot of the product at the location
/// that no other line counts, and its correction is booked on lot "".
enum CountApproval {
    /// The decision's entry in the audit trail (`count.approve` or `count.reject`), with the task as decided and the
    /// corrections booked; written in the decision's own transaction by either engine.
    static func audit(
        _ decision: CountDecision, count id: String, _ decided: CountTaskRecord, actor: String, now: Int64,
        on db: any DBConnection
    ) throws {
        try Audit.record(
            actor: actor, action: decision == .reject ? "count.reject" : "count.approve", entity: "count", id: id,
            before: nil as CountTaskRecord?, after: decided, now: now, on: db)
    }

    /// One item and lot of the counts, summed.
    struct Line: Hashable, Sendable {
        var productID: String
        var lot: String
        /// Where it was counted; nil for a count of the item wherever it is.
        var countedAt: String?
        /// Where the correction is booked.
        var bookAt: String
        var counted: Int64
    }

    /// Refuses a decision on a count that was decided, or an approval once the count's task was approved.
    static func check(
        _ count: StoredCount, _ decision: CountDecision, taskApprovedAt: Int64?
    ) throws(ManagementError) {
        let when = count.decidedAt.map { " at \($0)" } ?? ""
        switch count.status {
        case .approved: throw .conflict("count \(count.countID) was approved already\(when)")
        case .rejected: throw .conflict("count \(count.countID) was rejected\(when); its stocktakers count again")
        case .submitted: break
        }
        if case .approve = decision, let approvedAt = taskApprovedAt {
            throw .conflict(
                "count task \(count.taskKey) was approved at \(approvedAt); count \(count.countID) came later and is "
                    + "not booked: reject it, or plan a new count task")
        }
    }

    /// The count decided on, the submitted counts of its task the decision covers (the earliest started first), and
    /// whether the task was approved before, from every count of the task.
    static func select(
        countID: String, among all: [StoredCount], _ decision: CountDecision
    ) throws(ManagementError) -> (count: StoredCount, covered: [StoredCount], taskApproved: Bool) {
        guard let count = all.first(where: { $0.countID.utf8.elementsEqual(countID.utf8) }) else {
            throw .notFound("there is no count \(countID)")
        }
        let approved = all.filter { $0.status == .approved }
        try check(count, decision, taskApprovedAt: approved.isEmpty ? nil : approved.compactMap(\.decidedAt).max() ?? 0)
        let covered = all.filter { $0.status == .submitted }.enumerated().sorted {
            ($0.element.startedAt, $0.offset) < ($1.element.startedAt, $1.offset)
        }.map(\.element)
        return (count, covered, !approved.isEmpty)
    }

    /// The moment central's expected quantities are taken at: when the first of the counts started.
    static func asOf(_ counts: [StoredCount]) -> Int64 {
        counts.map(\.startedAt).min() ?? 0
    }

    /// The counts' lines summed per item, lot and location, in the order they first appear.
    static func lines(_ counts: [StoredCount], locationID: String?) throws(ManagementError) -> [Line] {
        let located = counts.filter { $0.locationID != nil }
        if !located.isEmpty && located.count != counts.count {
            throw .invalid(
                "the counts of count task \(counts[0].taskKey) were made with and without a location; reject them "
                    + "and count again")
        }
        var lines: [Line] = []
        var index: [[[UInt8]]: Int] = [:]
        for count in counts {
            guard let bookAt = count.locationID ?? locationID else {
                throw .invalid(
                    "count \(count.countID) was made without a location: name the location its corrections are "
                        + "booked at (locationID)")
            }
            for line in count.lines {
                let key = [Array(line.productID.utf8), Array(line.lot.utf8), Array((count.locationID ?? "").utf8)]
                if let existing = index[key] {
                    lines[existing].counted = lines[existing].counted.saturatingAdding(line.counted)
                } else {
                    index[key] = lines.count
                    lines.append(
                        Line(
                            productID: line.productID, lot: line.lot, countedAt: count.locationID, bookAt: bookAt,
                            counted: line.counted))
                }
            }
        }
        return lines
    }

    /// Central's expected figures with those of lines counted without a lot settled: such a line stands for every
    /// lot of its product at its location that no other line counts, so its figure (queried as every lot's) loses
    /// the figures of the lines that count a lot of the same product at the same location.
    static func settleLotless(_ lines: [Line], expected: [Int64]) -> [Int64] {
        var settled = expected
        for (index, line) in lines.enumerated() where line.lot.isEmpty {
            for (other, counted) in lines.enumerated()
            where !counted.lot.isEmpty && counted.productID.utf8.elementsEqual(line.productID.utf8)
                && (counted.countedAt ?? "").utf8.elementsEqual((line.countedAt ?? "").utf8)
            {
                settled[index] = settled[index].saturatingSubtracting(expected[other])
            }
        }
        return settled
    }

    /// The movements that make central's ledger hold what was counted: counted − expected for each line whose
    /// figures differ, with ids made here.
    static func corrections(
        _ lines: [Line], expected: [Int64], newID: () -> String = { UUID().uuidString.lowercased() }
    ) -> [MovementPayload] {
        zip(lines, expected).compactMap { line, expected in
            let difference = line.counted.saturatingSubtracting(expected)
            guard difference != 0 else { return nil }
            return MovementPayload(
                id: newID(), productID: line.productID, locationID: line.bookAt, lot: line.lot, quantity: difference,
                reason: "count-correction")
        }
    }

    /// The count-task record that carries the decision to the stations: the task's own record when central holds
    /// it, else one made for a count started at a station (its key is the count id).
    /// The task record a decision writes, or the stored one with nothing to write when the task was already
    /// approved: counts that came after the approval are rejected, and the task's decision stands.
    static func taskRecord(
        stored payload: String?, key: String, counts: [StoredCount], status: CountStatus,
        corrections: [MovementPayload]?, decidedAt: Int64, taskApproved: Bool
    ) throws(ManagementError) -> (record: CountTaskRecord, write: CatalogWrite?) {
        var record: CountTaskRecord
        if let payload, let stored = try? JSONDecoder().decode(CountTaskRecord.self, from: Data(payload.utf8)) {
            if taskApproved { return (stored, nil) }
            record = stored
        } else {
            let locationID = counts.first?.locationID
            var products: [String] = []
            if locationID == nil {
                for line in counts.flatMap(\.lines)
                where !products.contains(where: { $0.utf8.elementsEqual(line.productID.utf8) }) {
                    products.append(line.productID)
                }
            }
            record = CountTaskRecord(id: key, locationID: locationID, productIDs: products, status: "", dueAt: nil)
        }
        record.status = status.rawValue
        record.countIDs = counts.map(\.countID)
        record.corrections = corrections
        record.decidedAt = decidedAt
        do {
            return (record, try CatalogWrite(.countTask(record)))
        } catch {
            throw .invalid("the decision cannot be sent to the stations: \(error)")
        }
    }
}

/// The SQL of the management API and of purchase orders following their receipts, with `?` placeholders: SQLite
/// runs it as it is, PostgreSQL with `$1`, `$2` … (``numbered(_:)``).
enum ManagementSQL {
    static let countColumns = """
        count_id, station_id, event_id, task_id, task_key, location_id, started_at, submitted_at, lanes, recounted, \
        status, decided_at
        """

    /// The counts of a task, every status, in the order of their ids' bytes; locked on PostgreSQL, so decisions on
    /// one task take turns.
    static func countsOfTask(postgres: Bool) -> String {
        postgres
            ? "SELECT \(countColumns) FROM counts WHERE task_key = ? ORDER BY count_id COLLATE \"C\" FOR UPDATE"
            : "SELECT \(countColumns) FROM counts WHERE task_key = ? ORDER BY count_id"
    }

    static let taskKeyOfCount = "SELECT task_key FROM counts WHERE count_id = ?"

    /// A page of counts of one status, oldest submission first.
    static func countsWithStatus(postgres: Bool) -> String {
        "SELECT \(countColumns) FROM counts WHERE status = ? ORDER BY submitted_at, count_id"
            + (postgres ? " COLLATE \"C\"" : "") + " LIMIT ?"
    }

    static let countLines = """
        SELECT product_id, lot, counted, expected, first_count FROM count_lines WHERE count_id = ? ORDER BY line
        """

    /// A count's lines with central's expected quantity as of the count's start: its movements at the count's
    /// location (every location for a count without one) up to `started_at`, of the line's lot (every lot for lot
    /// "", before ``CountApproval/settleLotless(_:expected:)``).
    static let countLinesWithCentralExpected = """
        SELECT l.product_id, l.lot, l.counted, l.expected, l.first_count,
            CAST(COALESCE((SELECT SUM(m.quantity) FROM movements m
                WHERE m.product_id = l.product_id AND (l.lot = '' OR m.lot = l.lot)
                    AND (c.location_id IS NULL OR m.location_id = c.location_id)
                    AND m.occurred_at <= c.started_at), 0) AS BIGINT)
        FROM count_lines l JOIN counts c ON c.count_id = l.count_id
        WHERE l.count_id = ? ORDER BY l.line
        """

    /// Central's stock of an item and lot at a location as of a moment, every lot's for lot "" (arguments:
    /// product, location, lot, lot again, time).
    static let expectedAtLocation = """
        SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM movements
        WHERE product_id = ? AND location_id = ? AND (? = '' OR lot = ?) AND occurred_at <= ?
        """

    /// Central's stock of an item and lot at every location as of a moment, every lot's for lot "" (arguments:
    /// product, lot, lot again, time).
    static let expectedEverywhere = """
        SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM movements
        WHERE product_id = ? AND (? = '' OR lot = ?) AND occurred_at <= ?
        """

    /// The arguments of ``expectedAtLocation`` or ``expectedEverywhere`` for a line, and which of the two.
    static func expected(_ line: CountApproval.Line, asOf: Int64) -> (sql: String, values: [SQLValue]) {
        if let location = line.countedAt {
            return (
                expectedAtLocation,
                [.text(line.productID), .text(location), .text(line.lot), .text(line.lot), .integer(asOf)]
            )
        }
        return (expectedEverywhere, [.text(line.productID), .text(line.lot), .text(line.lot), .integer(asOf)])
    }

    static let decideCount = "UPDATE counts SET status = ?, decided_at = ? WHERE count_id = ?"

    static let catalogPayload = "SELECT payload FROM catalog WHERE kind = ? AND key = ?"

    static let receiptsOfOrder = "SELECT receipt_id, closed_at FROM goods_receipts WHERE purchase_order_id = ?"

    /// The good goods received against an order's lines, by every receipt central holds for it.
    static let goodsOfOrder = """
        SELECT l.order_line, l.product_id, l.quantity
        FROM goods_receipt_lines l JOIN goods_receipts r ON r.receipt_id = l.receipt_id
        WHERE r.purchase_order_id = ? AND l.condition = 'good' AND l.order_line IS NOT NULL
            AND l.product_id IS NOT NULL
        """

    static let setOrderProblem = "UPDATE goods_receipts SET order_problem = ? WHERE receipt_id = ?"

    static let receiptColumns = """
        receipt_id, station_id, purchase_order_id, purchase_order_number, lane, location_id, opened_at, closed_at, \
        backorder, order_problem
        """

    /// A page of goods receipts, newest first (arguments: order id or NULL, whether only those with a problem,
    /// limit).
    static func receipts(postgres: Bool) -> String {
        """
        SELECT \(receiptColumns) FROM goods_receipts
        WHERE (CAST(? AS TEXT) IS NULL OR purchase_order_id = ?) AND (? = 0 OR order_problem IS NOT NULL)
        ORDER BY closed_at DESC, receipt_id\(postgres ? " COLLATE \"C\"" : "") DESC LIMIT ?
        """
    }

    static let receiptLines = """
        SELECT order_line, product_id, code, lot, expiry, quantity, condition, reason, sscc
        FROM goods_receipt_lines WHERE receipt_id = ? ORDER BY line
        """

    static let supplier = "SELECT id, name, over_tolerance_percent FROM suppliers WHERE id = ?"

    static let upsertSupplier = """
        INSERT INTO suppliers (id, name, over_tolerance_percent, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name,
            over_tolerance_percent = excluded.over_tolerance_percent, updated_at = excluded.updated_at
        """

    static let orderWithNumber = "SELECT id FROM purchase_orders WHERE number = ?"

    static let insertOrder = "INSERT INTO purchase_orders (id, number, supplier_id, created_at) VALUES (?, ?, ?, ?)"

    static let insertManager = "INSERT INTO managers (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)"

    static let managerColumns = "id, name, created_at, revoked_at"

    static let managerWithToken = "SELECT \(managerColumns) FROM managers WHERE token_hash = ? AND revoked_at IS NULL"

    static func managers(postgres: Bool) -> String {
        "SELECT \(managerColumns) FROM managers ORDER BY created_at, id" + (postgres ? " COLLATE \"C\"" : "")
    }

    static let revokeManager = """
        UPDATE managers SET revoked_at = COALESCE(revoked_at, ?), token_hash = NULL WHERE id = ?
        """

    /// PostgreSQL's form of a statement: each `?` becomes `$1`, `$2` … in order. The statements hold no `?` of
    /// their own.
    static func numbered(_ sql: String) -> String {
        var out = ""
        var number = 0
        for character in sql {
            if character == "?" {
                number += 1
                out += "$\(number)"
            } else {
                out.append(character)
            }
        }
        return out
    }
}

extension Int64 {
    /// The sum, held at the largest or smallest value rather than trapping: figures from stations are not trusted to
    /// stay in range.
    func saturatingAdding(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// The difference, held at the largest or smallest value rather than trapping.
    func saturatingSubtracting(_ other: Int64) -> Int64 {
        let (difference, overflow) = subtractingReportingOverflow(other)
        return overflow ? (other < 0 ? .max : .min) : difference
    }
}
