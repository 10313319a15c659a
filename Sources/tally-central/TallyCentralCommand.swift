import ArgumentParser
import Foundation
import Logging
import TallyCentral
import TallyConfiguration

/// `tally-central`: the central server, and the operator's commands for stations.
@main
struct TallyCentralCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally-central",
        abstract: "The Tally central server: where stations' sales and stock meet.",
        discussion: """
            Configuration comes from the YAML file with environment overrides (CENTRAL_STATE_DIRECTORY=/srv/tally
            replaces central.stateDirectory); see Config/README.md.
            """,
        subcommands: [Serve.self, StationCommand.self, CatalogCommand.self], defaultSubcommand: Serve.self)
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
            let store = try CentralServer.openStore(configuration)
            let code = Secrets.enrolmentCode()
            let station = try await store.createStation(
                name: trimmed, codeHash: Secrets.hashCode(code),
                expiresAt: TallyCentral.Central.now() + Int64(configuration.enrolmentHours) * 3_600_000,
                now: TallyCentral.Central.now())
            print("station \(station.id) \"\(station.name)\"")
            print("enrolment code \(code), good once for \(configuration.enrolmentHours) hours:")
            print("  tallyctl enroll URL \(code)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the stations as JSON lines.")
        @OptionGroup var options: ConfigOption

        func run() async throws {
            let store = try CentralServer.openStore(try await options.load())
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            for station in try await store.stations() {
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
            let store = try CentralServer.openStore(configuration)
            let code = Secrets.enrolmentCode()
            guard
                try await store.renewEnrolment(
                    stationID: id, codeHash: Secrets.hashCode(code),
                    expiresAt: TallyCentral.Central.now() + Int64(configuration.enrolmentHours) * 3_600_000)
            else { throw ValidationError("there is no station \(id) that may enrol (unknown or revoked)") }
            print("enrolment code \(code), good once for \(configuration.enrolmentHours) hours")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a station's token for good.")
        @OptionGroup var options: ConfigOption
        @Argument(help: "The station's id.") var id: String

        func run() async throws {
            let store = try CentralServer.openStore(try await options.load())
            guard try await store.revoke(stationID: id, now: TallyCentral.Central.now()) else {
                throw ValidationError("there is no station \(id)")
            }
            print("station \(id) revoked")
        }
    }
}
