import Foundation
import TallyCore
import TallySync

/// Advance shipping notices: a supplier announces a shipment of an order it was sent, pallet by pallet, each with
/// its SSCC (the 18 digits of its GS1 logistic label) and what it holds (product, quantity, lot, best before). The
/// pallets join the order's catalog record, so a dock station receives a pallet whole by scanning its label, and
/// the order's expected date becomes the day the shipment arrives.
public enum ShipmentNotices {
    /// Rows a notice may carry (one per product, lot and pallet).
    public static let maximumRows = 200

    /// One row of a notice as typed: which pallet, what is on it.
    public struct Row: Sendable, Hashable {
        /// Where the row was typed, as an error names it (`row-3`, `pallets[0].contents[1]`).
        public var place: String
        public var sscc: String
        /// A product's code or one of its barcodes.
        public var product: String
        public var quantity: String
        public var lot: String
        /// `YYYY-MM-DD`, or empty.
        public var bestBefore: String
        public init(place: String, sscc: String, product: String, quantity: String, lot: String, bestBefore: String) {
            self.place = place
            self.sscc = sscc
            self.product = product
            self.quantity = quantity
            self.lot = lot
            self.bestBefore = bestBefore
        }
    }

    /// A notice as typed.
    public struct Announcement: Sendable, Hashable {
        public var shippedOn: String
        public var arrivesOn: String
        public var carrier: String
        public var tracking: String
        public var rows: [Row]
        public init(shippedOn: String, arrivesOn: String, carrier: String, tracking: String, rows: [Row]) {
            self.shippedOn = shippedOn
            self.arrivesOn = arrivesOn
            self.carrier = carrier
            self.tracking = tracking
            self.rows = rows
        }
    }

    /// A notice as stored.
    public struct Notice: Sendable, Hashable, Codable {
        public var id: String
        /// `SN000001`.
        public var number: String
        public var orderID: String
        public var supplierID: String
        public var shippedOn: String
        public var arrivesOn: String
        public var carrier: String?
        public var tracking: String?
        public var pallets: [PalletRecord]
        public var createdBy: String
        public var createdAt: Int64
    }

    static func notice(_ row: DBRow) throws -> Notice {
        Notice(
            id: try row.string("id"), number: try row.string("number"), orderID: try row.string("order_id"),
            supplierID: try row.string("supplier_id"), shippedOn: try row.string("shipped_on"),
            arrivesOn: try row.string("arrives_on"), carrier: row.text("carrier"), tracking: row.text("tracking"),
            pallets: try JSONDecoder().decode([PalletRecord].self, from: Data(try row.string("pallets").utf8)),
            createdBy: try row.string("created_by"), createdAt: try row.int("created_at"))
    }

    /// An order's notices, oldest first.
    public static func of(orderID: String, on db: any DBConnection) throws -> [Notice] {
        try db.query("SELECT * FROM shipment_notices WHERE order_id = ? ORDER BY created_at, number", .text(orderID))
            .map(notice)
    }

    /// A supplier announces a shipment of one of its orders that is still open. Every row is checked and each
    /// problem named by its place; nothing is stored unless all are right. Rows with the same SSCC make one pallet.
    /// An SSCC already announced, on this order or another, is refused: a label names one pallet.
    public static func announce(
        orderID: String, supplierID: String, _ input: Announcement, userID: String, now: Int64, on db: any DBConnection
    ) throws -> Notice {
        try CatalogFeed.lock(on: db)
        guard let order = try PurchaseOrders.load(id: orderID, on: db), order.record.supplierID == supplierID,
            !order.isDraft
        else { throw WebProblem.notFound("There is no such order of yours.") }
        guard ["sent", "partly-received"].contains(order.record.status) else {
            throw FieldErrors(["action": "order \(order.record.number) is \(order.record.status)"])
        }
        var errors = FieldErrors()
        let today = PurchaseOrders.day(PurchaseOrders.dayText(now))!
        let shipped = input.shippedOn.trimmingCharacters(in: .whitespaces)
        let arrives = input.arrivesOn.trimmingCharacters(in: .whitespaces)
        let shippedDay = PurchaseOrders.day(shipped)
        let arrivesDay = PurchaseOrders.day(arrives)
        if shippedDay == nil { errors["shippedOn"] = "a date such as 2026-12-24" }
        if arrivesDay == nil {
            errors["arrivesOn"] = "a date such as 2026-12-24"
        } else if let arrivesDay, let shippedDay, arrivesDay < shippedDay {
            errors["arrivesOn"] = "a date from the day it ships on"
        } else if let arrivesDay, arrivesDay < today {
            errors["arrivesOn"] = "a date from today on"
        }
        let carrier = input.carrier.trimmingCharacters(in: .whitespaces)
        let tracking = input.tracking.trimmingCharacters(in: .whitespaces)
        if carrier.utf8.count > 100 || Input.hasControlCharacters(carrier) {
            errors["carrier"] = "at most 100 characters"
        }
        if tracking.utf8.count > 100 || Input.hasControlCharacters(tracking) {
            errors["tracking"] = "at most 100 characters"
        }
        let pallets = try self.pallets(input.rows, of: order.record, errors: &errors, on: db)
        try errors.check()
        var record = order.record
        record.pallets = (record.pallets ?? []) + pallets
        record.expectedAt = arrivesDay
        let notice = Notice(
            id: UUID().uuidString.lowercased(),
            number: try SalesOrders.nextNumber("SN", table: "shipment_notices", on: db), orderID: orderID,
            supplierID: supplierID, shippedOn: shipped, arrivesOn: arrives, carrier: carrier.isEmpty ? nil : carrier,
            tracking: tracking.isEmpty ? nil : tracking, pallets: pallets, createdBy: userID, createdAt: now)
        try db.execute(
            """
            INSERT INTO shipment_notices (id, number, order_id, supplier_id, shipped_on, arrives_on, carrier, tracking,
                pallets, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, .text(notice.id), .text(notice.number), .text(orderID), .text(supplierID), .text(shipped),
            .text(arrives), DBValue(notice.carrier), DBValue(notice.tracking),
            .text(String(decoding: try JSONEncoder().encode(pallets), as: UTF8.self)), .text(userID), .integer(now))
        try CatalogFeed.put([try CatalogWrite(.purchaseOrder(record))], now: now, on: db)
        try Audit.record(
            actor: userID, action: "purchase-order.announce", entity: "purchase-order", id: orderID,
            before: nil as Notice?, after: notice, now: now, on: db)
        return notice
    }

    /// The rows as pallets, in the order their SSCCs first appear; each problem goes into `errors` under the
    /// row's place.
    static func pallets(
        _ rows: [Row], of order: PurchaseOrderRecord, errors: inout FieldErrors, on db: any DBConnection
    ) throws -> [PalletRecord] {
        let typed = rows.filter {
            !($0.sscc + $0.product + $0.quantity + $0.lot + $0.bestBefore).trimmingCharacters(in: .whitespaces)
                .isEmpty
        }
        guard !typed.isEmpty else {
            errors["pallets"] = "announce at least one pallet: its SSCC, a product on the order and a quantity"
            return []
        }
        guard typed.count <= maximumRows else {
            errors["pallets"] = "a notice has at most \(maximumRows) rows"
            return []
        }
        let announced = Set((order.pallets ?? []).map(\.sscc))
        let ordered = Dictionary(order.lines.map { ($0.productID, $0.quantity) }, uniquingKeysWith: +)
        var onPallets = (order.pallets ?? []).flatMap(\.contents).reduce(into: [String: Int64]()) {
            $0[$1.productID, default: 0] += $1.quantity
        }
        var pallets: [PalletRecord] = []
        var checkedElsewhere: [String: Bool] = [:]
        for row in typed {
            let sscc = row.sscc.filter { !$0.isWhitespace }
            var problem: String?
            if (try? SSCC(validating: Array(sscc.utf8))) == nil {
                problem = "SSCC \(sscc.isEmpty ? "missing" : sscc): 18 digits ending in their check digit"
            } else if announced.contains(sscc) {
                problem = "pallet \(sscc) was announced already"
            } else {
                let elsewhere = try checkedElsewhere[sscc] ?? announcedElsewhere(sscc, than: order.id, on: db)
                checkedElsewhere[sscc] = elsewhere
                if elsewhere { problem = "pallet \(sscc) is announced on another order" }
            }
            let code = row.product.trimmingCharacters(in: .whitespaces)
            let product = try PurchaseOrders.product(named: code, on: db)
            let quantity = Int64(row.quantity.trimmingCharacters(in: .whitespaces))
            let lot = row.lot.trimmingCharacters(in: .whitespaces)
            let bestBefore = row.bestBefore.trimmingCharacters(in: .whitespaces)
            if problem != nil {
            } else if product == nil || ordered[product!.id] == nil {
                problem = code.isEmpty ? "enter a product on the order" : "\(code) is not on order"
            } else if quantity == nil || !(1...1_000_000_000).contains(quantity!) {
                problem = "a quantity of 1 or more, in whole pieces (grams for goods sold by weight)"
            } else if lot.utf8.count > 20 || Input.hasControlCharacters(lot) {
                problem = "a lot has at most 20 characters"
            } else if !bestBefore.isEmpty && !Input.isDate(bestBefore) {
                problem = "best before \(bestBefore): a date such as 2027-03-31"
            }
            if let problem {
                errors[row.place] = problem
                continue
            }
            let content = PalletContentRecord(
                productID: product!.id, quantity: quantity!, lot: lot.isEmpty ? nil : lot,
                expiry: bestBefore.isEmpty ? nil : bestBefore)
            onPallets[content.productID, default: 0] += content.quantity
            if let index = pallets.firstIndex(where: { $0.sscc == sscc }) {
                guard pallets[index].contents.count < maximumRows else { continue }
                pallets[index].contents.append(content)
            } else {
                pallets.append(PalletRecord(sscc: sscc, contents: [content]))
            }
        }
        // Announced in all: at most what was ordered, and the supplier's tolerance above it.
        let tolerance = Int64(order.overTolerancePercent ?? 0)
        for (product, quantity) in ordered.sorted(by: { $0.key < $1.key }) {
            let allowed = quantity + (quantity * tolerance) / 100
            if let announced = onPallets[product], announced > allowed {
                errors["pallets"] = "\(announced) of \(product) announced in all, and \(allowed) may come"
            }
        }
        return pallets
    }

    /// Whether another order (of any supplier) announces the SSCC.
    static func announcedElsewhere(_ sscc: String, than orderID: String, on db: any DBConnection) throws -> Bool {
        try db.query(
            "SELECT key, payload FROM catalog WHERE kind = 'purchase-order' AND key <> ? AND payload LIKE ?",
            .text(orderID), .text("%\"" + sscc + "\"%")
        ).contains { row in
            guard let payload = row.text("payload"),
                let record = try? JSONDecoder().decode(PurchaseOrderRecord.self, from: Data(payload.utf8))
            else { return false }
            return (record.pallets ?? []).contains { $0.sscc == sscc }
        }
    }
}
