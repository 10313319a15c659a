import Foundation
import GRDB
import Logging
import TallyCore
import TallyStation

/// Where the store benchmarks keep their databases, and the databases themselves.
///
/// The files live next to the package in `.build-bench-data` (ignored by git) rather than in the temporary
/// directory: `/tmp` is a tmpfs on many machines, where `fsync` costs nothing and a durable commit would look
/// far cheaper than on the disk a station writes to. `TALLY_BENCH_DATA` names another folder, to measure a
/// different disk.
enum StoreFixtures {
    static let eur = Currency(code: "EUR")!

    /// The folder for benchmark databases.
    static var dataFolder: String {
        if let folder = ProcessInfo.processInfo.environment["TALLY_BENCH_DATA"], !folder.isEmpty { return folder }
        // …/Benchmarks/Benchmarks/StationStore/StoreFixtures.swift → …/Benchmarks/.build-bench-data
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return package.appendingPathComponent(".build-bench-data").path
    }

    /// A fresh, empty folder for one benchmark process; the benchmark's teardown removes it again.
    static func scratchFolder(_ name: String) throws -> String {
        let folder = (dataFolder as NSString).appendingPathComponent("\(name)-\(getpid())")
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static func removeScratchFolder(_ name: String) {
        try? FileManager.default.removeItem(
            atPath: (dataFolder as NSString).appendingPathComponent("\(name)-\(getpid())"))
    }

    /// A station with one lane, `till`, on a new database with the first `products` demo products: the same
    /// configuration a shop's `station.yaml` gives, without printers, so a completed sale prints nothing.
    static func station(in folder: String, products: Int) throws -> Station {
        let configuration = StationConfiguration(
            stationCode: "BENCH1", stateDirectory: folder, country: "DE", currency: eur, timeZone: "Europe/Berlin",
            shop: ShopDetails(name: "Benchmark Shop"),
            sale: SaleRules(currency: eur, tax: TaxCalculator(priceMode: .taxInclusive)),
            openingFloat: Money(minorUnits: 15_000, currency: eur), lanes: [LaneConfiguration(id: "till")])
        let database = try StationDatabase(stateDirectory: folder)
        try requireDurable(try database.durabilitySettings(), what: "the station database")
        try database.upsertCatalog(
            taxClasses: DemoCatalog.taxClasses, standardTaxClassID: "standard",
            products: DemoCatalog.products(count: products, currency: eur))
        return try Station(
            configuration: configuration, database: database,
            logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// The scanner's text of the `serial`th generated demo product (an EAN-13).
    static func scan(serial: Int) -> [UInt8] { Array(DemoCatalog.generatedGTIN(serial: serial).utf8) }

    /// The catalog key of the `serial`th generated demo product: its GTIN-14, as the station looks it up.
    static func catalogKey(serial: Int) -> String { "0" + DemoCatalog.generatedGTIN(serial: serial) }

    /// How many of a demo catalog's products are generated ones (the rest are named and weighed items).
    static func generatedCount(inCatalogOf count: Int) -> Int {
        count - DemoCatalog.named.count - DemoCatalog.weighed.count
    }

    /// Opens a pool on `path` the way `StationDatabase` opens its own: WAL (GRDB's `DatabasePool` default), a
    /// ten-second busy timeout, and `synchronous=FULL` on the writer once it is open, because GRDB sets the
    /// writer to NORMAL when it turns WAL on.
    static func bareStationLikePool(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let pool = try DatabasePool(path: path, configuration: configuration)
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let settings = try pool.write { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?"
            let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            return (journalMode: mode, synchronous: synchronous)
        }
        try requireDurable(settings, what: "the baseline database")
        return pool
    }

    /// Refuses to measure a database that would not make each commit durable: the comparison would be void.
    static func requireDurable(_ settings: (journalMode: String, synchronous: Int), what: String) throws {
        guard settings.journalMode.lowercased() == "wal", settings.synchronous == 2 else {
            throw FixtureError(
                description:
                    "\(what) runs journal_mode=\(settings.journalMode), synchronous=\(settings.synchronous); "
                    + "the benchmark needs wal and 2 (FULL)")
        }
    }

    /// The path of a station database holding the demo catalog of `count` products, built on first use and
    /// kept between runs: loading a million products takes a minute or more, reading them takes a moment.
    ///
    /// A file counts as built only when the marker beside it exists, which is written after the last chunk
    /// committed, so an interrupted build is started again rather than measured.
    static func cachedCatalog(products count: Int) throws -> String {
        let folder = (dataFolder as NSString).appendingPathComponent("catalog-\(count)")
        let path = (folder as NSString).appendingPathComponent(StationDatabase.fileName)
        let marker = (folder as NSString).appendingPathComponent("complete")
        if FileManager.default.fileExists(atPath: marker) { return path }
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // A scope of its own, so the pool closes (and checkpoints its WAL into the file) before the marker.
        try {
            let database = try StationDatabase(path: path)
            let catalog = DemoCatalog.products(count: count, currency: eur)
            var start = 0
            while start < catalog.count {
                let end = min(start + 50_000, catalog.count)
                try database.upsertCatalog(
                    taxClasses: DemoCatalog.taxClasses, standardTaxClassID: "standard",
                    products: Array(catalog[start..<end]))
                start = end
            }
            guard try database.productCount() == count else {
                throw FixtureError(description: "the catalog at \(path) did not take all \(count) products")
            }
        }()
        try Data("\(count) products\n".utf8).write(to: URL(fileURLWithPath: marker))
        return path
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
}

/// A small, fixed pseudo-random sequence, so every run scans and looks up the same codes in the same order.
struct BenchRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
