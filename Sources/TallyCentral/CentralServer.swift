import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// `tally-central` assembled: the store and the HTTP API, run as one ServiceGroup that finishes the requests
/// under way and stops on SIGTERM or SIGINT.
public struct CentralServer {
    public var configuration: CentralConfiguration
    public var logger: Logger

    public init(configuration: CentralConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Opens central's SQLite database in the state folder, creating the folder when needed.
    public static func openStore(_ configuration: CentralConfiguration) throws -> SQLiteCentralStore {
        try FileManager.default.createDirectory(
            atPath: configuration.stateDirectory, withIntermediateDirectories: true)
        return try SQLiteCentralStore(path: configuration.databasePath)
    }

    public func run() async throws {
        let store = try Self.openStore(configuration)
        let configuration = self.configuration
        let logger = self.logger
        let portFile = (configuration.stateDirectory as NSString).appendingPathComponent("api-port")
        let app = Application(
            router: CentralAPI.router(store: store),
            configuration: .init(
                address: .hostname(configuration.apiHost, port: configuration.apiPort),
                serverName: "tally-central"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.apiPort
                try? "\(port)\n".write(toFile: portFile, atomically: true, encoding: .utf8)
                logger.info(
                    "tally-central ready",
                    metadata: [
                        "api": "http://\(configuration.apiHost):\(port)", "database": "\(store.path)",
                    ])
            }, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        logger.info("tally-central stopped")
    }
}
