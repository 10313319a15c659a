import AsyncHTTPClient
import Foundation
import GRDB
import NIOCore
import NIOHTTP1
import TallyCore
import TallyStation
import TallySync
import Testing

/// Receiving and counting end to end, as a shop runs them: a manager creates a purchase order and a count task
/// at central; the dock receives and the stocktaker counts at a station while central is away and the till sells
/// on; once central is back the receipt shows on the order, the manager approves the count, and the correction
/// reaches the station. At the end the station's stock and central's agree.
@Suite("Receiving and counting through tallyd and tally-central")
struct DockAndStockroomProcessTests {
    /// Sends a management request with the manager's token; answers the status and the JSON body.
    func manage(
        _ central: CentralProcess, token: String, _ method: HTTPMethod, _ path: String, _ json: [String: Any]? = nil
    ) async throws -> (status: Int, object: [String: Any]) {
        var request = HTTPClientRequest(url: central.baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
        let body = try await response.body.collect(upTo: 1 << 22)
        let object = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any]
        return (Int(response.status.code), object ?? [:])
    }

    /// Stock of a product at a location, at the station.
    func stationStock(_ daemon: DaemonProcess, product: String, location: String) throws -> Int64 {
        let queue = try DatabaseQueue(path: daemon.stateDirectory + "/" + StationDatabase.fileName)
        return try queue.read { db in
            try Int64.fetchOne(
                db,
                sql: "SELECT COALESCE(SUM(quantity), 0) FROM stock_on_hand WHERE product_id = ? AND location_id = ?",
                arguments: [product, location]) ?? 0
        }
    }

    /// Stock of a product at a location, at central.
    func centralStock(_ central: CentralProcess, product: String, location: String) throws -> Int64 {
        let queue = try DatabaseQueue(path: central.stateDirectory + "/central.sqlite")
        return try queue.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT COALESCE(SUM(quantity), 0) FROM stock WHERE product_id = ? AND location_id = ?",
                arguments: [product, location]) ?? 0
        }
    }

    /// Waits for `condition`, polling, and fails with `what` when it does not come.
    func eventually(_ what: String, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<300 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("\(what) did not happen within 30 s")
        throw DaemonError("\(what) did not happen")
    }

    func backlogIsEmpty(_ daemon: DaemonProcess) async throws -> Bool {
        let status = try await daemon.get("/sync")
        return status.object["backlog"] as? Int == 0 && status.object["lastError"] == nil
    }

    @Test func aDeliveryAndACountMadeOfflineReachCentralAndTheBooksAgree() async throws {
        let central = try await CentralProcess()
        defer { central.remove() }
        let catalogFile = central.directory + "/catalog.jsonl"
        var records = DemoCatalog.records(count: 100, currency: Currency(code: "EUR")!)
        records.append(.location(LocationRecord(id: "SHOP", name: "Shop floor", kind: "sales")))
        records.append(.location(LocationRecord(id: "DAMAGED", name: "Damaged goods", kind: "damaged")))
        try Data(try DemoCatalog.jsonLines(records)).write(to: URL(fileURLWithPath: catalogFile))
        #expect(try await central.command(["catalog", "import", catalogFile]).status == 0)
        let added = try await central.command(["manager", "add", "Mia"])
        let token = try #require(
            added.output.split(separator: "\n").first { $0.hasPrefix("token ") }.map { String($0.dropFirst(6)) },
            "\(added.output) \(added.errors)")
        let code = try await central.addStation("Shop")
        try await central.start()

        let daemon = try DaemonProcess(
            extraYAML: """
                lanes: [till, dock, stock]
                sync:
                  interval: 1
                  maximumBackoff: 2
                """, products: 0)
        defer { daemon.remove() }
        try await daemon.start()
        let url = ["--url", daemon.baseURL]
        #expect(try await tallyctl(["enroll"] + url + [central.baseURL, code]).status == 0)

        // The manager orders 10 pens and 4 chocolates from a supplier that may deliver 10 % more.
        let supplier = try await manage(
            central, token: token, .PUT, "/api/v1/suppliers/stabilo", ["name": "Stabilo", "overTolerancePercent": 10])
        #expect([200, 201].contains(supplier.status), "\(supplier.object)")
        let order = try await manage(
            central, token: token, .POST, "/api/v1/purchase-orders",
            [
                "number": "PO1001", "supplierID": "stabilo", "locationID": "SHOP",
                "lines": [["productID": "P1", "quantity": 10], ["productID": "P2", "quantity": 4]],
            ])
        #expect(order.status == 201, "\(order.object)")
        let orderID = try #require(order.object["id"] as? String)
        let task = try await manage(
            central, token: token, .POST, "/api/v1/count-tasks", ["locationID": "SHOP", "productIDs": ["P1"]])
        #expect(task.status == 201, "\(task.object)")
        let orderLabel = TallyCode.purchaseOrder("PO1001").description
        try await eventually("the order and the count task reaching the station") {
            let database = try DatabaseQueue(path: daemon.stateDirectory + "/" + StationDatabase.fileName)
            return try await database.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM purchase_orders") == 1
                    && Int.fetchOne(db, sql: "SELECT COUNT(*) FROM count_tasks WHERE status = 'open'") == 1
            }
        }

        // Central goes away. The dock receives, the till sells, the stocktaker counts the pens.
        #expect(central.stop() == 0)
        let pen = DemoCatalog.named[0].gtin
        let chocolate = DemoCatalog.named[1].gtin
        let penLabel = "]C1" + "01" + "0" + pen + "17" + "271231" + "10" + "L7" + "\\x1D" + "30" + "8"
        #expect(
            try await tallyctl(["scan", "--lane", "dock"] + url + [orderLabel, penLabel, chocolate, chocolate]).status
                == 0)
        let progress = try await tallyctl(["progress", "--lane", "dock"] + url)
        #expect(progress.output.contains("received 10 of 14, 4 open"), "\(progress.output)")
        #expect(try await tallyctl(["done", "--lane", "dock"] + url).status == 0)
        #expect(try stationStock(daemon, product: "P1", location: "SHOP") == 8)

        let shelf = TallyCode.location("SHOP").description
        #expect(try await tallyctl(["scan", "--lane", "stock"] + url + [shelf, "7*" + pen]).status == 0)
        // Two pens are sold while the count is open, after the shelf was counted: no variance comes of it.
        #expect(try await tallyctl(["scan", "--lane", "till"] + url + [pen, pen]).status == 0)
        #expect(try await tallyctl(["tender", "--lane", "till"] + url + ["card"]).status == 0)
        let submitted = try await tallyctl(["done", "--lane", "stock"] + url)
        #expect(submitted.status == 0 && submitted.output.contains("submitted"), "\(submitted.output)")
        #expect(try stationStock(daemon, product: "P1", location: "SHOP") == 6)

        // Central is back: everything arrives once.
        try await central.start()
        _ = try await daemon.post("/sync/now", [:])
        try await eventually("the backlog draining") { try await backlogIsEmpty(daemon) }
        let followed = try await manage(central, token: token, .GET, "/api/v1/purchase-orders/\(orderID)")
        #expect(followed.object["status"] as? String == "partly-received", "\(followed.object)")
        let lines = followed.object["lines"] as? [[String: Any]] ?? []
        #expect(lines.map { $0["received"] as? Int } == [8, 2], "\(followed.object)")
        #expect(try centralStock(central, product: "P1", location: "SHOP") == 6)

        // The manager sees the count (central's books as of its start: 8 pens, counted 7) and approves it.
        let counts = try await manage(central, token: token, .GET, "/api/v1/counts?status=submitted")
        let count = try #require((counts.object["counts"] as? [[String: Any]])?.first, "\(counts.object)")
        let countID = try #require(count["countID"] as? String)
        let approved = try await manage(central, token: token, .POST, "/api/v1/counts/\(countID)/approve", [:])
        #expect(approved.status == 200, "\(approved.object)")
        #expect(try centralStock(central, product: "P1", location: "SHOP") == 5)
        try await eventually("the correction reaching the station") {
            try stationStock(daemon, product: "P1", location: "SHOP") == 5
        }
        // The next delivery on the order sees only what is still open.
        #expect(try await tallyctl(["scan", "--lane", "dock"] + url + [orderLabel]).status == 0)
        let again = try await tallyctl(["progress", "--lane", "dock"] + url)
        #expect(again.output.contains("received 10 of 14, 4 open"), "\(again.output)")
        #expect(try await central.command(["manager", "list"]).output.contains("Mia"))
    }
}
