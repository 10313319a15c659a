import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO
import TallySync
import TallyTestSupport
import Testing

@testable import TallyCentral

/// A fresh central database of one engine, removed with the value: an SQLite file in a folder of its own, or a new
/// database on the test process's PostgreSQL server (``PostgresServer``) with the store's client running.
final class TemporaryStore: Sendable {
    let engine: Engine
    let store: any CentralStore
    /// The SQLite database's folder.
    let directory: String?
    /// The PostgreSQL database's name and its store with the client running.
    let database: String?
    let running: RunningPostgresStore?

    init(_ engine: Engine) async throws {
        self.engine = engine
        switch engine {
        case .sqlite:
            let directory = NSTemporaryDirectory() + "tally-central-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            self.directory = directory
            store = try SQLiteCentralStore(path: directory + "/central.sqlite")
            database = nil
            running = nil
        case .postgres:
            let server = try await PostgresServer.shared()
            let database = try await server.createDatabase()
            let running = try await RunningPostgresStore(url: server.url(database: database))
            self.database = database
            self.running = running
            store = running.store
            directory = nil
        }
    }

    deinit {
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// The URL of the PostgreSQL database, for more stores on it (more central processes).
    func url() async throws -> String {
        try await PostgresServer.shared().url(database: try #require(database))
    }

    /// What the engine wrote to disk for this database: the SQLite file and its log, or PostgreSQL's files of its
    /// tables.
    func storedBytes() async throws -> Data {
        switch engine {
        case .sqlite:
            // The write-ahead log too: what is committed may not have reached the main file yet.
            let directory = try #require(directory)
            return ["/central.sqlite", "/central.sqlite-wal"].reduce(into: Data()) { bytes, file in
                bytes.append((try? Data(contentsOf: URL(fileURLWithPath: directory + file))) ?? Data())
            }
        case .postgres:
            return try await PostgresServer.shared().storedBytes(database: try #require(database))
        }
    }

    /// A station enrolled with a fresh token, and the token.
    func enrolledStation(name: String = "Front till") async throws -> (CentralStation, String) {
        let code = Secrets.enrolmentCode()
        _ = try await store.createStation(
            name: name, codeHash: Secrets.hashCode(code), expiresAt: Central.now() + 60_000, now: Central.now())
        let token = Secrets.token()
        let station = try await store.enroll(
            codeHash: Secrets.hashCode(code), tokenHash: Secrets.hashToken(token), stationCode: "TILL1",
            now: Central.now())
        return (try #require(station), token)
    }
}

/// A PostgreSQL store with its client running and its schema up to date, until the value goes away: what one
/// central process holds.
final class RunningPostgresStore: Sendable {
    let store: PostgresCentralStore
    let client: Task<Void, Never>

    init(url: String) async throws {
        var logger = Logger(label: "tally-central.postgres")
        logger.logLevel = .warning
        let store = try PostgresCentralStore(url: url, logger: logger)
        self.store = store
        client = Task { try? await store.run() }
        do {
            try await store.migrate()
        } catch {
            client.cancel()
            throw error
        }
    }

    deinit { client.cancel() }
}

/// Events as a station makes them: sales of one item moving stock out of the shop floor.
enum SampleEvents {
    static func sale(
        sequence: Int64, product: String = "p-1", quantity: Int64 = 1, location: String = "floor", lot: String = "",
        id: String? = nil, at completedAt: Int64? = nil
    ) -> EventEnvelope {
        let saleID = "sale-\(sequence)-\(UUID().uuidString)"
        let line = SaleLinePayload(
            number: 1, productID: product, name: "Item", code: "4006381333931", unit: "piece", quantity: quantity,
            unitPrice: 250, amount: 250 * quantity, taxClassID: "standard", treatment: "standard", ratePPM: 190_000,
            pricing: "catalog", enteredBy: nil)
        let total = 250 * quantity
        let payload = SaleCompletedPayload(
            saleID: saleID, lane: "till", receiptNumber: Int(sequence), period: 1, currency: "EUR",
            openedAt: 1_700_000_000_000, completedAt: completedAt ?? 1_700_000_000_000 + sequence, lines: [line],
            voidedLines: [],
            settlement: SettlementPayload(
                tenders: [TenderPayload(kind: "cash", tendered: total, applied: total, change: 0, reference: nil)],
                taxRates: [], net: total, tax: 0, total: total, cashRounding: 0),
            movements: [
                MovementPayload(
                    id: "m-" + saleID, productID: product, locationID: location, lot: lot, quantity: -quantity,
                    reason: "sale")
            ])
        return EventEnvelope(
            id: id ?? UUID().uuidString.lowercased(), sequence: sequence, createdAt: 1_700_000_000_000 + sequence,
            event: .saleCompleted(payload))
    }
}

extension SampleEvents {
    /// One line of a goods receipt: good goods against an order line unless said otherwise.
    struct ReceiptLine {
        var orderLine: Int?
        var product: String?
        var quantity: Int64
        var condition = "good"
        var lot = ""
    }

    /// A goods receipt closed at the dock, booking good goods into `location` and damaged ones into `DAMAGED`.
    static func goodsReceived(
        sequence: Int64, receiptID: String = UUID().uuidString.lowercased(), orderID: String?,
        lines: [ReceiptLine], location: String = "DOCK", closedAt: Int64 = 1_700_000_100_000
    ) -> EventEnvelope {
        let payloadLines = lines.map { line in
            GoodsReceiptLinePayload(
                orderLine: line.orderLine, productID: line.product, code: "4006381333931", lot: line.lot,
                expiry: "2027-01-31", quantity: line.quantity, condition: line.condition,
                reason: line.condition == "damaged" ? .damaged : line.product == nil ? .unknownItem : nil, sscc: nil)
        }
        let movements = lines.compactMap { line -> MovementPayload? in
            guard let product = line.product else { return nil }
            return MovementPayload(
                id: UUID().uuidString.lowercased(), productID: product,
                locationID: line.condition == "good" ? location : "DAMAGED", lot: line.lot, quantity: line.quantity,
                reason: line.condition == "good" ? "receipt" : "receipt-damaged")
        }
        let payload = GoodsReceivedPayload(
            receiptID: receiptID, purchaseOrderID: orderID, purchaseOrderNumber: orderID.map { "N-\($0)" },
            lane: "dock", locationID: location, openedAt: closedAt - 60_000, closedAt: closedAt, lines: payloadLines,
            orderLines: [], backorder: false, movements: movements)
        return EventEnvelope(
            id: UUID().uuidString.lowercased(), sequence: sequence, createdAt: closedAt,
            event: .goodsReceived(payload))
    }

    /// A count submitted at a station: each line counted against what the station expected.
    static func countSubmitted(
        sequence: Int64, countID: String = UUID().uuidString.lowercased(), taskID: String?, location: String?,
        lines: [CountLinePayload], startedAt: Int64, submittedAt: Int64? = nil, lane: String = "stock"
    ) -> EventEnvelope {
        let payload = CountSubmittedPayload(
            countID: countID, taskID: taskID, locationID: location, lines: lines, startedAt: startedAt,
            submittedAt: submittedAt ?? startedAt + 600_000, lanes: [lane], recounted: false)
        return EventEnvelope(
            id: UUID().uuidString.lowercased(), sequence: sequence, createdAt: payload.submittedAt,
            event: .countSubmitted(payload))
    }

    /// A write-off of broken goods, or whatever `kind` and `reason` say.
    static func stockAdjusted(
        sequence: Int64, adjustmentID: String = UUID().uuidString.lowercased(), kind: AdjustmentKind = .writeOff,
        reason: StockReason = .theft, movements: [MovementPayload], at: Int64 = 1_700_000_200_000
    ) -> EventEnvelope {
        let payload = StockAdjustedPayload(
            adjustmentID: adjustmentID, kind: kind, reason: reason, note: "shelf 3", lane: "stock", operatorID: "ann",
            at: at, movements: movements)
        return EventEnvelope(
            id: UUID().uuidString.lowercased(), sequence: sequence, createdAt: at, event: .stockAdjusted(payload))
    }
}

extension TemporaryStore {
    /// The rows a query answers, every column as text (cast them in the query: `CAST(n AS TEXT)`), on either
    /// engine.
    func texts(_ sql: String) async throws -> [[String?]] {
        switch engine {
        case .sqlite:
            let store = try #require(store as? SQLiteCentralStore)
            return try await store.pool.read { db in
                try Row.fetchAll(db, sql: sql).map { row in (0..<row.count).map { row[$0] as String? } }
            }
        case .postgres:
            let store = try #require(store as? PostgresCentralStore)
            return try await store.query(PostgresQuery(unsafeSQL: sql)).map { row in
                try row.map { cell in try cell.decode(String?.self) }
            }
        }
    }

    /// A catalog of a few products and locations, a supplier, and a manager's token.
    func managedCatalog() async throws -> String {
        let records: [CatalogRecord] =
            [
                .taxClass(
                    TaxClassRecord(id: "std", name: "Standard", treatment: "taxed", ratePPM: 190_000, isStandard: true)),
                .location(LocationRecord(id: "DOCK", name: "Dock", kind: "receiving")),
                .location(LocationRecord(id: "SHOP", name: "Shop floor", kind: "sales")),
                .location(LocationRecord(id: "BACK", name: "Back room", kind: "storage")),
            ]
            + ["p-1", "p-2", "p-3"].map {
                .product(
                    ProductRecord(
                        id: $0, name: "Item \($0)", unit: "piece", taxClassID: "std", barcodes: [],
                        prices: [PriceRecord(validFrom: 0, amount: 100, currency: "EUR")]))
            }
        _ = try await store.putCatalog(try records.map(CatalogWrite.init), now: 1)
        _ = try await store.putSupplier(Supplier(id: "fresh", name: "Fresh Farms", overTolerancePercent: 10), now: 1)
        let token = Secrets.managerToken()
        _ = try await store.createManager(name: "Sam", tokenHash: Secrets.hashToken(token), now: 1)
        return token
    }

    /// The purchase order's record as stations pull it.
    func purchaseOrder(_ id: String) async throws -> PurchaseOrderRecord? {
        try await store.catalogRecord(kind: .purchaseOrder, key: id).map {
            try JSONDecoder().decode(PurchaseOrderRecord.self, from: Data($0.utf8))
        }
    }

    /// The count task's record as stations pull it.
    func countTask(_ id: String) async throws -> CountTaskRecord? {
        try await store.catalogRecord(kind: .countTask, key: id).map {
            try JSONDecoder().decode(CountTaskRecord.self, from: Data($0.utf8))
        }
    }

    /// An order of 10 p-1 (line 1) and 5 p-2 (line 2) from Fresh Farms to the dock, made as the API makes it.
    /// Cancels or closes a sent order as the management API does.
    @discardableResult
    func changeSent(_ id: String, _ action: PurchaseOrderAction, now: Int64) async throws -> PurchaseOrderRecord {
        try await store.write { db in try PurchaseOrders.changeSent(action, id: id, actor: "test", now: now, on: db) }
    }

    func sentOrder(id: String = "po-1", number: String = "PO.1") async throws -> PurchaseOrderRecord {
        let order = PurchaseOrderRecord(
            id: id, number: number, supplierID: "fresh", supplierName: "Fresh Farms", status: "sent",
            locationID: "DOCK", expectedAt: nil,
            lines: [
                PurchaseOrderLineRecord(number: 1, productID: "p-1", quantity: 10),
                PurchaseOrderLineRecord(number: 2, productID: "p-2", quantity: 5),
            ], overTolerancePercent: 10)
        try await store.write { db in try PurchaseOrders.createSent(order, actor: "test", now: 2, on: db) }
        return order
    }
}

/// A user's API token, made as the account page makes one.
func apiToken(for user: BackOfficeUser?, on store: any CentralStore) async throws -> String {
    let user = try #require(user)
    return try await store.write { db in
        try APITokens.create(userID: user.id, name: "erp", actor: user.id, now: 2, on: db).secret
    }
}

/// A JSON request with a user's API token: the status, and the body as JSON (nil when it is none).
func sendJSON(
    _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String, _ body: String? = nil
) async throws -> (HTTPResponse.Status, Any?) {
    var headers: HTTPFields = [.authorization: "Bearer " + token]
    if body != nil { headers[.contentType] = "application/json" }
    let response = try await client.execute(
        uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    return (response.status, try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)))
}

extension SyncedStation {
    /// A dock station enrolled at the central of the test client, with the catalog pulled.
    static func enrolledDock(_ client: any TestClientProtocol, store: any CentralStore) async throws -> SyncedStation {
        let url = "http://127.0.0.1:\(try #require(client.port))"
        let code = Secrets.enrolmentCode()
        _ = try await store.createStation(
            name: "Dock", codeHash: Secrets.hashCode(code), expiresAt: Central.now() + 60_000, now: Central.now())
        let station = try SyncedStation(code: "DOCK1", lanes: ["dock"])
        _ = try await station.engine.enroll(centralURL: url + "/", code: code.lowercased())
        try await station.engine.round()
        return station
    }
}
