import Foundation
import TallyCore
import TallyStation
import Testing

/// What the client was told was durable.
private actor Acknowledged {
    var scans: Set<String> = []
    var receipts: Set<Int> = []

    func scan(_ id: String) { scans.insert(id) }
    func receipt(_ number: Int) { receipts.insert(number) }
}

@Suite("tallyd under kill -9", .serialized)
struct KillTests {
    /// At least this many kills, and more until enough was sold between them to make the check mean something,
    /// however slowly a loaded machine sells; at most `maximumRounds`.
    static let rounds = 60
    static let maximumRounds = 600
    static let enoughScans = 100
    static let enoughReceipts = 20

    /// Sells as fast as one client can until the daemon dies under it: scans with ids, then a tender.
    private func sell(_ daemon: DaemonClient, _ acknowledged: Acknowledged, seed: Int) async {
        var random = SystemRandomNumberGenerator()
        let codes = DemoCatalog.named.map(\.gtin) + (1...50).map { DemoCatalog.generatedGTIN(serial: $0) }
        var round = 0
        while !Task.isCancelled {
            round += 1
            do {
                for _ in 0..<Int.random(in: 1...5, using: &random) {
                    let id = UUID().uuidString.lowercased()
                    let code = codes.randomElement(using: &random)!
                    let answer = try await daemon.post("/scans", ["code": code, "id": id])
                    // 201 and 422 are both answers after the scan was journaled.
                    if answer.status == 201 || answer.status == 422 { await acknowledged.scan(id) }
                }
                let kind = round % 3 == 0 ? "card" : "cash"
                let answer = try await daemon.post(
                    "/lanes/till/tender", ["kind": kind, "reference": "T\(seed)-\(round)"])
                if answer.status == 200, let number = answer.object["receiptNumber"] as? Int {
                    await acknowledged.receipt(number)
                }
            } catch {
                return
            }
        }
    }

    @Test func nothingAcknowledgedIsLostAndNothingIsHalfWritten() async throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        let acknowledged = Acknowledged()
        var kills = 0
        var round = 0
        while round < Self.maximumRounds {
            if round >= Self.rounds, await acknowledged.scans.count > Self.enoughScans,
                await acknowledged.receipts.count > Self.enoughReceipts
            {
                break
            }
            round += 1
            try await daemon.start()
            let client = daemon.client
            let seed = round
            let seller = Task { await sell(client, acknowledged, seed: seed) }
            // Kill at a random moment: right away, mid-burst, or after a few sales.
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...250)))
            daemon.stop(signal: SIGKILL)
            kills += 1
            seller.cancel()
            await seller.value
        }
        #expect(kills >= 50)
        let database = try StationDatabase(stateDirectory: daemon.stateDirectory)
        let report = try database.verify()
        #expect(report.isSound, "\(report)")
        let scans = await acknowledged.scans
        let receipts = await acknowledged.receipts
        #expect(scans.count > Self.enoughScans, "the test must sell for real, not only start and kill")
        #expect(receipts.count > Self.enoughReceipts, "the test must complete sales between kills")
        print(
            "kill -9: \(kills) kills, \(scans.count) scans and \(receipts.count) sales acknowledged, \(report.receipts) receipts"
        )
        for id in scans {
            #expect(try database.hasScan(id: id), "acknowledged scan \(id) is missing")
        }
        let eur = Currency(code: "EUR")!
        let rules = SaleRules(currency: eur, tax: TaxCalculator(priceMode: .taxInclusive))
        for number in receipts {
            let stored = try database.receipt(number: number, rules: rules, stationCode: "TILL1")
            #expect(stored != nil, "acknowledged receipt \(number) is missing")
        }
        // Receipt numbers are gapless (verify checks it) and every acknowledged one is within them.
        #expect(receipts.max() ?? 0 <= report.receipts)
        // The daemon picks up after the last kill and still sells.
        try await daemon.start()
        let scan = try await daemon.post("/scans", ["code": DemoCatalog.named[0].gtin])
        #expect(scan.status == 201)
        #expect(daemon.stop() == 0)
    }
}
