import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
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

    /// Central's store as the configuration chooses it, and what must run for it to work.
    public struct OpenedStore: Sendable {
        public var store: any CentralStore
        /// Services that must run while the store is used, before ``prepare`` is called: PostgreSQL's connection
        /// pool; none for SQLite.
        public var services: [any Service]
        /// Where the data is, for logs: the SQLite file's path, or the database URL without its password.
        public var location: String
        /// Brings the schema up to date once ``services`` run (SQLite's is brought up to date on opening).
        public var prepare: @Sendable () async throws -> Void
    }

    /// Opens the PostgreSQL database of `database.url` when it is set, else central's SQLite database in the
    /// state folder (creating the folder when needed).
    public static func openStore(_ configuration: CentralConfiguration, logger: Logger) throws -> OpenedStore {
        if let url = configuration.databaseURL {
            let store = PostgresCentralStore(url: url, logger: logger)
            return OpenedStore(
                store: store, services: [store], location: url.description, prepare: { try await store.migrate() })
        }
        try FileManager.default.createDirectory(
            atPath: configuration.stateDirectory, withIntermediateDirectories: true)
        let store = try SQLiteCentralStore(path: configuration.databasePath, logger: logger)
        return OpenedStore(store: store, services: [], location: store.path, prepare: {})
    }

    /// Opens the store, runs what it needs for as long as `body` runs, and stops it again: for commands that use
    /// the store once and exit.
    public static func withStore<Result: Sendable>(
        _ configuration: CentralConfiguration, logger: Logger,
        _ body: @Sendable (any CentralStore) async throws -> Result
    ) async throws -> Result {
        let opened = try openStore(configuration, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for service in opened.services { group.addTask { try await service.run() } }
            defer { group.cancelAll() }
            try await opened.prepare()
            return try await body(opened.store)
        }
    }

    public func run() async throws {
        let configuration = self.configuration
        let logger = self.logger
        try FileManager.default.createDirectory(
            atPath: configuration.stateDirectory, withIntermediateDirectories: true)
        let opened = try Self.openStore(configuration, logger: logger)
        let portFile = (configuration.stateDirectory as NSString).appendingPathComponent("api-port")
        let scheme = configuration.tls == nil ? "http" : "https"
        var app = Application(
            router: CentralAPI.router(
                store: opened.store, signIn: SignIn(bcryptCost: configuration.bcryptCost),
                secureCookies: configuration.tls != nil, currency: configuration.currency,
                priceMode: configuration.priceMode, countVariance: configuration.countVariance),
            server: try Self.server(configuration),
            configuration: .init(
                address: .hostname(configuration.apiHost, port: configuration.apiPort),
                serverName: "tally-central"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.apiPort
                try? "\(port)\n".write(toFile: portFile, atomically: true, encoding: .utf8)
                logger.info(
                    "tally-central ready",
                    metadata: [
                        "api": "\(scheme)://\(configuration.apiHost):\(port)", "database": "\(opened.location)",
                    ])
            }, logger: logger)
        // The store's services start first and stop last; the schema is brought up to date before the API listens.
        app.beforeServerStarts { try await opened.prepare() }
        var services: [any Service] = opened.services + [app]
        if configuration.alertsWebhook != nil || configuration.alertsMailer != nil {
            services.append(
                AlertSender(
                    database: opened.store, webhook: configuration.alertsWebhook, mailer: configuration.alertsMailer,
                    interval: .seconds(configuration.alertsInterval), countVariance: configuration.countVariance,
                    clock: Central.now, logger: logger))
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        logger.info("tally-central stopped")
    }

    /// HTTP/1.1, over TLS when the configuration names a certificate and key (swift-nio-ssl, TLS 1.2 and 1.3).
    static func server(_ configuration: CentralConfiguration) throws -> HTTPServerBuilder {
        guard let files = configuration.tls else { return .http1() }
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(files.certificate)
            guard !chain.isEmpty else { throw TLSFileError(description: "it holds no certificate") }
        } catch {
            throw TLSFileError(description: "tls.certificate \(files.certificate) cannot be used: \(error)")
        }
        do {
            key = try NIOSSLPrivateKey(file: files.privateKey, format: .pem)
        } catch {
            throw TLSFileError(description: "tls.privateKey \(files.privateKey) cannot be used: \(error)")
        }
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        tls.minimumTLSVersion = .tlsv12
        return try .tls(.http1(), tlsConfiguration: tls)
    }
}

/// A certificate or key file that cannot be used, in words.
struct TLSFileError: Error, CustomStringConvertible {
    var description: String
}
