import Benchmark
import Foundation
import GRDB
import TallyCore
import TallyScan
import TallyStation

/// The station's store, measured against bare SQLite on the same disk in the same run.
///
/// Commit: the time from handing `Station.submit` a scan to its answer, which comes only after the journal
/// entry and the sale line are durable, against one single-row insert per transaction under the same pragmas
/// (WAL, `synchronous=FULL` on the writer) in the same folder. Both wait for one `fsync` of the WAL, so their
/// ratio is what the station adds to the disk's own cost.
///
/// Lookup: `StationDatabase.lookup` of a barcode in a catalog of a million products, against a bare read of
/// the same barcode row through a GRDB pool; once with nothing else happening, once right after a write, as
/// each scan at a till finds it.
///
/// Every iteration is one scan or one lookup, so the percentiles are those of single operations. The
/// framework runs each benchmark in a process of its own, in the order of their names: each baseline runs
/// right before what it is compared with.
let benchmarks: @Sendable () -> Void = {
    let commits = Benchmark.Configuration(
        metrics: [.wallClock], timeUnits: .microseconds, warmupIterations: 200, scalingFactor: .one,
        maxDuration: .seconds(30), maxIterations: 10_000)
    let lookups = Benchmark.Configuration(
        metrics: [.wallClock], timeUnits: .nanoseconds, warmupIterations: 2_000, scalingFactor: .one,
        maxDuration: .seconds(20), maxIterations: LookupSession.codeCount)
    // Each iteration also makes a durable write before the clock starts, so fewer of them.
    let afterWrites = Benchmark.Configuration(
        metrics: [.wallClock], timeUnits: .nanoseconds, warmupIterations: 200, scalingFactor: .one,
        maxDuration: .seconds(20), maxIterations: 20_000)

    Benchmark("Commit 1: bare SQLite single-row insert, WAL + synchronous=FULL (baseline)", configuration: commits) {
        benchmark, session in
        do {
            try session.insertOne(benchmark)
        } catch {
            benchmark.error("the baseline insert failed: \(error)")
        }
    } setup: {
        try BareInsertSession()
    } teardown: {
        StoreFixtures.removeScratchFolder("bare-insert")
    }

    Benchmark("Commit 2: scan to durable sale line (Station.submit)", configuration: commits) { benchmark, session in
        do {
            try await session.scanOne(benchmark)
        } catch {
            benchmark.error("the scan failed: \(error)")
        }
    } setup: {
        try ScanSession()
    } teardown: {
        StoreFixtures.removeScratchFolder("scan-commit")
    }

    // What a keyboard-wedge scanner's scan costs from the key that ends it to its durable journal entry: the
    // decoder's handling of that key, the hop to the task that submits it, and the commit.
    Benchmark("Commit 3: wedge scan, terminating key event to durable sale line", configuration: commits) {
        benchmark, session in
        do {
            try await session.scanOne(benchmark)
        } catch {
            benchmark.error("the wedge scan failed: \(error)")
        }
    } setup: {
        try WedgeSession()
    } teardown: {
        StoreFixtures.removeScratchFolder("wedge-commit")
    }

    Benchmark("Lookup 1: bare barcode-row read, 1M catalog (baseline)", configuration: lookups) { benchmark, session in
        do {
            try session.bareRead(benchmark)
        } catch {
            benchmark.error("the bare read failed: \(error)")
        }
    } setup: {
        try LookupSession(known: true)
    }

    Benchmark("Lookup 2: known GTIN, 1M catalog (StationDatabase.lookup)", configuration: lookups) {
        benchmark, session in
        do {
            try session.lookup(benchmark)
        } catch {
            benchmark.error("the lookup failed: \(error)")
        }
    } setup: {
        try LookupSession(known: true)
    }

    Benchmark("Lookup 3: unknown GTIN, 1M catalog (StationDatabase.lookup)", configuration: lookups) {
        benchmark, session in
        do {
            try session.lookup(benchmark)
        } catch {
            benchmark.error("the lookup failed: \(error)")
        }
    } setup: {
        try LookupSession(known: false)
    }

    // At a till every lookup follows the previous scan's commit, which makes SQLite drop the reading
    // connection's page cache: this is the lookup a scan actually gets.
    Benchmark(
        "Lookup 4: known GTIN right after a write, 1M catalog (StationDatabase.lookup, as at the till)",
        configuration: afterWrites
    ) { benchmark, session in
        do {
            try session.lookupAfterWrite(benchmark)
        } catch {
            benchmark.error("the lookup failed: \(error)")
        }
    } setup: {
        try LookupSession(known: true, afterWrites: true)
    } teardown: {
        StoreFixtures.removeScratchFolder("lookup-after-write")
    }
}

/// One row into a one-table database per transaction: the least a durable write costs on this disk.
final class BareInsertSession {
    let pool: DatabasePool
    var random = BenchRandom(seed: 0xBA5E)

    init() throws {
        let folder = try StoreFixtures.scratchFolder("bare-insert")
        pool = try StoreFixtures.bareStationLikePool(path: (folder as NSString).appendingPathComponent("bare.sqlite"))
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE lines (id INTEGER PRIMARY KEY, code TEXT NOT NULL, at INTEGER NOT NULL)")
        }
    }

    func insertOne(_ benchmark: Benchmark) throws {
        // The same 14-digit text a sale line carries, made before the clock starts.
        let code = StoreFixtures.catalogKey(serial: 1 + random.next(4_000))
        let time = Int64(Date().timeIntervalSince1970 * 1000)
        benchmark.startMeasurement()
        try pool.write { db in
            try db.cachedStatement(sql: "INSERT INTO lines (code, at) VALUES (?, ?)").execute(arguments: [code, time])
        }
        benchmark.stopMeasurement()
    }
}

/// A till selling from a 5,000-product catalog: baskets of 20 scans, a quarter of them the previous item again
/// (which raises that line's quantity), each basket paid in cash before the next one starts.
final class ScanSession {
    static let productCount = 5_000
    static let scansPerBasket = 20

    let station: Station
    var random = BenchRandom(seed: 0x5CA9)
    var previous: [UInt8]
    var scansInBasket = 0

    init() throws {
        station = try StoreFixtures.station(
            in: try StoreFixtures.scratchFolder("scan-commit"), products: Self.productCount)
        previous = StoreFixtures.scan(serial: 1)
    }

    func scanOne(_ benchmark: Benchmark) async throws {
        // Paying is a write of its own (receipt, stock movements, outbox event), not a scan: it happens
        // before the clock starts.
        if scansInBasket == Self.scansPerBasket {
            let paid = try await station.perform(.tender(TenderRequest(kind: .cash)), lane: "till")
            guard paid.receiptNumber != nil else {
                throw FixtureError(description: "the basket was not paid: \(paid.reason ?? "no reason")")
            }
            scansInBasket = 0
        }
        let scan =
            scansInBasket > 0 && random.next(4) == 0
            ? previous
            : StoreFixtures.scan(serial: 1 + random.next(StoreFixtures.generatedCount(inCatalogOf: Self.productCount)))
        benchmark.startMeasurement()
        let outcome = try await station.submit(scan, lane: "till", source: .api, device: "bench")
        benchmark.stopMeasurement()
        guard outcome.accepted else {
            throw FixtureError(description: "the scan was refused: \(outcome.reason ?? "no reason")")
        }
        previous = scan
        scansInBasket += 1
    }
}

/// Scans typed by a German-layout scanner, replayed event by event through the scanner session the live reader
/// uses, then handed over an async stream to the task that submits them, as `ScannerService` does.
final class WedgeSession {
    let station: Station
    var scanner: ScannerSession
    var random = BenchRandom(seed: 0xED6E)
    let typist: KeyboardTypist
    var scansInBasket = 0
    var clock: Int64 = 1_000_000
    let stream: AsyncStream<ScannerReport>
    let continuation: AsyncStream<ScannerReport>.Continuation
    var iterator: AsyncStream<ScannerReport>.Iterator

    init() throws {
        station = try StoreFixtures.station(
            in: try StoreFixtures.scratchFolder("wedge-commit"), products: ScanSession.productCount)
        let layout = try KeyboardLayout("de")
        typist = try KeyboardTypist(layout: layout)
        scanner = try ScannerSession(
            scanner: ScannerConfiguration(
                id: "bench", match: .name(pattern: "bench"), lane: "till", wedge: WedgeSettings(layout: layout)),
            device: "/dev/input/event0")
        (stream, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
        iterator = stream.makeAsyncIterator()
    }

    func scanOne(_ benchmark: Benchmark) async throws {
        if scansInBasket == ScanSession.scansPerBasket {
            _ = try await station.perform(.tender(TenderRequest(kind: .cash)), lane: "till")
            scansInBasket = 0
        }
        let code = StoreFixtures.scan(
            serial: 1 + random.next(StoreFixtures.generatedCount(inCatalogOf: ScanSession.productCount)))
        let events = try typist.events(typing: code, startingAt: clock, interval: 4_000, terminator: .enter)
        clock = (events.last?.time ?? clock) + 200_000
        // A copy of the session finds the event that completes the scan (the decoder is a value), so the clock
        // runs from exactly that key event to the answer after the commit.
        var lookahead = scanner
        guard let last = events.indices.first(where: { lookahead.handle(events[$0]) != nil }) else {
            throw FixtureError(description: "the typed scan \(code) gave no line")
        }
        for event in events[..<last] { _ = scanner.handle(event) }
        benchmark.startMeasurement()
        guard let report = scanner.handle(events[last]) else {
            throw FixtureError(description: "the scan did not end where the copy ended it")
        }
        continuation.yield(report)
        guard case .line(let line)? = await iterator.next() else {
            throw FixtureError(description: "the scanner gave no line: \(report)")
        }
        let outcome = try await station.submit(line.bytes, lane: line.lane, source: .evdev, device: line.device)
        benchmark.stopMeasurement()
        guard outcome.accepted else {
            throw FixtureError(description: "the scan was refused: \(outcome.reason ?? "no reason")")
        }
        for event in events[(last + 1)...] { _ = scanner.handle(event) }
        scansInBasket += 1
    }
}

/// Lookups in the cached million-product catalog, of codes drawn before the benchmark starts.
final class LookupSession {
    static let productCount = 1_000_000
    static let codeCount = 200_000

    let database: StationDatabase
    let bare: DatabasePool
    let codes: [String]
    let known: Bool
    let time = Int64(Date().timeIntervalSince1970 * 1000)
    var index = 0

    /// `afterWrites` works on a copy of the cached catalog, which it writes to.
    init(known: Bool, afterWrites: Bool = false) throws {
        var path = try StoreFixtures.cachedCatalog(products: Self.productCount)
        if afterWrites {
            let copy = (try StoreFixtures.scratchFolder("lookup-after-write") as NSString)
                .appendingPathComponent(StationDatabase.fileName)
            // The WAL too, when there is one: it may hold committed pages not yet in the file.
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: path + suffix) {
                try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + suffix)
            }
            path = copy
        }
        database = try StationDatabase(path: path)
        bare = try StoreFixtures.bareStationLikePool(path: path)
        self.known = known
        var random = BenchRandom(seed: known ? 0x600D : 0xBAD)
        let generated = StoreFixtures.generatedCount(inCatalogOf: Self.productCount)
        codes = (0..<Self.codeCount).map { _ in
            if known { return StoreFixtures.catalogKey(serial: 1 + random.next(generated)) }
            // Valid GTIN-13s under prefix 43, which the demo catalog never uses.
            let payload = Array("43".utf8) + (0..<10).map { _ in UInt8(48 + random.next(10)) }
            return "0" + String(decoding: payload + [GS1CheckDigit.compute(for: payload)!], as: UTF8.self)
        }
        guard try database.productCount() == Self.productCount else {
            throw FixtureError(description: "the catalog at \(path) does not hold \(Self.productCount) products")
        }
        for code in codes.prefix(100) {
            let found = try database.lookup(code: code, at: time, currency: StoreFixtures.eur) != nil
            if found != known {
                throw FixtureError(description: "\(code) should \(known ? "" : "not ")be in the catalog")
            }
        }
    }

    func nextCode() -> String {
        defer { index = (index + 1) % codes.count }
        return codes[index]
    }

    func lookup(_ benchmark: Benchmark) throws {
        let code = nextCode()
        benchmark.startMeasurement()
        let item = try database.lookup(code: code, at: time, currency: StoreFixtures.eur)
        benchmark.stopMeasurement()
        if (item != nil) != known { throw FixtureError(description: "\(code) was \(item == nil ? "not " : "")found") }
        blackHole(item)
    }

    /// Journals a refused scan (one small durable write, as every scan makes) before the clock starts, then
    /// looks up the next code.
    func lookupAfterWrite(_ benchmark: Benchmark) throws {
        let code = nextCode()
        try database.journal(
            JournaledScan(
                id: UUID().uuidString.lowercased(), lane: "till", source: .api, device: "bench", receivedAt: time,
                bytes: Array(code.utf8), accepted: false, reason: "benchmark"))
        benchmark.startMeasurement()
        let item = try database.lookup(code: code, at: time, currency: StoreFixtures.eur)
        benchmark.stopMeasurement()
        if item == nil { throw FixtureError(description: "\(code) was not found") }
        blackHole(item)
    }

    func bareRead(_ benchmark: Benchmark) throws {
        let code = nextCode()
        benchmark.startMeasurement()
        let product = try bare.read { db in
            try String.fetchOne(
                db.cachedStatement(sql: "SELECT product_id FROM barcodes WHERE code = ?"), arguments: [code])
        }
        benchmark.stopMeasurement()
        if product == nil { throw FixtureError(description: "\(code) was not found") }
        blackHole(product)
    }
}
