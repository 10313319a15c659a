import Foundation
import Hummingbird
import Logging
import NIOCore
import TallyCore
import TallySync

/// Central's HTTP API: health and readiness for load balancers and systemd, the sync API stations push their
/// events to and pull the catalog from, and the management API (`CentralAPI+Management.swift`).
public enum CentralAPI {
    /// The largest request body accepted: a full batch of large sales fits many times over.
    static let maximumBody = 8 << 20

    public static func router(
        store: any CentralStore, clock: @escaping @Sendable () -> Int64 = Central.now, signIn: SignIn = SignIn(),
        secureCookies: Bool = false, currency: Currency = .euro, priceMode: PriceMode = .taxInclusive,
        countVariance: Int64 = 10
    )
        -> Router<CentralRequestContext>
    {
        let router = Router(context: CentralRequestContext.self)
        router.get("/health") { _, _ in
            try json(["status": "ok"])
        }
        router.get("/ready") { _, _ in
            await store.isReady()
                ? try json(["status": "ready"])
                : try json(SyncProblem(error: "the database does not answer"), status: .serviceUnavailable)
        }
        router.get("/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
        router.post(RouterPath(SyncAPI.enrollPath)) { request, _ in
            try await respond {
                let body = try await decode(EnrollRequest.self, from: request)
                let token = Secrets.token()
                guard
                    let station = try await store.enroll(
                        codeHash: Secrets.hashCode(body.code), tokenHash: Secrets.hashToken(token),
                        stationCode: body.stationCode, now: clock())
                else {
                    throw APIProblem(
                        status: .forbidden,
                        message: "the enrolment code is not valid: it may be mistyped, used already or expired; "
                            + "ask for a new one with tally-central station enrol")
                }
                return try json(
                    EnrollResponse(stationID: station.id, name: station.name, token: token), status: .created)
            }
        }
        router.post(RouterPath(SyncAPI.eventsPath)) { request, _ in
            try await respond {
                let station = try await authenticate(request, store: store)
                let body = try await decode(PushRequest.self, from: request)
                do {
                    return try json(try await store.push(stationID: station.id, events: body.events, now: clock()))
                } catch let error as PushError {
                    switch error {
                    case .invalidBatch(let reason): throw APIProblem(status: .badRequest, message: reason)
                    case .conflict(let reason, let highest):
                        return try json(SyncProblem(error: reason, highestSequence: highest), status: .conflict)
                    case .unknownStation: throw APIProblem.unauthorized
                    }
                }
            }
        }
        router.get(RouterPath(SyncAPI.changesPath)) { request, _ in
            try await changes(request, store: store)
        }
        addManagementRoutes(to: router, store: store, clock: clock)
        addBackOfficeRoutes(
            to: router, store: store, signIn: signIn,
            pricing: SalesOrders.Pricing(currency: currency, priceMode: priceMode), countVariance: countVariance,
            clock: clock)
        WebApp(
            database: store, signIn: signIn, secureCookies: secureCookies, currency: currency, priceMode: priceMode,
            countVariance: countVariance, clock: clock
        ).addRoutes(to: router)
        router.get(RouterPath(SyncAPI.statusPath)) { request, _ in
            try await respond {
                let station = try await authenticate(request, store: store)
                return try json(
                    SyncStatus(stationID: station.id, name: station.name, highestSequence: station.highestSequence))
            }
        }
        return router
    }

    /// The station the request's bearer token belongs to; never anything the body says.
    static func authenticate(_ request: Request, store: any CentralStore) async throws -> CentralStation {
        guard let token = bearerToken(request),
            let station = try await store.station(tokenHash: Secrets.hashToken(token))
        else { throw APIProblem.unauthorized }
        return station
    }

    /// The token of the request's `Authorization: Bearer …` header, when it has one of a plausible length.
    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
            case let token = String(header.dropFirst(7)), !token.isEmpty, token.utf8.count <= 256
        else { return nil }
        return token
    }

    /// Runs a handler and turns an ``APIProblem`` into its answer; anything else is a 503 that says nothing was
    /// recorded, so that the station sends it again.
    static func respond(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let problem as APIProblem {
            var response = try json(SyncProblem(error: problem.message), status: problem.status)
            if problem.status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
            return response
        } catch {
            return try json(
                SyncProblem(error: "not recorded, try again: \(error)"), status: .serviceUnavailable)
        }
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try CentralJSON.encoder.encode(value))))
    }

    /// Reads and decodes a JSON body, with a message naming what is wrong.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        guard let value = try await decodeOptional(type, from: request) else {
            throw APIProblem(status: .badRequest, message: "the body is empty; JSON is expected")
        }
        return value
    }

    /// A JSON body that may be left out: nil when the body is empty.
    static func decodeOptional<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T? {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBody)
        } catch {
            throw APIProblem(status: .contentTooLarge, message: "the body is larger than \(maximumBody) bytes")
        }
        guard buffer.readableBytes > 0 else { return nil }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw APIProblem(status: .badRequest, message: "the body is not what was expected: \(describe(error))")
        } catch {
            throw APIProblem(status: .badRequest, message: "the body is not JSON")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the body" : String(text.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "\(parent == "the body" ? "" : parent + ".")\(key.stringValue) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)) has the wrong type"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "it is not JSON" : "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// An answer other than success, with words for the caller.
struct APIProblem: Error {
    var status: HTTPResponse.Status
    var message: String

    static let unauthorized = APIProblem(
        status: .unauthorized,
        message: "a valid station token is needed (Authorization: Bearer …); enrol with tallyctl enroll")
}
