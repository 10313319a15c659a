import Foundation
import TallySync
import TallyTestSupport
import Testing

@testable import TallyCentral

/// The dock's and the stockroom's events in central's own tables: goods receipts with their lines, counts waiting
/// for a decision, adjustments; stock moved by receipts and adjustments, not by counts.
@Suite("Projection of receipts, counts and adjustments")
struct StockEventProjectionTests {
    @Test(arguments: Engine.allCases) func aGoodsReceiptIsStoredWithItsLinesAndBooksItsMovements(
        engine: Engine
    ) async throws {
        let temporary = try await TemporaryStore(engine)
        let (station, _) = try await temporary.enrolledStation()
        let receipt = SampleEvents.goodsReceived(
            sequence: 1, receiptID: "r-1", orderID: nil,
            lines: [
                .init(orderLine: nil, product: "p-1", quantity: 12, lot: "L7"),
                .init(orderLine: nil, product: "p-1", quantity: 2, condition: "damaged", lot: "L7"),
                .init(orderLine: nil, product: nil, quantity: 3),
            ])
        _ = try await temporary.store.push(stationID: station.id, events: [receipt], now: 5)

        let receipts = try await temporary.store.goodsReceipts(purchaseOrderID: nil, problemsOnly: false, limit: 10)
        guard case .goodsReceived(let payload) = receipt.event else { return }
        #expect(receipts.count == 1)
        #expect(receipts.first?.receiptID == "r-1" && receipts.first?.stationID == station.id)
        #expect(receipts.first?.lines == payload.lines)
        #expect(receipts.first?.orderProblem == nil && receipts.first?.purchaseOrderID == nil)
        // Good goods into the dock, damaged ones aside; the unknown barcode books nothing.
        let stock = try await temporary.store.stock(productID: "p-1")
        #expect(stock.map { "\($0.locationID) \($0.lot) \($0.quantity)" } == ["DAMAGED L7 2", "DOCK L7 12"])
        let movements = try await temporary.texts(
            "SELECT reason, CAST(occurred_at AS TEXT) FROM movements ORDER BY reason")
        #expect(movements == [["receipt", "\(payload.closedAt)"], ["receipt-damaged", "\(payload.closedAt)"]])
    }

    @Test(arguments: Engine.allCases) func aSubmittedCountWaitsAndMovesNoStock(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let (station, _) = try await temporary.enrolledStation()
        let lines = [
            CountLinePayload(productID: "p-1", lot: "", counted: 7, expected: 9, firstCount: 6),
            CountLinePayload(productID: "p-2", lot: "L1", counted: 0, expected: 2, firstCount: nil),
        ]
        let count = SampleEvents.countSubmitted(
            sequence: 1, countID: "c-1", taskID: "t-1", location: "SHOP", lines: lines, startedAt: 1_000,
            submittedAt: 2_000, lane: "shelf")
        _ = try await temporary.store.push(stationID: station.id, events: [count], now: 5)

        #expect(try await temporary.store.stock(productID: nil).isEmpty)
        let reports = try await temporary.store.counts(status: .submitted, limit: 10)
        #expect(reports.count == 1)
        let report = try #require(reports.first)
        #expect(report.countID == "c-1" && report.taskID == "t-1" && report.locationID == "SHOP")
        #expect(report.startedAt == 1_000 && report.submittedAt == 2_000 && report.lanes == ["shelf"])
        #expect(report.status == .submitted && report.decidedAt == nil && report.stationID == station.id)
        #expect(
            report.lines == [
                CountReportLine(
                    productID: "p-1", lot: "", counted: 7, stationExpected: 9, centralExpected: 0, variance: 7,
                    firstCount: 6),
                CountReportLine(
                    productID: "p-2", lot: "L1", counted: 0, stationExpected: 2, centralExpected: 0, variance: 0,
                    firstCount: nil),
            ])
        #expect(try await temporary.store.counts(status: .approved, limit: 10).isEmpty)
        let task = try await temporary.texts("SELECT task_key FROM counts")
        #expect(task == [["t-1"]])
    }

    @Test(arguments: Engine.allCases) func aCountStartedAtTheStationIsItsOwnTask(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let (station, _) = try await temporary.enrolledStation()
        let count = SampleEvents.countSubmitted(
            sequence: 1, countID: "c-9", taskID: nil, location: nil,
            lines: [CountLinePayload(productID: "p-1", lot: "", counted: 1, expected: 1, firstCount: nil)],
            startedAt: 10)
        _ = try await temporary.store.push(stationID: station.id, events: [count], now: 5)
        #expect(try await temporary.texts("SELECT task_key, task_id, location_id FROM counts") == [["c-9", nil, nil]])
    }

    @Test(arguments: Engine.allCases) func anAdjustmentIsStoredAndBooksItsMovements(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let (station, _) = try await temporary.enrolledStation()
        let transfer = SampleEvents.stockAdjusted(
            sequence: 1, adjustmentID: "a-1", kind: .transfer, reason: .relocation,
            movements: [
                MovementPayload(
                    id: "m-out", productID: "p-1", locationID: "BACK", lot: "", quantity: -4, reason: "transfer"),
                MovementPayload(
                    id: "m-in", productID: "p-1", locationID: "SHOP", lot: "", quantity: 4, reason: "transfer"),
            ], at: 777)
        let writeOff = SampleEvents.stockAdjusted(
            sequence: 2, adjustmentID: "a-2",
            movements: [
                MovementPayload(
                    id: "m-gone", productID: "p-1", locationID: "SHOP", lot: "", quantity: -1, reason: "theft")
            ])
        _ = try await temporary.store.push(stationID: station.id, events: [transfer, writeOff], now: 5)
        let rows = try await temporary.texts(
            """
            SELECT adjustment_id, kind, reason, note, lane, operator_id, CAST(at AS TEXT), CAST(movements AS TEXT)
            FROM adjustments ORDER BY adjustment_id
            """)
        #expect(
            rows == [
                ["a-1", "transfer", "relocation", "shelf 3", "stock", "ann", "777", "2"],
                ["a-2", "write-off", "theft", "shelf 3", "stock", "ann", "1700000200000", "1"],
            ])
        let stock = try await temporary.store.stock(productID: "p-1")
        #expect(stock.map { "\($0.locationID) \($0.quantity)" } == ["BACK -4", "SHOP 3"])
    }

    @Test(arguments: Engine.allCases) func theSameReceiptIDFromAnotherEventIsAConflict(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let (station, _) = try await temporary.enrolledStation()
        let first = SampleEvents.goodsReceived(
            sequence: 1, receiptID: "r-1", orderID: nil, lines: [.init(orderLine: nil, product: "p-1", quantity: 1)])
        _ = try await temporary.store.push(stationID: station.id, events: [first], now: 5)
        let again = SampleEvents.goodsReceived(
            sequence: 2, receiptID: "r-1", orderID: nil, lines: [.init(orderLine: nil, product: "p-1", quantity: 1)])
        await #expect(throws: PushError.self) {
            try await temporary.store.push(stationID: station.id, events: [again], now: 6)
        }
        #expect(try await temporary.store.stock(productID: "p-1").map(\.quantity) == [1])
    }

    @Test func theProjectionIsAPureFunctionOfTheEvent() {
        let count = SampleEvents.countSubmitted(
            sequence: 1, countID: "c-1", taskID: nil, location: "SHOP",
            lines: [CountLinePayload(productID: "p-1", lot: "", counted: 1, expected: 2, firstCount: nil)],
            startedAt: 5)
        let first = Projection.rows(for: count, stationID: "s")
        #expect(first == Projection.rows(for: count, stationID: "s"))
        #expect(first.rows.map(\.table) == ["counts", "count_lines"] && first.stock.isEmpty)
        #expect(Projection.jsonArray(["a\"b", "c\n"]) == #"["a\"b","c\u000a"]"#)
        #expect(StoredCount.lanes(stored: Projection.jsonArray(["a\"b", "c\n"])) == ["a\"b", "c\n"])
    }
}
