import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import TallyCore
import Testing

@testable import TallyStation

@Suite("Local HTTP API")
struct StationAPITests {
    private func withAPI(_ body: @Sendable (any TestClientProtocol, TestStation) async throws -> Void) async throws {
        let test = try TestStation()
        defer { test.remove() }
        let app = Application(router: StationAPI.router(station: test.station))
        try await app.test(.router) { client in try await body(client, test) }
    }

    private func post(_ client: any TestClientProtocol, _ uri: String, _ json: String) async throws -> TestResponse {
        try await client.execute(
            uri: uri, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: json))
    }

    private func object(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
    }

    @Test func aScanIsAnsweredOnceItIsDurable() async throws {
        try await withAPI { client, test in
            let response = try await post(client, "/scans", #"{"code": "\#(Demo.pen)"}"#)
            #expect(response.status == .created)
            let scanID = try #require(object(response)["scanID"] as? String)
            // Answered means journaled: a new connection to the file sees it.
            let other = try StationDatabase(stateDirectory: test.directory)
            #expect(try other.hasScan(id: scanID))
        }
    }

    @Test func aRetriedScanIsRecordedOnce() async throws {
        try await withAPI { client, test in
            let body = #"{"code": "\#(Demo.pen)", "id": "6f1c9a8e-0000-4000-8000-000000000001"}"#
            _ = try await post(client, "/scans", body)
            let again = try await post(client, "/scans", body)
            #expect(again.status == .created)
            let basket = try await test.station.snapshot(lane: "till").basket
            #expect(basket?.lines.first?.quantity == 1)
            #expect(try test.database.scanCount() == 1)
            let reused = try await post(
                client, "/scans", #"{"code": "\#(Demo.water)", "id": "6f1c9a8e-0000-4000-8000-000000000001"}"#)
            #expect(reused.status == .conflict)
            #expect(try test.database.scanCount() == 1)
        }
    }

    @Test func aRefusedScanIsJournaledAndAnswered422() async throws {
        try await withAPI { client, test in
            let response = try await post(client, "/scans", #"{"code": "4006381333932"}"#)
            #expect(response.status == .unprocessableContent)
            #expect((object(response)["reason"] as? String)?.contains("check digit") == true)
            let rejected = try await client.execute(uri: "/scans?rejected=true", method: .get)
            let list = try JSONSerialization.jsonObject(with: Data(rejected.body.readableBytesView)) as? [[String: Any]]
            #expect(list?.first?["input"] as? String == "4006381333932")
        }
    }

    @Test(arguments: [
        ("", "the body is empty"),
        ("not json", "not the JSON expected"),
        (#"{"code": 12}"#, "wrong type"),
        (#"{"lane": "till"}"#, "one of the two"),
        (#"{"code": "1", "bytes": "AA=="}"#, "one of the two"),
        (#"{"bytes": "***"}"#, "not base64"),
        ("[1, 2, 3]", "wrong type"),
    ])
    func badScanBodiesGetAClearError(body: String, message: String) async throws {
        try await withAPI { client, test in
            let response = try await post(client, "/scans", body)
            #expect(response.status == .badRequest)
            let error = object(response)["error"] as? String
            #expect(error?.contains(message) == true, "\(error ?? "no error")")
            #expect(try test.database.scanCount() == 0)
        }
    }

    @Test func anOversizedBodyIsRefused() async throws {
        try await withAPI { client, _ in
            let huge = #"{"code": ""# + String(repeating: "9", count: 70_000) + #""}"#
            let response = try await post(client, "/scans", huge)
            #expect(response.status.code == 413)
        }
    }

    @Test func anUnknownLaneIs404AndTheScanIsStillJournaled() async throws {
        try await withAPI { client, test in
            let response = try await post(client, "/scans", #"{"code": "\#(Demo.pen)", "lane": "dock"}"#)
            #expect(response.status == .notFound)
            #expect((object(response)["error"] as? String)?.contains("lanes are till") == true)
            #expect(try test.database.recentScans(rejectedOnly: true).count == 1)
        }
    }

    @Test func sellingThroughTheAPIEndsInAReceipt() async throws {
        try await withAPI { client, _ in
            _ = try await post(client, "/scans", #"{"code": "\#(Demo.pen)"}"#)
            _ = try await post(client, "/lanes/till/quantity", #"{"count": 2}"#)
            _ = try await post(client, "/scans", #"{"code": "\#(Demo.water)"}"#)
            let basket = try await client.execute(uri: "/lanes/till", method: .get)
            #expect((object(basket)["basket"] as? [String: Any])?["total"] as? Int == 307)
            let badTender = try await post(client, "/lanes/till/tender", #"{"kind": "cheque"}"#)
            #expect(badTender.status == .badRequest)
            let badAmount = try await post(client, "/lanes/till/tender", #"{"kind": "cash", "amount": "12,3,4"}"#)
            #expect(badAmount.status == .badRequest)
            let paid = try await post(client, "/lanes/till/tender", #"{"kind": "cash", "amount": "5.00"}"#)
            #expect(paid.status == .ok)
            #expect(object(paid)["receiptNumber"] as? Int == 1)
            let text = try await client.execute(uri: "/receipts/1?width=42", method: .get)
            let receipt = String(buffer: text.body)
            #expect(receipt.contains("Ballpoint pen blue"))
            #expect(receipt.split(separator: "\n").allSatisfy { $0.count <= 42 })
            let escpos = try await client.execute(uri: "/receipts/1?format=escpos&paper=58mm", method: .get)
            let commands = try ESCPOSDecoder().decode(Array(escpos.body.readableBytesView))
            #expect(
                commands.contains(
                    .code128(
                        "TLR-TILL1-000001-"
                            + String(TallyCode.receipt(station: "TILL1", number: 1).description.suffix(2)))))
            let missing = try await client.execute(uri: "/receipts/99", method: .get)
            #expect(missing.status == .notFound)
            let nonsense = try await client.execute(uri: "/receipts/abc", method: .get)
            #expect(nonsense.status == .badRequest)
            let x = try await client.execute(uri: "/reports/x", method: .get)
            #expect(String(buffer: x.body).contains("X REPORT"))
            let z = try await post(client, "/reports/z", #"{"countedCash": "103.07"}"#)
            #expect(z.status == .ok)
            #expect(String(buffer: z.body).contains("Z REPORT"))
            let badZ = try await post(client, "/reports/z", #"{"countedCash": "lots"}"#)
            #expect(badZ.status == .badRequest)
        }
    }

    @Test func aReturnThroughTheAPITakesBackWhatWasAskedFor() async throws {
        try await withAPI { client, test in
            _ = try await post(client, "/lanes/till/quantity", #"{"count": 3}"#)
            _ = try await post(client, "/scans", #"{"code": "\#(Demo.pen)"}"#)
            _ = try await post(client, "/lanes/till/tender", #"{"kind": "cash"}"#)
            let receipt = TallyCode.receipt(station: "TILL1", number: 1).description
            _ = try await post(client, "/scans", #"{"code": "\#(receipt)"}"#)
            let selected = try await post(client, "/lanes/till/return/select", #"{"line": 1, "quantity": 1}"#)
            #expect(selected.status == .ok)
            let refund = try await post(client, "/lanes/till/return/refund", #"{"kind": "cash"}"#)
            #expect(object(refund)["receiptNumber"] as? Int == 2)
            #expect(try test.database.onHand(productID: Demo.penID, location: "SHOP") == -2)
        }
    }

    @Test func aGarbageBodyChangesNothing() async throws {
        try await withAPI { client, test in
            _ = try await post(client, "/scans", #"{"code": "\#(Demo.pen)"}"#)
            for path in ["/lanes/till/void", "/lanes/till/void-basket", "/lanes/till/tender", "/lanes/till/cancel"] {
                let response = try await post(client, path, "garbage")
                #expect(response.status == .badRequest, "\(path)")
            }
            let basket = try await test.station.snapshot(lane: "till").basket
            #expect(basket?.lines.map(\.voided) == [false])
        }
    }

    @Test func unknownCommandsAndModesAreNamed() async throws {
        try await withAPI { client, _ in
            let command = try await post(client, "/lanes/till/dance", "{}")
            #expect(command.status == .notFound)
            #expect((object(command)["error"] as? String)?.contains("commands are") == true)
            let mode = try await post(client, "/lanes/till/mode", #"{"mode": "party"}"#)
            #expect(mode.status == .badRequest)
            let refused = try await post(client, "/lanes/till/tender", #"{"kind": "cash"}"#)
            #expect(refused.status == .unprocessableContent)
            #expect((object(refused)["reason"] as? String) == "the basket is empty")
        }
    }
}
