import Foundation
import Hummingbird
import NIOCore

/// A list page's search, sort and page, read from the query and written back into its links.
struct ListState {
    static let pageSize = 25

    var query: String
    var sortKey: String
    var order: String
    var descending: Bool
    var page: Int
    let columns: [(key: String, label: String, order: String)]
    let basePath: String

    init(_ parameters: [String: String], columns: [(key: String, label: String, order: String)], basePath: String) {
        self.columns = columns
        self.basePath = basePath
        query = String((parameters["q"] ?? "").prefix(200))
        let column = columns.first { $0.key == parameters["sort"] } ?? columns[0]
        sortKey = column.key
        order = column.order
        descending = parameters["dir"] == "desc"
        page = max(1, min(Int(parameters["page"] ?? "") ?? 1, 1_000_000))
    }

    var offset: Int { (page - 1) * Self.pageSize }

    func link(sort: String? = nil, descending: Bool? = nil, page: Int? = nil) -> String {
        var parts: [String] = []
        if !query.isEmpty { parts.append("q=" + Form.encode(query)) }
        parts.append("sort=" + (sort ?? sortKey))
        if descending ?? self.descending { parts.append("dir=desc") }
        parts.append("page=\(page ?? self.page)")
        return basePath + "?" + parts.joined(separator: "&")
    }

    func values(total: Int) -> [String: Any] {
        let pages = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        var values: [String: Any] = [
            "query": query, "page": page, "pages": pages,
            "summary": total == 1 ? "1 in all" : "\(total) in all",
            "columns": columns.map { column -> [String: Any] in
                let current = column.key == sortKey
                var values: [String: Any] = [
                    "label": column.label,
                    "href": link(sort: column.key, descending: current ? !descending : false, page: 1),
                ]
                if current { values["sorted"] = descending ? "descending" : "ascending" }
                return values
            },
        ]
        if page > 1 { values["previous"] = link(page: page - 1) }
        if page < pages { values["next"] = link(page: page + 1) }
        return values
    }
}

/// A page of a list and how many rows match in all.
struct ListPage<Row: Sendable>: Sendable {
    var rows: [Row]
    var total: Int
}

/// The searches behind the lists, in SQL both engines run alike (`lower(…) LIKE lower(…)`: SQLite's LIKE ignores
/// case, PostgreSQL's does not).
enum ListQuery {
    /// `%text%` with the pattern characters of the text taken literally (escape `\`).
    static func containing(_ text: String) -> String {
        "%" + escapedForLike(text.lowercased()) + "%"
    }

    /// The text with LIKE's pattern characters taken literally (escape `\`).
    static func escapedForLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    static func users(
        query: String, order: String, descending: Bool, limit: Int, offset: Int, on db: any DBConnection
    ) throws -> ListPage<BackOfficeUser> {
        let pattern = containing(query)
        let filter = "lower(email) LIKE ? ESCAPE '\\' OR lower(name) LIKE ? ESCAPE '\\'"
        let total =
            try db.first("SELECT count(*) AS n FROM users WHERE \(filter)", .text(pattern), .text(pattern))?
            .integer("n") ?? 0
        let rows = try db.query(
            """
            SELECT \(BackOfficeUser.columns) FROM users WHERE \(filter)
            ORDER BY \(order) \(descending ? "DESC" : "ASC"), id LIMIT ? OFFSET ?
            """, .text(pattern), .text(pattern), .integer(Int64(limit)), .integer(Int64(offset))
        ).map(BackOfficeUser.init)
        return ListPage(rows: rows, total: Int(total))
    }
}

/// CSV as RFC 4180 writes it: every field quoted when it holds a comma, quote or line break; CRLF line ends. A
/// field that starts with `=`, `+`, `-` or `@` gets a leading apostrophe, so that a spreadsheet does not run it as
/// a formula.
enum CSV {
    static func field(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func text(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func response(header: [String], rows: [[String]], filename: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename)\"",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text(header: header, rows: rows))))
    }
}
