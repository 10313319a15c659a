import Foundation
import GRDB
import TallyCore
import TallySync
import Testing

@testable import TallyStation

/// Receiving at the dock: against purchase orders that came by sync, with GS1 labels, pallets, tolerances and
/// reasons, written as it is scanned and booked when the receipt is closed.
@Suite("Station: receiving goods")
struct StationReceivingTests {
    static let group = "\u{1D}"
    static let pallet = "306141411234567891"

    /// A GS1-128 label for the demo pen: lot, expiry 31 Dec 2027 and a count.
    static func penLabel(lot: String, count: Int) -> String {
        "]C1" + "01" + "04006381333931" + "17" + "271231" + "10" + lot + group + "30" + String(count)
    }

    /// A station with a dock lane and purchase order PO1001 (10 pens, 4 chocolates; 10 % over tolerance).
    static func dock(tolerance: Int = 10, pallets: [PalletRecord] = []) throws -> TestStation {
        let test = try TestStation(lanes: [LaneConfiguration(id: "till"), LaneConfiguration(id: "dock")])
        try deliver(
            PurchaseOrderRecord(
                id: "po-1", number: "PO1001", supplierID: "s-1", supplierName: "Stabilo", status: "sent",
                locationID: "BACK", expectedAt: nil,
                lines: [
                    PurchaseOrderLineRecord(number: 1, productID: Demo.penID, quantity: 10),
                    PurchaseOrderLineRecord(number: 2, productID: Demo.chocolateID, quantity: 4),
                ], overTolerancePercent: tolerance, pallets: pallets), to: test)
        return test
    }

    static func deliver(_ order: PurchaseOrderRecord, to test: TestStation) throws {
        _ = try test.database.apply(
            ChangesPage(
                changes: [CatalogChange(cursor: 1, kind: .purchaseOrder, key: order.id, record: .purchaseOrder(order))],
                nextCursor: 1, more: false, highestCursor: 1), at: 1)
    }

    static let orderLabel = TallyCode.purchaseOrder("PO1001").description

    func outboxPayloads(_ test: TestStation) throws -> [GoodsReceivedPayload] {
        try test.database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT payload FROM outbox WHERE type = 'goods.received' ORDER BY seq")
        }.map { try JSONDecoder().decode(GoodsReceivedPayload.self, from: Data($0.utf8)) }
    }

    @Test func anOrderIsReceivedByScanningAndLeavesABackorder() async throws {
        let test = try Self.dock()
        defer { test.remove() }
        // The order's label at an idle lane switches it to receiving.
        let started = try await test.scan(Self.orderLabel, lane: "dock")
        #expect(started.accepted, "\(started.reason ?? "")")
        #expect(started.lane.mode == "RECEIVE")
        #expect(started.lane.receiving?.order == "PO1001")
        #expect(started.lane.receiving?.open == 14)
        let labelled = try await test.scan(Self.penLabel(lot: "L42", count: 6), lane: "dock")
        #expect(labelled.accepted, "\(labelled.reason ?? "")")
        try await test.scan(Demo.pen, lane: "dock")
        try await test.perform(.quantity(2), lane: "dock")
        let chocolate = try await test.scan(Demo.chocolate, lane: "dock")
        let receiving = try #require(chocolate.lane.receiving)
        #expect(receiving.lines.map(\.received) == [7, 2])
        #expect(receiving.lines.map(\.open) == [3, 2])
        #expect(receiving.lines[0].lots.contains(.init(lot: "L42", expiry: "2027-12-31", quantity: 6)))
        #expect(receiving.received == 9)

        let closed = try await test.perform(.done, lane: "dock")
        #expect(closed.accepted, "\(closed.reason ?? "")")
        #expect(closed.lane.receiving == nil)
        #expect(closed.message?.contains("5 still open") == true)
        #expect(try test.database.onHand(productID: Demo.penID, location: "BACK") == 7)
        #expect(try test.database.onHand(productID: Demo.chocolateID, location: "BACK") == 2)
        let event = try #require(try outboxPayloads(test).first)
        #expect(event.purchaseOrderNumber == "PO1001")
        #expect(event.backorder)
        #expect(event.orderLines.map(\.open) == [3, 2])
        #expect(event.orderLines.map(\.reason) == [.short, .short])
        #expect(event.movements.reduce(0) { $0 + $1.quantity } == 9)
        #expect(event.lines.contains { $0.lot == "L42" && $0.expiry == "2027-12-31" && $0.quantity == 6 })
        let report = try test.database.verify()
        #expect(report.isSound, "\(report)")

        // The next delivery on the same order sees only what is still open, before central has said anything.
        let again = try await test.scan(Self.orderLabel, lane: "dock")
        #expect(again.lane.receiving?.open == 5)
        #expect(again.lane.receiving?.lines.map(\.received) == [7, 2])
    }

    @Test func overDeliveryIsTakenWithinTheSuppliersToleranceOnly() async throws {
        let test = try Self.dock(tolerance: 10)
        defer { test.remove() }
        try await test.perform(.mode(.receive), lane: "dock")
        try await test.perform(.receive(order: "PO1001"), lane: "dock")
        // The same data in a GS1 DataMatrix, as a case label may carry it.
        let matrix = "]d2" + Self.penLabel(lot: "A", count: 11).dropFirst(3)
        #expect(try await test.scan(matrix, lane: "dock").accepted)
        let more = try await test.scan(Demo.pen, lane: "dock")
        #expect(!more.accepted)
        #expect(more.reason?.contains("tolerance of 10 % allows 11") == true)
        let closed = try await test.perform(.done, lane: "dock")
        #expect(closed.accepted)
        let event = try #require(try outboxPayloads(test).first)
        #expect(event.orderLines[0].reason == .over)
        #expect(event.lines[0].reason == .over)
    }

    @Test func damagedUnexpectedAndUnknownGoodsAreRecordedWithReasons() async throws {
        let test = try Self.dock()
        defer { test.remove() }
        try await test.scan(Self.orderLabel, lane: "dock")
        try await test.scan(TallyCode.control(.damaged).description, lane: "dock")
        let damaged = try await test.scan(Demo.pen, lane: "dock")
        #expect(damaged.lane.receiving?.lines[0].damaged == 1)
        #expect(damaged.lane.receiving?.lines[0].received == 0)
        let water = try await test.scan(Demo.water, lane: "dock")
        #expect(water.lane.receiving?.lines.last?.status == "unexpected")
        #expect(try await test.perform(.receivingReason(line: 2, reason: .wrongItem), lane: "dock").accepted)
        let unknown = try await test.scan("4012345678901", lane: "dock")
        #expect(unknown.accepted, "\(unknown.reason ?? "")")
        #expect(unknown.lane.receiving?.lines.last?.status == "unknown-item")
        // A mistaken scan is voided before closing.
        try await test.scan(Demo.chocolate, lane: "dock")
        #expect(try await test.scan(TallyCode.control(.voidLine).description, lane: "dock").accepted)
        #expect(try await test.perform(.done, lane: "dock").accepted)

        let event = try #require(try outboxPayloads(test).first)
        #expect(event.lines.map(\.reason) == [.damaged, .wrongItem, .unknownItem])
        #expect(try test.database.onHand(productID: Demo.penID, location: "DAMAGED") == 1)
        #expect(try test.database.onHand(productID: Demo.penID, location: "BACK") == 0)
        #expect(try test.database.onHand(productID: "P3", location: "BACK") == 1)
        #expect(try test.database.onHand(productID: Demo.chocolateID, location: "BACK") == 0)
        // The unknown item books no stock: two movements for three lines.
        #expect(event.movements.count == 2)
        #expect(event.orderLines.map(\.received) == [0, 0])
    }

    @Test func anAnnouncedPalletIsReceivedWholeAndOnlyOnce() async throws {
        let contents = [
            PalletContentRecord(productID: Demo.penID, quantity: 8, lot: "P8", expiry: "2028-01-31"),
            PalletContentRecord(productID: Demo.chocolateID, quantity: 4),
        ]
        let test = try Self.dock(pallets: [PalletRecord(sscc: Self.pallet, contents: contents)])
        defer { test.remove() }
        try await test.scan(Self.orderLabel, lane: "dock")
        let pallet = try await test.scan("]C100" + Self.pallet, lane: "dock")
        #expect(pallet.accepted, "\(pallet.reason ?? "")")
        #expect(pallet.lane.receiving?.pallets == [Self.pallet])
        #expect(pallet.lane.receiving?.lines.map(\.received) == [8, 4])
        let twice = try await test.scan("]C100" + Self.pallet, lane: "dock")
        #expect(twice.reason?.contains("already in this receipt") == true)
        #expect(try await test.perform(.done, lane: "dock").accepted)
        try await test.scan(Self.orderLabel, lane: "dock")
        let later = try await test.scan("]C100" + Self.pallet, lane: "dock")
        #expect(later.reason?.contains("already received") == true)
        // A pallet label that names its contents with (02) and (37) needs no announcement.
        let labelled = try await test.scan(
            "]C1" + "00" + "306141411234567808" + "02" + "04006381333931" + "37" + "2", lane: "dock")
        #expect(labelled.accepted, "\(labelled.reason ?? "")")
        #expect(labelled.lane.receiving?.lines[0].received == 10)
    }

    @Test func aReceiptInProgressSurvivesARestart() async throws {
        let test = try Self.dock()
        defer { test.remove() }
        try await test.scan(Self.orderLabel, lane: "dock")
        try await test.scan(Self.penLabel(lot: "R1", count: 3), lane: "dock")
        try await test.scan(Demo.chocolate, lane: "dock")
        try await test.scan(Demo.chocolate, lane: "dock")
        try await test.scan(TallyCode.control(.voidLine).description, lane: "dock")
        let before = try await test.station.snapshot(lane: "dock")
        let station = try test.restarted()
        let after = try await station.snapshot(lane: "dock")
        #expect(after.receiving == before.receiving)
        #expect(after.receiving?.lines.map(\.received) == [3, 1])
        #expect(try await station.perform(.done, lane: "dock").accepted)
        #expect(try test.database.onHand(productID: Demo.chocolateID, location: "BACK") == 1)
    }

    @Test func ordersThatCannotBeReceivedAreRefusedWithTheReason() async throws {
        let test = try Self.dock()
        defer { test.remove() }
        let unknown = try await test.scan(TallyCode.purchaseOrder("PO9").description, lane: "dock")
        #expect(unknown.reason?.contains("has not come from central yet") == true)
        try Self.deliver(
            PurchaseOrderRecord(
                id: "po-2", number: "PO2", supplierID: "s", supplierName: "S", status: "cancelled",
                locationID: "BACK", expectedAt: nil,
                lines: [PurchaseOrderLineRecord(number: 1, productID: Demo.penID, quantity: 1)]), to: test)
        let cancelled = try await test.scan(TallyCode.purchaseOrder("PO2").description, lane: "dock")
        #expect(cancelled.reason?.contains("is cancelled") == true)
        // At a till with a basket open, an order label does not take the lane away from the sale.
        try await test.scan(Demo.pen)
        let busy = try await test.scan(Self.orderLabel)
        #expect(busy.reason?.contains("finish what is in progress") == true)
        #expect(busy.lane.mode == "SALE")
        // Nothing is closed before something was received.
        try await test.scan(Self.orderLabel, lane: "dock")
        let empty = try await test.perform(.done, lane: "dock")
        #expect(empty.reason?.contains("nothing has been received") == true)
    }
}
