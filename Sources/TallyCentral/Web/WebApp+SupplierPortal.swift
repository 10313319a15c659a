import Foundation
import Hummingbird
import TallySync

/// The supplier portal: a supplier's user sees the orders sent to its supplier, with what was received so far,
/// and confirms each with the date it will deliver. Nothing of another supplier is reachable: an order of another
/// supplier answers as if it did not exist.
extension WebApp {
    static let supplierPath = "/app/supplier/orders"

    func addSupplierPortalRoutes(to router: Router<CentralRequestContext>) {
        let app = self
        let path = Self.supplierPath
        page(router, "GET", path) { visit, _ in
            let supplier = visit.user.supplierID ?? ""
            let orders = try await app.database.read { db in
                try PurchaseOrders.ofSupplier(supplier, on: db).map { order in
                    (order, try PurchaseOrders.confirmation(orderID: order.record.id, on: db))
                }
            }
            let rows = orders.map { order, confirmation -> [String: Any] in
                var row = app.orderSummary(order)
                row["confirmed"] = confirmation?.deliveryDate ?? "not yet"
                return row
            }
            return try app.render("supplier-orders", visit, ["orders": rows], current: path)
        }
        page(router, "GET", path + "/:id") { visit, context in
            try await app.supplierOrderPage(
                visit, id: context.parameters.get("id") ?? "", errors: [:], notice: nil, status: .ok)
        }
        page(router, "POST", path + "/:id/confirm") { visit, context in
            let id = context.parameters.get("id") ?? ""
            let supplier = visit.user.supplierID ?? ""
            let now = app.clock()
            do {
                _ = try await app.database.write { db in
                    try PurchaseOrders.confirm(
                        id: id, supplierID: supplier, deliveryDate: visit.form["deliveryDate"] ?? "",
                        note: visit.form["note"] ?? "", userID: visit.user.id, now: now, on: db)
                }
                return try await app.supplierOrderPage(
                    visit, id: id, errors: [:], notice: "Thank you: the order is confirmed.", status: .ok)
            } catch let errors as FieldErrors {
                return try await app.supplierOrderPage(
                    visit, id: id, errors: errors.messages, notice: nil, status: .unprocessableContent,
                    typed: visit.form)
            }
        }
        page(router, "POST", path + "/:id/shipments") { visit, context in
            let id = context.parameters.get("id") ?? ""
            let supplier = visit.user.supplierID ?? ""
            let now = app.clock()
            do {
                let notice = try await app.database.write { db in
                    try ShipmentNotices.announce(
                        orderID: id, supplierID: supplier, Self.announcement(visit.form), userID: visit.user.id,
                        now: now, on: db)
                }
                return try await app.supplierOrderPage(
                    visit, id: id, errors: [:],
                    notice: "Thank you: shipment \(notice.number) is announced to the dock.",
                    status: .ok)
            } catch let errors as FieldErrors {
                return try await app.supplierOrderPage(
                    visit, id: id, errors: errors.messages, notice: nil, status: .unprocessableContent,
                    announcing: visit.form)
            }
        }
        addSupplierProductRoutes(to: router)
    }

    /// The rows a shipment notice's form offers.
    static let noticeRows = 8

    /// A notice's form as typed.
    static func announcement(_ form: [String: String]) -> ShipmentNotices.Announcement {
        ShipmentNotices.Announcement(
            shippedOn: form["shippedOn"] ?? "", arrivesOn: form["arrivesOn"] ?? "", carrier: form["carrier"] ?? "",
            tracking: form["tracking"] ?? "",
            rows: (1...noticeRows).map { index in
                ShipmentNotices.Row(
                    place: "row-\(index)", sscc: form["sscc-\(index)"] ?? "", product: form["product-\(index)"] ?? "",
                    quantity: form["quantity-\(index)"] ?? "", lot: form["lot-\(index)"] ?? "",
                    bestBefore: form["bestBefore-\(index)"] ?? "")
            })
    }

    /// A notice as the supplier's and the staff's order pages show it.
    static func noticeValues(_ notice: ShipmentNotices.Notice, names: [String: String], by: String?) -> [String: Any] {
        var values: [String: Any] = [
            "number": notice.number, "shippedOn": notice.shippedOn, "arrivesOn": notice.arrivesOn,
            "at": time(notice.createdAt),
            "contents": notice.pallets.flatMap { pallet in
                pallet.contents.map { content -> [String: Any] in
                    [
                        "sscc": pallet.sscc, "product": content.productID, "name": names[content.productID] ?? "",
                        "quantity": content.quantity, "lot": content.lot ?? "", "bestBefore": content.expiry ?? "",
                    ]
                }
            },
        ]
        if let carrier = notice.carrier { values["carrier"] = carrier }
        if let tracking = notice.tracking { values["tracking"] = tracking }
        if let by { values["by"] = by }
        return values
    }

    func supplierOrderPage(
        _ visit: Visit, id: String, errors: [String: String], notice: String?, status: HTTPResponse.Status,
        typed: [String: String] = [:], announcing: [String: String]? = nil
    ) async throws -> Response {
        let supplier = visit.user.supplierID ?? ""
        let found = try await database.read {
            db -> (PurchaseOrders.Order, PurchaseOrders.Confirmation?, [String: String], [ShipmentNotices.Notice])? in
            guard let order = try PurchaseOrders.load(id: id, on: db), order.record.supplierID == supplier,
                !order.isDraft
            else { return nil }
            let names = try PurchaseOrders.products(of: order.record, on: db).mapValues(\.name)
            return (
                order, try PurchaseOrders.confirmation(orderID: id, on: db), names,
                try ShipmentNotices.of(orderID: id, on: db)
            )
        }
        guard let (order, confirmation, names, notices) = found else {
            throw WebProblem.notFound("There is no such order of yours.")
        }
        var values: [String: Any] = [
            "order": orderSummary(order),
            "orderLines": order.record.lines.map { line -> [String: Any] in
                [
                    "number": line.number, "product": line.productID, "name": names[line.productID] ?? "",
                    "quantity": line.quantity, "received": line.received ?? 0,
                ]
            },
            "errors": errors,
            "deliveryDate": typed["deliveryDate"] ?? confirmation?.deliveryDate
                ?? PurchaseOrders.dayText(order.record.expectedAt),
            "note": typed["note"] ?? confirmation?.note ?? "",
        ]
        if let confirmation {
            values["confirmation"] = [
                "date": confirmation.deliveryDate, "at": Self.time(confirmation.confirmedAt),
                "note": confirmation.note ?? "",
            ]
        }
        if ["sent", "partly-received"].contains(order.record.status) { values["canConfirm"] = true }
        if !notices.isEmpty { values["hasNotices"] = true }
        values["notices"] = notices.map { Self.noticeValues($0, names: names, by: nil) }
        // The notice's form: as typed when it was refused, empty (shipped today) after one went through.
        let form = announcing ?? ["shippedOn": PurchaseOrders.dayText(clock())]
        values["announce"] = [
            "shippedOn": form["shippedOn"] ?? "", "arrivesOn": form["arrivesOn"] ?? "",
            "carrier": form["carrier"] ?? "", "tracking": form["tracking"] ?? "",
            "errors": announcing == nil ? [:] : errors,
            "rows": (1...Self.noticeRows).map { index -> [String: Any] in
                let product = form["product-\(index)"] ?? ""
                var row: [String: Any] = [
                    "index": index, "sscc": form["sscc-\(index)"] ?? "", "quantity": form["quantity-\(index)"] ?? "",
                    "lot": form["lot-\(index)"] ?? "", "bestBefore": form["bestBefore-\(index)"] ?? "",
                    "products": order.record.lines.map { line -> [String: Any] in
                        var option: [String: Any] = [
                            "value": line.productID, "title": "\(names[line.productID] ?? "") (\(line.productID))",
                        ]
                        if line.productID == product { option["selected"] = true }
                        return option
                    },
                ]
                if announcing != nil, let error = errors["row-\(index)"] { row["error"] = error }
                return row
            },
        ]
        if announcing != nil { values["errors"] = [String: String]() }
        if let action = errors["action"] {
            values["failed"] = action
        } else if !errors.isEmpty {
            values["failed"] =
                announcing == nil
                ? "The order was not confirmed: see the fields marked below."
                : "The shipment was not announced: see the fields marked below."
        }
        if let notice { values["notice"] = notice }
        var response = try render("supplier-order", visit, values, current: Self.supplierPath)
        response.status = status
        return response
    }
}
