import CSV
import Foundation
import TallyCore

/// A CSV file of records of one kind, imported whole or not at all.
///
/// The first row names the columns by field key (`id,name,sellingPrice,…`, as the kind's CSV export writes them);
/// only the columns present are read. A row whose `id` names a record changes that record's fields in the file and
/// keeps the others; any other row adds a record (with a made-up code when `id` is empty). Every row is checked as
/// its form would be, in one transaction and in file order, so a row may name a category added a few rows above, and
/// a barcode given twice in the file is caught. When any row is wrong, nothing is stored and the report names each
/// row, field and problem.
public enum RecordImport {
    /// The largest file accepted.
    public static let maximumBytes = 16 << 20
    /// The most rows one file may hold.
    public static let maximumRows = 100_000
    /// The most problems a report lists (it counts them all).
    public static let maximumProblems = 200

    public struct Problem: Codable, Sendable, Hashable {
        /// The row in the file, the header being row 1.
        public var row: Int
        public var field: String?
        public var message: String
    }

    public struct Report: Codable, Sendable, Hashable {
        public var kind: String
        public var rows: Int
        public var added: Int
        public var changed: Int
        public var unchanged: Int
        /// Whether the file was stored: false when any row has a problem.
        public var imported: Bool
        public var problemCount: Int
        public var problems: [Problem]
    }

    /// Thrown with the report to roll the transaction back.
    struct Rejected: Error {
        var report: Report
    }

    /// The header and rows of a CSV text: comma- or semicolon-separated (as spreadsheets in many countries save
    /// it), with or without a byte order mark; fields that the export guarded against formulas (`'=…`) come back as
    /// they were.
    static func table(_ text: String) throws(FieldErrors) -> (header: [String], rows: [[String]]) {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
        let delimiter: UnicodeScalar = firstLine.contains(";") && !firstLine.contains(",") ? ";" : ","
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: false, delimiter: delimiter)
        } catch {
            throw FieldErrors(["file": "the file is not CSV with a header row"])
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [[String]] = []
        while let row = reader.next() {
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            rows.append(row.map(unguarded))
            if rows.count > maximumRows {
                throw FieldErrors(["file": "a file may hold at most \(maximumRows) rows; split it"])
            }
        }
        if reader.error != nil { throw FieldErrors(["file": "the file is not UTF-8 CSV"]) }
        return (header, rows)
    }

    /// A field as it was before ``CSV/field(_:)`` guarded it against formulas.
    static func unguarded(_ field: String) -> String {
        guard field.hasPrefix("'"), let next = field.dropFirst().first, "=+-@\t\r".contains(next) else { return field }
        return String(field.dropFirst())
    }

    /// Checks and stores the file in the transaction under way; throws ``Rejected`` (which rolls it back) when any
    /// row has a problem or the file cannot be read at all.
    static func run(
        _ kind: RecordKind, text: String, actor: String, currency: Currency, now: Int64, on db: any DBConnection
    ) throws -> Report {
        let header: [String]
        let rows: [[String]]
        do {
            (header, rows) = try table(text)
        } catch {
            // A file that cannot be read at all is reported like any other problem of the file.
            throw Rejected(
                report: Report(
                    kind: kind.name, rows: 0, added: 0, changed: 0, unchanged: 0, imported: false,
                    problemCount: error.messages.count,
                    problems: error.messages.sorted { $0.key < $1.key }.map {
                        Problem(row: 1, field: nil, message: $0.value)
                    }))
        }
        var report = Report(
            kind: kind.name, rows: rows.count, added: 0, changed: 0, unchanged: 0, imported: false, problemCount: 0,
            problems: [])
        func note(_ row: Int, _ field: String?, _ message: String) {
            report.problemCount += 1
            if report.problems.count < maximumProblems {
                report.problems.append(Problem(row: row, field: field, message: message))
            }
        }
        let keys = Set(kind.fields.map(\.key))
        var seenColumns: Set<String> = []
        for column in header {
            if !keys.contains(column) {
                note(
                    1, column,
                    "\(kind.name) has no field \(column.debugDescription); its fields are "
                        + kind.fields.map(\.key).joined(separator: ", "))
            } else if !seenColumns.insert(column).inserted {
                note(1, column, "the column \(column) is named twice")
            }
        }
        if header.isEmpty || rows.isEmpty { note(1, nil, "the file has a header row and no records below it") }
        guard report.problemCount == 0 else { throw Rejected(report: report) }
        var seenIDs: [String: Int] = [:]
        for (index, row) in rows.enumerated() {
            let number = index + 2
            guard row.count <= header.count else {
                note(number, nil, "the row has \(row.count) fields; the header names \(header.count)")
                continue
            }
            var input: [String: String] = [:]
            for (column, value) in zip(header, row) { input[column] = value }
            let id = (input["id"] ?? "").trimmingCharacters(in: .whitespaces)
            if !id.isEmpty {
                if let earlier = seenIDs[id] {
                    note(number, "id", "\(id) is on row \(earlier) already")
                    continue
                }
                seenIDs[id] = number
            }
            let existing = id.isEmpty ? nil : try Records.load(kind, id: id, now: now, on: db)
            if let existing {
                // Columns the file leaves out keep their values.
                input = Records.changing(kind, existing, with: input, currency: currency)
            } else {
                input = Records.withDefaults(kind, input, currency: currency)
            }
            do {
                let values = try Records.checked(kind, input: input, existing: existing, currency: currency, on: db)
                if let existing, kind.fields.allSatisfy({ (values[$0.key] ?? .null) == (existing[$0.key] ?? .null) }) {
                    report.unchanged += 1
                    continue
                }
                try Records.save(kind, values, existing: existing, actor: actor, currency: currency, now: now, on: db)
                if existing == nil { report.added += 1 } else { report.changed += 1 }
            } catch let errors as FieldErrors {
                for (field, message) in errors.messages.sorted(by: { $0.key < $1.key }) { note(number, field, message) }
            }
        }
        guard report.problemCount == 0 else {
            report.added = 0
            report.changed = 0
            report.unchanged = 0
            throw Rejected(report: report)
        }
        report.imported = true
        return report
    }

    /// Runs an import in its own transaction: the report of a stored file, or of one rejected whole.
    public static func run(
        _ kind: RecordKind, text: String, actor: String, currency: Currency, now: Int64, database: any DBAccess
    ) async throws -> Report {
        do {
            return try await database.write { db in
                try run(kind, text: text, actor: actor, currency: currency, now: now, on: db)
            }
        } catch let rejected as Rejected {
            return rejected.report
        }
    }
}
