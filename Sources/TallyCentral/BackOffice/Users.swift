import Foundation
import HummingbirdBcrypt

/// A person who signs in to the back office.
public struct BackOfficeUser: Hashable, Sendable, Codable {
    public var id: String
    public var email: String
    public var name: String
    public var role: Role
    /// The supplier a supplier user speaks for; nil for every other role.
    public var supplierID: String?
    /// The customer a customer user is; nil for every other role.
    public var customerID: String?
    public var createdAt: Int64
    public var updatedAt: Int64
    public var disabledAt: Int64?

    public var isDisabled: Bool { disabledAt != nil }

    static let columns = "id, email, name, role, supplier_id, customer_id, created_at, updated_at, disabled_at"

    init(row: DBRow) throws {
        guard let role = Role(rawValue: try row.string("role")) else {
            throw DBRowError(description: "user \(row.text("id") ?? "") has the unknown role \(row.text("role") ?? "")")
        }
        self.init(
            id: try row.string("id"), email: try row.string("email"), name: try row.string("name"), role: role,
            supplierID: row.text("supplier_id"), customerID: row.text("customer_id"),
            createdAt: try row.int("created_at"), updatedAt: try row.int("updated_at"),
            disabledAt: row.integer("disabled_at"))
    }

    public init(
        id: String, email: String, name: String, role: Role, supplierID: String? = nil, customerID: String? = nil,
        createdAt: Int64, updatedAt: Int64, disabledAt: Int64? = nil
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.supplierID = supplierID
        self.customerID = customerID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.disabledAt = disabledAt
    }
}

/// What a new user or a change to one asks for, checked field by field before anything is stored.
public struct UserDraft: Sendable, Hashable {
    public var email: String
    public var name: String
    public var role: Role
    public var supplierID: String?
    public var customerID: String?
    public var password: String

    public init(
        email: String, name: String, role: Role, supplierID: String? = nil, customerID: String? = nil,
        password: String
    ) {
        self.email = email
        self.name = name
        self.role = role
        self.supplierID = supplierID
        self.customerID = customerID
        self.password = password
    }
}

/// Input that cannot be stored, with a message per field (the form shows each next to its field, the API answers
/// them together).
public struct FieldErrors: Error, Sendable, Hashable, CustomStringConvertible {
    public var messages: [String: String]

    public init(_ messages: [String: String] = [:]) { self.messages = messages }

    public var isEmpty: Bool { messages.isEmpty }

    public subscript(field: String) -> String? {
        get { messages[field] }
        set { messages[field] = newValue }
    }

    public var description: String {
        messages.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
    }

    /// Throws itself when any field is wrong.
    public func check() throws(FieldErrors) { if !isEmpty { throw self } }
}

/// Users in central's database: the rules for their fields, and the statements, written once for both engines.
public enum Users {
    /// The fewest characters a password may have (NIST SP 800-63B asks for at least 8; a till PIN is not a
    /// password).
    public static let minimumPasswordLength = 10
    /// bcrypt reads no more than 72 bytes.
    public static let maximumPasswordBytes = 72

    /// An address as stored: trimmed, lower case.
    public static func canonicalEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespaces).lowercased()
    }

    public static func emailProblem(_ email: String) -> String? {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !email.contains(where: { $0.isWhitespace || $0.isNewline }), !Input.hasControlCharacters(email)
        else { return "enter an e-mail address such as name@example.com" }
        return nil
    }

    public static func passwordProblem(_ password: String, email: String) -> String? {
        if password.count < minimumPasswordLength {
            return "a password needs at least \(minimumPasswordLength) characters"
        }
        if password.utf8.count > maximumPasswordBytes {
            return "a password may have at most \(maximumPasswordBytes) bytes"
        }
        if canonicalEmail(password) == canonicalEmail(email) { return "the password may not be the e-mail address" }
        return nil
    }

    /// Everything wrong with a draft, per field; `password` is checked only when `checkPassword`.
    public static func problems(_ draft: UserDraft, checkPassword: Bool = true) -> FieldErrors {
        var errors = FieldErrors()
        errors["email"] = emailProblem(canonicalEmail(draft.email))
        errors["name"] = Input.nameProblem(draft.name, "the name")
        if checkPassword { errors["password"] = passwordProblem(draft.password, email: draft.email) }
        switch draft.role {
        case .supplier:
            if (draft.supplierID ?? "").isEmpty { errors["supplierID"] = "a supplier user speaks for one supplier" }
        case .customer:
            if (draft.customerID ?? "").isEmpty { errors["customerID"] = "a customer user is one customer" }
        default: break
        }
        return errors
    }

    /// Adds a user with the password hashed by bcrypt at `cost`; field errors when the draft is wrong or the
    /// address is taken, or when the supplier or customer it is bound to does not exist.
    public static func create(
        _ draft: UserDraft, cost: UInt8, actor: String, now: Int64, on db: any DBConnection
    ) throws -> BackOfficeUser {
        var errors = problems(draft)
        let email = canonicalEmail(draft.email)
        if errors["email"] == nil, try db.first("SELECT 1 AS found FROM users WHERE email = ?", .text(email)) != nil {
            errors["email"] = "there is already a user with this address"
        }
        for (field, message) in try bindingProblems(draft, on: db) where errors[field] == nil {
            errors[field] = message
        }
        try errors.check()
        let user = BackOfficeUser(
            id: UUID().uuidString.lowercased(), email: email, name: draft.name.trimmingCharacters(in: .whitespaces),
            role: draft.role, supplierID: draft.role == .supplier ? draft.supplierID : nil,
            customerID: draft.role == .customer ? draft.customerID : nil, createdAt: now, updatedAt: now)
        try db.execute(
            """
            INSERT INTO users (id, email, name, role, supplier_id, customer_id, password_hash, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, .text(user.id), .text(user.email), .text(user.name), .text(user.role.rawValue),
            DBValue(user.supplierID), DBValue(user.customerID), .text(Bcrypt.hash(draft.password, cost: cost)),
            .integer(now), .integer(now))
        try Audit.record(
            actor: actor, action: "create", entity: "user", id: user.id, before: nil as BackOfficeUser?, after: user,
            now: now, on: db)
        return user
    }

    public static func user(id: String, on db: any DBConnection) throws -> BackOfficeUser? {
        try db.first("SELECT \(BackOfficeUser.columns) FROM users WHERE id = ?", .text(id)).map(BackOfficeUser.init)
    }

    public static func user(email: String, on db: any DBConnection) throws -> BackOfficeUser? {
        try db.first("SELECT \(BackOfficeUser.columns) FROM users WHERE email = ?", .text(canonicalEmail(email)))
            .map(BackOfficeUser.init)
    }

    public static func all(on db: any DBConnection) throws -> [BackOfficeUser] {
        try db.query("SELECT \(BackOfficeUser.columns) FROM users ORDER BY email").map(BackOfficeUser.init)
    }

    /// A supplier user must speak for a supplier central holds, a customer user be a customer it holds.
    static func bindingProblems(_ draft: UserDraft, on db: any DBConnection) throws -> [String: String] {
        func missing(_ table: String, _ id: String?) throws -> Bool {
            guard let id, !id.isEmpty else { return false }
            guard Input.identifierProblem(id, "") == nil else { return true }
            return try db.first("SELECT 1 AS found FROM \(table) WHERE id = ?", .text(id)) == nil
        }
        var errors: [String: String] = [:]
        if draft.role == .supplier, try missing("suppliers", draft.supplierID) {
            errors["supplierID"] = "there is no supplier \(draft.supplierID ?? "")"
        }
        if draft.role == .customer, try missing("customers", draft.customerID) {
            errors["customerID"] = "there is no customer \(draft.customerID ?? "")"
        }
        return errors
    }

    /// Changes a user's name and role (and what the role binds it to), or disables or enables it; disabling ends
    /// its sessions and tokens at once.
    public static func update(
        id: String, name: String, role: Role, supplierID: String?, customerID: String?, disabled: Bool,
        actor: String, now: Int64, on db: any DBConnection
    ) throws -> BackOfficeUser? {
        guard let before = try user(id: id, on: db) else { return nil }
        if actor == id, role != before.role || disabled {
            // An administrator who demoted or locked out themselves might leave nobody able to undo it.
            throw FieldErrors([
                (role != before.role ? "role" : "disabled"): "you cannot change your own role or disable yourself"
            ])
        }
        let draft = UserDraft(
            email: before.email, name: name, role: role, supplierID: supplierID, customerID: customerID,
            password: "")
        var errors = problems(draft, checkPassword: false)
        for (field, message) in try bindingProblems(draft, on: db) where errors[field] == nil {
            errors[field] = message
        }
        try errors.check()
        var after = before
        after.name = name.trimmingCharacters(in: .whitespaces)
        after.role = role
        after.supplierID = role == .supplier ? supplierID : nil
        after.customerID = role == .customer ? customerID : nil
        after.disabledAt = disabled ? (before.disabledAt ?? now) : nil
        guard after != before else { return before }
        after.updatedAt = now
        try db.execute(
            """
            UPDATE users SET name = ?, role = ?, supplier_id = ?, customer_id = ?, disabled_at = ?, updated_at = ?
            WHERE id = ?
            """, .text(after.name), .text(role.rawValue), DBValue(after.supplierID), DBValue(after.customerID),
            DBValue(after.disabledAt), .integer(now), .text(id))
        if after.isDisabled || after.role != before.role {
            // What the user could do changed: every session and token starts again from a sign-in.
            try db.execute("DELETE FROM sessions WHERE user_id = ?", .text(id))
        }
        if after.isDisabled {
            try db.execute(
                "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", .integer(now),
                .text(id))
        }
        try Audit.record(
            actor: actor, action: "update", entity: "user", id: id, before: before, after: after, now: now, on: db)
        return after
    }

    /// Stores a new password's bcrypt hash (made outside the transaction: it takes a quarter of a second) and ends
    /// the user's other sessions; ``SignIn/changePassword(userID:current:new:keepSession:now:database:)`` checks the
    /// current password and the new one first.
    static func storePassword(
        id: String, hash: String, keepSession: String?, actor: String, now: Int64, on db: any DBConnection
    ) throws {
        try db.execute(
            "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", .text(hash), .integer(now), .text(id))
        try db.execute(
            "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", .text(id), .text(keepSession ?? ""))
        try Audit.record(
            actor: actor, action: "set-password", entity: "user", id: id, before: nil as String?, after: nil as String?,
            now: now, on: db)
    }

    /// The stored bcrypt hash, for the sign-in.
    static func passwordHash(userID: String, on db: any DBConnection) throws -> String? {
        try db.first("SELECT password_hash FROM users WHERE id = ?", .text(userID))?.text("password_hash")
    }
}
