import AsyncHTTPClient
import Foundation
import Logging
import NIOSSL
import TallySync

/// What the station's sync is doing and how it stands, for `tallyctl status` and `GET /sync`.
public struct SyncStatusReport: Codable, Hashable, Sendable {
    /// `not-enrolled`, `idle`, `syncing`, `loading-catalog` or `retrying`.
    public var state: String
    public var central: String?
    public var stationID: String?
    public var stationName: String?
    /// Outbox events central does not hold yet.
    public var backlog: Int64
    public var acknowledgedSequence: Int64
    public var catalogCursor: Int64
    public var highestCursor: Int64
    public var catalogComplete: Bool
    /// How far the catalog has loaded, 0 to 1.
    public var catalogProgress: Double
    public var lastPushAt: Int64?
    public var lastPullAt: Int64?
    public var lastSuccessAt: Int64?
    public var lastError: String?
    public var lastErrorAt: Int64?
    public var consecutiveFailures: Int
    public var nextAttemptAt: Int64?
}

/// The station's sync with central: the outbox pushed in ordered batches, the catalog pulled page by page, on a
/// steady interval while central answers and with exponential backoff and jitter while it does not.
///
/// Sync never stands in the way of selling: sales write to the outbox in their own transactions, and the engine
/// only reads the outbox and marks what central acknowledged. Every step is safe to repeat: a push whose answer
/// was lost is sent again and central counts it as a duplicate; a page is applied with the cursor that follows it
/// in one transaction.
public actor SyncEngine {
    public enum State: String, Sendable {
        case notEnrolled = "not-enrolled"
        case idle
        case syncing
        case loadingCatalog = "loading-catalog"
        case retrying
    }

    let database: StationDatabase
    let configuration: SyncConfiguration
    let stationCode: String
    let logger: Logger
    let http = CentralClient.sharedHTTP
    let tls: TLSConfiguration?
    let backoff: Backoff
    /// Called after a pull changed products, prices or tax classes.
    let catalogChanged: @Sendable () async -> Void
    var state: State = .idle
    var consecutiveFailures = 0
    var lastSuccessAt: Int64?
    var nextAttemptAt: Int64?
    var wakeRequested = false
    var generator = SystemRandomNumberGenerator()

    public init(
        database: StationDatabase, configuration: SyncConfiguration, stationCode: String, logger: Logger,
        catalogChanged: @escaping @Sendable () async -> Void = {}
    ) throws {
        self.database = database
        self.configuration = configuration
        self.stationCode = stationCode
        self.logger = logger
        self.catalogChanged = catalogChanged
        backoff = Backoff(base: .seconds(1), maximum: .seconds(configuration.maximumBackoff))
        tls = CentralClient.tlsConfiguration(trustedCertificates: configuration.trustedCertificates)
    }

    /// Trades a one-time code for the station's token at central and keeps it; sync starts at once.
    public func enroll(centralURL: String, code: String) async throws(SyncFailure) -> SyncEnrolment {
        let url = try CentralClient.normalisedURL(centralURL)
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 64 else {
            throw .rejected(status: 0, "the enrolment code must have 1 to 64 characters, such as K7QM-2XHD-94TA")
        }
        let answer = try await CentralClient(http: http, baseURL: url, token: nil, tls: tls).enroll(
            code: trimmed, stationCode: stationCode)
        let enrolment = SyncEnrolment(
            centralURL: url, stationID: answer.stationID, stationName: answer.name, token: answer.token,
            enrolledAt: StationDatabase.now())
        do {
            try database.saveEnrolment(enrolment)
        } catch {
            throw .invalidAnswer("the token could not be kept in the station's database: \(error)")
        }
        logger.info(
            "enrolled at central", metadata: ["central": "\(url)", "station": "\(answer.name) (\(answer.stationID))"])
        consecutiveFailures = 0
        nextAttemptAt = nil
        wakeRequested = true
        return enrolment
    }

    /// Asks for a round now instead of at the end of the interval or backoff.
    public func requestSync() {
        wakeRequested = true
    }

    public func status() throws -> SyncStatusReport {
        let enrolment = try database.enrolment()
        let progress = try database.syncProgress()
        let backlog = try progress?.backlog ?? Int64(database.outboxBacklog())
        let cursor = progress?.pullCursor ?? 0
        let highest = progress?.highestCursor ?? 0
        let complete = progress?.catalogComplete ?? false
        return SyncStatusReport(
            state: enrolment == nil ? State.notEnrolled.rawValue : state.rawValue, central: enrolment?.centralURL,
            stationID: enrolment?.stationID, stationName: enrolment?.stationName, backlog: backlog,
            acknowledgedSequence: progress?.acknowledgedSequence ?? 0, catalogCursor: cursor, highestCursor: highest,
            catalogComplete: complete,
            catalogProgress: complete ? 1 : highest > 0 ? min(Double(cursor) / Double(highest), 1) : 0,
            lastPushAt: progress?.lastPushAt, lastPullAt: progress?.lastPullAt, lastSuccessAt: lastSuccessAt,
            lastError: progress?.lastError, lastErrorAt: progress?.lastErrorAt,
            consecutiveFailures: consecutiveFailures, nextAttemptAt: nextAttemptAt)
    }

    /// Runs rounds until the task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            let wait: Duration
            do {
                if try await round() {
                    consecutiveFailures = 0
                    lastSuccessAt = StationDatabase.now()
                    state = .idle
                }
                wait = .seconds(configuration.interval)
            } catch {
                consecutiveFailures += 1
                state = .retrying
                wait = backoff.delay(after: consecutiveFailures, using: &generator)
                logger.warning(
                    "sync failed; trying again",
                    metadata: [
                        "error": "\(error)", "failures": "\(consecutiveFailures)", "retryIn": "\(wait)",
                    ])
            }
            nextAttemptAt = StationDatabase.now() + Int64(Backoff.milliseconds(wait))
            await sleep(wait)
            nextAttemptAt = nil
        }
    }

    /// Waits for `duration`, or less when a round is asked for.
    func sleep(_ duration: Duration) async {
        let clock = ContinuousClock()
        let deadline = clock.now + duration
        while !wakeRequested, clock.now < deadline, !Task.isCancelled {
            try? await Task.sleep(for: min(.milliseconds(100), deadline - clock.now))
        }
        wakeRequested = false
    }

    /// One round: push every waiting event and pull every change, the catalog first while its first load has
    /// not finished (so a new station sells soon), the events first otherwise (so the books are current). False
    /// when the station is not enrolled.
    @discardableResult
    public func round() async throws -> Bool {
        do {
            return try await roundSteps()
        } catch {
            try? database.recordSyncError("\(error)", at: StationDatabase.now())
            throw error
        }
    }

    func roundSteps() async throws -> Bool {
        guard let enrolment = try database.enrolment(), let progress = try database.syncProgress() else {
            state = .notEnrolled
            return false
        }
        let client = CentralClient(http: http, baseURL: enrolment.centralURL, token: enrolment.token, tls: tls)
        if progress.catalogComplete {
            state = .syncing
            try await push(client, from: progress.acknowledgedSequence)
            try await pull(client, from: progress.pullCursor, firstLoad: false)
        } else {
            state = .loadingCatalog
            try await pull(client, from: progress.pullCursor, firstLoad: true)
            state = .syncing
            try await push(client, from: progress.acknowledgedSequence)
        }
        return true
    }

    /// Sends the outbox after `acknowledged` in batches until central holds all of it.
    func push(_ client: CentralClient, from acknowledged: Int64) async throws {
        var acknowledged = acknowledged
        while true {
            let events = try database.pendingEvents(after: acknowledged, limit: SyncAPI.maximumBatch)
            guard let first = events.first, let last = events.last else { return }
            let answer = try await client.push(events)
            let held =
                answer.highestSequence > last.sequence
                ? min(answer.highestSequence, try database.highestOutboxSequence()) : answer.highestSequence
            try database.acknowledge(upTo: held, at: StationDatabase.now())
            if answer.highestSequence < first.sequence {
                // Central holds less than the station thought (it was restored, or the station enrolled anew):
                // the next batch starts where central stands. Sending the same batch again would change nothing.
                guard answer.highestSequence < acknowledged else {
                    throw SyncFailure.invalidAnswer(
                        "central applied none of events \(first.sequence)–\(last.sequence) and gave no reason")
                }
                logger.warning(
                    "central holds fewer of this station's events than it acknowledged before; sending again",
                    metadata: ["from": "\(answer.highestSequence + 1)"])
            } else if answer.highestSequence > last.sequence,
                answer.highestSequence > (try database.highestOutboxSequence())
            {
                throw SyncFailure.conflict(
                    "central holds events up to \(answer.highestSequence), more than this station ever made; "
                        + "was its database restored from a backup?", highestSequence: answer.highestSequence)
            }
            acknowledged = answer.highestSequence
        }
    }

    /// Applies central's changes after `cursor`, page by page; the next page is fetched while one is applied.
    func pull(_ client: CentralClient, from cursor: Int64, firstLoad: Bool) async throws {
        let pageSize = configuration.pageSize
        var next = Task { try await client.changes(after: cursor, limit: pageSize) }
        defer { next.cancel() }
        var changedCatalog = false
        var applied = 0
        var lastLogged = 0.0
        while true {
            let page = try await next.value
            if page.more {
                let after = page.nextCursor
                next = Task { try await client.changes(after: after, limit: pageSize) }
            }
            let summary = try database.apply(page, at: StationDatabase.now())
            changedCatalog = changedCatalog || summary.catalogChanged
            applied += summary.applied + summary.removed
            if firstLoad, page.highestCursor > 0 {
                let share = Double(page.nextCursor) / Double(page.highestCursor)
                if share - lastLogged >= 0.1 || !page.more {
                    lastLogged = share
                    logger.info(
                        "loading the catalog",
                        metadata: ["progress": "\(Int(share * 100)) %", "changes": "\(applied)"])
                }
            }
            if !page.more { break }
        }
        if changedCatalog { await catalogChanged() }
    }
}
