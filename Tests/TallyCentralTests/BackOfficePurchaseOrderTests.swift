import Foundation
import Hummingbird
import HummingbirdTesting
import TallyCore
import TallySync
import TallyTestSupport
import Testing

@testable import TallyCentral

/// A purchase order's life in the back office, over HTTP with a real station: suggested by the reorder point,
/// drafted, corrected, printed with its label, sent, received in part at a station's dock, closed.
@Suite("Back office purchase orders")
struct BackOfficePurchaseOrderTests {
    @Test(arguments: Engine.allCases) func anOrderIsSuggestedDraftedSentReceivedAndClosed(engine: Engine) async throws {
        let password = BackOfficeWebTests.password
        try await BackOfficeWebTests.withApp(engine) { client, temporary, _ in
            let store = temporary.store
            let save = { (kind: RecordKind, input: [String: String]) in
                _ = try await BackOfficeCatalogTests.save(kind, input, now: Central.now(), on: store)
            }
            try await save(RecordKinds.taxClass, ["id": "std", "name": "Standard", "rate": "7"])
            try await save(RecordKinds.location, ["id": "dock", "name": "Dock", "kind": "receiving"])
            try await save(RecordKinds.supplier, ["id": "MILKCO", "name": "Milk Co", "leadTimeDays": "2"])
            try await save(
                RecordKinds.product,
                [
                    "id": "milk", "name": "Milk 1 l", "taxClass": "std", "sellingPrice": "1.19",
                    "barcodes": "4006381333931",
                    "reorderPoint": "10", "reorderQuantity": "24", "preferredSupplier": "MILKCO", "active": "1",
                ])
            try await save(
                RecordKinds.product,
                [
                    "id": "cream", "name": "Cream", "taxClass": "std", "sellingPrice": "2.49",
                    "barcodes": "4000417025005",
                    "active": "1",
                ])
            var manager = WebClient(client)
            #expect(try await manager.signIn("manager@example.com", password).status == .seeOther)
            let suggestions = WebClient.text(try await manager.send(.get, "/app/purchase-orders/suggestions"))
            #expect(
                suggestions.contains(
                    "<td><a href=\"/app/products/milk\">milk</a> Milk 1 l</td><td>0</td><td>0</td><td>10</td><td>24</td>"
                ))
            #expect(!suggestions.contains("cream"), "a product without a reorder point is never suggested")
            let csrf = try #require(WebClient.csrf(try await manager.send(.get, "/app/purchase-orders/new")))
            let made = try await manager.send(
                .post, "/app/purchase-orders/suggestions",
                form: ["_csrf": csrf, "supplier": "MILKCO", "locationID": "dock"])
            #expect(made.status == .seeOther)
            let orderPath = try #require(made.headers[.location])
            var page = WebClient.text(try await manager.send(.get, orderPath))
            #expect(page.contains("<h1>Purchase order PO000001</h1>") && page.contains("<strong>draft</strong>"))
            let expected = PurchaseOrders.dayText(Central.now() + 2 * 86_400_000)
            #expect(page.contains("<dt>Expected</dt><dd>\(expected)</dd>"), "today plus the supplier's lead time")

            // A mistake in a line is shown on its line; the draft keeps what it had.
            let wrong = try await manager.send(
                .post, orderPath,
                form: [
                    "_csrf": csrf, "supplierID": "MILKCO", "locationID": "dock", "product1": "milk", "quantity1": "30",
                    "product2": "4006381333932", "quantity2": "5",
                ])
            #expect(wrong.status == .unprocessableContent)
            #expect(
                WebClient.text(wrong).contains(
                    "<p class=\"field-error\" id=\"line2-error\">no product has the code or barcode 4006381333932</p>"))
            let fixed = try await manager.send(
                .post, orderPath,
                form: [
                    "_csrf": csrf, "supplierID": "MILKCO", "locationID": "dock", "expected": "2030-01-15",
                    "product1": "milk", "quantity1": "30", "product2": "4000417025005", "quantity2": "6",
                ])
            #expect(fixed.status == .ok)
            page = WebClient.text(fixed)
            #expect(page.contains("<dt>Expected</dt><dd>2030-01-15</dd>"))
            #expect(
                page.contains(
                    "<td>2</td><td><a href=\"/app/products/cream\">cream</a> Cream</td><td>6</td><td>0</td><td>6</td>"),
                "a barcode names its product")
            #expect(
                try await store.catalogRecord(kind: .purchaseOrder, key: String(orderPath.split(separator: "/").last!))
                    == nil,
                "a draft does not reach the stations")

            let printed = WebClient.text(try await manager.send(.get, orderPath + "/print"))
            let label = TallyCode.purchaseOrder("PO000001").description
            #expect(
                printed.contains("<p>\(label)</p>") && printed.contains("<svg") && printed.contains("Milk 1 l (milk)"))

            let sent = try await manager.send(.post, orderPath + "/send", form: ["_csrf": csrf])
            #expect(sent.status == .ok && WebClient.text(sent).contains("Order PO000001 was sent to the docks."))
            let again = try await manager.send(.post, orderPath + "/send", form: ["_csrf": csrf])
            #expect(
                again.status == .conflict
                    && WebClient.text(again).contains("order PO000001 is sent; only a draft is sent"))

            // The supplier sees the order and confirms it with a date; another supplier cannot reach it.
            let milkUser = UserDraft(
                email: "orders@milkco.example", name: "Milk Co", role: .supplier, supplierID: "MILKCO",
                password: password)
            _ = try await store.write { db in try Users.create(milkUser, cost: 4, actor: "test", now: 1, on: db) }
            var supplier = WebClient(client)
            #expect(try await supplier.signIn("orders@milkco.example", password).status == .seeOther)
            let ours = WebClient.text(try await supplier.send(.get, "/app/supplier/orders"))
            #expect(ours.contains(">PO000001</a></td><td>sent</td><td>2030-01-15</td><td>not yet</td>"))
            let supplierOrder = "/app/supplier/orders/" + orderPath.split(separator: "/").last!
            let supplierCSRF = try #require(WebClient.csrf(try await supplier.send(.get, supplierOrder)))
            let past = try await supplier.send(
                .post, supplierOrder + "/confirm", form: ["_csrf": supplierCSRF, "deliveryDate": "2020-01-01"])
            #expect(past.status == .unprocessableContent && WebClient.text(past).contains("a date from today on"))
            let confirmed = try await supplier.send(
                .post, supplierOrder + "/confirm",
                form: ["_csrf": supplierCSRF, "deliveryDate": "2030-01-20", "note": "Two pallets"])
            #expect(confirmed.status == .ok && WebClient.text(confirmed).contains("delivery on 2030-01-20"))
            var acme = WebClient(client)
            #expect(try await acme.signIn("supplier@example.com", password).status == .seeOther)
            #expect(!WebClient.text(try await acme.send(.get, "/app/supplier/orders")).contains("PO000001"))
            #expect(try await acme.send(.get, supplierOrder).status == .notFound)
            page = WebClient.text(try await manager.send(.get, orderPath))
            #expect(page.contains("<dt>Supplier confirmed</dt><dd>delivery on 2030-01-20"))
            #expect(page.contains("<dt>Expected</dt><dd>2030-01-20</dd>"), "the confirmed date is the expected one")

            // The dock receives 20 of the 30 at a station; the order follows.
            let station = try await SyncedStation.enrolledDock(client, store: store)
            try await station.receive(order: label, code: "4006381333931", quantity: 20)
            try await station.engine.round()
            page = WebClient.text(try await manager.send(.get, orderPath))
            #expect(page.contains("<strong>partly-received</strong>"))
            #expect(
                page.contains(
                    "<td>1</td><td><a href=\"/app/products/milk\">milk</a> Milk 1 l</td><td>30</td><td>20</td><td>10</td>"
                ))
            #expect(
                page.contains("<td>Dock</td><td>dock</td><td>\(PurchaseOrders.dayText(Central.now()))"),
                "the receipt is listed")
            let list = WebClient.text(try await manager.send(.get, "/app/purchase-orders?status=partly-received"))
            #expect(
                list.contains(
                    ">PO000001</a></td><td>Milk Co</td><td>partly-received</td><td>2030-01-20</td><td>2</td><td>36</td><td>20</td>"
                ))

            // A dock clerk sees the order and its label, and cannot close it.
            var clerk = WebClient(client)
            #expect(try await clerk.signIn("dock-clerk@example.com", password).status == .seeOther)
            #expect(try await clerk.send(.get, orderPath + "/print").status == .ok)
            let clerkCSRF = WebClient.csrf(try await clerk.send(.get, "/app")) ?? ""
            #expect(try await clerk.send(.post, orderPath + "/close", form: ["_csrf": clerkCSRF]).status == .forbidden)

            let cancel = try await manager.send(.post, orderPath + "/cancel", form: ["_csrf": csrf])
            #expect(cancel.status == .conflict, "goods came against it")
            let closed = try await manager.send(.post, orderPath + "/close", form: ["_csrf": csrf])
            #expect(closed.status == .ok && WebClient.text(closed).contains("<strong>closed</strong>"))
            try await station.engine.round()
            let record = try #require(
                try await store.catalogRecord(kind: .purchaseOrder, key: String(orderPath.split(separator: "/").last!)))
            #expect(try JSONDecoder().decode(PurchaseOrderRecord.self, from: Data(record.utf8)).status == "closed")

            // 20 on hand is above the reorder point: nothing to suggest.
            let after = WebClient.text(try await manager.send(.get, "/app/purchase-orders/suggestions"))
            #expect(after.contains("Nothing is below its reorder point."))
            let history = try await store.read { db in
                try Audit.entries(entity: "purchase-order", limit: 10, on: db).map(\.action)
            }
            #expect(
                history == [
                    "purchase-order.close", "purchase-order.confirm", "purchase-order.send", "purchase-order.update",
                    "purchase-order.create",
                ])
        }
    }

    @Test(arguments: Engine.allCases) func theAPIDraftsSuggestsAndSendsAsThePagesDo(engine: Engine) async throws {
        try await BackOfficeWebTests.withApp(engine) { client, temporary, users in
            let store = temporary.store
            let save = { (kind: RecordKind, input: [String: String]) in
                _ = try await BackOfficeCatalogTests.save(kind, input, now: Central.now(), on: store)
            }
            try await save(RecordKinds.taxClass, ["id": "std", "name": "Standard", "rate": "7"])
            try await save(RecordKinds.location, ["id": "dock", "name": "Dock", "kind": "receiving"])
            try await save(
                RecordKinds.product,
                [
                    "id": "milk", "name": "Milk 1 l", "taxClass": "std", "sellingPrice": "1.19",
                    "barcodes": "4006381333931", "reorderPoint": "10", "reorderQuantity": "24",
                    "preferredSupplier": "ACME", "active": "1",
                ])
            try await save(
                RecordKinds.product,
                [
                    "id": "cream", "name": "Cream", "taxClass": "std", "sellingPrice": "2.49",
                    "barcodes": "4000417025005",
                ])
            let manager = try await apiToken(for: users[.manager], on: store)
            let cashier = try await apiToken(for: users[.cashier], on: store)
            func send(
                _ method: HTTPRequest.Method, _ uri: String, _ token: String, _ body: String? = nil
            )
                async throws -> (HTTPResponse.Status, Any?)
            { try await sendJSON(client, method, uri, token: token, body) }
            let (_, suggestions) = try await send(.get, "/api/v1/reorder-suggestions", manager)
            let suggested = try #require((suggestions as? [[String: Any]])?.first)
            #expect(suggested["productID"] as? String == "milk" && suggested["quantity"] as? Int == 24)
            let (made, draft) = try await send(
                .post, "/api/v1/reorder-suggestions/drafts", manager, #"{"supplierID": "ACME", "locationID": "dock"}"#)
            let order = try #require(draft as? [String: Any])
            #expect(made == .created && order["status"] as? String == "draft")
            let id = try #require(order["id"] as? String)
            let (wrong, problem) = try await send(
                .post, "/api/v1/purchase-orders/drafts/" + id, manager,
                #"{"supplierID": "ACME", "locationID": "dock", "lines": [{"product": "4006381333932", "quantity": 5}]}"#
            )
            #expect(wrong == .unprocessableContent, "\(String(describing: problem))")
            let (changed, after) = try await send(
                .post, "/api/v1/purchase-orders/drafts/" + id, manager,
                #"{"supplierID": "ACME", "locationID": "dock", "expected": "2030-01-15", "lines": [{"product": "milk", "quantity": 30}, {"product": "4000417025005", "quantity": 6}]}"#
            )
            #expect(changed == .ok)
            #expect(
                ((after as? [String: Any])?["lines"] as? [[String: Any]])?.compactMap { $0["productID"] as? String }
                    == ["milk", "cream"])
            let (_, drafts) = try await send(.get, "/api/v1/purchase-orders?status=draft", manager)
            #expect((drafts as? [String: Any])?["total"] as? Int == 1)
            let (sent, record) = try await send(.post, "/api/v1/purchase-orders/drafts/\(id)/send", manager)
            #expect(sent == .ok && (record as? [String: Any])?["status"] as? String == "sent")
            #expect(try await send(.post, "/api/v1/purchase-orders/drafts/\(id)/send", manager).0 == .conflict)
            #expect(try await store.catalogRecord(kind: .purchaseOrder, key: id) != nil, "the docks get it")
            let (_, alerts) = try await send(.get, "/api/v1/alerts", manager)
            #expect((alerts as? [[String: Any]])?.contains { $0["kind"] as? String == "low-stock" } == true)
            #expect(try await send(.get, "/api/v1/alerts", cashier).0 == .forbidden)
            #expect(try await send(.post, "/api/v1/purchase-orders/drafts", cashier, "{}").0 == .forbidden)
        }
    }
}
