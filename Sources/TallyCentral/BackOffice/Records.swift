import Foundation
import TallyCore
import TallySync

/// How a field of a back-office record is typed, checked, stored and shown.
public enum FieldKind: Sendable {
    /// One line of text.
    case text(maximum: Int)
    /// Lines of text, such as an address.
    case multiline(maximum: Int)
    case email
    case integer(ClosedRange<Int64>)
    /// An amount of the shop's currency, 0 or more, held in minor units (cents).
    case money
    /// A percentage with at most four decimal places, held in millionths (19 % is 190000).
    case percent
    /// One of a fixed set of values.
    case choice([Choice])
    /// The id of a record of another kind (its ``RecordKind/name``).
    case reference(String)
    case flag
    /// Barcodes: GTINs (8, 12, 13 or 14 digits with their check digit, held as GTIN-14) or the text of a store
    /// label, one per line or separated by spaces.
    case codes

    public struct Choice: Sendable, Hashable {
        public var value: String
        public var title: String
    }
}

/// Where a field is kept: a column of the record's table, or inside the catalog record stations pull (with the
/// JSON key its lists sort by, when they may).
public enum FieldStorage: Sendable, Hashable {
    case column(String)
    case record(sortKey: String?)
}

/// One field of a record kind: its name in forms, JSON and CSV (`key`), how it is shown, typed and stored.
public struct RecordField: Sendable {
    public var key: String
    public var label: String
    public var kind: FieldKind
    public var storage: FieldStorage
    public var required: Bool
    /// What an empty optional field is stored as (nil: nothing).
    public var defaultValue: DBValue
    public var hint: String?

    public init(
        _ key: String, _ label: String, _ kind: FieldKind, _ storage: FieldStorage, required: Bool = false,
        defaultValue: DBValue = .null, hint: String? = nil
    ) {
        self.key = key
        self.label = label
        self.kind = kind
        self.storage = storage
        self.required = required
        self.defaultValue = defaultValue
        self.hint = hint
    }

    public var column: String? {
        if case .column(let name) = storage { return name }
        return nil
    }
}

/// A record's values by field key, typed as stored: text, whole numbers (minor units, millionths), flags as 0 or 1,
/// codes as text with one code per line; `.null` for an empty optional field. The id is under `id`.
public typealias RecordValues = [String: DBValue]

/// How a record kind whose station-facing part is a catalog record reads and writes that record.
public struct FeedBinding: Sendable {
    public var kind: CatalogKind
    /// The table of what only the back office keeps (columns of the ``FieldStorage/column(_:)`` fields), if any.
    public var details: String?
    /// The values of the record's fields, read from its stored JSON.
    public var read: @Sendable (_ payload: String, _ now: Int64) throws -> RecordValues
    /// The record to store for the values, given the stored JSON (nil for a new record): fields the back office
    /// does not edit, such as a product's price history, are carried over.
    public var make:
        @Sendable (_ values: RecordValues, _ stored: String?, _ now: Int64, _ currency: Currency) throws
            -> CatalogRecord
}

/// What the shop keeps in the back office, one kind of record at a time: its fields, who may see and change it,
/// where it is stored, and the rules beyond each field's own. Pages, the REST API, CSV export and import and the
/// audit trail are made from this one description.
public struct RecordKind: Sendable {
    /// `product`: the audit trail's entity name and what references name.
    public var name: String
    public var title: String
    /// `products`: the path of its pages (`/app/products`) and of its API (`/api/v1/products`).
    public var plural: String
    public var pluralTitle: String
    public var summary: String
    public var view: Permission
    public var edit: Permission
    /// The first field is `id`, the second `name`.
    public var fields: [RecordField]
    /// The keys of the fields its list shows after the id and name.
    public var listed: [String]
    /// Generated ids start with this (`CAT-`), for a record added without a code.
    public var idPrefix: String
    /// The table of a kind kept only in the back office.
    public var table: String?
    public var feed: FeedBinding?
    /// The rules that involve more than one field or other records, per field.
    public var check:
        @Sendable (_ values: RecordValues, _ isNew: Bool, _ db: any DBConnection) throws -> [String: String] = {
            _, _, _ in [:]
        }

    public func field(_ key: String) -> RecordField? { fields.first { $0.key == key } }

    public var path: String { "/app/\(plural)" }
    public var apiPath: String { "/api/v1/\(plural)" }
}

/// A record kind's lists, reads and writes, written once for both engines and every kind.
public enum Records {
    /// How the record's id is checked: 1 to 64 characters of letters, digits and `.-_`.
    static func idProblem(_ id: String) -> String? {
        guard !id.isEmpty, id.utf8.count <= 64,
            id.unicodeScalars.allSatisfy({
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-_".unicodeScalars.contains($0))
            })
        else { return "a code has 1 to 64 letters, digits, dots, hyphens or underscores" }
        return nil
    }

    static func newID(_ kind: RecordKind) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return kind.idPrefix + String((0..<8).map { _ in alphabet.randomElement(using: &generator)! })
    }

    // MARK: Reading

    /// The columns of the kind's table (or details table) that its fields use.
    static func columns(_ kind: RecordKind) -> [(field: RecordField, column: String)] {
        kind.fields.compactMap { field in field.column.map { (field, $0) } }.filter { $0.column != "id" }
    }

    /// The expression a list sorts a field by; nil when it cannot be sorted.
    static func sortExpression(_ field: RecordField, _ kind: RecordKind, _ dialect: DBDialect) -> String? {
        switch field.storage {
        case .column(let column):
            let expression = column == "id" ? (kind.feed == nil ? "t.id" : "c.key") : "t.\(column)"
            if case .text = field.kind { return "lower(\(expression))" }
            return expression
        case .record(let key?):
            let extract =
                dialect == .postgres ? "(c.payload::json ->> '\(key)')" : "json_extract(c.payload, '$.\(key)')"
            return "lower(\(extract))"
        case .record(nil):
            return nil
        }
    }

    /// The FROM clause and the id expression of the kind's rows.
    static func source(_ kind: RecordKind) -> (from: String, id: String, filter: String) {
        if let feed = kind.feed {
            let join = feed.details.map { " LEFT JOIN \($0) t ON t.id = c.key" } ?? ""
            return ("catalog c\(join)", "c.key", "c.kind = '\(feed.kind.rawValue)' AND c.payload IS NOT NULL")
        }
        return ("\(kind.table!) t", "t.id", "1 = 1")
    }

    static func selectList(_ kind: RecordKind) -> String {
        let (_, id, _) = source(kind)
        var parts = ["\(id) AS record_id"]
        if kind.feed != nil { parts.append("c.payload AS record_payload") }
        if kind.feed == nil || kind.feed?.details != nil {
            parts += columns(kind).map { "t.\($0.column) AS \($0.column)" }
        }
        return parts.joined(separator: ", ")
    }

    static func values(_ kind: RecordKind, row: DBRow, now: Int64) throws -> RecordValues {
        var values: RecordValues = ["id": .text(try row.string("record_id"))]
        for (field, column) in columns(kind) { values[field.key] = row[column] }
        if let feed = kind.feed, let payload = row.text("record_payload") {
            for (key, value) in try feed.read(payload, now) { values[key] = value }
        }
        return values
    }

    /// A page of the kind's records whose text holds `query`, sorted by the field `sort` (the name when it
    /// cannot be sorted).
    static func list(
        _ kind: RecordKind, query: String, sort: String, descending: Bool, limit: Int, offset: Int, now: Int64,
        on db: any DBConnection
    ) throws -> ListPage<RecordValues> {
        let (from, id, filter) = source(kind)
        let pattern = ListQuery.containing(query.filter { !$0.isASCII || $0.asciiValue! >= 0x20 })
        // The code, and each field of text: a column, or a value of the catalog record (not the record's JSON,
        // whose keys would match too), such as a product's name and barcodes.
        var searched = ["lower(\(id)) LIKE ? ESCAPE '\\'"]
        for field in kind.fields where field.key != "id" {
            switch field.kind {
            case .text, .multiline, .email, .codes: break
            default: continue
            }
            let expression: String
            switch field.storage {
            case .column(let column): expression = "lower(t.\(column))"
            case .record(_?): expression = sortExpression(field, kind, db.dialect)!
            case .record(nil): continue
            }
            searched.append("\(expression) LIKE ? ESCAPE '\\'")
        }
        let condition = "\(filter) AND (\(searched.joined(separator: " OR ")))"
        let binds = Array(repeating: DBValue.text(pattern), count: searched.count)
        let total = try db.query("SELECT count(*) AS n FROM \(from) WHERE \(condition)", binds).first?.integer("n") ?? 0
        let field = kind.field(sort) ?? kind.fields[1]
        let order = sortExpression(field, kind, db.dialect) ?? sortExpression(kind.fields[1], kind, db.dialect) ?? id
        let collate = db.dialect == .postgres ? " COLLATE \"C\"" : ""
        let rows = try db.query(
            """
            SELECT \(selectList(kind)) FROM \(from) WHERE \(condition)
            ORDER BY \(order) \(descending ? "DESC" : "ASC"), \(id)\(collate) LIMIT ? OFFSET ?
            """, binds + [.integer(Int64(limit)), .integer(Int64(offset))])
        return ListPage(rows: try rows.map { try values(kind, row: $0, now: now) }, total: Int(total))
    }

    /// One record; nil when there is none with the id.
    public static func load(_ kind: RecordKind, id: String, now: Int64, on db: any DBConnection) throws -> RecordValues?
    {
        // Not an id a record can have: nothing to look for (and nothing PostgreSQL would take, such as NUL).
        if Input.identifierProblem(id, "") != nil { return nil }
        let (from, idColumn, filter) = source(kind)
        return try db.first("SELECT \(selectList(kind)) FROM \(from) WHERE \(filter) AND \(idColumn) = ?", .text(id))
            .map { try values(kind, row: $0, now: now) }
    }

    /// Whether a record of the kind has the id.
    static func exists(_ kind: RecordKind, id: String, on db: any DBConnection) throws -> Bool {
        let (from, idColumn, filter) = source(kind)
        return try db.first("SELECT 1 AS found FROM \(from) WHERE \(filter) AND \(idColumn) = ?", .text(id)) != nil
    }

    /// The ids and names of the kind's records, for a reference's choices (the first 2000 by name).
    static func options(_ kind: RecordKind, on db: any DBConnection) throws -> [(id: String, name: String)] {
        try list(kind, query: "", sort: "name", descending: false, limit: 2000, offset: 0, now: 0, on: db).rows.map {
            (id: $0["id"]?.textValue ?? "", name: $0["name"]?.textValue ?? "")
        }
    }

    // MARK: Checking

    /// A record's values as a form shows them, by field key.
    static func text(_ kind: RecordKind, _ values: RecordValues, currency: Currency) -> [String: String] {
        var text: [String: String] = [:]
        for field in kind.fields {
            text[field.key] = FieldText.format(values[field.key] ?? .null, field, currency: currency)
        }
        return text
    }

    /// The input of a change that names only some fields: the others keep the stored record's values.
    static func changing(
        _ kind: RecordKind, _ existing: RecordValues, with input: [String: String], currency: Currency
    ) -> [String: String] {
        text(kind, existing, currency: currency).merging(input) { $1 }
    }

    /// The input with each field it does not name set to the field's default, as a new record from the API or a
    /// CSV file starts (a form names every field, an unticked box by leaving it out).
    static func withDefaults(_ kind: RecordKind, _ input: [String: String], currency: Currency) -> [String: String] {
        var input = input
        for field in kind.fields where input[field.key] == nil && field.defaultValue != .null {
            input[field.key] = FieldText.format(field.defaultValue, field, currency: currency)
        }
        return input
    }

    /// The values typed into a form (or read from CSV, or from JSON turned into text), checked field by field and
    /// against the kind's rules. `existing` is the stored record when changing one.
    public static func checked(
        _ kind: RecordKind, input: [String: String], existing: RecordValues?, currency: Currency,
        on db: any DBConnection
    ) throws -> RecordValues {
        var errors = FieldErrors()
        var values: RecordValues = [:]
        for field in kind.fields {
            if field.key == "id" {
                if let existing {
                    values["id"] = existing["id"]
                    continue
                }
                let typed = (input["id"] ?? "").trimmingCharacters(in: .whitespaces)
                if typed.isEmpty {
                    values["id"] = .text(newID(kind))
                } else if let problem = idProblem(typed) {
                    errors["id"] = problem
                } else if try exists(kind, id: typed, on: db) {
                    errors["id"] = "another \(kind.title.lowercased()) has the code \(typed)"
                } else {
                    values["id"] = .text(typed)
                }
                continue
            }
            let text = input[field.key] ?? ""
            switch FieldText.parse(text, field, currency: currency) {
            case .success(let value):
                if value == .null {
                    if field.defaultValue != .null {
                        values[field.key] = field.defaultValue
                    } else if field.required {
                        errors[field.key] = "enter the \(field.label.lowercased())"
                    } else {
                        values[field.key] = .null
                    }
                    continue
                }
                if case .reference(let target) = field.kind, case .text(let id) = value,
                    let targetKind = RecordKinds.named(target), try !exists(targetKind, id: id, on: db)
                {
                    errors[field.key] = "there is no \(targetKind.title.lowercased()) \(id)"
                    continue
                }
                values[field.key] = value
            case .failure(let problem):
                errors[field.key] = problem.message
            }
        }
        if errors.isEmpty {
            for (key, message) in try kind.check(values, existing == nil, db) where errors[key] == nil {
                errors[key] = message
            }
        }
        try errors.check()
        return values
    }

    // MARK: Writing

    /// Adds a record (`existing` nil) or changes one, writes its catalog record for the stations when it has one,
    /// and the audit entry, in the transaction under way. Answers the record as stored.
    @discardableResult
    public static func save(
        _ kind: RecordKind, _ values: RecordValues, existing: RecordValues?, actor: String, currency: Currency,
        now: Int64, on db: any DBConnection
    ) throws -> RecordValues {
        let id = values["id"]?.textValue ?? ""
        if let feed = kind.feed {
            let stored = try db.first(
                "SELECT payload FROM catalog WHERE kind = ? AND key = ?", .text(feed.kind.rawValue), .text(id))?
                .text("payload")
            let record = try feed.make(values, stored, now, currency)
            try CatalogFeed.put([try CatalogWrite(record)], now: now, on: db)
            if let details = feed.details { try upsert(kind, into: details, values, now: now, on: db) }
        } else if let table = kind.table {
            try upsert(kind, into: table, values, now: now, on: db)
        }
        guard let saved = try load(kind, id: id, now: now, on: db) else {
            throw DBRowError(description: "\(kind.name) \(id) was written and is not there")
        }
        try Audit.record(
            actor: actor, action: existing == nil ? "\(kind.name).create" : "\(kind.name).update", entity: kind.name,
            id: id, before: existing.map { RecordJSON(kind, $0) }, after: RecordJSON(kind, saved), now: now, on: db)
        return saved
    }

    static func upsert(
        _ kind: RecordKind, into table: String, _ values: RecordValues, now: Int64, on db: any DBConnection
    ) throws {
        let columns = columns(kind)
        let names = ["id"] + columns.map(\.column) + ["created_at", "updated_at"]
        let binds =
            [values["id"] ?? .null] + columns.map { values[$0.field.key] ?? .null } + [.integer(now), .integer(now)]
        let updates = (columns.map(\.column) + ["updated_at"]).map { "\($0) = excluded.\($0)" }
        try db.execute(
            """
            INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))
            ON CONFLICT (id) DO UPDATE SET \(updates.joined(separator: ", "))
            """, binds)
    }
}

extension Currency {
    public static let euro = Currency(code: "EUR")!
}

extension DBValue {
    /// The text of a text value.
    public var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    public var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }
}

/// The catalog change feed written from inside a transaction of ``DBAccess``: the same cursors and rules as each
/// engine's own `putCatalog`, so a back-office change and its catalog record commit together.
enum CatalogFeed {
    /// Takes the catalog writers' lock (``PostgresCentralStore/catalogLock``) for the rest of the transaction; on
    /// SQLite the one writer holds the whole database already. Taking it again is allowed.
    static func lock(on db: any DBConnection) throws {
        if db.dialect == .postgres {
            try db.execute("SELECT pg_advisory_xact_lock(\(PostgresCentralStore.catalogLock))")
        }
    }

    @discardableResult
    static func put(_ writes: [CatalogWrite], now: Int64, on db: any DBConnection) throws -> Int64 {
        // The lock makes catalog writers of every central process take turns, so the next cursor read here is still
        // the next when the transaction commits: cursors rise in commit order.
        try lock(on: db)
        var cursor = try db.first("SELECT COALESCE(MAX(cursor), 0) AS highest FROM catalog")?.integer("highest") ?? 0
        for write in writes {
            cursor += 1
            try db.execute(
                CentralSchema.upsertCatalog, .text(write.kind.rawValue), .text(write.key), .integer(cursor),
                DBValue(write.payload), DBValue(StoredChange.storedAudience(write.audience)), .integer(now))
        }
        return cursor
    }
}

/// A record as JSON: the API's answers and the audit trail's before and after. Money and percentages are whole
/// numbers (minor units, millionths), flags are booleans, codes an array.
public struct RecordJSON: Encodable, Sendable {
    var kind: RecordKind
    var values: RecordValues

    init(_ kind: RecordKind, _ values: RecordValues) {
        self.kind = kind
        self.values = values
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for field in kind.fields {
            let key = Key(stringValue: field.key)
            let value = values[field.key] ?? .null
            switch (field.kind, value) {
            case (_, .null): try container.encodeNil(forKey: key)
            case (.flag, _): try container.encode(value.integerValue == 1, forKey: key)
            case (.codes, .text(let text)): try container.encode(FieldText.codes(text), forKey: key)
            case (_, .integer(let number)): try container.encode(number, forKey: key)
            case (_, .text(let text)): try container.encode(text, forKey: key)
            case (_, .real(let number)): try container.encode(number, forKey: key)
            case (_, .blob): try container.encodeNil(forKey: key)
            }
        }
    }
}

/// A field's value as text (forms, CSV) and back.
enum FieldText {
    struct Problem: Error {
        var message: String
    }

    static func codes(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == ";" }).map(String.init)
    }

    /// The value typed; `.null` for an empty field.
    static func parse(_ raw: String, _ field: RecordField, currency: Currency) -> Result<DBValue, Problem> {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if case .flag = field.kind {
            return .success(.integer(["1", "true", "yes", "on", "y"].contains(text.lowercased()) ? 1 : 0))
        }
        if text.isEmpty { return .success(.null) }
        switch field.kind {
        case .text(let maximum):
            if text.utf8.count > maximum || Input.hasControlCharacters(text) {
                return .failure(Problem(message: "at most \(maximum) characters on one line"))
            }
            return .success(.text(text))
        case .multiline(let maximum):
            let lines = raw.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if lines.utf8.count > maximum
                || lines.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" })
            {
                return .failure(Problem(message: "at most \(maximum) characters"))
            }
            return .success(.text(lines))
        case .email:
            let address = Users.canonicalEmail(text)
            if let problem = Users.emailProblem(address) { return .failure(Problem(message: problem)) }
            return .success(.text(address))
        case .integer(let range):
            guard let number = Int64(text), range.contains(number) else {
                return .failure(
                    Problem(message: "a whole number from \(range.lowerBound) to \(range.upperBound)"))
            }
            return .success(.integer(number))
        case .money:
            do {
                let amount = try Money(parsing: text, currency: currency)
                guard amount.minorUnits >= 0 else { return .failure(Problem(message: "an amount of 0 or more")) }
                return .success(.integer(amount.minorUnits))
            } catch {
                return .failure(Problem(message: "an amount in \(currency.code) such as 12.50"))
            }
        case .percent:
            guard let millionths = percentMillionths(text) else {
                return .failure(
                    Problem(message: "a percentage from 0 to 100 with at most 4 decimals, such as 19 or 7.5"))
            }
            return .success(.integer(millionths))
        case .choice(let choices):
            guard choices.contains(where: { $0.value == text }) else {
                return .failure(Problem(message: "one of " + choices.map(\.value).joined(separator: ", ")))
            }
            return .success(.text(text))
        case .reference:
            if let problem = Records.idProblem(text) { return .failure(Problem(message: problem)) }
            return .success(.text(text))
        case .codes:
            var found: [String] = []
            for code in codes(text) {
                let normal: String
                if code.utf8.allSatisfy({ (48...57).contains($0) }) && GTIN.lengths.contains(code.utf8.count) {
                    guard let gtin = try? GTIN(validating: code) else {
                        return .failure(Problem(message: "\(code) is not a GTIN: its check digit is wrong"))
                    }
                    normal = gtin.gtin14
                } else if code.utf8.count > 64 || Input.hasControlCharacters(code) {
                    return .failure(Problem(message: "a code has at most 64 characters"))
                } else {
                    normal = code
                }
                if found.contains(normal) { return .failure(Problem(message: "\(code) is listed twice")) }
                found.append(normal)
            }
            return .success(found.isEmpty ? .null : .text(found.joined(separator: "\n")))
        case .flag:
            return .success(.null)
        }
    }

    /// The value as a form or a CSV file shows it.
    static func format(
        _ value: DBValue, _ field: RecordField, currency: Currency, codeSeparator: String = "\n"
    )
        -> String
    {
        switch (field.kind, value) {
        case (_, .null): return ""
        case (.flag, _): return value.integerValue == 1 ? "1" : ""
        case (.money, .integer(let minor)):
            return (try? Money(minorUnits: minor, currency: currency).decimalString()) ?? String(minor)
        case (.percent, .integer(let millionths)): return percentText(millionths)
        case (.codes, .text(let text)): return codes(text).joined(separator: codeSeparator)
        case (_, .integer(let number)): return String(number)
        case (_, .text(let text)): return text
        default: return ""
        }
    }

    /// "19" is 190000, "7.5" is 75000; at most four decimals, 0 to 100.
    static func percentMillionths(_ text: String) -> Int64? {
        let parts = text.replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces).split(
            separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), parts[0].allSatisfy(\.isNumber) else {
            return nil
        }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isNumber), let value = Int64(digits) else {
                return nil
            }
            fraction = value * Int64([1000, 100, 10, 1][digits.count - 1])
        }
        guard whole <= 100 else { return nil }
        let millionths = whole * 10_000 + fraction
        return (0...1_000_000).contains(millionths) ? millionths : nil
    }

    static func percentText(_ millionths: Int64) -> String {
        let whole = millionths / 10_000
        var fraction = String(millionths % 10_000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? String(whole) : "\(whole).\(fraction)"
    }
}
