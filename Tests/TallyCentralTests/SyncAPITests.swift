import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import TallySync
import TallyTestSupport
import Testing

@testable import TallyCentral

/// The sync API on a real HTTP server on a loopback port: enrolment, pushes with a token, and every bad request
/// answered with a status and words.
@Suite("Central sync API")
struct SyncAPITests {
    func withAPI(
        _ engine: Engine, _ body: @Sendable (any TestClientProtocol, TemporaryStore) async throws -> Void
    ) async throws {
        let temporary = try await TemporaryStore(engine)
        let app = Application(router: CentralAPI.router(store: temporary.store))
        try await app.test(.live) { client in try await body(client, temporary) }
    }

    func post(
        _ client: any TestClientProtocol, _ uri: String, _ body: some Encodable, token: String? = nil
    ) async throws -> TestResponse {
        try await post(client, uri, raw: String(decoding: try JSONEncoder().encode(body), as: UTF8.self), token: token)
    }

    func post(
        _ client: any TestClientProtocol, _ uri: String, raw: String, token: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer " + token }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: raw))
    }

    func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(response.body.readableBytesView))
    }

    /// Adds a station and enrols it through the API with its code as a person might type it.
    func enrol(_ client: any TestClientProtocol, _ temporary: TemporaryStore) async throws -> EnrollResponse {
        let code = Secrets.enrolmentCode()
        _ = try await temporary.store.createStation(
            name: "Dock", codeHash: Secrets.hashCode(code), expiresAt: Central.now() + 60_000, now: Central.now())
        let typed = code.lowercased().replacingOccurrences(of: "-", with: " ")
        let response = try await post(client, SyncAPI.enrollPath, EnrollRequest(code: typed, stationCode: "DOCK1"))
        #expect(response.status == .created)
        return try decode(EnrollResponse.self, response)
    }

    @Test(arguments: Engine.allCases) func healthAndReadiness(engine: Engine) async throws {
        try await withAPI(engine) { client, _ in
            let health = try await client.execute(uri: "/health", method: .get)
            let ready = try await client.execute(uri: "/ready", method: .get)
            #expect(health.status == .ok && ready.status == .ok)
        }
    }

    @Test(arguments: Engine.allCases) func enrolledStationPushesAndReadsItsStatus(engine: Engine) async throws {
        try await withAPI(engine) { client, temporary in
            let enrolled = try await enrol(client, temporary)
            #expect(enrolled.token.hasPrefix("tly_") && enrolled.name == "Dock")
            let events = (1...3).map { SampleEvents.sale(sequence: $0) }
            let pushed = try await post(client, SyncAPI.eventsPath, PushRequest(events: events), token: enrolled.token)
            #expect(pushed.status == .ok)
            #expect(
                try decode(PushResponse.self, pushed) == PushResponse(highestSequence: 3, applied: 3, duplicates: 0))
            var headers: HTTPFields = [:]
            headers[.authorization] = "Bearer " + enrolled.token
            let status = try await client.execute(uri: SyncAPI.statusPath, method: .get, headers: headers)
            #expect(try decode(SyncStatus.self, status).highestSequence == 3)
            // The token is stored only as its hash.
            let stored = try await temporary.store.station(id: enrolled.stationID)
            #expect(stored?.stationCode == "DOCK1")
            let file = try await temporary.storedBytes()
            #expect(file.range(of: Data(enrolled.token.utf8)) == nil)
            #expect(file.range(of: Data(Secrets.hashToken(enrolled.token).utf8)) != nil)
        }
    }

    @Test(arguments: Engine.allCases) func aCodeIsGoodOnce(engine: Engine) async throws {
        try await withAPI(engine) { client, temporary in
            let code = Secrets.enrolmentCode()
            _ = try await temporary.store.createStation(
                name: "Till", codeHash: Secrets.hashCode(code), expiresAt: Central.now() + 60_000, now: Central.now())
            let first = try await post(client, SyncAPI.enrollPath, EnrollRequest(code: code, stationCode: nil))
            #expect(first.status == .created)
            let second = try await post(client, SyncAPI.enrollPath, EnrollRequest(code: code, stationCode: nil))
            #expect(second.status == .forbidden)
            #expect(try decode(SyncProblem.self, second).error.contains("not valid"))
        }
    }

    @Test(arguments: Engine.allCases) func anExpiredCodeIsRefused(engine: Engine) async throws {
        try await withAPI(engine) { client, temporary in
            let code = Secrets.enrolmentCode()
            _ = try await temporary.store.createStation(
                name: "Till", codeHash: Secrets.hashCode(code), expiresAt: Central.now() - 1, now: Central.now() - 10)
            let response = try await post(client, SyncAPI.enrollPath, EnrollRequest(code: code, stationCode: nil))
            #expect(response.status == .forbidden)
        }
    }

    @Test(arguments: Engine.allCases) func pushesWithoutAGoodTokenAreUnauthorized(engine: Engine) async throws {
        try await withAPI(engine) { client, temporary in
            let enrolled = try await enrol(client, temporary)
            let batch = PushRequest(events: [SampleEvents.sale(sequence: 1)])
            for token in [nil, "", "tly_wrong", String(repeating: "x", count: 300)] {
                let response = try await post(client, SyncAPI.eventsPath, batch, token: token)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
            _ = try await temporary.store.revoke(stationID: enrolled.stationID, now: Central.now())
            let revoked = try await post(client, SyncAPI.eventsPath, batch, token: enrolled.token)
            #expect(revoked.status == .unauthorized)
            #expect(try await temporary.store.stock(productID: nil).isEmpty)
        }
    }

    @Test(arguments: Engine.allCases) func badBodiesAreAnsweredWithWhatIsWrong(engine: Engine) async throws {
        try await withAPI(engine) { client, temporary in
            let enrolled = try await enrol(client, temporary)
            let cases: [(String, String)] = [
                ("", "empty"),
                ("{", "not what was expected"),
                (#"{"event": []}"#, "events is missing"),
                (
                    #"{"events": [{"id": "a", "sequence": 1, "createdAt": 1, "type": "sale.exploded", "payload": {}}]}"#,
                    "unknown event type sale.exploded"
                ),
                (
                    #"{"events": [{"id": "a", "sequence": "one", "createdAt": 1, "type": "sale.completed"}]}"#,
                    "events[0].sequence has the wrong type"
                ),
            ]
            for (body, message) in cases {
                let response = try await post(client, SyncAPI.eventsPath, raw: body, token: enrolled.token)
                #expect(response.status == .badRequest, "\(body)")
                let problem = try decode(SyncProblem.self, response)
                #expect(problem.error.contains(message), "\(body): \(problem.error)")
            }
            let unordered = PushRequest(events: [SampleEvents.sale(sequence: 2), SampleEvents.sale(sequence: 1)])
            let response = try await post(client, SyncAPI.eventsPath, unordered, token: enrolled.token)
            #expect(response.status == .badRequest)
            #expect(try decode(SyncProblem.self, response).error.contains("rising sequence order"))
        }
    }

    @Test(arguments: Engine.allCases) func aConflictIsAnsweredWithTheSequenceCentralHolds(engine: Engine) async throws {
        try await withAPI(engine) { client, temporary in
            let enrolled = try await enrol(client, temporary)
            _ = try await post(
                client, SyncAPI.eventsPath, PushRequest(events: [SampleEvents.sale(sequence: 1)]),
                token: enrolled.token)
            let response = try await post(
                client, SyncAPI.eventsPath, PushRequest(events: [SampleEvents.sale(sequence: 1)]),
                token: enrolled.token)
            #expect(response.status == .conflict)
            #expect(try decode(SyncProblem.self, response).highestSequence == 1)
        }
    }
}
