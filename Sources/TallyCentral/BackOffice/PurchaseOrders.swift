import Foundation
import TallyCore
import TallySync

/// Purchase orders in the back office: drafts made by hand or from reorder suggestions, sent to the stations'
/// docks, followed by the goods receipts the stations push, closed or cancelled.
///
/// A draft lives only at central, as the record it will become (status `draft`) in `purchase_orders.draft`.
/// Sending it writes the record to the catalog change feed with status `sent`, where the docks pull it and where
/// ``PurchaseOrderProgress`` keeps its received quantities and status as receipts arrive; from then on the feed's
/// record is the order. A draft cancelled never reaches the stations.
public enum PurchaseOrders {
    /// The most lines one order has.
    public static let maximumLines = 200
    static let statuses = ["draft", "sent", "partly-received", "received", "closed", "cancelled"]

    /// An order as the back office shows it.
    public struct Order: Sendable, Hashable {
        public var record: PurchaseOrderRecord
        public var createdAt: Int64
        public var isDraft: Bool { record.status == "draft" || (record.status == "cancelled" && inDraftTable) }
        /// Whether the order never left the back office.
        var inDraftTable: Bool
    }

    /// A line as typed: a product's code or one of its barcodes, and a quantity.
    public struct LineInput: Sendable, Hashable {
        public var product: String
        public var quantity: String
        public init(product: String, quantity: String) {
            self.product = product
            self.quantity = quantity
        }
    }

    /// What a draft is made of, as typed.
    public struct DraftInput: Sendable, Hashable {
        public var supplierID: String
        public var locationID: String
        /// `YYYY-MM-DD`, or empty for today plus the supplier's lead time.
        public var expected: String
        public var lines: [LineInput]
        public init(supplierID: String, locationID: String, expected: String, lines: [LineInput]) {
            self.supplierID = supplierID
            self.locationID = locationID
            self.expected = expected
            self.lines = lines
        }
    }

    // MARK: Reading

    static func statusExpression(_ dialect: DBDialect) -> String {
        dialect == .postgres
            ? "COALESCE(c.payload::json ->> 'status', p.draft::json ->> 'status', 'sent')"
            : "COALESCE(json_extract(c.payload, '$.status'), json_extract(p.draft, '$.status'), 'sent')"
    }

    static let source = """
        purchase_orders p LEFT JOIN catalog c ON c.kind = 'purchase-order' AND c.key = p.id
        LEFT JOIN suppliers s ON s.id = p.supplier_id
        """

    static func order(_ row: DBRow) throws -> Order? {
        let inDraft = row.text("draft") != nil
        guard let payload = row.text("payload") ?? row.text("draft") else { return nil }
        let record = try JSONDecoder().decode(PurchaseOrderRecord.self, from: Data(payload.utf8))
        return Order(record: record, createdAt: row.integer("created_at") ?? 0, inDraftTable: inDraft)
    }

    /// Orders, newest first, of one status or all, whose number or supplier holds `query`.
    static func list(
        status: String?, query: String, limit: Int, offset: Int, on db: any DBConnection
    ) throws -> ListPage<Order> {
        let pattern = ListQuery.containing(query)
        let condition = """
            (CAST(? AS TEXT) IS NULL OR \(statusExpression(db.dialect)) = ?)
            AND (lower(p.number) LIKE ? ESCAPE '\\' OR lower(COALESCE(s.name, p.supplier_id)) LIKE ? ESCAPE '\\')
            """
        let binds: [DBValue] = [DBValue(status), DBValue(status), .text(pattern), .text(pattern)]
        let total =
            try db.query("SELECT count(*) AS n FROM \(source) WHERE \(condition)", binds).first?.integer("n") ?? 0
        let rows = try db.query(
            """
            SELECT p.id, p.created_at, p.draft, c.payload FROM \(source) WHERE \(condition)
            ORDER BY p.created_at DESC, p.number DESC LIMIT ? OFFSET ?
            """, binds + [.integer(Int64(limit)), .integer(Int64(offset))])
        return ListPage(rows: try rows.compactMap(order), total: Int(total))
    }

    public static func load(id: String, on db: any DBConnection) throws -> Order? {
        if Input.identifierProblem(id, "") != nil { return nil }
        return try db.first(
            "SELECT p.id, p.created_at, p.draft, c.payload FROM \(source) WHERE p.id = ?\(db.dialect == .postgres ? " FOR UPDATE OF p" : "")",
            .text(id)
        ).flatMap(order)
    }

    // MARK: Drafts

    /// The product a code names: its own code, or one of its barcodes (a GTIN in any of its lengths).
    static func product(named code: String, on db: any DBConnection) throws -> ProductRecord? {
        // Not a code any product has (and nothing PostgreSQL would take, such as NUL).
        if Input.identifierProblem(code, "") != nil { return nil }
        let decoder = JSONDecoder()
        if let payload = try db.first(
            "SELECT payload FROM catalog WHERE kind = 'product' AND key = ? AND payload IS NOT NULL", .text(code))?
            .text("payload")
        {
            return try decoder.decode(ProductRecord.self, from: Data(payload.utf8))
        }
        var barcode = code
        if code.utf8.allSatisfy({ (48...57).contains($0) }), GTIN.lengths.contains(code.utf8.count),
            let gtin = try? GTIN(validating: code)
        {
            barcode = gtin.gtin14
        }
        for row in try db.query(
            "SELECT payload FROM catalog WHERE kind = 'product' AND payload LIKE ? ESCAPE '\\'",
            .text("%\"" + ListQuery.escapedForLike(barcode) + "\"%"))
        {
            guard let payload = row.text("payload"),
                let record = try? decoder.decode(ProductRecord.self, from: Data(payload.utf8)),
                record.barcodes.contains(barcode)
            else { continue }
            return record
        }
        return nil
    }

    /// The catalog records of the products an order's lines name, by id (a product removed since is missing).
    static func products(of record: PurchaseOrderRecord, on db: any DBConnection) throws -> [String: ProductRecord] {
        var products: [String: ProductRecord] = [:]
        for line in record.lines where products[line.productID] == nil {
            guard
                let payload = try db.first(
                    "SELECT payload FROM catalog WHERE kind = 'product' AND key = ?", .text(line.productID))?
                    .text("payload")
            else { continue }
            products[line.productID] = try? JSONDecoder().decode(ProductRecord.self, from: Data(payload.utf8))
        }
        return products
    }

    /// Midnight UTC of a `YYYY-MM-DD` date, in milliseconds.
    static func day(_ text: String) -> Int64? {
        guard Input.isDate(text) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else {
            return nil
        }
        return Int64(date.timeIntervalSince1970 * 1000)
    }

    static func dayText(_ milliseconds: Int64?) -> String {
        guard let milliseconds else { return "" }
        return String(WebApp.time(milliseconds).prefix(10))
    }

    /// The next free order number: `PO` and six or more digits, which a Tally purchase-order label carries.
    static func nextNumber(on db: any DBConnection) throws -> String {
        var next = (try db.first("SELECT count(*) AS n FROM purchase_orders")?.integer("n") ?? 0) + 1
        while true {
            let digits = String(next)
            let number = "PO" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
            if try db.first("SELECT 1 AS taken FROM purchase_orders WHERE number = ?", .text(number)) == nil {
                return number
            }
            next += 1
        }
    }

    /// Adds a draft (`id` nil) or changes one, in the transaction under way, with its audit entry.
    public static func saveDraft(
        id: String?, _ input: DraftInput, actor: String, now: Int64, on db: any DBConnection
    ) throws -> Order {
        // Order numbers are handed out under the catalog writers' lock, so two central processes never give one
        // number twice.
        try CatalogFeed.lock(on: db)
        let existing = try id.flatMap { try load(id: $0, on: db) }
        if let id, existing == nil { throw WebProblem.notFound("There is no purchase order \(id).") }
        if let existing, existing.record.status != "draft" {
            throw FieldErrors(["supplierID": "order \(existing.record.number) was sent; only a draft can be changed"])
        }
        var errors = FieldErrors()
        func valid(_ id: String) -> Bool { Input.identifierProblem(id, "") == nil }
        let supplier =
            valid(input.supplierID)
            ? try db.first(
                "SELECT id, name, over_tolerance_percent, lead_time_days FROM suppliers WHERE id = ?",
                .text(input.supplierID)) : nil
        if supplier == nil { errors["supplierID"] = "choose a supplier" }
        let location =
            valid(input.locationID)
            ? try db.first(
                "SELECT 1 AS found FROM catalog WHERE kind = 'location' AND key = ? AND payload IS NOT NULL",
                .text(input.locationID)) : nil
        if location == nil {
            errors["locationID"] = "choose the location the goods are received at"
        }
        var expectedAt: Int64?
        let expected = input.expected.trimmingCharacters(in: .whitespaces)
        if expected.isEmpty {
            let lead = supplier?.integer("lead_time_days") ?? 0
            expectedAt = day(dayText(now + lead * 86_400_000))
        } else if let parsed = day(expected) {
            expectedAt = parsed
        } else {
            errors["expected"] = "a date such as 2026-12-24"
        }
        var lines: [PurchaseOrderLineRecord] = []
        for (index, line) in input.lines.enumerated() {
            let code = line.product.trimmingCharacters(in: .whitespaces)
            let quantity = line.quantity.trimmingCharacters(in: .whitespaces)
            if code.isEmpty && quantity.isEmpty { continue }
            let key = "line\(index + 1)"
            guard valid(code), let product = try product(named: code, on: db) else {
                errors[key] =
                    code.isEmpty ? "enter a product's code or barcode" : "no product has the code or barcode \(code)"
                continue
            }
            guard let amount = Int64(quantity), (1...CentralAPI.maximumQuantity).contains(amount) else {
                errors[key] = "the quantity is a whole number from 1 to \(CentralAPI.maximumQuantity)"
                continue
            }
            if let same = lines.firstIndex(where: { $0.productID == product.id }) {
                lines[same].quantity += amount
            } else {
                lines.append(PurchaseOrderLineRecord(number: lines.count + 1, productID: product.id, quantity: amount))
            }
        }
        if lines.isEmpty && errors.messages.keys.allSatisfy({ !$0.hasPrefix("line") }) {
            errors["line1"] = "an order needs at least one line"
        }
        if lines.count > maximumLines { errors["line1"] = "an order has at most \(maximumLines) lines" }
        try errors.check()
        guard let supplier else { throw errors }
        let orderID = existing?.record.id ?? UUID().uuidString.lowercased()
        let number = try existing?.record.number ?? nextNumber(on: db)
        let record = PurchaseOrderRecord(
            id: orderID, number: number, supplierID: try supplier.string("id"),
            supplierName: try supplier.string("name"),
            status: "draft", locationID: input.locationID, expectedAt: expectedAt, lines: lines,
            overTolerancePercent: Int(supplier.integer("over_tolerance_percent") ?? 0))
        let json = String(decoding: try CentralJSON.encoder.encode(record), as: UTF8.self)
        if existing == nil {
            try db.execute(
                "INSERT INTO purchase_orders (id, number, supplier_id, created_at, draft, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                .text(orderID), .text(number), .text(record.supplierID), .integer(now), .text(json), .integer(now))
        } else {
            try db.execute(
                "UPDATE purchase_orders SET supplier_id = ?, draft = ?, updated_at = ? WHERE id = ?",
                .text(record.supplierID), .text(json), .integer(now), .text(orderID))
        }
        try Audit.record(
            actor: actor, action: existing == nil ? "purchase-order.create" : "purchase-order.update",
            entity: "purchase-order", id: orderID, before: existing?.record, after: record, now: now, on: db)
        return Order(record: record, createdAt: existing?.createdAt ?? now, inDraftTable: true)
    }

    /// What a manager does to an order.
    public enum Action: String, Sendable, CaseIterable {
        /// A draft goes to the docks (and is the order the supplier gets).
        case send
        /// Nothing will come: a draft, or a sent order nothing was received against.
        case cancel
        /// No more will come: the backorder ends.
        case close
    }

    /// Takes the action in the transaction under way, with its audit entry; ``FieldErrors`` under `action` when
    /// the order's status does not allow it.
    public static func perform(
        _ action: Action, id: String, actor: String, now: Int64, on db: any DBConnection
    ) throws -> Order {
        try CatalogFeed.lock(on: db)
        guard let order = try load(id: id, on: db) else {
            throw WebProblem.notFound("There is no purchase order \(id).")
        }
        var record = order.record
        switch (action, record.status) {
        case (.send, "draft"):
            record.status = "sent"
            try CatalogFeed.put([try CatalogWrite(.purchaseOrder(record))], now: now, on: db)
            try db.execute(
                "UPDATE purchase_orders SET draft = NULL, updated_at = ? WHERE id = ?", .integer(now), .text(id))
        case (.cancel, "draft"):
            record.status = "cancelled"
            try db.execute(
                "UPDATE purchase_orders SET draft = ?, updated_at = ? WHERE id = ?",
                .text(String(decoding: try CentralJSON.encoder.encode(record), as: UTF8.self)), .integer(now), .text(id)
            )
        case (.cancel, _), (.close, _):
            guard record.status != "draft" else {
                throw FieldErrors(["action": "a draft is cancelled, not closed: it was never sent"])
            }
            do {
                record = try (action == .cancel ? PurchaseOrderAction.cancel : .close).apply(to: record)
            } catch {
                throw FieldErrors(["action": error.description])
            }
            try CatalogFeed.put([try CatalogWrite(.purchaseOrder(record))], now: now, on: db)
        case (.send, _):
            throw FieldErrors(["action": "order \(record.number) is \(record.status); only a draft is sent"])
        }
        try Audit.record(
            actor: actor, action: "purchase-order.\(action.rawValue)", entity: "purchase-order", id: id,
            before: order.record, after: record, now: now, on: db)
        return Order(record: record, createdAt: order.createdAt, inDraftTable: order.inDraftTable && action != .send)
    }

    // MARK: The management API's orders

    /// An order made sent at once (the management API's `POST /api/v1/purchase-orders`): its number must be free; it
    /// goes to the stations and into the audit trail in the transaction under way.
    public static func createSent(
        _ order: PurchaseOrderRecord, actor: String, now: Int64, on db: any DBConnection
    ) throws {
        try CatalogFeed.lock(on: db)
        if let other = try db.first(ManagementSQL.orderWithNumber, .text(order.number))?.text("id") {
            throw ManagementError.conflict("purchase order \(other) has the number \(order.number) already")
        }
        try db.execute(
            ManagementSQL.insertOrder, .text(order.id), .text(order.number), .text(order.supplierID), .integer(now))
        try CatalogFeed.put([try CatalogWrite(.purchaseOrder(order))], now: now, on: db)
        try Audit.record(
            actor: actor, action: "purchase-order.create", entity: "purchase-order", id: order.id,
            before: nil as PurchaseOrderRecord?, after: order, now: now, on: db)
    }

    /// Cancels or closes a sent order as the management API answers it: ``ManagementError`` when there is no such
    /// order (a draft is none) or its state refuses the action.
    public static func changeSent(
        _ action: PurchaseOrderAction, id: String, actor: String, now: Int64, on db: any DBConnection
    ) throws -> PurchaseOrderRecord {
        guard Input.identifierProblem(id, "") == nil, let order = try load(id: id, on: db), !order.isDraft else {
            throw ManagementError.notFound("there is no purchase order \(id)")
        }
        do {
            return try perform(action == .cancel ? .cancel : .close, id: id, actor: actor, now: now, on: db).record
        } catch let errors as FieldErrors {
            throw ManagementError.conflict(errors["action"] ?? errors.description)
        }
    }

    // MARK: Reorder suggestions

    /// A product whose stock on hand plus what is on order has fallen below its reorder point.
    public struct Suggestion: Sendable, Hashable, Codable {
        public var productID: String
        public var name: String
        public var supplierID: String?
        public var onHand: Int64
        public var onOrder: Int64
        public var reorderPoint: Int64
        public var quantity: Int64
    }

    /// A draft for a supplier with the lines the reorder suggestions give it, to be received at `locationID`.
    public static func draftFromSuggestions(
        supplierID: String, locationID: String, actor: String, now: Int64, on db: any DBConnection
    ) throws -> Order {
        let lines = try suggestions(on: db).filter { $0.supplierID == supplierID }.map {
            LineInput(product: $0.productID, quantity: String($0.quantity))
        }
        return try saveDraft(
            id: nil, DraftInput(supplierID: supplierID, locationID: locationID, expected: "", lines: lines),
            actor: actor, now: now, on: db)
    }

    /// Every product with a reorder point whose stock on hand (every location and lot) plus what sent orders still
    /// bring is below it; the quantity is the reorder quantity, as many times as it takes to reach the point
    /// (the shortfall when no reorder quantity is set).
    public static func suggestions(on db: any DBConnection) throws -> [Suggestion] {
        var onOrder: [String: Int64] = [:]
        for order in try openOrders(on: db) {
            for line in order.lines {
                onOrder[line.productID, default: 0] += max(0, line.quantity - (line.received ?? 0))
            }
        }
        return try reorderLevels(on: db).compactMap { level in
            let coming = onOrder[level.product.id] ?? 0
            let shortfall = level.point - (level.onHand + coming)
            guard shortfall > 0 else { return nil }
            let quantity = level.step > 0 ? ((shortfall + level.step - 1) / level.step) * level.step : shortfall
            return Suggestion(
                productID: level.product.id, name: level.product.name, supplierID: level.supplierID,
                onHand: level.onHand, onOrder: coming, reorderPoint: level.point, quantity: quantity)
        }
    }

    /// A product on sale with a reorder point, and its stock on hand at every location and lot.
    struct ReorderLevel {
        var product: ProductRecord
        var point: Int64
        /// The reorder quantity; 0 when none is set.
        var step: Int64
        var supplierID: String?
        var onHand: Int64
    }

    /// Every product on sale that has a reorder point, by preferred supplier and id.
    static func reorderLevels(on db: any DBConnection) throws -> [ReorderLevel] {
        let decoder = JSONDecoder()
        return try db.query(
            """
            SELECT d.reorder_point, d.reorder_quantity, d.preferred_supplier_id, c.payload,
                CAST(COALESCE((SELECT SUM(s.quantity) FROM stock s WHERE s.product_id = d.id), 0) AS BIGINT) AS on_hand
            FROM product_details d JOIN catalog c ON c.kind = 'product' AND c.key = d.id AND c.payload IS NOT NULL
            WHERE d.reorder_point IS NOT NULL ORDER BY d.preferred_supplier_id, d.id
            """
        ).compactMap { row in
            guard let payload = row.text("payload"),
                let product = try? decoder.decode(ProductRecord.self, from: Data(payload.utf8)), product.active
            else { return nil }
            return ReorderLevel(
                product: product, point: try row.int("reorder_point"), step: row.integer("reorder_quantity") ?? 0,
                supplierID: row.text("preferred_supplier_id"), onHand: row.integer("on_hand") ?? 0)
        }
    }

    /// The orders the docks are still receiving against (sent or partly received), by number.
    static func openOrders(on db: any DBConnection) throws -> [PurchaseOrderRecord] {
        let decoder = JSONDecoder()
        return try db.query(
            """
            SELECT c.payload FROM catalog c JOIN purchase_orders p ON p.id = c.key
            WHERE c.kind = 'purchase-order' AND c.payload IS NOT NULL ORDER BY p.number
            """
        ).compactMap { row in
            guard let payload = row.text("payload"),
                let order = try? decoder.decode(PurchaseOrderRecord.self, from: Data(payload.utf8)),
                order.status == "sent" || order.status == "partly-received"
            else { return nil }
            return order
        }
    }
}

// MARK: Suppliers' confirmations

extension PurchaseOrders {
    /// What a supplier said about an order.
    public struct Confirmation: Sendable, Hashable, Codable {
        public var deliveryDate: String
        public var note: String?
        public var confirmedAt: Int64
        public var userID: String
    }

    public static func confirmation(orderID: String, on db: any DBConnection) throws -> Confirmation? {
        try db.first(
            "SELECT user_id, confirmed_at, delivery_date, note FROM purchase_order_confirmations WHERE order_id = ?",
            .text(orderID)
        ).map {
            Confirmation(
                deliveryDate: try $0.string("delivery_date"), note: $0.text("note"),
                confirmedAt: try $0.int("confirmed_at"), userID: try $0.string("user_id"))
        }
    }

    /// A supplier's orders that reached it (sent and after), newest first.
    static func ofSupplier(_ supplierID: String, on db: any DBConnection) throws -> [Order] {
        try db.query(
            """
            SELECT p.id, p.created_at, p.draft, c.payload FROM \(source)
            WHERE p.supplier_id = ? AND c.payload IS NOT NULL ORDER BY p.created_at DESC, p.number DESC LIMIT 500
            """, .text(supplierID)
        ).compactMap(order)
    }

    /// A supplier confirms an order it was sent, with the date it will deliver: the order's expected date becomes
    /// that date, for the docks too. Only an order of the user's own supplier that is still open; confirming again
    /// replaces the confirmation.
    public static func confirm(
        id: String, supplierID: String, deliveryDate: String, note: String, userID: String, now: Int64,
        on db: any DBConnection
    ) throws -> Order {
        try CatalogFeed.lock(on: db)
        guard let order = try load(id: id, on: db), order.record.supplierID == supplierID, !order.isDraft else {
            throw WebProblem.notFound("There is no such order of yours.")
        }
        var errors = FieldErrors()
        guard ["sent", "partly-received"].contains(order.record.status) else {
            throw FieldErrors(["deliveryDate": "order \(order.record.number) is \(order.record.status)"])
        }
        let date = deliveryDate.trimmingCharacters(in: .whitespaces)
        let day = day(date)
        if day == nil { errors["deliveryDate"] = "a date such as 2026-12-24" }
        if let day, day < PurchaseOrders.day(dayText(now))! { errors["deliveryDate"] = "a date from today on" }
        let trimmed = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.utf8.count > 500
            || trimmed.unicodeScalars.contains(where: {
                $0.properties.generalCategory == .control && $0 != "\n"
            })
        {
            errors["note"] = "at most 500 characters"
        }
        try errors.check()
        let before = try confirmation(orderID: id, on: db)
        try db.execute("DELETE FROM purchase_order_confirmations WHERE order_id = ?", .text(id))
        try db.execute(
            """
            INSERT INTO purchase_order_confirmations (order_id, user_id, confirmed_at, delivery_date, note)
            VALUES (?, ?, ?, ?, ?)
            """, .text(id), .text(userID), .integer(now), .text(date), DBValue(trimmed.isEmpty ? nil : trimmed))
        var record = order.record
        record.expectedAt = day
        try CatalogFeed.put([try CatalogWrite(.purchaseOrder(record))], now: now, on: db)
        let after = Confirmation(
            deliveryDate: date, note: trimmed.isEmpty ? nil : trimmed, confirmedAt: now, userID: userID)
        try Audit.record(
            actor: userID, action: "purchase-order.confirm", entity: "purchase-order", id: id, before: before,
            after: after, now: now, on: db)
        return Order(record: record, createdAt: order.createdAt, inDraftTable: false)
    }
}
