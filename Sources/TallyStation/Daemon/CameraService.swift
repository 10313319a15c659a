import Logging
import ServiceLifecycle
import TallyImage

/// Reads a camera continuously and hands each code it sees to a lane, once per appearance.
///
/// A camera that is missing or unplugged never stops the daemon: it is looked for again every few seconds, and
/// each new reason it cannot be used is logged once.
public struct CameraService: Service {
    let configuration: CameraConfiguration
    let station: Station
    let logger: Logger

    public init(configuration: CameraConfiguration, station: Station, logger: Logger) {
        self.configuration = configuration
        self.station = station
        self.logger = logger
    }

    public func run() async throws {
        let options = CameraScanner.Options(
            device: configuration.device, holdTime: .milliseconds(configuration.holdMilliseconds),
            readsDataMatrix: true)
        let device = "camera \(configuration.device)"
        var lastProblem: String?
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let camera = try CameraScanner(options: options)
                lastProblem = nil
                logger.info("reading barcodes from \(configuration.device)")
                await withGracefulShutdownHandler {
                    for await barcode in camera.results() {
                        do {
                            let outcome = try await station.submit(
                                barcode.scanBytes, lane: configuration.lane, source: .image, device: device)
                            if !outcome.accepted {
                                logger.notice("camera scan refused: \(outcome.reason ?? "refused")")
                            }
                        } catch {
                            logger.error("a camera scan could not be recorded: \(error)")
                        }
                    }
                } onGracefulShutdown: {
                    camera.stop()
                }
                camera.stop()
                if !Task.isShuttingDownGracefully {
                    logger.warning("\(configuration.device) stopped delivering frames")
                }
            } catch {
                let problem = "\(error)"
                if problem != lastProblem { logger.warning("\(problem); looking again every 5 seconds") }
                lastProblem = problem
            }
            try? await Task.sleep(for: .seconds(5))
        }
    }
}
