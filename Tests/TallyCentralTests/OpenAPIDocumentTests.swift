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
        // Every route of the back office's API is a path of the document.
        for route in WebAccess.routes where route.path.hasPrefix("/api/") {
            let path = route.path.replacingOccurrences(of: ":id", with: "{id}")
            #expect(document.contains("\n  \(path):\n"), "\(route.method) \(route.path) is not in docs/openapi.yaml")
        }
    }
}
