import Foundation
import TallyCore
import TallyStation
import TallySync
import Testing

/// schemathesis (from PyPI, installed by scripts/install-deps) against a running tally-central: requests made
/// from docs/openapi.yaml, valid and invalid, with a station's token; no answer may be a 5xx, and every answer must
/// match the document.
@Suite("API contract")
struct APIContractTests {
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// A catalog with a record of every kind, so that pages carry each.
    static func catalogWithEveryKind() throws -> [UInt8] {
        var records = DemoCatalog.records(count: 30, currency: Currency(code: "EUR")!)
        let pin = OperatorPIN.hash("2468")
        records += [
            .location(LocationRecord(id: "DOCK", name: "Dock", kind: "receiving")),
            .user(UserRecord(id: "ann", name: "Ann", role: "cashier", pinHash: pin)),
            .user(UserRecord(id: "bob", name: "Bob", role: "manager", pinHash: pin, stations: ["elsewhere"])),
            .purchaseOrder(
                PurchaseOrderRecord(
                    id: "po-1", number: "PO-1001", supplierID: "s-1", supplierName: "Fresh Farms", status: "sent",
                    locationID: "DOCK", expectedAt: 1_800_000_000_000,
                    lines: [PurchaseOrderLineRecord(number: 1, productID: "P1", quantity: 24)])),
            .countTask(CountTaskRecord(id: "ct-1", locationID: "SHOP", productIDs: ["P1"], status: "open", dueAt: nil)),
        ]
        return try DemoCatalog.jsonLines(records)
    }

    @Test func centralAnswersAsItsDocumentSays() async throws {
        let schemathesis = Self.repository.appending(path: ".tools/venv/bin/schemathesis").path
        try #require(
            FileManager.default.isExecutableFile(atPath: schemathesis),
            "schemathesis is missing: run scripts/install-deps (make test does)")
        let central = try await CentralProcess()
        defer { central.remove() }
        let catalog = central.directory + "/catalog.jsonl"
        try Data(try Self.catalogWithEveryKind()).write(to: URL(fileURLWithPath: catalog))
        #expect(try central.command(["catalog", "import", catalog]).status == 0)
        let code = try central.addStation("Contract till")
        try await central.start()
        let enrolled = try await DaemonClient(baseURL: central.baseURL).post(SyncAPI.enrollPath, ["code": code])
        let token = try #require(enrolled.object["token"] as? String)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: schemathesis)
        process.arguments = [
            "run", central.baseURL + "/openapi.yaml",
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,"
                + "response_schema_conformance",
            "--header", "Authorization: Bearer \(token)", "--max-examples", "60", "--seed", "20261121",
            "--workers", "2",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["SCHEMATHESIS_HOOKS"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.currentDirectoryURL = URL(fileURLWithPath: central.directory)
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("No issues found"), "\(text)")
        #expect(!central.log().contains("critical"))
    }
}
