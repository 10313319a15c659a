import Foundation
import Hummingbird
import NIOCore

/// Users and one's own account.
extension WebApp {
    /// The users list's sortable columns and the SQL that orders by each.
    static let userColumns: [(key: String, label: String, order: String)] = [
        ("email", "E-mail", "email"), ("name", "Name", "lower(name)"), ("role", "Role", "role"),
        ("created", "Added (UTC)", "created_at"),
    ]

    func addUserRoutes(to router: Router<CentralRequestContext>) {
        let app = self
        page(router, "GET", "/app/users") { visit, _ in
            try await app.usersPage(visit, form: UserForm.empty, status: .ok)
        }
        page(router, "GET", "/app/users.csv") { visit, _ in
            let query = visit.query["q"] ?? ""
            let users = try await app.database.read { db in
                try ListQuery.users(query: query, order: "email", descending: false, limit: 100_000, offset: 0, on: db)
            }
            let rows = users.rows.map { user in
                [
                    user.email, user.name, user.role.rawValue, user.supplierID ?? "", user.customerID ?? "",
                    Self.time(user.createdAt), user.isDisabled ? "disabled" : "active",
                ]
            }
            return CSV.response(
                header: ["email", "name", "role", "supplier", "customer", "added", "state"], rows: rows,
                filename: "users.csv")
        }
        page(router, "POST", "/app/users") { visit, _ in
            let form = UserForm(visit.form, newUser: true)
            let draft = form.draft
            guard let draft else {
                return try await app.usersPage(visit, form: form.failing(["role": "choose a role"]), status: .ok)
            }
            do {
                let cost = app.signIn.bcryptCost
                let now = app.clock()
                let user = try await app.database.write { db in
                    try Users.create(draft, cost: cost, actor: visit.user.id, now: now, on: db)
                }
                return Response.redirect(to: "/app/users/\(user.id)?added=1", type: .normal)
            } catch let errors as FieldErrors {
                return try await app.usersPage(
                    visit, form: form.failing(errors.messages), status: .unprocessableContent)
            }
        }
        page(router, "GET", "/app/users/:id") { visit, context in
            let id = context.parameters.get("id") ?? ""
            guard let user = try await app.database.read({ db in try Users.user(id: id, on: db) }) else {
                throw WebProblem.notFound("There is no such user.")
            }
            return try await app.userPage(
                visit, form: UserForm(user), notice: visit.query["added"] == nil ? nil : "The user was added.",
                status: .ok)
        }
        page(router, "POST", "/app/users/:id") { visit, context in
            let id = context.parameters.get("id") ?? ""
            guard let existing = try await app.database.read({ db in try Users.user(id: id, on: db) }) else {
                throw WebProblem.notFound("There is no such user.")
            }
            var form = UserForm(visit.form, newUser: false)
            form.id = existing.id
            form.email = existing.email
            guard let role = Role(rawValue: form.role) else {
                return try await app.userPage(
                    visit, form: form.failing(["role": "choose a role"]), notice: nil, status: .unprocessableContent)
            }
            do {
                let now = app.clock()
                let typed = form
                let changed = try await app.database.write { db in
                    try Users.update(
                        id: id, name: typed.name, role: role, supplierID: typed.supplierID.nilIfEmpty,
                        customerID: typed.customerID.nilIfEmpty, disabled: typed.disabled, actor: visit.user.id,
                        now: now, on: db)
                }
                guard let changed else { throw WebProblem.notFound("There is no such user.") }
                return try await app.userPage(visit, form: UserForm(changed), notice: "Saved.", status: .ok)
            } catch let errors as FieldErrors {
                return try await app.userPage(
                    visit, form: form.failing(errors.messages), notice: nil, status: .unprocessableContent)
            }
        }
    }

    func usersPage(_ visit: Visit, form: UserForm, status: HTTPResponse.Status) async throws -> Response {
        let list = ListState(visit.query, columns: Self.userColumns, basePath: "/app/users")
        let page = try await database.read { db in
            try ListQuery.users(
                query: list.query, order: list.order, descending: list.descending, limit: ListState.pageSize,
                offset: list.offset, on: db)
        }
        let users = page.rows.map { user -> [String: Any] in
            var values: [String: Any] = [
                "id": user.id, "email": user.email, "name": user.name, "roleTitle": user.role.title,
                "created": Self.time(user.createdAt), "state": user.isDisabled ? "Disabled" : "Active",
            ]
            if let bound = user.supplierID ?? user.customerID { values["boundTo"] = bound }
            return values
        }
        var response = try render(
            "users", visit, ["users": users, "list": list.values(total: page.total), "form": form.values],
            current: "/app/users")
        response.status = status
        return response
    }

    func userPage(
        _ visit: Visit, form: UserForm, notice: String?, status: HTTPResponse.Status
    ) async throws
        -> Response
    {
        let id = form.id
        var values: [String: Any] = ["form": form.values, "history": try await history(entity: "user", id: id)]
        if let notice { values["notice"] = notice }
        var response = try render("user", visit, values, current: "/app/users")
        response.status = status
        return response
    }

    // MARK: Account

    func addAccountRoutes(to router: Router<CentralRequestContext>) {
        let app = self
        page(router, "GET", "/app/account") { visit, _ in
            try await app.accountPage(visit, values: [:], status: .ok)
        }
        page(router, "POST", "/app/account/password") { visit, _ in
            let userID = visit.user.id
            let current = visit.form["current"] ?? ""
            let password = visit.form["password"] ?? ""
            do {
                try await app.signIn.changePassword(
                    userID: userID, current: current, new: password, keepSession: visit.session.tokenHash,
                    now: app.clock(), database: app.database)
                return try await app.accountPage(
                    visit, values: ["notice": "Your password was changed; your other sessions were signed out."],
                    status: .ok)
            } catch let errors as FieldErrors {
                return try await app.accountPage(
                    visit, values: ["errors": errors.messages], status: .unprocessableContent)
            }
        }
        page(router, "POST", "/app/account/tokens") { visit, _ in
            let name = visit.form["name"] ?? ""
            let userID = visit.user.id
            let now = app.clock()
            do {
                let made = try await app.database.write { db in
                    try APITokens.create(userID: userID, name: name, actor: userID, now: now, on: db)
                }
                return try await app.accountPage(
                    visit, values: ["newToken": ["name": made.token.name, "secret": made.secret]], status: .created)
            } catch let errors as FieldErrors {
                return try await app.accountPage(
                    visit, values: ["errors": errors.messages, "tokenName": name], status: .unprocessableContent)
            }
        }
        page(router, "POST", "/app/account/tokens/:id/revoke") { visit, context in
            let id = context.parameters.get("id") ?? ""
            let userID = visit.user.id
            let now = app.clock()
            let revoked = try await app.database.write { db in
                try APITokens.revoke(id: id, userID: userID, actor: userID, now: now, on: db)
            }
            guard revoked else { throw WebProblem.notFound("You have no such live token.") }
            return try await app.accountPage(visit, values: ["notice": "The token was revoked."], status: .ok)
        }
    }

    func accountPage(_ visit: Visit, values: [String: Any], status: HTTPResponse.Status) async throws -> Response {
        let userID = visit.user.id
        let tokens = try await database.read { db in try APITokens.tokens(userID: userID, on: db) }
        var context = values
        context["tokens"] = tokens.map { token -> [String: Any] in
            var row: [String: Any] = [
                "id": token.id, "name": token.name, "created": Self.time(token.createdAt),
                "lastUsed": Self.time(token.lastUsedAt), "state": token.revokedAt == nil ? "Live" : "Revoked",
                "csrf": visit.session.csrfToken,
            ]
            if token.revokedAt == nil { row["live"] = true }
            return row
        }
        var response = try render("account", visit, context, current: "/app/account")
        response.status = status
        return response
    }
}

/// The user form as typed, and what was wrong with it.
struct UserForm {
    var id = ""
    var email = ""
    var name = ""
    var role = Role.cashier.rawValue
    var supplierID = ""
    var customerID = ""
    var password = ""
    var disabled = false
    var newUser = true
    var errors: [String: String] = [:]

    static let empty = UserForm()

    init() {}

    init(_ fields: [String: String], newUser: Bool) {
        email = fields["email"] ?? ""
        name = fields["name"] ?? ""
        role = fields["role"] ?? ""
        supplierID = fields["supplierID"] ?? ""
        customerID = fields["customerID"] ?? ""
        password = fields["password"] ?? ""
        disabled = fields["disabled"] == "1"
        self.newUser = newUser
    }

    init(_ user: BackOfficeUser) {
        id = user.id
        email = user.email
        name = user.name
        role = user.role.rawValue
        supplierID = user.supplierID ?? ""
        customerID = user.customerID ?? ""
        disabled = user.isDisabled
        newUser = false
    }

    var draft: UserDraft? {
        Role(rawValue: role).map {
            UserDraft(
                email: email, name: name, role: $0, supplierID: supplierID.nilIfEmpty,
                customerID: customerID.nilIfEmpty, password: password)
        }
    }

    func failing(_ messages: [String: String]) -> UserForm {
        var form = self
        form.errors.merge(messages) { $1 }
        return form
    }

    var values: [String: Any] {
        var values: [String: Any] = [
            "id": id, "email": email, "name": name, "supplierID": supplierID, "customerID": customerID,
            "errors": errors,
            "roles": Role.allCases.map { candidate -> [String: Any] in
                var option: [String: Any] = ["value": candidate.rawValue, "title": candidate.title]
                if candidate.rawValue == role { option["selected"] = true }
                return option
            },
        ]
        if newUser { values["newUser"] = true }
        if disabled { values["disabled"] = true }
        if !errors.isEmpty { values["failed"] = true }
        return values
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
