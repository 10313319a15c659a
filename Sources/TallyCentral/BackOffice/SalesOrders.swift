import Foundation
import TallyCore
import TallySync

/// Customers' orders in the back office.
///
/// A customer fills a basket (an order of status `basket` only they see), places it (`pending`, priced and taxed at
/// that moment), staff confirm it (`confirmed`, checked against the customer's credit limit when it is paid on
/// account), pick and ship it from a location with a tracking number (`shipped`: the stock leaves that location in
/// central's ledger and the invoice is issued), and mark it `delivered`. An order not yet shipped can be cancelled;
/// a customer may cancel their own while it is pending. Every step is in the audit trail.
public enum SalesOrders {
    public static let maximumLines = 200
    /// What a placed order may be paid by: `on-account` only for a customer whose record says so.
    public static let paymentMethods = ["card", "bank-transfer", "cash", "on-account"]
    static let statuses = ["basket", "pending", "confirmed", "shipped", "delivered", "cancelled"]
    /// Days from an invoice to its due date.
    static let paymentDays: Int64 = 14

    /// How the shop prices what it sells: the currency, and whether selling prices include tax.
    public struct Pricing: Sendable, Hashable {
        public var currency: Currency
        public var priceMode: PriceMode
        public init(currency: Currency, priceMode: PriceMode = .taxInclusive) {
            self.currency = currency
            self.priceMode = priceMode
        }
    }

    public struct Line: Sendable, Hashable, Codable {
        public var number: Int
        public var productID: String
        public var name: String
        /// `piece`, or `weight` with the quantity in grams and the unit price per kilogram.
        public var unit: String
        public var quantity: Int64
        public var unitPrice: Int64
        public var taxClassID: String
        public var taxRatePPM: Int64
        public var net: Int64
        public var tax: Int64
        public var total: Int64
        /// How much of the line came back in returns.
        public var returned: Int64
    }

    public struct Order: Sendable, Hashable, Codable {
        public var id: String
        /// Given when the order is placed; nil for a basket.
        public var number: String?
        public var customerID: String
        public var customerName: String
        public var status: String
        public var paymentMethod: String
        public var currency: String
        public var net: Int64
        public var tax: Int64
        public var total: Int64
        public var shippingAddress: String?
        public var note: String?
        /// Where it was shipped from.
        public var locationID: String?
        public var tracking: String?
        public var createdBy: String
        public var createdAt: Int64
        public var placedAt: Int64?
        public var confirmedAt: Int64?
        public var shippedAt: Int64?
        public var deliveredAt: Int64?
        public var cancelledAt: Int64?
        public var lines: [Line]

        public var title: String { number ?? "Basket" }
    }

    /// A line as typed: a product's code or one of its barcodes, and a quantity (grams for items sold by weight).
    public typealias LineInput = PurchaseOrders.LineInput

    /// What placing an order asks for.
    public struct PlaceInput: Sendable, Hashable {
        public var paymentMethod: String
        /// Empty for the customer's own shipping address.
        public var shippingAddress: String
        public var note: String
        public init(paymentMethod: String, shippingAddress: String = "", note: String = "") {
            self.paymentMethod = paymentMethod
            self.shippingAddress = shippingAddress
            self.note = note
        }
    }

    // MARK: Reading

    static let columns = """
        o.id, o.number, o.customer_id, COALESCE(c.name, o.customer_id) AS customer_name, o.status, o.payment_method,
        o.currency, o.net_minor, o.tax_minor, o.total_minor, o.shipping_address, o.note, o.location_id, o.tracking,
        o.created_by, o.created_at, o.placed_at, o.confirmed_at, o.shipped_at, o.delivered_at, o.cancelled_at
        """
    static let source = "sales_orders o LEFT JOIN customers c ON c.id = o.customer_id"

    static func order(_ row: DBRow, lines: [Line]) throws -> Order {
        Order(
            id: try row.string("id"), number: row.text("number"), customerID: try row.string("customer_id"),
            customerName: try row.string("customer_name"), status: try row.string("status"),
            paymentMethod: try row.string("payment_method"), currency: try row.string("currency"),
            net: try row.int("net_minor"), tax: try row.int("tax_minor"), total: try row.int("total_minor"),
            shippingAddress: row.text("shipping_address"), note: row.text("note"), locationID: row.text("location_id"),
            tracking: row.text("tracking"), createdBy: try row.string("created_by"),
            createdAt: try row.int("created_at"), placedAt: row.integer("placed_at"),
            confirmedAt: row.integer("confirmed_at"), shippedAt: row.integer("shipped_at"),
            deliveredAt: row.integer("delivered_at"), cancelledAt: row.integer("cancelled_at"), lines: lines)
    }

    static func lines(of orderID: String, on db: any DBConnection) throws -> [Line] {
        try db.query(
            """
            SELECT line, product_id, name, unit, quantity, unit_price_minor, tax_class_id, tax_rate_ppm, net_minor,
                tax_minor, total_minor, returned
            FROM sales_order_lines WHERE order_id = ? ORDER BY line
            """, .text(orderID)
        ).map { row in
            Line(
                number: Int(try row.int("line")), productID: try row.string("product_id"), name: try row.string("name"),
                unit: try row.string("unit"), quantity: try row.int("quantity"),
                unitPrice: try row.int("unit_price_minor"), taxClassID: try row.string("tax_class_id"),
                taxRatePPM: try row.int("tax_rate_ppm"), net: try row.int("net_minor"), tax: try row.int("tax_minor"),
                total: try row.int("total_minor"), returned: try row.int("returned"))
        }
    }

    /// An order with its lines; locked until the transaction ends on PostgreSQL.
    public static func load(id: String, on db: any DBConnection) throws -> Order? {
        if Input.identifierProblem(id, "") != nil { return nil }
        guard
            let row = try db.first(
                "SELECT \(columns) FROM \(source) WHERE o.id = ?\(db.dialect == .postgres ? " FOR UPDATE OF o" : "")",
                .text(id))
        else { return nil }
        return try order(row, lines: try lines(of: id, on: db))
    }

    /// Placed orders (never baskets), newest first, of one status or all, of one customer or all, whose number or
    /// customer holds `query`. Lines are not read.
    static func list(
        status: String?, customerID: String?, query: String, limit: Int, offset: Int, on db: any DBConnection
    ) throws -> ListPage<Order> {
        let pattern = ListQuery.containing(query.filter { !$0.isASCII || $0.asciiValue! >= 0x20 })
        let condition = """
            o.status <> 'basket' AND (CAST(? AS TEXT) IS NULL OR o.status = ?)
            AND (CAST(? AS TEXT) IS NULL OR o.customer_id = ?)
            AND (lower(o.number) LIKE ? ESCAPE '\\' OR lower(COALESCE(c.name, o.customer_id)) LIKE ? ESCAPE '\\')
            """
        let binds: [DBValue] = [
            DBValue(status), DBValue(status), DBValue(customerID), DBValue(customerID), .text(pattern), .text(pattern),
        ]
        let total =
            try db.query("SELECT count(*) AS n FROM \(source) WHERE \(condition)", binds).first?.integer("n") ?? 0
        let rows = try db.query(
            """
            SELECT \(columns) FROM \(source) WHERE \(condition)
            ORDER BY o.placed_at DESC, o.number DESC LIMIT ? OFFSET ?
            """, binds + [.integer(Int64(limit)), .integer(Int64(offset))])
        return ListPage(rows: try rows.map { try order($0, lines: []) }, total: Int(total))
    }

    /// A placed order (never a basket), locked for the step under way; not found otherwise.
    static func placed(_ id: String, on db: any DBConnection) throws -> Order {
        try CatalogFeed.lock(on: db)
        guard let order = try load(id: id, on: db), order.status != "basket" else {
            throw WebProblem.notFound("There is no sales order \(id).")
        }
        return order
    }

    /// What is wrong with a text of several lines: nil, or that it has too many characters or control characters.
    static func textProblem(_ text: String, maximum: Int = 500) -> String? {
        text.utf8.count > maximum || Input.hasControlCharacters(text.replacingOccurrences(of: "\n", with: " "))
            ? "at most \(maximum) characters" : nil
    }

    /// The customer's basket, if they have one.
    public static func basket(customerID: String, on db: any DBConnection) throws -> Order? {
        guard
            let id = try db.first(
                "SELECT id FROM sales_orders WHERE customer_id = ? AND status = 'basket'", .text(customerID))?.text(
                    "id")
        else { return nil }
        return try load(id: id, on: db)
    }

    /// How much of each product can still be promised: stock on hand at every location and lot, less what placed
    /// orders not yet shipped hold.
    static func available(_ productIDs: [String], on db: any DBConnection) throws -> [String: Int64] {
        var result: [String: Int64] = [:]
        for id in Set(productIDs) {
            let row = try db.first(
                """
                SELECT CAST(COALESCE((SELECT SUM(quantity) FROM stock WHERE product_id = ?), 0) AS BIGINT) AS on_hand,
                    CAST(COALESCE((SELECT SUM(l.quantity) FROM sales_order_lines l
                        JOIN sales_orders o ON o.id = l.order_id
                        WHERE l.product_id = ? AND o.status IN ('pending', 'confirmed')), 0) AS BIGINT) AS held
                """, .text(id), .text(id))
            result[id] = (row?.integer("on_hand") ?? 0) - (row?.integer("held") ?? 0)
        }
        return result
    }

    /// A product as a customer sees it.
    public struct ShopProduct: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public var description: String?
        public var unit: String
        /// Per piece, or per kilogram for items sold by weight.
        public var price: Int64
        public var currency: String
        /// Pieces, or grams, that can be ordered now.
        public var available: Int64
    }

    /// A page of the catalog whose name or barcodes hold `query`, by name: the products on sale with a price, with
    /// what can be ordered now (the page's total counts every product found).
    static func shopProducts(
        query: String, limit: Int, offset: Int, currency: Currency, now: Int64, on db: any DBConnection
    ) throws -> ListPage<ShopProduct> {
        let page = try Records.list(
            RecordKinds.product, query: query, sort: "name", descending: false, limit: limit, offset: offset, now: now,
            on: db)
        let available = try available(page.rows.compactMap { $0["id"]?.textValue }, on: db)
        let items = page.rows.compactMap { values -> ShopProduct? in
            guard let id = values["id"]?.textValue, values["active"]?.integerValue == 1,
                case .integer(let price)? = values["sellingPrice"]
            else { return nil }
            return ShopProduct(
                id: id, name: values["name"]?.textValue ?? id, description: values["description"]?.textValue,
                unit: values["unit"]?.textValue ?? "piece", price: price, currency: currency.code,
                available: max(0, available[id] ?? 0))
        }
        return ListPage(rows: items, total: page.total)
    }

    // MARK: Pricing

    /// The product's line at today's price and tax, or the reason it cannot be sold.
    static func priced(
        _ product: ProductRecord, quantity: Int64, number: Int, pricing: Pricing, now: Int64, on db: any DBConnection
    ) throws -> Result<(Line, TaxClass), LineProblem> {
        guard product.active else { return .failure(LineProblem("\(product.name) is no longer sold")) }
        guard
            let price = product.prices.filter({ $0.validFrom <= now }).max(by: { $0.validFrom < $1.validFrom }),
            price.currency == pricing.currency.code
        else { return .failure(LineProblem("\(product.name) has no price in \(pricing.currency.code)")) }
        guard
            let payload = try db.first(
                "SELECT payload FROM catalog WHERE kind = 'tax-class' AND key = ? AND payload IS NOT NULL",
                .text(product.taxClassID))?.text("payload"),
            let record = try? JSONDecoder().decode(TaxClassRecord.self, from: Data(payload.utf8))
        else { return .failure(LineProblem("\(product.name) has no tax class")) }
        let treatment: TaxTreatment =
            switch record.treatment {
            case "exempt": .exempt
            case "outside": .outsideScope
            default: .taxed(TaxRate(partsPerMillion: record.ratePPM) ?? .zero)
            }
        let money = Money(minorUnits: price.amount, currency: pricing.currency)
        let amount: Money
        do {
            amount =
                product.unit == "weight"
                ? try PricePerWeight.perKilogram(money).amount(forGrams: quantity)
                : try money.multiplied(by: quantity)
        } catch {
            return .failure(LineProblem("the amount of \(product.name) is too large"))
        }
        let line = Line(
            number: number, productID: product.id, name: product.name, unit: product.unit, quantity: quantity,
            unitPrice: price.amount, taxClassID: record.id,
            taxRatePPM: record.treatment == "taxed" ? record.ratePPM : 0, net: 0, tax: 0, total: amount.minorUnits,
            returned: 0)
        return .success((line, TaxClass(id: record.id, name: record.name, treatment: treatment)))
    }

    /// The lines with their net, tax and total worked out together (tax per rate, shared over the lines), and the
    /// order's totals.
    static func taxed(
        _ lines: [(Line, TaxClass)], pricing: Pricing
    ) throws -> (lines: [Line], net: Int64, tax: Int64, total: Int64) {
        let totals = try TaxCalculator(priceMode: pricing.priceMode).totals(
            of: lines.map {
                TaxableLine(amount: Money(minorUnits: $0.0.total, currency: pricing.currency), taxClass: $0.1)
            }, currency: pricing.currency)
        let taxedLines = zip(lines, totals.lines).map { pair -> Line in
            var line = pair.0.0
            line.net = pair.1.net.minorUnits
            line.tax = pair.1.tax.minorUnits
            line.total = pair.1.gross.minorUnits
            return line
        }
        return (taxedLines, totals.net.minorUnits, totals.tax.minorUnits, totals.total.minorUnits)
    }

    /// Reads typed lines into products and quantities; problems under `line1`, `line2`… Lines naming one product
    /// are added together.
    static func products(
        _ input: [LineInput], on db: any DBConnection, errors: inout FieldErrors
    ) throws -> [(ProductRecord, Int64)] {
        var found: [(ProductRecord, Int64)] = []
        for (index, line) in input.enumerated() {
            let code = line.product.trimmingCharacters(in: .whitespaces)
            let quantity = line.quantity.trimmingCharacters(in: .whitespaces)
            if code.isEmpty && quantity.isEmpty { continue }
            let key = "line\(index + 1)"
            guard Input.identifierProblem(code, "") == nil,
                let product = try PurchaseOrders.product(named: code, on: db)
            else {
                errors[key] =
                    code.isEmpty ? "enter a product's code or barcode" : "no product has the code or barcode \(code)"
                continue
            }
            guard let amount = Int64(quantity), (0...CentralAPI.maximumQuantity).contains(amount) else {
                errors[key] =
                    "the quantity is a whole number from 0 to \(CentralAPI.maximumQuantity)"
                    + (product.unit == "weight" ? " (grams)" : "")
                continue
            }
            if let same = found.firstIndex(where: { $0.0.id == product.id }) {
                found[same].1 += amount
            } else {
                found.append((product, amount))
            }
        }
        if found.count > maximumLines { errors["line1"] = "an order has at most \(maximumLines) lines" }
        return found
    }

    // MARK: Baskets and placing

    /// Sets the quantities of products in the customer's basket (0 takes a product out), making the basket when
    /// there is none; with `adding`, the quantities are added to what the basket holds.
    public static func fillBasket(
        customerID: String, _ input: [LineInput], adding: Bool, actor: String, pricing: Pricing, now: Int64,
        on db: any DBConnection
    ) throws -> Order {
        try CatalogFeed.lock(on: db)
        guard let customer = try customer(customerID, on: db) else {
            throw WebProblem.notFound("There is no customer \(customerID).")
        }
        var errors = FieldErrors()
        let wanted = try products(input, on: db, errors: &errors)
        try errors.check()
        let basket = try basket(customerID: customerID, on: db)
        var quantities: [(String, Int64)] = basket?.lines.map { ($0.productID, $0.quantity) } ?? []
        for (product, quantity) in wanted {
            if let index = quantities.firstIndex(where: { $0.0 == product.id }) {
                quantities[index].1 = adding ? quantities[index].1 + quantity : quantity
            } else {
                quantities.append((product.id, quantity))
            }
        }
        quantities.removeAll { $0.1 <= 0 }
        if quantities.count > maximumLines {
            throw FieldErrors(["line1": "a basket has at most \(maximumLines) lines"])
        }
        let id = basket?.id ?? UUID().uuidString.lowercased()
        if basket == nil {
            try db.execute(
                """
                INSERT INTO sales_orders (id, customer_id, status, payment_method, currency, net_minor, tax_minor,
                    total_minor, created_by, created_at, updated_at)
                VALUES (?, ?, 'basket', ?, ?, 0, 0, 0, ?, ?, ?)
                """, .text(id), .text(customerID), .text(customer.paymentMethod), .text(pricing.currency.code),
                .text(actor), .integer(now), .integer(now))
        }
        try reprice(
            id: id, quantities.map { LineInput(product: $0.0, quantity: String($0.1)) }, pricing: pricing, now: now,
            on: db)
        guard let order = try load(id: id, on: db) else { throw DBRowError(description: "basket \(id) vanished") }
        return order
    }

    /// Writes an order's lines anew at today's prices, with its totals.
    @discardableResult
    static func reprice(
        id: String, _ input: [LineInput], pricing: Pricing, now: Int64, on db: any DBConnection
    ) throws -> [Line] {
        var errors = FieldErrors()
        let wanted = try products(input, on: db, errors: &errors)
        var priced: [(Line, TaxClass)] = []
        for (index, (product, quantity)) in wanted.enumerated() where quantity > 0 {
            switch try self.priced(
                product, quantity: quantity, number: priced.count + 1, pricing: pricing, now: now, on: db)
            {
            case .success(let line): priced.append(line)
            case .failure(let problem): errors["line\(index + 1)"] = problem.message
            }
        }
        try errors.check()
        let taxed = try taxed(priced, pricing: pricing)
        try db.execute("DELETE FROM sales_order_lines WHERE order_id = ?", .text(id))
        for line in taxed.lines {
            try db.execute(
                """
                INSERT INTO sales_order_lines (order_id, line, product_id, name, unit, quantity, unit_price_minor,
                    tax_class_id, tax_rate_ppm, net_minor, tax_minor, total_minor, returned)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                """, .text(id), .integer(Int64(line.number)), .text(line.productID), .text(line.name), .text(line.unit),
                .integer(line.quantity), .integer(line.unitPrice), .text(line.taxClassID), .integer(line.taxRatePPM),
                .integer(line.net), .integer(line.tax), .integer(line.total))
        }
        try db.execute(
            "UPDATE sales_orders SET net_minor = ?, tax_minor = ?, total_minor = ?, currency = ?, updated_at = ? WHERE id = ?",
            .integer(taxed.net), .integer(taxed.tax), .integer(taxed.total), .text(pricing.currency.code),
            .integer(now), .text(id))
        return taxed.lines
    }

    /// Places the customer's basket: priced anew, checked against availability and, paid on account, the credit
    /// limit; it becomes a pending order with its number.
    public static func placeBasket(
        customerID: String, _ input: PlaceInput, actor: String, pricing: Pricing, now: Int64, on db: any DBConnection
    ) throws -> Order {
        try CatalogFeed.lock(on: db)
        guard let basket = try basket(customerID: customerID, on: db), !basket.lines.isEmpty else {
            throw FieldErrors(["line1": "the basket is empty"])
        }
        return try place(
            id: basket.id, basket.lines.map { LineInput(product: $0.productID, quantity: String($0.quantity)) }, input,
            actor: actor, pricing: pricing, now: now, on: db)
    }

    /// Places an order for a customer straight from its lines (the API, and staff taking an order by phone).
    public static func create(
        customerID: String, _ lines: [LineInput], _ input: PlaceInput, actor: String, pricing: Pricing, now: Int64,
        on db: any DBConnection
    ) throws -> Order {
        try CatalogFeed.lock(on: db)
        guard try customer(customerID, on: db) != nil else {
            throw FieldErrors(["customerID": "choose a customer"])
        }
        let id = UUID().uuidString.lowercased()
        try db.execute(
            """
            INSERT INTO sales_orders (id, customer_id, status, payment_method, currency, net_minor, tax_minor,
                total_minor, created_by, created_at, updated_at)
            VALUES (?, ?, 'basket', 'card', ?, 0, 0, 0, ?, ?, ?)
            """, .text(id), .text(customerID), .text(pricing.currency.code), .text(actor), .integer(now),
            .integer(now))
        return try place(id: id, lines, input, actor: actor, pricing: pricing, now: now, on: db)
    }

    static func place(
        id: String, _ lines: [LineInput], _ input: PlaceInput, actor: String, pricing: Pricing, now: Int64,
        on db: any DBConnection
    ) throws -> Order {
        guard let existing = try load(id: id, on: db), let customer = try customer(existing.customerID, on: db) else {
            throw WebProblem.notFound("There is no order \(id).")
        }
        var errors = FieldErrors()
        let method = input.paymentMethod.isEmpty ? customer.paymentMethod : input.paymentMethod
        if !paymentMethods.contains(method) {
            errors["paymentMethod"] = "choose card, bank transfer, cash or on account"
        } else if method == "on-account" && customer.paymentMethod != "on-account" {
            errors["paymentMethod"] = "paying on account needs the shop's agreement; choose another way to pay"
        }
        let address = input.shippingAddress.trimmingCharacters(in: .whitespacesAndNewlines)
        let shipping = address.isEmpty ? customer.shippingAddress : address
        if let problem = textProblem(address) {
            errors["shippingAddress"] = problem
        } else if (shipping ?? "").isEmpty {
            errors["shippingAddress"] = "enter the address the order goes to"
        }
        let note = input.note.trimmingCharacters(in: .whitespacesAndNewlines)
        errors["note"] = textProblem(note)
        let placed: [Line]
        do {
            placed = try reprice(id: id, lines, pricing: pricing, now: now, on: db)
        } catch let problems as FieldErrors {
            throw FieldErrors(errors.messages.merging(problems.messages) { first, _ in first })
        }
        if placed.isEmpty { errors["line1"] = "an order needs at least one line" }
        let available = try available(placed.map(\.productID), on: db)
        for line in placed {
            let free = available[line.productID] ?? 0
            if line.quantity > free {
                errors["line\(line.number)"] =
                    free <= 0 ? "\(line.name) is out of stock" : "only \(free) of \(line.name) can be ordered now"
            }
        }
        let total = placed.reduce(0) { $0 + $1.total }
        if method == "on-account",
            let problem = try creditProblem(customer, adding: total, currency: pricing.currency, on: db)
        {
            errors["paymentMethod"] = problem
        }
        try errors.check()
        let number = try nextNumber("SO", table: "sales_orders", on: db)
        try db.execute(
            """
            UPDATE sales_orders SET number = ?, status = 'pending', payment_method = ?, shipping_address = ?, note = ?,
                placed_at = ?, updated_at = ?
            WHERE id = ?
            """, .text(number), .text(method), DBValue(shipping), DBValue(note.isEmpty ? nil : note), .integer(now),
            .integer(now), .text(id))
        guard let order = try load(id: id, on: db) else { throw DBRowError(description: "order \(id) vanished") }
        try Audit.record(
            actor: actor, action: "sales-order.place", entity: "sales-order", id: id, before: nil as Order?,
            after: order, now: now, on: db)
        return order
    }

    /// The next free number with `prefix`: six or more digits.
    static func nextNumber(_ prefix: String, table: String, on db: any DBConnection) throws -> String {
        var next =
            (try db.first("SELECT count(*) AS n FROM \(table) WHERE number LIKE ?", .text(prefix + "%"))?.integer("n")
                ?? 0) + 1
        while true {
            let digits = String(next)
            let number = prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
            if try db.first("SELECT 1 AS taken FROM \(table) WHERE number = ?", .text(number)) == nil { return number }
            next += 1
        }
    }

    // MARK: Staff's steps

    /// What staff (or, for cancelling a pending order, the customer) do to an order.
    public enum Action: String, Sendable, CaseIterable {
        case confirm
        case deliver
        case cancel
    }

    /// Takes the action in the transaction under way, with its audit entry; ``FieldErrors`` under `action` when the
    /// order's status does not allow it. `customerID` limits it to that customer's own pending orders.
    public static func perform(
        _ action: Action, id: String, customerID: String? = nil, actor: String, now: Int64, on db: any DBConnection
    ) throws -> Order {
        let order = try placed(id, on: db)
        guard customerID == nil || order.customerID == customerID else {
            throw WebProblem.notFound("There is no sales order \(id).")
        }
        let name = order.number ?? id
        switch (action, order.status) {
        case (.confirm, "pending"):
            if order.paymentMethod == "on-account", let customer = try customer(order.customerID, on: db),
                let problem = try creditProblem(
                    customer, adding: 0, currency: Currency(code: order.currency) ?? .euro, on: db)
            {
                throw FieldErrors(["action": problem])
            }
            try db.execute(
                "UPDATE sales_orders SET status = 'confirmed', confirmed_at = ?, updated_at = ? WHERE id = ?",
                .integer(now), .integer(now), .text(id))
        case (.deliver, "shipped"):
            try db.execute(
                "UPDATE sales_orders SET status = 'delivered', delivered_at = ?, updated_at = ? WHERE id = ?",
                .integer(now), .integer(now), .text(id))
        case (.cancel, "pending"), (.cancel, "confirmed"):
            if customerID != nil && order.status != "pending" {
                throw FieldErrors(["action": "order \(name) is confirmed already; ask the shop to cancel it"])
            }
            try db.execute(
                "UPDATE sales_orders SET status = 'cancelled', cancelled_at = ?, updated_at = ? WHERE id = ?",
                .integer(now), .integer(now), .text(id))
        default:
            let allowed = [
                "confirm": "a pending order", "deliver": "a shipped order", "cancel": "an order not yet shipped",
            ]
            throw FieldErrors([
                "action":
                    "order \(name) is \(order.status); only \(allowed[action.rawValue]!) can be \(action == .confirm ? "confirmed" : action == .deliver ? "marked delivered" : "cancelled")"
            ])
        }
        guard let after = try load(id: id, on: db) else { throw DBRowError(description: "order \(id) vanished") }
        try Audit.record(
            actor: actor, action: "sales-order.\(action.rawValue)", entity: "sales-order", id: id,
            before: order, after: after, now: now, on: db)
        return after
    }

    /// Ships a confirmed order from a location: the stock leaves that location in central's ledger (the lots on
    /// hand there first), the tracking number is kept, and the invoice is issued.
    public static func ship(
        id: String, locationID: String, tracking: String, actor: String, now: Int64, on db: any DBConnection
    ) throws -> Order {
        let order = try placed(id, on: db)
        var errors = FieldErrors()
        if order.status != "confirmed" {
            errors["action"] = "order \(order.title) is \(order.status); only a confirmed order is shipped"
        }
        if try !locationExists(locationID, on: db) { errors["locationID"] = "choose the location it leaves from" }
        let trackingText = tracking.trimmingCharacters(in: .whitespaces)
        if trackingText.utf8.count > 100 || Input.hasControlCharacters(trackingText) {
            errors["tracking"] = "at most 100 characters on one line"
        }
        try errors.check()
        var movements: [CentralLedger.Movement] = []
        for line in order.lines {
            movements += try CentralLedger.takeOut(
                productID: line.productID, quantity: line.quantity, at: locationID, reason: "shipment", on: db)
        }
        try CentralLedger.record(
            type: "order-shipped",
            payload: ["order": order.id, "number": order.number ?? "", "location": locationID],
            movements: movements, now: now, on: db)
        try db.execute(
            """
            UPDATE sales_orders SET status = 'shipped', location_id = ?, tracking = ?, shipped_at = ?, updated_at = ?
            WHERE id = ?
            """, .text(locationID), DBValue(trackingText.isEmpty ? nil : trackingText), .integer(now), .integer(now),
            .text(id))
        let invoice = try issue(
            kind: "invoice", order: order, returnID: nil, net: order.net, tax: order.tax, total: order.total, now: now,
            on: db)
        guard let after = try load(id: id, on: db) else { throw DBRowError(description: "order \(id) vanished") }
        try Audit.record(
            actor: actor, action: "sales-order.ship", entity: "sales-order", id: id, before: order, after: after,
            now: now, on: db)
        try Audit.record(
            actor: actor, action: "invoice.issue", entity: "invoice", id: invoice.id, before: nil as Invoice?,
            after: invoice, now: now, on: db)
        return after
    }

    static func locationExists(_ id: String, on db: any DBConnection) throws -> Bool {
        guard Input.identifierProblem(id, "") == nil else { return false }
        return try db.first(
            "SELECT 1 AS found FROM catalog WHERE kind = 'location' AND key = ? AND payload IS NOT NULL", .text(id))
            != nil
    }

    // MARK: Customers

    /// What the order steps need of a customer.
    struct Customer {
        var id: String
        var name: String
        var paymentMethod: String
        var shippingAddress: String?
        var creditLimit: Int64?
    }

    static func customer(_ id: String, on db: any DBConnection) throws -> Customer? {
        guard Input.identifierProblem(id, "") == nil,
            let row = try db.first(
                "SELECT id, name, payment_method, shipping_address, credit_limit FROM customers WHERE id = ?", .text(id)
            )
        else { return nil }
        return Customer(
            id: try row.string("id"), name: try row.string("name"),
            paymentMethod: row.text("payment_method") ?? "card", shippingAddress: row.text("shipping_address"),
            creditLimit: row.integer("credit_limit"))
    }

    /// Why an order of `adding` on account would take the customer over their credit limit: what they owe, plus
    /// their orders on account placed and not yet invoiced, plus `adding`. Nil without a limit or within it.
    static func creditProblem(
        _ customer: Customer, adding: Int64, currency: Currency, on db: any DBConnection
    ) throws -> String? {
        guard let limit = customer.creditLimit else { return nil }
        let owed = try account(customerID: customer.id, on: db).balance
        let open =
            try db.first(
                """
                SELECT CAST(COALESCE(SUM(total_minor), 0) AS BIGINT) AS n FROM sales_orders
                WHERE customer_id = ? AND payment_method = 'on-account' AND status IN ('pending', 'confirmed')
                """, .text(customer.id))?.integer("n") ?? 0
        guard owed + open + adding > limit else { return nil }
        return "this would take \(customer.name) over the credit limit of "
            + currency.text(limit) + " (owed \(currency.text(owed)), on open orders \(currency.text(open)))"
    }
}

/// Why a line cannot be ordered.
struct LineProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension Currency {
    /// An amount of minor units as a decimal with its code, for messages: "12.50 EUR".
    func text(_ minor: Int64) -> String {
        ((try? Money(minorUnits: minor, currency: self).decimalString()) ?? String(minor)) + " " + code
    }
}
