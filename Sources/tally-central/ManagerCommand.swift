import ArgumentParser
import Foundation
import TallyCentral

/// `tally-central manager add / list / revoke`: tokens for the management API, until the back office has users and
/// passwords of its own.
struct ManagerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manager", abstract: "Add, list and revoke managers' tokens for the management API.",
        subcommands: [Add.self, List.self, Revoke.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a manager and print their token, once.",
            discussion: """
                The token goes in the management API's requests as Authorization: Bearer TOKEN. Central keeps only \
                its hash: keep the token somewhere safe, and revoke it when it is lost.
                """)
        @OptionGroup var options: ConfigOption
        @Argument(help: "Who the token is for, such as \"Sam (store manager)\".") var name: String

        func run() async throws {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.count <= 80,
                !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else { throw ValidationError("the name must have 1 to 80 printable characters") }
            let token = Secrets.managerToken()
            let manager = try await options.withStore(try await options.load()) { store in
                let manager = try await store.createManager(
                    name: trimmed, tokenHash: Secrets.hashToken(token), now: TallyCentral.Central.now())
                try await audit(
                    store, "manager-add", action: "create", entity: "manager", id: manager.id, after: manager)
                return manager
            }
            print("manager \(manager.id) \"\(manager.name)\"")
            print("token \(token)")
            print("  shown this once: central keeps only its hash (tally-central manager revoke \(manager.id))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the managers as JSON lines.")
        @OptionGroup var options: ConfigOption

        func run() async throws {
            let managers = try await options.withStore(try await options.load()) { store in
                try await store.managers()
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            for manager in managers {
                print(String(decoding: try encoder.encode(manager), as: UTF8.self))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a manager's token for good.")
        @OptionGroup var options: ConfigOption
        @Argument(help: "The manager's id.") var id: String

        func run() async throws {
            let id = self.id
            let revoked = try await options.withStore(try await options.load()) { store in
                let revoked = try await store.revokeManager(id: id, now: TallyCentral.Central.now())
                if revoked {
                    try await audit(
                        store, "manager-revoke", action: "revoke", entity: "manager", id: id, after: nil as String?)
                }
                return revoked
            }
            guard revoked else { throw ValidationError("there is no manager \(id)") }
            print("manager \(id) revoked")
        }
    }
}
