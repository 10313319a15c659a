import GRDB
import TallyCore

/// What `tallyctl verify` found: the problems (none when the station's records are sound) and what was checked.
public struct VerificationReport: Hashable, Sendable, CustomStringConvertible {
    public var problems: [String] = []
    public var movements = 0
    public var onHandRows = 0
    public var journalEntries = 0
    public var receipts = 0
    public var completedSales = 0
    public var returns = 0

    public var isSound: Bool { problems.isEmpty }

    public var description: String {
        var lines = [
            "stock movements: \(movements), on-hand rows: \(onHandRows)",
            "journal entries: \(journalEntries), receipts: \(receipts) (\(completedSales) sales, \(returns) returns)",
        ]
        lines += problems.isEmpty ? ["verified: ledger, projection, journal chain and receipts agree"] : problems
        return lines.joined(separator: "\n")
    }
}

extension StationDatabase {
    /// Checks the station's records against each other: on-hand equals the fold of the ledger, the journal
    /// chain is unbroken, receipt numbers have no gaps, and every completed sale or return is whole.
    public func verify() throws -> VerificationReport {
        try pool.read { db in
            var report = VerificationReport()
            try Self.verifyLedger(db, &report)
            try Self.verifyJournal(db, &report)
            try Self.verifyDocuments(db, &report)
            return report
        }
    }

    private static func verifyLedger(_ db: Database, _ report: inout VerificationReport) throws {
        report.movements = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stock_movements") ?? 0
        report.onHandRows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stock_on_hand") ?? 0
        let mismatches = try Row.fetchAll(
            db,
            sql: """
                WITH folded AS (
                    SELECT product_id, location_id, lot, SUM(quantity) AS quantity FROM stock_movements
                    GROUP BY product_id, location_id, lot
                )
                SELECT f.product_id, f.location_id, f.lot, f.quantity, h.quantity
                FROM folded f LEFT JOIN stock_on_hand h
                    ON h.product_id = f.product_id AND h.location_id = f.location_id AND h.lot = f.lot
                WHERE h.quantity IS NOT f.quantity
                UNION ALL
                SELECT h.product_id, h.location_id, h.lot, NULL, h.quantity FROM stock_on_hand h
                WHERE h.quantity <> 0 AND NOT EXISTS (
                    SELECT 1 FROM stock_movements m
                    WHERE m.product_id = h.product_id AND m.location_id = h.location_id AND m.lot = h.lot)
                LIMIT 20
                """)
        for row in mismatches {
            let ledger: Int64? = row[3]
            let projection: Int64? = row[4]
            report.problems.append(
                "on-hand of \(row[0] as String) at \(row[1] as String) is \(projection.map(String.init) ?? "missing")"
                    + ", the ledger sums to \(ledger.map(String.init) ?? "nothing")")
        }
    }

    private static func verifyJournal(_ db: Database, _ report: inout VerificationReport) throws {
        var expectedSequence: Int64 = 1
        var previous = SalesJournal.genesis
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT seq, kind, document_id, created_at, payload, previous_hash, hash FROM journal ORDER BY seq"
        )
        while let row = try cursor.next() {
            report.journalEntries += 1
            let sequence: Int64 = row[0]
            let stored: String = row[6]
            if sequence != expectedSequence {
                report.problems.append("journal entry \(expectedSequence) is missing (found \(sequence) next)")
            }
            if row[5] != previous {
                report.problems.append("journal entry \(sequence) does not follow the hash of the entry before it")
            }
            let recomputed = SalesJournal.seal(
                sequence: sequence, kind: row[1], documentID: row[2], createdAt: row[3], previousHash: row[5],
                payload: row[4])
            if recomputed != stored {
                report.problems.append("journal entry \(sequence) was altered: its hash does not match its content")
            }
            previous = stored
            expectedSequence = sequence + 1
            if report.problems.count > 50 { return }
        }
    }

    private static func verifyDocuments(_ db: Database, _ report: inout VerificationReport) throws {
        report.receipts = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM receipts") ?? 0
        let highest = try Int.fetchOne(db, sql: "SELECT MAX(number) FROM receipts") ?? 0
        if highest != report.receipts {
            report.problems.append("receipt numbers have gaps: \(report.receipts) receipts up to number \(highest)")
        }
        report.completedSales = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sales WHERE status = 'completed'") ?? 0
        report.returns = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM returns") ?? 0
        // Every completed sale or return has its receipt, journal entry, outbox event and movements, and its
        // tenders pay exactly its total plus cash rounding.
        let broken = try Row.fetchAll(
            db,
            sql: """
                SELECT id, 'sale', total_minor + cash_rounding_minor,
                    (SELECT COALESCE(SUM(applied_minor), 0) FROM tenders WHERE document_id = s.id),
                    (SELECT COUNT(*) FROM receipts WHERE document_id = s.id),
                    (SELECT COUNT(*) FROM journal WHERE document_id = s.id),
                    (SELECT COUNT(*) FROM sale_lines WHERE sale_id = s.id AND voided = 0 AND product_id IS NOT NULL),
                    (SELECT COUNT(*) FROM stock_movements WHERE document_id = s.id)
                FROM sales s WHERE status = 'completed'
                UNION ALL
                SELECT id, 'return', total_minor + cash_rounding_minor,
                    (SELECT COALESCE(SUM(applied_minor), 0) FROM tenders WHERE document_id = r.id),
                    (SELECT COUNT(*) FROM receipts WHERE document_id = r.id),
                    (SELECT COUNT(*) FROM journal WHERE document_id = r.id),
                    (SELECT COUNT(*) FROM return_lines l JOIN sale_lines o
                        ON o.sale_id = r.original_sale_id AND o.number = l.original_line_number
                        WHERE l.return_id = r.id AND o.product_id IS NOT NULL),
                    (SELECT COUNT(*) FROM stock_movements WHERE document_id = r.id)
                FROM returns r
                """)
        for row in broken {
            let id: String = row[0]
            let kind: String = row[1]
            let due: Int64 = row[2]
            let paid: Int64 = row[3]
            if due != paid { report.problems.append("\(kind) \(id): tenders pay \(paid), the total is \(due)") }
            if row[4] != 1 { report.problems.append("\(kind) \(id) has no receipt") }
            if row[5] != 1 { report.problems.append("\(kind) \(id) is not in the journal exactly once") }
            if row[6] != row[7] as Int {
                report.problems.append("\(kind) \(id) has \(row[7] as Int) stock movements for \(row[6] as Int) lines")
            }
        }
        let orphans =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM receipts r WHERE NOT EXISTS (
                        SELECT 1 FROM sales WHERE id = r.document_id AND status = 'completed')
                        AND NOT EXISTS (SELECT 1 FROM returns WHERE id = r.document_id)
                    """) ?? 0
        if orphans > 0 { report.problems.append("\(orphans) receipts belong to no completed sale or return") }
    }
}
