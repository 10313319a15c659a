import Foundation
import Hummingbird
import NIOCore
import TallyCore
import TallySync

/// The supplier portal over the REST API, as its pages do it: a supplier's user lists its orders, confirms one
/// with a date, announces a shipment pallet by pallet, lists its products and proposes changes to them; managers
/// list the proposals and approve or reject each. A step the state does not allow answers 409; a wrong field 422
/// with a message per field.
extension CentralAPI {
    struct ConfirmOrderRequest: Decodable {
        var deliveryDate: String
        var note: String?
    }

    struct ShipmentRequest: Decodable {
        var shippedOn: String
        var arrivesOn: String
        var carrier: String?
        var tracking: String?
        var pallets: [PalletRecord]
    }

    struct ProposalRequest: Decodable {
        /// A decimal amount, such as `0.65`; left out, the product's stays.
        var purchasePrice: String?
        var description: String?
        /// GTINs (8, 12, 13 or 14 digits); left out, the product's stay.
        var gtins: [String]?
        var note: String?
    }

    struct RejectProposalRequest: Decodable {
        var reason: String
    }

    /// An order as its supplier sees it.
    struct SupplierOrder: Encodable {
        var order: PurchaseOrderRecord
        var confirmation: PurchaseOrders.Confirmation?
        var notices: [ShipmentNotices.Notice]?
    }

    static func addSupplierRoutes(
        store: any CentralStore, currency: Currency, clock: @escaping @Sendable () -> Int64,
        route: UserRoute
    ) {
        @Sendable func supplier(_ user: BackOfficeUser) throws -> String {
            guard let id = user.supplierID else {
                throw APIProblem(status: .forbidden, message: "this token's user is not a supplier's")
            }
            return id
        }
        let orders = "/api/v1/supplier/orders"
        route("GET", orders) { request, _, user in
            let supplier = try supplier(user)
            let (limit, offset) = try paging(request)
            let found = try await store.read { db in
                try PurchaseOrders.ofSupplier(supplier, on: db).map { order in
                    SupplierOrder(
                        order: order.record,
                        confirmation: try PurchaseOrders.confirmation(orderID: order.record.id, on: db))
                }
            }
            return try json(
                ListResponse(
                    items: Array(found.dropFirst(offset).prefix(limit)), total: found.count, limit: limit,
                    offset: offset))
        }
        route("GET", orders + "/:id") { _, context, user in
            let supplier = try supplier(user)
            let id = context.parameters.get("id") ?? ""
            let found = try await store.read { db -> SupplierOrder? in
                guard let order = try PurchaseOrders.load(id: id, on: db), order.record.supplierID == supplier,
                    !order.isDraft
                else { return nil }
                return SupplierOrder(
                    order: order.record, confirmation: try PurchaseOrders.confirmation(orderID: id, on: db),
                    notices: try ShipmentNotices.of(orderID: id, on: db))
            }
            guard let found else { throw APIProblem(status: .notFound, message: "there is no such order of yours") }
            return try json(found)
        }
        route("POST", orders + "/:id/confirm") { request, context, user in
            let supplier = try supplier(user)
            let id = context.parameters.get("id") ?? ""
            let body = try await decode(ConfirmOrderRequest.self, from: request)
            let now = clock()
            let order = try await store.write { db in
                try PurchaseOrders.confirm(
                    id: id, supplierID: supplier, deliveryDate: body.deliveryDate, note: body.note ?? "",
                    userID: user.id, now: now, on: db)
            }
            return try json(order.record)
        }
        route("POST", orders + "/:id/shipments") { request, context, user in
            let supplier = try supplier(user)
            let id = context.parameters.get("id") ?? ""
            let body = try await decode(ShipmentRequest.self, from: request)
            var rows: [ShipmentNotices.Row] = []
            for (index, pallet) in body.pallets.enumerated() {
                if pallet.contents.isEmpty { throw FieldErrors(["pallets[\(index)]": "a pallet holds something"]) }
                for (number, content) in pallet.contents.enumerated() {
                    rows.append(
                        ShipmentNotices.Row(
                            place: "pallets[\(index)].contents[\(number)]", sscc: pallet.sscc,
                            product: content.productID, quantity: String(content.quantity), lot: content.lot ?? "",
                            bestBefore: content.expiry ?? ""))
                }
            }
            let announcement = ShipmentNotices.Announcement(
                shippedOn: body.shippedOn, arrivesOn: body.arrivesOn, carrier: body.carrier ?? "",
                tracking: body.tracking ?? "", rows: rows)
            let now = clock()
            let notice = try await step {
                try await store.write { db in
                    try ShipmentNotices.announce(
                        orderID: id, supplierID: supplier, announcement, userID: user.id, now: now, on: db)
                }
            }
            return try json(notice, status: .created)
        }
        route("GET", "/api/v1/supplier/products") { _, _, user in
            let supplier = try supplier(user)
            let now = clock()
            return try json(
                try await store.read { db in try ProductProposals.products(ofSupplier: supplier, now: now, on: db) })
        }
        route("POST", "/api/v1/supplier/products/:id/proposals") { request, context, user in
            let supplier = try supplier(user)
            let id = context.parameters.get("id") ?? ""
            let body = try await decode(ProposalRequest.self, from: request)
            let now = clock()
            let proposal = try await store.write { db in
                guard let product = try ProductProposals.product(id, ofSupplier: supplier, now: now, on: db) else {
                    throw WebProblem.notFound("There is no such product of yours.")
                }
                // What the request leaves out keeps the product's value.
                let change = ProductProposals.Change(
                    purchasePrice: body.purchasePrice ?? ProductProposals.priceText(product.purchasePrice, currency),
                    description: body.description ?? product.description ?? "",
                    gtins: (body.gtins ?? product.gtins).joined(separator: "\n"), note: body.note ?? "")
                return try ProductProposals.propose(
                    productID: id, supplierID: supplier, change, userID: user.id, currency: currency, now: now,
                    on: db)
            }
            return try json(proposal, status: .created)
        }
        route("GET", "/api/v1/proposals") { request, _, _ in
            let (limit, offset) = try paging(request)
            let status = Form.query(request)["status"]
            if let status, !ProductProposals.statuses.contains(status) {
                throw APIProblem(
                    status: .badRequest,
                    message: "status must be one of " + ProductProposals.statuses.joined(separator: ", "))
            }
            let page = try await store.read { db in
                try ProductProposals.list(status: status, supplierID: nil, limit: limit, offset: offset, on: db)
            }
            return try json(ListResponse(items: page.rows, total: page.total, limit: limit, offset: offset))
        }
        route("POST", "/api/v1/proposals/:id/approve") { _, context, user in
            let id = context.parameters.get("id") ?? ""
            let now = clock()
            return try json(
                try await step {
                    try await store.write { db in
                        try ProductProposals.approve(id: id, userID: user.id, currency: currency, now: now, on: db)
                    }
                })
        }
        route("POST", "/api/v1/proposals/:id/reject") { request, context, user in
            let id = context.parameters.get("id") ?? ""
            let body = try await decode(RejectProposalRequest.self, from: request)
            let now = clock()
            return try json(
                try await step {
                    try await store.write { db in
                        try ProductProposals.reject(id: id, reason: body.reason, userID: user.id, now: now, on: db)
                    }
                })
        }
    }
}
