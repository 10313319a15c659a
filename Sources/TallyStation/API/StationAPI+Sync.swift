import Hummingbird
import TallySync

/// `POST /sync/enroll`: the central address and the one-time code a manager was given.
struct EnrollStationRequest: Decodable {
    var central: String
    var code: String
}

/// The answer to an enrolment.
struct EnrolledStation: Encodable {
    var central: String
    var stationID: String
    var stationName: String
}

extension StationAPI {
    /// `GET /sync` (where sync stands), `POST /sync/enroll` (trade a code for a token at central) and
    /// `POST /sync/now` (a round now, not at the end of the wait).
    static func addSyncRoutes(to router: Router<BasicRequestContext>, sync: SyncEngine) {
        router.get("sync") { _, _ in
            try await respond { try json(try await sync.status()) }
        }
        router.post("sync/enroll") { request, _ in
            try await respond {
                let body = try await decode(EnrollStationRequest.self, from: request)
                let enrolment: SyncEnrolment
                do {
                    enrolment = try await sync.enroll(centralURL: body.central, code: body.code)
                } catch let failure as SyncFailure {
                    if case .rejected = failure { throw APIError(status: 422, description: failure.description) }
                    throw APIError(status: 502, description: failure.description)
                }
                return try json(
                    EnrolledStation(
                        central: enrolment.centralURL, stationID: enrolment.stationID,
                        stationName: enrolment.stationName), status: .created)
            }
        }
        router.post("sync/now") { _, _ in
            await sync.requestSync()
            return try json(["status": "a round of sync starts now"], status: .accepted)
        }
    }
}
