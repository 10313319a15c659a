import Foundation
import Hummingbird
import NIOCore
import TallyCore

/// The REST API of every ``RecordKind``: `GET /api/v1/<kind>` (search `q`, `limit`, `offset`), `POST` to add,
/// `GET …/:id`, and `PATCH …/:id` to change the fields the body names. Bodies and answers are JSON objects with
/// the fields of the kind's form; money is in minor units, percentages in millionths, flags are booleans, codes an
/// array.
extension CentralAPI {
    /// A JSON value as sent, before it is read as a field.
    enum JSONInput: Decodable {
        case text(String)
        case number(Int64)
        case fraction(Double)
        case flag(Bool)
        case list([JSONInput])
        case null
        case object

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .flag(flag)
            } else if let number = try? container.decode(Int64.self) {
                self = .number(number)
            } else if let number = try? container.decode(Double.self) {
                self = .fraction(number)
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if let list = try? container.decode([JSONInput].self) {
                self = .list(list)
            } else {
                self = .object
            }
        }
    }

    /// The body's fields as a form would have them, or what is wrong with their JSON types.
    static func formText(
        _ body: [String: JSONInput], _ kind: RecordKind, currency: Currency
    ) throws -> [String: String] {
        var text: [String: String] = [:]
        var errors = FieldErrors()
        for (key, value) in body {
            guard let field = kind.field(key) else {
                errors[key] =
                    "\(kind.name) has no field \(key); its fields are "
                    + kind.fields.map(\.key).joined(separator: ", ")
                continue
            }
            switch (field.kind, value) {
            case (_, .null): text[key] = ""
            case (.flag, .flag(let flag)): text[key] = flag ? "1" : "0"
            case (.flag, _): errors[key] = "true or false"
            case (.money, .number(let minor)):
                if minor < 0 {
                    errors[key] = "an amount in minor units (cents), 0 or more"
                } else {
                    text[key] = FieldText.format(.integer(minor), field, currency: currency)
                }
            case (.percent, .number(let millionths)):
                if (0...1_000_000).contains(millionths) {
                    text[key] = FieldText.format(.integer(millionths), field, currency: currency)
                } else {
                    errors[key] = "millionths from 0 to 1000000 (19 % is 190000)"
                }
            case (.money, _), (.percent, _), (.integer, .fraction), (.integer, .text):
                errors[key] = "a whole number"
            case (.integer, .number(let number)): text[key] = String(number)
            case (.codes, .list(let items)):
                var codes: [String] = []
                for item in items {
                    guard case .text(let code) = item else {
                        errors[key] = "an array of codes as strings"
                        break
                    }
                    codes.append(code)
                }
                if codes.contains(where: { $0.contains(where: { $0.isWhitespace || $0 == "," || $0 == ";" }) }) {
                    errors[key] = "codes without spaces, commas or semicolons"
                }
                text[key] = codes.joined(separator: "\n")
            case (.codes, _): errors[key] = "an array of codes as strings"
            case (_, .text(let value)): text[key] = value
            default: errors[key] = "a string"
            }
        }
        try errors.check()
        return text
    }

    static func addRecordRoutes(
        _ kind: RecordKind, store: any CentralStore, currency: Currency, clock: @escaping @Sendable () -> Int64,
        route: UserRoute
    ) {
        let notFound: @Sendable (String) -> APIProblem = { id in
            APIProblem(status: .notFound, message: "there is no \(kind.title.lowercased()) \(id)")
        }
        route("GET", kind.apiPath) { request, _, _ in
            let (limit, offset) = try paging(request)
            let query = Form.query(request)
            let now = clock()
            let page = try await store.read { db in
                try Records.list(
                    kind, query: query["q"] ?? "", sort: query["sort"] ?? "id", descending: query["dir"] == "desc",
                    limit: limit, offset: offset, now: now, on: db)
            }
            return try json(
                ListResponse(
                    items: page.rows.map { RecordJSON(kind, $0) }, total: page.total, limit: limit, offset: offset))
        }
        route("POST", kind.apiPath) { request, _, user in
            let body = try await decode([String: JSONInput].self, from: request)
            let input = Records.withDefaults(kind, try formText(body, kind, currency: currency), currency: currency)
            let now = clock()
            let saved = try await store.write { db in
                let values = try Records.checked(kind, input: input, existing: nil, currency: currency, on: db)
                return try Records.save(
                    kind, values, existing: nil, actor: user.id, currency: currency, now: now, on: db)
            }
            return try json(RecordJSON(kind, saved), status: .created)
        }
        route("POST", kind.apiPath + "/import") { request, _, user in
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: RecordImport.maximumBytes)
            } catch {
                throw APIProblem(
                    status: .contentTooLarge, message: "a file may have at most \(RecordImport.maximumBytes) bytes")
            }
            let report = try await RecordImport.run(
                kind, text: String(decoding: buffer.readableBytesView, as: UTF8.self), actor: user.id,
                currency: currency, now: clock(), database: store)
            return try json(report, status: report.imported ? .ok : .unprocessableContent)
        }
        route("GET", kind.apiPath + "/:id") { _, context, _ in
            let id = context.parameters.get("id") ?? ""
            if Input.identifierProblem(id, "") != nil { throw notFound(id) }
            let now = clock()
            guard let values = try await store.read({ db in try Records.load(kind, id: id, now: now, on: db) }) else {
                throw notFound(id)
            }
            return try json(RecordJSON(kind, values))
        }
        route("PATCH", kind.apiPath + "/:id") { request, context, user in
            let id = context.parameters.get("id") ?? ""
            if Input.identifierProblem(id, "") != nil { throw notFound(id) }
            let body = try await decode([String: JSONInput].self, from: request)
            let changes = try formText(body, kind, currency: currency)
            if changes["id"] != nil { throw FieldErrors(["id": "a code cannot be changed"]) }
            let now = clock()
            let saved = try await store.write { db -> RecordValues? in
                guard let existing = try Records.load(kind, id: id, now: now, on: db) else { return nil }
                let input = Records.changing(kind, existing, with: changes, currency: currency)
                let values = try Records.checked(kind, input: input, existing: existing, currency: currency, on: db)
                return try Records.save(
                    kind, values, existing: existing, actor: user.id, currency: currency, now: now, on: db)
            }
            guard let saved else { throw notFound(id) }
            return try json(RecordJSON(kind, saved))
        }
    }
}
