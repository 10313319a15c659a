import Foundation
import Hummingbird
import HummingbirdTesting
import TallySync
import TallyTestSupport
import Testing

@testable import TallyCentral

/// `tallyctl verify --central`: the built tallyctl walks a running central's audit trail over HTTP and computes
/// every hash itself, so it finds an entry edited in the database and a chain rewritten since a head was written
/// down.
@Suite("tallyctl verify --central")
struct AuditVerifyCommandTests {
    static func verify(_ arguments: [String]) async throws -> (status: Int32, output: String, errors: String) {
        try await runProgram(try builtProgram("tallyctl"), ["verify"] + arguments)
    }

    @Test(arguments: Engine.allCases) func theChainIsWalkedAndItsHashesComputedAgain(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        let draft = UserDraft(
            email: "admin@example.com", name: "Admin", role: .admin, password: "correct horse battery")
        let (secret, cashierSecret) = try await store.write { db in
            let admin = try Users.create(draft, cost: 4, actor: "test", now: 1, on: db)
            let cashier = try Users.create(
                UserDraft(
                    email: "till@example.com", name: "Till", role: .cashier, password: "correct horse battery"),
                cost: 4, actor: "test", now: 1, on: db)
            return (
                try APITokens.create(userID: admin.id, name: "verify", actor: admin.id, now: 2, on: db).secret,
                try APITokens.create(userID: cashier.id, name: "verify", actor: cashier.id, now: 2, on: db).secret
            )
        }
        for index in 1...5 {
            _ = try await BackOfficeCatalogTests.save(
                RecordKinds.warehouse, ["id": "W\(index)", "name": "Warehouse \(index)"], on: store)
        }
        let total = try await store.read { db in try Audit.verify(on: db) }
        let second = try #require(try await store.read { db in try Audit.entries(after: 1, limit: 1, on: db) }.first)
        let app = Application(
            router: CentralAPI.router(store: store), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let url = "http://127.0.0.1:\(try #require(client.port))"
            let sound = try await Self.verify(["--central", url, "--token", secret])
            #expect(sound.status == 0, "\(sound)")
            #expect(sound.output.contains("OK: the audit trail holds \(total.entries) entries"))
            #expect(sound.output.contains("Head: \(total.entries):\(total.head)"))
            let pinned = try await Self.verify(["--central", url, "--token", secret, "--head", "2:\(second.hash)"])
            #expect(pinned.status == 0, "\(pinned)")

            let refused = try await Self.verify(["--central", url, "--token", cashierSecret])
            #expect(refused.status != 0 && refused.errors.contains("central answered 403"))

            // An entry edited in the database no longer matches its hash.
            _ = try await store.write { db in
                try db.execute(
                    "UPDATE audit_log SET after_json = ? WHERE sequence = 4", .text(#"{"id":"W9","name":"Forged"}"#))
            }
            let edited = try await Self.verify(["--central", url, "--token", secret])
            #expect(edited.status == 1)
            #expect(
                edited.output.contains(
                    "FAILED: entry 4 of the audit trail breaks the chain: its content does not match its hash"))

            // A chain written again from entry 2 on fits itself, but not the head written down before.
            try await store.write { db in
                var previous = AuditEntry.origin
                for entry in try Audit.entries(after: 0, limit: 1000, on: db) {
                    let after = entry.sequence == 2 ? #"{"rewritten":true}"# : entry.after
                    let rewritten = AuditEntry(
                        sequence: entry.sequence, at: entry.at, actor: entry.actor, action: entry.action,
                        entity: entry.entity, entityID: entry.entityID, before: entry.before, after: after,
                        previousHash: previous)
                    try db.execute(
                        "UPDATE audit_log SET after_json = ?, previous_hash = ?, hash = ? WHERE sequence = ?",
                        DBValue(rewritten.after), .text(rewritten.previousHash), .text(rewritten.hash),
                        .integer(entry.sequence))
                    previous = rewritten.hash
                }
            }
            #expect(try await Self.verify(["--central", url, "--token", secret]).status == 0)
            let rewritten = try await Self.verify(["--central", url, "--token", secret, "--head", "2:\(second.hash)"])
            #expect(rewritten.status == 1)
            #expect(rewritten.output.contains("FAILED: entry 2 now has the hash"))
        }
    }
}
