import Foundation
import Hummingbird
import NIOCore
import TallyCore

/// The back office's REST API under `/api/v1`, for users' API tokens (`Authorization: Bearer tlu_…`, made on the
/// account page). Each route has the rule ``WebAccess`` gives it, as its page has.
extension CentralAPI {
    /// Adds a route for users' API tokens (method, path, handler), with the rule the access table gives it.
    typealias UserRoute = (
        String, String, @escaping @Sendable (Request, CentralRequestContext, BackOfficeUser) async throws -> Response
    ) -> Void

    /// A list answer with paging.
    struct ListResponse<Item: Encodable>: Encodable {
        var items: [Item]
        var total: Int
        var limit: Int
        var offset: Int
    }

    static func addBackOfficeRoutes(
        to router: Router<CentralRequestContext>, store: any CentralStore, signIn: SignIn,
        pricing: SalesOrders.Pricing, countVariance: Int64 = 10, clock: @escaping @Sendable () -> Int64
    ) {
        let currency = pricing.currency
        func route(
            _ method: String, _ path: String,
            _ body: @escaping @Sendable (Request, BackOfficeUser) async throws -> Response
        ) {
            route(method, path) { request, _, user in try await body(request, user) }
        }
        func route(
            _ method: String, _ path: String,
            _ body: @escaping @Sendable (Request, CentralRequestContext, BackOfficeUser) async throws -> Response
        ) {
            let rule = WebAccess.rule(method, path)
            let handler: @Sendable (Request, CentralRequestContext) async throws -> Response = { request, context in
                try await respond {
                    guard let token = bearerToken(request),
                        let user = try await tokenUser(token, store: store, now: clock())
                    else {
                        throw APIProblem(
                            status: .unauthorized,
                            message: "a user's API token is needed (Authorization: Bearer tlu_…); make one on your "
                                + "account page")
                    }
                    guard rule.allows(user.role) else {
                        throw APIProblem(
                            status: .forbidden,
                            message: "your role (\(user.role.title)) does not open \(method) \(path)")
                    }
                    do {
                        return try await body(request, context, user)
                    } catch let problem as WebProblem {
                        throw APIProblem(status: problem.status, message: problem.text)
                    } catch let errors as FieldErrors {
                        return try json(
                            FieldProblem(error: "the input is not valid", fields: errors.messages),
                            status: .unprocessableContent)
                    }
                }
            }
            switch method {
            case "GET": router.get(RouterPath(path), use: handler)
            case "PATCH": router.patch(RouterPath(path), use: handler)
            default: router.post(RouterPath(path), use: handler)
            }
        }
        for kind in RecordKinds.all {
            addRecordRoutes(kind, store: store, currency: currency, clock: clock, route: route)
        }
        addSalesRoutes(store: store, pricing: pricing, clock: clock, route: route)
        addSupplierRoutes(store: store, currency: currency, clock: clock, route: route)
        addPurchasingRoutes(store: store, countVariance: countVariance, clock: clock, route: route)

        addUserRoutes(signIn: signIn, store: store, clock: clock, route: route)
        route("GET", "/api/v1/audit") { request, _ in
            let (limit, offset) = try paging(request)
            // `after=N`: the entries after sequence N, oldest first, as a verifier walks them; else newest first.
            if let text = Form.query(request)["after"] {
                guard let after = Int64(text), after >= 0 else {
                    throw APIProblem(status: .badRequest, message: "after must be a sequence number, 0 or more")
                }
                return try json(try await store.read { db in try Audit.entries(after: after, limit: limit, on: db) })
            }
            let entries = try await store.read { db in try Audit.entries(limit: limit, offset: offset, on: db) }
            return try json(entries)
        }
        route("GET", "/api/v1/audit/verify") { _, _ in
            try json(try await store.read { db in try Audit.verify(on: db) })
        }
    }

    /// Runs a step of an order or a proposal: a state that does not allow it (``FieldErrors`` under `action`) is a
    /// conflict, 409, not a wrong field.
    static func step<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let errors as FieldErrors {
            if let message = errors["action"] { throw APIProblem(status: .conflict, message: message) }
            throw errors
        }
    }

    /// The user a token speaks for: a user's API token, or a manager's token from `tally-central manager add`,
    /// which acts as a manager named `manager:<id>` in the audit trail.
    static func tokenUser(_ token: String, store: any CentralStore, now: Int64) async throws -> BackOfficeUser? {
        if let user = try await APITokens.user(secret: token, now: now, database: store) { return user }
        guard let manager = try await store.manager(tokenHash: Secrets.hashToken(token)) else { return nil }
        return BackOfficeUser(
            id: "manager:\(manager.id)", email: "", name: manager.name, role: .manager, createdAt: manager.createdAt,
            updatedAt: manager.createdAt)
    }

    /// `limit` (1 to 1000, default 100) and `offset` (0 or more) from the query.
    static func paging(_ request: Request) throws -> (limit: Int, offset: Int) {
        let query = Form.query(request)
        let limit = Int(query["limit"] ?? "100")
        let offset = Int(query["offset"] ?? "0")
        guard let limit, (1...1000).contains(limit) else {
            throw APIProblem(status: .badRequest, message: "limit must be a whole number from 1 to 1000")
        }
        guard let offset, offset >= 0 else {
            throw APIProblem(status: .badRequest, message: "offset must be a whole number, 0 or more")
        }
        return (limit, offset)
    }
}

/// A 422 with a message per field.
struct FieldProblem: Encodable {
    var error: String
    var fields: [String: String]
}
