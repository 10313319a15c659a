import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import TallyCore
import TallySync
import TallyTestSupport
import Testing

@testable import TallyCentral
@testable import TallyStation

/// A station on its own SQLite file, with no catalog until it pulls one, and its sync engine.
final class SyncedStation: Sendable {
    let directory: String
    let database: StationDatabase
    let station: Station
    let engine: SyncEngine
    static let eur = Currency(code: "EUR")!

    init(code: String = "TILL1", pageSize: Int = 100, lanes: [String] = ["till"]) throws {
        directory = NSTemporaryDirectory() + "tally-synced-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let configuration = StationConfiguration(
            stationCode: code, stateDirectory: directory, country: "DE", currency: Self.eur,
            shop: ShopDetails(name: "Corner Shop"),
            sale: SaleRules(currency: Self.eur, tax: TaxCalculator(priceMode: .taxInclusive)),
            lanes: lanes.map { LaneConfiguration(id: $0) }, sync: SyncConfiguration(pageSize: pageSize))
        database = try StationDatabase(stateDirectory: directory)
        let station = try Station(configuration: configuration, database: database, logger: Logger(label: "test"))
        self.station = station
        engine = try SyncEngine(
            database: database, configuration: configuration.sync, stationCode: code, logger: Logger(label: "test")
        ) { try? await station.catalogChanged() }
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Scans the codes and pays cash: one completed sale.
    func sell(_ codes: [String]) async throws {
        for code in codes {
            let outcome = try await station.submit(Array(code.utf8), lane: "till", source: .api, device: "test")
            #expect(outcome.accepted, "\(code): \(outcome)")
        }
        let paid = try await station.perform(.tender(TenderRequest(kind: .cash)), lane: "till")
        #expect(paid.accepted)
    }

    /// Receives `quantity` of the item under `code` against the order whose label is scanned, at the `dock` lane,
    /// and closes the receipt.
    func receive(order label: String, code: String, quantity: Int64) async throws {
        for step in [
            try await station.submit(Array(label.utf8), lane: "dock", source: .api, device: "test"),
            try await station.perform(.quantity(quantity), lane: "dock"),
            try await station.submit(Array(code.utf8), lane: "dock", source: .api, device: "test"),
            try await station.perform(.done, lane: "dock"),
        ] {
            #expect(step.accepted, "\(step)")
        }
    }

    /// Forgets what central acknowledged, as a station restored from an older copy of its sync state would.
    func resetAcknowledgement() throws {
        try database.pool.write { db in try db.execute(sql: "UPDATE sync_state SET acknowledged_sequence = 0") }
    }

    /// Points the station at another address, as if central moved or went away.
    func setCentral(_ url: String) throws {
        try database.pool.write { db in try db.execute(sql: "UPDATE sync_state SET central_url = ?", arguments: [url]) }
    }
}

/// Stations and central over real HTTP on loopback: enrolment, the catalog pulled page by page, sales pushed
/// exactly once, and what a station sees when central is away or has revoked it.
@Suite("Sync, station to central")
struct SyncEndToEndTests {
    static let pen = "4006381333931"
    static let chocolate = "4000417025005"

    func withCentral(
        _ engine: Engine, products: Int = 300, _ body: @Sendable (TemporaryStore, String) async throws -> Void
    ) async throws {
        let temporary = try await TemporaryStore(engine)
        let records = DemoCatalog.records(count: products, currency: SyncedStation.eur)
        _ = try await temporary.store.putCatalog(try records.map(CatalogWrite.init), now: Central.now())
        let app = Application(
            router: CentralAPI.router(store: temporary.store),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body(temporary, "http://127.0.0.1:\(try #require(client.port))")
        }
    }

    /// A station enrolled at central with a fresh code.
    func enrolledStation(
        _ temporary: TemporaryStore, _ url: String, name: String = "Front till", pageSize: Int = 100
    ) async throws -> SyncedStation {
        let code = Secrets.enrolmentCode()
        _ = try await temporary.store.createStation(
            name: name, codeHash: Secrets.hashCode(code), expiresAt: Central.now() + 60_000, now: Central.now())
        let synced = try SyncedStation(pageSize: pageSize)
        let enrolment = try await synced.engine.enroll(centralURL: url + "/", code: code.lowercased())
        #expect(enrolment.stationName == name && enrolment.centralURL == url)
        return synced
    }

    @Test(arguments: Engine.allCases) func aNewStationPullsTheCatalogSellsAndCentralBooksItOnce(
        engine: Engine
    ) async throws {
        try await withCentral(engine, products: 1000) { temporary, url in
            let synced = try await enrolledStation(temporary, url, pageSize: 64)
            #expect(try synced.database.productCount() == 0)
            #expect(try await synced.engine.status().catalogComplete == false)

            try await synced.engine.round()
            #expect(try synced.database.productCount() == 1000)
            let status = try await synced.engine.status()
            #expect(status.catalogComplete && status.catalogProgress == 1 && status.lastError == nil)
            #expect(status.catalogCursor == 1002)

            try await synced.sell([Self.pen, Self.pen, Self.chocolate])
            try await synced.sell([Self.pen])
            #expect(try await synced.engine.status().backlog == 2)
            try await synced.engine.round()
            #expect(try await synced.engine.status().backlog == 0)
            let penStock = try await temporary.store.stock(productID: "P1")
            #expect(penStock.map(\.quantity) == [-3] && penStock.first?.isNegative == true)
            #expect(try await temporary.store.stock(productID: "P2").map(\.quantity) == [-1])

            // Central forgets nothing and counts nothing twice when the station sends everything again.
            try synced.resetAcknowledgement()
            #expect(try await synced.engine.status().backlog == 2)
            try await synced.engine.round()
            #expect(try await synced.engine.status().backlog == 0)
            #expect(try await temporary.store.stock(productID: "P1").map(\.quantity) == [-3])
            let station = try #require(try await temporary.store.stations().first)
            #expect(station.highestSequence == 2)
        }
    }

    @Test(arguments: Engine.allCases) func changesAtCentralReachTheStationAtItsNextPull(engine: Engine) async throws {
        try await withCentral(engine, products: 50) { temporary, url in
            let synced = try await enrolledStation(temporary, url)
            try await synced.engine.round()
            let before = try #require(
                try synced.database.lookup(code: "0" + Self.pen, at: Central.now(), currency: SyncedStation.eur))
            #expect(before.unitPrice.minorUnits == 189)
            let raised = ProductRecord(
                id: "P1", name: "Ballpoint pen blue", unit: "piece", taxClassID: "standard",
                barcodes: ["0" + Self.pen, "02000000000015"],
                prices: [
                    PriceRecord(validFrom: 0, amount: 189, currency: "EUR"),
                    PriceRecord(validFrom: Central.now() - 1000, amount: 199, currency: "EUR"),
                ])
            _ = try await temporary.store.putCatalog(
                [try CatalogWrite(.product(raised)), .removal(of: .product, key: "P2")], now: Central.now())
            try await synced.engine.round()
            let after = try #require(
                try synced.database.lookup(code: "0" + Self.pen, at: Central.now(), currency: SyncedStation.eur))
            #expect(after.unitPrice.minorUnits == 199)
            #expect(
                try synced.database.lookup(code: "02000000000015", at: Central.now(), currency: SyncedStation.eur)?
                    .productID == "P1")
            #expect(
                try synced.database.lookup(code: "0" + Self.chocolate, at: Central.now(), currency: SyncedStation.eur)
                    == nil)
            #expect(try await synced.engine.status().catalogCursor == 54)
        }
    }

    @Test(arguments: Engine.allCases) func usersAndPlansArriveForTheirStationsOnly(engine: Engine) async throws {
        try await withCentral(engine, products: 10) { temporary, url in
            let synced = try await enrolledStation(temporary, url)
            let other = try await enrolledStation(temporary, url, name: "Dock")
            let stations = try await temporary.store.stations()
            let tillID = try #require(stations.first { $0.name == "Front till" }?.id)
            let dockID = try #require(stations.first { $0.name == "Dock" }?.id)
            let pin = OperatorPIN.hash("2468")
            let order = PurchaseOrderRecord(
                id: "po-1", number: "PO-1001", supplierID: "s-1", supplierName: "Fresh Farms", status: "sent",
                locationID: "DOCK", expectedAt: nil,
                lines: [PurchaseOrderLineRecord(number: 1, productID: "P1", quantity: 24)])
            _ = try await temporary.store.putCatalog(
                [
                    try CatalogWrite(
                        .user(UserRecord(id: "ann", name: "Ann", role: "cashier", pinHash: pin, stations: [tillID]))),
                    try CatalogWrite(
                        .user(UserRecord(id: "dan", name: "Dan", role: "dock-clerk", pinHash: pin, stations: [dockID]))),
                    try CatalogWrite(.user(UserRecord(id: "max", name: "Max", role: "manager", pinHash: pin))),
                    try CatalogWrite(.purchaseOrder(order)),
                    try CatalogWrite(.location(LocationRecord(id: "DOCK", name: "Dock", kind: "receiving"))),
                ], now: Central.now())
            try await synced.engine.round()
            try await other.engine.round()
            #expect(try synced.database.operatorRecord(id: "ann")?.0.name == "Ann")
            #expect(try synced.database.operatorRecord(id: "dan") == nil)
            #expect(try synced.database.operatorRecord(id: "max") != nil)
            #expect(
                try other.database.operatorRecord(id: "dan") != nil && other.database.operatorRecord(id: "ann") == nil)
            let stored = try #require(try synced.database.syncedDocument(.purchaseOrder, id: "po-1"))
            #expect(try JSONDecoder().decode(PurchaseOrderRecord.self, from: Data(stored.utf8)) == order)

            // Ann moves to the dock: the till drops her, the dock gets her.
            _ = try await temporary.store.putCatalog(
                [
                    try CatalogWrite(
                        .user(UserRecord(id: "ann", name: "Ann", role: "cashier", pinHash: pin, stations: [dockID])))
                ],
                now: Central.now())
            try await synced.engine.round()
            try await other.engine.round()
            #expect(try synced.database.operatorRecord(id: "ann") == nil)
            #expect(try other.database.operatorRecord(id: "ann") != nil)
        }
    }

    @Test(arguments: Engine.allCases) func theStationSellsOnWhileCentralIsAwayAndCatchesUp(engine: Engine) async throws
    {
        try await withCentral(engine, products: 20) { temporary, url in
            let synced = try await enrolledStation(temporary, url)
            try await synced.engine.round()
            // A port nothing listens on: central is down.
            try synced.setCentral("http://127.0.0.1:1")
            for _ in 0..<3 { try await synced.sell([Self.pen]) }
            await #expect(throws: SyncFailure.self) { try await synced.engine.round() }
            let offline = try await synced.engine.status()
            #expect(offline.backlog == 3)
            #expect(offline.lastError?.contains("central cannot be reached") == true)
            #expect(try await temporary.store.stock(productID: "P1").isEmpty)

            try synced.setCentral(url)
            try await synced.engine.round()
            let online = try await synced.engine.status()
            #expect(online.backlog == 0 && online.lastError == nil)
            #expect(try await temporary.store.stock(productID: "P1").map(\.quantity) == [-3])
        }
    }

    @Test(arguments: Engine.allCases) func aRevokedStationIsToldToEnrolAgain(engine: Engine) async throws {
        try await withCentral(engine, products: 10) { temporary, url in
            let synced = try await enrolledStation(temporary, url)
            let id = try #require(try await temporary.store.stations().first?.id)
            #expect(try await temporary.store.revoke(stationID: id, now: Central.now()))
            let error = await #expect(throws: SyncFailure.self) { try await synced.engine.round() }
            #expect(error?.description.contains("enrol again") == true)
        }
    }

    @Test(arguments: Engine.allCases) func aWrongCodeOrAddressIsRefusedWithWords(engine: Engine) async throws {
        try await withCentral(engine, products: 1) { _, url in
            let synced = try SyncedStation()
            let wrong = await #expect(throws: SyncFailure.self) {
                try await synced.engine.enroll(centralURL: url, code: "AAAA-BBBB-CCCC")
            }
            #expect(wrong?.description.contains("enrolment code is not valid") == true)
            let address = await #expect(throws: SyncFailure.self) {
                try await synced.engine.enroll(centralURL: "ftp://central", code: "AAAA-BBBB-CCCC")
            }
            #expect(address?.description.contains("not an address of central") == true)
            #expect(try synced.database.enrolment() == nil)
            #expect(try await synced.engine.status().state == "not-enrolled")
        }
    }

    @Test(arguments: Engine.allCases) func pagesAreCompressedWhenTheStationAcceptsIt(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        _ = try await temporary.store.putCatalog(
            try DemoCatalog.records(count: 200, currency: SyncedStation.eur).map(CatalogWrite.init), now: Central.now())
        let (_, token) = try await temporary.enrolledStation()
        let app = Application(router: CentralAPI.router(store: temporary.store))
        try await app.test(.live) { client in
            var headers: HTTPFields = [.authorization: "Bearer \(token)", .acceptEncoding: "gzip"]
            let compressed = try await client.execute(
                uri: SyncAPI.changesPath + "?limit=100", method: .get, headers: headers)
            #expect(compressed.status == .ok && compressed.headers[.contentEncoding] == "gzip")
            headers[.acceptEncoding] = nil
            let plain = try await client.execute(
                uri: SyncAPI.changesPath + "?limit=100", method: .get, headers: headers)
            #expect(plain.headers[.contentEncoding] == nil)
            let page = try JSONDecoder().decode(ChangesPage.self, from: Data(plain.body.readableBytesView))
            #expect(page.changes.count == 100 && page.more && page.nextCursor == 100 && page.highestCursor == 202)
            #expect(compressed.body.readableBytes * 3 < plain.body.readableBytes)
            let last = try await client.execute(uri: SyncAPI.changesPath + "?after=200", method: .get, headers: headers)
            let end = try JSONDecoder().decode(ChangesPage.self, from: Data(last.body.readableBytesView))
            #expect(end.changes.map(\.cursor) == [201, 202] && !end.more && end.nextCursor == 202)
            for bad in ["?after=-1", "?limit=0", "?limit=20001", "?after=x"] {
                let refused = try await client.execute(uri: SyncAPI.changesPath + bad, method: .get, headers: headers)
                #expect(refused.status == .badRequest, "\(bad)")
            }
            let anonymous = try await client.execute(uri: SyncAPI.changesPath, method: .get)
            #expect(anonymous.status == .unauthorized)
        }
    }
}
