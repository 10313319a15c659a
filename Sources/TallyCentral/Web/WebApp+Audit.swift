import Foundation
import Hummingbird

/// The audit trail's pages.
extension WebApp {
    func addAuditRoutes(to router: Router<CentralRequestContext>) {
        let app = self
        page(router, "GET", "/app/audit") { visit, _ in
            try await app.auditPage(visit, verification: nil)
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
