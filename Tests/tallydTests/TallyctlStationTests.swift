import Foundation
import GRDB
import TallyCore
import TallyStation
import TallyTestSupport
import Testing

/// Runs the built `tallyctl` against a running daemon.
func tallyctl(_ arguments: [String]) async throws -> (status: Int32, output: String, errors: String) {
    try await runBuilt("tallyctl", arguments)
}

/// Runs a program built beside the tests, and answers its exit status, standard output and standard error.
func runBuilt(
    _ name: String, _ arguments: [String], input: String? = nil
) async throws -> (status: Int32, output: String, errors: String) {
    try await runProgram(DaemonProcess.executable(name).path, arguments, input: input)
}

@Suite("tallyctl with a running tallyd")
struct TallyctlStationTests {
    @Test func aCashierSellsWithTallyctl() async throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try await daemon.start()
        let url = ["--url", daemon.baseURL]
        let pen = DemoCatalog.named[0].gtin
        let scanned = try await tallyctl(["scan"] + url + [pen, pen, "4006381333932"])
        #expect(scanned.status == 1)
        #expect(scanned.output.contains("2 × Ballpoint pen blue 3.78 EUR"), "\(scanned.output)")
        #expect(scanned.errors.contains("check digit"), "\(scanned.errors)")
        let basket = try await tallyctl(["basket"] + url)
        #expect(basket.status == 0)
        #expect(basket.output.contains("total 3.78 EUR"), "\(basket.output)")
        let tender = try await tallyctl(["tender"] + url + ["cash", "5.00"])
        #expect(tender.status == 0)
        #expect(tender.output.contains("change 1.22 EUR"), "\(tender.output)")
        #expect(tender.output.contains("receipt 1"), "\(tender.output)")
        let receipt = try await tallyctl(["receipt"] + url + ["1", "--width", "42"])
        #expect(receipt.status == 0)
        #expect(receipt.output.contains("TLR-TILL1-000001"), "\(receipt.output)")
        #expect(receipt.output.split(separator: "\n").allSatisfy { $0.count <= 42 })
        let escposFile = daemon.directory + "/receipt.bin"
        let escpos = try await tallyctl(["receipt"] + url + ["last", "--escpos", "80mm", "--output", escposFile])
        #expect(escpos.status == 0)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: escposFile)))
        #expect(try ESCPOSDecoder().decode(bytes).contains(.initialize))
        let x = try await tallyctl(["x-report"] + url)
        #expect(x.output.contains("X REPORT"))
        let z = try await tallyctl(["z-report"] + url + ["--counted", "103.78"])
        #expect(z.status == 0, "\(z.errors)")
        #expect(z.output.contains("Z REPORT"))
        let missing = try await tallyctl(["receipt"] + url + ["42"])
        #expect(missing.status != 0)
        #expect(missing.errors.contains("receipt 42 does not exist"), "\(missing.errors)")
        let verify = try await tallyctl(["verify", "--state-dir", daemon.stateDirectory])
        #expect(verify.status == 0, "\(verify.output)")
        #expect(verify.output.contains("verified"))
    }

    @Test func tallyctlSaysWhenTheDaemonIsNotRunning() async throws {
        let result = try await tallyctl(["basket", "--url", "http://127.0.0.1:9"])
        #expect(result.status != 0)
        #expect(result.errors.contains("cannot reach tallyd"), "\(result.errors)")
    }

    @Test func verifyFindsAnEditedJournal() async throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try await daemon.start()
        for _ in 0..<3 {
            _ = try await daemon.post("/scans", ["code": DemoCatalog.named[2].gtin])
            _ = try await daemon.post("/lanes/till/tender", ["kind": "cash"])
        }
        daemon.stop()
        #expect(try await tallyctl(["verify", "--state-dir", daemon.stateDirectory]).status == 0)
        // Someone with the file in hand lowers the second sale's total and the shop's stock.
        let queue = try DatabaseQueue(path: daemon.stateDirectory + "/" + StationDatabase.fileName)
        try await queue.write { db in
            try db.execute(sql: "DROP TRIGGER journal_immutable")
            try db.execute(
                sql: "UPDATE journal SET payload = replace(payload, '\"total\":59', '\"total\":9') WHERE seq = 2")
            try db.execute(sql: "UPDATE stock_on_hand SET quantity = 0")
        }
        let result = try await tallyctl(["verify", "--state-dir", daemon.stateDirectory])
        #expect(result.status == 1)
        #expect(result.output.contains("journal entry 2 was altered"), "\(result.output)")
        #expect(result.output.contains("the ledger sums to -3"), "\(result.output)")
    }
}
