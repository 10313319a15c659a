import Foundation

/// Opening stock from a CSV file, imported whole or not at all: the stock a shop starts with, or moves over from a
/// spreadsheet or another system.
///
/// Columns: `product` (a product's code or one of its barcodes), `location` (a location's code), `lot` (optional)
/// and `quantity` (pieces, or grams for items sold by weight). Each row says how much is on hand there: central books
/// the difference from what its ledger holds as one event of its own (movements with the reason `opening`), so
/// importing the same file twice changes nothing. A file with any problem books nothing, and its report names each
/// row, column and problem.
public enum StockImport {
    static let columns = ["product", "location", "lot", "quantity"]

    /// Checks and books the file in the transaction under way; throws ``RecordImport/Rejected`` to roll it back.
    static func run(text: String, actor: String, now: Int64, on db: any DBConnection) throws -> RecordImport.Report {
        var report = RecordImport.Report(
            kind: "opening-stock", rows: 0, added: 0, changed: 0, unchanged: 0, imported: false, problemCount: 0,
            problems: [])
        func note(_ row: Int, _ field: String?, _ message: String) {
            report.problemCount += 1
            if report.problems.count < RecordImport.maximumProblems {
                report.problems.append(RecordImport.Problem(row: row, field: field, message: message))
            }
        }
        let header: [String]
        let rows: [[String]]
        do {
            (header, rows) = try RecordImport.table(text)
        } catch {
            for message in error.messages.values.sorted() { note(1, nil, message) }
            throw RecordImport.Rejected(report: report)
        }
        report.rows = rows.count
        for column in header where !columns.contains(column) {
            note(
                1, column,
                "opening stock has no column \(column.debugDescription); its columns are product, location, lot, quantity"
            )
        }
        for column in ["product", "location", "quantity"] where !header.contains(column) {
            note(1, column, "the column \(column) is needed")
        }
        if rows.isEmpty { note(1, nil, "the file has a header row and no rows below it") }
        guard report.problemCount == 0 else { throw RecordImport.Rejected(report: report) }
        var seen: [String: Int] = [:]
        var movements: [CentralLedger.Movement] = []
        for (index, row) in rows.enumerated() {
            let number = index + 2
            guard row.count <= header.count else {
                note(number, nil, "the row has \(row.count) fields; the header names \(header.count)")
                continue
            }
            var input: [String: String] = [:]
            for (column, value) in zip(header, row) { input[column] = value.trimmingCharacters(in: .whitespaces) }
            let code = input["product"] ?? ""
            let product =
                Input.identifierProblem(code, "") == nil ? try PurchaseOrders.product(named: code, on: db) : nil
            if product == nil {
                note(
                    number, "product",
                    code.isEmpty ? "enter a product's code or barcode" : "no product has the code or barcode \(code)")
            }
            let location = input["location"] ?? ""
            if try !SalesOrders.locationExists(location, on: db) {
                note(
                    number, "location",
                    location.isEmpty ? "enter a location's code" : "there is no location \(location)")
            }
            let lot = input["lot"] ?? ""
            if lot.utf8.count > 64 || Input.hasControlCharacters(lot) {
                note(number, "lot", "a lot has at most 64 characters on one line")
            }
            guard let quantity = Int64(input["quantity"] ?? ""), (0...CentralAPI.maximumQuantity).contains(quantity)
            else {
                note(number, "quantity", "a whole number from 0 to \(CentralAPI.maximumQuantity)")
                continue
            }
            guard let product else { continue }
            let key = "\(product.id)\u{1F}\(location)\u{1F}\(lot)"
            if let earlier = seen[key] {
                note(
                    number, nil,
                    "\(product.id) at \(location), lot \(lot.isEmpty ? "none" : lot), is on row \(earlier) already")
                continue
            }
            seen[key] = number
            let onHand =
                try db.first(
                    "SELECT quantity FROM stock WHERE product_id = ? AND location_id = ? AND lot = ?",
                    .text(product.id), .text(location), .text(lot))?.integer("quantity") ?? 0
            if onHand == quantity {
                report.unchanged += 1
            } else {
                report.added += 1
                movements.append(
                    CentralLedger.Movement(
                        productID: product.id, locationID: location, lot: lot, quantity: quantity - onHand,
                        reason: "opening"))
            }
        }
        guard report.problemCount == 0 else {
            report.added = 0
            report.unchanged = 0
            throw RecordImport.Rejected(report: report)
        }
        if !movements.isEmpty {
            let event = try CentralLedger.record(
                type: "opening-stock", payload: ["rows": String(rows.count)], movements: movements, now: now, on: db)
            try Audit.record(
                actor: actor, action: "stock.opening", entity: "stock", id: event,
                before: nil as [CentralLedger.Movement]?,
                after: movements, now: now, on: db)
        }
        report.imported = true
        return report
    }

    /// Runs an import in its own transaction: the report of a booked file, or of one rejected whole.
    public static func run(
        text: String, actor: String, now: Int64, database: any DBAccess
    ) async throws
        -> RecordImport.Report
    {
        do {
            return try await database.write { db in try run(text: text, actor: actor, now: now, on: db) }
        } catch let rejected as RecordImport.Rejected {
            return rejected.report
        }
    }
}
