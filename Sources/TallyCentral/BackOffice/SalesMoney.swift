import Foundation
import TallyCore

/// The money side of sales orders: invoices and credit notes, payments and refunds against an order (and its
/// invoice), returns with their credit, and what each customer owes.
///
/// A customer's balance is everything invoiced (credit notes count negative) less everything paid (refunds count
/// negative): positive, they owe the shop; negative, the shop holds their money (an order paid before it shipped).
/// Every payment, refund, invoice and credit note is an audit entry too.
extension SalesOrders {
    /// What a recorded payment was made by.
    public static let paidBy = ["card", "bank-transfer", "cash"]
    /// Why goods came back.
    public static let returnReasons = ["damaged", "wrong-item", "not-wanted", "other"]

    public struct Invoice: Sendable, Hashable, Codable {
        public var id: String
        public var number: String
        /// `invoice`, or `credit-note` for a return (its amounts negative).
        public var kind: String
        public var orderID: String
        public var customerID: String
        public var returnID: String?
        public var issuedAt: Int64
        public var dueAt: Int64
        public var currency: String
        public var net: Int64
        public var tax: Int64
        public var total: Int64
    }

    public struct Payment: Sendable, Hashable, Codable {
        public var id: String
        public var customerID: String
        public var orderID: String?
        public var invoiceID: String?
        /// `payment`, or `refund` (its amount negative).
        public var kind: String
        public var method: String
        public var amount: Int64
        public var currency: String
        public var reference: String?
        public var recordedBy: String
        public var recordedAt: Int64
    }

    public struct ReturnLine: Sendable, Hashable, Codable {
        public var orderLine: Int
        public var productID: String
        public var quantity: Int64
        public var net: Int64
        public var tax: Int64
        public var total: Int64
    }

    public struct Return: Sendable, Hashable, Codable {
        public var id: String
        public var number: String
        public var orderID: String
        public var locationID: String
        public var reason: String
        public var note: String?
        public var createdBy: String
        public var createdAt: Int64
        public var net: Int64
        public var tax: Int64
        public var total: Int64
        public var lines: [ReturnLine]
    }

    /// What a customer owes.
    public struct Account: Sendable, Hashable, Codable {
        public var customerID: String
        public var customerName: String
        public var invoiced: Int64
        public var paid: Int64
        /// `invoiced - paid`.
        public var balance: Int64
        public var creditLimit: Int64?
    }

    /// An order's money: what it charges (its invoices and credit notes once shipped, its total before, nothing
    /// once cancelled), what was paid against it (refunds taken off), and the difference.
    public struct OrderMoney: Sendable, Hashable, Codable {
        public var charged: Int64
        public var paid: Int64
        public var due: Int64 { charged - paid }
        /// What may still be refunded: what was paid beyond what is charged.
        public var refundable: Int64 { max(0, paid - charged) }
    }

    // MARK: Reading

    static let invoiceColumns = """
        id, number, kind, order_id, customer_id, return_id, issued_at, due_at, currency, net_minor, tax_minor,
        total_minor
        """

    static func invoice(_ row: DBRow) throws -> Invoice {
        Invoice(
            id: try row.string("id"), number: try row.string("number"), kind: try row.string("kind"),
            orderID: try row.string("order_id"), customerID: try row.string("customer_id"),
            returnID: row.text("return_id"), issuedAt: try row.int("issued_at"), dueAt: try row.int("due_at"),
            currency: try row.string("currency"), net: try row.int("net_minor"), tax: try row.int("tax_minor"),
            total: try row.int("total_minor"))
    }

    public static func invoices(orderID: String, on db: any DBConnection) throws -> [Invoice] {
        try db.query(
            "SELECT \(invoiceColumns) FROM invoices WHERE order_id = ? ORDER BY issued_at, number", .text(orderID)
        ).map(invoice)
    }

    public static func invoice(id: String, on db: any DBConnection) throws -> Invoice? {
        guard Input.identifierProblem(id, "") == nil else { return nil }
        return try db.first("SELECT \(invoiceColumns) FROM invoices WHERE id = ?", .text(id)).map(invoice)
    }

    static let paymentColumns = """
        id, customer_id, order_id, invoice_id, kind, method, amount_minor, currency, reference, recorded_by,
        recorded_at
        """

    static func payment(_ row: DBRow) throws -> Payment {
        Payment(
            id: try row.string("id"), customerID: try row.string("customer_id"), orderID: row.text("order_id"),
            invoiceID: row.text("invoice_id"), kind: try row.string("kind"), method: try row.string("method"),
            amount: try row.int("amount_minor"), currency: try row.string("currency"),
            reference: row.text("reference"), recordedBy: try row.string("recorded_by"),
            recordedAt: try row.int("recorded_at"))
    }

    public static func payments(orderID: String, on db: any DBConnection) throws -> [Payment] {
        try db.query(
            "SELECT \(paymentColumns) FROM payments WHERE order_id = ? ORDER BY recorded_at, id", .text(orderID)
        ).map(payment)
    }

    /// Every payment and refund, newest first, of one customer or all.
    static func payments(
        customerID: String?, limit: Int, offset: Int, on db: any DBConnection
    ) throws -> ListPage<Payment> {
        let condition = "CAST(? AS TEXT) IS NULL OR customer_id = ?"
        let binds: [DBValue] = [DBValue(customerID), DBValue(customerID)]
        let total =
            try db.query("SELECT count(*) AS n FROM payments WHERE \(condition)", binds).first?.integer("n") ?? 0
        let rows = try db.query(
            "SELECT \(paymentColumns) FROM payments WHERE \(condition) ORDER BY recorded_at DESC, id LIMIT ? OFFSET ?",
            binds + [.integer(Int64(limit)), .integer(Int64(offset))])
        return ListPage(rows: try rows.map(payment), total: Int(total))
    }

    public static func returns(orderID: String, on db: any DBConnection) throws -> [Return] {
        try db.query(
            """
            SELECT id, number, order_id, location_id, reason, note, created_by, created_at, net_minor, tax_minor,
                total_minor
            FROM sales_returns WHERE order_id = ? ORDER BY created_at, number
            """, .text(orderID)
        ).map { row in
            let id = try row.string("id")
            let lines = try db.query(
                """
                SELECT order_line, product_id, quantity, net_minor, tax_minor, total_minor FROM sales_return_lines
                WHERE return_id = ? ORDER BY line
                """, .text(id)
            ).map { line in
                ReturnLine(
                    orderLine: Int(try line.int("order_line")), productID: try line.string("product_id"),
                    quantity: try line.int("quantity"), net: try line.int("net_minor"), tax: try line.int("tax_minor"),
                    total: try line.int("total_minor"))
            }
            return Return(
                id: id, number: try row.string("number"), orderID: try row.string("order_id"),
                locationID: try row.string("location_id"), reason: try row.string("reason"), note: row.text("note"),
                createdBy: try row.string("created_by"), createdAt: try row.int("created_at"),
                net: try row.int("net_minor"), tax: try row.int("tax_minor"), total: try row.int("total_minor"),
                lines: lines)
        }
    }

    public static func money(of order: Order, on db: any DBConnection) throws -> OrderMoney {
        let sums = try db.first(
            """
            SELECT CAST(COALESCE((SELECT SUM(total_minor) FROM invoices WHERE order_id = ?), 0) AS BIGINT) AS invoiced,
                CAST(COALESCE((SELECT SUM(amount_minor) FROM payments WHERE order_id = ?), 0) AS BIGINT) AS paid
            """, .text(order.id), .text(order.id))
        let invoiced = sums?.integer("invoiced") ?? 0
        let charged: Int64 =
            switch order.status {
            case "shipped", "delivered": invoiced
            case "cancelled", "basket": 0
            default: order.total
            }
        return OrderMoney(charged: charged, paid: sums?.integer("paid") ?? 0)
    }

    static let accountSums = """
        CAST(COALESCE((SELECT SUM(i.total_minor) FROM invoices i WHERE i.customer_id = c.id), 0) AS BIGINT) AS invoiced,
        CAST(COALESCE((SELECT SUM(p.amount_minor) FROM payments p WHERE p.customer_id = c.id), 0) AS BIGINT) AS paid
        """

    static func account(_ row: DBRow) throws -> Account {
        let invoiced = row.integer("invoiced") ?? 0
        let paid = row.integer("paid") ?? 0
        return Account(
            customerID: try row.string("id"), customerName: try row.string("name"), invoiced: invoiced, paid: paid,
            balance: invoiced - paid, creditLimit: row.integer("credit_limit"))
    }

    public static func account(customerID: String, on db: any DBConnection) throws -> Account {
        guard
            let row = try db.first(
                "SELECT c.id, c.name, c.credit_limit, \(accountSums) FROM customers c WHERE c.id = ?",
                .text(customerID))
        else { throw WebProblem.notFound("There is no customer \(customerID).") }
        return try account(row)
    }

    /// Every customer who was ever invoiced or paid, by what they owe, most first.
    static func accounts(on db: any DBConnection) throws -> [Account] {
        try db.query(
            """
            SELECT * FROM (SELECT c.id, c.name, c.credit_limit, \(accountSums) FROM customers c) a
            WHERE a.invoiced <> 0 OR a.paid <> 0 ORDER BY a.invoiced - a.paid DESC, a.id
            """
        ).map(account)
    }

    // MARK: Invoices

    /// Issues an invoice (or a credit note) for an order, with its audit entry left to the caller.
    static func issue(
        kind: String, order: Order, returnID: String?, net: Int64, tax: Int64, total: Int64, now: Int64,
        on db: any DBConnection
    ) throws -> Invoice {
        let invoice = Invoice(
            id: UUID().uuidString.lowercased(),
            number: try nextNumber(kind == "invoice" ? "IN" : "CN", table: "invoices", on: db), kind: kind,
            orderID: order.id, customerID: order.customerID, returnID: returnID, issuedAt: now,
            dueAt: now + paymentDays * 86_400_000, currency: order.currency, net: net, tax: tax, total: total)
        try db.execute(
            """
            INSERT INTO invoices (\(invoiceColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, .text(invoice.id), .text(invoice.number), .text(kind), .text(order.id), .text(order.customerID),
            DBValue(returnID), .integer(now), .integer(invoice.dueAt), .text(order.currency), .integer(net),
            .integer(tax), .integer(total))
        return invoice
    }

    // MARK: Payments

    /// A payment or refund as typed.
    public struct PaymentInput: Sendable, Hashable {
        /// `payment` or `refund`.
        public var kind: String
        public var method: String
        public var amount: String
        public var reference: String
        public init(kind: String, method: String, amount: String, reference: String = "") {
            self.kind = kind
            self.method = method
            self.amount = amount
            self.reference = reference
        }
    }

    /// Records a payment against an order (and its latest invoice, when it has one), or a refund of what was paid
    /// beyond what the order charges. A payment may not exceed what is due, nor a refund what is refundable.
    public static func recordPayment(
        orderID: String, _ input: PaymentInput, actor: String, now: Int64, on db: any DBConnection
    ) throws -> Payment {
        let order = try placed(orderID, on: db)
        guard let currency = Currency(code: order.currency) else {
            throw DBRowError(description: "order \(orderID) has the unknown currency \(order.currency)")
        }
        var errors = FieldErrors()
        if !["payment", "refund"].contains(input.kind) { errors["kind"] = "a payment or a refund" }
        if !paidBy.contains(input.method) { errors["method"] = "choose card, bank transfer or cash" }
        var amount: Int64 = 0
        do {
            amount = try Money(parsing: input.amount.trimmingCharacters(in: .whitespaces), currency: currency)
                .minorUnits
            if amount <= 0 { errors["amount"] = "an amount above zero" }
        } catch {
            errors["amount"] = "an amount in \(currency.code) such as 12.50"
        }
        let reference = input.reference.trimmingCharacters(in: .whitespaces)
        if reference.utf8.count > 100 || Input.hasControlCharacters(reference) {
            errors["reference"] = "at most 100 characters on one line"
        }
        let money = try money(of: order, on: db)
        if errors["amount"] == nil {
            if input.kind == "payment" && order.status == "cancelled" {
                errors["amount"] = "order \(order.title) is cancelled; nothing is due"
            } else if input.kind == "payment" && amount > money.due {
                errors["amount"] =
                    money.due <= 0 ? "nothing is due on this order" : "at most \(currency.text(money.due)) is due"
            } else if input.kind == "refund" && amount > money.refundable {
                errors["amount"] =
                    money.refundable <= 0
                    ? "nothing was paid beyond what the order charges"
                    : "at most \(currency.text(money.refundable)) can be refunded"
            }
        }
        try errors.check()
        let payment = Payment(
            id: UUID().uuidString.lowercased(), customerID: order.customerID, orderID: order.id,
            invoiceID: try invoices(orderID: order.id, on: db).last(where: { $0.kind == "invoice" })?.id,
            kind: input.kind, method: input.method, amount: input.kind == "refund" ? -amount : amount,
            currency: order.currency, reference: reference.isEmpty ? nil : reference, recordedBy: actor,
            recordedAt: now)
        try insert(payment, on: db)
        try Audit.record(
            actor: actor, action: "payment.\(input.kind == "refund" ? "refund" : "record")", entity: "payment",
            id: payment.id, before: nil as Payment?, after: payment, now: now, on: db)
        return payment
    }

    static func insert(_ payment: Payment, on db: any DBConnection) throws {
        try db.execute(
            "INSERT INTO payments (\(paymentColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", .text(payment.id),
            .text(payment.customerID), DBValue(payment.orderID), DBValue(payment.invoiceID), .text(payment.kind),
            .text(payment.method), .integer(payment.amount), .text(payment.currency), DBValue(payment.reference),
            .text(payment.recordedBy), .integer(payment.recordedAt))
    }

    // MARK: Returns

    /// A return as typed: how much of each order line came back (by line number), where it goes, why, and how
    /// to refund it (empty for no refund now).
    public struct ReturnInput: Sendable, Hashable {
        public var locationID: String
        public var reason: String
        public var note: String
        public var quantities: [Int: String]
        public var refundMethod: String
        public init(
            locationID: String, reason: String, note: String = "", quantities: [Int: String], refundMethod: String = ""
        ) {
            self.locationID = locationID
            self.reason = reason
            self.note = note
            self.quantities = quantities
            self.refundMethod = refundMethod
        }
    }

    /// Takes goods of a shipped order back: the stock comes back at the chosen location in central's ledger, a
    /// credit note is issued for their share of each line, and with a refund method what was paid beyond what the
    /// order now charges is refunded (up to the credit).
    public static func createReturn(
        orderID: String, _ input: ReturnInput, actor: String, now: Int64, on db: any DBConnection
    ) throws -> Return {
        let order = try placed(orderID, on: db)
        var errors = FieldErrors()
        if !["shipped", "delivered"].contains(order.status) {
            errors["action"] = "order \(order.title) is \(order.status); only shipped goods come back"
        }
        if try !locationExists(input.locationID, on: db) { errors["locationID"] = "choose where the goods go" }
        if !returnReasons.contains(input.reason) { errors["reason"] = "choose why the goods came back" }
        let note = input.note.trimmingCharacters(in: .whitespacesAndNewlines)
        errors["note"] = textProblem(note)
        if !input.refundMethod.isEmpty && !paidBy.contains(input.refundMethod) {
            errors["refundMethod"] = "choose card, bank transfer, cash or no refund"
        }
        var lines: [ReturnLine] = []
        for line in order.lines {
            let text = (input.quantities[line.number] ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text == "0" { continue }
            let open = line.quantity - line.returned
            guard let quantity = Int64(text), quantity > 0, quantity <= open else {
                errors["line\(line.number)"] = "a whole number from 0 to \(open)"
                continue
            }
            // Each return credits its share of the line so that returning all of it, in any steps, credits exactly
            // the line: the share up to now less the share before.
            func share(_ amount: Int64) -> Int64 {
                func part(_ returned: Int64) -> Int64 {
                    let numerator = Int128(amount) * Int128(returned)
                    let denominator = Int128(line.quantity)
                    let half = (2 * numerator.magnitude + UInt128(denominator)) / UInt128(2 * denominator)
                    return numerator < 0 ? -Int64(half) : Int64(half)
                }
                return part(line.returned + quantity) - part(line.returned)
            }
            let total = share(line.total)
            let tax = share(line.tax)
            lines.append(
                ReturnLine(
                    orderLine: line.number, productID: line.productID, quantity: quantity, net: total - tax, tax: tax,
                    total: total))
        }
        if lines.isEmpty && errors.messages.keys.allSatisfy({ !$0.hasPrefix("line") }) {
            errors["line1"] = "enter how much came back of at least one line"
        }
        try errors.check()
        let movements = lines.map {
            CentralLedger.Movement(
                productID: $0.productID, locationID: input.locationID, lot: "", quantity: $0.quantity, reason: "return")
        }
        let id = UUID().uuidString.lowercased()
        let number = try nextNumber("RT", table: "sales_returns", on: db)
        let eventID = try CentralLedger.record(
            type: "order-returned", payload: ["order": order.id, "return": id, "location": input.locationID],
            movements: movements, now: now, on: db)
        let net = lines.reduce(0) { $0 + $1.net }
        let tax = lines.reduce(0) { $0 + $1.tax }
        let total = lines.reduce(0) { $0 + $1.total }
        try db.execute(
            """
            INSERT INTO sales_returns (id, number, order_id, location_id, reason, note, event_id, created_by,
                created_at, net_minor, tax_minor, total_minor)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, .text(id), .text(number), .text(order.id), .text(input.locationID), .text(input.reason),
            DBValue(note.isEmpty ? nil : note), .text(eventID), .text(actor), .integer(now), .integer(net),
            .integer(tax), .integer(total))
        for (index, line) in lines.enumerated() {
            try db.execute(
                """
                INSERT INTO sales_return_lines (return_id, line, order_line, product_id, quantity, net_minor,
                    tax_minor, total_minor)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, .text(id), .integer(Int64(index + 1)), .integer(Int64(line.orderLine)), .text(line.productID),
                .integer(line.quantity), .integer(line.net), .integer(line.tax), .integer(line.total))
            try db.execute(
                "UPDATE sales_order_lines SET returned = returned + ? WHERE order_id = ? AND line = ?",
                .integer(line.quantity), .text(order.id), .integer(Int64(line.orderLine)))
        }
        let credit = try issue(
            kind: "credit-note", order: order, returnID: id, net: -net, tax: -tax, total: -total, now: now, on: db)
        let made = Return(
            id: id, number: number, orderID: order.id, locationID: input.locationID, reason: input.reason,
            note: note.isEmpty ? nil : note, createdBy: actor, createdAt: now, net: net, tax: tax, total: total,
            lines: lines)
        try Audit.record(
            actor: actor, action: "sales-return.create", entity: "sales-order", id: order.id, before: nil as Return?,
            after: made, now: now, on: db)
        try Audit.record(
            actor: actor, action: "invoice.issue", entity: "invoice", id: credit.id, before: nil as Invoice?,
            after: credit, now: now, on: db)
        if !input.refundMethod.isEmpty {
            guard let updated = try load(id: order.id, on: db) else {
                throw DBRowError(description: "order \(order.id) vanished")
            }
            let refundable = min(total, try money(of: updated, on: db).refundable)
            if refundable > 0 {
                let refund = Payment(
                    id: UUID().uuidString.lowercased(), customerID: order.customerID, orderID: order.id,
                    invoiceID: credit.id, kind: "refund", method: input.refundMethod, amount: -refundable,
                    currency: order.currency, reference: number, recordedBy: actor, recordedAt: now)
                try insert(refund, on: db)
                try Audit.record(
                    actor: actor, action: "payment.refund", entity: "payment", id: refund.id, before: nil as Payment?,
                    after: refund, now: now, on: db)
            }
        }
        return made
    }
}
