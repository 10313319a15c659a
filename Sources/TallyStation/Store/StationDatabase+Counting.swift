import Foundation
import GRDB
import TallySync

/// Counts in the stockroom: each lane's entries are written as they are scanned; a count is judged against the
/// ledger as it stood when counting started, and moves no stock until central's approval comes back.
extension StationDatabase {
    /// The count a lane joins at a location: the one open there, or a new one starting now (for the count task
    /// from central that names the location, if one is open and not yet counted here). Only reads; the count is
    /// written by ``joinCount(_:isNew:_:)``.
    static func countToJoin(
        locationID: String, lane: String, at time: Int64, _ db: Database
    ) throws -> (session: CountSession, isNew: Bool) {
        guard
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM locations WHERE id = ?)", arguments: [locationID])
                == true
        else {
            throw Refusal(description: "location \(locationID) is not known at this station")
        }
        if let row = try Row.fetchOne(
            db,
            sql: """
                SELECT id, task_id, products, started_at, ledger_mark, round, recount_products FROM counts
                WHERE location_id = ? AND status = 'open'
                """, arguments: [locationID])
        {
            let countID: String = row[0]
            let round: Int = row[5]
            let entries = try countEntries(countID: countID, db).filter { $0.lane == lane && $0.round == round }
            let next =
                (try Int.fetchOne(
                    db, sql: "SELECT COALESCE(MAX(number), 0) FROM count_entries WHERE count_id = ?",
                    arguments: [countID]) ?? 0) + 1
            let session = CountSession(
                countID: countID, taskID: row[1], locationID: locationID, products: decodeList(row[2]),
                startedAt: row[3], ledgerMark: row[4], lane: lane, round: round, recountProducts: decodeList(row[6]),
                entries: entries, nextNumber: next)
            return (session, false)
        }
        // A task for this location that has not been counted here yet; else a task for some items wherever they
        // are, not yet counted at this location (each location it is counted at is a count of its own).
        let counted = try Row.fetchAll(db, sql: "SELECT task_id, location_id FROM counts WHERE task_id IS NOT NULL")
            .map { (task: $0[0] as String, location: $0[1] as String?) }
        let tasks = try String.fetchAll(db, sql: "SELECT payload FROM count_tasks WHERE status = 'open' ORDER BY id")
            .compactMap { try? JSONDecoder().decode(CountTaskRecord.self, from: Data($0.utf8)) }
        let task =
            tasks.first { task in task.locationID == locationID && !counted.contains { $0.task == task.id } }
            ?? tasks.first { task in
                task.locationID == nil && !counted.contains { $0.task == task.id && $0.location == locationID }
            }
        let mark = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM stock_movements") ?? 0
        let products = task.flatMap { $0.productIDs.isEmpty ? nil : $0.productIDs }
        let session = CountSession(
            countID: newID(), taskID: task?.id, locationID: locationID, products: products, startedAt: time,
            ledgerMark: mark, lane: lane)
        return (session, true)
    }

    /// Writes a lane's joining of a count, and the count itself when it is new.
    static func joinCount(_ session: CountSession, isNew: Bool, _ db: Database) throws {
        if isNew {
            try db.execute(
                sql: """
                    INSERT INTO counts (id, task_id, location_id, products, status, started_at, ledger_mark)
                    VALUES (?, ?, ?, ?, 'open', ?, ?)
                    """,
                arguments: [
                    session.countID, session.taskID, session.locationID,
                    try session.products.map { try SalesJournal.encode($0) }, session.startedAt, session.ledgerMark,
                ])
        }
        try db.execute(
            sql: """
                INSERT INTO count_lanes (count_id, lane, status) VALUES (?, ?, 'counting')
                ON CONFLICT(count_id, lane) DO UPDATE SET status = 'counting'
                """, arguments: [session.countID, session.lane])
    }

    private static func decodeList(_ text: String?) -> [String]? {
        text.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }
    }

    static func countEntries(countID: String, _ db: Database) throws -> [CountEntry] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT number, lane, round, product_id, name, lot, quantity, scanned_at, voided FROM count_entries
                WHERE count_id = ? ORDER BY number
                """, arguments: [countID]
        ).map {
            CountEntry(
                number: $0[0], lane: $0[1], round: $0[2], productID: $0[3], name: $0[4], lot: $0[5], quantity: $0[6],
                scannedAt: $0[7], voided: $0[8])
        }
    }

    static func writeCountEntry(_ entry: CountEntry, countID: String, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO count_entries (count_id, number, lane, round, product_id, name, lot, quantity, scanned_at,
                    voided)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(count_id, number) DO UPDATE SET voided = excluded.voided
                """
        ).execute(arguments: [
            countID, entry.number, entry.lane, entry.round, entry.productID, entry.name, entry.lot, entry.quantity,
            entry.scannedAt, entry.voided,
        ])
    }

    /// What the ledger held at the location, per product and lot, as of a movement mark.
    static func expected(locationID: String, mark: Int64, _ db: Database) throws -> [LotKey: Int64] {
        var result: [LotKey: Int64] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT product_id, lot, SUM(quantity) FROM stock_movements WHERE location_id = ? AND seq <= ?
                GROUP BY product_id, lot
                """, arguments: [locationID, mark])
        {
            result[LotKey(productID: row[0], lot: row[1])] = row[2]
        }
        return result
    }

    /// Marks a lane's part done; answers the lanes still counting.
    static func finishCountLane(countID: String, lane: String, _ db: Database) throws -> [String] {
        try db.execute(
            sql: "UPDATE count_lanes SET status = 'done' WHERE count_id = ? AND lane = ?", arguments: [countID, lane])
        return try String.fetchAll(
            db, sql: "SELECT lane FROM count_lanes WHERE count_id = ? AND status = 'counting' ORDER BY lane",
            arguments: [countID])
    }

    /// Leaves a count without counting it: the lane's entries of this round are voided.
    static func leaveCount(_ session: CountSession, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE count_entries SET voided = 1 WHERE count_id = ? AND lane = ? AND round = ?",
            arguments: [session.countID, session.lane, session.round])
        try db.execute(
            sql: "DELETE FROM count_lanes WHERE count_id = ? AND lane = ?", arguments: [session.countID, session.lane])
    }

    /// The first round's figures of a count being recounted.
    static func firstCounts(countID: String, _ db: Database) throws -> [LotKey: Int64]? {
        guard
            let text = try String.fetchOne(
                db, sql: "SELECT first_counts FROM counts WHERE id = ?", arguments: [countID])
        else { return nil }
        let pairs = try JSONDecoder().decode([FirstCount].self, from: Data(text.utf8))
        return Dictionary(
            uniqueKeysWithValues: pairs.map { (LotKey(productID: $0.productID, lot: $0.lot), $0.quantity) })
    }

    private struct FirstCount: Codable {
        let productID: String
        let lot: String
        let quantity: Int64
    }

    /// Puts a count into its second round: the listed products are counted again by the lane that finished it.
    static func startRecount(
        countID: String, products: [String], firstCounts: [LotKey: Int64], lane: String, _ db: Database
    ) throws {
        let pairs = firstCounts.sorted { ($0.key.productID, $0.key.lot) < ($1.key.productID, $1.key.lot) }
            .map { FirstCount(productID: $0.key.productID, lot: $0.key.lot, quantity: $0.value) }
        try db.execute(
            sql: "UPDATE counts SET round = 2, recount_products = ?, first_counts = ? WHERE id = ?",
            arguments: [try SalesJournal.encode(products), try SalesJournal.encode(pairs), countID])
        try db.execute(
            sql: "UPDATE count_lanes SET status = 'counting' WHERE count_id = ? AND lane = ?",
            arguments: [countID, lane])
    }

    /// Submits a count: its outbox event and journal entry. Stock moves when central's approval comes back.
    static func submitCount(_ payload: CountSubmittedPayload, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE counts SET status = 'submitted', submitted_at = ? WHERE id = ? AND status = 'open'",
            arguments: [payload.submittedAt, payload.countID])
        try record(.countSubmitted, documentID: payload.countID, payload: payload, at: payload.submittedAt, db)
    }

    /// Books a decision on counts that came from central: the correcting movements (each once, however often the
    /// record arrives) and the counts' new status.
    static func applyCountDecision(_ task: CountTaskRecord, _ db: Database) throws {
        guard ["approved", "rejected"].contains(task.status) else { return }
        let documentID = task.countIDs?.first ?? task.id
        for movement in task.corrections ?? [] {
            try book(movement, documentID: documentID, at: task.decidedAt ?? now(), db)
        }
        for countID in task.countIDs ?? [task.id] {
            try db.execute(
                sql: "UPDATE counts SET status = ? WHERE id = ? AND status IN ('submitted', 'open')",
                arguments: [task.status, countID])
        }
    }

    /// The counts lanes were taking part in, by lane, as they were left.
    func openCountSessions() throws -> [String: CountSession] {
        try pool.read { db in
            var result: [String: CountSession] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT c.location_id, l.lane FROM count_lanes l JOIN counts c ON c.id = l.count_id
                    WHERE l.status = 'counting' AND c.status = 'open'
                    """)
            {
                result[row[1]] = try Self.countToJoin(locationID: row[0], lane: row[1], at: 0, db).session
            }
            return result
        }
    }
}
