import Foundation
import Logging
import TallyCore

@testable import TallyStation

/// A station on a real SQLite file in a fresh temporary directory, with the demo catalog loaded.
struct TestStation {
    let directory: String
    let configuration: StationConfiguration
    let database: StationDatabase
    let station: Station

    static let eur = Currency(code: "EUR")!
    static let supervisorPIN = "4321"

    init(
        lanes: [LaneConfiguration] = [LaneConfiguration(id: "till")],
        unknownBarcode: UnknownBarcodePolicy = .priceEntry(roles: ["supervisor"]),
        cashRounding: CashRounding? = nil, products: Int = 100,
        receiptSink: (@Sendable (String, StoredReceipt, Bool) async -> Void)? = nil
    ) throws {
        directory = NSTemporaryDirectory() + "tally-station-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        configuration = StationConfiguration(
            stationCode: "TILL1", stateDirectory: directory, country: "DE", currency: Self.eur,
            timeZone: "Europe/Berlin",
            shop: ShopDetails(
                name: "Corner Shop", addressLines: ["Hauptstr. 1", "10115 Berlin"], taxID: "DE123456789"),
            sale: SaleRules(
                currency: Self.eur, tax: TaxCalculator(priceMode: .taxInclusive), cashRounding: cashRounding,
                unknownBarcode: unknownBarcode),
            openingFloat: Money(minorUnits: 10000, currency: Self.eur), lanes: lanes,
            operators: [
                OperatorConfiguration(
                    id: "sue", name: "Sue", role: "supervisor", pinHash: OperatorPIN.hash(Self.supervisorPIN)),
                OperatorConfiguration(id: "cas", name: "Cas", role: "cashier", pinHash: OperatorPIN.hash("1111")),
            ])
        database = try StationDatabase(stateDirectory: directory)
        try database.upsertCatalog(
            taxClasses: DemoCatalog.taxClasses, standardTaxClassID: "standard",
            products: DemoCatalog.products(count: products, currency: Self.eur))
        station = try Station(
            configuration: configuration, database: database, logger: Logger(label: "test"), receiptSink: receiptSink)
    }

    /// Scans text into a lane.
    @discardableResult
    func scan(_ code: String, lane: String = "till") async throws -> ScanOutcome {
        try await station.submit(Array(code.utf8), lane: lane, source: .api, device: "test")
    }

    @discardableResult
    func perform(_ command: LaneCommand, lane: String = "till") async throws -> ScanOutcome {
        try await station.perform(command, lane: lane)
    }

    func euros(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: Self.eur) }

    /// A fresh station process on the same database, as after a restart.
    func restarted() throws -> Station {
        try Station(
            configuration: configuration, database: try StationDatabase(stateDirectory: directory),
            logger: Logger(label: "test"))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// The demo products the tests scan.
enum Demo {
    static let pen = "4006381333931"  // 1.89, standard
    static let chocolate = "4000417025005"  // 1.29, reduced
    static let water = "4005500087397"  // 0.59, reduced
    static let penID = "P1"
    static let chocolateID = "P2"
    static let waterID = "P3"
    static let goudaLabel = DemoCatalog.scaleLabel(reference: "1234", grams: 532)  // 12.99 / kg
}
