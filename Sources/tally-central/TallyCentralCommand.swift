import ArgumentParser
import Foundation
import Logging
import TallyCentral
import TallyConfiguration

/// `tally-central`: the central server, and the operator's commands for stations, managers and the catalog.
@main
struct TallyCentralCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally-central",
        abstract: "The Tally central server: where stations' sales and stock meet.",
        discussion: """
            Configuration comes from the YAML file with environment overrides (CENTRAL_STATE_DIRECTORY=/srv/tally
            replaces central.stateDirectory; DATABASE_URL=postgres://USER:PASSWORD@HOST/DATABASE makes central keep
            its data in PostgreSQL instead of SQLite); see Config/README.md.
            """,
        subcommands: [Serve.self, StationCommand.self, ManagerCommand.self, UserCommand.self, CatalogCommand.self],
        defaultSubcommand: Serve.self)
}

struct ConfigOption: ParsableArguments {
    @Option(name: .shortAndLong, help: "The configuration file.")
    var config = "/etc/tally/central.yaml"

    func load() async throws -> CentralConfiguration {
        do {
            return try await CentralConfiguration.load(yamlFile: config)
        } catch {
            FileHandle.standardError.write(Data("tally-central: \(error)\n".utf8))
            throw ExitCode(78)  // EX_CONFIG: systemd will not restart a server that cannot read its configuration.
        }
    }

    /// Runs `body` with central's store, SQLite or PostgreSQL as configured; a store that cannot be opened is
    /// reported in words and ends the command.
    func withStore<Result: Sendable>(
        _ configuration: CentralConfiguration, _ body: @Sendable (any CentralStore) async throws -> Result
    ) async throws -> Result {
        // Warnings only, to standard error: standard output carries what the command prints.
        var logger = Logger(label: "tally-central", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .warning
        do {
            return try await CentralServer.withStore(configuration, logger: logger, body)
        } catch let error as PostgresStoreError {
            FileHandle.standardError.write(Data("tally-central: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}

/// A summary of a catalog file as imported, for the audit trail.
struct CatalogImportSummary: Encodable, Sendable {
    var records: Int
    var kinds: [String: Int]
    var highestChange: Int64
    /// SHA-256 of the file, so that the entry names exactly what was loaded.
    var sha256: String
}

/// Writes what a command changed to the back office's audit trail, under the actor `cli:<command>`: a change made
/// at the command line is as much a change as one made on a page. In a transaction of its own, right after the
/// change's.
func audit<After: Encodable & Sendable>(
    _ store: any CentralStore, _ command: String, action: String, entity: String, id: String, after: After?
) async throws {
    let now = TallyCentral.Central.now()
    try await store.write { db in
        try Audit.record(
            actor: "cli:" + command, action: action, entity: entity, id: id, before: nil as String?, after: after,
            now: now, on: db)
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server until SIGTERM.")

    @OptionGroup var options: ConfigOption

    func run() async throws {
        let configuration = try await options.load()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = configuration.logLevel
            return handler
        }
        do {
            try await CentralServer(configuration: configuration, logger: Logger(label: "tally-central")).run()
        } catch {
            Logger(label: "tally-central").critical("tally-central stopped: \(error)")
            throw ExitCode.failure
        }
    }
}

struct StationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "station", abstract: "Add, list, enrol again and revoke stations.",
        subcommands: [Add.self, List.self, Enrol.self, Revoke.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a station and print its one-time enrolment code.")
        @OptionGroup var options: ConfigOption
        @Argument(help: "A name people know the station by, such as \"Front till\".") var name: String

        func run() async throws {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.count <= 80,
                !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else { throw ValidationError("the name must have 1 to 80 printable characters") }
            let configuration = try await options.load()
            let code = Secrets.enrolmentCode()
            let station = try await options.withStore(configuration) { store in
                let station = try await store.createStation(
                    name: trimmed, codeHash: Secrets.hashCode(code),
                    expiresAt: TallyCentral.Central.now() + Int64(configuration.enrolmentHours) * 3_600_000,
                    now: TallyCentral.Central.now())
                try await audit(
                    store, "station-add", action: "create", entity: "station", id: station.id, after: station)
                return station
            }
            print("station \(station.id) \"\(station.name)\"")
            print("enrolment code \(code), good once for \(configuration.enrolmentHours) hours:")
            print("  tallyctl enroll URL \(code)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the stations as JSON lines.")
        @OptionGroup var options: ConfigOption

        func run() async throws {
            let stations = try await options.withStore(try await options.load()) { store in try await store.stations() }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            for station in stations {
                print(String(decoding: try encoder.encode(station), as: UTF8.self))
            }
        }
    }

    struct Enrol: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a station a new enrolment code (its token stops working once the code is used).")
        @OptionGroup var options: ConfigOption
        @Argument(help: "The station's id.") var id: String

        func run() async throws {
            let configuration = try await options.load()
            let code = Secrets.enrolmentCode()
            let id = self.id
            let renewed = try await options.withStore(configuration) { store in
                let renewed = try await store.renewEnrolment(
                    stationID: id, codeHash: Secrets.hashCode(code),
                    expiresAt: TallyCentral.Central.now() + Int64(configuration.enrolmentHours) * 3_600_000)
                if renewed {
                    try await audit(
                        store, "station-enrol", action: "renew-enrolment", entity: "station", id: id,
                        after: nil as String?)
                }
                return renewed
            }
            guard renewed else {
                throw ValidationError("there is no station \(id) that may enrol (unknown or revoked)")
            }
            print("enrolment code \(code), good once for \(configuration.enrolmentHours) hours")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a station's token for good.")
        @OptionGroup var options: ConfigOption
        @Argument(help: "The station's id.") var id: String

        func run() async throws {
            let id = self.id
            let revoked = try await options.withStore(try await options.load()) { store in
                let revoked = try await store.revoke(stationID: id, now: TallyCentral.Central.now())
                if revoked {
                    try await audit(
                        store, "station-revoke", action: "revoke", entity: "station", id: id, after: nil as String?)
                }
                return revoked
            }
            guard revoked else { throw ValidationError("there is no station \(id)") }
            print("station \(id) revoked")
        }
    }
}
