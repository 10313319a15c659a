import Foundation
import Hummingbird
import HummingbirdTesting
import TallyCore
import TallySync
import TallyTestSupport
import Testing

@testable import TallyCentral

/// The customer portal and the staff's sales pages over HTTP, on both engines: a new customer registers, shops
/// with availability, places an order; the manager confirms, ships with a tracking number and records the payment;
/// the customer follows it to its invoice and balance; goods come back to a location of the manager's choice and
/// the money is refunded; another customer reaches none of it.
@Suite("Sales on the web")
struct SalesWebTests {
    static func shop(_ store: any CentralStore) async throws {
        let save = try await SalesOrderTests.catalog(store)
        try await save(
            RecordKinds.product,
            ["id": "cream", "name": "Cream", "taxClass": "std", "sellingPrice": "2.49", "active": "1"])
        _ = try await store.write { db in
            try CentralLedger.record(
                type: "test-stock", payload: ["why": "test"],
                movements: [.init(productID: "milk", locationID: "shop", lot: "", quantity: 10, reason: "opening")],
                now: 1, on: db)
        }
    }

    @Test(arguments: Engine.allCases) func aCustomerRegistersOrdersAndFollowsTheOrder(engine: Engine) async throws {
        try await BackOfficeWebTests.withApp(engine) { client, temporary, _ in
            try await Self.shop(temporary.store)

            // Registering: a mistake is shown next to its field, then the account opens and signs in.
            var customer = WebClient(client)
            let form = try await customer.send(.get, "/register")
            let token = try #require(WebClient.csrf(form))
            var fields = [
                "_csrf": token, "name": "Bistro Nord", "contactName": "Ana Lund", "email": "ana@example.com",
                "shippingAddress": "3 Harbour St\nKiel", "password": "short",
            ]
            let wrong = try await customer.send(.post, "/register", form: fields)
            #expect(wrong.status == .unprocessableContent)
            #expect(
                WebClient.text(wrong).contains(
                    "<p class=\"field-error\" id=\"password-error\">a password needs at least 10 characters</p>"))
            fields["_csrf"] = WebClient.csrf(wrong)
            fields["password"] = "harbour-lights-42"
            let opened = try await customer.send(.post, "/register", form: fields)
            #expect(opened.status == .seeOther && opened.headers[.location] == "/app/shop")
            let customerID = try #require(
                try await temporary.store.read { db in
                    try Users.user(email: "ana@example.com", on: db)?.customerID
                })
            #expect(customerID.hasPrefix("C-"))

            // The catalog shows prices and availability; only what is in stock can be added.
            let catalog = WebClient.text(try await customer.send(.get, "/app/shop"))
            #expect(catalog.contains("<td>1.19 EUR</td><td>10 available</td>"))
            #expect(catalog.contains("<td>2.49 EUR</td><td>out of stock</td>"))
            let csrf = try #require(WebClient.csrf(try await customer.send(.get, "/app/shop")))
            let added = try await customer.send(
                .post, "/app/shop/basket", form: ["_csrf": csrf, "product": "milk", "quantity": "12"])
            #expect(added.status == .ok && WebClient.text(added).contains("<strong id=\"basket-total\">14.28</strong>"))
            // More than is available: refused next to the line, nothing placed.
            let tooMany = try await customer.send(
                .post, "/app/shop/basket/place", form: ["_csrf": csrf, "paymentMethod": "card"])
            #expect(tooMany.status == .unprocessableContent)
            #expect(WebClient.text(tooMany).contains("only 10 of Milk 1 l can be ordered now"))
            _ = try await customer.send(
                .post, "/app/shop/basket", form: ["_csrf": csrf, "set": "1", "quantity-milk": "4"])
            let placed = try await customer.send(
                .post, "/app/shop/basket/place",
                form: ["_csrf": csrf, "paymentMethod": "bank-transfer", "note": "Back door"])
            #expect(placed.status == .seeOther)
            let orderPath = try #require(placed.headers[.location]).components(separatedBy: "?")[0]
            let orderID = String(orderPath.split(separator: "/").last ?? "")
            var page = WebClient.text(try await customer.send(.get, orderPath))
            #expect(
                page.contains("<h1>Order SO000001</h1>")
                    && page.contains("<strong id=\"order-status\">pending</strong>"))

            // The manager confirms, ships from the shop floor with a tracking number, and records the transfer.
            var manager = WebClient(client)
            #expect(try await manager.signIn("manager@example.com", BackOfficeWebTests.password).status == .seeOther)
            let list = WebClient.text(try await manager.send(.get, "/app/sales-orders?status=pending"))
            #expect(list.contains(">SO000001</a></td><td>Bistro Nord</td><td>pending</td>"))
            let staffPath = "/app/sales-orders/\(orderID)"
            let staffCSRF = try #require(WebClient.csrf(try await manager.send(.get, staffPath)))
            let early = try await manager.send(
                .post, staffPath + "/ship", form: ["_csrf": staffCSRF, "locationID": "shop", "tracking": "X1"])
            #expect(early.status == .conflict)
            #expect(try await manager.send(.post, staffPath + "/confirm", form: ["_csrf": staffCSRF]).status == .ok)
            let pick = WebClient.text(try await manager.send(.get, staffPath + "/pick"))
            #expect(pick.contains("<td>Milk 1 l (milk)</td><td>4</td><td>shop (10)</td>"))
            let shipped = try await manager.send(
                .post, staffPath + "/ship",
                form: ["_csrf": staffCSRF, "locationID": "shop", "tracking": "1Z999AA10123456784"])
            #expect(shipped.status == .ok)
            #expect(try await SalesOrderTests.stock(temporary.store, product: "milk", location: "shop") == 6)
            let paid = try await manager.send(
                .post, staffPath + "/payments",
                form: [
                    "_csrf": staffCSRF, "kind": "payment", "method": "bank-transfer", "amount": "4.76",
                    "reference": "TRF 88",
                ])
            #expect(paid.status == .ok && WebClient.text(paid).contains("A payment of 4.76 EUR is recorded."))

            // The customer sees the tracking number, the invoice and a balance of nothing owed.
            page = WebClient.text(try await customer.send(.get, orderPath))
            #expect(page.contains("<dd id=\"tracking\">1Z999AA10123456784</dd>"))
            let invoiceLink = try #require(
                page.components(separatedBy: "<a href=\"/app/shop/invoices/").dropFirst().first?.prefix { $0 != "\"" })
            let invoice = WebClient.text(try await customer.send(.get, "/app/shop/invoices/\(invoiceLink)"))
            #expect(
                invoice.contains("<h1>Invoice IN000001</h1>")
                    && invoice.contains("<strong id=\"invoice-total\">4.76</strong>"))
            let history = WebClient.text(try await customer.send(.get, "/app/shop/orders"))
            #expect(history.contains("<dd id=\"balance\"><strong>0.00</strong></dd>"))

            // Another customer reaches neither the order nor the invoice.
            var other = WebClient(client)
            #expect(try await other.signIn("customer@example.com", BackOfficeWebTests.password).status == .seeOther)
            #expect(try await other.send(.get, orderPath).status == .notFound)
            #expect(try await other.send(.get, "/app/shop/invoices/\(invoiceLink)").status == .notFound)

            // One bottle comes back to the back room, refunded by bank transfer.
            let returned = try await manager.send(
                .post, staffPath + "/returns",
                form: [
                    "_csrf": staffCSRF, "return1": "1", "locationID": "back", "reason": "damaged",
                    "refundMethod": "bank-transfer",
                ])
            #expect(returned.status == .ok)
            #expect(WebClient.text(returned).contains("Return RT000001 is booked: 1.19 EUR credited."))
            #expect(try await SalesOrderTests.stock(temporary.store, product: "milk", location: "back") == 1)
            let balances = WebClient.text(try await manager.send(.get, "/app/balances.csv"))
            #expect(balances.contains("Bistro Nord,3.57,3.57,0.00,"))
            let payments = WebClient.text(try await manager.send(.get, "/app/payments.csv"))
            #expect(payments.contains(",refund,bank-transfer,'-1.19,EUR,RT000001"))
            #expect(try await temporary.store.read { db in try Audit.verify(on: db) }.isIntact)
        }
    }

    @Test(arguments: Engine.allCases) func openingStockIsImportedWholeOrNotAtAll(engine: Engine) async throws {
        try await BackOfficeWebTests.withApp(engine) { client, temporary, _ in
            try await Self.shop(temporary.store)
            var manager = WebClient(client)
            #expect(try await manager.signIn("manager@example.com", BackOfficeWebTests.password).status == .seeOther)
            let csrf = try #require(WebClient.csrf(try await manager.send(.get, "/app/stock/import")))
            let wrong = try await manager.upload(
                "/app/stock/import", fields: ["_csrf": csrf],
                file: (
                    "file", "stock.csv",
                    "product,location,lot,quantity\ncream,back,,24\n4006381333931,attic,,5\nmilk,shop,,-1\n"
                ))
            #expect(wrong.status == .unprocessableContent)
            let report = WebClient.text(wrong)
            #expect(report.contains("<td>3</td><td>location</td><td>there is no location attic</td>"))
            #expect(report.contains("<td>4</td><td>quantity</td><td>a whole number from 0 to 1000000000</td>"))
            #expect(try await SalesOrderTests.stock(temporary.store, product: "cream", location: "back") == 0)
            // Milk: 10 on the shop floor already, so 12 books 2 more; cream by its code, in two lots.
            let file = "product;location;lot;quantity\n4006381333931;shop;;12\ncream;back;L7;20\ncream;back;L8;4\n"
            let booked = try await manager.upload(
                "/app/stock/import", fields: ["_csrf": csrf], file: ("file", "stock.csv", file))
            #expect(booked.status == .ok)
            #expect(WebClient.text(booked).contains("The file was imported: 3 booked, 0 already so, of 3 rows."))
            #expect(try await SalesOrderTests.stock(temporary.store, product: "milk", location: "shop") == 12)
            #expect(try await SalesOrderTests.stock(temporary.store, product: "cream", location: "back") == 24)
            let again = try await manager.upload(
                "/app/stock/import", fields: ["_csrf": csrf], file: ("file", "stock.csv", file))
            #expect(WebClient.text(again).contains("The file was imported: 0 booked, 3 already so, of 3 rows."))
            let movements = try await temporary.store.read { db in
                try db.query(
                    "SELECT quantity FROM movements WHERE reason = 'opening' AND station_id = 'central' ORDER BY quantity"
                )
                .compactMap { $0.integer("quantity") }
            }
            #expect(movements == [2, 4, 10, 20], "the setup's 10 and the file's differences")
            #expect(try await temporary.store.read { db in try Audit.verify(on: db) }.isIntact)
        }
    }
}
