import Foundation
import Hummingbird
import TallySync

/// Suppliers' product data: a supplier's products with its price, description and GTINs, the form that proposes a
/// change, and the managers' list where each proposal is approved or rejected.
extension WebApp {
    static let supplierProductsPath = "/app/supplier/products"
    static let proposalsPath = "/app/proposals"

    func addSupplierProductRoutes(to router: Router<CentralRequestContext>) {
        let app = self
        let path = Self.supplierProductsPath
        page(router, "GET", path) { visit, _ in
            let supplier = visit.user.supplierID ?? ""
            let now = app.clock()
            let products = try await app.database.read { db in
                try ProductProposals.products(ofSupplier: supplier, now: now, on: db)
            }
            return try app.render(
                "supplier-products", visit, ["products": products.map { app.productValues($0) }],
                current: path)
        }
        page(router, "GET", path + "/:id") { visit, context in
            try await app.supplierProductPage(
                visit, id: context.parameters.get("id") ?? "", typed: nil, errors: [:], notice: nil, status: .ok)
        }
        page(router, "POST", path + "/:id") { visit, context in
            let id = context.parameters.get("id") ?? ""
            let supplier = visit.user.supplierID ?? ""
            let change = ProductProposals.Change(
                purchasePrice: visit.form["purchasePrice"] ?? "", description: visit.form["description"] ?? "",
                gtins: visit.form["gtins"] ?? "", note: visit.form["note"] ?? "")
            let now = app.clock()
            let currency = app.currency
            do {
                _ = try await app.database.write { db in
                    try ProductProposals.propose(
                        productID: id, supplierID: supplier, change, userID: visit.user.id, currency: currency,
                        now: now, on: db)
                }
                return try await app.supplierProductPage(
                    visit, id: id, typed: nil, errors: [:],
                    notice: "Thank you: a manager will look at your proposal.", status: .ok)
            } catch let errors as FieldErrors {
                return try await app.supplierProductPage(
                    visit, id: id, typed: visit.form, errors: errors.messages, notice: nil,
                    status: .unprocessableContent)
            }
        }

        page(router, "GET", Self.proposalsPath) { visit, _ in
            try await app.proposalsPage(visit, errors: [:], notice: nil, status: .ok)
        }
        page(router, "POST", Self.proposalsPath + "/:id/approve") { visit, context in
            let id = context.parameters.get("id") ?? ""
            let now = app.clock()
            let currency = app.currency
            do {
                let proposal = try await app.database.write { db in
                    try ProductProposals.approve(id: id, userID: visit.user.id, currency: currency, now: now, on: db)
                }
                return try await app.proposalsPage(
                    visit, errors: [:], notice: "Approved: product \(proposal.productID) is changed.", status: .ok)
            } catch let errors as FieldErrors {
                return try await app.proposalsPage(
                    visit, errors: [id: errors.messages.values.sorted().joined(separator: "; ")], notice: nil,
                    status: .conflict)
            }
        }
        page(router, "POST", Self.proposalsPath + "/:id/reject") { visit, context in
            let id = context.parameters.get("id") ?? ""
            let now = app.clock()
            do {
                _ = try await app.database.write { db in
                    try ProductProposals.reject(
                        id: id, reason: visit.form["reason"] ?? "", userID: visit.user.id, now: now, on: db)
                }
                return try await app.proposalsPage(visit, errors: [:], notice: "Rejected.", status: .ok)
            } catch let errors as FieldErrors {
                return try await app.proposalsPage(
                    visit, errors: [id: errors.messages.values.sorted().joined(separator: "; ")], notice: nil,
                    status: errors["action"] == nil ? .unprocessableContent : .conflict)
            }
        }
    }

    func money(_ minor: Int64?) -> String {
        minor.map { currency.text($0) } ?? "—"
    }

    func productValues(_ product: ProductProposals.SupplierProduct) -> [String: Any] {
        var values: [String: Any] = [
            "id": product.id, "name": product.name, "price": money(product.purchasePrice),
            "description": product.description ?? "", "gtins": product.gtins.joined(separator: ", "),
        ]
        if let pending = product.pending { values["pending"] = Self.time(pending.createdAt) }
        return values
    }

    /// What a proposal changes, field by field, with the product's values now.
    func changes(_ proposal: ProductProposals.Proposal, now product: RecordValues?) -> [[String: String]] {
        var rows: [[String: String]] = []
        if let price = proposal.purchasePrice {
            rows.append([
                "field": "Purchase price", "now": money(product?["purchasePrice"]?.integerValue),
                "proposed": money(price),
            ])
        }
        if let description = proposal.description {
            rows.append([
                "field": "Description", "now": product?["description"]?.textValue ?? "", "proposed": description,
            ])
        }
        if let gtins = proposal.gtins {
            rows.append([
                "field": "GTINs",
                "now": ProductProposals.gtins(product?["barcodes"]?.textValue).joined(separator: ", "),
                "proposed": gtins.joined(separator: ", "),
            ])
        }
        return rows
    }

    func supplierProductPage(
        _ visit: Visit, id: String, typed: [String: String]?, errors: [String: String], notice: String?,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let supplier = visit.user.supplierID ?? ""
        let now = clock()
        let found = try await database.read { db -> (ProductProposals.SupplierProduct, [ProductProposals.Proposal])? in
            guard let product = try ProductProposals.product(id, ofSupplier: supplier, now: now, on: db) else {
                return nil
            }
            let proposals = try db.query(
                """
                SELECT * FROM product_proposals WHERE supplier_id = ? AND product_id = ?
                ORDER BY created_at DESC LIMIT 50
                """, .text(supplier), .text(id)
            ).map(ProductProposals.proposal)
            return (product, proposals)
        }
        guard let (product, proposals) = found else { throw WebProblem.notFound("There is no such product of yours.") }
        let shown = [
            "purchasePrice": ProductProposals.priceText(product.purchasePrice, currency),
            "description": product.description ?? "", "gtins": product.gtins.joined(separator: "\n"), "note": "",
        ]
        var values: [String: Any] = [
            "product": productValues(product), "typed": typed ?? shown, "errors": errors,
            "proposals": proposals.map { proposal -> [String: Any] in
                var row: [String: Any] = [
                    "at": Self.time(proposal.createdAt), "status": proposal.status,
                    "changes": changes(proposal, now: nil).map { "\($0["field"] ?? ""): \($0["proposed"] ?? "")" },
                ]
                if let reason = proposal.reason { row["reason"] = reason }
                return row
            },
        ]
        if !errors.isEmpty { values["failed"] = "Nothing was sent: see the fields marked below." }
        if let notice { values["notice"] = notice }
        var response = try render("supplier-product", visit, values, current: Self.supplierProductsPath)
        response.status = status
        return response
    }

    func proposalsPage(
        _ visit: Visit, errors: [String: String], notice: String?, status: HTTPResponse.Status
    ) async throws -> Response {
        let wanted = visit.query["status"].flatMap { ProductProposals.statuses.contains($0) ? $0 : nil } ?? "pending"
        let now = clock()
        let (proposals, products, suppliers, users) = try await database.read { db in
            let proposals = try ProductProposals.list(
                status: wanted, supplierID: nil, limit: 200, offset: 0, on: db
            ).rows
            var products: [String: RecordValues] = [:]
            var suppliers: [String: String] = [:]
            var users: [String: String] = [:]
            for proposal in proposals {
                products[proposal.productID] = try Records.load(
                    RecordKinds.product, id: proposal.productID, now: now, on: db)
                suppliers[proposal.supplierID] =
                    try db.first("SELECT name FROM suppliers WHERE id = ?", .text(proposal.supplierID))?.text("name")
                if let user = proposal.decidedBy {
                    users[user] = try db.first("SELECT email FROM users WHERE id = ?", .text(user))?.text("email")
                }
            }
            return (proposals, products, suppliers, users)
        }
        let canDecide = visit.user.role.can(.editCatalog)
        var values: [String: Any] = [
            "status": wanted,
            "statuses": ProductProposals.statuses.map { ["value": $0, "current": $0 == wanted] },
            "proposals": proposals.map { proposal -> [String: Any] in
                let product = products[proposal.productID]
                var row: [String: Any] = [
                    "id": proposal.id, "productID": proposal.productID,
                    "productName": product?["name"]?.textValue ?? proposal.productID,
                    "supplier": suppliers[proposal.supplierID] ?? proposal.supplierID,
                    "at": Self.time(proposal.createdAt), "status": proposal.status,
                    "changes": changes(proposal, now: product), "canDecide": canDecide,
                ]
                if proposal.status == "pending" { row["pending"] = true }
                if let decidedBy = proposal.decidedBy {
                    row["decided"] = "by \(users[decidedBy] ?? decidedBy), \(Self.time(proposal.decidedAt))"
                }
                if let reason = proposal.reason { row["reason"] = reason }
                if let note = proposal.note { row["note"] = note }
                if let error = errors[proposal.id] { row["error"] = error }
                return row
            },
        ]
        if let first = errors.values.first { values["failed"] = "Nothing was changed: \(first)" }
        if let notice { values["notice"] = notice }
        var response = try render("proposals", visit, values, current: Self.proposalsPath)
        response.status = status
        return response
    }
}
