import ArgumentParser
import Foundation
import TallyCentral

/// `tally-central user add / list`: the back office's users from the command line, for the first administrator
/// and for scripts. The password is read from standard input, never from the command line (which other users of
/// the machine can see).
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Add and list back-office users, make API tokens.",
        subcommands: [Add.self, List.self, Token.self])

    /// `tally-central user token EMAIL NAME`: an API token for a user, for a script on the server (such as
    /// `tallyctl verify --central`); printed once, stored as its hash, revoked on the user's account page.
    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an API token for a user and print it once (token tlu_…).")
        @OptionGroup var options: ConfigOption
        @Argument(help: "The user's e-mail address.") var email: String
        @Argument(help: "What the token is for, as the account page lists it.") var name: String

        func run() async throws {
            let configuration = try await options.load()
            let email = email
            let name = name
            do {
                let secret = try await options.withStore(configuration) { store in
                    try await store.write { db -> String? in
                        guard let user = try Users.user(email: Users.canonicalEmail(email), on: db), !user.isDisabled
                        else { return nil }
                        return try APITokens.create(
                            userID: user.id, name: name, actor: "cli:user-token", now: Central.now(), on: db
                        ).secret
                    }
                }
                guard let secret else { throw ValidationError("there is no enabled user \(email)") }
                print("token \(secret)")
            } catch let errors as FieldErrors {
                throw ValidationError(errors.description)
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user; the password is read from the first line of standard input.",
            discussion: """
                Example: printf '%s\\n' "$PASSWORD" | tally-central user add --role admin ana@example.com "Ana Lima"
                Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")). A supplier user needs --supplier, a \
                customer user --customer.
                """)
        @OptionGroup var options: ConfigOption
        @Option(help: "The user's role.") var role: String
        @Option(help: "The supplier a supplier user speaks for.") var supplier: String?
        @Option(help: "The customer a customer user is.") var customer: String?
        @Argument(help: "The e-mail address the user signs in with.") var email: String
        @Argument(help: "The user's name.") var name: String

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError(
                    "the role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")), not \(role)")
            }
            guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                throw ValidationError("give the password on standard input, on one line")
            }
            let configuration = try await options.load()
            let draft = UserDraft(
                email: email, name: name, role: role, supplierID: supplier, customerID: customer, password: password)
            do {
                let user = try await options.withStore(configuration) { store in
                    try await store.write { db in
                        try Users.create(
                            draft, cost: configuration.bcryptCost, actor: "cli:user-add", now: Central.now(), on: db)
                    }
                }
                print("user \(user.id) \(user.email) \(user.role.rawValue)")
            } catch let errors as FieldErrors {
                throw ValidationError(errors.description)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users as JSON lines.")
        @OptionGroup var options: ConfigOption

        func run() async throws {
            let users = try await options.withStore(try await options.load()) { store in
                try await store.read { db in try Users.all(on: db) }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            for user in users { print(String(decoding: try encoder.encode(user), as: UTF8.self)) }
        }
    }
}
