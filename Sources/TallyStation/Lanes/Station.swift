import Foundation
import GRDB
import Logging
import TallyCore

/// The station at work: its lanes, their workflows and the database they write to.
///
/// Every scan goes the same way whatever delivered it (API, standard input, replay file, scanner): it is read
/// with ``ScanInterpreter``, routed to its lane's workflow, and journaled raw in the same transaction as the
/// changes it causes, so an acknowledged scan is durable and a refused one stays in the journal with its reason.
/// One actor serialises the lanes' writes, which SQLite serialises anyway.
public actor Station {
    public let configuration: StationConfiguration
    public let database: StationDatabase
    public let context: StationContext
    public private(set) var rules: SaleRules
    let interpreter: ScanInterpreter
    /// When a count asks for a recount, and what looks like a double scan.
    var countRules: CountRules { configuration.count }
    let logger: Logger
    var lanes: [String: LaneState]
    /// Prints a receipt on a lane's printer (the lane, the receipt, whether it is a copy).
    let receiptSink: (@Sendable (String, StoredReceipt, Bool) async -> Void)?
    /// Receipts waiting for ``runPrintSpool()``, in the order they were issued.
    let printJobs: AsyncStream<PrintJob>
    let printQueue: AsyncStream<PrintJob>.Continuation
    /// Whoever follows the lanes live (the operator display), each with its own stream.
    var watchers: [UUID: AsyncStream<LaneSnapshot>.Continuation] = [:]

    /// A receipt on its way to a printer.
    struct PrintJob: Sendable {
        let lane: String
        let receipt: StoredReceipt
        let isCopy: Bool
    }

    public init(
        configuration: StationConfiguration, database: StationDatabase, logger: Logger,
        receiptSink: (@Sendable (String, StoredReceipt, Bool) async -> Void)? = nil
    ) throws {
        self.configuration = configuration
        self.database = database
        self.logger = logger
        self.receiptSink = receiptSink
        (printJobs, printQueue) = AsyncStream.makeStream(of: PrintJob.self)
        context = StationContext(
            stationCode: configuration.stationCode, currency: configuration.currency,
            sellableLocation: configuration.sellableLocation, damagedLocation: configuration.damagedLocation,
            openingFloat: configuration.openingFloat)
        var rules = configuration.sale
        rules.unknownItemTaxClass = try database.standardTaxClass()
        self.rules = rules
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        interpreter = ScanInterpreter(
            restrictedCirculationRules: RestrictedCirculationRuleSet.forCountry(configuration.country),
            localCurrency: configuration.currency, referenceYear: year)
        try database.ensureLocations([
            (configuration.sellableLocation, "Shop floor", "sellable"),
            (configuration.damagedLocation, "Damaged goods", "damaged"),
        ])
        try database.replaceOperators(configuration.operators.map { ($0.id, $0.name, $0.role, $0.pinHash) })
        let baskets = try database.openBaskets(currency: configuration.currency)
        let modes = try database.laneModes()
        let receipts = try database.openReceipts()
        let counts = try database.openCountSessions()
        var lanes: [String: LaneState] = [:]
        for lane in configuration.lanes {
            lanes[lane.id] = LaneState(
                id: lane.id, mode: modes[lane.id] ?? lane.mode,
                sale: SaleWorkflow(rules: rules, basket: baskets[lane.id]), receiving: receipts[lane.id],
                counting: counts[lane.id])
        }
        self.lanes = lanes
    }

    /// The lane ids, in configuration order.
    public var laneIDs: [String] { configuration.lanes.map(\.id) }

    /// What a lane shows now.
    public func snapshot(lane: String) throws(StationError) -> LaneSnapshot {
        try state(lane).snapshot(rules: rules)
    }

    /// Reloads what depends on the catalog, after a catalog load.
    public func catalogChanged() throws {
        rules.unknownItemTaxClass = try database.standardTaxClass()
        for (id, lane) in lanes {
            // Read the basket before the assignment: an optional-chained assignment would evaluate its right-hand
            // side while it already holds `lanes` for writing.
            var reloaded = lane
            reloaded.sale = SaleWorkflow(rules: rules, basket: lane.sale.basket)
            lanes[id] = reloaded
        }
    }

    /// Every lane's snapshot now, then each lane's new snapshot whenever a scan or command changed it, until the
    /// stream is dropped. A slow follower gets the newest snapshots: older ones are dropped from its buffer.
    public func laneChanges() -> AsyncStream<LaneSnapshot> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: LaneSnapshot.self, bufferingPolicy: .bufferingNewest(64))
        for id in laneIDs { if let lane = lanes[id] { continuation.yield(lane.snapshot(rules: rules)) } }
        let key = UUID()
        watchers[key] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.stopWatching(key) }
        }
        return stream
    }

    private func stopWatching(_ key: UUID) { watchers[key] = nil }

    /// Stores a lane's new state and tells its followers.
    /// Answers the lane's snapshot, made once for the followers and the answer alike.
    func changed(_ lane: LaneState) -> LaneSnapshot {
        lanes[lane.id] = lane
        let snapshot = lane.snapshot(rules: rules)
        for watcher in watchers.values { watcher.yield(snapshot) }
        return snapshot
    }

    func state(_ lane: String) throws(StationError) -> LaneState {
        guard let state = lanes[lane] else { throw .unknownLane(lane, known: laneIDs) }
        return state
    }

    /// Handles one scan: journals it and whatever it changed in one transaction, and answers once that is
    /// durable. Throws only when the database cannot be written, in which case nothing was acknowledged.
    public func submit(
        _ bytes: [UInt8], lane laneID: String, source: ScanSource, device: String? = nil, id: String? = nil
    ) async throws -> ScanOutcome {
        var scan = JournaledScan(
            id: id ?? StationDatabase.newID(), lane: laneID, source: source, device: device,
            receivedAt: StationDatabase.now(), bytes: bytes)
        guard let lane = lanes[laneID] else {
            let error = StationError.unknownLane(laneID, known: laneIDs)
            scan.accepted = false
            scan.reason = error.description
            try database.journal(scan)
            throw error
        }
        if let id, let earlier = try database.scan(id: id) {
            // The same scan sent again (a client retrying after a lost answer) gets the first answer and is not
            // applied twice; the same id with other bytes is a client's mistake, refused without a record.
            guard earlier.bytes == bytes, earlier.lane == laneID else { throw StationError.scanIDReused(id) }
            return ScanOutcome(
                scanID: id, accepted: earlier.accepted, reason: earlier.reason,
                message: earlier.accepted ? "already recorded" : nil, receiptNumber: nil,
                lane: lane.snapshot(rules: rules))
        }
        return try await run(lane, scan: scan) { working, scan, db in
            try self.route(bytes, scan: &scan, lane: &working, db)
        }
    }

    /// Carries out an operator command on a lane, durably, and answers with the lane's state.
    public func perform(_ command: LaneCommand, lane laneID: String) async throws -> ScanOutcome {
        try await run(try state(laneID), scan: nil) { working, _, db in
            try self.command(command, lane: &working, db)
        }
    }

    /// Routes an input and writes what it did in one transaction on the writer connection: the scan first,
    /// then its effects. A refusal writes only the scan, marked refused with its reason. The lane's state
    /// changes only when the transaction committed.
    private func run(
        _ lane: LaneState, scan: JournaledScan?,
        _ routing: (inout LaneState, inout JournaledScan, Database) throws -> RouteResult
    ) async throws -> ScanOutcome {
        var working = lane
        var journaled =
            scan
            ?? JournaledScan(
                id: "", lane: lane.id, source: .api, device: nil, receivedAt: 0, bytes: [])
        var refusal: String?
        var result: (receipt: Int?, message: String?) = (nil, nil)
        do {
            result = try database.write { db in
                func refuse(_ error: any Error) throws -> (Int?, String?) {
                    refusal = "\(error)"
                    journaled.accepted = false
                    journaled.reason = refusal
                    if scan != nil { try StationDatabase.insert(journaled, db) }
                    return (nil, nil)
                }
                // Routing only reads, so a refusal from it leaves nothing to undo.
                let routed: RouteResult
                do {
                    routed = try routing(&working, &journaled, db)
                } catch let error where !(error is DatabaseError) {
                    return try refuse(error)
                }
                do {
                    return (try routed.commit(scan == nil ? nil : journaled, lane.id, db), routed.message)
                } catch let error as ReturnStoreError {
                    // Checked before the return writes anything.
                    return try refuse(error)
                }
                // Any other error rolls the whole transaction back: no half-written sale.
            }
        } catch {
            // Nothing was written; the scan is journaled as refused if the database takes a write at all.
            logger.error("a scan could not be written", metadata: ["lane": "\(lane.id)", "error": "\(error)"])
            guard scan != nil else { throw error }
            journaled.accepted = false
            journaled.reason = "not recorded: \(error)"
            try database.journal(journaled)
            refusal = journaled.reason
        }
        if let refusal {
            return refused(lane, scanID: scan == nil ? nil : journaled.id, input: scan?.bytes ?? [], reason: refusal)
        }
        working.lastMessage = result.message
        if let receipt = result.receipt { working.lastReceipt = receipt }
        let snapshot = changed(working)
        if let receipt = result.receipt { print(receipt: receipt, lane: lane.id, isCopy: false) }
        return ScanOutcome(
            scanID: scan == nil ? nil : journaled.id, accepted: true, reason: nil, message: result.message,
            receiptNumber: result.receipt, lane: snapshot)
    }

    /// Journals input that could not even be read as a scan (a bad escape in a replay line), refused with `refusal`.
    public func submit(
        _ bytes: [UInt8], lane laneID: String, source: ScanSource, device: String?, refusal: String
    ) async throws -> ScanOutcome {
        let lane = try state(laneID)
        let scan = JournaledScan(
            id: StationDatabase.newID(), lane: laneID, source: source, device: device,
            receivedAt: StationDatabase.now(), bytes: bytes, accepted: false, reason: refusal)
        try database.journal(scan)
        return refused(lane, scanID: scan.id, input: bytes, reason: refusal)
    }

    /// Shows a refusal on its lane (the last refused input and why) and answers with it; the refused scan is
    /// already journaled.
    private func refused(_ lane: LaneState, scanID: String?, input: [UInt8], reason: String) -> ScanOutcome {
        var lane = lane
        lane.lastRejection = LaneSnapshot.Rejection(
            scanID: scanID ?? "", input: String(decoding: input, as: UTF8.self), reason: reason)
        lane.lastMessage = nil
        let snapshot = changed(lane)
        logger.notice("refused", metadata: ["lane": "\(lane.id)", "reason": "\(reason)"])
        return ScanOutcome(
            scanID: scanID, accepted: false, reason: reason, message: nil, receiptNumber: nil, lane: snapshot)
    }

    /// Queues a receipt for the lane's printer, if the station prints. The sale is durable before this and the
    /// answer to the cashier does not wait for paper: a printer that is off or out of paper delays nothing, and
    /// the receipt stays reprintable.
    func print(receipt number: Int, lane: String, isCopy: Bool) {
        guard receiptSink != nil else { return }
        do {
            guard let stored = try database.receipt(number: number, rules: rules, stationCode: context.stationCode)
            else { return }
            printQueue.yield(PrintJob(lane: lane, receipt: stored, isCopy: isCopy))
        } catch {
            logger.error("receipt \(number) could not be printed", metadata: ["error": "\(error)"])
        }
    }

    /// Prints queued receipts one after the other, in the order they were issued, until
    /// ``finishPrinting()``; the daemon runs it as a service of its own.
    public nonisolated func runPrintSpool() async {
        for await job in printJobs {
            await receiptSink?(job.lane, job.receipt, job.isCopy)
        }
    }

    /// Lets the spool print what is queued and then end, for a graceful shutdown.
    public nonisolated func finishPrinting() {
        printQueue.finish()
    }

    /// Queues a receipt to be printed again, marked as a copy.
    public func reprint(receipt number: Int, lane: String) throws {
        _ = try state(lane)
        print(receipt: number, lane: lane, isCopy: true)
    }

    /// A stored receipt.
    public func receipt(number: Int) throws -> StoredReceipt? {
        try database.receipt(number: number, rules: rules, stationCode: context.stationCode)
    }

    public func xReport() throws -> PeriodReport {
        try database.xReport(context: context, at: StationDatabase.now())
    }

    public func zReport(countedCash: Money) throws -> PeriodReport {
        try database.zReport(countedCash: countedCash, context: context, at: StationDatabase.now())
    }

    func operatorFor(id: String, pin: String, _ db: Database) throws -> Operator {
        guard let (person, hash) = try StationDatabase.operatorRecord(id: id, db),
            OperatorPIN.verify(pin, against: hash)
        else {
            throw StationError.operatorNotRecognised
        }
        return person
    }
}
