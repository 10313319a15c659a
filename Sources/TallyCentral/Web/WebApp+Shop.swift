import Foundation
import Hummingbird
import TallyCore
import TallySync

/// The customer portal: registering, the catalog with prices and availability, the basket, placing an order, and
/// one's orders with their status, tracking, invoices, payments and balance. A customer reaches only their own:
/// another customer's order or invoice answers as if it did not exist.
extension WebApp {
    static let shopPath = "/app/shop"
    static let shopOrdersPath = "/app/shop/orders"

    func addShopRoutes(to router: Router<CentralRequestContext>) {
        let app = self
        router.get("/register") { request, _ in
            try await app.registerPage(request: request, form: [:], errors: [:], status: .ok)
        }
        router.post("/register") { request, context in try await app.register(request, context) }
        page(router, "GET", Self.shopPath) { visit, _ in try await app.catalogPage(visit, notice: nil) }
        page(router, "GET", Self.shopPath + "/basket") { visit, _ in
            try await app.basketPage(visit, errors: [:], notice: nil, status: .ok)
        }
        page(router, "POST", Self.shopPath + "/basket") { visit, _ in
            // Adds one product from the catalog, or sets the basket's quantities (`set`).
            let customer = try app.customerID(visit)
            let form = visit.form
            let setting = form["set"] != nil
            let lines =
                setting
                ? form.keys.filter { $0.hasPrefix("quantity-") }.sorted().map {
                    SalesOrders.LineInput(product: String($0.dropFirst("quantity-".count)), quantity: form[$0] ?? "")
                }
                : [SalesOrders.LineInput(product: form["product"] ?? "", quantity: form["quantity"] ?? "1")]
            let pricing = app.pricing
            let now = app.clock()
            do {
                _ = try await app.database.write { db in
                    try SalesOrders.fillBasket(
                        customerID: customer, lines, adding: !setting, actor: visit.user.id, pricing: pricing, now: now,
                        on: db)
                }
                return try await app.basketPage(
                    visit, errors: [:], notice: setting ? "The basket is updated." : "Added to the basket.", status: .ok
                )
            } catch let errors as FieldErrors {
                let message = errors.messages.values.sorted().joined(separator: "; ")
                return try await app.basketPage(
                    visit, errors: ["basket": message], notice: nil, status: .unprocessableContent)
            }
        }
        page(router, "POST", Self.shopPath + "/basket/place") { visit, _ in
            let customer = try app.customerID(visit)
            let pricing = app.pricing
            let now = app.clock()
            do {
                let order = try await app.database.write { db in
                    try SalesOrders.placeBasket(
                        customerID: customer, app.placeInput(visit.form), actor: visit.user.id, pricing: pricing,
                        now: now, on: db)
                }
                return Response.redirect(to: "\(Self.shopOrdersPath)/\(order.id)?placed=1", type: .normal)
            } catch let errors as FieldErrors {
                return try await app.basketPage(
                    visit, errors: errors.messages, notice: nil, status: .unprocessableContent, typed: visit.form)
            }
        }
        page(router, "GET", Self.shopOrdersPath) { visit, _ in
            let customer = try app.customerID(visit)
            let (orders, account) = try await app.database.read { db in
                (
                    try SalesOrders.list(
                        status: nil, customerID: customer, query: "", limit: 500, offset: 0, on: db),
                    try SalesOrders.account(customerID: customer, on: db)
                )
            }
            return try app.render(
                "shop-orders", visit,
                ["orders": orders.rows.map(app.salesSummary), "account": app.accountValues(account)],
                current: Self.shopOrdersPath)
        }
        page(router, "GET", Self.shopOrdersPath + "/:id") { visit, context in
            let id = context.parameters.get("id") ?? ""
            return try await app.shopOrderPage(
                visit, id: id, errors: [:],
                notice: visit.query["placed"] == "1" ? "Thank you: your order is placed. We confirm it soon." : nil)
        }
        page(router, "POST", Self.shopOrdersPath + "/:id/cancel") { visit, context in
            let id = context.parameters.get("id") ?? ""
            let customer = try app.customerID(visit)
            let now = app.clock()
            do {
                _ = try await app.database.write { db in
                    try SalesOrders.perform(
                        .cancel, id: id, customerID: customer, actor: visit.user.id, now: now, on: db)
                }
                return try await app.shopOrderPage(visit, id: id, errors: [:], notice: "Your order is cancelled.")
            } catch let errors as FieldErrors {
                var response = try await app.shopOrderPage(visit, id: id, errors: errors.messages, notice: nil)
                response.status = .conflict
                return response
            }
        }
        page(router, "GET", "/app/shop/invoices/:id") { visit, context in
            try await app.invoicePage(
                visit, id: context.parameters.get("id") ?? "", customerID: try app.customerID(visit))
        }
    }

    /// The customer a customer user is.
    func customerID(_ visit: Visit) throws -> String {
        guard let customer = visit.user.customerID else {
            throw WebProblem(status: .forbidden, heading: "Not allowed", text: "Your account is not a customer's.")
        }
        return customer
    }

    // MARK: The catalog

    func catalogPage(_ visit: Visit, notice: String?) async throws -> Response {
        let query = String((visit.query["q"] ?? "").prefix(200))
        let page = max(1, min(Int(visit.query["page"] ?? "") ?? 1, 1_000_000))
        let now = clock()
        let currency = currency
        let products = try await database.read { db in
            try SalesOrders.shopProducts(
                query: query, limit: ListState.pageSize, offset: (page - 1) * ListState.pageSize, currency: currency,
                now: now, on: db)
        }
        let pages = max(1, (products.total + ListState.pageSize - 1) / ListState.pageSize)
        var values: [String: Any] = [
            "products": products.rows.map { product -> [String: Any] in
                let weight = product.unit == "weight"
                var row: [String: Any] = [
                    "id": product.id, "name": product.name, "description": product.description ?? "",
                    "price": currency.text(product.price) + (weight ? " per kg" : ""),
                    "availability": product.available <= 0
                        ? "out of stock"
                        : weight ? "\(product.available) g available" : "\(product.available) available",
                    "unit": weight ? "grams" : "pieces", "quantity": weight ? "500" : "1",
                ]
                if product.available > 0 { row["inStock"] = true }
                return row
            },
            "query": query, "page": page, "pages": pages,
            "summary": products.total == 1 ? "1 product" : "\(products.total) products",
        ]
        let encoded = Form.encode(query)
        if page > 1 { values["previous"] = "\(Self.shopPath)?q=\(encoded)&page=\(page - 1)" }
        if page < pages { values["next"] = "\(Self.shopPath)?q=\(encoded)&page=\(page + 1)" }
        if let notice { values["notice"] = notice }
        return try render("shop", visit, values, current: Self.shopPath)
    }

    func basketPage(
        _ visit: Visit, errors: [String: String], notice: String?, status: HTTPResponse.Status,
        typed: [String: String] = [:]
    ) async throws -> Response {
        let customerID = try customerID(visit)
        let (basket, customer) = try await database.read { db in
            (
                try SalesOrders.basket(customerID: customerID, on: db),
                try SalesOrders.customer(customerID, on: db)
            )
        }
        let methods = SalesOrders.paymentMethods.filter {
            $0 != "on-account" || customer?.paymentMethod == "on-account"
        }
        var values: [String: Any] = [
            "lines": (basket?.lines ?? []).map { line -> [String: Any] in
                var row: [String: Any] = [
                    "number": line.number, "product": line.productID, "name": line.name, "quantity": line.quantity,
                    "unit": line.unit == "weight" ? "grams" : "pieces",
                    "unitPrice": amount(line.unitPrice) + (line.unit == "weight" ? " per kg" : ""),
                    "total": amount(line.total),
                ]
                if let error = errors["line\(line.number)"] { row["error"] = error }
                return row
            },
            "total": amount(basket?.total ?? 0), "tax": amount(basket?.tax ?? 0), "currency": currency.code,
            "methods": Self.choices(methods, selected: typed["paymentMethod"] ?? customer?.paymentMethod ?? ""),
            "shippingAddress": typed["shippingAddress"] ?? customer?.shippingAddress ?? "",
            "note": typed["note"] ?? "", "errors": errors,
        ]
        if !(basket?.lines.isEmpty ?? true) { values["hasLines"] = true }
        if !errors.isEmpty { values["failed"] = true }
        if let notice { values["notice"] = notice }
        var response = try render("shop-basket", visit, values, current: Self.shopPath)
        response.status = status
        return response
    }

    func shopOrderPage(
        _ visit: Visit, id: String, errors: [String: String], notice: String?
    ) async throws -> Response {
        var values = try await salesOrderValues(id, customerID: try customerID(visit))
        if (values["order"] as? [String: Any])?["status"] as? String == "pending" { values["canCancel"] = true }
        values["errors"] = errors
        if !errors.isEmpty { values["failed"] = true }
        if let notice { values["notice"] = notice }
        return try render("shop-order", visit, values, current: Self.shopOrdersPath)
    }

    // MARK: Registering

    func registerPage(
        request: Request, form: [String: String], errors: [String: String], status: HTTPResponse.Status
    ) async throws -> Response {
        let token = Secrets.randomText()
        var values: [String: Any] = [
            "csrf": token, "name": form["name"] ?? "", "email": form["email"] ?? "",
            "contactName": form["contactName"] ?? "", "phone": form["phone"] ?? "",
            "shippingAddress": form["shippingAddress"] ?? "", "billingAddress": form["billingAddress"] ?? "",
            "errors": errors,
        ]
        if !errors.isEmpty { values["failed"] = true }
        var response = try render("register", nil, values, status: status)
        response.setCookie(cookie(Self.signInCookie, value: token, maxAge: 3600))
        return response
    }

    /// Makes a customer and its user from the form, and signs the user in. Each address may register a few times a
    /// day (the sign-in throttle's count for addresses), so a script cannot fill the customer list.
    func register(_ request: Request, _ context: CentralRequestContext) async throws -> Response {
        let form = try await Form.read(request, limit: Self.maximumForm)
        guard let expected = request.cookies[Self.signInCookie]?.value, Form.same(form["_csrf"] ?? "", expected),
            originIsOurs(request)
        else {
            return try await registerPage(
                request: request, form: form, errors: ["form": "The form had expired. Send it again."],
                status: .forbidden)
        }
        let key = "register:" + context.peer
        let now = clock()
        let rules = signIn
        let currency = currency
        do {
            _ = try await database.write { db -> BackOfficeUser in
                if let wait = try SignIn.lockedFor(keys: [key], now: now, on: db) {
                    throw SignIn.Refusal.locked(retryAfter: wait)
                }
                var errors = FieldErrors()
                let input: [String: String] = [
                    "name": form["name"] ?? "", "contactName": form["contactName"] ?? "",
                    "email": form["email"] ?? "", "phone": form["phone"] ?? "",
                    "shippingAddress": form["shippingAddress"] ?? "", "billingAddress": form["billingAddress"] ?? "",
                    "paymentMethod": "card",
                ]
                if (form["shippingAddress"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    errors["shippingAddress"] = "enter the address orders go to"
                }
                var values: RecordValues = [:]
                do {
                    values = try Records.checked(
                        RecordKinds.customer, input: input, existing: nil, currency: currency, on: db)
                } catch let problems as FieldErrors {
                    errors.messages.merge(problems.messages) { first, _ in first }
                }
                let draft = UserDraft(
                    email: form["email"] ?? "",
                    name: form["contactName"].flatMap { $0.isEmpty ? nil : $0 }
                        ?? form["name"] ?? "", role: .customer, customerID: "pending",
                    password: form["password"] ?? "")
                for (field, message) in Users.problems(draft).messages where errors[field] == nil {
                    errors[field] = message
                }
                if errors["email"] == nil,
                    try Users.user(email: Users.canonicalEmail(draft.email), on: db) != nil
                {
                    errors["email"] = "there is already an account with this address: sign in instead"
                }
                try errors.check()
                let saved = try Records.save(
                    RecordKinds.customer, values, existing: nil, actor: "registration", currency: currency, now: now,
                    on: db)
                var bound = draft
                bound.customerID = saved["id"]?.textValue
                let user = try Users.create(bound, cost: rules.bcryptCost, actor: "registration", now: now, on: db)
                try rules.fail(keys: [key], now: now, on: db)
                return user
            }
        } catch let errors as FieldErrors {
            return try await registerPage(
                request: request, form: form, errors: errors.messages, status: .unprocessableContent)
        } catch SignIn.Refusal.locked {
            return try await registerPage(
                request: request, form: form,
                errors: ["form": "Too many accounts were made from this address today. Try again later."],
                status: .tooManyRequests)
        }
        let opened = try await signIn.signIn(
            email: form["email"] ?? "", password: form["password"] ?? "", address: context.peer, now: clock(),
            database: database)
        var response = Response.redirect(to: Self.shopPath, type: .normal)
        response.setCookie(cookie(Self.sessionCookie, value: opened.token, maxAge: Int(signIn.absoluteTimeout / 1000)))
        response.setCookie(cookie(Self.signInCookie, value: "", maxAge: 0))
        return response
    }
}
