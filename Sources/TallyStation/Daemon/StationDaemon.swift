import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import TallyCore
import TallyScan

/// `tallyd` assembled: the database, the station with its lanes, the local API, scan sources and printers,
/// run as one ServiceGroup that shuts down gracefully on SIGTERM and SIGINT.
public struct StationDaemon {
    public var configuration: StationConfiguration
    /// Scan lines read from standard input into the first lane.
    public var readStandardInput = false
    /// Replay files whose scans are fed into the first lane at start.
    public var replayFiles: [String] = []
    /// Recorded input events (evemu-record text or raw `struct input_event` files), each replayed as the
    /// configured scanner named with it would be read.
    public var eventRecordings: [(scanner: String, path: String)] = []
    public var logger: Logger

    public init(configuration: StationConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Opens everything and runs until a shutdown signal; tells systemd when it is ready and when it stops.
    public func run() async throws {
        let started = ContinuousClock.now
        let database = try StationDatabase(stateDirectory: configuration.stateDirectory)
        let printers = Dictionary(
            uniqueKeysWithValues: configuration.lanes.compactMap { lane in
                lane.printer.map { (lane.id, (ReceiptPrinter($0), $0.paper)) }
            })
        let configuration = self.configuration
        let logger = self.logger
        let station = try Station(configuration: configuration, database: database, logger: logger) {
            lane, receipt, isCopy in
            guard let (printer, paper) = printers[lane] else { return }
            do {
                let document = try configuration.document(for: receipt, isCopy: isCopy)
                try await printer.send(ESCPOSEncoder(paper: paper).encode(document))
                _ = try database.markPrinted(receipt: receipt.number)
            } catch {
                logger.error("receipt \(receipt.number) did not print on lane \(lane): \(error)")
            }
        }
        let scannerReader =
            configuration.scanners.isEmpty ? nil : try ScannerReader(scanners: configuration.scanners)
        let sync = try SyncEngine(
            database: database, configuration: configuration.sync, stationCode: configuration.stationCode,
            logger: logger
        ) { [station] in
            do {
                try await station.catalogChanged()
            } catch {
                logger.error("lanes could not reload the catalog after a sync: \(error)")
            }
        }
        let notifier = SystemdNotifier()
        let portFile = (configuration.stateDirectory as NSString).appendingPathComponent("api-port")
        let app = Application(
            router: StationAPI.router(station: station, scanners: scannerReader, sync: sync),
            configuration: .init(
                address: .hostname(configuration.api.host, port: configuration.api.port), serverName: "tallyd"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.api.port
                try? "\(port)\n".write(toFile: portFile, atomically: true, encoding: .utf8)
                logger.info(
                    "tallyd ready",
                    metadata: [
                        "station": "\(configuration.stationCode)", "api": "http://\(configuration.api.host):\(port)",
                        "database": "\(database.path)",
                        "startup": "\(ContinuousClock.now - started)",
                    ])
                do {
                    try notifier.notify(.ready, .status("selling on \(configuration.lanes.count) lane(s)"))
                } catch {
                    logger.warning("could not tell systemd that tallyd is ready: \(error)")
                }
            }, logger: logger)
        var services: [any Service] = [app, PrintSpoolService(station: station), SyncService(engine: sync)]
        if let interval = notifier.watchdogInterval {
            services.append(WatchdogService(notifier: notifier, interval: interval, database: database, logger: logger))
        }
        let firstLane = configuration.lanes[0].id
        for file in replayFiles {
            services.append(ScanLineSource(input: .file(path: file), lane: firstLane, station: station, logger: logger))
        }
        if let scannerReader {
            services.append(ScannerService(input: .live(scannerReader), station: station, logger: logger))
        }
        for (id, path) in eventRecordings {
            guard let scanner = configuration.scanners.first(where: { $0.id == id }) else {
                throw ScannerInputError(
                    message: "no scanner \(id) is configured to replay \(path) as; scanners are "
                        + configuration.scanners.map(\.id).joined(separator: ", "))
            }
            services.append(
                ScannerService(input: .recording(path: path, scanner: scanner), station: station, logger: logger))
        }
        if let folder = configuration.images.watchFolder {
            services.append(
                ImageFolderService(
                    folder: folder, lane: configuration.images.lane,
                    intake: ImageIntake(limits: configuration.images.limits, station: station), logger: logger))
        }
        if let camera = configuration.camera {
            services.append(CameraService(configuration: camera, station: station, logger: logger))
        }
        if readStandardInput {
            services.append(ScanLineSource(input: .standardInput, lane: firstLane, station: station, logger: logger))
        }
        let group = ServiceGroup(
            configuration: .init(
                services: services.map {
                    .init(
                        service: $0,
                        successTerminationBehavior: Self.endsOnItsOwn($0) ? .ignore : .gracefullyShutdownGroup)
                }, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        try? notifier.notify(.stopping)
        logger.info("tallyd stopped")
    }
}

extension StationDaemon {
    /// Sources that finish when their input ends (a replay, standard input) while the station sells on.
    static func endsOnItsOwn(_ service: any Service) -> Bool {
        if service is ScanLineSource { return true }
        if let scanners = service as? ScannerService, case .recording = scanners.input { return true }
        return false
    }
}

/// Runs the station's print spool; on shutdown it prints what is queued, then ends.
struct PrintSpoolService: Service {
    let station: Station

    func run() async {
        await withGracefulShutdownHandler {
            await station.runPrintSpool()
        } onGracefulShutdown: {
            station.finishPrinting()
        }
    }
}
