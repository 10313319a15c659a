/// Who may use which route of the back office, web and API alike: the one table the router enforces and
/// `docs/ACCESS.md` prints (a test checks that the two agree and that every role gets exactly this).
public enum WebAccess {
    public enum Rule: Sendable, Hashable {
        /// No sign-in needed.
        case anyone
        /// Any signed-in user, whatever the role.
        case signedIn
        /// Users whose role holds the permission.
        case permission(Permission)

        public func allows(_ role: Role?) -> Bool {
            switch self {
            case .anyone: true
            case .signedIn: role != nil
            case .permission(let permission): role?.can(permission) ?? false
            }
        }
    }

    public struct Route: Sendable, Hashable {
        public var method: String
        public var path: String
        public var rule: Rule
        /// What the route is for, for the docs.
        public var purpose: String
    }

    /// Every route of the web application and the back office's REST API, with its rule.
    public static let routes: [Route] =
        fixedRoutes + RecordKinds.all.flatMap(recordRoutes) + purchaseOrderRoutes + supplierPortalRoutes
        + salesRoutes + shopRoutes

    static let salesRoutes: [Route] = {
        let view = Rule.permission(.viewSales)
        let edit = Rule.permission(.editSales)
        let path = "/app/sales-orders"
        return [
            Route(method: "GET", path: path, rule: view, purpose: "sales orders by status"),
            Route(method: "GET", path: path + ".csv", rule: view, purpose: "sales orders as CSV"),
            Route(method: "GET", path: path + "/new", rule: edit, purpose: "the form for an order taken by staff"),
            Route(method: "POST", path: path, rule: edit, purpose: "place an order for a customer"),
            Route(
                method: "GET", path: path + "/:id", rule: view,
                purpose: "an order, its invoices, payments, returns and history"),
            Route(method: "GET", path: path + "/:id/pick", rule: view, purpose: "the pick list"),
            Route(method: "POST", path: path + "/:id/confirm", rule: edit, purpose: "confirm a pending order"),
            Route(method: "POST", path: path + "/:id/ship", rule: edit, purpose: "ship an order and invoice it"),
            Route(method: "POST", path: path + "/:id/deliver", rule: edit, purpose: "mark an order delivered"),
            Route(method: "POST", path: path + "/:id/cancel", rule: edit, purpose: "cancel an order not yet shipped"),
            Route(method: "POST", path: path + "/:id/payments", rule: edit, purpose: "record a payment or refund"),
            Route(method: "POST", path: path + "/:id/returns", rule: edit, purpose: "take goods back"),
            Route(method: "GET", path: "/app/invoices/:id", rule: view, purpose: "an invoice or credit note"),
            Route(method: "GET", path: "/app/payments", rule: view, purpose: "every payment and refund"),
            Route(method: "GET", path: "/app/payments.csv", rule: view, purpose: "payments as CSV"),
            Route(method: "GET", path: "/app/balances", rule: view, purpose: "what each customer owes"),
            Route(method: "GET", path: "/app/balances.csv", rule: view, purpose: "balances as CSV"),
            Route(method: "GET", path: "/api/v1/sales-orders", rule: view, purpose: "sales orders"),
            Route(method: "POST", path: "/api/v1/sales-orders", rule: edit, purpose: "place an order for a customer"),
            Route(
                method: "GET", path: "/api/v1/sales-orders/:id", rule: view,
                purpose: "an order with its money, invoices, payments and returns"),
            Route(method: "POST", path: "/api/v1/sales-orders/:id/confirm", rule: edit, purpose: "confirm an order"),
            Route(method: "POST", path: "/api/v1/sales-orders/:id/ship", rule: edit, purpose: "ship and invoice"),
            Route(method: "POST", path: "/api/v1/sales-orders/:id/deliver", rule: edit, purpose: "mark delivered"),
            Route(method: "POST", path: "/api/v1/sales-orders/:id/cancel", rule: edit, purpose: "cancel an order"),
            Route(
                method: "POST", path: "/api/v1/sales-orders/:id/payments", rule: edit,
                purpose: "record a payment or refund"),
            Route(method: "POST", path: "/api/v1/sales-orders/:id/returns", rule: edit, purpose: "take goods back"),
            Route(method: "GET", path: "/api/v1/invoices/:id", rule: view, purpose: "an invoice or credit note"),
            Route(method: "GET", path: "/api/v1/payments", rule: view, purpose: "payments and refunds"),
            Route(method: "GET", path: "/api/v1/balances", rule: view, purpose: "what each customer owes"),
            Route(
                method: "GET", path: "/app/stock/import", rule: .permission(.editCatalog),
                purpose: "the opening-stock import form"),
            Route(
                method: "POST", path: "/app/stock/import", rule: .permission(.editCatalog),
                purpose: "import opening stock from CSV"),
            Route(
                method: "POST", path: "/api/v1/stock/import", rule: .permission(.editCatalog),
                purpose: "import opening stock from CSV (a `text/csv` body)"),
        ]
    }()

    static let shopRoutes: [Route] = {
        let portal = Rule.permission(.customerPortal)
        return [
            Route(method: "GET", path: "/register", rule: .anyone, purpose: "the form to open a customer account"),
            Route(method: "POST", path: "/register", rule: .anyone, purpose: "open a customer account"),
            Route(method: "GET", path: "/app/shop", rule: portal, purpose: "the catalog with prices and availability"),
            Route(method: "GET", path: "/app/shop/basket", rule: portal, purpose: "the customer's basket"),
            Route(method: "POST", path: "/app/shop/basket", rule: portal, purpose: "add to or change the basket"),
            Route(
                method: "POST", path: "/app/shop/basket/place", rule: portal, purpose: "place the basket as an order"),
            Route(method: "GET", path: "/app/shop/orders", rule: portal, purpose: "one's orders and balance"),
            Route(method: "GET", path: "/app/shop/orders/:id", rule: portal, purpose: "one of one's orders"),
            Route(method: "POST", path: "/app/shop/orders/:id/cancel", rule: portal, purpose: "cancel a pending order"),
            Route(method: "GET", path: "/app/shop/invoices/:id", rule: portal, purpose: "one of one's invoices"),
            Route(
                method: "GET", path: "/api/v1/shop/products", rule: portal,
                purpose: "the catalog with prices and availability"),
            Route(method: "POST", path: "/api/v1/shop/orders", rule: portal, purpose: "place an order"),
            Route(method: "GET", path: "/api/v1/shop/orders", rule: portal, purpose: "one's orders"),
            Route(method: "GET", path: "/api/v1/shop/orders/:id", rule: portal, purpose: "one of one's orders"),
            Route(
                method: "POST", path: "/api/v1/shop/orders/:id/cancel", rule: portal,
                purpose: "cancel a pending order"),
            Route(method: "GET", path: "/api/v1/shop/account", rule: portal, purpose: "one's balance"),
        ]
    }()

    static let supplierPortalRoutes: [Route] = [
        Route(
            method: "GET", path: "/app/alerts", rule: .permission(.viewAlerts),
            purpose: "low stock, overdue orders, large count variances"),
        Route(
            method: "GET", path: "/app/supplier/orders", rule: .permission(.supplierPortal),
            purpose: "a supplier's own orders"),
        Route(
            method: "GET", path: "/app/supplier/orders/:id", rule: .permission(.supplierPortal),
            purpose: "one of a supplier's orders"),
        Route(
            method: "POST", path: "/app/supplier/orders/:id/confirm", rule: .permission(.supplierPortal),
            purpose: "confirm an order with a delivery date"),
        Route(
            method: "POST", path: "/app/supplier/orders/:id/shipments", rule: .permission(.supplierPortal),
            purpose: "announce a shipment: pallets with their SSCCs and contents"),
        Route(
            method: "GET", path: "/app/supplier/products", rule: .permission(.supplierPortal),
            purpose: "a supplier's products with its prices and GTINs"),
        Route(
            method: "GET", path: "/app/supplier/products/:id", rule: .permission(.supplierPortal),
            purpose: "one of a supplier's products, with its proposals"),
        Route(
            method: "POST", path: "/app/supplier/products/:id", rule: .permission(.supplierPortal),
            purpose: "propose a new price, description or GTINs"),
        Route(
            method: "GET", path: "/app/proposals", rule: .permission(.editCatalog),
            purpose: "suppliers' proposals by status"),
        Route(
            method: "POST", path: "/app/proposals/:id/approve", rule: .permission(.editCatalog),
            purpose: "approve a proposal: the product changes"),
        Route(
            method: "POST", path: "/app/proposals/:id/reject", rule: .permission(.editCatalog),
            purpose: "reject a proposal with a reason"),
        Route(
            method: "GET", path: "/api/v1/supplier/orders", rule: .permission(.supplierPortal),
            purpose: "a supplier's own orders"),
        Route(
            method: "GET", path: "/api/v1/supplier/orders/:id", rule: .permission(.supplierPortal),
            purpose: "one of them, with its confirmation and shipment notices"),
        Route(
            method: "POST", path: "/api/v1/supplier/orders/:id/confirm", rule: .permission(.supplierPortal),
            purpose: "confirm an order with a delivery date"),
        Route(
            method: "POST", path: "/api/v1/supplier/orders/:id/shipments", rule: .permission(.supplierPortal),
            purpose: "announce a shipment"),
        Route(
            method: "GET", path: "/api/v1/supplier/products", rule: .permission(.supplierPortal),
            purpose: "a supplier's products"),
        Route(
            method: "POST", path: "/api/v1/supplier/products/:id/proposals", rule: .permission(.supplierPortal),
            purpose: "propose a change to one"),
        Route(method: "GET", path: "/api/v1/proposals", rule: .permission(.editCatalog), purpose: "proposals"),
        Route(
            method: "POST", path: "/api/v1/proposals/:id/approve", rule: .permission(.editCatalog),
            purpose: "approve a proposal"),
        Route(
            method: "POST", path: "/api/v1/proposals/:id/reject", rule: .permission(.editCatalog),
            purpose: "reject a proposal"),
    ]

    static let purchaseOrderRoutes: [Route] = {
        let view = Rule.permission(.viewPurchasing)
        let edit = Rule.permission(.editPurchasing)
        let path = "/app/purchase-orders"
        return [
            Route(method: "GET", path: path, rule: view, purpose: "purchase orders by status"),
            Route(method: "GET", path: path + ".csv", rule: view, purpose: "purchase orders as CSV"),
            Route(method: "GET", path: path + "/new", rule: edit, purpose: "the form for a draft order"),
            Route(method: "POST", path: path, rule: edit, purpose: "save a draft order"),
            Route(method: "GET", path: path + "/suggestions", rule: view, purpose: "reorder suggestions"),
            Route(
                method: "POST", path: path + "/suggestions", rule: edit,
                purpose: "a draft order from a supplier's suggestions"),
            Route(method: "GET", path: path + "/:id", rule: view, purpose: "an order, its lines, receipts and history"),
            Route(method: "POST", path: path + "/:id", rule: edit, purpose: "change a draft order"),
            Route(method: "POST", path: path + "/:id/send", rule: edit, purpose: "send a draft to the docks"),
            Route(method: "POST", path: path + "/:id/cancel", rule: edit, purpose: "cancel an order"),
            Route(method: "POST", path: path + "/:id/close", rule: edit, purpose: "close an order"),
            Route(
                method: "GET", path: path + "/:id/print", rule: view, purpose: "the printable order with its barcode"),
            Route(method: "GET", path: "/api/v1/purchase-orders", rule: view, purpose: "orders, drafts too"),
            Route(method: "POST", path: "/api/v1/purchase-orders/drafts", rule: edit, purpose: "make a draft"),
            Route(method: "POST", path: "/api/v1/purchase-orders/drafts/:id", rule: edit, purpose: "change a draft"),
            Route(
                method: "POST", path: "/api/v1/purchase-orders/drafts/:id/send", rule: edit,
                purpose: "send a draft to the docks"),
            Route(method: "GET", path: "/api/v1/reorder-suggestions", rule: view, purpose: "reorder suggestions"),
            Route(
                method: "POST", path: "/api/v1/reorder-suggestions/drafts", rule: edit,
                purpose: "a draft from a supplier's suggestions"),
            Route(
                method: "GET", path: "/api/v1/alerts", rule: .permission(.viewAlerts), purpose: "the alerts now"),
        ]
    }()

    static let fixedRoutes: [Route] = [
        Route(method: "GET", path: "/sign-in", rule: .anyone, purpose: "the sign-in form"),
        Route(method: "POST", path: "/sign-in", rule: .anyone, purpose: "sign in"),
        Route(method: "POST", path: "/sign-out", rule: .signedIn, purpose: "sign out"),
        Route(method: "GET", path: "/app", rule: .signedIn, purpose: "the start page, with what the role may use"),
        Route(method: "GET", path: "/app/account", rule: .signedIn, purpose: "one's own password and API tokens"),
        Route(method: "POST", path: "/app/account/password", rule: .signedIn, purpose: "change one's password"),
        Route(method: "POST", path: "/app/account/tokens", rule: .signedIn, purpose: "make an API token"),
        Route(
            method: "POST", path: "/app/account/tokens/:id/revoke", rule: .signedIn,
            purpose: "revoke one of one's tokens"),
        Route(method: "GET", path: "/app/users", rule: .permission(.manageUsers), purpose: "list and search users"),
        Route(method: "GET", path: "/app/users.csv", rule: .permission(.manageUsers), purpose: "users as CSV"),
        Route(method: "POST", path: "/app/users", rule: .permission(.manageUsers), purpose: "add a user"),
        Route(
            method: "GET", path: "/app/users/:id", rule: .permission(.manageUsers), purpose: "a user and its history"),
        Route(
            method: "POST", path: "/app/users/:id", rule: .permission(.manageUsers),
            purpose: "change a user's name or role, disable it"),
        Route(method: "GET", path: "/app/audit", rule: .permission(.viewAudit), purpose: "the audit trail"),
        Route(method: "GET", path: "/app/audit/verify", rule: .permission(.viewAudit), purpose: "verify the chain"),
        Route(
            method: "GET", path: "/app/audit.csv", rule: .permission(.viewAudit),
            purpose: "the audit trail as CSV, oldest first, with its hashes"),
        Route(method: "GET", path: "/api/v1/me", rule: .signedIn, purpose: "the token's user"),
        Route(
            method: "POST", path: "/api/v1/me/password", rule: .signedIn,
            purpose: "change one's password, given the current one"),
        Route(method: "GET", path: "/api/v1/me/tokens", rule: .signedIn, purpose: "one's API tokens"),
        Route(method: "POST", path: "/api/v1/me/tokens", rule: .signedIn, purpose: "make an API token"),
        Route(
            method: "POST", path: "/api/v1/me/tokens/:id/revoke", rule: .signedIn,
            purpose: "revoke one of one's tokens"),
        Route(method: "GET", path: "/api/v1/users", rule: .permission(.manageUsers), purpose: "users"),
        Route(method: "POST", path: "/api/v1/users", rule: .permission(.manageUsers), purpose: "add a user"),
        Route(method: "GET", path: "/api/v1/users/:id", rule: .permission(.manageUsers), purpose: "a user"),
        Route(
            method: "PATCH", path: "/api/v1/users/:id", rule: .permission(.manageUsers),
            purpose: "change a user's name or role, disable it"),
        Route(method: "GET", path: "/api/v1/audit", rule: .permission(.viewAudit), purpose: "audit entries"),
        Route(
            method: "GET", path: "/api/v1/audit/verify", rule: .permission(.viewAudit), purpose: "verify the chain"),
    ]

    /// The pages and API routes of a kind of record.
    static func recordRoutes(_ kind: RecordKind) -> [Route] {
        let view = Rule.permission(kind.view)
        let edit = Rule.permission(kind.edit)
        let one = kind.title.lowercased()
        let many = kind.pluralTitle.lowercased()
        return [
            Route(method: "GET", path: kind.path, rule: view, purpose: "list and search \(many)"),
            Route(method: "GET", path: kind.path + ".csv", rule: view, purpose: "\(many) as CSV"),
            Route(method: "GET", path: kind.path + "/new", rule: edit, purpose: "the form for a new \(one)"),
            Route(method: "GET", path: kind.path + "/import", rule: edit, purpose: "the CSV import form"),
            Route(method: "POST", path: kind.path + "/import", rule: edit, purpose: "import \(many) from CSV"),
            Route(method: "POST", path: kind.path, rule: edit, purpose: "add a \(one)"),
            Route(method: "GET", path: kind.path + "/:id", rule: view, purpose: "a \(one) and its history"),
            Route(method: "POST", path: kind.path + "/:id", rule: edit, purpose: "change a \(one)"),
            Route(method: "GET", path: kind.apiPath, rule: view, purpose: many),
            Route(method: "POST", path: kind.apiPath, rule: edit, purpose: "add a \(one)"),
            Route(
                method: "POST", path: kind.apiPath + "/import", rule: edit,
                purpose: "import \(many) from CSV (a `text/csv` body)"),
            Route(method: "GET", path: kind.apiPath + "/:id", rule: view, purpose: "a \(one)"),
            Route(method: "PATCH", path: kind.apiPath + "/:id", rule: edit, purpose: "change fields of a \(one)"),
        ]
    }

    /// The rule of a route; a route missing from the table is a programming error, caught when the router is
    /// built.
    static func rule(_ method: String, _ path: String) -> Rule {
        guard let route = routes.first(where: { $0.method == method && $0.path == path }) else {
            preconditionFailure("\(method) \(path) is not in WebAccess.routes")
        }
        return route.rule
    }

    /// The table as Markdown: a row per route, a column per role.
    public static var markdown: String {
        let roles = Role.allCases
        var lines = ["| Route | What for | " + roles.map(\.rawValue).joined(separator: " | ") + " |"]
        lines.append("|---|---|" + roles.map { _ in "---" }.joined(separator: "|") + "|")
        for route in routes {
            let cells = roles.map { route.rule.allows($0) ? "yes" : "—" }
            lines.append(
                "| `\(route.method) \(route.path)` | \(route.purpose) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}
