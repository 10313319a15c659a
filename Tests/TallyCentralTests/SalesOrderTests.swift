import Foundation
import TallyCore
import TallySync
import TallyTestSupport
import Testing

@testable import TallyCentral

/// A customer's order through its life on both engines: basket, placing against availability, payment, confirming,
/// shipping (stock leaves in central's ledger, the invoice is issued), a return with its credit note and refund, the
/// customer's balance at each step, and the audit chain over all of it.
@Suite("Sales orders, payments and returns")
struct SalesOrderTests {
    static let pricing = SalesOrders.Pricing(currency: BackOfficeCatalogTests.eur)

    /// A shop with a 7 % tax class, a shop floor and a back room, milk at 1.19 and cheese at 18.90 per kg, and the
    /// customers C-1 (card) and C-2 (on account, limit 10.00).
    static func shop(_ store: any CentralStore) async throws {
        let save = try await catalog(store)
        try await save(
            RecordKinds.product,
            [
                "id": "cheese", "name": "Gouda", "unit": "weight", "taxClass": "std", "sellingPrice": "18.90",
                "active": "1",
            ])
        try await save(
            RecordKinds.customer,
            ["id": "C-1", "name": "Café Rosa", "shippingAddress": "1 Main St", "paymentMethod": "card"])
        try await save(
            RecordKinds.customer,
            [
                "id": "C-2", "name": "Hotel Blau", "shippingAddress": "2 Lake Rd", "paymentMethod": "on-account",
                "creditLimit": "10.00",
            ])
    }

    /// A 7 % tax class, a shop floor and a back room, and milk at 1.19; answers how to save more records.
    static func catalog(
        _ store: any CentralStore
    ) async throws -> @Sendable (RecordKind, [String: String]) async throws -> Void {
        let save: @Sendable (RecordKind, [String: String]) async throws -> Void = { kind, input in
            _ = try await BackOfficeCatalogTests.save(kind, input, now: 1, on: store)
        }
        try await save(RecordKinds.taxClass, ["id": "std", "name": "Standard", "rate": "7"])
        try await save(RecordKinds.location, ["id": "shop", "name": "Shop floor", "kind": "sales"])
        try await save(RecordKinds.location, ["id": "back", "name": "Back room", "kind": "storage"])
        try await save(
            RecordKinds.product,
            [
                "id": "milk", "name": "Milk 1 l", "taxClass": "std", "sellingPrice": "1.19",
                "barcodes": "4006381333931", "active": "1",
            ])
        return save
    }

    static func stock(_ store: any CentralStore, product: String, location: String) async throws -> Int64 {
        try await store.read { db in
            try db.first(
                "SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) AS n FROM stock WHERE product_id = ? AND location_id = ?",
                .text(product), .text(location))?.integer("n") ?? 0
        }
    }

    static func fieldErrors(_ body: () async throws -> Void) async throws -> [String: String] {
        do {
            try await body()
            return [:]
        } catch let errors as FieldErrors {
            return errors.messages
        }
    }

    @Test(arguments: Engine.allCases) func anOrderIsPlacedPaidShippedReturnedAndRefunded(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        try await Self.shop(store)
        let pricing = Self.pricing

        // The basket: lines added up, a product by its barcode, cheese in grams.
        var basket = try await store.write { db in
            try SalesOrders.fillBasket(
                customerID: "C-1",
                [.init(product: "milk", quantity: "2"), .init(product: "4006381333931", quantity: "1")],
                adding: true, actor: "u-1", pricing: pricing, now: 10, on: db)
        }
        basket = try await store.write { db in
            try SalesOrders.fillBasket(
                customerID: "C-1", [.init(product: "cheese", quantity: "250")], adding: true, actor: "u-1",
                pricing: pricing, now: 11, on: db)
        }
        #expect(basket.status == "basket" && basket.number == nil)
        #expect(basket.lines.map(\.quantity) == [3, 250])
        // 3 × 1.19 = 3.57; 250 g at 18.90 per kg = 4.725, rounded 4.73; 8.30 with 7 % tax included: 0.54.
        #expect(basket.lines.map(\.total) == [357, 473] && basket.total == 830 && basket.tax == 54)

        // Nothing is on hand: the order is refused line by line and the basket stays.
        let empty = try await Self.fieldErrors {
            _ = try await store.write { db in
                try SalesOrders.placeBasket(
                    customerID: "C-1", .init(paymentMethod: "card"), actor: "u-1", pricing: pricing, now: 12, on: db)
            }
        }
        #expect(empty == ["line1": "Milk 1 l is out of stock", "line2": "Gouda is out of stock"])
        _ = try await store.write { db in
            try CentralLedger.record(
                type: "test-stock", payload: ["why": "test"],
                movements: [
                    .init(productID: "milk", locationID: "shop", lot: "L1", quantity: 2, reason: "opening"),
                    .init(productID: "milk", locationID: "shop", lot: "", quantity: 8, reason: "opening"),
                    .init(productID: "cheese", locationID: "shop", lot: "", quantity: 5000, reason: "opening"),
                ], now: 12, on: db)
        }
        let onAccount = try await Self.fieldErrors {
            _ = try await store.write { db in
                try SalesOrders.placeBasket(
                    customerID: "C-1", .init(paymentMethod: "on-account"), actor: "u-1", pricing: pricing, now: 13,
                    on: db)
            }
        }
        #expect(onAccount["paymentMethod"]?.hasPrefix("paying on account needs the shop's agreement") == true)
        let order = try await store.write { db in
            try SalesOrders.placeBasket(
                customerID: "C-1", .init(paymentMethod: "card", note: "Ring twice"), actor: "u-1", pricing: pricing,
                now: 14, on: db)
        }
        #expect(order.number == "SO000001" && order.status == "pending" && order.shippingAddress == "1 Main St")
        #expect(try await store.read { db in try SalesOrders.basket(customerID: "C-1", on: db) } == nil)
        let available = try await store.read { db in try SalesOrders.available(["milk"], on: db) }
        #expect(available["milk"] == 7, "10 on hand, 3 held by the pending order")

        // Paid in part by card before it ships; more than is due is refused.
        _ = try await store.write { db in
            try SalesOrders.recordPayment(
                orderID: order.id, .init(kind: "payment", method: "card", amount: "5.00", reference: "auth 1234"),
                actor: "staff", now: 15, on: db)
        }
        let over = try await Self.fieldErrors {
            _ = try await store.write { db in
                try SalesOrders.recordPayment(
                    orderID: order.id, .init(kind: "payment", method: "cash", amount: "3.31"), actor: "staff", now: 16,
                    on: db)
            }
        }
        #expect(over == ["amount": "at most 3.30 EUR is due"])
        #expect(try await store.read { db in try SalesOrders.account(customerID: "C-1", on: db) }.balance == -500)

        // Shipped before it is confirmed: refused. Confirmed, then shipped from the shop floor with a tracking number.
        let early = try await Self.fieldErrors {
            _ = try await store.write { db in
                try SalesOrders.ship(
                    id: order.id, locationID: "shop", tracking: "", actor: "staff", now: 16, on: db)
            }
        }
        #expect(early["action"] == "order SO000001 is pending; only a confirmed order is shipped")
        _ = try await store.write { db in
            try SalesOrders.perform(.confirm, id: order.id, actor: "staff", now: 17, on: db)
        }
        let shipped = try await store.write { db in
            try SalesOrders.ship(
                id: order.id, locationID: "shop", tracking: "1Z999AA10123456784", actor: "staff", now: 18, on: db)
        }
        #expect(shipped.status == "shipped" && shipped.tracking == "1Z999AA10123456784")
        #expect(try await Self.stock(store, product: "milk", location: "shop") == 7)
        #expect(try await Self.stock(store, product: "cheese", location: "shop") == 4750)
        let lots = try await store.read { db in
            try db.query(
                "SELECT lot, quantity, station_id, reason FROM movements WHERE product_id = 'milk' AND reason = 'shipment' ORDER BY lot"
            )
            .map { "\($0.text("lot")!):\($0.integer("quantity")!):\($0.text("station_id")!)" }
        }
        #expect(lots == [":-1:central", "L1:-2:central"], "the lot on hand goes first")
        let invoices = try await store.read { db in try SalesOrders.invoices(orderID: order.id, on: db) }
        #expect(invoices.map(\.number) == ["IN000001"] && invoices.first?.total == 830)
        #expect(try await store.read { db in try SalesOrders.account(customerID: "C-1", on: db) }.balance == 330)

        // One milk comes back to the back room: a credit note of 1.19 and, by card, no refund (3.30 is still due).
        let back = try await store.write { db in
            try SalesOrders.createReturn(
                orderID: order.id,
                .init(locationID: "back", reason: "damaged", quantities: [1: "1"], refundMethod: "card"),
                actor: "staff", now: 19, on: db)
        }
        #expect(back.number == "RT000001" && back.total == 119 && back.tax == 8)
        #expect(try await Self.stock(store, product: "milk", location: "back") == 1)
        var account = try await store.read { db in try SalesOrders.account(customerID: "C-1", on: db) }
        #expect(account.invoiced == 711 && account.paid == 500 && account.balance == 211)
        let tooMany = try await Self.fieldErrors {
            _ = try await store.write { db in
                try SalesOrders.createReturn(
                    orderID: order.id, .init(locationID: "back", reason: "damaged", quantities: [1: "3"]),
                    actor: "staff", now: 20, on: db)
            }
        }
        #expect(tooMany == ["line1": "a whole number from 0 to 2"])
        // Paid in full, then the rest comes back: the credit is refunded to the card, to the cent.
        _ = try await store.write { db in
            try SalesOrders.recordPayment(
                orderID: order.id, .init(kind: "payment", method: "bank-transfer", amount: "2.11"), actor: "staff",
                now: 21, on: db)
        }
        let rest = try await store.write { db in
            try SalesOrders.createReturn(
                orderID: order.id,
                .init(locationID: "back", reason: "not-wanted", quantities: [1: "2", 2: "250"], refundMethod: "card"),
                actor: "staff", now: 22, on: db)
        }
        #expect(rest.total == 711, "what is left of the lines, exactly")
        account = try await store.read { db in try SalesOrders.account(customerID: "C-1", on: db) }
        #expect(account.invoiced == 0 && account.paid == 0 && account.balance == 0)
        let payments = try await store.read { db in try SalesOrders.payments(orderID: order.id, on: db) }
        #expect(payments.map(\.amount) == [500, 211, -711] && payments.last?.kind == "refund")
        _ = try await store.write { db in
            try SalesOrders.perform(.deliver, id: order.id, actor: "staff", now: 23, on: db)
        }
        #expect(try await store.read { db in try Audit.verify(on: db) }.isIntact)
    }

    @Test(arguments: Engine.allCases) func creditLimitsAndCancelling(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        try await Self.shop(store)
        _ = try await store.write { db in
            try CentralLedger.record(
                type: "test-stock", payload: ["why": "test"],
                movements: [.init(productID: "milk", locationID: "shop", lot: "", quantity: 100, reason: "opening")],
                now: 1, on: db)
        }
        let pricing = Self.pricing
        // 8 × 1.19 = 9.52 fits the limit of 10.00; one more order of 1.19 would not.
        let first = try await store.write { db in
            try SalesOrders.create(
                customerID: "C-2", [.init(product: "milk", quantity: "8")], .init(paymentMethod: "on-account"),
                actor: "staff", pricing: pricing, now: 2, on: db)
        }
        #expect(first.paymentMethod == "on-account" && first.shippingAddress == "2 Lake Rd")
        let over = try await Self.fieldErrors {
            _ = try await store.write { db in
                try SalesOrders.create(
                    customerID: "C-2", [.init(product: "milk", quantity: "1")], .init(paymentMethod: "on-account"),
                    actor: "staff", pricing: pricing, now: 3, on: db)
            }
        }
        #expect(
            over["paymentMethod"]
                == "this would take Hotel Blau over the credit limit of 10.00 EUR (owed 0.00 EUR, on open orders 9.52 EUR)"
        )
        // A customer cancels their own pending order, not another's, and not once it is confirmed.
        let mine = try await store.write { db in
            try SalesOrders.create(
                customerID: "C-1", [.init(product: "milk", quantity: "1")], .init(paymentMethod: "card"),
                actor: "staff", pricing: pricing, now: 4, on: db)
        }
        await #expect(throws: WebProblem.self) {
            _ = try await store.write { db in
                try SalesOrders.perform(.cancel, id: first.id, customerID: "C-1", actor: "u", now: 5, on: db)
            }
        }
        _ = try await store.write { db in
            try SalesOrders.perform(.confirm, id: first.id, actor: "staff", now: 5, on: db)
        }
        let confirmed = try await Self.fieldErrors {
            _ = try await store.write { db in
                try SalesOrders.perform(.cancel, id: first.id, customerID: "C-2", actor: "u", now: 6, on: db)
            }
        }
        #expect(confirmed == ["action": "order SO000001 is confirmed already; ask the shop to cancel it"])
        let cancelled = try await store.write { db in
            try SalesOrders.perform(.cancel, id: mine.id, customerID: "C-1", actor: "u", now: 7, on: db)
        }
        #expect(cancelled.status == "cancelled")
        let list = try await store.read { db in
            try SalesOrders.list(status: nil, customerID: nil, query: "", limit: 10, offset: 0, on: db)
        }
        #expect(list.rows.map(\.number) == ["SO000002", "SO000001"] && list.total == 2)
    }
}
