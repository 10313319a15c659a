import Foundation
import HTTPTypes
import Hummingbird
import MultipartKit
import Mustache
import NIOCore
import NIOHTTP1
import TallyCore

/// The back office as a web application: server-rendered pages (Mustache templates compiled into the binary), no
/// JavaScript needed, forms that post back and show what is wrong next to each field.
///
/// Every page goes through ``WebApp/Handler``: the session from the `tally_session` cookie (HttpOnly,
/// SameSite=Lax, Secure behind TLS), the route's rule from ``WebAccess``, and on every POST the session's CSRF
/// token from the form's `_csrf` field and, when the browser sends one, an `Origin` of this server.
public struct WebApp: Sendable {
    let database: any DBAccess
    let signIn: SignIn
    let clock: @Sendable () -> Int64
    /// Whether cookies get `Secure`: when central serves TLS itself.
    let secureCookies: Bool
    let pages: Pages
    /// The currency of the shop's prices and amounts.
    let currency: Currency
    /// Whether selling prices include tax.
    let priceMode: PriceMode
    /// The difference between counted and expected that makes a count an alert.
    let countVariance: Int64

    static let sessionCookie = "tally_session"
    /// The sign-in form's own CSRF token, before there is a session (double submit: cookie and field must match).
    static let signInCookie = "tally_sign_in"
    /// The largest form accepted.
    static let maximumForm = 1 << 20
    /// The largest form with a file (a CSV import).
    static let maximumUpload = RecordImport.maximumBytes + (64 << 10)

    public init(
        database: any DBAccess, signIn: SignIn, secureCookies: Bool, currency: Currency = .euro,
        priceMode: PriceMode = .taxInclusive, countVariance: Int64 = 10, clock: @escaping @Sendable () -> Int64
    ) {
        self.currency = currency
        self.priceMode = priceMode
        self.countVariance = countVariance
        self.database = database
        self.signIn = signIn
        self.secureCookies = secureCookies
        self.clock = clock
        self.pages = Pages.shared
    }

    /// A signed-in request: its user, its session and the form it posted (empty for GET).
    struct Visit: Sendable {
        var session: SignIn.Session
        var form: [String: String]
        var query: [String: String]
        var user: BackOfficeUser { session.user }
    }

    // MARK: Routes

    func addRoutes(to router: Router<CentralRequestContext>) {
        let app = self
        router.get("/") { request, _ in
            let session = try await app.session(request)
            return Response.redirect(to: session == nil ? "/sign-in" : "/app", type: .found)
        }
        router.get("/sign-in") { request, _ in
            try await app.signInPage(request: request, email: "", error: nil, status: .ok)
        }
        router.post("/sign-in") { request, context in
            try await app.postSignIn(request, context)
        }
        page(router, "POST", "/sign-out") { visit, _ in
            try await app.signIn.signOut(tokenHash: visit.session.tokenHash, database: app.database)
            var response = Response.redirect(to: "/sign-in", type: .normal)
            response.setCookie(app.cookie(Self.sessionCookie, value: "", maxAge: 0))
            return response
        }
        page(router, "GET", "/app") { visit, _ in
            try app.render("home", visit, [:])
        }
        addAccountRoutes(to: router)
        addUserRoutes(to: router)
        addAuditRoutes(to: router)
        addRecordRoutes(to: router)
        addPurchaseOrderRoutes(to: router)
        addSupplierPortalRoutes(to: router)
        addSalesOrderRoutes(to: router)
        addShopRoutes(to: router)
        addStockImportRoutes(to: router)
        page(router, "GET", "/app/alerts") { visit, _ in
            let now = app.clock()
            let variance = app.countVariance
            let alerts = try await app.database.read { db in
                try Alerts.current(now: now, countVariance: variance, on: db)
            }
            return try app.render(
                "alerts", visit,
                ["alerts": alerts.map { ["kind": $0.kind, "message": $0.message, "link": $0.link] }],
                current: "/app/alerts")
        }
    }

    /// Registers a page behind its rule in ``WebAccess``.
    func page(
        _ router: Router<CentralRequestContext>, _ method: String, _ path: String,
        _ body: @escaping @Sendable (Visit, CentralRequestContext) async throws -> Response
    ) {
        let rule = WebAccess.rule(method, path)
        let app = self
        let handler: @Sendable (Request, CentralRequestContext) async throws -> Response = { request, context in
            try await app.guarded(request, context, rule: rule, body)
        }
        switch method {
        case "GET": router.get(RouterPath(path), use: handler)
        case "POST": router.post(RouterPath(path), use: handler)
        default: preconditionFailure("no pages answer \(method)")
        }
    }

    private func guarded(
        _ request: Request, _ context: CentralRequestContext, rule: WebAccess.Rule,
        _ body: (Visit, CentralRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let session = try await session(request) else {
            if request.method == .get {
                let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                return Response.redirect(to: "/sign-in?next=" + Form.encode(next), type: .found)
            }
            return try message(
                nil, status: .unauthorized, heading: "Signed out",
                text: "Your session has ended. Sign in again and repeat what you did.")
        }
        var form: [String: String] = [:]
        if request.method == .post {
            form = try await Form.read(request, limit: Self.maximumForm)
            guard Form.same(form["_csrf"] ?? "", session.csrfToken), originIsOurs(request) else {
                return try message(
                    session, status: .forbidden, heading: "Form expired",
                    text: "This form was not sent from this back office's own page, or it is too old. "
                        + "Open the page again and repeat what you did.")
            }
        }
        guard rule.allows(session.user.role) else {
            return try message(
                session, status: .forbidden, heading: "Not allowed",
                text: "Your role (\(session.user.role.title)) does not open this page.")
        }
        let visit = Visit(session: session, form: form, query: Form.query(request))
        do {
            return try await body(visit, context)
        } catch let problem as WebProblem {
            return try message(session, status: problem.status, heading: problem.heading, text: problem.text)
        }
    }

    /// The session of the request's cookie.
    func session(_ request: Request) async throws -> SignIn.Session? {
        guard let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty, token.utf8.count <= 128 else {
            return nil
        }
        return try await signIn.session(token: token, now: clock(), database: database)
    }

    /// A browser sends `Origin` with every POST; one that names another site is refused. Requests without it
    /// (older browsers, tools) rely on the CSRF token alone.
    func originIsOurs(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }

    // MARK: Sign-in

    func signInPage(
        request: Request, email: String, error: String?, status: HTTPResponse.Status
    ) async throws
        -> Response
    {
        let token = Secrets.randomText()
        let next = Self.safeNext(Form.query(request)["next"] ?? "")
        var values: [String: Any] = ["csrf": token, "email": email, "next": next]
        if let error { values["error"] = error }
        var response = try render("sign-in", nil, values, status: status)
        response.setCookie(cookie(Self.signInCookie, value: token, maxAge: 3600))
        return response
    }

    func postSignIn(_ request: Request, _ context: CentralRequestContext) async throws -> Response {
        let form = try await Form.read(request, limit: Self.maximumForm)
        let email = form["email"] ?? ""
        guard let expected = request.cookies[Self.signInCookie]?.value, Form.same(form["_csrf"] ?? "", expected),
            originIsOurs(request)
        else {
            return try await signInPage(
                request: request, email: email,
                error: "The sign-in form had expired. Enter your password again.", status: .forbidden)
        }
        do {
            let opened = try await signIn.signIn(
                email: email, password: form["password"] ?? "", address: context.peer, now: clock(),
                database: database)
            var response = Response.redirect(to: Self.safeNext(form["next"] ?? ""), type: .normal)
            response.setCookie(
                cookie(Self.sessionCookie, value: opened.token, maxAge: Int(signIn.absoluteTimeout / 1000)))
            response.setCookie(cookie(Self.signInCookie, value: "", maxAge: 0))
            return response
        } catch let refusal as SignIn.Refusal {
            var status = HTTPResponse.Status.unauthorized
            if case .locked = refusal { status = .tooManyRequests }
            if case .disabled = refusal { status = .forbidden }
            let text = String(describing: refusal)
            return try await signInPage(
                request: request, email: email, error: text.prefix(1).uppercased() + text.dropFirst() + ".",
                status: status)
        }
    }

    /// Only a path of this server: `next` must not send the user elsewhere after signing in.
    static func safeNext(_ next: String) -> String {
        next.hasPrefix("/app") && !next.hasPrefix("//") && !next.contains("\\") ? next : "/app"
    }

    func cookie(_ name: String, value: String, maxAge: Int) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: "/", secure: secureCookies, httpOnly: true,
            sameSite: .lax)
    }

    // MARK: Rendering

    /// What the navigation bar offers a role.
    struct Link {
        var href: String
        var label: String
        var summary: String
        var permission: Permission
        var values: [String: Any] { ["href": href, "label": label, "summary": summary] }
    }

    static let links: [Link] = {
        var links = RecordKinds.all.map {
            Link(href: $0.path, label: $0.pluralTitle, summary: $0.summary, permission: $0.view)
        }
        links.insert(
            Link(
                href: orderPath, label: "Purchase orders",
                summary: "Drafts, sent orders, receipts, reorder suggestions",
                permission: .viewPurchasing), at: 1)
        links.insert(
            Link(
                href: salesPath, label: "Sales orders", summary: "Customers' orders: confirm, pick, ship, returns",
                permission: .viewSales), at: 2)
        return links + [
            Link(
                href: "/app/users", label: "Users", summary: "Who signs in, and their roles", permission: .manageUsers),
            Link(
                href: stockImportPath, label: "Opening stock", summary: "Stock on hand from a CSV file",
                permission: .editCatalog),
            Link(href: "/app/audit", label: "Audit trail", summary: "Every change, verifiable", permission: .viewAudit),
            Link(
                href: "/app/alerts", label: "Alerts", summary: "Low stock, overdue orders, large count variances",
                permission: .viewAlerts),
            Link(
                href: proposalsPath, label: "Supplier proposals",
                summary: "Suppliers' new prices, descriptions and GTINs to approve", permission: .editCatalog),
            Link(
                href: supplierPath, label: "Your orders",
                summary: "Orders from us; confirm them with a date, announce shipments", permission: .supplierPortal),
            Link(
                href: supplierProductsPath, label: "Your products",
                summary: "Your prices, descriptions and GTINs, for our approval", permission: .supplierPortal),
            Link(
                href: shopPath, label: "Shop", summary: "Our products, prices and what is in stock",
                permission: .customerPortal),
            Link(
                href: shopOrdersPath, label: "Your orders", summary: "Your orders, invoices and balance",
                permission: .customerPortal),
        ]
    }()

    /// Renders a page in the layout, with the user, the navigation and the CSRF token.
    func render(
        _ template: String, _ session: SignIn.Session?, _ values: [String: Any], status: HTTPResponse.Status = .ok,
        current: String = ""
    ) throws -> Response {
        var context = values
        if let session {
            context["user"] = [
                "name": session.user.name, "email": session.user.email, "roleTitle": session.user.role.title,
                "csrf": session.csrfToken,
            ]
            context["csrf"] = session.csrfToken
            context["nav"] = Self.links.filter { session.user.role.can($0.permission) }.map { link -> [String: Any] in
                var values = link.values
                if link.href == current { values["current"] = true }
                return values
            }
        }
        let html = try pages.render(template, context)
        return Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy: "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
                .xContentTypeOptions: "nosniff", .referrerPolicy: "same-origin",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func render(
        _ template: String, _ visit: Visit, _ values: [String: Any], current: String = ""
    ) throws
        -> Response
    {
        try render(template, visit.session, values, current: current)
    }

    func message(
        _ session: SignIn.Session?, status: HTTPResponse.Status, heading: String, text: String
    ) throws
        -> Response
    {
        try render("message", session, ["heading": heading, "message": text], status: status)
    }

    /// A record's history as its page shows it, newest first: when, what, and who by their e-mail address (a
    /// manager's token or a command by its own name).
    func history(entity: String, id: String) async throws -> [[String: Any]] {
        let (entries, names) = try await database.read { db in
            let entries = try Audit.entries(entity: entity, id: id, limit: 50, on: db)
            var names: [String: String] = [:]
            for actor in Set(entries.map(\.actor)) {
                names[actor] = try db.first("SELECT email FROM users WHERE id = ?", .text(actor))?.text("email")
            }
            return (entries, names)
        }
        return entries.map { ["at": Self.time($0.at), "action": $0.action, "actor": names[$0.actor] ?? $0.actor] }
    }

    /// A time as shown in lists: UTC, to the minute.
    static func time(_ milliseconds: Int64?) -> String {
        guard let milliseconds else { return "—" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return String(formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000)).prefix(16))
    }
}

/// A page that cannot be shown, with words for the user.
struct WebProblem: Error {
    var status: HTTPResponse.Status
    var heading: String
    var text: String

    static func notFound(_ text: String) -> WebProblem {
        WebProblem(status: .notFound, heading: "Not found", text: text)
    }
}

/// The templates, parsed once.
struct Pages: Sendable {
    let library: MustacheLibrary

    static let shared: Pages = {
        do {
            return try Pages()
        } catch {
            preconditionFailure("a template does not parse: \(error)")
        }
    }()

    init() throws {
        var library = MustacheLibrary()
        let templates: [(String, [UInt8])] = [
            ("layout", PackageResources.layout_mustache), ("sign-in", PackageResources.sign_in_mustache),
            ("home", PackageResources.home_mustache), ("message", PackageResources.message_mustache),
            ("users", PackageResources.users_mustache), ("user", PackageResources.user_mustache),
            ("user-fields", PackageResources.user_fields_mustache), ("account", PackageResources.account_mustache),
            ("audit", PackageResources.audit_mustache), ("records", PackageResources.records_mustache),
            ("record", PackageResources.record_mustache), ("import", PackageResources.import_mustache),
            ("purchase-orders", PackageResources.purchase_orders_mustache),
            ("purchase-order", PackageResources.purchase_order_mustache),
            ("purchase-order-new", PackageResources.purchase_order_new_mustache),
            ("purchase-order-fields", PackageResources.purchase_order_fields_mustache),
            ("purchase-order-print", PackageResources.purchase_order_print_mustache),
            ("reorder", PackageResources.reorder_mustache),
            ("supplier-orders", PackageResources.supplier_orders_mustache),
            ("supplier-order", PackageResources.supplier_order_mustache), ("alerts", PackageResources.alerts_mustache),
            ("shipment-notice", PackageResources.shipment_notice_mustache),
            ("supplier-products", PackageResources.supplier_products_mustache),
            ("supplier-product", PackageResources.supplier_product_mustache),
            ("proposals", PackageResources.proposals_mustache),
            ("sales-orders", PackageResources.sales_orders_mustache),
            ("sales-order", PackageResources.sales_order_mustache),
            ("sales-order-lines", PackageResources.sales_order_lines_mustache),
            ("sales-order-new", PackageResources.sales_order_new_mustache),
            ("sales-order-pick", PackageResources.sales_order_pick_mustache),
            ("invoice", PackageResources.invoice_mustache), ("payments", PackageResources.payments_mustache),
            ("balances", PackageResources.balances_mustache), ("shop", PackageResources.shop_mustache),
            ("shop-basket", PackageResources.shop_basket_mustache),
            ("shop-orders", PackageResources.shop_orders_mustache),
            ("shop-order", PackageResources.shop_order_mustache),
            ("register", PackageResources.register_mustache),
        ]
        for (name, bytes) in templates {
            try library.register(String(decoding: bytes, as: UTF8.self), named: name)
        }
        self.library = library
    }

    func render(_ name: String, _ values: [String: Any]) throws -> String {
        guard let html = library.render(values, withTemplate: name) else {
            throw WebProblem(status: .internalServerError, heading: "Error", text: "no template \(name)")
        }
        return html
    }
}

/// `application/x-www-form-urlencoded` bodies and queries.
enum Form {
    static func read(_ request: Request, limit: Int) async throws -> [String: String] {
        let buffer: ByteBuffer
        let boundary = multipartBoundary(request.headers[.contentType] ?? "")
        do {
            buffer = try await request.body.collect(upTo: boundary == nil ? limit : WebApp.maximumUpload)
        } catch {
            throw WebProblem(status: .contentTooLarge, heading: "Too large", text: "The form is larger than allowed.")
        }
        if let boundary {
            return try multipart(buffer, boundary: boundary)
        }
        return parse(String(decoding: buffer.readableBytesView, as: UTF8.self))
    }

    /// The boundary of a `multipart/form-data` body, the form a file upload comes in.
    static func multipartBoundary(_ contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            let value = part.dropFirst("boundary=".count)
            return String(
                value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2
                    ? value.dropFirst().dropLast() : value)
        }
        return nil
    }

    /// The fields of a `multipart/form-data` body, read with MultipartKit; a file's contents as its UTF-8 text. A
    /// repeated field keeps its first value.
    static func multipart(_ buffer: ByteBuffer, boundary: String) throws -> [String: String] {
        let parser = MultipartParser(boundary: boundary)
        var parts: [MultipartPart] = []
        var headers = HTTPHeaders()
        var body = ByteBuffer()
        parser.onHeader = { name, value in headers.add(name: name, value: value) }
        parser.onBody = { chunk in body.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append(MultipartPart(headers: headers, body: body))
            headers = HTTPHeaders()
            body = ByteBuffer()
        }
        do {
            try parser.execute(buffer)
        } catch {
            throw WebProblem(status: .badRequest, heading: "Bad form", text: "The form's upload could not be read.")
        }
        var fields: [String: String] = [:]
        for part in parts {
            guard let name = part.name, fields[name] == nil else { continue }
            fields[name] = String(decoding: part.body.readableBytesView, as: UTF8.self)
        }
        return fields
    }

    static func query(_ request: Request) -> [String: String] { parse(request.uri.query ?? "") }

    /// Fields by name; a repeated field keeps its first value; malformed escapes are kept as typed.
    static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// Compares secrets in time that does not depend on where they differ.
    static func same(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        guard a.count == b.count, !a.isEmpty else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
