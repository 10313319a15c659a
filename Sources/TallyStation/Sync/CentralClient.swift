import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import TallySync

/// Why a request to central did not succeed, in words for `tallyctl status`.
public enum SyncFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// Central could not be reached, or did not answer in time: the network or central is down.
    case unreachable(String)
    /// Central does not accept the station's token: it was revoked, or central's database was replaced.
    case unauthorized(String)
    /// Central holds something else under the station's sequences: the outbox does not match what it sent.
    case conflict(String, highestSequence: Int64?)
    /// Central refused the request as invalid.
    case rejected(status: Int, String)
    /// Central failed (5xx): nothing was recorded there.
    case serverError(status: Int, String)
    /// Central answered with something that is not the protocol.
    case invalidAnswer(String)

    public var description: String {
        switch self {
        case .unreachable(let reason): "central cannot be reached: \(reason)"
        case .unauthorized(let reason): "central does not accept this station's token (\(reason)); enrol again"
        case .conflict(let reason, _): "central holds other events under this station's sequences: \(reason)"
        case .rejected(let status, let reason): "central refused the request (\(status)): \(reason)"
        case .serverError(let status, let reason): "central failed (\(status)): \(reason)"
        case .invalidAnswer(let reason): "central's answer is not the sync protocol: \(reason)"
        }
    }
}

/// The station's side of the sync API: enrolment, pushes of outbox events and pages of catalog changes.
struct CentralClient: Sendable {
    let http: HTTPClient
    /// Central's address without a trailing slash, such as `https://central.example.com`.
    let baseURL: String
    let token: String?
    var tls: TLSConfiguration? = nil
    /// How long one request may take, from sending to the last byte of the answer.
    var timeout: TimeAmount = .seconds(60)

    /// The largest answer read: a page of 20,000 large products, uncompressed.
    static let maximumAnswer = 256 << 20

    /// The HTTP client every request to central goes through, for the life of the process: answers are
    /// decompressed (at most 100 times their compressed size); connections are kept for the next round.
    static let sharedHTTP: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(10)
        configuration.timeout.read = .seconds(60)
        configuration.decompression = .enabled(limit: .ratio(100))
        configuration.connectionPool.idleTimeout = .seconds(30)
        // A refused connection fails the round at once; the engine's backoff decides when to try again.
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// Certificates are checked against the system's trust store, or against `trustedCertificates` (a PEM file)
    /// for a central with its own certificate authority.
    static func tlsConfiguration(trustedCertificates: String?) -> TLSConfiguration? {
        guard let trustedCertificates else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file(trustedCertificates)
        return tls
    }

    /// Checks an address an operator typed: http or https, a host, nothing after the path.
    static func normalisedURL(_ text: String) throws(SyncFailure) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
            components.query == nil, components.fragment == nil, components.user == nil
        else {
            throw .rejected(
                status: 0,
                "\(text.debugDescription) is not an address of central; give one such as https://central.example.com")
        }
        return trimmed.hasSuffix("/") ? String(trimmed.dropLast()) : trimmed
    }

    func enroll(code: String, stationCode: String) async throws(SyncFailure) -> EnrollResponse {
        let body = try encode(EnrollRequest(code: code, stationCode: stationCode))
        let (status, answer) = try await send(.POST, SyncAPI.enrollPath, body: body)
        guard status == 201 else {
            if status == 403 { throw .rejected(status: status, problem(answer)) }
            throw failure(status: status, answer)
        }
        return try decode(EnrollResponse.self, answer)
    }

    /// Sends events (JSON envelopes in sequence order) and answers what central now holds.
    func push(_ events: [PendingEvent]) async throws(SyncFailure) -> PushResponse {
        var body = ByteBuffer()
        body.writeString(#"{"events":["#)
        for (index, event) in events.enumerated() {
            if index > 0 { body.writeString(",") }
            body.writeString(event.json)
        }
        body.writeString("]}")
        let (status, answer) = try await send(.POST, SyncAPI.eventsPath, body: body)
        guard status == 200 else { throw failure(status: status, answer) }
        return try decode(PushResponse.self, answer)
    }

    /// The page of changes after `cursor`.
    func changes(after cursor: Int64, limit: Int) async throws(SyncFailure) -> ChangesPage {
        let (status, answer) = try await send(.GET, "\(SyncAPI.changesPath)?after=\(cursor)&limit=\(limit)", body: nil)
        guard status == 200 else { throw failure(status: status, answer) }
        return try decode(ChangesPage.self, answer)
    }

    private func send(
        _ method: HTTPMethod, _ path: String, body: ByteBuffer?
    ) async throws(SyncFailure) -> (Int, ByteBuffer) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.tlsConfiguration = tls
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "Accept-Encoding", value: "gzip")
        request.headers.add(name: "User-Agent", value: "tallyd")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body)
        }
        do {
            let response = try await http.execute(request, timeout: timeout)
            let answer = try await response.body.collect(upTo: Self.maximumAnswer)
            return (Int(response.status.code), answer)
        } catch let error as HTTPClientError {
            throw .unreachable(Self.describe(error))
        } catch {
            throw .unreachable("\(error)")
        }
    }

    private func failure(status: Int, _ answer: ByteBuffer) -> SyncFailure {
        let message = problem(answer)
        switch status {
        case 401: return .unauthorized(message)
        case 409:
            let highest = (try? JSONDecoder().decode(SyncProblem.self, from: Data(answer.readableBytesView)))?
                .highestSequence
            return .conflict(message, highestSequence: highest)
        case 500...599: return .serverError(status: status, message)
        default: return .rejected(status: status, message)
        }
    }

    /// The message of an error answer, or its start when it is not central's JSON (a proxy's page, say).
    private func problem(_ answer: ByteBuffer) -> String {
        if let problem = try? JSONDecoder().decode(SyncProblem.self, from: Data(answer.readableBytesView)) {
            return problem.error
        }
        let text = String(decoding: answer.readableBytesView.prefix(200), as: UTF8.self)
        return text.isEmpty ? "no message" : text
    }

    private func encode(_ value: some Encodable) throws(SyncFailure) -> ByteBuffer {
        do {
            return ByteBuffer(bytes: try JSONEncoder().encode(value))
        } catch {
            throw .invalidAnswer("could not encode the request: \(error)")
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ answer: ByteBuffer) throws(SyncFailure) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(answer.readableBytesView))
        } catch {
            throw .invalidAnswer("\(error)")
        }
    }

    static func describe(_ error: HTTPClientError) -> String {
        switch error {
        case .connectTimeout: "the connection timed out"
        case .deadlineExceeded, .readTimeout: "central did not answer in time"
        case .remoteConnectionClosed: "the connection was closed before the answer was complete"
        default: "\(error)"
        }
    }
}
