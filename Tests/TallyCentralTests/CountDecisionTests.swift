import Foundation
import TallySync
import TallyTestSupport
import Testing

@testable import TallyCentral

/// A manager's decision on submitted counts: approval books corrections measured against central's ledger as of
/// the moment counting started, so sales made while counting are kept; rejection sends the stocktakers back.
@Suite("Count decisions")
struct CountDecisionTests {
    static let shop = "SHOP"

    /// Goods into the shop at a moment, as a receipt without an order.
    static func delivery(_ sequence: Int64, _ product: String, _ quantity: Int64, at time: Int64) -> EventEnvelope {
        SampleEvents.goodsReceived(
            sequence: sequence, orderID: nil, lines: [.init(orderLine: nil, product: product, quantity: quantity)],
            location: shop, closedAt: time)
    }

    static func line(_ product: String, counted: Int64, expected: Int64 = 0) -> CountLinePayload {
        CountLinePayload(productID: product, lot: "", counted: counted, expected: expected, firstCount: nil)
    }

    @Test(arguments: Engine.allCases) func approvalCorrectsAsOfTheStartAndKeepsSalesMadeWhileCounting(
        engine: Engine
    ) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        _ = try await temporary.managedCatalog()
        let (station, _) = try await temporary.enrolledStation()
        let task = CountTaskRecord(id: "t-1", locationID: Self.shop, productIDs: [], status: "open", dueAt: 9_000)
        _ = try await store.putCatalog([try CatalogWrite(.countTask(task))], now: 1)
        // 20 came, 2 were sold before counting started at 2000, 3 while counting; the shelf held 16 at the start.
        let events = [
            Self.delivery(1, "p-1", 20, at: 1_000),
            SampleEvents.sale(sequence: 2, product: "p-1", quantity: 2, location: Self.shop, at: 1_500),
            SampleEvents.sale(sequence: 3, product: "p-1", quantity: 3, location: Self.shop, at: 2_500),
            SampleEvents.countSubmitted(
                sequence: 4, countID: "c-1", taskID: "t-1", location: Self.shop,
                lines: [
                    Self.line("p-1", counted: 16, expected: 18), Self.line("p-2", counted: 5),
                    Self.line("p-3", counted: 0),
                ], startedAt: 2_000, submittedAt: 3_000),
        ]
        _ = try await store.push(stationID: station.id, events: events, now: 10)

        let listed = try #require(try await store.counts(status: .submitted, limit: 10).first)
        #expect(listed.lines.map(\.centralExpected) == [18, 0, 0])
        #expect(listed.lines.map(\.variance) == [-2, 5, 0])
        #expect(listed.lines.map(\.stationExpected) == [18, 0, 0])

        let decided = try await store.decideCount(
            id: "c-1", .approve(locationID: nil), actor: "manager:test", now: 5_000)
        #expect(decided.status == "approved" && decided.countIDs == ["c-1"] && decided.decidedAt == 5_000)
        #expect(decided.dueAt == 9_000 && decided.locationID == Self.shop)
        let corrections = try #require(decided.corrections)
        #expect(corrections.map(\.productID) == ["p-1", "p-2"])
        #expect(corrections.map(\.quantity) == [-2, 5])
        #expect(corrections.allSatisfy { $0.reason == "count-correction" && $0.locationID == Self.shop })
        #expect(Set(corrections.map(\.id)).count == 2)
        // The decision is in the audit trail, in the same transaction, with the corrections it booked.
        let audit = try await store.read { db in try Audit.entries(entity: "count", id: "c-1", limit: 5, on: db) }
        #expect(audit.map(\.action) == ["count.approve"] && audit.first?.actor == "manager:test")
        #expect(audit.first?.after?.contains("count-correction") == true)
        #expect(try await store.read { db in try Audit.verify(on: db) }.isIntact)
        // Stations pull the decision.
        #expect(try await temporary.countTask("t-1") == decided)
        // 20 − 2 − 3 − 2: the three sold while counting stay sold.
        #expect(try await store.stock(productID: "p-1").map(\.quantity) == [13])
        #expect(try await store.stock(productID: "p-2").map(\.quantity) == [5])
        let booked = try await temporary.texts(
            """
            SELECT movement_id, CAST(quantity AS TEXT), CAST(occurred_at AS TEXT), station_id FROM movements
            WHERE reason = 'count-correction' ORDER BY quantity
            """)
        #expect(booked == corrections.map { [$0.id, "\($0.quantity)", "2000", station.id] })

        #expect(try await store.counts(status: .submitted, limit: 10).isEmpty)
        let approved = try #require(try await store.counts(status: .approved, limit: 10).first)
        #expect(approved.decidedAt == 5_000 && approved.status == .approved)
        // The correction is part of central's ledger from the start of the count on.
        #expect(approved.lines.map(\.centralExpected) == [16, 5, 0])

        // Deciding again changes nothing.
        await #expect(throws: ManagementError.conflict("count c-1 was approved already at 5000")) {
            try await store.decideCount(id: "c-1", .approve(locationID: nil), actor: "manager:test", now: 6_000)
        }
        await #expect(throws: ManagementError.self) {
            try await store.decideCount(id: "c-1", .reject, actor: "manager:test", now: 6_000)
        }
        #expect(try await store.stock(productID: "p-1").map(\.quantity) == [13])
        await #expect(throws: ManagementError.notFound("there is no count c-404")) {
            try await store.decideCount(id: "c-404", .reject, actor: "manager:test", now: 6_000)
        }
    }

    @Test(arguments: Engine.allCases) func theCountsOfSeveralStocktakersAreSummed(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        _ = try await temporary.managedCatalog()
        let (station, _) = try await temporary.enrolledStation()
        let events = [
            Self.delivery(1, "p-1", 12, at: 1_000),
            SampleEvents.countSubmitted(
                sequence: 2, countID: "c-a", taskID: "t-2", location: Self.shop,
                lines: [Self.line("p-1", counted: 4)], startedAt: 3_000, lane: "left"),
            SampleEvents.countSubmitted(
                sequence: 3, countID: "c-b", taskID: "t-2", location: Self.shop,
                lines: [Self.line("p-1", counted: 6), Self.line("p-2", counted: 1)], startedAt: 2_500, lane: "right"),
            // Sold after the first stocktaker started: not in central's expected figure.
            SampleEvents.sale(sequence: 4, product: "p-1", quantity: 1, location: Self.shop, at: 2_700),
        ]
        _ = try await store.push(stationID: station.id, events: events, now: 10)
        let decided = try await store.decideCount(
            id: "c-a", .approve(locationID: nil), actor: "manager:test", now: 5_000)
        #expect(decided.countIDs == ["c-b", "c-a"])
        #expect(decided.corrections?.map(\.quantity) == [-2, 1])
        #expect(try await store.stock(productID: "p-1").map(\.quantity) == [9])
        #expect(Set(try await store.counts(status: .approved, limit: 10).map(\.countID)) == ["c-a", "c-b"])

        // A stocktaker who submits after the approval is not booked; rejecting it leaves the decision standing.
        _ = try await store.push(
            stationID: station.id,
            events: [
                SampleEvents.countSubmitted(
                    sequence: 5, countID: "c-late", taskID: "t-2", location: Self.shop,
                    lines: [Self.line("p-1", counted: 40)], startedAt: 4_000)
            ], now: 11)
        await #expect(throws: ManagementError.self) {
            try await store.decideCount(id: "c-late", .approve(locationID: nil), actor: "manager:test", now: 6_000)
        }
        let stands = try await store.decideCount(id: "c-late", .reject, actor: "manager:test", now: 6_000)
        #expect(stands == decided)
        #expect(try await temporary.countTask("t-2") == decided)
        #expect(try await store.counts(status: .rejected, limit: 10).map(\.countID) == ["c-late"])
        #expect(try await store.stock(productID: "p-1").map(\.quantity) == [9])
    }

    @Test(arguments: Engine.allCases) func aRejectedCountIsCountedAgain(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        _ = try await temporary.managedCatalog()
        let (station, _) = try await temporary.enrolledStation()
        let first = SampleEvents.countSubmitted(
            sequence: 1, countID: "c-1", taskID: "t-3", location: Self.shop, lines: [Self.line("p-1", counted: 99)],
            startedAt: 1_000)
        _ = try await store.push(stationID: station.id, events: [first], now: 10)
        let rejected = try await store.decideCount(id: "c-1", .reject, actor: "manager:test", now: 2_000)
        // No record of the task at central (made elsewhere): one is made for the decision.
        #expect(
            rejected
                == CountTaskRecord(
                    id: "t-3", locationID: Self.shop, productIDs: [], status: "rejected", dueAt: nil,
                    countIDs: ["c-1"], corrections: nil, decidedAt: 2_000))
        #expect(try await temporary.countTask("t-3") == rejected)
        #expect(try await store.stock(productID: nil).isEmpty)
        await #expect(throws: ManagementError.self) {
            try await store.decideCount(id: "c-1", .approve(locationID: nil), actor: "manager:test", now: 2_500)
        }

        let recount = SampleEvents.countSubmitted(
            sequence: 2, countID: "c-2", taskID: "t-3", location: Self.shop, lines: [Self.line("p-1", counted: 9)],
            startedAt: 3_000)
        _ = try await store.push(stationID: station.id, events: [recount], now: 11)
        let approved = try await store.decideCount(
            id: "c-2", .approve(locationID: nil), actor: "manager:test", now: 4_000)
        #expect(approved.countIDs == ["c-2"] && approved.corrections?.map(\.quantity) == [9])
        #expect(try await store.stock(productID: "p-1").map(\.quantity) == [9])
    }

    @Test(arguments: Engine.allCases) func aCountWithoutALocationBooksWhereTheManagerSays(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        _ = try await temporary.managedCatalog()
        let (station, _) = try await temporary.enrolledStation()
        let back = SampleEvents.goodsReceived(
            sequence: 1, orderID: nil, lines: [.init(orderLine: nil, product: "p-1", quantity: 4)], location: "BACK",
            closedAt: 10)
        let events = [
            back, Self.delivery(2, "p-1", 5, at: 20),
            SampleEvents.countSubmitted(
                sequence: 3, countID: "c-x", taskID: nil, location: nil, lines: [Self.line("p-1", counted: 7)],
                startedAt: 100),
        ]
        _ = try await store.push(stationID: station.id, events: events, now: 10)
        #expect(try await store.counts(status: .submitted, limit: 1).first?.lines.first?.centralExpected == 9)
        await #expect(throws: ManagementError.self) {
            try await store.decideCount(id: "c-x", .approve(locationID: nil), actor: "manager:test", now: 200)
        }
        let decided = try await store.decideCount(
            id: "c-x", .approve(locationID: "BACK"), actor: "manager:test", now: 200)
        #expect(decided.id == "c-x" && decided.locationID == nil && decided.productIDs == ["p-1"])
        #expect(decided.corrections?.map { "\($0.locationID) \($0.quantity)" } == ["BACK -2"])
        #expect(
            try await store.stock(productID: "p-1").map { "\($0.locationID) \($0.quantity)" } == ["BACK 2", "SHOP 5"])
    }

    @Test(arguments: Engine.allCases) func aLineWithoutALotStandsForTheLotsNoOtherLineCounts(
        engine: Engine
    ) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        _ = try await temporary.managedCatalog()
        let (station, _) = try await temporary.enrolledStation()
        let delivery = SampleEvents.goodsReceived(
            sequence: 1, orderID: nil,
            lines: [
                .init(orderLine: nil, product: "p-1", quantity: 10, lot: "L1"),
                .init(orderLine: nil, product: "p-1", quantity: 5, lot: "L2"),
            ], location: Self.shop, closedAt: 10)
        // L2 counted by its lot, the rest of p-1 by its plain barcode.
        let count = SampleEvents.countSubmitted(
            sequence: 2, countID: "c-lots", taskID: nil, location: Self.shop,
            lines: [
                CountLinePayload(productID: "p-1", lot: "", counted: 8, expected: 10, firstCount: nil),
                CountLinePayload(productID: "p-1", lot: "L2", counted: 5, expected: 5, firstCount: nil),
            ], startedAt: 100)
        _ = try await store.push(stationID: station.id, events: [delivery, count], now: 10)
        let listed = try #require(try await store.counts(status: .submitted, limit: 1).first)
        #expect(listed.lines.map(\.centralExpected) == [10, 5] && listed.lines.map(\.variance) == [-2, 0])
        let decided = try await store.decideCount(
            id: "c-lots", .approve(locationID: nil), actor: "manager:test", now: 200)
        #expect(decided.corrections?.map { "\($0.lot.isEmpty ? "-" : $0.lot) \($0.quantity)" } == ["- -2"])
        #expect(try await store.stock(productID: "p-1").map { "\($0.lot) \($0.quantity)" } == [" -2", "L1 10", "L2 5"])
    }

    @Test func twoProcessesApprovingOneCountBookItOnce() async throws {
        let temporary = try await TemporaryStore(.postgres)
        let other = try await RunningPostgresStore(url: try await temporary.url())
        _ = try await temporary.managedCatalog()
        let (station, _) = try await temporary.enrolledStation()
        let counts = (1...4).map {
            SampleEvents.countSubmitted(
                sequence: Int64($0), countID: "c-\($0)", taskID: "t-9", location: Self.shop,
                lines: [Self.line("p-1", counted: 1)], startedAt: 1_000)
        }
        _ = try await temporary.store.push(stationID: station.id, events: counts, now: 10)
        let stores: [any CentralStore] = [temporary.store, other.store]
        // Every count of the task approved at once, through both processes: one decision wins.
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 1...4 {
                group.addTask {
                    (try? await stores[index % 2].decideCount(
                        id: "c-\(index)", .approve(locationID: nil), actor: "manager:test", now: 20))
                        != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(try await temporary.store.stock(productID: "p-1").map(\.quantity) == [4])
        #expect(try await temporary.countTask("t-9")?.countIDs?.count == 4)
    }

    @Test func approvalRules() throws {
        func count(_ id: String, location: String?, lines: [CountLinePayload], startedAt: Int64 = 1) -> StoredCount {
            StoredCount(
                countID: id, stationID: "s", eventID: "e-\(id)", taskID: "t", taskKey: "t", locationID: location,
                startedAt: startedAt, submittedAt: 2, lanes: [], recounted: false, status: .submitted, decidedAt: nil,
                lines: lines)
        }
        let mixed = [count("a", location: "SHOP", lines: []), count("b", location: nil, lines: [])]
        #expect(throws: ManagementError.self) { try CountApproval.lines(mixed, locationID: "SHOP") }
        let summed = try CountApproval.lines(
            [
                count("a", location: "SHOP", lines: [Self.line("p", counted: .max)]),
                count("b", location: "SHOP", lines: [Self.line("p", counted: 5), Self.line("q", counted: 1)]),
            ], locationID: nil)
        #expect(summed.map(\.counted) == [.max, 1])
        var ids = 0
        let corrections = CountApproval.corrections(summed, expected: [-5, 1]) {
            ids += 1
            return "m-\(ids)"
        }
        #expect(corrections.map(\.quantity) == [.max] && corrections.map(\.id) == ["m-1"])
        #expect(
            CountApproval.asOf([
                count("a", location: nil, lines: [], startedAt: 9), count("b", location: nil, lines: [], startedAt: 4),
            ]) == 4)
        #expect(ManagementSQL.numbered("a = ? AND b = ?") == "a = $1 AND b = $2")
    }
}
