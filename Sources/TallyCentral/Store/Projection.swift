import TallySync

/// A value for a column, the same for every storage engine.
public enum SQLValue: Hashable, Sendable {
    case integer(Int64)
    case text(String)
    case null

    /// The text, or NULL.
    static func text(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }

    /// The number, or NULL.
    static func integer(_ value: Int64?) -> SQLValue { value.map { .integer($0) } ?? .null }
}

/// One row an event adds to central's tables.
public struct ProjectedRow: Hashable, Sendable {
    public var table: String
    public var columns: [String]
    public var values: [SQLValue]
}

/// A change of stock on hand for one item, location and lot.
public struct StockChange: Hashable, Sendable {
    public var productID: String
    public var locationID: String
    public var lot: String
    public var quantity: Int64
}

/// What a station event becomes in central's books: rows for the ledger of movements, sales, returns, voided
/// baskets, closed periods, goods receipts, counts and adjustments, and the changes to stock on hand. A pure function of the event, so that every
/// storage engine projects alike and the projection can be rebuilt from the stored events.
public enum Projection {
    public static func rows(
        for envelope: EventEnvelope, stationID: String
    ) -> (rows: [ProjectedRow], stock: [StockChange]) {
        let station = SQLValue.text(stationID)
        let event = SQLValue.text(envelope.id)
        switch envelope.event {
        case .saleCompleted(let sale):
            let row = ProjectedRow(
                table: "sales",
                columns: [
                    "sale_id", "station_id", "event_id", "lane", "receipt_number", "period", "currency",
                    "completed_at", "lines", "net_minor", "tax_minor", "total_minor",
                ],
                values: [
                    .text(sale.saleID), station, event, .text(sale.lane), .integer(Int64(sale.receiptNumber)),
                    .integer(Int64(sale.period)), .text(sale.currency), .integer(sale.completedAt),
                    .integer(Int64(sale.lines.count)), .integer(sale.settlement.net),
                    .integer(sale.settlement.tax), .integer(sale.settlement.total),
                ])
            let movements = movementRows(sale.movements, station: station, event: event, at: sale.completedAt)
            return ([row] + movements.rows, movements.stock)
        case .returnCompleted(let refund):
            let row = ProjectedRow(
                table: "returns",
                columns: [
                    "return_id", "station_id", "event_id", "original_sale_id", "lane", "receipt_number", "period",
                    "currency", "completed_at", "total_minor",
                ],
                values: [
                    .text(refund.returnID), station, event, .text(refund.originalSaleID), .text(refund.lane),
                    .integer(Int64(refund.receiptNumber)), .integer(Int64(refund.period)), .text(refund.currency),
                    .integer(refund.completedAt), .integer(refund.settlement.total),
                ])
            let movements = movementRows(
                refund.movements, station: station, event: event, at: refund.completedAt)
            return ([row] + movements.rows, movements.stock)
        case .basketVoided(let basket):
            let row = ProjectedRow(
                table: "voided_baskets",
                columns: ["sale_id", "station_id", "event_id", "lane", "period", "voided_at", "lines"],
                values: [
                    .text(basket.saleID), station, event, .text(basket.lane), .integer(Int64(basket.period)),
                    .integer(basket.voidedAt), .integer(Int64(basket.lines.count)),
                ])
            return ([row], [])
        case .periodClosed(let period):
            let row = ProjectedRow(
                table: "periods",
                columns: [
                    "station_id", "period", "event_id", "currency", "opened_at", "closed_at", "sales_minor",
                    "refunds_minor", "expected_cash_minor", "counted_cash_minor",
                ],
                values: [
                    station, .integer(Int64(period.period)), event, .text(period.currency),
                    .integer(period.openedAt), .integer(period.closedAt), .integer(period.sales),
                    .integer(period.refunds), .integer(period.expectedCash), .integer(period.countedCash),
                ])
            return ([row], [])
        case .goodsReceived(let receipt):
            let row = ProjectedRow(
                table: "goods_receipts",
                columns: [
                    "receipt_id", "station_id", "event_id", "purchase_order_id", "purchase_order_number", "lane",
                    "location_id", "opened_at", "closed_at", "backorder",
                ],
                values: [
                    .text(receipt.receiptID), station, event, .text(receipt.purchaseOrderID),
                    .text(receipt.purchaseOrderNumber), .text(receipt.lane), .text(receipt.locationID),
                    .integer(receipt.openedAt), .integer(receipt.closedAt), .integer(receipt.backorder ? 1 : 0),
                ])
            let lines = receipt.lines.enumerated().map { index, line in
                ProjectedRow(
                    table: "goods_receipt_lines",
                    columns: [
                        "receipt_id", "line", "order_line", "product_id", "code", "lot", "expiry", "quantity",
                        "condition", "reason", "sscc",
                    ],
                    values: [
                        .text(receipt.receiptID), .integer(Int64(index + 1)), .integer(line.orderLine.map(Int64.init)),
                        .text(line.productID), .text(line.code), .text(line.lot), .text(line.expiry),
                        .integer(line.quantity), .text(line.condition), .text(line.reason?.rawValue), .text(line.sscc),
                    ])
            }
            let movements = movementRows(receipt.movements, station: station, event: event, at: receipt.closedAt)
            return ([row] + lines + movements.rows, movements.stock)
        case .stockAdjusted(let adjustment):
            let row = ProjectedRow(
                table: "adjustments",
                columns: [
                    "adjustment_id", "station_id", "event_id", "kind", "reason", "note", "lane", "operator_id", "at",
                    "movements",
                ],
                values: [
                    .text(adjustment.adjustmentID), station, event, .text(adjustment.kind.rawValue),
                    .text(adjustment.reason.rawValue), .text(adjustment.note), .text(adjustment.lane),
                    .text(adjustment.operatorID), .integer(adjustment.at), .integer(Int64(adjustment.movements.count)),
                ])
            let movements = movementRows(adjustment.movements, station: station, event: event, at: adjustment.at)
            return ([row] + movements.rows, movements.stock)
        case .countSubmitted(let count):
            // A count moves no stock until a manager approves it: it waits as submitted, with its lines.
            let row = ProjectedRow(
                table: "counts",
                columns: [
                    "count_id", "station_id", "event_id", "task_id", "task_key", "location_id", "started_at",
                    "submitted_at", "lanes", "recounted", "status",
                ],
                values: [
                    .text(count.countID), station, event, .text(count.taskID), .text(count.taskID ?? count.countID),
                    .text(count.locationID), .integer(count.startedAt), .integer(count.submittedAt),
                    .text(jsonArray(count.lanes)), .integer(count.recounted ? 1 : 0),
                    .text(CountStatus.submitted.rawValue),
                ])
            let lines = count.lines.enumerated().map { index, line in
                ProjectedRow(
                    table: "count_lines",
                    columns: ["count_id", "line", "product_id", "lot", "counted", "expected", "first_count"],
                    values: [
                        .text(count.countID), .integer(Int64(index + 1)), .text(line.productID), .text(line.lot),
                        .integer(line.counted), .integer(line.expected), .integer(line.firstCount),
                    ])
            }
            return ([row] + lines, [])
        }
    }

    /// Strings as a JSON array, written by hand so that the projection stays a pure function of the event.
    static func jsonArray(_ strings: [String]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (index, string) in strings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            ChangesPageWriter.appendString(string, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    static func movementRows(
        _ movements: [MovementPayload], station: SQLValue, event: SQLValue, at time: Int64
    ) -> (rows: [ProjectedRow], stock: [StockChange]) {
        var rows: [ProjectedRow] = []
        var stock: [StockChange] = []
        for movement in movements {
            rows.append(
                ProjectedRow(
                    table: "movements",
                    columns: [
                        "movement_id", "station_id", "event_id", "product_id", "location_id", "lot", "quantity",
                        "reason", "occurred_at",
                    ],
                    values: [
                        .text(movement.id), station, event, .text(movement.productID), .text(movement.locationID),
                        .text(movement.lot), .integer(movement.quantity), .text(movement.reason), .integer(time),
                    ]))
            stock.append(
                StockChange(
                    productID: movement.productID, locationID: movement.locationID, lot: movement.lot,
                    quantity: movement.quantity))
        }
        return (rows, stock)
    }
}
