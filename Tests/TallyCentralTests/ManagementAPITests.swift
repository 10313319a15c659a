import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import TallySync
import TallyTestSupport
import Testing

@testable import TallyCentral

/// The management API on a real HTTP server: a manager's token opens it, a station's is refused; suppliers,
/// purchase orders and count tasks go out to the stations; counts are approved or rejected once.
@Suite("Central management API")
struct ManagementAPITests {
    /// The API over a store with a small catalog, a supplier and a manager's token.
    func withAPI(
        _ engine: Engine, _ body: @Sendable (any TestClientProtocol, TemporaryStore, String) async throws -> Void
    ) async throws {
        let temporary = try await TemporaryStore(engine)
        let token = try await temporary.managedCatalog()
        let app = Application(router: CentralAPI.router(store: temporary.store, clock: { 1_000_000 }))
        try await app.test(.live) { client in try await body(client, temporary, token) }
    }

    func send(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String?,
        raw: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer " + token }
        if raw != nil { headers[.contentType] = "application/json" }
        return try await client.execute(
            uri: uri, method: method, headers: headers, body: raw.map { ByteBuffer(string: $0) })
    }

    func send(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String?,
        json: [String: Any]
    ) async throws -> TestResponse {
        let raw = String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
        return try await send(client, method, uri, token: token, raw: raw)
    }

    func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(response.body.readableBytesView))
    }

    func problem(_ response: TestResponse) throws -> String {
        try decode(SyncProblem.self, response).error
    }

    static var order: [String: Any] {
        [
            "number": "PO.2026.1", "supplierID": "fresh", "locationID": "DOCK", "expectedAt": 1_800_000_000_000,
            "lines": [["productID": "p-1", "quantity": 24], ["productID": "p-2", "quantity": 6]],
            "pallets": [
                [
                    "sscc": "106141411234567897",
                    "contents": [["productID": "p-1", "quantity": 24, "lot": "L1", "expiry": "2027-02-28"]],
                ]
            ],
        ]
    }

    @Test(arguments: Engine.allCases) func onlyAManagersTokenOpensTheAPI(engine: Engine) async throws {
        try await withAPI(engine) { client, temporary, token in
            let (_, stationToken) = try await temporary.enrolledStation()
            let uri = "/api/v1/counts"
            let none = try await send(client, .get, uri, token: nil)
            #expect(none.status == .unauthorized && none.headers[.wwwAuthenticate] == "Bearer")
            #expect(try problem(none).contains("manager token"))
            #expect(try await send(client, .get, uri, token: "tlm_nothing").status == .unauthorized)
            let station = try await send(client, .get, uri, token: stationToken)
            #expect(station.status == .forbidden)
            #expect(try problem(station).contains("station's token"))
            #expect(try await send(client, .get, uri, token: token).status == .ok)
            // A manager's token opens nothing of the sync API.
            #expect(try await send(client, .get, SyncAPI.statusPath, token: token).status == .unauthorized)
            let manager = try #require(try await temporary.store.manager(tokenHash: Secrets.hashToken(token)))
            #expect(try await temporary.store.revokeManager(id: manager.id, now: 2))
            #expect(try await send(client, .get, uri, token: token).status == .unauthorized)
            // Only the hash is stored.
            let stored = try await temporary.storedBytes()
            #expect(stored.range(of: Data(token.utf8)) == nil)
        }
    }

    @Test(arguments: Engine.allCases) func suppliersAreAddedReplacedAndChecked(engine: Engine) async throws {
        try await withAPI(engine) { client, temporary, token in
            let uri = "/api/v1/suppliers/acme"
            let added = try await send(
                client, .put, uri, token: token, json: ["name": "Acme", "overTolerancePercent": 5])
            #expect(added.status == .created)
            #expect(try decode(Supplier.self, added) == Supplier(id: "acme", name: "Acme", overTolerancePercent: 5))
            let replaced = try await send(
                client, .put, uri, token: token, json: ["name": "Acme Ltd", "overTolerancePercent": 0])
            #expect(replaced.status == .ok)
            #expect(try await temporary.store.supplier(id: "acme")?.name == "Acme Ltd")
            let history = try await temporary.store.read { db in
                try Audit.entries(entity: "supplier", id: "acme", limit: 10, on: db)
            }
            #expect(history.map(\.action) == ["supplier.update", "supplier.create"])
            #expect(history.allSatisfy { $0.actor.hasPrefix("manager:") }, "the manager's token is named")
            let read = try await send(client, .get, uri, token: token)
            #expect(try decode(Supplier.self, read).name == "Acme Ltd")
            #expect(try await send(client, .get, "/api/v1/suppliers/nobody", token: token).status == .notFound)

            let cases: [(String, String, HTTPResponse.Status, String)] = [
                (uri, #"{"name": "Acme", "overTolerancePercent": 101}"#, .unprocessableContent, "0 to 100"),
                (uri, #"{"name": "Acme", "overTolerancePercent": -1}"#, .unprocessableContent, "0 to 100"),
                (uri, #"{"name": "Acme", "overTolerancePercent": 2.5}"#, .unprocessableContent, "whole number"),
                (uri, #"{"name": "Acme", "overTolerancePercent": "5"}"#, .badRequest, "overTolerancePercent"),
                (uri, #"{"name": "   ", "overTolerancePercent": 1}"#, .unprocessableContent, "name"),
                (uri, #"{"name": "A\u0000B", "overTolerancePercent": 1}"#, .unprocessableContent, "control"),
                (uri, #"{"overTolerancePercent": 1}"#, .badRequest, "name is missing"),
                (uri, "", .badRequest, "empty"),
                (
                    "/api/v1/suppliers/" + String(repeating: "x", count: 65),
                    #"{"name": "A", "overTolerancePercent": 1}"#,
                    .unprocessableContent, "1 to 64"
                ),
                (
                    "/api/v1/suppliers/a%00b", #"{"name": "A", "overTolerancePercent": 1}"#, .unprocessableContent,
                    "control"
                ),
            ]
            for (path, body, status, message) in cases {
                let response = try await send(client, .put, path, token: token, raw: body)
                let text = try problem(response)
                #expect(response.status == status, "\(body)")
                #expect(text.contains(message), "\(body): \(text)")
            }
        }
    }

    @Test(arguments: Engine.allCases) func aPurchaseOrderGoesOutToTheStations(engine: Engine) async throws {
        try await withAPI(engine) { client, temporary, token in
            let created = try await send(client, .post, "/api/v1/purchase-orders", token: token, json: Self.order)
            #expect(created.status == .created)
            let order = try decode(PurchaseOrderRecord.self, created)
            #expect(!order.id.isEmpty && order.status == "sent" && order.number == "PO.2026.1")
            #expect(order.supplierName == "Fresh Farms" && order.overTolerancePercent == 10)
            #expect(order.lines.map(\.number) == [1, 2] && order.lines.map(\.quantity) == [24, 6])
            #expect(order.pallets?.first?.contents.first?.lot == "L1")
            #expect(try await temporary.purchaseOrder(order.id) == order)

            // A station pulls it.
            let (_, stationToken) = try await temporary.enrolledStation()
            let page = try await send(client, .get, SyncAPI.changesPath + "?after=0", token: stationToken)
            let changes = try decode(ChangesPage.self, page).changes
            #expect(changes.last?.record == .purchaseOrder(order))

            let read = try await send(client, .get, "/api/v1/purchase-orders/\(order.id)", token: token)
            #expect(try read.status == .ok && decode(PurchaseOrderRecord.self, read) == order)
            #expect(try await send(client, .get, "/api/v1/purchase-orders/po-404", token: token).status == .notFound)

            let again = try await send(client, .post, "/api/v1/purchase-orders", token: token, json: Self.order)
            #expect(try again.status == .conflict && problem(again).contains("PO.2026.1"))

            let cancelled = try await send(client, .post, "/api/v1/purchase-orders/\(order.id)/cancel", token: token)
            #expect(try cancelled.status == .ok && decode(PurchaseOrderRecord.self, cancelled).status == "cancelled")
            let twice = try await send(client, .post, "/api/v1/purchase-orders/\(order.id)/cancel", token: token)
            #expect(twice.status == .conflict)
            let close = try await send(client, .post, "/api/v1/purchase-orders/\(order.id)/close", token: token)
            #expect(close.status == .conflict)
            #expect(
                try await send(client, .post, "/api/v1/purchase-orders/nope/close", token: token).status == .notFound)
            // Made and cancelled over the management API, and both in the audit trail under the manager's name.
            let history = try await temporary.store.read { db in
                try Audit.entries(entity: "purchase-order", id: order.id, limit: 10, on: db)
            }
            #expect(history.map(\.action) == ["purchase-order.cancel", "purchase-order.create"])
            #expect(history.allSatisfy { $0.actor.hasPrefix("manager:") })
        }
    }

    @Test(arguments: Engine.allCases) func aBadPurchaseOrderIsRefusedWithWhatIsWrong(engine: Engine) async throws {
        try await withAPI(engine) { client, temporary, token in
            func changed(_ key: String, _ value: Any) -> [String: Any] {
                var order = Self.order
                order[key] = value
                return order
            }
            let pallet: ([String: Any]) -> [[String: Any]] = { content in
                [["sscc": "106141411234567897", "contents": [content]]]
            }
            let cases: [([String: Any], String)] = [
                (changed("supplierID", "nobody"), "supplier nobody is not known"),
                (changed("locationID", "MOON"), "location MOON is not in the catalog"),
                (changed("number", "po 1"), "an order number is 1 to 24 capital letters"),
                (changed("number", ""), "an order number"),
                (changed("lines", []), "1 to 1000 lines"),
                (
                    changed("lines", [["productID": "p-1", "quantity": 1], ["productID": "p-9", "quantity": 1]]),
                    "lines[1]: product p-9 is not in the catalog"
                ),
                (changed("lines", [["productID": "p-1", "quantity": 0]]), "lines[0]: the quantity must be 1"),
                (changed("expectedAt", -1), "expectedAt"),
                (changed("pallets", [["sscc": "106141411234567890", "contents": []]]), "is not an SSCC"),
                (changed("pallets", pallet(["productID": "p-3", "quantity": 1])), "p-3 is not on the order"),
                (changed("pallets", pallet(["productID": "p-1", "quantity": 1, "expiry": "2027-02-30"])), "expiry"),
                (
                    changed(
                        "pallets",
                        pallet(["productID": "p-1", "quantity": 1, "lot": String(repeating: "L", count: 21)])),
                    "a lot has at most 20"
                ),
            ]
            for (body, message) in cases {
                let response = try await send(client, .post, "/api/v1/purchase-orders", token: token, json: body)
                let text = try problem(response)
                #expect(response.status == .unprocessableContent, "\(message)")
                #expect(text.contains(message), "\(message): \(text)")
            }
            let wrongType = try await send(
                client, .post, "/api/v1/purchase-orders", token: token, raw: #"{"number": 7}"#)
            #expect(wrongType.status == .badRequest)
            #expect(
                try await temporary.store.catalogChanges(after: 0, limit: 100).allSatisfy { $0.kind != .purchaseOrder })
        }
    }

    @Test(arguments: Engine.allCases) func countTasksGoOutAndCountsAreDecidedOnce(engine: Engine) async throws {
        try await withAPI(engine) { client, temporary, token in
            let created = try await send(
                client, .post, "/api/v1/count-tasks", token: token,
                json: ["locationID": "SHOP", "productIDs": ["p-1"], "dueAt": 2_000_000])
            #expect(created.status == .created)
            let task = try decode(CountTaskRecord.self, created)
            #expect(task.status == "open" && task.locationID == "SHOP" && task.productIDs == ["p-1"])
            #expect(try await temporary.countTask(task.id) == task)
            let made = try await temporary.store.read { db in
                try Audit.entries(entity: "count-task", id: task.id, limit: 5, on: db)
            }
            #expect(made.map(\.action) == ["count-task.create"] && made.first?.actor.hasPrefix("manager:") == true)
            for (body, message) in [
                (#"{"productIDs": []}"#, "name a location"),
                (#"{"productIDs": ["p-404"]}"#, "product p-404 is not in the catalog"),
                (#"{"productIDs": ["p-1", "p-1"]}"#, "named twice"),
                (#"{"locationID": "MOON", "productIDs": []}"#, "location MOON"),
                (#"{"locationID": "SHOP", "productIDs": [], "dueAt": -5}"#, "dueAt"),
            ] {
                let response = try await send(client, .post, "/api/v1/count-tasks", token: token, raw: body)
                let text = try problem(response)
                #expect(response.status == .unprocessableContent, "\(body)")
                #expect(text.contains(message), "\(body): \(text)")
            }

            let (station, _) = try await temporary.enrolledStation()
            _ = try await temporary.store.push(
                stationID: station.id,
                events: [
                    SampleEvents.countSubmitted(
                        sequence: 1, countID: "c-1", taskID: task.id, location: "SHOP",
                        lines: [CountLinePayload(productID: "p-1", lot: "", counted: 3, expected: 0, firstCount: nil)],
                        startedAt: 500),
                    SampleEvents.countSubmitted(
                        sequence: 2, countID: "c-2", taskID: nil, location: "SHOP",
                        lines: [CountLinePayload(productID: "p-2", lot: "", counted: 1, expected: 1, firstCount: nil)],
                        startedAt: 500),
                ], now: 1)
            let listed = try await send(client, .get, "/api/v1/counts?status=submitted", token: token)
            let counts = try JSONSerialization.jsonObject(with: Data(listed.body.readableBytesView)) as? [String: Any]
            let first = try #require((counts?["counts"] as? [[String: Any]])?.first)
            let line = try #require((first["lines"] as? [[String: Any]])?.first)
            #expect(
                line["counted"] as? Int == 3 && line["centralExpected"] as? Int == 0 && line["variance"] as? Int == 3)
            #expect(line["stationExpected"] as? Int == 0 && first["status"] as? String == "submitted")

            let approved = try await send(client, .post, "/api/v1/counts/c-1/approve", token: token)
            #expect(approved.status == .ok)
            let decided = try decode(CountTaskRecord.self, approved)
            #expect(decided.id == task.id && decided.status == "approved" && decided.decidedAt == 1_000_000)
            #expect(decided.corrections?.map(\.quantity) == [3])
            let twice = try await send(client, .post, "/api/v1/counts/c-1/approve", token: token)
            #expect(try twice.status == .conflict && problem(twice).contains("approved already"))
            let rejected = try await send(client, .post, "/api/v1/counts/c-2/reject", token: token)
            #expect(try rejected.status == .ok && decode(CountTaskRecord.self, rejected).status == "rejected")
            #expect(try await send(client, .post, "/api/v1/counts/c-2/reject", token: token).status == .conflict)
            #expect(try await send(client, .post, "/api/v1/counts/c-404/reject", token: token).status == .notFound)
            let badLocation = try await send(
                client, .post, "/api/v1/counts/c-1/approve", token: token, raw: #"{"locationID": "MOON"}"#)
            #expect(badLocation.status == .unprocessableContent)
            #expect(
                try await send(client, .post, "/api/v1/counts/c-1/approve", token: token, raw: "[").status
                    == .badRequest)

            for query in ["status=maybe", "limit=0", "limit=x", "limit=1001"] {
                #expect(try await send(client, .get, "/api/v1/counts?\(query)", token: token).status == .badRequest)
            }
            let done = try await send(client, .get, "/api/v1/counts?status=approved&limit=5", token: token)
            #expect(try decode(CountListAnswer.self, done).counts.map(\.countID) == ["c-1"])
        }
    }

    @Test(arguments: Engine.allCases) func goodsReceiptsAreListed(engine: Engine) async throws {
        try await withAPI(engine) { client, temporary, token in
            let (station, _) = try await temporary.enrolledStation()
            _ = try await temporary.sentOrder()
            _ = try await temporary.store.push(
                stationID: station.id,
                events: [
                    SampleEvents.goodsReceived(
                        sequence: 1, receiptID: "r-1", orderID: "po-1",
                        lines: [.init(orderLine: 1, product: "p-1", quantity: 4)], closedAt: 10),
                    SampleEvents.goodsReceived(
                        sequence: 2, receiptID: "r-2", orderID: "po-x",
                        lines: [.init(orderLine: 1, product: "p-1", quantity: 1)], closedAt: 20),
                ], now: 1)
            let all = try await send(client, .get, "/api/v1/goods-receipts", token: token)
            #expect(try decode(ReceiptListAnswer.self, all).receipts.map(\.receiptID) == ["r-2", "r-1"])
            let problems = try await send(client, .get, "/api/v1/goods-receipts?problems=true", token: token)
            let reported = try decode(ReceiptListAnswer.self, problems).receipts
            #expect(reported.map(\.receiptID) == ["r-2"] && reported.first?.orderProblem?.contains("po-x") == true)
            let ofOrder = try await send(client, .get, "/api/v1/goods-receipts?purchaseOrderID=po-1", token: token)
            #expect(try decode(ReceiptListAnswer.self, ofOrder).receipts.first?.lines.first?.quantity == 4)
            let read = try await send(client, .get, "/api/v1/purchase-orders/po-1", token: token)
            #expect(try decode(PurchaseOrderRecord.self, read).lines.map(\.received) == [4, 0])
            #expect(
                try await send(client, .get, "/api/v1/goods-receipts?problems=yes", token: token).status == .badRequest)
        }
    }
}

/// `GET /api/v1/counts` as a client reads it.
struct CountListAnswer: Decodable {
    var counts: [CountReport]
}

/// `GET /api/v1/goods-receipts` as a client reads it.
struct ReceiptListAnswer: Decodable {
    var receipts: [GoodsReceiptReport]
}
