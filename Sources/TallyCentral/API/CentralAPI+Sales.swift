import Foundation
import Hummingbird
import NIOCore
import TallySync

/// Sales orders over the REST API, as the web does them: staff list, place, confirm, ship, deliver and cancel orders
/// and record payments, refunds and returns; customers browse the catalog with availability, place orders and follow
/// their own. A step the order's status does not allow answers 409; a wrong field 422 with a message per field.
extension CentralAPI {
    struct OrderLineRequest: Decodable {
        /// A product's code or one of its barcodes.
        var product: String
        var quantity: Int64

        var input: PurchaseOrders.LineInput { PurchaseOrders.LineInput(product: product, quantity: String(quantity)) }
    }

    struct PlaceOrderRequest: Decodable {
        var customerID: String?
        var lines: [OrderLineRequest]
        var paymentMethod: String?
        var shippingAddress: String?
        var note: String?

        var lineInputs: [SalesOrders.LineInput] {
            lines.map(\.input)
        }
        var placeInput: SalesOrders.PlaceInput {
            SalesOrders.PlaceInput(
                paymentMethod: paymentMethod ?? "", shippingAddress: shippingAddress ?? "", note: note ?? "")
        }
    }

    struct ShipRequest: Decodable {
        var locationID: String
        var tracking: String?
    }

    struct PaymentRequest: Decodable {
        var kind: String
        var method: String
        /// A decimal amount in the order's currency, such as `12.50`.
        var amount: String
        var reference: String?
    }

    struct ReturnRequest: Decodable {
        struct Line: Decodable {
            var line: Int
            var quantity: Int64
        }
        var locationID: String
        var reason: String
        var note: String?
        var lines: [Line]
        var refundMethod: String?
    }

    /// An order with its money, invoices, payments and returns.
    struct OrderDetail: Encodable {
        var order: SalesOrders.Order
        var money: Money
        var invoices: [SalesOrders.Invoice]
        var payments: [SalesOrders.Payment]
        var returns: [SalesOrders.Return]

        struct Money: Encodable {
            var charged: Int64
            var paid: Int64
            var due: Int64
            var refundable: Int64
        }
    }

    static func addSalesRoutes(
        store: any CentralStore, pricing: SalesOrders.Pricing, clock: @escaping @Sendable () -> Int64,
        route: UserRoute
    ) {
        let path = "/api/v1/sales-orders"
        @Sendable func detail(_ id: String, customerID: String?) async throws -> OrderDetail {
            let found = try await store.read { db -> OrderDetail? in
                guard let order = try SalesOrders.load(id: id, on: db), order.status != "basket",
                    customerID == nil || order.customerID == customerID
                else { return nil }
                let money = try SalesOrders.money(of: order, on: db)
                return OrderDetail(
                    order: order,
                    money: .init(
                        charged: money.charged, paid: money.paid, due: money.due, refundable: money.refundable),
                    invoices: try SalesOrders.invoices(orderID: id, on: db),
                    payments: try SalesOrders.payments(orderID: id, on: db),
                    returns: try SalesOrders.returns(orderID: id, on: db))
            }
            guard let found else { throw APIProblem(status: .notFound, message: "there is no sales order \(id)") }
            return found
        }
        @Sendable func orders(_ request: Request, customerID: String?) async throws -> Response {
            let (limit, offset) = try paging(request)
            let query = Form.query(request)
            if let status = query["status"], !SalesOrders.statuses.contains(status) || status == "basket" {
                throw APIProblem(
                    status: .badRequest,
                    message: "status must be one of pending, confirmed, shipped, delivered, cancelled")
            }
            if let customer = query["customer"], Input.identifierProblem(customer, "") != nil {
                throw APIProblem(status: .badRequest, message: "customer must be a customer's code")
            }
            let page = try await store.read { db in
                try SalesOrders.list(
                    status: query["status"], customerID: customerID ?? query["customer"], query: query["q"] ?? "",
                    limit: limit, offset: offset, on: db)
            }
            return try json(ListResponse(items: page.rows, total: page.total, limit: limit, offset: offset))
        }
        @Sendable func customer(_ user: BackOfficeUser) throws -> String {
            guard let id = user.customerID else {
                throw APIProblem(status: .forbidden, message: "this token's user is not a customer's")
            }
            return id
        }

        route("GET", path) { request, _, _ in try await orders(request, customerID: nil) }
        route("POST", path) { request, _, user in
            let body = try await decode(PlaceOrderRequest.self, from: request)
            let now = clock()
            let order = try await store.write { db in
                try SalesOrders.create(
                    customerID: body.customerID ?? "", body.lineInputs, body.placeInput, actor: user.id,
                    pricing: pricing, now: now, on: db)
            }
            return try json(order, status: .created)
        }
        route("GET", path + "/:id") { _, context, _ in
            try json(try await detail(context.parameters.get("id") ?? "", customerID: nil))
        }
        for action in SalesOrders.Action.allCases {
            route("POST", path + "/:id/" + action.rawValue) { _, context, user in
                let id = context.parameters.get("id") ?? ""
                let now = clock()
                return try json(
                    try await step {
                        try await store.write { db in
                            try SalesOrders.perform(action, id: id, actor: user.id, now: now, on: db)
                        }
                    })
            }
        }
        route("POST", path + "/:id/ship") { request, context, user in
            let id = context.parameters.get("id") ?? ""
            let body = try await decode(ShipRequest.self, from: request)
            let now = clock()
            return try json(
                try await step {
                    try await store.write { db in
                        try SalesOrders.ship(
                            id: id, locationID: body.locationID, tracking: body.tracking ?? "", actor: user.id,
                            now: now, on: db)
                    }
                })
        }
        route("POST", path + "/:id/payments") { request, context, user in
            let id = context.parameters.get("id") ?? ""
            let body = try await decode(PaymentRequest.self, from: request)
            let now = clock()
            let payment = try await store.write { db in
                try SalesOrders.recordPayment(
                    orderID: id,
                    .init(kind: body.kind, method: body.method, amount: body.amount, reference: body.reference ?? ""),
                    actor: user.id, now: now, on: db)
            }
            return try json(payment, status: .created)
        }
        route("POST", path + "/:id/returns") { request, context, user in
            let id = context.parameters.get("id") ?? ""
            let body = try await decode(ReturnRequest.self, from: request)
            var quantities: [Int: String] = [:]
            for line in body.lines { quantities[line.line] = String(line.quantity) }
            let input = SalesOrders.ReturnInput(
                locationID: body.locationID, reason: body.reason, note: body.note ?? "", quantities: quantities,
                refundMethod: body.refundMethod ?? "")
            if let unknown = body.lines.first(where: { $0.line < 1 || $0.quantity < 0 }) {
                throw FieldErrors([
                    "lines": "line \(unknown.line): a line number of the order and a quantity of 0 or more"
                ])
            }
            let now = clock()
            let made = try await step {
                try await store.write { db in
                    try SalesOrders.createReturn(orderID: id, input, actor: user.id, now: now, on: db)
                }
            }
            return try json(made, status: .created)
        }
        route("GET", "/api/v1/invoices/:id") { _, context, _ in
            let id = context.parameters.get("id") ?? ""
            guard let invoice = try await store.read({ db in try SalesOrders.invoice(id: id, on: db) }) else {
                throw APIProblem(status: .notFound, message: "there is no invoice \(id)")
            }
            return try json(invoice)
        }
        route("GET", "/api/v1/payments") { request, _, _ in
            let (limit, offset) = try paging(request)
            let customer = Form.query(request)["customer"]
            if let customer, Input.identifierProblem(customer, "") != nil {
                throw APIProblem(status: .badRequest, message: "customer must be a customer's code")
            }
            let page = try await store.read { db in
                try SalesOrders.payments(customerID: customer, limit: limit, offset: offset, on: db)
            }
            return try json(ListResponse(items: page.rows, total: page.total, limit: limit, offset: offset))
        }
        route("GET", "/api/v1/balances") { _, _, _ in
            try json(try await store.read { db in try SalesOrders.accounts(on: db) })
        }

        route("POST", "/api/v1/stock/import") { request, _, user in
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: RecordImport.maximumBytes)
            } catch {
                throw APIProblem(
                    status: .contentTooLarge, message: "a file may have at most \(RecordImport.maximumBytes) bytes")
            }
            let report = try await StockImport.run(
                text: String(decoding: buffer.readableBytesView, as: UTF8.self), actor: user.id, now: clock(),
                database: store)
            return try json(report, status: report.imported ? .ok : .unprocessableContent)
        }

        // The customer's own.
        route("GET", "/api/v1/shop/products") { request, _, _ in
            let (limit, offset) = try paging(request)
            let query = Form.query(request)["q"] ?? ""
            let now = clock()
            let page = try await store.read { db in
                try SalesOrders.shopProducts(
                    query: query, limit: limit, offset: offset, currency: pricing.currency, now: now, on: db)
            }
            return try json(ListResponse(items: page.rows, total: page.total, limit: limit, offset: offset))
        }
        route("POST", "/api/v1/shop/orders") { request, _, user in
            let customerID = try customer(user)
            let body = try await decode(PlaceOrderRequest.self, from: request)
            let now = clock()
            let order = try await store.write { db in
                try SalesOrders.create(
                    customerID: customerID, body.lineInputs, body.placeInput, actor: user.id, pricing: pricing,
                    now: now, on: db)
            }
            return try json(order, status: .created)
        }
        route("GET", "/api/v1/shop/orders") { request, _, user in
            try await orders(request, customerID: try customer(user))
        }
        route("GET", "/api/v1/shop/orders/:id") { _, context, user in
            try json(try await detail(context.parameters.get("id") ?? "", customerID: try customer(user)))
        }
        route("POST", "/api/v1/shop/orders/:id/cancel") { _, context, user in
            let id = context.parameters.get("id") ?? ""
            let customerID = try customer(user)
            let now = clock()
            return try json(
                try await step {
                    try await store.write { db in
                        try SalesOrders.perform(
                            .cancel, id: id, customerID: customerID, actor: user.id, now: now, on: db)
                    }
                })
        }
        route("GET", "/api/v1/shop/account") { _, _, user in
            let customerID = try customer(user)
            return try json(try await store.read { db in try SalesOrders.account(customerID: customerID, on: db) })
        }
    }
}
