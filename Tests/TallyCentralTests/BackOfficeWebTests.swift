import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import TallyTestSupport
import Testing

@testable import TallyCentral

/// A browser's view of the back office over a real HTTP server on loopback: cookies, forms and their CSRF tokens,
/// done by hand as a browser does them.
struct WebClient {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var origin: String?

    init(_ client: any TestClientProtocol) { self.client = client }

    @discardableResult
    mutating func send(
        _ method: HTTPRequest.Method, _ uri: String, form: [String: String]? = nil, bearer: String? = nil,
        json: String? = nil, body raw: (contentType: String, text: String)? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; ")
        }
        var body: ByteBuffer?
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(
                string: form.sorted { $0.key < $1.key }.map { "\(Form.encode($0.key))=\(Form.encode($0.value))" }
                    .joined(separator: "&"))
        }
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: json)
        }
        if let raw {
            headers[.contentType] = raw.contentType
            body = ByteBuffer(string: raw.text)
        }
        if let bearer { headers[.authorization] = "Bearer " + bearer }
        if let origin { headers[.origin] = origin }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    /// Sends a form with a file, as a browser does (`multipart/form-data`).
    mutating func upload(
        _ uri: String, fields: [String: String], file: (name: String, filename: String, text: String)
    ) async throws -> TestResponse {
        let boundary = "----tally" + UUID().uuidString
        var text = ""
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        text +=
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\n"
            + "Content-Type: text/csv\r\n\r\n\(file.text)\r\n--\(boundary)--\r\n"
        return try await send(.post, uri, body: ("multipart/form-data; boundary=\(boundary)", text))
    }

    /// The value of the first hidden `_csrf` field on a page.
    static func csrf(_ page: TestResponse) -> String? {
        field("_csrf", in: text(page))
    }

    static func field(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    /// Signs in through the form; the session cookie is kept.
    mutating func signIn(_ email: String, _ password: String) async throws -> TestResponse {
        let form = try await send(.get, "/sign-in")
        return try await send(
            .post, "/sign-in", form: ["_csrf": Self.csrf(form) ?? "", "email": email, "password": password])
    }
}

@Suite("Back office on the web")
struct BackOfficeWebTests {
    static let password = "correct horse battery"

    /// The application over a store with a user of each role (`<role>@example.com`), the supplier ACME the
    /// supplier user speaks for and the customer C-1 the customer user is.
    static func withApp(
        _ engine: Engine,
        _ body: @Sendable (any TestClientProtocol, TemporaryStore, [Role: BackOfficeUser]) async throws -> Void
    ) async throws {
        let temporary = try await TemporaryStore(engine)
        _ = try await temporary.store.putSupplier(Supplier(id: "ACME", name: "Acme", overTolerancePercent: 5), now: 1)
        _ = try await BackOfficeCatalogTests.save(
            RecordKinds.customer, ["id": "C-1", "name": "Café Rosa"], now: 1, on: temporary.store)
        var users: [Role: BackOfficeUser] = [:]
        for role in Role.allCases {
            let draft = UserDraft(
                email: "\(role.rawValue)@example.com", name: role.title, role: role,
                supplierID: role == .supplier ? "ACME" : nil, customerID: role == .customer ? "C-1" : nil,
                password: password)
            users[role] = try await temporary.store.write { db in
                try Users.create(draft, cost: 4, actor: "test", now: 1, on: db)
            }
        }
        let app = Application(
            router: CentralAPI.router(store: temporary.store, signIn: SignIn(bcryptCost: 4)),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let all = users
        try await app.test(.live) { client in try await body(client, temporary, all) }
    }

    @Test(arguments: Engine.allCases) func everyRoleGetsExactlyWhatTheAccessTableSays(engine: Engine) async throws {
        try await Self.withApp(engine) { client, _, users in
            let target = try #require(users[.cashier]).id
            for role in [nil] + Role.allCases.map(Optional.some) {
                var browser = WebClient(client)
                var token: String?
                if let role {
                    let signedIn = try await browser.signIn("\(role.rawValue)@example.com", Self.password)
                    #expect(signedIn.status == .seeOther, "\(role): sign-in answered \(signedIn.status)")
                    let made = try await browser.send(
                        .post, "/app/account/tokens",
                        form: ["_csrf": WebClient.csrf(try await browser.send(.get, "/app")) ?? "", "name": "walk"])
                    // The secret is shown once, in the page's #new-token.
                    token = WebClient.text(made).components(separatedBy: "id=\"new-token\">").dropFirst().first
                        .map { String($0.prefix { $0 != "<" }) }
                    #expect(token?.hasPrefix("tlu_") == true, "\(role): no token made")
                }
                let csrf = role == nil ? "" : WebClient.csrf(try await browser.send(.get, "/app")) ?? ""
                for route in WebAccess.routes where route.path != "/sign-out" && route.rule != .anyone {
                    let path = route.path.replacingOccurrences(of: ":id/revoke", with: "no-such-token/revoke")
                        .replacingOccurrences(of: ":id", with: target)
                    let allowed = route.rule.allows(role)
                    let who = role?.rawValue ?? "anonymous"
                    let response: TestResponse
                    if route.path.hasPrefix("/api/") {
                        response = try await browser.send(
                            HTTPRequest.Method(route.method)!, path, bearer: token,
                            json: route.method == "GET" ? nil : "{}")
                        if allowed {
                            #expect(
                                ![.unauthorized, .forbidden].contains(response.status),
                                "\(who) \(route.method) \(path): \(response.status), expected to be let in")
                        } else {
                            #expect(
                                response.status == (role == nil ? .unauthorized : .forbidden),
                                "\(who) \(route.method) \(path): \(response.status), expected to be refused")
                        }
                        continue
                    }
                    if route.method == "GET" {
                        response = try await browser.send(.get, path)
                    } else {
                        // Fields that a form checks and refuses: nothing is changed by the walk.
                        response = try await browser.send(
                            .post, path, form: ["_csrf": csrf, "name": "", "current": "not it", "role": "nobody"])
                    }
                    let location = response.headers[.location] ?? ""
                    if allowed {
                        #expect(
                            ![.unauthorized, .forbidden].contains(response.status) && !location.hasPrefix("/sign-in"),
                            "\(who) \(route.method) \(path): \(response.status) \(location), expected to be let in")
                    } else if role == nil {
                        #expect(
                            route.method == "GET"
                                ? response.status == .found && location.hasPrefix("/sign-in?next=")
                                : response.status == .unauthorized,
                            "anonymous \(route.method) \(path): \(response.status) \(location)")
                    } else {
                        #expect(
                            response.status == .forbidden
                                && WebClient.text(response).contains("does not open this page"),
                            "\(who) \(route.method) \(path): \(response.status), expected to be refused")
                    }
                }
                if role != nil {
                    let out = try await browser.send(.post, "/sign-out", form: ["_csrf": csrf])
                    #expect(out.status == .seeOther && out.headers[.location] == "/sign-in")
                    let after = try await browser.send(.get, "/app")
                    #expect(after.status == .found, "the session ended with the sign-out")
                }
            }
        }
    }

    @Test func theDocsPrintTheAccessTable() throws {
        let docs = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appending(path: "docs/ACCESS.md"), encoding: .utf8)
        #expect(
            docs.contains(WebAccess.markdown),
            "docs/ACCESS.md must hold the table WebAccess.routes makes; it is:\n\(WebAccess.markdown)")
    }

    @Test(arguments: Engine.allCases) func formsNeedTheirSessionsTokenAndOurOrigin(engine: Engine) async throws {
        try await Self.withApp(engine) { client, temporary, _ in
            var browser = WebClient(client)
            let signedIn = try await browser.signIn("admin@example.com", Self.password)
            let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("tally_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"))
            let user = [
                "email": "new@example.com", "name": "New Person", "role": "cashier", "password": "a long password 1",
            ]
            var forged = user
            forged["_csrf"] = "not-the-token"
            let refused = try await browser.send(.post, "/app/users", form: forged)
            #expect(refused.status == .forbidden && WebClient.text(refused).contains("Form expired"))
            var withToken = user
            withToken["_csrf"] = WebClient.csrf(try await browser.send(.get, "/app/users")) ?? ""
            browser.origin = "https://evil.example"
            #expect(try await browser.send(.post, "/app/users", form: withToken).status == .forbidden)
            let count = try await temporary.store.read { db in try Users.all(on: db).count }
            #expect(count == Role.allCases.count, "nothing was added by a forged form")
            browser.origin = nil
            let added = try await browser.send(.post, "/app/users", form: withToken)
            #expect(added.status == .seeOther)
            let page = try await browser.send(.get, try #require(added.headers[.location]))
            #expect(WebClient.text(page).contains("The user was added."))
        }
    }

    @Test(arguments: Engine.allCases) func aWrongFormShowsWhatIsWrongNextToEachField(engine: Engine) async throws {
        try await Self.withApp(engine) { client, temporary, _ in
            var browser = WebClient(client)
            _ = try await browser.signIn("admin@example.com", Self.password)
            let csrf = WebClient.csrf(try await browser.send(.get, "/app/users")) ?? ""
            let response = try await browser.send(
                .post, "/app/users",
                form: [
                    "_csrf": csrf, "email": "manager@example.com", "name": "", "role": "supplier",
                    "supplierID": "", "password": "short",
                ])
            #expect(response.status == .unprocessableContent)
            let html = WebClient.text(response)
            for (field, message) in [
                ("email", "there is already a user with this address"),
                ("name", "the name must have 1 to 200 characters"),
                ("password", "a password needs at least 10 characters"),
                ("supplier", "a supplier user speaks for one supplier"),
            ] {
                #expect(
                    html.contains("aria-describedby=\"\(field)-error\"")
                        && html.contains("<p class=\"field-error\" id=\"\(field)-error\">\(message)"),
                    "\(field): \(message)")
            }
            // What was typed stays in the form, the password excepted.
            #expect(html.contains("value=\"manager@example.com\"") && !html.contains("short"))
            let count = try await temporary.store.read { db in try Users.all(on: db).count }
            #expect(count == Role.allCases.count)
        }
    }

    @Test(arguments: Engine.allCases) func guessingPasswordsOverHTTPIsSlowedDown(engine: Engine) async throws {
        try await Self.withApp(engine) { client, _, _ in
            var browser = WebClient(client)
            for attempt in 1...5 {
                let wrong = try await browser.signIn("cashier@example.com", "not the password \(attempt)")
                #expect(wrong.status == .unauthorized)
                #expect(WebClient.text(wrong).contains("The e-mail address or the password is wrong."))
            }
            let locked = try await browser.signIn("cashier@example.com", Self.password)
            #expect(locked.status == .tooManyRequests)
            #expect(WebClient.text(locked).contains("Too many failed sign-ins: try again in"))
            // Another account is not locked by guesses at this one.
            #expect(try await browser.signIn("manager@example.com", Self.password).status == .seeOther)
        }
    }

    @Test func listsPageSortSearchAndExport() async throws {
        try await Self.withApp(.sqlite) { client, _, _ in
            var browser = WebClient(client)
            _ = try await browser.signIn("admin@example.com", Self.password)
            let sorted = WebClient.text(try await browser.send(.get, "/app/users?sort=role&dir=desc"))
            let roles = ["supplier@", "stocktaker@", "manager@", "dock-clerk@", "customer@", "cashier@", "admin@"]
            let positions = roles.compactMap { sorted.range(of: $0)?.lowerBound }
            #expect(positions.count == roles.count && positions == positions.sorted(), "sorted by role, descending")
            let found = WebClient.text(try await browser.send(.get, "/app/users?q=DOCK"))
            #expect(found.contains("dock-clerk@example.com") && !found.contains("cashier@example.com"))
            #expect(found.contains("1 in all"))
            let csv = try await browser.send(.get, "/app/users.csv?q=clerk")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(
                WebClient.text(csv).hasPrefix(
                    "email,name,role,supplier,customer,added,state\r\ndock-clerk@example.com,Dock clerk,dock-clerk,"))
        }
    }
}
