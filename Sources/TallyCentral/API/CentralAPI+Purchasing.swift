import Foundation
import Hummingbird
import NIOCore
import TallySync

/// Purchasing over the REST API, as the pages do it: orders by status, drafts made by hand or from the reorder
/// suggestions, changed and sent to the docks, and the alerts. (Orders sent at once, and their cancelling and
/// closing, are the management API's `POST /api/v1/purchase-orders` and `…/{id}/cancel|close`.)
extension CentralAPI {
    struct DraftRequest: Decodable {
        var supplierID: String
        var locationID: String
        /// `YYYY-MM-DD`; left out, today plus the supplier's lead time.
        var expected: String?
        var lines: [OrderLineRequest]

        var input: PurchaseOrders.DraftInput {
            PurchaseOrders.DraftInput(
                supplierID: supplierID, locationID: locationID, expected: expected ?? "",
                lines: lines.map(\.input))
        }
    }

    struct SuggestedDraftRequest: Decodable {
        var supplierID: String
        var locationID: String
    }

    /// An order in a list: its record (a draft's too) and when it was made.
    struct OrderSummary: Encodable {
        var order: PurchaseOrderRecord
        var createdAt: Int64
    }

    static func addPurchasingRoutes(
        store: any CentralStore, countVariance: Int64, clock: @escaping @Sendable () -> Int64,
        route: UserRoute
    ) {
        let path = "/api/v1/purchase-orders"
        route("GET", path) { request, _, _ in
            let (limit, offset) = try paging(request)
            let query = Form.query(request)
            if let status = query["status"], !PurchaseOrders.statuses.contains(status) {
                throw APIProblem(
                    status: .badRequest,
                    message: "status must be one of " + PurchaseOrders.statuses.joined(separator: ", "))
            }
            let page = try await store.read { db in
                try PurchaseOrders.list(
                    status: query["status"], query: query["q"] ?? "", limit: limit, offset: offset, on: db)
            }
            return try json(
                ListResponse(
                    items: page.rows.map { OrderSummary(order: $0.record, createdAt: $0.createdAt) },
                    total: page.total, limit: limit, offset: offset))
        }
        route("POST", path + "/drafts") { request, _, user in
            let body = try await decode(DraftRequest.self, from: request)
            let now = clock()
            let order = try await store.write { db in
                try PurchaseOrders.saveDraft(id: nil, body.input, actor: user.id, now: now, on: db)
            }
            return try json(order.record, status: .created)
        }
        route("POST", path + "/drafts/:id") { request, context, user in
            let id = context.parameters.get("id") ?? ""
            let body = try await decode(DraftRequest.self, from: request)
            let now = clock()
            let order = try await step {
                try await store.write { db in
                    try PurchaseOrders.saveDraft(id: id, body.input, actor: user.id, now: now, on: db)
                }
            }
            return try json(order.record)
        }
        route("POST", path + "/drafts/:id/send") { _, context, user in
            let id = context.parameters.get("id") ?? ""
            let now = clock()
            let order = try await step {
                try await store.write { db in
                    try PurchaseOrders.perform(.send, id: id, actor: user.id, now: now, on: db)
                }
            }
            return try json(order.record)
        }
        route("GET", "/api/v1/reorder-suggestions") { _, _, _ in
            try json(try await store.read { db in try PurchaseOrders.suggestions(on: db) })
        }
        route("POST", "/api/v1/reorder-suggestions/drafts") { request, _, user in
            let body = try await decode(SuggestedDraftRequest.self, from: request)
            let now = clock()
            let order = try await store.write { db in
                try PurchaseOrders.draftFromSuggestions(
                    supplierID: body.supplierID, locationID: body.locationID, actor: user.id, now: now, on: db)
            }
            return try json(order.record, status: .created)
        }
        route("GET", "/api/v1/alerts") { _, _, _ in
            let now = clock()
            return try json(
                try await store.read { db in
                    try Alerts.current(now: now, countVariance: countVariance, on: db)
                })
        }
    }
}
