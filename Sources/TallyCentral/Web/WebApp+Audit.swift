import Foundation
import Hummingbird
import TallySync

/// The audit trail's pages.
extension WebApp {
    func addAuditRoutes(to router: Router<CentralRequestContext>) {
        let app = self
        page(router, "GET", "/app/audit") { visit, _ in
            try await app.auditPage(visit, verification: nil)
        }
        page(router, "GET", "/app/audit.csv") { _, _ in
            // Oldest first, every entry with its hashes, so the file can be checked against the chain on its own.
            let entries = try await app.database.read { db in
                var all: [AuditEntry] = []
                while true {
                    let page = try Audit.entries(after: all.last?.sequence ?? 0, limit: 1000, on: db)
                    all += page
                    if page.count < 1000 { return all }
                }
            }
            return CSV.response(
                header: [
                    "sequence", "at", "actor", "action", "entity", "entityID", "before", "after", "previousHash",
                    "hash",
                ],
                rows: entries.map {
                    [
                        String($0.sequence), Self.time($0.at), $0.actor, $0.action, $0.entity, $0.entityID,
                        $0.before ?? "", $0.after ?? "", $0.previousHash, $0.hash,
                    ]
                }, filename: "audit.csv")
        }
        page(router, "GET", "/app/audit/verify") { visit, _ in
            let result = try await app.database.read { db in try Audit.verify(on: db) }
            return try await app.auditPage(visit, verification: result)
        }
    }

    func auditPage(_ visit: Visit, verification: Audit.Verification?) async throws -> Response {
        let page = max(1, min(Int(visit.query["page"] ?? "") ?? 1, 1_000_000))
        let size = 50
        let entries = try await database.read { db in
            try Audit.entries(limit: size + 1, offset: (page - 1) * size, on: db)
        }
        var values: [String: Any] = [
            "page": page,
            "entries": entries.prefix(size).map { entry -> [String: Any] in
                [
                    "sequence": entry.sequence, "at": Self.time(entry.at), "actor": entry.actor,
                    "action": entry.action, "entity": entry.entity, "entityID": entry.entityID,
                    "before": entry.before ?? "", "after": entry.after ?? "",
                ]
            },
        ]
        if page > 1 { values["previous"] = "/app/audit?page=\(page - 1)" }
        if entries.count > size { values["next"] = "/app/audit?page=\(page + 1)" }
        if let verification {
            values["verification"] =
                verification.isIntact
                ? [
                    "class": "notice",
                    "text": "The chain is intact: \(verification.entries) entries, the last hash \(verification.head).",
                ]
                : [
                    "class": "alert",
                    "text":
                        "The chain is broken at entry \(verification.brokenAt ?? 0): \(verification.problem ?? ""). "
                        + "\(verification.entries) entries before it are intact.",
                ]
        }
        return try render("audit", visit, values, current: "/app/audit")
    }
}
