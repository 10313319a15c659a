import Foundation
import GRDB
import TallyCore
import TallyStation
import Testing

/// tally-central, tallyd and tallyctl as an operator runs them: a catalog imported at central, a station enrolled
/// with `tallyctl enroll`, sales pushed, central away for a while and back.
@Suite("tally-central and tallyd as processes")
struct CentralSyncProcessTests {
    /// Stock per product at central, read from its database file.
    func centralStock(_ central: CentralProcess, product: String) throws -> Int64? {
        let queue = try DatabaseQueue(path: central.stateDirectory + "/central.sqlite")
        return try queue.read { db in
            try Int64.fetchOne(db, sql: "SELECT SUM(quantity) FROM stock WHERE product_id = ?", arguments: [product])
        }
    }

    /// Waits until `tallyctl status` reports nothing waiting for central.
    func waitForEmptyBacklog(_ daemon: DaemonProcess) async throws {
        for _ in 0..<200 {
            let status = try await daemon.get("/sync")
            if status.object["backlog"] as? Int == 0, status.object["lastError"] == nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw DaemonError(
            "the backlog did not drain: \(String(decoding: try await daemon.get("/sync").body, as: UTF8.self))")
    }

    @Test func aStationEnrolsLoadsTheCatalogSellsAndSellsOnWhileCentralIsDown() async throws {
        let central = try await CentralProcess()
        defer { central.remove() }
        let catalogFile = central.directory + "/catalog.jsonl"
        let records = DemoCatalog.records(count: 2000, currency: Currency(code: "EUR")!)
        try Data(try DemoCatalog.jsonLines(records)).write(to: URL(fileURLWithPath: catalogFile))
        let imported = try await central.command(["catalog", "import", catalogFile])
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(imported.output.contains("imported 2002 record(s) (2 tax-class, 2000 product)"), "\(imported.output)")
        let code = try await central.addStation("Front till")
        try await central.start()

        let daemon = try DaemonProcess(extraYAML: "sync:\n  interval: 1\n  maximumBackoff: 5\n", products: 0)
        defer { daemon.remove() }
        try await daemon.start()
        let url = ["--url", daemon.baseURL]
        let before = try await tallyctl(["status"] + url)
        #expect(before.output.contains("not enrolled"), "\(before.output)")

        let wrong = try await tallyctl(["enroll"] + url + [central.baseURL, "AAAA-BBBB-CCCC"])
        #expect(wrong.status != 0 && wrong.errors.contains("enrolment code is not valid"), "\(wrong.errors)")
        let enrolled = try await tallyctl(["enroll"] + url + [central.baseURL, code])
        #expect(enrolled.status == 0, "\(enrolled.errors)")
        #expect(enrolled.output.contains("as Front till"), "\(enrolled.output)")
        #expect(enrolled.output.contains("Catalog loaded (2002 changes)"), "\(enrolled.output)")

        let pen = DemoCatalog.named[0].gtin
        #expect(try await tallyctl(["scan"] + url + [pen, pen]).status == 0)
        #expect(try await tallyctl(["tender"] + url + ["cash", "5.00"]).status == 0)
        try await waitForEmptyBacklog(daemon)
        #expect(try centralStock(central, product: "P1") == -2)
        let status = try await tallyctl(["status"] + url)
        #expect(status.status == 0)
        #expect(status.output.contains("0 event(s) waiting; central holds up to 1"), "\(status.output)")
        #expect(status.output.contains("complete at change 2002"), "\(status.output)")

        // Central stops; the till sells on and says so.
        #expect(central.stop() == 0)
        #expect(central.log().contains("tally-central stopped"))
        #expect(try await tallyctl(["scan"] + url + [pen]).status == 0)
        #expect(try await tallyctl(["tender"] + url + ["cash", "5.00"]).status == 0)
        var offline = (status: Int32(0), output: "", errors: "")
        for _ in 0..<100 {
            offline = try await tallyctl(["status"] + url)
            if offline.status == 1 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(offline.status == 1 && offline.output.contains("central cannot be reached"), "\(offline.output)")
        #expect(offline.output.contains("1 event(s) waiting"), "\(offline.output)")

        // Central is back; the backlog drains and every sale is booked once.
        try await central.start()
        _ = try await daemon.post("/sync/now", [:])
        try await waitForEmptyBacklog(daemon)
        #expect(try centralStock(central, product: "P1") == -3)
    }
}
