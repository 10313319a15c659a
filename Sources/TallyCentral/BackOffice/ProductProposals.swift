import Foundation
import TallyCore
import TallySync

/// Suppliers keep their product data current: for a product they are the preferred supplier of, a supplier's user
/// proposes a new cost (the shop's purchase price), description or set of GTINs. Nothing changes until a manager
/// approves the proposal, which then changes the product as an edit in the back office would (checked, sent to the
/// stations, audited); a manager may also reject it with a reason. A new proposal for the same product replaces a
/// pending one.
public enum ProductProposals {
    public static let statuses = ["pending", "approved", "rejected", "replaced"]

    /// A proposal: the fields it changes (nil where it keeps the product's value).
    public struct Proposal: Sendable, Hashable, Codable {
        public var id: String
        public var productID: String
        public var supplierID: String
        /// `pending`, `approved`, `rejected` or `replaced`.
        public var status: String
        /// Minor units.
        public var purchasePrice: Int64?
        public var description: String?
        /// GTIN-14s: the product's GTINs become these (its other codes, such as store labels, stay).
        public var gtins: [String]?
        public var note: String?
        public var createdBy: String
        public var createdAt: Int64
        public var decidedBy: String?
        public var decidedAt: Int64?
        public var reason: String?
    }

    /// What a supplier typed: the values it wants, each compared with the product's.
    public struct Change: Sendable, Hashable {
        public var purchasePrice: String
        public var description: String
        /// One GTIN per line.
        public var gtins: String
        public var note: String
        public init(purchasePrice: String, description: String, gtins: String, note: String) {
            self.purchasePrice = purchasePrice
            self.description = description
            self.gtins = gtins
            self.note = note
        }
    }

    /// A product as its supplier sees it.
    public struct SupplierProduct: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public var purchasePrice: Int64?
        public var description: String?
        public var gtins: [String]
        /// The pending proposal, if any.
        public var pending: Proposal?
    }

    static func proposal(_ row: DBRow) throws -> Proposal {
        Proposal(
            id: try row.string("id"), productID: try row.string("product_id"),
            supplierID: try row.string("supplier_id"), status: try row.string("status"),
            purchasePrice: row.integer("purchase_price"), description: row.text("description"),
            gtins: row.text("gtins").map(FieldText.codes), note: row.text("note"),
            createdBy: try row.string("created_by"), createdAt: try row.int("created_at"),
            decidedBy: row.text("decided_by"), decidedAt: row.integer("decided_at"), reason: row.text("reason"))
    }

    static func field(_ key: String) -> RecordField { RecordKinds.product.fields.first { $0.key == key }! }

    /// A price as its field is typed (`0.65`); empty for none.
    static func priceText(_ minor: Int64?, _ currency: Currency) -> String {
        FieldText.format(minor.map { .integer($0) } ?? .null, field("purchasePrice"), currency: currency)
    }

    /// The GTINs among a product's codes (stored as GTIN-14s; a store label is not one).
    static func gtins(_ codes: String?) -> [String] {
        FieldText.codes(codes ?? "").filter { $0.utf8.count == 14 && $0.utf8.allSatisfy { (48...57).contains($0) } }
    }

    // MARK: Reading

    public static func load(id: String, on db: any DBConnection) throws -> Proposal? {
        if Input.identifierProblem(id, "") != nil { return nil }
        return try db.first("SELECT * FROM product_proposals WHERE id = ?", .text(id)).map(proposal)
    }

    /// Proposals of one status or all, of one supplier or all, newest first.
    static func list(
        status: String?, supplierID: String?, limit: Int, offset: Int, on db: any DBConnection
    ) throws -> ListPage<Proposal> {
        let condition = "(CAST(? AS TEXT) IS NULL OR status = ?) AND (CAST(? AS TEXT) IS NULL OR supplier_id = ?)"
        let binds: [DBValue] = [DBValue(status), DBValue(status), DBValue(supplierID), DBValue(supplierID)]
        let total =
            try db.query("SELECT count(*) AS n FROM product_proposals WHERE \(condition)", binds).first?.integer("n")
            ?? 0
        let rows = try db.query(
            """
            SELECT * FROM product_proposals WHERE \(condition) ORDER BY created_at DESC, id LIMIT ? OFFSET ?
            """, binds + [.integer(Int64(limit)), .integer(Int64(offset))])
        return ListPage(rows: try rows.map(proposal), total: Int(total))
    }

    /// The products a supplier may propose changes to: those it is the preferred supplier of, by name.
    public static func products(
        ofSupplier supplierID: String, now: Int64, on db: any DBConnection
    ) throws
        -> [SupplierProduct]
    {
        let ids = try db.query(
            "SELECT id FROM product_details WHERE preferred_supplier_id = ? ORDER BY id LIMIT 2000",
            .text(supplierID)
        ).map { try $0.string("id") }
        let pending = try db.query(
            "SELECT * FROM product_proposals WHERE supplier_id = ? AND status = 'pending'", .text(supplierID)
        ).map(proposal)
        return try ids.compactMap { id in
            try supplierProduct(id, pending: pending.first { $0.productID == id }, now: now, on: db)
        }.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
    }

    /// A product as its supplier sees it, with its pending proposal.
    static func supplierProduct(
        _ id: String, pending: Proposal?, now: Int64, on db: any DBConnection
    ) throws -> SupplierProduct? {
        guard let values = try Records.load(RecordKinds.product, id: id, now: now, on: db) else { return nil }
        return SupplierProduct(
            id: id, name: values["name"]?.textValue ?? id, purchasePrice: values["purchasePrice"]?.integerValue,
            description: values["description"]?.textValue, gtins: gtins(values["barcodes"]?.textValue),
            pending: pending)
    }

    /// One of the supplier's products; nil when it is not one.
    public static func product(
        _ id: String, ofSupplier supplierID: String, now: Int64, on db: any DBConnection
    )
        throws -> SupplierProduct?
    {
        guard Input.identifierProblem(id, "") == nil,
            try db.first(
                "SELECT 1 AS found FROM product_details WHERE id = ? AND preferred_supplier_id = ?", .text(id),
                .text(supplierID)) != nil
        else { return nil }
        let pending = try db.first(
            "SELECT * FROM product_proposals WHERE product_id = ? AND supplier_id = ? AND status = 'pending'",
            .text(id), .text(supplierID)
        ).map(proposal)
        return try supplierProduct(id, pending: pending, now: now, on: db)
    }

    // MARK: Writing

    /// A supplier proposes changes to one of its products: each field that differs from the product's value is
    /// proposed; nothing differing is an error. Replaces the supplier's pending proposal for the product.
    public static func propose(
        productID: String, supplierID: String, _ input: Change, userID: String, currency: Currency, now: Int64,
        on db: any DBConnection
    ) throws -> Proposal {
        guard let product = try product(productID, ofSupplier: supplierID, now: now, on: db) else {
            throw WebProblem.notFound("There is no such product of yours.")
        }
        var errors = FieldErrors()
        func parsed(_ key: String, _ text: String) -> DBValue? {
            switch FieldText.parse(text, field(key), currency: currency) {
            case .success(let value): return value
            case .failure(let problem):
                errors[key] = problem.message
                return nil
            }
        }
        var proposal = Proposal(
            id: UUID().uuidString.lowercased(), productID: productID, supplierID: supplierID, status: "pending",
            createdBy: userID, createdAt: now)
        if let price = parsed("purchasePrice", input.purchasePrice) {
            if price == .null, product.purchasePrice != nil {
                errors["purchasePrice"] = "enter your price"
            } else if let minor = price.integerValue, minor != product.purchasePrice {
                proposal.purchasePrice = minor
            }
        }
        if let description = parsed("description", input.description),
            description.textValue != product.description, description != .null
        {
            proposal.description = description.textValue
        }
        if let codes = parsed("barcodes", input.gtins) {
            let list = FieldText.codes(codes.textValue ?? "")
            if let other = list.first(where: { gtins($0).isEmpty }) {
                errors["gtins"] = "\(other) is not a GTIN (8, 12, 13 or 14 digits)"
            } else if list.sorted() != product.gtins.sorted() {
                proposal.gtins = list
            }
        } else if let problem = errors["barcodes"] {
            errors["barcodes"] = nil
            errors["gtins"] = problem
        }
        let note = input.note.trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = SalesOrders.textProblem(note) { errors["note"] = problem }
        proposal.note = note.isEmpty ? nil : note
        if errors.isEmpty, proposal.purchasePrice == nil, proposal.description == nil, proposal.gtins == nil {
            errors["purchasePrice"] = "nothing differs from what the shop has"
        }
        try errors.check()
        try db.execute(
            """
            UPDATE product_proposals SET status = 'replaced', decided_at = ?
            WHERE product_id = ? AND supplier_id = ? AND status = 'pending'
            """, .integer(now), .text(productID), .text(supplierID))
        try db.execute(
            """
            INSERT INTO product_proposals (id, product_id, supplier_id, status, purchase_price, description, gtins,
                note, created_by, created_at)
            VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)
            """, .text(proposal.id), .text(productID), .text(supplierID), DBValue(proposal.purchasePrice),
            DBValue(proposal.description), DBValue(proposal.gtins?.joined(separator: "\n")), DBValue(proposal.note),
            .text(userID), .integer(now))
        try Audit.record(
            actor: userID, action: "product-proposal.create", entity: "product-proposal", id: proposal.id,
            before: nil as Proposal?, after: proposal, now: now, on: db)
        return proposal
    }

    /// A manager approves a pending proposal: the product changes as proposed, checked as any change of it is
    /// (a GTIN another product has refuses the approval, and the proposal stays pending).
    public static func approve(
        id: String, userID: String, currency: Currency, now: Int64, on db: any DBConnection
    ) throws -> Proposal {
        let proposal = try pending(id, on: db)
        let kind = RecordKinds.product
        guard let existing = try Records.load(kind, id: proposal.productID, now: now, on: db) else {
            throw FieldErrors(["action": "product \(proposal.productID) is no longer there"])
        }
        var input: [String: String] = [:]
        if let price = proposal.purchasePrice {
            input["purchasePrice"] = priceText(price, currency)
        }
        if let description = proposal.description { input["description"] = description }
        if let gtins = proposal.gtins {
            let others = FieldText.codes(existing["barcodes"]?.textValue ?? "").filter { Self.gtins($0).isEmpty }
            input["barcodes"] = (others + gtins).joined(separator: "\n")
        }
        let values: RecordValues
        do {
            values = try Records.checked(
                kind, input: Records.changing(kind, existing, with: input, currency: currency), existing: existing,
                currency: currency, on: db)
        } catch let errors as FieldErrors {
            throw FieldErrors([
                "action": "the product would not be valid: \(errors.messages.values.sorted().joined(separator: "; "))"
            ])
        }
        try Records.save(kind, values, existing: existing, actor: userID, currency: currency, now: now, on: db)
        return try decide(proposal, status: "approved", reason: nil, userID: userID, now: now, on: db)
    }

    /// A manager rejects a pending proposal, saying why.
    public static func reject(
        id: String, reason: String, userID: String, now: Int64, on db: any DBConnection
    ) throws -> Proposal {
        let proposal = try pending(id, on: db)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { throw FieldErrors(["reason": "say why, for the supplier"]) }
        if let problem = SalesOrders.textProblem(reason) { throw FieldErrors(["reason": problem]) }
        return try decide(proposal, status: "rejected", reason: reason, userID: userID, now: now, on: db)
    }

    static func pending(_ id: String, on db: any DBConnection) throws -> Proposal {
        try CatalogFeed.lock(on: db)
        guard let proposal = try load(id: id, on: db) else {
            throw WebProblem.notFound("There is no such proposal.")
        }
        guard proposal.status == "pending" else { throw FieldErrors(["action": "the proposal is \(proposal.status)"]) }
        return proposal
    }

    static func decide(
        _ proposal: Proposal, status: String, reason: String?, userID: String, now: Int64, on db: any DBConnection
    ) throws -> Proposal {
        var after = proposal
        after.status = status
        after.reason = reason
        after.decidedBy = userID
        after.decidedAt = now
        try db.execute(
            "UPDATE product_proposals SET status = ?, reason = ?, decided_by = ?, decided_at = ? WHERE id = ?",
            .text(status), DBValue(reason), .text(userID), .integer(now), .text(proposal.id))
        try Audit.record(
            actor: userID, action: "product-proposal.\(status == "approved" ? "approve" : "reject")",
            entity: "product-proposal", id: proposal.id, before: proposal, after: after, now: now, on: db)
        return after
    }
}
