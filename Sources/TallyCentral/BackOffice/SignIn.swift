import Foundation
import HummingbirdBcrypt

/// Signing in to the back office: passwords checked with bcrypt, failures counted per account and per address so
/// that guessing slows to a crawl, web sessions and API tokens made from 256 random bits and stored as SHA-256
/// hashes (``Secrets``), so that a copy of the database opens no session.
public struct SignIn: Sendable {
    /// bcrypt's cost for new password hashes: 12 in production (a quarter of a second on a server core).
    public var bcryptCost: UInt8
    /// A session ends after this long without a request (ms).
    public var idleTimeout: Int64
    /// And after this long in any case (ms).
    public var absoluteTimeout: Int64
    /// Failed sign-ins for one account before it is locked for a while; the lock doubles with each failure after.
    public var accountFailures: Int64
    /// Failed sign-ins from one address (any accounts) before it is locked likewise.
    public var addressFailures: Int64
    /// The first lock (ms); the longest is ``longestLock``.
    public var firstLock: Int64
    public var longestLock: Int64

    public init(
        bcryptCost: UInt8 = 12, idleTimeout: Int64 = 8 * 3_600_000, absoluteTimeout: Int64 = 7 * 86_400_000,
        accountFailures: Int64 = 5, addressFailures: Int64 = 20, firstLock: Int64 = 30_000,
        longestLock: Int64 = 3_600_000
    ) {
        self.bcryptCost = bcryptCost
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.accountFailures = accountFailures
        self.addressFailures = addressFailures
        self.firstLock = firstLock
        self.longestLock = longestLock
    }

    /// Why a sign-in did not open a session.
    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        /// Wrong address or password (which of them is not said).
        case wrongCredentials
        /// Too many failures: try again after `retryAfter` ms.
        case locked(retryAfter: Int64)
        case disabled

        public var description: String {
            switch self {
            case .wrongCredentials: "the e-mail address or the password is wrong"
            case .locked(let wait):
                "too many failed sign-ins: try again in \(max(1, (wait + 999) / 1000)) seconds"
            case .disabled: "this account is disabled; ask an administrator"
            }
        }
    }

    /// A session opened: the cookie's secret (only ever in the cookie) and the form token that goes with it.
    public struct Opened: Sendable {
        public var user: BackOfficeUser
        public var token: String
        public var csrfToken: String
    }

    /// A signed-in request's session.
    public struct Session: Sendable, Hashable {
        public var user: BackOfficeUser
        public var tokenHash: String
        public var csrfToken: String
    }

    /// A hash no password matches, checked when the address is unknown so that the answer takes as long as for a
    /// known one.
    static let decoyHash = Bcrypt.hash("no password matches this hash", cost: 4)

    /// Checks the password and opens a session; failures are counted first and the check is skipped while locked.
    /// bcrypt runs outside any transaction.
    public func signIn(
        email: String, password: String, address: String, now: Int64, database: any DBAccess
    ) async throws -> Opened {
        let email = Users.canonicalEmail(email)
        let keys = ["account:" + email, "address:" + address]
        let found: (user: BackOfficeUser, hash: String)? = try await database.read { db in
            if let wait = try Self.lockedFor(keys: keys, now: now, on: db) { throw Refusal.locked(retryAfter: wait) }
            guard let user = try Users.user(email: email, on: db),
                let hash = try Users.passwordHash(userID: user.id, on: db)
            else { return nil }
            return (user, hash)
        }
        let matches = Bcrypt.verify(password, hash: found?.hash ?? Self.decoyHash) && found != nil
        let rules = self
        guard matches, let user = found?.user else {
            // Counted in a transaction of its own: a refusal thrown inside it would roll the count back.
            try await database.write { db in try rules.fail(keys: keys, now: now, on: db) }
            throw Refusal.wrongCredentials
        }
        return try await database.write { db in
            if let wait = try Self.lockedFor(keys: keys, now: now, on: db) { throw Refusal.locked(retryAfter: wait) }
            guard let current = try Users.user(id: user.id, on: db), !current.isDisabled else {
                throw Refusal.disabled
            }
            try db.execute("DELETE FROM sign_in_failures WHERE key = ?", .text(keys[0]))
            try db.execute("DELETE FROM sessions WHERE expires_at <= ?", .integer(now))
            let token = Secrets.randomText()
            let csrf = Secrets.randomText()
            try db.execute(
                """
                INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, .text(Secrets.hashToken(token)), .text(current.id), .text(csrf), .integer(now), .integer(now),
                .integer(now + rules.absoluteTimeout))
            return Opened(user: current, token: token, csrfToken: csrf)
        }
    }

    /// Changes one's own password, from the account page or the API. The current password is checked as a sign-in
    /// checks it, and a wrong one counts against the account as a failed sign-in does, so that a stolen session or
    /// token cannot be used to guess it. The new one is hashed outside any transaction; the user's other sessions
    /// end (all of them when `keepSession` is nil), API tokens stay. Field errors under `current` and `password`.
    public func changePassword(
        userID: String, current: String, new password: String, keepSession: String?, now: Int64,
        database: any DBAccess
    ) async throws {
        let found: (email: String, hash: String)? = try await database.read { db in
            guard let user = try Users.user(id: userID, on: db),
                let hash = try Users.passwordHash(userID: userID, on: db)
            else { return nil }
            if let wait = try Self.lockedFor(keys: ["account:" + user.email], now: now, on: db) {
                throw FieldErrors(["current": Refusal.locked(retryAfter: wait).description])
            }
            return (user.email, hash)
        }
        guard let found else { throw FieldErrors(["current": "there is no such user"]) }
        let rules = self
        guard Bcrypt.verify(current, hash: found.hash) else {
            try await database.write { db in try rules.fail(keys: ["account:" + found.email], now: now, on: db) }
            throw FieldErrors(["current": "this is not your current password"])
        }
        if let problem = Users.passwordProblem(password, email: found.email) {
            throw FieldErrors(["password": problem])
        }
        let hash = Bcrypt.hash(password, cost: bcryptCost)
        try await database.write { db in
            try db.execute("DELETE FROM sign_in_failures WHERE key = ?", .text("account:" + found.email))
            try Users.storePassword(
                id: userID, hash: hash, keepSession: keepSession, actor: userID, now: now, on: db)
        }
    }

    /// The ms left on the longest lock of `keys`, or nil when none is locked.
    static func lockedFor(keys: [String], now: Int64, on db: any DBConnection) throws -> Int64? {
        var wait: Int64 = 0
        for key in keys {
            if let until = try db.first("SELECT locked_until FROM sign_in_failures WHERE key = ?", .text(key))?
                .integer("locked_until"), until > now
            {
                wait = max(wait, until - now)
            }
        }
        return wait > 0 ? wait : nil
    }

    /// Counts a failure for each key and locks a key once it has too many: the account after
    /// ``accountFailures``, the address after ``addressFailures``, for ``firstLock`` doubling up to ``longestLock``.
    /// A day without failures starts the count again.
    func fail(keys: [String], now: Int64, on db: any DBConnection) throws {
        for key in keys {
            let threshold = key.hasPrefix("account:") ? accountFailures : addressFailures
            let row = try db.first(
                "SELECT failures, last_failed_at FROM sign_in_failures WHERE key = ?\(db.dialect.forUpdate)",
                .text(key))
            var failures = (row?.integer("failures") ?? 0) + 1
            if let last = row?.integer("last_failed_at"), now - last > 86_400_000 { failures = 1 }
            var lockedUntil: Int64 = 0
            if failures >= threshold {
                let doublings = min(failures - threshold, 20)
                lockedUntil = now + min(longestLock, firstLock << doublings)
            }
            try db.execute(
                """
                INSERT INTO sign_in_failures (key, failures, last_failed_at, locked_until) VALUES (?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,
                    last_failed_at = excluded.last_failed_at, locked_until = excluded.locked_until
                """, .text(key), .integer(failures), .integer(now), .integer(lockedUntil))
        }
    }

    /// The session a cookie's secret opens, sliding its idle timeout; nil when unknown, expired, idle too long or
    /// its user is disabled. Every page asks this, so it reads, and writes only when there is something to write:
    /// a session to remove, or a last-seen time more than a minute old.
    public func session(token: String, now: Int64, database: any DBAccess) async throws -> Session? {
        let hash = Secrets.hashToken(token)
        let idle = idleTimeout
        let found: (session: Session?, lastSeen: Int64)? = try await database.read { db in
            guard
                let row = try db.first(
                    "SELECT user_id, csrf_token, last_seen_at, expires_at FROM sessions WHERE token_hash = ?",
                    .text(hash))
            else { return nil }
            let lastSeen = try row.int("last_seen_at")
            guard try row.int("expires_at") > now, now - lastSeen < idle,
                let user = try Users.user(id: try row.string("user_id"), on: db), !user.isDisabled
            else { return (nil, lastSeen) }
            return (Session(user: user, tokenHash: hash, csrfToken: try row.string("csrf_token")), lastSeen)
        }
        guard let found else { return nil }
        guard let session = found.session else {
            try await database.write { db in try db.execute("DELETE FROM sessions WHERE token_hash = ?", .text(hash)) }
            return nil
        }
        if now - found.lastSeen > 60_000 {
            try await database.write { db in
                try db.execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", .integer(now), .text(hash))
            }
        }
        return session
    }

    public func signOut(tokenHash: String, database: any DBAccess) async throws {
        try await database.write { db in
            try db.execute("DELETE FROM sessions WHERE token_hash = ?", .text(tokenHash))
        }
    }
}

/// API tokens: a user's own bearer tokens for the REST API, with the user's role.
public enum APITokens {
    public struct Token: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public var createdAt: Int64
        public var lastUsedAt: Int64?
        public var revokedAt: Int64?
    }

    /// Makes a token for the user and answers it with its secret, which is shown once.
    public static func create(
        userID: String, name: String, actor: String, now: Int64, on db: any DBConnection
    ) throws -> (token: Token, secret: String) {
        if let problem = Input.nameProblem(name, "the token's name") { throw FieldErrors(["name": problem]) }
        let secret = "tlu_" + Secrets.randomText()
        let token = Token(id: UUID().uuidString.lowercased(), name: name, createdAt: now)
        try db.execute(
            "INSERT INTO api_tokens (id, token_hash, user_id, name, created_at) VALUES (?, ?, ?, ?, ?)",
            .text(token.id), .text(Secrets.hashToken(secret)), .text(userID), .text(name), .integer(now))
        try Audit.record(
            actor: actor, action: "create", entity: "api-token", id: token.id, before: nil as Token?, after: token,
            now: now, on: db)
        return (token, secret)
    }

    /// The user a bearer token belongs to, when the token is live and the user enabled. Every API request asks
    /// this, so it reads, and writes the token's last use only when that is more than a minute old.
    public static func user(secret: String, now: Int64, database: any DBAccess) async throws -> BackOfficeUser? {
        guard let found = try await database.read({ db in try found(secret: secret, on: db) }) else { return nil }
        if now - (found.lastUsedAt ?? 0) > 60_000 {
            try await database.write { db in
                try db.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", .integer(now), .text(found.id))
            }
        }
        return found.user
    }

    private static func found(
        secret: String, on db: any DBConnection
    ) throws
        -> (id: String, user: BackOfficeUser, lastUsedAt: Int64?)?
    {
        guard secret.hasPrefix("tlu_"),
            let row = try db.first(
                "SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL",
                .text(Secrets.hashToken(secret))),
            let user = try Users.user(id: try row.string("user_id"), on: db), !user.isDisabled
        else { return nil }
        return (try row.string("id"), user, row.integer("last_used_at"))
    }

    public static func tokens(userID: String, on db: any DBConnection) throws -> [Token] {
        try db.query(
            "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = ? ORDER BY created_at",
            .text(userID)
        ).map {
            Token(
                id: try $0.string("id"), name: try $0.string("name"), createdAt: try $0.int("created_at"),
                lastUsedAt: $0.integer("last_used_at"), revokedAt: $0.integer("revoked_at"))
        }
    }

    /// Revokes one of the user's tokens; false when the user has no such live token.
    public static func revoke(
        id: String, userID: String, actor: String, now: Int64, on db: any DBConnection
    ) throws
        -> Bool
    {
        let changed = try db.execute(
            "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL", .integer(now),
            .text(id), .text(userID))
        if changed > 0 {
            try Audit.record(
                actor: actor, action: "revoke", entity: "api-token", id: id, before: nil as String?,
                after: nil as String?, now: now, on: db)
        }
        return changed > 0
    }
}
