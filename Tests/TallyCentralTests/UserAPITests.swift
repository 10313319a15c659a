import Foundation
import Hummingbird
import HummingbirdTesting
import TallyTestSupport
import Testing

@testable import TallyCentral

/// One's own account and other users over the REST API, on both engines: the same rules as the account page and
/// the users pages, through a real HTTP server on loopback.
@Suite("Users and accounts over the API")
struct UserAPITests {
    static let password = BackOfficeWebTests.password

    @Test(arguments: Engine.allCases) func oneKeepsOnesOwnPasswordAndTokens(engine: Engine) async throws {
        try await BackOfficeWebTests.withApp(engine) { client, temporary, users in
            let store = temporary.store
            let cashier = try #require(users[.cashier])
            let token = try await apiToken(for: cashier, on: store)
            var browser = WebClient(client)
            #expect(try await browser.signIn("cashier@example.com", Self.password).status == .seeOther)

            // Tokens: listed without secrets, made with one shown once, a name checked.
            let (listed, list) = try await sendJSON(client, .get, "/api/v1/me/tokens", token: token)
            #expect(listed == .ok)
            let first = try #require((list as? [[String: Any]])?.first)
            #expect(first["name"] as? String == "erp" && first["secret"] == nil && first["revokedAt"] == nil)
            let (made, madeBody) = try await sendJSON(
                client, .post, "/api/v1/me/tokens", token: token, #"{"name": "label printer"}"#)
            #expect(made == .created)
            let madeObject = try #require(madeBody as? [String: Any])
            let secret = try #require(madeObject["secret"] as? String)
            let madeID = try #require((madeObject["token"] as? [String: Any])?["id"] as? String)
            #expect(secret.hasPrefix("tlu_"))
            let (me, meBody) = try await sendJSON(client, .get, "/api/v1/me", token: secret)
            #expect(me == .ok && (meBody as? [String: Any])?["email"] as? String == "cashier@example.com")
            let (unnamed, unnamedBody) = try await sendJSON(
                client, .post, "/api/v1/me/tokens", token: token, #"{"name": " "}"#)
            #expect(unnamed == .unprocessableContent)
            #expect(((unnamedBody as? [String: Any])?["fields"] as? [String: String])?["name"] != nil)

            // Revoking: the token stops working; a token that is not one's own, or not live, is not found.
            let other = try await apiToken(for: users[.manager], on: store)
            let otherID = try await store.read { db in
                try APITokens.tokens(userID: try #require(users[.manager]).id, on: db).first?.id
            }
            let (foreign, _) = try await sendJSON(
                client, .post, "/api/v1/me/tokens/\(try #require(otherID))/revoke", token: token)
            #expect(foreign == .notFound)
            #expect(try await sendJSON(client, .get, "/api/v1/me", token: other).0 == .ok)
            let (revoked, revokedBody) = try await sendJSON(
                client, .post, "/api/v1/me/tokens/\(madeID)/revoke", token: token)
            #expect(revoked == .ok && (revokedBody as? [String: Any])?["revokedAt"] is NSNumber)
            #expect(try await sendJSON(client, .get, "/api/v1/me", token: secret).0 == .unauthorized)
            #expect(
                try await sendJSON(client, .post, "/api/v1/me/tokens/\(madeID)/revoke", token: token).0 == .notFound)

            // The password: the current one is needed, the new one checked; then every web session ends and the
            // token goes on working.
            let newPassword = "a longer passphrase"
            let (wrong, wrongBody) = try await sendJSON(
                client, .post, "/api/v1/me/password", token: token,
                #"{"current": "not my password", "password": "\#(newPassword)"}"#)
            #expect(wrong == .unprocessableContent)
            #expect(
                ((wrongBody as? [String: Any])?["fields"] as? [String: String])?["current"]
                    == "this is not your current password")
            let (short, shortBody) = try await sendJSON(
                client, .post, "/api/v1/me/password", token: token,
                #"{"current": "\#(Self.password)", "password": "short"}"#)
            #expect(short == .unprocessableContent)
            #expect(((shortBody as? [String: Any])?["fields"] as? [String: String])?["password"] != nil)
            #expect(try await browser.send(.get, "/app").status == .ok, "nothing changed yet")
            let (changed, _) = try await sendJSON(
                client, .post, "/api/v1/me/password", token: token,
                #"{"current": "\#(Self.password)", "password": "\#(newPassword)"}"#)
            #expect(changed == .noContent)
            #expect(try await browser.send(.get, "/app").status == .found, "the web session ended")
            var fresh = WebClient(client)
            #expect(try await fresh.signIn("cashier@example.com", Self.password).status == .unauthorized)
            #expect(try await fresh.signIn("cashier@example.com", newPassword).status == .seeOther)
            #expect(try await sendJSON(client, .get, "/api/v1/me", token: token).0 == .ok)

            // Guessing the current password with a token locks the account as failed sign-ins do.
            for attempt in 1...5 {
                let (guess, _) = try await sendJSON(
                    client, .post, "/api/v1/me/password", token: token,
                    #"{"current": "guess number \#(attempt)", "password": "yet another passphrase"}"#)
                #expect(guess == .unprocessableContent)
            }
            let (locked, lockedBody) = try await sendJSON(
                client, .post, "/api/v1/me/password", token: token,
                #"{"current": "\#(newPassword)", "password": "yet another passphrase"}"#)
            #expect(locked == .unprocessableContent)
            #expect(
                ((lockedBody as? [String: Any])?["fields"] as? [String: String])?["current"]?.hasPrefix(
                    "too many failed sign-ins") == true)
            #expect(try await fresh.signIn("cashier@example.com", newPassword).status == .tooManyRequests)

            // Each change is in the audit trail under the cashier's id.
            let actions = try await store.read { db in
                try db.query(
                    "SELECT action, entity FROM audit_log WHERE actor = ? ORDER BY sequence", .text(cashier.id)
                ).map { "\(try $0.string("action")) \(try $0.string("entity"))" }
            }
            #expect(actions.filter { $0 != "create api-token" } == ["revoke api-token", "set-password user"])

            // A manager's token from `tally-central manager add` has no account to keep.
            let managerToken = Secrets.managerToken()
            _ = try await store.createManager(name: "ops", tokenHash: Secrets.hashToken(managerToken), now: 1)
            for (method, path, body) in [
                (HTTPRequest.Method.get, "/api/v1/me/tokens", nil), (.post, "/api/v1/me/tokens", #"{"name": "x"}"#),
                (.post, "/api/v1/me/password", #"{"current": "x", "password": "y"}"#),
            ] {
                let (status, answer) = try await sendJSON(client, method, path, token: managerToken, body)
                #expect(status == .forbidden, "\(method) \(path)")
                #expect((answer as? [String: Any])?["error"] as? String != nil)
            }
        }
    }

    @Test(arguments: Engine.allCases) func administratorsChangeUsersAsThePagesDo(engine: Engine) async throws {
        try await BackOfficeWebTests.withApp(engine) { client, temporary, users in
            let store = temporary.store
            let admin = try #require(users[.admin])
            let cashier = try #require(users[.cashier])
            let adminToken = try await apiToken(for: admin, on: store)
            let cashierToken = try await apiToken(for: cashier, on: store)
            var cashierBrowser = WebClient(client)
            _ = try await cashierBrowser.signIn("cashier@example.com", Self.password)
            let path = "/api/v1/users/\(cashier.id)"

            let (found, foundBody) = try await sendJSON(client, .get, path, token: adminToken)
            #expect(found == .ok && (foundBody as? [String: Any])?["email"] as? String == "cashier@example.com")
            #expect(try await sendJSON(client, .get, "/api/v1/users/nobody", token: adminToken).0 == .notFound)
            #expect(try await sendJSON(client, .patch, "/api/v1/users/nobody", token: adminToken, "{}").0 == .notFound)
            let managerToken = try await apiToken(for: users[.manager], on: store)
            #expect(try await sendJSON(client, .patch, path, token: managerToken, #"{"name": "x"}"#).0 == .forbidden)

            // A new role: the user's sessions end and its token acts with the new role.
            let (promoted, promotedBody) = try await sendJSON(
                client, .patch, path, token: adminToken, #"{"role": "stocktaker", "name": "Sam Counter"}"#)
            #expect(promoted == .ok)
            #expect((promotedBody as? [String: Any])?["role"] as? String == "stocktaker")
            #expect((promotedBody as? [String: Any])?["name"] as? String == "Sam Counter")
            #expect(try await cashierBrowser.send(.get, "/app").status == .found, "signed out by the new role")
            let (me, meBody) = try await sendJSON(client, .get, "/api/v1/me", token: cashierToken)
            #expect(me == .ok && (meBody as? [String: Any])?["role"] as? String == "stocktaker")

            // A wrong change names its field and changes nothing.
            for (body, field) in [
                (#"{"role": "boss"}"#, "role"), (#"{"role": "supplier"}"#, "supplierID"),
                (#"{"role": "supplier", "supplierID": "NOPE"}"#, "supplierID"), (#"{"name": ""}"#, "name"),
            ] {
                let (status, answer) = try await sendJSON(client, .patch, path, token: adminToken, body)
                #expect(status == .unprocessableContent, "\(body)")
                #expect(((answer as? [String: Any])?["fields"] as? [String: String])?[field] != nil, "\(body)")
            }
            let bound = try await sendJSON(
                client, .patch, path, token: adminToken, #"{"role": "supplier", "supplierID": "ACME"}"#)
            #expect(bound.0 == .ok && (bound.1 as? [String: Any])?["supplierID"] as? String == "ACME")

            // Disabling revokes the tokens; enabling again does not bring them back.
            let (disabled, disabledBody) = try await sendJSON(
                client, .patch, path, token: adminToken, #"{"disabled": true}"#)
            #expect(disabled == .ok && (disabledBody as? [String: Any])?["disabledAt"] is NSNumber)
            #expect(try await sendJSON(client, .get, "/api/v1/me", token: cashierToken).0 == .unauthorized)
            let (enabled, enabledBody) = try await sendJSON(
                client, .patch, path, token: adminToken, #"{"disabled": false}"#)
            #expect(enabled == .ok && (enabledBody as? [String: Any])?["disabledAt"] == nil)
            #expect(try await sendJSON(client, .get, "/api/v1/me", token: cashierToken).0 == .unauthorized)

            // Nobody changes their own role or disables themselves, over the API or on the page.
            let own = "/api/v1/users/\(admin.id)"
            for (body, field) in [(#"{"role": "manager"}"#, "role"), (#"{"disabled": true}"#, "disabled")] {
                let (status, answer) = try await sendJSON(client, .patch, own, token: adminToken, body)
                #expect(status == .unprocessableContent)
                #expect(
                    ((answer as? [String: Any])?["fields"] as? [String: String])?[field]
                        == "you cannot change your own role or disable yourself")
            }
            #expect(try await sendJSON(client, .patch, own, token: adminToken, #"{"name": "Ada Admin"}"#).0 == .ok)
            var adminBrowser = WebClient(client)
            _ = try await adminBrowser.signIn("admin@example.com", Self.password)
            let page = try await adminBrowser.send(.get, "/app/users/\(admin.id)")
            let refused = try await adminBrowser.send(
                .post, "/app/users/\(admin.id)",
                form: ["_csrf": WebClient.csrf(page) ?? "", "name": "Ada Admin", "role": "manager"])
            #expect(refused.status == .unprocessableContent)
            #expect(
                WebClient.text(refused).contains(
                    "<p class=\"field-error\" id=\"role-error\">you cannot change your own role or disable yourself"))
            let stored = try await store.read { db in try Users.user(id: admin.id, on: db) }
            #expect(stored?.role == .admin && stored?.name == "Ada Admin")

            // The trail has every change with its before and after, under the administrator.
            let changes = try await store.read { db in
                try db.query(
                    "SELECT actor, after_json FROM audit_log WHERE entity = 'user' AND entity_id = ? AND action = ? "
                        + "ORDER BY sequence", .text(cashier.id), .text("update"))
            }
            #expect(changes.count == 4, "role and name, supplier, disabled, enabled")
            #expect(changes.allSatisfy { $0.text("actor") == admin.id })
        }
    }
}
