import ArgumentParser
import Foundation
import Logging
import TallyStation

/// `tallyd`: the station daemon. Reads its configuration, then runs the station until SIGTERM.
@main
struct Tallyd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tallyd",
        abstract: "The Tally station daemon: scans become sales, receipts and stock movements.",
        discussion: """
            Configuration comes from the YAML file with environment overrides (STATION_CODE=TILL2 replaces
            station.code); see Config/README.md. The local API listens on api.host:api.port (loopback).
            """)

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config = "/etc/tally/station.yaml"

    @Flag(help: "Read scans from standard input, one per line (\\x1D for GS), into the first lane.")
    var stdin = false

    @Option(help: "Feed the scans of this file into the first lane at start (repeatable).")
    var replay: [String] = []

    @Option(
        name: .customLong("replay-events"),
        help: ArgumentHelp(
            "Replay recorded input events as a configured scanner would be read (repeatable).",
            discussion: "SCANNER=FILE; FILE holds evemu-record text or raw struct input_event records.",
            valueName: "scanner=file"))
    var replayEvents: [String] = []

    func run() async throws {
        let configuration: StationConfiguration
        do {
            configuration = try await StationConfiguration.load(yamlFile: config)
        } catch {
            FileHandle.standardError.write(Data("tallyd: \(error)\n".utf8))
            throw ExitCode(78)  // EX_CONFIG: systemd will not restart a daemon that cannot read its configuration.
        }
        let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var daemon = StationDaemon(configuration: configuration, logger: Logger(label: "tallyd"))
        daemon.readStandardInput = stdin
        daemon.replayFiles = replay
        for item in replayEvents {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex,
                item.index(after: equals) != item.endIndex
            else {
                throw ValidationError("--replay-events takes SCANNER=FILE, such as front=scan.events; got \(item)")
            }
            daemon.eventRecordings.append((String(item[..<equals]), String(item[item.index(after: equals)...])))
        }
        do {
            try await daemon.run()
        } catch {
            Logger(label: "tallyd").critical("tallyd stopped: \(error)")
            throw ExitCode.failure
        }
    }
}
