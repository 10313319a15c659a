import Foundation
import GRDB
import TallyCore
import TallySync
import Testing

@testable import TallyStation

/// Damage, write-off, found stock and transfers: signed by an operator, with reason codes, booked with their
/// event for central in one transaction.
@Suite("Station: adjustments and transfers")
struct StationAdjustmentTests {
    static func request(
        _ kind: AdjustmentKind, _ quantity: Int64, reason: StockReason, from: String? = nil, to: String? = nil,
        pin: String = TestStation.supervisorPIN
    ) -> LaneCommand {
        .adjust(
            AdjustmentRequest(
                kind: kind, code: Demo.pen, quantity: quantity, lot: "L1", from: from, to: to, reason: reason,
                note: "shelf 3", operatorID: "sue", pin: pin))
    }

    func events(_ test: TestStation) throws -> [StockAdjustedPayload] {
        try test.database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT payload FROM outbox WHERE type = 'stock.adjusted' ORDER BY seq")
        }.map { try JSONDecoder().decode(StockAdjustedPayload.self, from: Data($0.utf8)) }
    }

    @Test func eachKindMovesStockTheWayItSaysAndReportsIt() async throws {
        let test = try TestStation()
        defer { test.remove() }
        try test.database.ensureLocations([("BACK", "Back room", "storage")])
        #expect(try await test.perform(Self.request(.found, 12, reason: .found)).accepted)
        #expect(try await test.perform(Self.request(.damage, 2, reason: .broken)).accepted)
        #expect(try await test.perform(Self.request(.writeOff, 1, reason: .theft)).accepted)
        let moved = try await test.perform(Self.request(.transfer, 4, reason: .relocation, from: "SHOP", to: "BACK"))
        #expect(moved.accepted, "\(moved.reason ?? "")")
        #expect(moved.message == "transfer: 4 × Ballpoint pen blue (SHOP → BACK, relocation)")
        let onHand = try await test.database.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT location_id, quantity FROM stock_on_hand WHERE product_id = ? AND lot = 'L1'",
                arguments: [Demo.penID]
            ).reduce(into: [String: Int64]()) { $0[$1[0]] = $1[1] }
        }
        #expect(onHand == ["SHOP": 5, "DAMAGED": 2, "BACK": 4])
        let reported = try events(test)
        #expect(reported.map(\.kind) == [.found, .damage, .writeOff, .transfer])
        #expect(reported.map(\.movements.count) == [1, 2, 1, 2])
        #expect(reported.allSatisfy { $0.operatorID == "sue" && $0.note == "shelf 3" })
        #expect(reported[3].movements.map(\.quantity) == [-4, 4])
        #expect(try test.database.verify().isSound)
    }

    @Test func wrongRequestsAreRefusedAndBookNothing() async throws {
        let test = try TestStation()
        defer { test.remove() }
        let cases: [(LaneCommand, String)] = [
            (Self.request(.found, 1, reason: .found, pin: "0000"), "operator or PIN not recognised"),
            (Self.request(.writeOff, 1, reason: .found), "a write-off gives one of these reasons"),
            (Self.request(.transfer, 1, reason: .relocation, from: "SHOP"), "names the location it leaves"),
            (Self.request(.transfer, 1, reason: .relocation, from: "SHOP", to: "SHOP"), "between two locations"),
            (Self.request(.transfer, 1, reason: .relocation, from: "SHOP", to: "ATTIC"), "ATTIC is not known"),
            (Self.request(.found, 0, reason: .found), "the quantity must be 1 to"),
        ]
        for (command, reason) in cases {
            let outcome = try await test.perform(command)
            #expect(!outcome.accepted)
            #expect(outcome.reason?.contains(reason) == true, "\(outcome.reason ?? "") should say \(reason)")
        }
        #expect(try events(test).isEmpty)
        #expect(try test.database.onHand(productID: Demo.penID, location: "SHOP") == 0)
    }
}
