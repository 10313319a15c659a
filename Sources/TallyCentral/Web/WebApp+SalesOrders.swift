import Foundation
import Hummingbird
import TallyCore

/// Sales orders for staff: the list by status, an order taken by phone, an order with its steps (confirm, pick,
/// ship, deliver, cancel), its payments and refunds, returns, invoices; and the log of payments and the customers'
/// balances.
extension WebApp {
    static let salesPath = "/app/sales-orders"
    /// The line rows the form of an order taken by staff offers.
    static let salesFormLines = 12

    func addSalesOrderRoutes(to router: Router<CentralRequestContext>) {
        let app = self
        let path = Self.salesPath
        page(router, "GET", path) { visit, _ in try await app.salesOrdersPage(visit) }
        page(router, "GET", path + ".csv") { visit, _ in
            let status = visit.query["status"].flatMap { SalesOrders.statuses.contains($0) ? $0 : nil }
            let orders = try await app.database.read { db in
                try SalesOrders.list(
                    status: status, customerID: nil, query: visit.query["q"] ?? "", limit: 1_000_000, offset: 0, on: db)
            }
            return CSV.response(
                header: [
                    "id", "number", "customer", "status", "payment", "placed", "shipped", "tracking", "net", "tax",
                    "total", "currency",
                ],
                rows: orders.rows.map { order in
                    [
                        order.id, order.number ?? "", order.customerID, order.status, order.paymentMethod,
                        Self.time(order.placedAt), Self.time(order.shippedAt), order.tracking ?? "",
                        app.amount(order.net), app.amount(order.tax), app.amount(order.total), order.currency,
                    ]
                }, filename: "sales-orders.csv")
        }
        page(router, "GET", path + "/new") { visit, _ in
            try await app.newSalesOrderPage(visit, form: [:], errors: [:], status: .ok)
        }
        page(router, "POST", path) { visit, _ in
            let form = visit.form
            let lines = (1...Self.salesFormLines).map {
                SalesOrders.LineInput(product: form["product\($0)"] ?? "", quantity: form["quantity\($0)"] ?? "")
            }
            let pricing = app.pricing
            let now = app.clock()
            do {
                let order = try await app.database.write { db in
                    try SalesOrders.create(
                        customerID: form["customerID"] ?? "", lines, app.placeInput(form), actor: visit.user.id,
                        pricing: pricing, now: now, on: db)
                }
                return Response.redirect(to: "\(path)/\(order.id)", type: .normal)
            } catch let errors as FieldErrors {
                return try await app.newSalesOrderPage(
                    visit, form: form, errors: errors.messages, status: .unprocessableContent)
            }
        }
        page(router, "GET", path + "/:id") { visit, context in
            try await app.salesOrderPage(visit, id: context.parameters.get("id") ?? "", errors: [:], notice: nil)
        }
        page(router, "GET", path + "/:id/pick") { visit, context in
            try await app.pickListPage(visit, id: context.parameters.get("id") ?? "")
        }
        for action in SalesOrders.Action.allCases {
            page(router, "POST", path + "/:id/" + action.rawValue) { visit, context in
                let id = context.parameters.get("id") ?? ""
                let now = app.clock()
                return try await app.salesStep(visit, id: id) {
                    let order = try await app.database.write { db in
                        try SalesOrders.perform(action, id: id, actor: visit.user.id, now: now, on: db)
                    }
                    let done = ["confirm": "confirmed", "deliver": "delivered", "cancel": "cancelled"]
                    return "Order \(order.title) is \(done[action.rawValue]!)."
                }
            }
        }
        page(router, "POST", path + "/:id/ship") { visit, context in
            let id = context.parameters.get("id") ?? ""
            let now = app.clock()
            return try await app.salesStep(visit, id: id) {
                let order = try await app.database.write { db in
                    try SalesOrders.ship(
                        id: id, locationID: visit.form["locationID"] ?? "", tracking: visit.form["tracking"] ?? "",
                        actor: visit.user.id, now: now, on: db)
                }
                return "Order \(order.title) is shipped; its invoice is issued."
            }
        }
        page(router, "POST", path + "/:id/payments") { visit, context in
            let id = context.parameters.get("id") ?? ""
            let now = app.clock()
            return try await app.salesStep(visit, id: id) {
                let payment = try await app.database.write { db in
                    try SalesOrders.recordPayment(
                        orderID: id, app.paymentInput(visit.form), actor: visit.user.id, now: now, on: db)
                }
                return payment.kind == "refund"
                    ? "A refund of \(app.currency.text(-payment.amount)) is recorded."
                    : "A payment of \(app.currency.text(payment.amount)) is recorded."
            }
        }
        page(router, "POST", path + "/:id/returns") { visit, context in
            let id = context.parameters.get("id") ?? ""
            let now = app.clock()
            return try await app.salesStep(visit, id: id) {
                let made = try await app.database.write { db in
                    try SalesOrders.createReturn(
                        orderID: id, app.returnInput(visit.form), actor: visit.user.id, now: now, on: db)
                }
                return "Return \(made.number) is booked: \(app.currency.text(made.total)) credited."
            }
        }
        page(router, "GET", "/app/invoices/:id") { visit, context in
            try await app.invoicePage(visit, id: context.parameters.get("id") ?? "", customerID: nil)
        }
        page(router, "GET", "/app/payments") { visit, _ in try await app.paymentsPage(visit) }
        page(router, "GET", "/app/payments.csv") { visit, _ in
            let payments = try await app.database.read { db in
                try SalesOrders.payments(customerID: nil, limit: 1_000_000, offset: 0, on: db)
            }
            return CSV.response(
                header: [
                    "id", "recorded", "customer", "order", "invoice", "kind", "method", "amount", "currency",
                    "reference",
                ],
                rows: payments.rows.map { payment in
                    [
                        payment.id, Self.time(payment.recordedAt), payment.customerID, payment.orderID ?? "",
                        payment.invoiceID ?? "", payment.kind, payment.method, app.amount(payment.amount),
                        payment.currency, payment.reference ?? "",
                    ]
                }, filename: "payments.csv")
        }
        page(router, "GET", "/app/balances") { visit, _ in
            let accounts = try await app.database.read { db in try SalesOrders.accounts(on: db) }
            return try app.render(
                "balances", visit, ["accounts": accounts.map(app.accountValues)], current: "/app/balances")
        }
        page(router, "GET", "/app/balances.csv") { visit, _ in
            let accounts = try await app.database.read { db in try SalesOrders.accounts(on: db) }
            return CSV.response(
                header: ["customer", "name", "invoiced", "paid", "balance", "credit limit"],
                rows: accounts.map { account in
                    [
                        account.customerID, account.customerName, app.amount(account.invoiced),
                        app.amount(account.paid),
                        app.amount(account.balance), account.creditLimit.map(app.amount) ?? "",
                    ]
                }, filename: "balances.csv")
        }
    }

    var pricing: SalesOrders.Pricing { SalesOrders.Pricing(currency: currency, priceMode: priceMode) }

    /// An amount as a plain decimal in the shop's currency, as lists and files show it.
    func amount(_ minor: Int64) -> String {
        (try? Money(minorUnits: minor, currency: currency).decimalString()) ?? String(minor)
    }

    func placeInput(_ form: [String: String]) -> SalesOrders.PlaceInput {
        SalesOrders.PlaceInput(
            paymentMethod: form["paymentMethod"] ?? "", shippingAddress: form["shippingAddress"] ?? "",
            note: form["note"] ?? "")
    }

    func paymentInput(_ form: [String: String]) -> SalesOrders.PaymentInput {
        SalesOrders.PaymentInput(
            kind: form["kind"] ?? "payment", method: form["method"] ?? "", amount: form["amount"] ?? "",
            reference: form["reference"] ?? "")
    }

    func returnInput(_ form: [String: String]) -> SalesOrders.ReturnInput {
        var quantities: [Int: String] = [:]
        for (key, value) in form where key.hasPrefix("return") {
            if let line = Int(key.dropFirst("return".count)) { quantities[line] = value }
        }
        return SalesOrders.ReturnInput(
            locationID: form["locationID"] ?? "", reason: form["reason"] ?? "", note: form["note"] ?? "",
            quantities: quantities, refundMethod: form["refundMethod"] ?? "")
    }

    /// Runs a step on an order and shows the order again: with the step's notice, or with what was wrong.
    func salesStep(_ visit: Visit, id: String, _ step: () async throws -> String) async throws -> Response {
        do {
            let notice = try await step()
            return try await salesOrderPage(visit, id: id, errors: [:], notice: notice)
        } catch let errors as FieldErrors {
            var response = try await salesOrderPage(
                visit, id: id, errors: errors.messages, notice: nil, typed: visit.form)
            response.status = errors["action"] != nil ? .conflict : .unprocessableContent
            return response
        }
    }

    static func choices(_ values: [String], selected: String, none: String? = nil) -> [[String: Any]] {
        (none.map { [["value": "", "title": $0]] } ?? [])
            + values.map { value -> [String: Any] in
                var option: [String: Any] = ["value": value, "title": value.replacingOccurrences(of: "-", with: " ")]
                if value == selected { option["selected"] = true }
                return option
            }
    }

    func salesSummary(_ order: SalesOrders.Order) -> [String: Any] {
        [
            "id": order.id, "number": order.title, "customer": order.customerName, "customerID": order.customerID,
            "status": order.status, "paymentMethod": order.paymentMethod.replacingOccurrences(of: "-", with: " "),
            "placed": Self.time(order.placedAt), "confirmed": Self.time(order.confirmedAt),
            "shipped": Self.time(order.shippedAt), "delivered": Self.time(order.deliveredAt),
            "tracking": order.tracking ?? "", "location": order.locationID ?? "",
            "shippingAddress": order.shippingAddress ?? "", "note": order.note ?? "", "net": amount(order.net),
            "tax": amount(order.tax), "total": amount(order.total), "currency": order.currency,
            "lineCount": order.lines.count,
        ]
    }

    func accountValues(_ account: SalesOrders.Account) -> [String: Any] {
        [
            "customerID": account.customerID, "customer": account.customerName, "invoiced": amount(account.invoiced),
            "paid": amount(account.paid), "balance": amount(account.balance),
            "creditLimit": account.creditLimit.map(amount) ?? "none",
        ]
    }

    /// Everything an order's page shows, for staff and for the customer alike.
    func salesOrderValues(_ id: String, customerID: String?) async throws -> [String: Any] {
        let found = try await database.read { db in
            try SalesOrders.load(id: id, on: db).map { order in
                (
                    order, try SalesOrders.money(of: order, on: db), try SalesOrders.invoices(orderID: id, on: db),
                    try SalesOrders.payments(orderID: id, on: db), try SalesOrders.returns(orderID: id, on: db)
                )
            }
        }
        guard let (order, money, invoices, payments, returns) = found, order.status != "basket",
            customerID == nil || customerID == order.customerID
        else { throw WebProblem.notFound("There is no sales order \(id).") }
        var values: [String: Any] = [
            "order": salesSummary(order),
            "orderLines": order.lines.map { line -> [String: Any] in
                [
                    "number": line.number, "product": line.productID, "name": line.name,
                    "quantity": line.unit == "weight" ? "\(line.quantity) g" : String(line.quantity),
                    "unitPrice": amount(line.unitPrice) + (line.unit == "weight" ? " per kg" : ""),
                    "tax": amount(line.tax), "total": amount(line.total), "returned": line.returned,
                    "open": line.quantity - line.returned,
                ]
            },
            "money": [
                "charged": amount(money.charged), "paid": amount(money.paid), "due": amount(money.due),
                "refundable": amount(money.refundable),
            ],
            "invoices": invoices.map { invoice -> [String: Any] in
                [
                    "id": invoice.id, "number": invoice.number,
                    "kind": invoice.kind == "invoice" ? "Invoice" : "Credit note",
                    "issued": Self.time(invoice.issuedAt),
                    "due": PurchaseOrders.dayText(invoice.dueAt), "total": amount(invoice.total),
                ]
            },
            "payments": payments.map { payment -> [String: Any] in
                [
                    "recorded": Self.time(payment.recordedAt), "kind": payment.kind,
                    "method": payment.method.replacingOccurrences(of: "-", with: " "), "amount": amount(payment.amount),
                    "reference": payment.reference ?? "",
                ]
            },
            "returns": returns.map { made -> [String: Any] in
                [
                    "number": made.number, "created": Self.time(made.createdAt), "location": made.locationID,
                    "reason": made.reason.replacingOccurrences(of: "-", with: " "), "total": amount(made.total),
                    "items": made.lines.map { "\($0.quantity) × \($0.productID)" }.joined(separator: ", "),
                ]
            },
        ]
        values["invoiceBase"] = customerID == nil ? "/app/invoices" : "/app/shop/invoices"
        if !invoices.isEmpty { values["hasInvoices"] = true }
        if !payments.isEmpty { values["hasPayments"] = true }
        if !returns.isEmpty { values["hasReturns"] = true }
        return values
    }

    func salesOrderPage(
        _ visit: Visit, id: String, errors: [String: String], notice: String?, typed: [String: String] = [:]
    ) async throws -> Response {
        var values = try await salesOrderValues(id, customerID: nil)
        let summary = values["order"] as? [String: Any] ?? [:]
        let status = summary["status"] as? String ?? ""
        values["history"] = try await history(entity: "sales-order", id: id)
        values["errors"] = errors
        if !errors.isEmpty { values["failed"] = true }
        if let notice { values["notice"] = notice }
        if visit.user.role.can(.editSales) {
            let locations = try await database.read { db in try Records.options(RecordKinds.location, on: db) }
            func locationChoices(_ selected: String) -> [[String: Any]] {
                [["value": "", "title": "—"]]
                    + locations.map { option -> [String: Any] in
                        var values: [String: Any] = ["value": option.id, "title": "\(option.name) (\(option.id))"]
                        if option.id == selected { values["selected"] = true }
                        return values
                    }
            }
            var steps: [String: Any] = [
                "locations": locationChoices(typed["locationID"] ?? ""), "tracking": typed["tracking"] ?? "",
                "amount": typed["amount"] ?? "", "reference": typed["reference"] ?? "",
                "methods": Self.choices(SalesOrders.paidBy, selected: typed["method"] ?? ""),
                "refundMethods": Self.choices(
                    SalesOrders.paidBy, selected: typed["refundMethod"] ?? "", none: "no refund now"),
                "reasons": Self.choices(SalesOrders.returnReasons, selected: typed["reason"] ?? ""),
                "returnNote": typed["note"] ?? "",
            ]
            switch status {
            case "pending": steps["canConfirm"] = true
            case "confirmed": steps["canShip"] = true
            case "shipped":
                steps["canDeliver"] = true
                steps["canReturn"] = true
            case "delivered": steps["canReturn"] = true
            default: break
            }
            if ["pending", "confirmed"].contains(status) { steps["canCancel"] = true }
            if status != "cancelled" { steps["canPay"] = true }
            steps["returnLines"] = (values["orderLines"] as? [[String: Any]] ?? []).map { line -> [String: Any] in
                var row = line
                let number = line["number"] as? Int ?? 0
                row["typed"] = typed["return\(number)"] ?? ""
                if let error = errors["line\(number)"] { row["error"] = error }
                return row
            }
            values["staff"] = steps
        }
        return try render("sales-order", visit, values, current: Self.salesPath)
    }

    func salesOrdersPage(_ visit: Visit) async throws -> Response {
        let status = visit.query["status"].flatMap { SalesOrders.statuses.contains($0) ? $0 : nil }
        let query = String((visit.query["q"] ?? "").prefix(200))
        let page = max(1, min(Int(visit.query["page"] ?? "") ?? 1, 1_000_000))
        let orders = try await database.read { db in
            try SalesOrders.list(
                status: status, customerID: nil, query: query, limit: ListState.pageSize,
                offset: (page - 1) * ListState.pageSize, on: db)
        }
        let pages = max(1, (orders.total + ListState.pageSize - 1) / ListState.pageSize)
        func link(_ page: Int) -> String {
            "\(Self.salesPath)?q=\(Form.encode(query))&status=\(status ?? "")&page=\(page)"
        }
        var values: [String: Any] = [
            "orders": orders.rows.map(salesSummary), "query": query, "queryEncoded": Form.encode(query),
            "statusValue": status ?? "", "summary": orders.total == 1 ? "1 in all" : "\(orders.total) in all",
            "page": page, "pages": pages,
            "statuses": Self.choices(
                SalesOrders.statuses.filter { $0 != "basket" }, selected: status ?? "", none: "any"),
        ]
        if page > 1 { values["previous"] = link(page - 1) }
        if page < pages { values["next"] = link(page + 1) }
        if visit.user.role.can(.editSales) { values["canEdit"] = true }
        return try render("sales-orders", visit, values, current: Self.salesPath)
    }

    func newSalesOrderPage(
        _ visit: Visit, form: [String: String], errors: [String: String], status: HTTPResponse.Status
    ) async throws -> Response {
        let customers = try await database.read { db in try Records.options(RecordKinds.customer, on: db) }
        let selected = form["customerID"] ?? visit.query["customer"] ?? ""
        var values: [String: Any] = [
            "customers": [["value": "", "title": "—"]]
                + customers.map { option -> [String: Any] in
                    var values: [String: Any] = ["value": option.id, "title": "\(option.name) (\(option.id))"]
                    if option.id == selected { values["selected"] = true }
                    return values
                },
            "methods": Self.choices(
                SalesOrders.paymentMethods, selected: form["paymentMethod"] ?? "", none: "the customer's usual"),
            "shippingAddress": form["shippingAddress"] ?? "", "note": form["note"] ?? "", "errors": errors,
            "lines": (1...Self.salesFormLines).map { index -> [String: Any] in
                var values: [String: Any] = [
                    "index": index, "product": form["product\(index)"] ?? "",
                    "quantity": form["quantity\(index)"] ?? "",
                ]
                if let error = errors["line\(index)"] { values["error"] = error }
                return values
            },
        ]
        if !errors.isEmpty { values["failed"] = true }
        var response = try render("sales-order-new", visit, values, current: Self.salesPath)
        response.status = status
        return response
    }

    /// What to take from where: each line with the locations holding it, most first.
    func pickListPage(_ visit: Visit, id: String) async throws -> Response {
        var values = try await salesOrderValues(id, customerID: nil)
        let lines = values["orderLines"] as? [[String: Any]] ?? []
        let products = lines.map { $0["product"] as? String ?? "" }
        let places = try await database.read { db in
            try products.map { product -> String in
                try db.query(
                    """
                    SELECT location_id, CAST(SUM(quantity) AS BIGINT) AS n FROM stock WHERE product_id = ?
                    GROUP BY location_id HAVING SUM(quantity) > 0 ORDER BY SUM(quantity) DESC, location_id
                    """, .text(product)
                ).map { "\($0.text("location_id") ?? "") (\($0.integer("n") ?? 0))" }.joined(separator: ", ")
            }
        }
        values["orderLines"] = zip(lines, places).map { line, place -> [String: Any] in
            var row = line
            row["places"] = place.isEmpty ? "none on hand" : place
            return row
        }
        return try render("sales-order-pick", visit, values, current: Self.salesPath)
    }

    /// An invoice or credit note as the customer gets it; `customerID` limits it to that customer's own.
    func invoicePage(_ visit: Visit, id: String, customerID: String?) async throws -> Response {
        let found = try await database.read { db -> (SalesOrders.Invoice, SalesOrders.Order, DBRow?)? in
            guard let invoice = try SalesOrders.invoice(id: id, on: db),
                customerID == nil || invoice.customerID == customerID,
                let order = try SalesOrders.load(id: invoice.orderID, on: db)
            else { return nil }
            let customer = try db.first(
                "SELECT name, billing_address, shipping_address FROM customers WHERE id = ?", .text(invoice.customerID))
            return (invoice, order, customer)
        }
        guard let (invoice, order, customer) = found else { throw WebProblem.notFound("There is no invoice \(id).") }
        let returned = try await database.read { db in
            try invoice.returnID.map { returnID in
                try SalesOrders.returns(orderID: order.id, on: db).first { $0.id == returnID }
            } ?? nil
        }
        let lines: [[String: Any]]
        if let returned {
            lines = returned.lines.map { line -> [String: Any] in
                let ordered = order.lines.first { $0.number == line.orderLine }
                return [
                    "name": ordered?.name ?? line.productID, "quantity": line.quantity,
                    "rate": FieldText.percentText(ordered?.taxRatePPM ?? 0) + " %", "net": amount(-line.net),
                    "tax": amount(-line.tax), "total": amount(-line.total),
                ]
            }
        } else {
            lines = order.lines.map { line -> [String: Any] in
                [
                    "name": line.name, "quantity": line.unit == "weight" ? "\(line.quantity) g" : String(line.quantity),
                    "rate": FieldText.percentText(line.taxRatePPM) + " %", "net": amount(line.net),
                    "tax": amount(line.tax),
                    "total": amount(line.total),
                ]
            }
        }
        let values: [String: Any] = [
            "invoice": [
                "number": invoice.number, "title": invoice.kind == "invoice" ? "Invoice" : "Credit note",
                "issued": PurchaseOrders.dayText(invoice.issuedAt), "due": PurchaseOrders.dayText(invoice.dueAt),
                "net": amount(invoice.net), "tax": amount(invoice.tax), "total": amount(invoice.total),
                "currency": invoice.currency,
            ],
            "order": salesSummary(order), "lines": lines,
            "back": (customerID == nil ? Self.salesPath : Self.shopOrdersPath) + "/" + order.id,
            "billTo": customer?.text("billing_address") ?? customer?.text("shipping_address") ?? "",
            "customerName": customer?.text("name") ?? invoice.customerID,
        ]
        return try render("invoice", visit, values, current: customerID == nil ? Self.salesPath : Self.shopOrdersPath)
    }

    func paymentsPage(_ visit: Visit) async throws -> Response {
        let page = max(1, min(Int(visit.query["page"] ?? "") ?? 1, 1_000_000))
        let payments = try await database.read { db in
            try SalesOrders.payments(
                customerID: nil, limit: ListState.pageSize, offset: (page - 1) * ListState.pageSize, on: db)
        }
        let pages = max(1, (payments.total + ListState.pageSize - 1) / ListState.pageSize)
        var values: [String: Any] = [
            "payments": payments.rows.map { payment -> [String: Any] in
                [
                    "recorded": Self.time(payment.recordedAt), "customer": payment.customerID,
                    "orderID": payment.orderID ?? "", "kind": payment.kind,
                    "method": payment.method.replacingOccurrences(of: "-", with: " "), "amount": amount(payment.amount),
                    "reference": payment.reference ?? "",
                ]
            },
            "summary": payments.total == 1 ? "1 in all" : "\(payments.total) in all", "page": page, "pages": pages,
        ]
        if page > 1 { values["previous"] = "/app/payments?page=\(page - 1)" }
        if page < pages { values["next"] = "/app/payments?page=\(page + 1)" }
        return try render("payments", visit, values, current: "/app/payments")
    }
}

// MARK: Opening stock

extension WebApp {
    static let stockImportPath = "/app/stock/import"

    func addStockImportRoutes(to router: Router<CentralRequestContext>) {
        let app = self
        page(router, "GET", Self.stockImportPath) { visit, _ in
            try app.stockImportPage(visit, report: nil, status: .ok)
        }
        page(router, "POST", Self.stockImportPath) { visit, _ in
            let report = try await StockImport.run(
                text: visit.form["file"] ?? "", actor: visit.user.id, now: app.clock(), database: app.database)
            return try app.stockImportPage(visit, report: report, status: report.imported ? .ok : .unprocessableContent)
        }
    }

    func stockImportPage(_ visit: Visit, report: RecordImport.Report?, status: HTTPResponse.Status) throws -> Response {
        let columns: [[String: Any]] = [
            [
                "key": "product", "label": "Product", "form": "a product's code or one of its barcodes",
                "required": true,
            ],
            ["key": "location", "label": "Location", "form": "the code of a location", "required": true],
            ["key": "lot", "label": "Lot", "form": "text, at most 64 characters; empty for none"],
            [
                "key": "quantity", "label": "On hand", "form": "pieces, or grams for items sold by weight",
                "required": true,
            ],
        ]
        return try importPage(
            [
                "kind": ["pluralTitle": "opening stock", "path": "/app/stock"], "columns": columns,
                "hint": "Each row says how much is on hand at a location (and lot): the difference from what central "
                    + "holds is booked, so sending the same file again changes nothing.",
            ], visit, report: report, status: status, current: Self.stockImportPath)
    }
}
