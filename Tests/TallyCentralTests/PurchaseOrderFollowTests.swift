import Foundation
import TallySync
import TallyTestSupport
import Testing

@testable import TallyCentral

/// Purchase orders follow the goods receipts central holds for them, in the push that brings the receipt: received
/// quantities, the receipts, the status; stations pull the order again and see the backorder.
@Suite("Purchase orders following their receipts")
struct PurchaseOrderFollowTests {
    @Test(arguments: Engine.allCases) func onePartialReceiptThenTheRest(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        _ = try await temporary.managedCatalog()
        let (dock, _) = try await temporary.enrolledStation(name: "Dock")
        _ = try await temporary.sentOrder()
        let cursorBefore = try await temporary.store.highestCatalogCursor()

        // 6 of 10 p-1 good and 1 damaged, 2 of 5 p-2: a backorder.
        let first = SampleEvents.goodsReceived(
            sequence: 1, receiptID: "r-1", orderID: "po-1",
            lines: [
                .init(orderLine: 1, product: "p-1", quantity: 6),
                .init(
                    orderLine: 1, product: "p-1", quantity: 1,
                    condition: "damaged"),
                .init(orderLine: 2, product: "p-2", quantity: 2),
            ], closedAt: 1_000)
        _ = try await temporary.store.push(stationID: dock.id, events: [first], now: 10)
        let partly = try #require(try await temporary.purchaseOrder("po-1"))
        #expect(partly.status == "partly-received")
        #expect(partly.lines.map(\.received) == [6, 2])
        #expect(partly.receipts == ["r-1"])
        // Stations see it as a change.
        let changes = try await temporary.store.catalogChanges(after: cursorBefore, limit: 10)
        #expect(changes.map(\.key) == ["po-1"])

        // The same push again (a retry after a lost answer) is applied once.
        let again = try await temporary.store.push(stationID: dock.id, events: [first], now: 11)
        #expect(again.duplicates == 1 && again.applied == 0)
        #expect(try await temporary.purchaseOrder("po-1") == partly)

        // The rest comes, one p-1 over (within the tolerance).
        let second = SampleEvents.goodsReceived(
            sequence: 2, receiptID: "r-2", orderID: "po-1",
            lines: [
                .init(orderLine: 1, product: "p-1", quantity: 5), .init(orderLine: 2, product: "p-2", quantity: 3),
            ],
            closedAt: 2_000)
        _ = try await temporary.store.push(stationID: dock.id, events: [second], now: 12)
        let received = try #require(try await temporary.purchaseOrder("po-1"))
        #expect(received.status == "received")
        #expect(received.lines.map(\.received) == [11, 5])
        #expect(received.receipts == ["r-1", "r-2"])
        #expect(received.supplierName == "Fresh Farms" && received.overTolerancePercent == 10)
        // Stock followed the movements: 11 good p-1 at the dock, 1 damaged aside, 5 p-2.
        #expect(
            try await temporary.store.stock(productID: nil).map { "\($0.productID) \($0.locationID) \($0.quantity)" }
                == ["p-1 DAMAGED 1", "p-1 DOCK 11", "p-2 DOCK 5"])
        let receipts = try await temporary.store.goodsReceipts(purchaseOrderID: "po-1", problemsOnly: false, limit: 10)
        #expect(receipts.map(\.receiptID) == ["r-2", "r-1"])
    }

    @Test(arguments: Engine.allCases) func receiptsInOneBatchAndFromTwoStationsAllCount(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        _ = try await temporary.managedCatalog()
        let (north, _) = try await temporary.enrolledStation(name: "North dock")
        let (south, _) = try await temporary.enrolledStation(name: "South dock")
        _ = try await temporary.sentOrder()
        let batch = [
            SampleEvents.goodsReceived(
                sequence: 1, receiptID: "r-1", orderID: "po-1",
                lines: [.init(orderLine: 1, product: "p-1", quantity: 2)],
                closedAt: 1),
            SampleEvents.goodsReceived(
                sequence: 2, receiptID: "r-2", orderID: "po-1",
                lines: [.init(orderLine: 1, product: "p-1", quantity: 3)],
                closedAt: 2),
        ]
        _ = try await temporary.store.push(stationID: north.id, events: batch, now: 10)
        let other = SampleEvents.goodsReceived(
            sequence: 1, receiptID: "r-3", orderID: "po-1",
            lines: [
                .init(orderLine: 2, product: "p-2", quantity: 5), .init(orderLine: 1, product: "p-3", quantity: 9),
            ],
            closedAt: 3)
        _ = try await temporary.store.push(stationID: south.id, events: [other], now: 11)
        let order = try #require(try await temporary.purchaseOrder("po-1"))
        // A line's received counts only its own product: p-3 on line 1 is not p-1.
        #expect(order.lines.map(\.received) == [5, 5])
        #expect(order.receipts == ["r-1", "r-2", "r-3"] && order.status == "partly-received")
    }

    @Test(arguments: Engine.allCases) func aReceiptForAnUnknownOrCancelledOrderIsBookedAndReported(
        engine: Engine
    ) async throws {
        let temporary = try await TemporaryStore(engine)
        _ = try await temporary.managedCatalog()
        let (dock, _) = try await temporary.enrolledStation(name: "Dock")
        _ = try await temporary.sentOrder()
        _ = try await temporary.changeSent("po-1", .cancel, now: 3)
        let events = [
            SampleEvents.goodsReceived(
                sequence: 1, receiptID: "r-unknown", orderID: "po-gone",
                lines: [.init(orderLine: 1, product: "p-1", quantity: 2)]),
            SampleEvents.goodsReceived(
                sequence: 2, receiptID: "r-cancelled", orderID: "po-1",
                lines: [.init(orderLine: 1, product: "p-1", quantity: 4)]),
        ]
        let answer = try await temporary.store.push(stationID: dock.id, events: events, now: 10)
        #expect(answer.applied == 2)
        #expect(try await temporary.store.stock(productID: "p-1").map(\.quantity) == [6])
        let reported = try await temporary.store.goodsReceipts(purchaseOrderID: nil, problemsOnly: true, limit: 10)
        #expect(Set(reported.map(\.receiptID)) == ["r-unknown", "r-cancelled"])
        let problems = Dictionary(uniqueKeysWithValues: reported.map { ($0.receiptID, $0.orderProblem ?? "") })
        #expect(problems["r-unknown"]?.contains("po-gone is not known at central") == true)
        #expect(problems["r-cancelled"]?.contains("is cancelled") == true)
        // The cancelled order keeps its status; its quantities still say what came.
        let order = try #require(try await temporary.purchaseOrder("po-1"))
        #expect(
            order.status == "cancelled" && order.lines.map(\.received) == [4, 0] && order.receipts == ["r-cancelled"])
        #expect(try await temporary.purchaseOrder("po-gone") == nil)
    }

    @Test(arguments: Engine.allCases) func cancelAndCloseFollowTheRules(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        _ = try await temporary.managedCatalog()
        let (dock, _) = try await temporary.enrolledStation(name: "Dock")
        _ = try await temporary.sentOrder(id: "po-1", number: "PO.1")
        _ = try await temporary.sentOrder(id: "po-2", number: "PO.2")
        await #expect(throws: ManagementError.conflict("purchase order po-1 has the number PO.1 already")) {
            _ = try await temporary.sentOrder(id: "po-3", number: "PO.1")
        }
        _ = try await temporary.store.push(
            stationID: dock.id,
            events: [
                SampleEvents.goodsReceived(
                    sequence: 1, orderID: "po-1", lines: [.init(orderLine: 1, product: "p-1", quantity: 1)])
            ], now: 5)
        // Goods came against po-1: it can be closed, not cancelled.
        await #expect(throws: ManagementError.self) {
            try await temporary.changeSent("po-1", .cancel, now: 6)
        }
        #expect(try await temporary.changeSent("po-1", .close, now: 6).status == "closed")
        await #expect(throws: ManagementError.self) {
            try await temporary.changeSent("po-1", .close, now: 7)
        }
        #expect(try await temporary.changeSent("po-2", .cancel, now: 6).status == "cancelled")
        await #expect(throws: ManagementError.notFound("there is no purchase order po-9")) {
            try await temporary.changeSent("po-9", .close, now: 6)
        }
        // A receipt after closing is booked, reported, and leaves the order closed.
        _ = try await temporary.store.push(
            stationID: dock.id,
            events: [
                SampleEvents.goodsReceived(
                    sequence: 2, orderID: "po-1", lines: [.init(orderLine: 1, product: "p-1", quantity: 9)])
            ], now: 8)
        let closed = try #require(try await temporary.purchaseOrder("po-1"))
        #expect(closed.status == "closed" && closed.lines.map(\.received) == [10, 0])
    }

    @Test func twoProcessesReceivingOneOrderAtOnceLoseNoReceipt() async throws {
        let temporary = try await TemporaryStore(.postgres)
        let other = try await RunningPostgresStore(url: try await temporary.url())
        _ = try await temporary.managedCatalog()
        _ = try await temporary.sentOrder()
        let stores: [any CentralStore] = [temporary.store, other.store]
        var docks: [String] = []
        for index in 0..<6 { docks.append(try await temporary.enrolledStation(name: "Dock \(index)").0.id) }
        let stations = docks
        // Six docks receive the order through two processes while a manager writes the catalog.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, station) in stations.enumerated() {
                group.addTask {
                    for sequence in 1...5 {
                        let receipt = SampleEvents.goodsReceived(
                            sequence: Int64(sequence), receiptID: "r-\(index)-\(sequence)", orderID: "po-1",
                            lines: [
                                .init(orderLine: 1, product: "p-1", quantity: 1),
                                .init(orderLine: 2, product: "p-2", quantity: 1),
                            ], closedAt: Int64(sequence * 10 + index))
                        _ = try await stores[index % 2].push(stationID: station, events: [receipt], now: 1)
                    }
                }
            }
            group.addTask {
                for round in 0..<20 {
                    let writes = [
                        CatalogWrite(kind: .location, key: "L\(round)", payload: "{}", audience: nil)
                    ]
                    _ = try await stores[round % 2].putCatalog(writes, now: 2)
                }
            }
            try await group.waitForAll()
        }
        let order = try #require(try await temporary.purchaseOrder("po-1"))
        #expect(order.lines.map(\.received) == [30, 30])
        #expect(order.receipts?.count == 30 && order.status == "received")
        #expect(try await temporary.store.stock(productID: nil).map(\.quantity) == [30, 30])
    }

    @Test func theOrderFollowsItsGoods() {
        let order = PurchaseOrderRecord(
            id: "po", number: "PO.1", supplierID: "s", supplierName: "S", status: "sent", locationID: "DOCK",
            expectedAt: nil,
            lines: [
                PurchaseOrderLineRecord(number: 1, productID: "p-1", quantity: 3),
                PurchaseOrderLineRecord(number: 2, productID: "p-1", quantity: 2),
            ])
        let receipts = [OrderReceipt(receiptID: "b", closedAt: 5), OrderReceipt(receiptID: "a", closedAt: 5)]
        let partly = PurchaseOrderProgress.followed(
            order, receipts: receipts, goods: [ReceivedGoods(orderLine: 1, productID: "p-1", quantity: 3)])
        #expect(partly.status == "partly-received" && partly.lines.map(\.received) == [3, 0])
        #expect(partly.receipts == ["a", "b"])
        let full = PurchaseOrderProgress.followed(
            order, receipts: receipts,
            goods: [
                ReceivedGoods(orderLine: 1, productID: "p-1", quantity: .max),
                ReceivedGoods(orderLine: 1, productID: "p-1", quantity: 1),
                ReceivedGoods(orderLine: 2, productID: "p-1", quantity: 2),
            ])
        #expect(full.status == "received" && full.lines.map(\.received) == [.max, 2])
        let unknown = PurchaseOrderProgress.follow(orderID: "x", stored: nil, receipts: receipts, goods: [])
        #expect(unknown.write == nil && unknown.problem?.contains("not known") == true)
    }
}
