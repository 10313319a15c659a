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
    }

    func supplierOrderPage(
        _ visit: Visit, id: String, errors: [String: String], notice: String?, status: HTTPResponse.Status,
        typed: [String: String] = [:]
    ) async throws -> Response {
        let supplier = visit.user.supplierID ?? ""
        let found = try await database.read {
            db -> (PurchaseOrders.Order, PurchaseOrders.Confirmation?, [String: String])? in
            guard let order = try PurchaseOrders.load(id: id, on: db), order.record.supplierID == supplier,
                !order.isDraft
            else { return nil }
            let names = try PurchaseOrders.products(of: order.record, on: db).mapValues(\.name)
            return (order, try PurchaseOrders.confirmation(orderID: id, on: db), names)
        }
        guard let (order, confirmation, names) = found else {
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
        if let notice { values["notice"] = notice }
        var response = try render("supplier-order", visit, values, current: Self.supplierPath)
        response.status = status
        return response
    }
}
