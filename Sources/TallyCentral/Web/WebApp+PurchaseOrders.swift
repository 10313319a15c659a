import Foundation
import Hummingbird
import TallyCore
import TallySync

/// Purchase orders: the list by status, a draft's form, an order with its receipts and its actions, the printable
/// order with its barcode for the dock, and the reorder suggestions that become drafts.
extension WebApp {
    static let orderPath = "/app/purchase-orders"
    /// The line rows a draft's form offers.
    static let formLines = 12

    func addPurchaseOrderRoutes(to router: Router<CentralRequestContext>) {
        let app = self
        let path = Self.orderPath
        page(router, "GET", path) { visit, _ in try await app.ordersPage(visit) }
        page(router, "GET", path + ".csv") { visit, _ in
            let status = visit.query["status"].flatMap { PurchaseOrders.statuses.contains($0) ? $0 : nil }
            let orders = try await app.database.read { db in
                try PurchaseOrders.list(
                    status: status, query: visit.query["q"] ?? "", limit: 1_000_000, offset: 0, on: db)
            }
            return CSV.response(
                header: [
                    "id", "number", "supplier", "status", "location", "expected", "created", "lines", "ordered",
                    "received",
                ],
                rows: orders.rows.map { order in
                    let record = order.record
                    return [
                        record.id, record.number, record.supplierID, record.status, record.locationID,
                        PurchaseOrders.dayText(record.expectedAt), Self.time(order.createdAt),
                        String(record.lines.count),
                        String(record.lines.reduce(0) { $0 + $1.quantity }),
                        String(record.lines.reduce(0) { $0 + ($1.received ?? 0) }),
                    ]
                }, filename: "purchase-orders.csv")
        }
        page(router, "GET", path + "/new") { visit, _ in
            let supplier = visit.query["supplier"] ?? ""
            return try await app.draftPage(
                visit, order: nil,
                input: PurchaseOrders.DraftInput(supplierID: supplier, locationID: "", expected: "", lines: []),
                errors: [:], status: .ok)
        }
        page(router, "POST", path) { visit, _ in
            let input = Self.draftInput(visit.form)
            let now = app.clock()
            do {
                let order = try await app.database.write { db in
                    try PurchaseOrders.saveDraft(id: nil, input, actor: visit.user.id, now: now, on: db)
                }
                return Response.redirect(to: "\(path)/\(order.record.id)", type: .normal)
            } catch let errors as FieldErrors {
                return try await app.draftPage(
                    visit, order: nil, input: input, errors: errors.messages, status: .unprocessableContent)
            }
        }
        page(router, "GET", path + "/suggestions") { visit, _ in try await app.suggestionsPage(visit, notice: nil) }
        page(router, "POST", path + "/suggestions") { visit, _ in
            // Drafts for the chosen supplier's suggested lines.
            let supplier = visit.form["supplier"] ?? ""
            let location = visit.form["locationID"] ?? ""
            let now = app.clock()
            do {
                let order = try await app.database.write { db in
                    try PurchaseOrders.draftFromSuggestions(
                        supplierID: supplier, locationID: location, actor: visit.user.id, now: now, on: db)
                }
                return Response.redirect(to: "\(path)/\(order.record.id)", type: .normal)
            } catch let errors as FieldErrors {
                var response = try await app.suggestionsPage(
                    visit, notice: nil, errors: errors.messages.values.sorted().joined(separator: "; "))
                response.status = .unprocessableContent
                return response
            }
        }
        page(router, "GET", path + "/:id") { visit, context in
            let id = context.parameters.get("id") ?? ""
            guard let order = try await app.database.read({ db in try PurchaseOrders.load(id: id, on: db) }) else {
                throw WebProblem.notFound("There is no purchase order \(id).")
            }
            return try await app.orderPage(visit, order, errors: [:], notice: nil, status: .ok)
        }
        page(router, "POST", path + "/:id") { visit, context in
            let id = context.parameters.get("id") ?? ""
            let input = Self.draftInput(visit.form)
            let now = app.clock()
            do {
                let order = try await app.database.write { db in
                    try PurchaseOrders.saveDraft(id: id, input, actor: visit.user.id, now: now, on: db)
                }
                return try await app.orderPage(visit, order, errors: [:], notice: "Saved.", status: .ok)
            } catch let errors as FieldErrors {
                guard let order = try await app.database.read({ db in try PurchaseOrders.load(id: id, on: db) }) else {
                    throw WebProblem.notFound("There is no purchase order \(id).")
                }
                return try await app.orderPage(
                    visit, order, input: input, errors: errors.messages, notice: nil, status: .unprocessableContent)
            }
        }
        for action in PurchaseOrders.Action.allCases {
            page(router, "POST", path + "/:id/" + action.rawValue) { visit, context in
                let id = context.parameters.get("id") ?? ""
                let now = app.clock()
                do {
                    let order = try await app.database.write { db in
                        try PurchaseOrders.perform(action, id: id, actor: visit.user.id, now: now, on: db)
                    }
                    let done = ["send": "sent to the docks", "cancel": "cancelled", "close": "closed"][action.rawValue]!
                    return try await app.orderPage(
                        visit, order, errors: [:], notice: "Order \(order.record.number) was \(done).", status: .ok)
                } catch let errors as FieldErrors {
                    guard let order = try await app.database.read({ db in try PurchaseOrders.load(id: id, on: db) })
                    else { throw WebProblem.notFound("There is no purchase order \(id).") }
                    return try await app.orderPage(
                        visit, order, errors: errors.messages, notice: nil, status: .conflict)
                }
            }
        }
        page(router, "GET", path + "/:id/print") { visit, context in
            let id = context.parameters.get("id") ?? ""
            guard let order = try await app.database.read({ db in try PurchaseOrders.load(id: id, on: db) }) else {
                throw WebProblem.notFound("There is no purchase order \(id).")
            }
            return try await app.printPage(visit, order)
        }
    }

    static func draftInput(_ form: [String: String]) -> PurchaseOrders.DraftInput {
        PurchaseOrders.DraftInput(
            supplierID: form["supplierID"] ?? "", locationID: form["locationID"] ?? "",
            expected: form["expected"] ?? "",
            lines: (1...formLines).map {
                PurchaseOrders.LineInput(product: form["product\($0)"] ?? "", quantity: form["quantity\($0)"] ?? "")
            })
    }

    func orderSummary(_ order: PurchaseOrders.Order) -> [String: Any] {
        let record = order.record
        return [
            "id": record.id, "number": record.number, "supplier": record.supplierName, "supplierID": record.supplierID,
            "status": record.status, "location": record.locationID,
            "expected": PurchaseOrders.dayText(record.expectedAt), "created": Self.time(order.createdAt),
            "lines": record.lines.count, "ordered": record.lines.reduce(0) { $0 + $1.quantity },
            "received": record.lines.reduce(0) { $0 + ($1.received ?? 0) },
        ]
    }

    func ordersPage(_ visit: Visit) async throws -> Response {
        let status = visit.query["status"].flatMap { PurchaseOrders.statuses.contains($0) ? $0 : nil }
        let query = String((visit.query["q"] ?? "").prefix(200))
        let page = max(1, Int(visit.query["page"] ?? "") ?? 1)
        let orders = try await database.read { db in
            try PurchaseOrders.list(
                status: status, query: query, limit: ListState.pageSize, offset: (page - 1) * ListState.pageSize, on: db
            )
        }
        let pages = max(1, (orders.total + ListState.pageSize - 1) / ListState.pageSize)
        func link(_ page: Int) -> String {
            "\(Self.orderPath)?q=\(Form.encode(query))&status=\(status ?? "")&page=\(page)"
        }
        var values: [String: Any] = [
            "orders": orders.rows.map(orderSummary), "query": query, "queryEncoded": Form.encode(query),
            "statusValue": status ?? "", "summary": orders.total == 1 ? "1 in all" : "\(orders.total) in all",
            "page": page, "pages": pages,
            "statuses": PurchaseOrders.statuses.map { candidate -> [String: Any] in
                var option: [String: Any] = ["value": candidate]
                if candidate == status { option["selected"] = true }
                return option
            },
        ]
        if page > 1 { values["previous"] = link(page - 1) }
        if page < pages { values["next"] = link(page + 1) }
        if visit.user.role.can(.editPurchasing) { values["canEdit"] = true }
        return try render("purchase-orders", visit, values, current: Self.orderPath)
    }

    /// The choices of a draft's supplier and receiving location.
    func draftChoices(
        _ input: PurchaseOrders.DraftInput
    ) async throws -> (suppliers: [[String: Any]], locations: [[String: Any]]) {
        let (suppliers, locations) = try await database.read { db in
            (try Records.options(RecordKinds.supplier, on: db), try Records.options(RecordKinds.location, on: db))
        }
        func options(_ list: [(id: String, name: String)], selected: String) -> [[String: Any]] {
            [["value": "", "title": "—"]]
                + list.map { option -> [String: Any] in
                    var values: [String: Any] = ["value": option.id, "title": "\(option.name) (\(option.id))"]
                    if option.id == selected { values["selected"] = true }
                    return values
                }
        }
        return (options(suppliers, selected: input.supplierID), options(locations, selected: input.locationID))
    }

    func draftValues(
        _ input: PurchaseOrders.DraftInput, errors: [String: String]
    ) async throws -> [String: Any] {
        let choices = try await draftChoices(input)
        return [
            "suppliers": choices.suppliers, "locations": choices.locations, "expected": input.expected,
            "errors": errors,
            "lines": (1...Self.formLines).map { index -> [String: Any] in
                let line =
                    index <= input.lines.count
                    ? input.lines[index - 1] : PurchaseOrders.LineInput(product: "", quantity: "")
                var values: [String: Any] = ["index": index, "product": line.product, "quantity": line.quantity]
                if let error = errors["line\(index)"] { values["error"] = error }
                return values
            },
        ]
    }

    func draftPage(
        _ visit: Visit, order: PurchaseOrders.Order?, input: PurchaseOrders.DraftInput, errors: [String: String],
        status: HTTPResponse.Status
    ) async throws -> Response {
        var values: [String: Any] = ["draft": try await draftValues(input, errors: errors), "action": Self.orderPath]
        if !errors.isEmpty { values["failed"] = true }
        var response = try render("purchase-order-new", visit, values, current: Self.orderPath)
        response.status = status
        return response
    }

    func orderPage(
        _ visit: Visit, _ order: PurchaseOrders.Order, input: PurchaseOrders.DraftInput? = nil,
        errors: [String: String], notice: String?, status: HTTPResponse.Status
    ) async throws -> Response {
        let record = order.record
        let id = record.id
        let history = try await history(entity: "purchase-order", id: id)
        let (products, receipts, confirmation, notices) = try await database.read { db in
            let products = try PurchaseOrders.products(of: record, on: db)
            let receipts = try db.query(
                """
                SELECT r.receipt_id, COALESCE(s.name, r.station_id) AS station, r.lane, r.closed_at, r.backorder
                FROM goods_receipts r LEFT JOIN stations s ON s.id = r.station_id
                WHERE r.purchase_order_id = ? ORDER BY r.closed_at
                """,
                .text(id))
            return (
                products, receipts, try PurchaseOrders.confirmation(orderID: id, on: db),
                try ShipmentNotices.of(orderID: id, on: db).map { notice in
                    (
                        notice,
                        try db.first("SELECT email FROM users WHERE id = ?", .text(notice.createdBy))?.text("email")
                    )
                }
            )
        }
        let canEdit = visit.user.role.can(.editPurchasing)
        var values: [String: Any] = [
            "order": orderSummary(order),
            "orderLines": record.lines.map { line -> [String: Any] in
                [
                    "number": line.number, "product": line.productID, "name": products[line.productID]?.name ?? "",
                    "quantity": line.quantity, "received": line.received ?? 0,
                    "open": max(0, line.quantity - (line.received ?? 0)),
                ]
            },
            "receipts": receipts.map { row -> [String: Any] in
                [
                    "id": row.text("receipt_id") ?? "", "station": row.text("station") ?? "",
                    "lane": row.text("lane") ?? "", "closed": Self.time(row.integer("closed_at")),
                    "backorder": row.flag("backorder") ? "yes" : "no",
                ]
            },
            "history": history, "errors": errors,
        ]
        if !receipts.isEmpty { values["hasReceipts"] = true }
        if !notices.isEmpty { values["hasNotices"] = true }
        let names = products.mapValues(\.name)
        values["notices"] = notices.map { Self.noticeValues($0.0, names: names, by: $0.1) }
        if let confirmation {
            values["confirmation"] = [
                "date": confirmation.deliveryDate, "at": Self.time(confirmation.confirmedAt),
                "note": confirmation.note ?? "",
            ]
        }
        if let notice { values["notice"] = notice }
        if !errors.isEmpty { values["failed"] = true }
        if canEdit {
            switch record.status {
            case "draft":
                values["canSend"] = true
                values["canCancel"] = true
                let typed =
                    input
                    ?? PurchaseOrders.DraftInput(
                        supplierID: record.supplierID, locationID: record.locationID,
                        expected: PurchaseOrders.dayText(record.expectedAt),
                        lines: record.lines.map {
                            PurchaseOrders.LineInput(product: $0.productID, quantity: String($0.quantity))
                        })
                values["draft"] = try await draftValues(typed, errors: errors)
                values["action"] = "\(Self.orderPath)/\(id)"
            case "sent", "partly-received", "received":
                values["canClose"] = true
                if (record.receipts ?? []).isEmpty && record.lines.allSatisfy({ ($0.received ?? 0) == 0 }) {
                    values["canCancel"] = true
                }
            default: break
            }
        }
        var response = try render("purchase-order", visit, values, current: Self.orderPath)
        response.status = status
        return response
    }

    /// The order as the supplier and the dock get it: its lines, and its number as a Tally purchase-order label
    /// (Code 128) that the dock scans to receive against it.
    func printPage(_ visit: Visit, _ order: PurchaseOrders.Order) async throws -> Response {
        let record = order.record
        let code = TallyCode.purchaseOrder(record.number).description
        let widths = (try? Code128Symbol.widths(for: code)) ?? []
        let module = 2
        let quiet = 10 * module
        var x = quiet
        var bars: [[String: Any]] = []
        for (index, width) in widths.enumerated() {
            if index % 2 == 0 { bars.append(["x": x, "width": width * module]) }
            x += width * module
        }
        let (products, supplier) = try await database.read { db in
            let products = try PurchaseOrders.products(of: record, on: db)
            let supplier = try db.first(
                "SELECT name, contact_name, email, phone, address FROM suppliers WHERE id = ?", .text(record.supplierID)
            )
            return (products, supplier)
        }
        let values: [String: Any] = [
            "order": orderSummary(order), "code": code, "bars": bars, "barcodeWidth": x + quiet,
            "supplierAddress": supplier?.text("address") ?? "", "supplierContact": supplier?.text("contact_name") ?? "",
            "supplierEmail": supplier?.text("email") ?? "", "supplierPhone": supplier?.text("phone") ?? "",
            "orderLines": record.lines.map { line -> [String: Any] in
                [
                    "number": line.number, "product": line.productID, "name": products[line.productID]?.name ?? "",
                    "barcode": products[line.productID]?.barcodes.first ?? "", "quantity": line.quantity,
                ]
            },
        ]
        return try render("purchase-order-print", visit, values, current: Self.orderPath)
    }

    func suggestionsPage(_ visit: Visit, notice: String?, errors: String? = nil) async throws -> Response {
        let (suggestions, suppliers, locations) = try await database.read { db in
            (
                try PurchaseOrders.suggestions(on: db), try Records.options(RecordKinds.supplier, on: db),
                try Records.options(RecordKinds.location, on: db)
            )
        }
        let names = Dictionary(suppliers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var groups: [[String: Any]] = []
        var seen: [String?] = []
        for suggestion in suggestions where !seen.contains(suggestion.supplierID) {
            seen.append(suggestion.supplierID)
        }
        for supplier in seen {
            let items = suggestions.filter { $0.supplierID == supplier }
            var group: [String: Any] = [
                "supplier": supplier.map { "\(names[$0] ?? $0) (\($0))" } ?? "No preferred supplier",
                "items": items.map {
                    [
                        "product": $0.productID, "name": $0.name, "onHand": $0.onHand, "onOrder": $0.onOrder,
                        "point": $0.reorderPoint, "quantity": $0.quantity,
                    ] as [String: Any]
                },
            ]
            if let supplier, visit.user.role.can(.editPurchasing) { group["supplierID"] = supplier }
            groups.append(group)
        }
        var values: [String: Any] = [
            "groups": groups,
            "locations": locations.map { ["value": $0.id, "title": "\($0.name) (\($0.id))"] },
        ]
        if let notice { values["notice"] = notice }
        if let errors { values["problem"] = errors }
        return try render("reorder", visit, values, current: Self.orderPath)
    }
}
