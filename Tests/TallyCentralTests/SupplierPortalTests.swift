import Foundation
import Hummingbird
import HummingbirdTesting
import TallyCore
import TallySync
import TallyTestSupport
import Testing

@testable import TallyCentral

/// The supplier portal over HTTP: a supplier announces a shipment of an order pallet by pallet, a station's dock
/// receives a pallet by scanning its SSCC; a supplier proposes a new price and GTINs, and a manager approves or
/// rejects what it proposes.
@Suite("Supplier portal")
struct SupplierPortalTests {
    static let milkGTIN = "4006381333931"
    static let creamGTIN = "4000417025005"
    static let newMilkGTIN = "4006381333948"
    static let caseGTIN = "3761042500213"
    static let palletOne = "037610425000000015"
    static let palletTwo = "037610425000000022"

    /// Milk and cream from ACME (the supplier the test users' supplier is bound to), butter from nobody in
    /// particular, and an order of 30 milk and 10 cream sent to the dock.
    static func catalog(_ store: any CentralStore) async throws -> PurchaseOrders.Order {
        let save = { (kind: RecordKind, input: [String: String]) in
            _ = try await BackOfficeCatalogTests.save(kind, input, now: Central.now(), on: store)
        }
        try await save(RecordKinds.taxClass, ["id": "std", "name": "Standard", "rate": "7"])
        try await save(RecordKinds.location, ["id": "dock", "name": "Dock", "kind": "receiving"])
        for (id, name, gtin, supplier) in [
            ("milk", "Milk 1 l", milkGTIN, "ACME"), ("cream", "Cream", creamGTIN, "ACME"),
            ("butter", "Butter", "", ""),
        ] {
            try await save(
                RecordKinds.product,
                [
                    "id": id, "name": name, "taxClass": "std", "sellingPrice": "1.19", "purchasePrice": "0.60",
                    "barcodes": gtin, "preferredSupplier": supplier, "active": "1",
                ])
        }
        let now = Central.now()
        return try await store.write { db in
            let draft = try PurchaseOrders.saveDraft(
                id: nil,
                PurchaseOrders.DraftInput(
                    supplierID: "ACME", locationID: "dock", expected: "2030-01-15",
                    lines: [.init(product: "milk", quantity: "30"), .init(product: "cream", quantity: "10")]),
                actor: "test", now: now, on: db)
            return try PurchaseOrders.perform(.send, id: draft.record.id, actor: "test", now: now, on: db)
        }
    }

    /// A notice's form: the dates and the rows given, the other rows empty.
    static func notice(_ csrf: String, arrives: String = "2030-01-18", rows: [[String]]) -> [String: String] {
        var form = [
            "_csrf": csrf, "shippedOn": "2030-01-16", "arrivesOn": arrives, "carrier": "DHL", "tracking": "JD01",
        ]
        for (index, row) in rows.enumerated() {
            for (key, value) in zip(["sscc", "product", "quantity", "lot", "bestBefore"], row) {
                form["\(key)-\(index + 1)"] = value
            }
        }
        return form
    }

    @Test(arguments: Engine.allCases) func aShipmentIsAnnouncedAndItsPalletReceivedByItsLabel(
        engine: Engine
    )
        async throws
    {
        let password = BackOfficeWebTests.password
        try await BackOfficeWebTests.withApp(engine) { client, temporary, _ in
            let store = temporary.store
            let order = try await Self.catalog(store)
            let id = order.record.id
            var supplier = WebClient(client)
            #expect(try await supplier.signIn("supplier@example.com", password).status == .seeOther)
            let path = "/app/supplier/orders/" + id
            let page = WebClient.text(try await supplier.send(.get, path))
            #expect(page.contains("Announce a shipment") && page.contains("<option value=\"milk\">Milk 1 l (milk)"))
            let csrf = try #require(WebClient.csrf(try await supplier.send(.get, path)))

            // Each wrong row is named next to itself, and nothing is announced.
            let wrong = try await supplier.send(
                .post, path + "/shipments",
                form: Self.notice(
                    csrf, arrives: "2030-01-10",
                    rows: [
                        ["037610425000000016", "milk", "10"], [Self.palletOne, "butter", "5"],
                        [Self.palletOne, "milk", "many"], [Self.palletTwo, "cream", "4", "L1", "31.12.2030"],
                    ]))
            #expect(wrong.status == .unprocessableContent)
            let wrongText = WebClient.text(wrong)
            #expect(wrongText.contains("id=\"arrivesOn-error\">a date from the day it ships on"))
            #expect(wrongText.contains("id=\"row-1-error\">SSCC 037610425000000016: 18 digits ending in their check"))
            #expect(wrongText.contains("id=\"row-2-error\">butter is not on order"))
            #expect(wrongText.contains("id=\"row-3-error\">a quantity of 1 or more"))
            #expect(wrongText.contains("id=\"row-4-error\">best before 31.12.2030: a date such as"))
            #expect(wrongText.contains("value=\"many\""), "what was typed stays in the form")
            let over = try await supplier.send(
                .post, path + "/shipments",
                form: Self.notice(csrf, rows: [[Self.palletOne, "milk", "20"], [Self.palletTwo, "milk", "12"]]))
            #expect(over.status == .unprocessableContent)
            #expect(WebClient.text(over).contains("32 of milk announced in all, and 31 may come"), "30 and 5 %")
            #expect(try await store.read { db in try ShipmentNotices.of(orderID: id, on: db) }.isEmpty)

            // Two pallets: milk of two lots and cream on the first, milk on the second.
            let announced = try await supplier.send(
                .post, path + "/shipments",
                form: Self.notice(
                    csrf,
                    rows: [
                        [Self.palletOne, "milk", "12", "L1", "2030-02-01"], [Self.palletOne, "milk", "6", "L2"],
                        [Self.palletOne, Self.creamGTIN, "10"], [Self.palletTwo, "milk", "12", "L2"],
                    ]))
            #expect(announced.status == .ok)
            let announcedText = WebClient.text(announced)
            #expect(announcedText.contains("shipment SN000001 is announced"))
            #expect(announcedText.contains("SN000001: shipped 2030-01-16, arrives 2030-01-18"))
            #expect(
                announcedText.contains(
                    "<td>\(Self.palletOne)</td><td>Milk 1 l (milk)</td><td>12</td><td>L1</td><td>2030-02-01</td>"))
            let record = try JSONDecoder().decode(
                PurchaseOrderRecord.self,
                from: Data(try #require(try await store.catalogRecord(kind: .purchaseOrder, key: id)).utf8))
            #expect(record.pallets?.map(\.sscc) == [Self.palletOne, Self.palletTwo])
            #expect(record.pallets?.first?.contents.map(\.quantity) == [12, 6, 10])
            #expect(PurchaseOrders.dayText(record.expectedAt) == "2030-01-18", "the expected day is the arrival")
            let again = try await supplier.send(
                .post, path + "/shipments", form: Self.notice(csrf, rows: [[Self.palletTwo, "cream", "1"]]))
            #expect(WebClient.text(again).contains("pallet \(Self.palletTwo) was announced already"))

            // The manager sees the notice on the order; another supplier reaches nothing of it.
            var manager = WebClient(client)
            #expect(try await manager.signIn("manager@example.com", password).status == .seeOther)
            let staffPage = WebClient.text(try await manager.send(.get, "/app/purchase-orders/" + id))
            #expect(
                staffPage.contains("Shipments announced by the supplier")
                    && staffPage.contains("by supplier@example.com"))
            let other = UserDraft(
                email: "orders@other.example", name: "Other", role: .supplier, supplierID: "OTHER", password: password)
            _ = try await store.putSupplier(Supplier(id: "OTHER", name: "Other", overTolerancePercent: 0), now: 1)
            _ = try await store.write { db in try Users.create(other, cost: 4, actor: "test", now: 1, on: db) }
            var stranger = WebClient(client)
            #expect(try await stranger.signIn("orders@other.example", password).status == .seeOther)
            let strangerCSRF = try #require(WebClient.csrf(try await stranger.send(.get, "/app")))
            let refused = try await stranger.send(
                .post, path + "/shipments",
                form: Self.notice(strangerCSRF, rows: [["037610425000000039", "milk", "1"]]))
            #expect(refused.status == .notFound)

            // The dock scans the order's label, then the first pallet's: its contents are received whole.
            let station = try await SyncedStation.enrolledDock(client, store: store)
            let label = TallyCode.purchaseOrder(record.number).description
            for step in [
                try await station.station.submit(Array(label.utf8), lane: "dock", source: .api, device: "test"),
                try await station.station.submit(
                    Array(("]C100" + Self.palletOne).utf8), lane: "dock", source: .api, device: "test"),
                try await station.station.perform(.done, lane: "dock"),
            ] {
                #expect(step.accepted, "\(step)")
            }
            try await station.engine.round()
            let received = WebClient.text(try await manager.send(.get, "/app/purchase-orders/" + id))
            #expect(received.contains("<strong>partly-received</strong>"))
            #expect(received.contains("Milk 1 l</td><td>30</td><td>18</td><td>12</td>"), "\(received)")
            #expect(received.contains("Cream</td><td>10</td><td>10</td><td>0</td>"))
            let history = try await store.read { db in
                try Audit.entries(entity: "purchase-order", id: id, limit: 10, on: db).map(\.action)
            }
            #expect(history.first == "purchase-order.announce")
        }
    }

    @Test(arguments: Engine.allCases) func aSuppliersProposalChangesTheProductOnlyOnceApproved(
        engine: Engine
    )
        async throws
    {
        let password = BackOfficeWebTests.password
        try await BackOfficeWebTests.withApp(engine) { client, temporary, _ in
            let store = temporary.store
            _ = try await Self.catalog(store)
            var supplier = WebClient(client)
            #expect(try await supplier.signIn("supplier@example.com", password).status == .seeOther)
            let list = WebClient.text(try await supplier.send(.get, "/app/supplier/products"))
            #expect(list.contains(">Milk 1 l</a> (milk)</td><td>0.60 EUR</td><td>0\(Self.milkGTIN)</td>"))
            #expect(!list.contains("Butter"), "only the products it supplies")
            #expect(try await supplier.send(.get, "/app/supplier/products/butter").status == .notFound)
            let path = "/app/supplier/products/milk"
            let csrf = try #require(WebClient.csrf(try await supplier.send(.get, path)))
            let form = { (price: String, gtins: String) in
                ["_csrf": csrf, "purchasePrice": price, "description": "", "gtins": gtins, "note": "New crates"]
            }
            let same = try await supplier.send(.post, path, form: form("0.60", Self.milkGTIN))
            #expect(same.status == .unprocessableContent)
            #expect(WebClient.text(same).contains("nothing differs from what the shop has"))
            let badGTIN = try await supplier.send(.post, path, form: form("0.60", "4006381333932"))
            #expect(WebClient.text(badGTIN).contains("id=\"gtins-error\">4006381333932 is not a GTIN"))
            let label = try await supplier.send(.post, path, form: form("0.60", "MILK-LABEL"))
            #expect(WebClient.text(label).contains("id=\"gtins-error\">MILK-LABEL is not a GTIN"))
            let badPrice = try await supplier.send(.post, path, form: form("sixty", Self.milkGTIN))
            #expect(badPrice.status == .unprocessableContent)
            #expect(
                try await store.read { db in
                    try ProductProposals.list(status: nil, supplierID: nil, limit: 10, offset: 0, on: db).total
                } == 0)

            // A first proposal, replaced by a second; the product stays as it was.
            #expect(try await supplier.send(.post, path, form: form("0.62", Self.milkGTIN)).status == .ok)
            let sent = try await supplier.send(
                .post, path, form: form("0.65", Self.milkGTIN + "\n" + Self.caseGTIN))
            #expect(sent.status == .ok && WebClient.text(sent).contains("a manager will look at your proposal"))
            let proposals = try await store.read { db in
                try ProductProposals.list(status: nil, supplierID: "ACME", limit: 10, offset: 0, on: db).rows
            }
            #expect(proposals.map(\.status) == ["pending", "replaced"])
            let pending = try #require(proposals.first)
            #expect(pending.purchasePrice == 65 && pending.gtins == ["0" + Self.milkGTIN, "0" + Self.caseGTIN])
            var product = try #require(
                try await store.read { db in
                    try Records.load(RecordKinds.product, id: "milk", now: Central.now(), on: db)
                })
            #expect(product["purchasePrice"] == .integer(60))

            // A cashier cannot decide; the manager sees now and proposed, and approves.
            var manager = WebClient(client)
            #expect(try await manager.signIn("manager@example.com", password).status == .seeOther)
            let review = WebClient.text(try await manager.send(.get, "/app/proposals"))
            #expect(review.contains("Milk 1 l (milk) from Acme"))
            #expect(review.contains("<th scope=\"row\">Purchase price</th><td>0.60 EUR</td><td>0.65 EUR</td>"))
            #expect(review.contains("Their note: New crates"))
            let managerCSRF = try #require(WebClient.csrf(try await manager.send(.get, "/app")))
            let approved = try await manager.send(
                .post, "/app/proposals/\(pending.id)/approve", form: ["_csrf": managerCSRF])
            #expect(approved.status == .ok && WebClient.text(approved).contains("product milk is changed"))
            product = try #require(
                try await store.read { db in
                    try Records.load(RecordKinds.product, id: "milk", now: Central.now(), on: db)
                })
            #expect(product["purchasePrice"] == .integer(65))
            #expect(product["barcodes"] == .text("0" + Self.milkGTIN + "\n0" + Self.caseGTIN))
            let feed = try JSONDecoder().decode(
                ProductRecord.self,
                from: Data(try #require(try await store.catalogRecord(kind: .product, key: "milk")).utf8))
            #expect(feed.barcodes.contains("0" + Self.caseGTIN), "the stations get the new GTIN")
            let twice = try await manager.send(
                .post, "/app/proposals/\(pending.id)/approve", form: ["_csrf": managerCSRF])
            #expect(twice.status == .conflict && WebClient.text(twice).contains("the proposal is approved"))

            // A GTIN of another product cannot be approved; the proposal is rejected with a reason instead.
            #expect(try await supplier.send(.post, path, form: form("0.65", Self.creamGTIN)).status == .ok)
            let clash = try #require(
                try await store.read { db in
                    try ProductProposals.list(status: "pending", supplierID: "ACME", limit: 1, offset: 0, on: db).rows
                        .first
                })
            let refused = try await manager.send(
                .post, "/app/proposals/\(clash.id)/approve", form: ["_csrf": managerCSRF])
            #expect(refused.status == .conflict)
            #expect(WebClient.text(refused).contains("is a barcode of Cream (cream) already"))
            let noReason = try await manager.send(
                .post, "/app/proposals/\(clash.id)/reject", form: ["_csrf": managerCSRF, "reason": " "])
            #expect(noReason.status == .unprocessableContent && WebClient.text(noReason).contains("say why"))
            let rejected = try await manager.send(
                .post, "/app/proposals/\(clash.id)/reject",
                form: ["_csrf": managerCSRF, "reason": "That GTIN is the cream's"])
            #expect(rejected.status == .ok)
            let seen = WebClient.text(try await supplier.send(.get, path))
            #expect(
                seen.contains("rejected: That GTIN is the cream&#39;s")
                    || seen.contains("rejected: That GTIN is the cream's"))
            let actions = try await store.read { db in
                try Audit.entries(entity: "product-proposal", limit: 10, on: db).map(\.action)
            }
            #expect(
                actions == [
                    "product-proposal.reject", "product-proposal.create", "product-proposal.approve",
                    "product-proposal.create", "product-proposal.create",
                ])
            // The administrator downloads the whole trail, oldest first, with its hashes.
            var admin = WebClient(client)
            #expect(try await admin.signIn("admin@example.com", password).status == .seeOther)
            let csv = WebClient.text(try await admin.send(.get, "/app/audit.csv"))
            #expect(csv.hasPrefix("sequence,at,actor,action,entity,entityID,before,after,previousHash,hash\r\n"))
            #expect(csv.contains(",product-proposal.approve,product-proposal,\(pending.id),"))
            #expect(csv.split(separator: "\r\n").dropFirst().first?.hasPrefix("1,") == true)
            #expect(try await supplier.send(.get, "/app/audit.csv").status == .forbidden)
            let productHistory = try await store.read { db in
                try Audit.entries(entity: "product", id: "milk", limit: 10, on: db)
            }
            #expect(productHistory.first?.action == "product.update")
            #expect(
                productHistory.first?.actor
                    == (try #require(
                        try await store.read { db in
                            try db.first("SELECT id FROM users WHERE email = 'manager@example.com'")?.text("id")
                        })),
                "the approving manager made the change")
        }
    }

    @Test(arguments: Engine.allCases) func theAPIAnnouncesProposesAndDecidesAsThePagesDo(engine: Engine) async throws {
        try await BackOfficeWebTests.withApp(engine) { client, temporary, users in
            let store = temporary.store
            let order = try await Self.catalog(store)
            let supplierToken = try await apiToken(for: users[.supplier], on: store)
            let managerToken = try await apiToken(for: users[.manager], on: store)
            func send(
                _ method: HTTPRequest.Method, _ uri: String, _ token: String, _ body: String? = nil
            )
                async throws -> (HTTPResponse.Status, [String: Any])
            {
                let (status, object) = try await sendJSON(client, method, uri, token: token, body)
                return (status, object as? [String: Any] ?? ["items": object ?? []])
            }
            let path = "/api/v1/supplier/orders/" + order.record.id
            let (listed, list) = try await send(.get, "/api/v1/supplier/orders", supplierToken)
            #expect(listed == .ok && list["total"] as? Int == 1)
            #expect(try await send(.get, "/api/v1/supplier/orders", managerToken).0 == .forbidden)
            let (wrong, problem) = try await send(
                .post, path + "/shipments", supplierToken,
                #"{"shippedOn": "2030-01-16", "arrivesOn": "2030-01-18", "pallets": [{"sscc": "037610425000000016", "contents": [{"productID": "milk", "quantity": 5}]}]}"#
            )
            #expect(wrong == .unprocessableContent)
            #expect(
                (problem["fields"] as? [String: String])?["pallets[0].contents[0]"]?.contains("check digit") == true)
            let (made, notice) = try await send(
                .post, path + "/shipments", supplierToken,
                #"{"shippedOn": "2030-01-16", "arrivesOn": "2030-01-18", "tracking": "JD01", "pallets": [{"sscc": "\#(Self.palletOne)", "contents": [{"productID": "milk", "quantity": 30, "lot": "L1", "expiry": "2030-02-01"}]}]}"#
            )
            #expect(made == .created && notice["number"] as? String == "SN000001")
            let (_, detail) = try await send(.get, path, supplierToken)
            #expect((detail["notices"] as? [[String: Any]])?.count == 1)

            // Only the price is proposed; the product's GTINs and description stay as they are.
            let (proposed, proposal) = try await send(
                .post, "/api/v1/supplier/products/milk/proposals", supplierToken, #"{"purchasePrice": "0.59"}"#)
            #expect(proposed == .created && proposal["purchasePrice"] as? Int == 59 && proposal["gtins"] == nil)
            #expect(
                try await send(.post, "/api/v1/supplier/products/butter/proposals", supplierToken, "{}").0
                    == .notFound)
            let (_, pending) = try await send(.get, "/api/v1/proposals?status=pending", managerToken)
            #expect(pending["total"] as? Int == 1)
            let id = try #require(proposal["id"] as? String)
            let (approved, decided) = try await send(.post, "/api/v1/proposals/\(id)/approve", managerToken)
            #expect(approved == .ok && decided["status"] as? String == "approved")
            #expect(try await send(.post, "/api/v1/proposals/\(id)/approve", managerToken).0 == .conflict)
            #expect(
                try await send(.post, "/api/v1/proposals/\(id)/reject", supplierToken, #"{"reason": "no"}"#).0
                    == .forbidden)
            let product = try await store.read { db in
                try Records.load(RecordKinds.product, id: "milk", now: Central.now(), on: db)
            }
            #expect(product?["purchasePrice"] == .integer(59))
            #expect(product?["barcodes"] == .text("0" + Self.milkGTIN))
        }
    }
}
