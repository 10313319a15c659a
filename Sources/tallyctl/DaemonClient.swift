import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Where `tallyctl` finds a running `tallyd`: `--url`, or `TALLY_URL`, or the default loopback address.
struct DaemonOptions: ParsableArguments {
    @Option(help: "The station's local API (default: $TALLY_URL or http://127.0.0.1:8417).")
    var url: String?

    @Option(help: "The lane to act on (default: the station's first lane).")
    var lane: String?

    var baseURL: String {
        let base = url ?? ProcessInfo.processInfo.environment["TALLY_URL"] ?? "http://127.0.0.1:8417"
        return base.hasSuffix("/") ? String(base.dropLast()) : base
    }
}

/// An answer from the daemon.
struct DaemonResponse {
    let status: Int
    let body: Data

    var text: String { String(decoding: body, as: UTF8.self) }

    func json() -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    /// The daemon's error message, or the status when it gave none.
    var errorMessage: String {
        (json()?["error"] as? String) ?? "the daemon answered \(status)"
    }
}

/// Sends requests to `tallyd` over its local HTTP API.
struct DaemonClient {
    let baseURL: String

    /// A client that gives up at once when nothing listens: the daemon is local, so a refused connection means
    /// it is not running, not that the network is slow.
    static let http: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(5)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    func get(_ path: String) async throws -> DaemonResponse {
        try await send(path, method: .GET, body: nil)
    }

    func post(_ path: String, json: [String: Any]) async throws -> DaemonResponse {
        try await send(path, method: .POST, body: try JSONSerialization.data(withJSONObject: json))
    }

    private func send(_ path: String, method: HTTPMethod, body: Data?) async throws -> DaemonResponse {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await Self.http.execute(request, timeout: .seconds(30))
            let buffer = try await response.body.collect(upTo: 16 * 1024 * 1024)
            return DaemonResponse(status: Int(response.status.code), body: Data(buffer.readableBytesView))
        } catch {
            throw CommandFailure("cannot reach tallyd at \(baseURL): \(error). Is it running?")
        }
    }
}

/// A command that could not be carried out: printed as `Error: …` without the usage text, which is for mistakes
/// in the arguments.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
