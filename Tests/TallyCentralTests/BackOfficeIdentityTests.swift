import Foundation
import TallyTestSupport
import Testing

@testable import TallyCentral

/// Users, sign-in, sessions, API tokens and the audit trail, on both engines: the statements are written once
/// (``DBAccess``) and must mean the same on SQLite and PostgreSQL.
struct BackOfficeIdentityTests {
    /// A low bcrypt cost keeps the tests quick; the hash is the same algorithm as at cost 12.
    static let rules = SignIn(bcryptCost: 4)
    static let password = "correct horse battery"

    static func draft(_ email: String, _ role: Role = .manager) -> UserDraft {
        UserDraft(email: email, name: "Pat Example", role: role, password: password)
    }

    @Test(arguments: Engine.allCases) func aUserSignsInWithTheRightPasswordOnly(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        let user = try await store.write { db in
            try Users.create(Self.draft(" Pat@Example.COM "), cost: 4, actor: "system", now: 1000, on: db)
        }
        #expect(user.email == "pat@example.com")
        let stored = try await store.read { db in try Users.passwordHash(userID: user.id, on: db) }
        #expect(stored?.hasPrefix("$2b$04$") == true, "a bcrypt hash, not the password: \(stored ?? "")")

        let opened = try await Self.rules.signIn(
            email: "PAT@example.com", password: Self.password, address: "127.0.0.1", now: 2000, database: store)
        #expect(opened.user.id == user.id)
        let session = try await Self.rules.session(token: opened.token, now: 3000, database: store)
        #expect(session?.user.id == user.id)
        #expect(session?.csrfToken == opened.csrfToken)
        // Only the hash of the session's secret is stored.
        let hashes = try await store.read { db in try db.query("SELECT token_hash FROM sessions") }
        #expect(hashes.map { $0.text("token_hash") } == [Secrets.hashToken(opened.token)])

        await #expect(throws: SignIn.Refusal.wrongCredentials) {
            try await Self.rules.signIn(
                email: "pat@example.com", password: "wrong password!", address: "127.0.0.1", now: 4000,
                database: store)
        }
        await #expect(throws: SignIn.Refusal.wrongCredentials) {
            try await Self.rules.signIn(
                email: "nobody@example.com", password: Self.password, address: "127.0.0.1", now: 4000,
                database: store)
        }
        // Idle too long: the session is gone.
        #expect(
            try await Self.rules.session(token: opened.token, now: 3000 + Self.rules.idleTimeout, database: store)
                == nil)
        #expect(try await Self.rules.session(token: opened.token, now: 3001, database: store) == nil)
    }

    @Test(arguments: Engine.allCases) func guessingLocksTheAccountForLongerEachTime(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        _ = try await store.write { db in
            try Users.create(Self.draft("lee@example.com"), cost: 4, actor: "system", now: 0, on: db)
        }
        var now: Int64 = 1000
        for _ in 1...5 {
            await #expect(throws: SignIn.Refusal.wrongCredentials) {
                try await Self.rules.signIn(
                    email: "lee@example.com", password: "guess guess guess", address: "10.0.0.1", now: now,
                    database: store)
            }
            now += 1
        }
        // Locked: even the right password is not checked.
        await #expect(throws: SignIn.Refusal.locked(retryAfter: 30_000 - 1)) {
            try await Self.rules.signIn(
                email: "lee@example.com", password: Self.password, address: "10.0.0.2", now: now, database: store)
        }
        now += 30_000
        // One more failure after the lock: locked twice as long.
        await #expect(throws: SignIn.Refusal.wrongCredentials) {
            try await Self.rules.signIn(
                email: "lee@example.com", password: "guess guess guess", address: "10.0.0.1", now: now,
                database: store)
        }
        await #expect(throws: SignIn.Refusal.locked(retryAfter: 60_000)) {
            try await Self.rules.signIn(
                email: "lee@example.com", password: Self.password, address: "10.0.0.3", now: now, database: store)
        }
        now += 60_000
        let opened = try await Self.rules.signIn(
            email: "lee@example.com", password: Self.password, address: "10.0.0.3", now: now, database: store)
        #expect(opened.user.email == "lee@example.com")
        // Success clears the account's count.
        let left = try await store.read { db in
            try db.query("SELECT key FROM sign_in_failures WHERE key = ?", .text("account:lee@example.com"))
        }
        #expect(left.isEmpty)
    }

    @Test(arguments: Engine.allCases) func badDraftsNameEveryWrongField(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        _ = try await store.write { db in
            try Users.create(Self.draft("taken@example.com"), cost: 4, actor: "system", now: 0, on: db)
        }
        let bad = UserDraft(email: "not an address", name: " ", role: .supplier, password: "short")
        await #expect(
            throws: FieldErrors([
                "email": "enter an e-mail address such as name@example.com",
                "name": "the name must have 1 to 200 characters, not only spaces and none of them control characters",
                "password": "a password needs at least 10 characters",
                "supplierID": "a supplier user speaks for one supplier",
            ])
        ) {
            try await store.write { db in try Users.create(bad, cost: 4, actor: "system", now: 1, on: db) }
        }
        await #expect(throws: FieldErrors(["email": "there is already a user with this address"])) {
            try await store.write { db in
                try Users.create(Self.draft("TAKEN@example.com"), cost: 4, actor: "system", now: 1, on: db)
            }
        }
        await #expect(throws: FieldErrors(["supplierID": "there is no supplier ACME"])) {
            try await store.write { db in
                var draft = Self.draft("acme@example.com", .supplier)
                draft.supplierID = "ACME"
                return try Users.create(draft, cost: 4, actor: "system", now: 1, on: db)
            }
        }
        let count = try await store.read { db in try Users.all(on: db).count }
        #expect(count == 1, "nothing of a refused draft is stored")
    }

    @Test(arguments: Engine.allCases) func disablingAUserEndsItsSessionsAndTokens(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        let user = try await store.write { db in
            try Users.create(Self.draft("kim@example.com", .cashier), cost: 4, actor: "system", now: 0, on: db)
        }
        let opened = try await Self.rules.signIn(
            email: "kim@example.com", password: Self.password, address: "127.0.0.1", now: 10, database: store)
        let secret = try await store.write { db in
            try APITokens.create(userID: user.id, name: "laptop", actor: user.id, now: 20, on: db).secret
        }
        #expect(try await APITokens.user(secret: secret, now: 30, database: store)?.id == user.id)
        _ = try await store.write { db in
            try Users.update(
                id: user.id, name: user.name, role: .cashier, supplierID: nil, customerID: nil, disabled: true,
                actor: "admin", now: 40, on: db)
        }
        #expect(try await Self.rules.session(token: opened.token, now: 50, database: store) == nil)
        #expect(try await APITokens.user(secret: secret, now: 50, database: store) == nil)
        await #expect(throws: SignIn.Refusal.disabled) {
            try await Self.rules.signIn(
                email: "kim@example.com", password: Self.password, address: "127.0.0.1", now: 60, database: store)
        }
    }

    @Test(arguments: Engine.allCases) func theAuditTrailIsAChainThatShowsAnyChange(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        let user = try await store.write { db in
            try Users.create(Self.draft("ana@example.com"), cost: 4, actor: "cli:setup", now: 0, on: db)
        }
        _ = try await store.write { db in
            try Users.update(
                id: user.id, name: "Ana Example", role: .admin, supplierID: nil, customerID: nil, disabled: false,
                actor: "an-administrator", now: 5, on: db)
        }
        let entries = try await store.read { db in try Audit.entries(limit: 10, on: db) }
        #expect(entries.map(\.action) == ["update", "create"])
        #expect(entries[0].before?.contains("\"role\":\"manager\"") == true)
        #expect(entries[0].after?.contains("\"role\":\"admin\"") == true)
        #expect(entries[0].previousHash == entries[1].hash)
        let intact = try await store.read { db in try Audit.verify(on: db) }
        #expect(intact.isIntact && intact.entries == 2 && intact.head == entries[0].hash)

        // Someone edits the first entry in the database: the chain says where.
        _ = try await store.write { db in
            try db.execute("UPDATE audit_log SET actor = 'someone else' WHERE sequence = 1")
        }
        let broken = try await store.read { db in try Audit.verify(on: db) }
        #expect(broken.brokenAt == 1)
        #expect(broken.problem?.contains("changed after it was written") == true)
    }
}
