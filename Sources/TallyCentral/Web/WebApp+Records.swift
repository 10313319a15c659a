import Foundation
import Hummingbird
import TallyCore

/// The pages of every ``RecordKind``: a list with search, sort, paging and CSV export; a form to add one; each
/// record's form with its history. Roles that may only look see the form without a way to send it.
extension WebApp {
    func addRecordRoutes(to router: Router<CentralRequestContext>) {
        for kind in RecordKinds.all { addRoutes(for: kind, to: router) }
    }

    func addRoutes(for kind: RecordKind, to router: Router<CentralRequestContext>) {
        let app = self
        page(router, "GET", kind.path) { visit, _ in
            try await app.recordsPage(kind, visit)
        }
        page(router, "GET", kind.path + ".csv") { visit, _ in
            let query = visit.query["q"] ?? ""
            let now = app.clock()
            let page = try await app.database.read { db in
                try Records.list(
                    kind, query: query, sort: "id", descending: false, limit: 1_000_000, offset: 0, now: now, on: db)
            }
            return CSV.response(
                header: kind.fields.map(\.key),
                rows: page.rows.map { values in
                    kind.fields.map {
                        FieldText.format(values[$0.key] ?? .null, $0, currency: app.currency, codeSeparator: " ")
                    }
                }, filename: "\(kind.plural).csv")
        }
        page(router, "GET", kind.path + "/new") { visit, _ in
            // A new record's form starts from the fields' defaults (a product is on sale, sold by the piece).
            try await app.recordPage(
                kind, visit, input: Records.withDefaults(kind, [:], currency: app.currency), existing: nil,
                errors: [:], notice: nil, status: .ok)
        }
        page(router, "GET", kind.path + "/import") { visit, _ in
            try app.importPage(kind, visit, report: nil, status: .ok)
        }
        page(router, "POST", kind.path + "/import") { visit, _ in
            let report = try await RecordImport.run(
                kind, text: visit.form["file"] ?? "", actor: visit.user.id, currency: app.currency, now: app.clock(),
                database: app.database)
            return try app.importPage(
                kind, visit, report: report, status: report.imported ? .ok : .unprocessableContent)
        }
        page(router, "POST", kind.path) { visit, _ in
            let input = visit.form
            let actor = visit.user.id
            let now = app.clock()
            let currency = app.currency
            do {
                let saved = try await app.database.write { db in
                    let values = try Records.checked(kind, input: input, existing: nil, currency: currency, on: db)
                    return try Records.save(
                        kind, values, existing: nil, actor: actor, currency: currency, now: now, on: db)
                }
                let id = saved["id"]?.textValue ?? ""
                return Response.redirect(to: "\(kind.path)/\(Form.encode(id))?added=1", type: .normal)
            } catch let errors as FieldErrors {
                return try await app.recordPage(
                    kind, visit, input: input, existing: nil, errors: errors.messages, notice: nil,
                    status: .unprocessableContent)
            }
        }
        page(router, "GET", kind.path + "/:id") { visit, context in
            let id = context.parameters.get("id") ?? ""
            let now = app.clock()
            guard let existing = try await app.database.read({ db in try Records.load(kind, id: id, now: now, on: db) })
            else { throw WebProblem.notFound("There is no \(kind.title.lowercased()) \(id).") }
            return try await app.recordPage(
                kind, visit, input: app.formText(kind, existing), existing: existing, errors: [:],
                notice: visit.query["added"] == nil ? nil : "The \(kind.title.lowercased()) was added.", status: .ok)
        }
        page(router, "POST", kind.path + "/:id") { visit, context in
            let id = context.parameters.get("id") ?? ""
            let input = visit.form
            let actor = visit.user.id
            let now = app.clock()
            let currency = app.currency
            do {
                let saved = try await app.database.write { db -> (before: RecordValues, after: RecordValues)? in
                    guard let existing = try Records.load(kind, id: id, now: now, on: db) else { return nil }
                    let values = try Records.checked(kind, input: input, existing: existing, currency: currency, on: db)
                    let after = try Records.save(
                        kind, values, existing: existing, actor: actor, currency: currency, now: now, on: db)
                    return (existing, after)
                }
                guard let saved else { throw WebProblem.notFound("There is no \(kind.title.lowercased()) \(id).") }
                return try await app.recordPage(
                    kind, visit, input: app.formText(kind, saved.after), existing: saved.after, errors: [:],
                    notice: "Saved.", status: .ok)
            } catch let errors as FieldErrors {
                let existing = try await app.database.read { db in try Records.load(kind, id: id, now: now, on: db) }
                return try await app.recordPage(
                    kind, visit, input: input, existing: existing, errors: errors.messages, notice: nil,
                    status: .unprocessableContent)
            }
        }
    }

    func importPage(
        _ kind: RecordKind, _ visit: Visit, report: RecordImport.Report?, status: HTTPResponse.Status
    ) throws -> Response {
        var kindShown = kindValues(kind, visit)
        kindShown["listed"] = true
        let values: [String: Any] = [
            "kind": kindShown,
            "hint": "A row whose id is a code already known changes that record's columns in the file; any other "
                + "row adds one. The export of the list is a file of this form.",
            "columns": kind.fields.map { field -> [String: Any] in
                var column: [String: Any] = ["key": field.key, "label": field.label, "form": columnForm(field)]
                if field.required && field.defaultValue == .null && field.key != "id" { column["required"] = true }
                return column
            },
        ]
        return try importPage(values, visit, report: report, status: status, current: kind.path)
    }

    /// The import form, with the report of the file just sent.
    func importPage(
        _ values: [String: Any], _ visit: Visit, report: RecordImport.Report?, status: HTTPResponse.Status,
        current: String
    ) throws -> Response {
        var values = values
        if let report {
            var shown: [String: Any] = [
                "rows": report.rows, "added": report.added, "changed": report.changed, "unchanged": report.unchanged,
                "problemCount": report.problemCount,
                "problems": report.problems.map { ["row": $0.row, "field": $0.field ?? "", "message": $0.message] },
            ]
            if report.imported { shown["imported"] = true }
            if report.kind == "opening-stock" { shown["stock"] = true }
            if report.problemCount > report.problems.count {
                shown["more"] = report.problemCount - report.problems.count
            }
            values["report"] = shown
        }
        var response = try render("import", visit, values, current: current)
        response.status = status
        return response
    }

    /// How a column of an import file is written.
    func columnForm(_ field: RecordField) -> String {
        switch field.kind {
        case .text(let maximum): "text, at most \(maximum) characters"
        case .multiline(let maximum): "text, at most \(maximum) characters"
        case .email: "an e-mail address"
        case .integer(let range): "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .money: "an amount in \(currency.code) such as 12.50"
        case .percent: "a percentage such as 19 or 7.5"
        case .choice(let choices): "one of " + choices.map(\.value).joined(separator: ", ")
        case .reference(let target): "the code of a \(RecordKinds.named(target)?.title.lowercased() ?? target)"
        case .flag: "1 for yes, 0 or empty for no"
        case .codes: "codes separated by spaces"
        }
    }

    /// A record's values as its form shows them.
    func formText(_ kind: RecordKind, _ values: RecordValues) -> [String: String] {
        Records.text(kind, values, currency: currency)
    }

    /// How a list cell shows a value: choices by their title, flags as yes or no, codes side by side.
    func cell(_ value: DBValue, _ field: RecordField) -> String {
        switch field.kind {
        case .flag: return value.integerValue == 1 ? "yes" : "no"
        case .choice(let choices):
            let text = value.textValue ?? ""
            return choices.first { $0.value == text }?.title ?? text
        case .codes: return FieldText.format(value, field, currency: currency, codeSeparator: ", ")
        default: return FieldText.format(value, field, currency: currency)
        }
    }

    func kindValues(_ kind: RecordKind, _ visit: Visit) -> [String: Any] {
        var values: [String: Any] = [
            "title": kind.title, "titleLower": kind.title.lowercased(), "pluralTitle": kind.pluralTitle,
            "path": kind.path,
        ]
        if visit.user.role.can(kind.edit) { values["canEdit"] = true }
        return values
    }

    func recordsPage(_ kind: RecordKind, _ visit: Visit) async throws -> Response {
        let shown = [kind.fields[0], kind.fields[1]] + kind.listed.compactMap(kind.field)
        let columns = shown.map { field in
            (
                key: field.key, label: field.label,
                order: Records.sortExpression(field, kind, .sqlite) == nil ? "" : field.key
            )
        }.filter { !$0.order.isEmpty }
        let list = ListState(visit.query, columns: columns, basePath: kind.path)
        let now = clock()
        let page = try await database.read { db in
            try Records.list(
                kind, query: list.query, sort: list.sortKey, descending: list.descending, limit: ListState.pageSize,
                offset: list.offset, now: now, on: db)
        }
        var header = list.values(total: page.total)
        // Columns that cannot be sorted are shown without a link.
        let sortable = Dictionary(
            uniqueKeysWithValues: zip(columns.map(\.key), header["columns"] as? [[String: Any]] ?? []))
        header["columns"] = shown.map { field in sortable[field.key] ?? ["label": field.label] }
        header["queryEncoded"] = Form.encode(list.query)
        let rows = page.rows.map { values -> [String: Any] in
            let id = values["id"]?.textValue ?? ""
            return [
                "id": id, "href": "\(kind.path)/\(Form.encode(id))",
                "cells": shown.dropFirst().map { cell(values[$0.key] ?? .null, $0) },
            ]
        }
        return try render(
            "records", visit, ["kind": kindValues(kind, visit), "list": header, "rows": rows, "width": shown.count],
            current: kind.path)
    }

    func recordPage(
        _ kind: RecordKind, _ visit: Visit, input: [String: String], existing: RecordValues?,
        errors: [String: String], notice: String?, status: HTTPResponse.Status
    ) async throws -> Response {
        let canEdit = visit.user.role.can(kind.edit)
        let references = Set(
            kind.fields.compactMap { field -> String? in
                if case .reference(let target) = field.kind { return target }
                return nil
            })
        let options = try await database.read { db in
            var options: [String: [(id: String, name: String)]] = [:]
            for name in references {
                if let target = RecordKinds.named(name) { options[name] = try Records.options(target, on: db) }
            }
            return options
        }
        let id = existing?["id"]?.textValue
        let fields = kind.fields.compactMap { field -> [String: Any]? in
            if field.key == "id" && existing != nil { return nil }
            return fieldValues(
                field, text: input[field.key] ?? "", error: errors[field.key], readOnly: !canEdit, options: options)
        }
        var values: [String: Any] = [
            "kind": kindValues(kind, visit), "fields": fields,
            "heading": id.map { "\(kind.title) \(existing?["name"]?.textValue ?? $0)" }
                ?? "Add a \(kind.title.lowercased())",
            "action": id.map { "\(kind.path)/\(Form.encode($0))" } ?? kind.path,
            "submit": existing == nil ? "Add \(kind.title.lowercased())" : "Save",
        ]
        if let id { values["code"] = id }
        if !errors.isEmpty {
            values["failed"] =
                existing == nil
                ? "The \(kind.title.lowercased()) was not added: see the fields marked below."
                : "Nothing was changed: see the fields marked below."
        }
        if let notice { values["notice"] = notice }
        if let id, kind.feed?.kind == .product, visit.user.role.can(.viewStock) {
            // What central's ledger holds of the product, per location and lot.
            let levels = try await database.read { db in
                try db.query(
                    """
                    SELECT location_id, lot, quantity FROM stock WHERE product_id = ? AND quantity <> 0
                    ORDER BY location_id, lot
                    """, .text(id))
            }
            values["stock"] = levels.map { row -> [String: Any] in
                let quantity = row.integer("quantity") ?? 0
                var level: [String: Any] = [
                    "location": row.text("location_id") ?? "", "lot": row.text("lot") ?? "", "quantity": quantity,
                ]
                if quantity < 0 { level["negative"] = true }
                return level
            }
            values["stockTotal"] = levels.reduce(Int64(0)) { $0 + ($1.integer("quantity") ?? 0) }
            values["showStock"] = true
        }
        if let id {
            let history = try await history(entity: kind.name, id: id)
            values["history"] = history
            if !history.isEmpty { values["hasHistory"] = true }
        }
        var response = try render("record", visit, values, current: kind.path)
        response.status = status
        return response
    }

    func fieldValues(
        _ field: RecordField, text: String, error: String?, readOnly: Bool,
        options: [String: [(id: String, name: String)]]
    ) -> [String: Any] {
        var values: [String: Any] = ["key": field.key, "label": field.label, "value": text]
        var described: [String] = []
        if let hint = field.hint {
            values["hint"] = hint
            described.append("f-\(field.key)-hint")
        }
        if let error {
            values["error"] = error
            described.append("f-\(field.key)-error")
        }
        if !described.isEmpty { values["describedBy"] = described.joined(separator: " ") }
        if field.required && field.defaultValue == .null { values["required"] = true }
        if readOnly { values["readonly"] = true }
        func select(_ choices: [(value: String, title: String)], empty: Bool) {
            values["select"] = true
            var list = choices
            if empty { list.insert(("", "—"), at: 0) }
            values["options"] = list.map { choice -> [String: Any] in
                var option: [String: Any] = ["value": choice.value, "title": choice.title]
                if choice.value == text { option["selected"] = true }
                return option
            }
        }
        switch field.kind {
        case .flag:
            values["checkbox"] = true
            if text == "1" { values["checked"] = true }
        case .multiline, .codes:
            values["textarea"] = true
        case .choice(let choices):
            select(choices.map { ($0.value, $0.title) }, empty: false)
        case .reference(let target):
            var choices = (options[target] ?? []).map { (value: $0.id, title: "\($0.name) (\($0.id))") }
            if !text.isEmpty && !choices.contains(where: { $0.value == text }) { choices.append((text, text)) }
            select(choices, empty: !field.required)
        case .email:
            values["input"] = true
            values["type"] = "email"
        case .integer:
            values["input"] = true
            values["type"] = "text"
            values["inputmode"] = "numeric"
        case .money, .percent:
            values["input"] = true
            values["type"] = "text"
            values["inputmode"] = "decimal"
        case .text:
            values["input"] = true
            values["type"] = "text"
        }
        return values
    }
}
