import Foundation
import Hummingbird
import NIOCore

/// Users and one's own account over the REST API, as the users pages and the account page do it: administrators
/// list, add and change users (role, binding, disabling); everyone signed in with a user's token changes their own
/// password and makes, lists and revokes their own tokens.
extension CentralAPI {
    /// `POST /api/v1/users`.
    struct NewUserRequest: Decodable {
        var email: String
        var name: String
        var role: String
        var supplierID: String?
        var customerID: String?
        var password: String
    }

    /// `PATCH /api/v1/users/{id}`: what is left out stays.
    struct UserChangeRequest: Decodable {
        var name: String?
        var role: String?
        var supplierID: String?
        var customerID: String?
        var disabled: Bool?
    }

    /// `POST /api/v1/me/password`.
    struct PasswordChangeRequest: Decodable {
        var current: String
        var password: String
    }

    /// `POST /api/v1/me/tokens`.
    struct NewTokenRequest: Decodable {
        var name: String
    }

    /// A token just made, with its secret: the only time the secret is shown.
    struct MadeToken: Encodable {
        var token: APITokens.Token
        var secret: String
    }

    static func addUserRoutes(
        signIn: SignIn, store: any CentralStore, clock: @escaping @Sendable () -> Int64, route: UserRoute
    ) {
        @Sendable func role(_ text: String) throws -> Role {
            guard let role = Role(rawValue: text) else {
                throw FieldErrors(["role": "must be one of " + Role.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            return role
        }
        /// The user behind the token, when it is a user: a manager's token from `tally-central manager add` has no
        /// account of its own.
        @Sendable func account(_ user: BackOfficeUser) throws -> String {
            guard !user.id.hasPrefix("manager:") else {
                throw APIProblem(
                    status: .forbidden,
                    message: "a manager token made with `tally-central manager add` has no account; use a user's token")
            }
            return user.id
        }

        route("GET", "/api/v1/me") { _, _, user in try json(user) }
        route("POST", "/api/v1/me/password") { request, _, user in
            let userID = try account(user)
            let body = try await decode(PasswordChangeRequest.self, from: request)
            // No web session is kept: a password changed over the API signs the user out of every browser.
            try await signIn.changePassword(
                userID: userID, current: body.current, new: body.password, keepSession: nil, now: clock(),
                database: store)
            return Response(status: .noContent)
        }
        route("GET", "/api/v1/me/tokens") { _, _, user in
            let userID = try account(user)
            return try json(try await store.read { db in try APITokens.tokens(userID: userID, on: db) })
        }
        route("POST", "/api/v1/me/tokens") { request, _, user in
            let userID = try account(user)
            let body = try await decode(NewTokenRequest.self, from: request)
            let now = clock()
            let made = try await store.write { db in
                try APITokens.create(userID: userID, name: body.name, actor: userID, now: now, on: db)
            }
            return try json(MadeToken(token: made.token, secret: made.secret), status: .created)
        }
        route("POST", "/api/v1/me/tokens/:id/revoke") { _, context, user in
            let userID = try account(user)
            let id = context.parameters.get("id") ?? ""
            let now = clock()
            let revoked = try await store.write { db -> APITokens.Token? in
                guard try APITokens.revoke(id: id, userID: userID, actor: userID, now: now, on: db) else { return nil }
                return try APITokens.tokens(userID: userID, on: db).first { $0.id == id }
            }
            guard let revoked else { throw APIProblem(status: .notFound, message: "you have no live token \(id)") }
            return try json(revoked)
        }

        route("GET", "/api/v1/users") { request, _, _ in
            let (limit, offset) = try paging(request)
            let query = Form.query(request)["q"] ?? ""
            let page = try await store.read { db in
                try ListQuery.users(
                    query: query, order: "email", descending: false, limit: limit, offset: offset, on: db)
            }
            return try json(ListResponse(items: page.rows, total: page.total, limit: limit, offset: offset))
        }
        route("POST", "/api/v1/users") { request, _, user in
            let body = try await decode(NewUserRequest.self, from: request)
            let draft = UserDraft(
                email: body.email, name: body.name, role: try role(body.role), supplierID: body.supplierID,
                customerID: body.customerID, password: body.password)
            let cost = signIn.bcryptCost
            let now = clock()
            let created = try await store.write { db in
                try Users.create(draft, cost: cost, actor: user.id, now: now, on: db)
            }
            return try json(created, status: .created)
        }
        route("GET", "/api/v1/users/:id") { _, context, _ in
            let id = context.parameters.get("id") ?? ""
            guard let found = try await store.read({ db in try Users.user(id: id, on: db) }) else {
                throw APIProblem(status: .notFound, message: "there is no user \(id)")
            }
            return try json(found)
        }
        route("PATCH", "/api/v1/users/:id") { request, context, user in
            let id = context.parameters.get("id") ?? ""
            let body = try await decodeOptional(UserChangeRequest.self, from: request) ?? UserChangeRequest()
            let newRole = try body.role.map(role)
            let now = clock()
            let changed = try await store.write { db -> BackOfficeUser? in
                guard let before = try Users.user(id: id, on: db) else { return nil }
                let role = newRole ?? before.role
                return try Users.update(
                    id: id, name: body.name ?? before.name, role: role,
                    supplierID: body.supplierID ?? before.supplierID, customerID: body.customerID ?? before.customerID,
                    disabled: body.disabled ?? before.isDisabled, actor: user.id, now: now, on: db)
            }
            guard let changed else { throw APIProblem(status: .notFound, message: "there is no user \(id)") }
            return try json(changed)
        }
    }
}
