import Foundation
import TallyTestSupport
import Testing

@testable import TallyCentral

/// `tally-central manager add / list / revoke` run as an operator runs them, on each engine: the token printed once
/// opens the management API, and stops when revoked.
@Suite("tally-central manager commands")
struct ManagerCommandTests {
    /// Runs tally-central with the configuration; answers its exit status and output.
    static func run(
        _ arguments: [String], config: String
    ) async throws -> (status: Int32, output: String, errors: String) {
        try await runProgram(try builtProgram("tally-central"), arguments + ["--config", config])
    }

    @Test(arguments: Engine.allCases) func addListAndRevoke(engine: Engine) async throws {
        let folder = NSTemporaryDirectory() + "tally-central-managers-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var yaml = "central:\n  stateDirectory: \(folder)/state\n"
        if engine == .postgres {
            let server = try await PostgresServer.shared()
            yaml += "database:\n  url: \(server.url(database: try await server.createDatabase()))\n"
        }
        let config = folder + "/central.yaml"
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)

        let added = try await Self.run(["manager", "add", "Sam (store manager)"], config: config)
        #expect(added.status == 0, "\(added.errors)")
        let lines = added.output.split(separator: "\n").map(String.init)
        let token = try #require(lines.first { $0.hasPrefix("token ") }.map { String($0.dropFirst(6)) })
        #expect(token.hasPrefix("tlm_") && token.count == 47)
        let id = try #require(lines.first?.split(separator: " ").dropFirst().first.map(String.init))
        #expect(lines.first == "manager \(id) \"Sam (store manager)\"")

        let listed = try await Self.run(["manager", "list"], config: config)
        #expect(listed.status == 0, "\(listed.errors)")
        let manager = try JSONDecoder().decode(CentralManager.self, from: Data(listed.output.utf8))
        #expect(manager.id == id && manager.name == "Sam (store manager)" && manager.revokedAt == nil)
        #expect(!listed.output.contains(token))

        let configuration = try await CentralConfiguration.load(yamlFile: config)
        let known = try await CentralServer.withStore(configuration, logger: .init(label: "test")) { store in
            try await store.manager(tokenHash: Secrets.hashToken(token))
        }
        #expect(known?.id == id)

        let revoked = try await Self.run(["manager", "revoke", id], config: config)
        #expect(revoked.status == 0 && revoked.output.contains("manager \(id) revoked"), "\(revoked.errors)")
        let gone = try await CentralServer.withStore(configuration, logger: .init(label: "test")) { store in
            try await store.manager(tokenHash: Secrets.hashToken(token))
        }
        #expect(gone == nil)
        let after = try await Self.run(["manager", "list"], config: config)
        #expect(try JSONDecoder().decode(CentralManager.self, from: Data(after.output.utf8)).revokedAt != nil)

        let unknown = try await Self.run(["manager", "revoke", "nobody"], config: config)
        #expect(unknown.status != 0 && unknown.errors.contains("there is no manager nobody"), "\(unknown.errors)")
        let blank = try await Self.run(["manager", "add", "  "], config: config)
        #expect(blank.status != 0 && blank.errors.contains("1 to 80 printable characters"), "\(blank.errors)")

        // Stations and the catalog file change what central holds too.
        let station = try await Self.run(["station", "add", "Front till"], config: config)
        let stationID = try #require(station.output.split(separator: " ").dropFirst().first.map(String.init))
        #expect(try await Self.run(["station", "enrol", stationID], config: config).status == 0)
        #expect(try await Self.run(["station", "revoke", stationID], config: config).status == 0)
        let catalog = folder + "/catalog.jsonl"
        let file = Data(
            #"{"kind": "tax-class", "record": {"id": "std", "name": "Standard", "treatment": "taxed", "ratePPM": 190000, "isStandard": true}}"#
                .utf8 + [10])
        try file.write(to: URL(fileURLWithPath: catalog))
        let imported = try await Self.run(["catalog", "import", catalog], config: config)
        #expect(imported.status == 0, "\(imported.errors)")

        // Each change is in the audit trail under the command that made it, and the chain holds.
        let (entries, verification) = try await CentralServer.withStore(configuration, logger: .init(label: "test")) {
            store in
            try await store.read { db in (try Audit.entries(after: 0, limit: 100, on: db), try Audit.verify(on: db)) }
        }
        #expect(
            entries.map { "\($0.actor) \($0.action) \($0.entity) \($0.entityID)" } == [
                "cli:manager-add create manager \(id)", "cli:manager-revoke revoke manager \(id)",
                "cli:station-add create station \(stationID)", "cli:station-enrol renew-enrolment station \(stationID)",
                "cli:station-revoke revoke station \(stationID)", "cli:catalog-import import catalog catalog",
            ])
        #expect(entries.first?.after?.contains("Sam (store manager)") == true)
        #expect(entries.first?.after?.contains(token) == false && entries.first?.after?.contains("tokenHash") == false)
        #expect(
            entries.last?.after?.contains("\"sha256\":\"\(Secrets.sha256(file))\"") == true,
            "\(entries.last?.after ?? "")")
        #expect(verification.isIntact && verification.entries == 6)
    }
}
