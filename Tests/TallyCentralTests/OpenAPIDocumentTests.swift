import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TallyCentral

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    /// docs/openapi.yaml in the repository.
    static var checkedIn: String {
        get throws {
            let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            return try String(contentsOf: repository.appending(path: "docs/openapi.yaml"), encoding: .utf8)
        }
    }

    @Test func centralServesTheCheckedInDocument() async throws {
        #expect(
            OpenAPIDocument.yaml + "\n" == (try Self.checkedIn),
            "docs/openapi.yaml changed: run make openapi")
        let temporary = try await TemporaryStore(.sqlite)
        let app = Application(router: CentralAPI.router(store: temporary.store))
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/openapi.yaml", method: .get)
            #expect(response.status == .ok && response.headers[.contentType] == "application/yaml")
            #expect(String(buffer: response.body) == OpenAPIDocument.yaml)
        }
    }

    @Test func theDocumentDescribesEveryRecordKindAsTheAPIServesIt() throws {
        let document = try Self.checkedIn
        #expect(document.contains(OpenAPIRecords.paths), "docs/openapi.yaml must hold OpenAPIRecords.paths")
        #expect(document.contains(OpenAPIRecords.schemas), "docs/openapi.yaml must hold OpenAPIRecords.schemas")
        // Every route of the back office's API is an operation of the document.
        let operations = Self.operations(document)
        for route in WebAccess.routes where route.path.hasPrefix("/api/") {
            let path = route.path.replacingOccurrences(of: ":id", with: "{id}")
            #expect(
                operations[path]?.contains(route.method.lowercased()) == true,
                "\(route.method) \(route.path) is not in docs/openapi.yaml")
        }
    }

    /// A path written twice is not an error to YAML parsers: the last one wins, and the operations of the first
    /// vanish from what schemathesis and every client generator read.
    @Test func noPathOperationOrSchemaIsWrittenTwice() throws {
        let lines = try Self.checkedIn.split(separator: "\n", omittingEmptySubsequences: false)
        var section = ""
        var seen: Set<String> = []
        var path = ""
        for line in lines {
            if !line.hasPrefix(" "), line.hasSuffix(":") { section = String(line) }
            var key: String?
            if section == "paths:", line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2))
                key = "path " + path
            } else if section == "paths:", line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                key = "operation " + path + " " + line.trimmingCharacters(in: .whitespaces)
            } else if section == "components:", line.hasPrefix("  "), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2))
            } else if section == "components:", line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                key = "component " + path + " " + line.trimmingCharacters(in: .whitespaces)
            }
            if let key { #expect(seen.insert(key).inserted, "\(key) is written twice in docs/openapi.yaml") }
        }
        #expect(seen.contains { $0.hasPrefix("path ") } && seen.contains { $0.hasPrefix("component ") })
    }

    /// The document's operations: each path's methods.
    static func operations(_ document: String) -> [String: Set<String>] {
        var operations: [String: Set<String>] = [:]
        var path: String?
        for line in document.split(separator: "\n") {
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if !line.hasPrefix("  ") {
                path = nil
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     ") {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "patch", "delete"].contains(key) {
                    operations[path, default: []].insert(String(key))
                }
            }
        }
        return operations
    }
}
