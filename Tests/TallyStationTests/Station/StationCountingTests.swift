import Foundation
import GRDB
import TallyCore
import TallySync
import Testing

@testable import TallyStation

/// Blind counts of a location: several stocktakers, duplicate-scan warnings, recounts when the variance is
/// large, variances measured against the ledger as of the start, and central's decision booked once.
@Suite("Station: counting stock")
struct StationCountingTests {
    static let shop = TallyCode.location("SHOP").description

    /// A station with a till and two stocktakers' lanes, holding 10 pens and 5 chocolates on the shop floor.
    static func stockroom() throws -> TestStation {
        let test = try TestStation(lanes: [
            LaneConfiguration(id: "till"), LaneConfiguration(id: "a"), LaneConfiguration(id: "b"),
        ])
        try test.database.write { db in
            for (product, quantity) in [(Demo.penID, Int64(10)), (Demo.chocolateID, 5)] {
                try StationDatabase.book(
                    MovementPayload(
                        id: StationDatabase.newID(), productID: product, locationID: "SHOP", lot: "",
                        quantity: quantity, reason: "found"), documentID: "opening", at: 1, db)
            }
        }
        return test
    }

    func submitted(_ test: TestStation) throws -> [CountSubmittedPayload] {
        try test.database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT payload FROM outbox WHERE type = 'count.submitted' ORDER BY seq")
        }.map { try JSONDecoder().decode(CountSubmittedPayload.self, from: Data($0.utf8)) }
    }

    @Test func aBlindCountIsSubmittedWithTheBooksAsOfItsStart() async throws {
        let test = try Self.stockroom()
        defer { test.remove() }
        let started = try await test.scan(Self.shop, lane: "a")
        #expect(started.accepted, "\(started.reason ?? "")")
        #expect(started.lane.mode == "COUNT")
        #expect(started.lane.count?.location == "SHOP")
        try await test.perform(.quantity(10), lane: "a")
        try await test.scan(Demo.pen, lane: "a")
        // A sale during the count, after the pens were counted, must not turn into a variance.
        try await test.scan(Demo.pen)
        try await test.scan(Demo.pen)
        #expect(try await test.perform(.tender(TenderRequest(kind: .card))).accepted)
        let counting = try await test.scan("5*" + Demo.chocolate, lane: "a")
        #expect(counting.lane.count?.lines.map(\.counted) == [10, 5])
        // Blind: nothing a stocktaker sees holds what the books expect.
        let shown = String(decoding: try JSONEncoder().encode(counting.lane), as: UTF8.self)
        #expect(!shown.contains("expected"))

        let done = try await test.perform(.done, lane: "a")
        #expect(done.accepted, "\(done.reason ?? "")")
        #expect(done.message?.contains("submitted") == true)
        #expect(done.lane.count == nil)
        let count = try #require(try submitted(test).first)
        #expect(count.locationID == "SHOP")
        #expect(count.lines.map(\.counted) == [10, 5])
        #expect(count.lines.map(\.expected) == [10, 5])
        #expect(count.lanes == ["a"])
        #expect(!count.recounted)
        // Nothing moves until central decides.
        #expect(try test.database.onHand(productID: Demo.penID, location: "SHOP") == 8)
    }

    @Test func aLargeVarianceAsksForABlindRecountOfThoseItems() async throws {
        let test = try Self.stockroom()
        defer { test.remove() }
        try await test.scan(Self.shop, lane: "a")
        try await test.scan("6*" + Demo.pen, lane: "a")
        try await test.scan("5*" + Demo.chocolate, lane: "a")
        let first = try await test.perform(.done, lane: "a")
        #expect(first.accepted)
        #expect(first.message == "count again: Ballpoint pen blue")
        #expect(first.lane.count?.recount == true)
        #expect(first.lane.count?.lines.isEmpty == true)
        #expect(try submitted(test).isEmpty)
        try await test.scan("9*" + Demo.pen, lane: "a")
        #expect(try await test.perform(.done, lane: "a").accepted)
        let count = try #require(try submitted(test).first)
        #expect(count.recounted)
        #expect(count.lines.map(\.counted) == [9, 5])
        #expect(count.lines.map(\.firstCount) == [6, nil])
    }

    @Test func twoStocktakersCountOneLocationAndTheLastOneSubmits() async throws {
        let test = try Self.stockroom()
        defer { test.remove() }
        try await test.scan(Self.shop, lane: "a")
        let joined = try await test.scan(Self.shop, lane: "b")
        #expect(joined.message?.contains("joining") == true)
        #expect(joined.lane.count?.countID == (try await test.station.snapshot(lane: "a")).count?.countID)
        try await test.scan("4*" + Demo.pen, lane: "a")
        try await test.scan("6*" + Demo.pen, lane: "b")
        try await test.scan("5*" + Demo.chocolate, lane: "b")
        let firstDone = try await test.perform(.done, lane: "a")
        #expect(firstDone.message == "your count is in; still counting: b")
        #expect(try submitted(test).isEmpty)
        #expect(try await test.perform(.done, lane: "b").accepted)
        let count = try #require(try submitted(test).first)
        #expect(count.lines.map(\.counted) == [10, 5])
        #expect(count.lanes == ["a", "b"])
    }

    @Test func theSameItemTwiceInAMomentIsCountedWithAWarning() async throws {
        let test = try Self.stockroom()
        defer { test.remove() }
        try await test.scan(Self.shop, lane: "a")
        try await test.scan(Demo.pen, lane: "a")
        let twice = try await test.scan(Demo.pen, lane: "a")
        #expect(twice.accepted)
        #expect(twice.lane.count?.warning?.contains("scanned twice") == true)
        #expect(twice.lane.count?.counted == 2)
        let voided = try await test.scan(TallyCode.control(.voidLine).description, lane: "a")
        #expect(voided.lane.count?.counted == 1)
        #expect(voided.lane.count?.warning == nil)
    }

    @Test func aCountInProgressSurvivesARestart() async throws {
        let test = try Self.stockroom()
        defer { test.remove() }
        try await test.scan(Self.shop, lane: "a")
        try await test.scan("3*" + Demo.pen, lane: "a")
        let before = try await test.station.snapshot(lane: "a").count
        let station = try test.restarted()
        #expect(try await station.snapshot(lane: "a").count == before)
        _ = try await station.submit(Array(("7*" + Demo.pen).utf8), lane: "a", source: .api)
        _ = try await station.submit(Array(("5*" + Demo.chocolate).utf8), lane: "a", source: .api)
        #expect(try await station.perform(.done, lane: "a").message?.contains("submitted") == true)
    }

    @Test func aCountTaskLimitsTheItemsAndCentralsDecisionIsBookedOnce() async throws {
        let test = try Self.stockroom()
        defer { test.remove() }
        let task = CountTaskRecord(
            id: "task-1", locationID: "SHOP", productIDs: [Demo.penID], status: "open", dueAt: nil)
        try apply(.countTask(task), to: test)
        try await test.scan(Self.shop, lane: "a")
        #expect(try await test.station.snapshot(lane: "a").count?.taskID == "task-1")
        let other = try await test.scan(Demo.chocolate, lane: "a")
        #expect(other.reason?.contains("not part of this count") == true)
        try await test.scan("9*" + Demo.pen, lane: "a")
        #expect(try await test.perform(.done, lane: "a").accepted)
        let count = try #require(try submitted(test).first)
        #expect(count.taskID == "task-1")
        #expect(count.lines.map(\.productID) == [Demo.penID])

        var decided = task
        decided.status = "approved"
        decided.countIDs = [count.countID]
        decided.decidedAt = 5
        decided.corrections = [
            MovementPayload(
                id: "c-1", productID: Demo.penID, locationID: "SHOP", lot: "", quantity: -1,
                reason: "count-correction")
        ]
        try apply(.countTask(decided), to: test)
        try apply(.countTask(decided), to: test)
        #expect(try test.database.onHand(productID: Demo.penID, location: "SHOP") == 9)
        let countID = count.countID
        let status = try await test.database.pool.read { db in
            try String.fetchOne(db, sql: "SELECT status FROM counts WHERE id = ?", arguments: [countID])
        }
        #expect(status == "approved")
        #expect(try test.database.verify().isSound)
    }

    @Test func aProductCountedWithoutLotsIsJudgedAsAWholeAndByLotWhenLotsAreScanned() async throws {
        let test = try Self.stockroom()
        defer { test.remove() }
        try test.database.write { db in
            for (lot, quantity) in [("L7", Int64(8)), ("L8", 3)] {
                try StationDatabase.book(
                    MovementPayload(
                        id: StationDatabase.newID(), productID: Demo.chocolateID, locationID: "SHOP", lot: lot,
                        quantity: quantity, reason: "receipt"), documentID: "delivery", at: 2, db)
            }
        }
        // Pens by their plain barcode: 10 on the books with no lot. Chocolates by their GS1 labels, lot by lot.
        try await test.scan(Self.shop, lane: "a")
        try await test.scan("10*" + Demo.pen, lane: "a")
        try await test.scan("5*" + Demo.chocolate, lane: "a")
        try await test.scan("]C1" + "01" + "0" + Demo.chocolate + "10" + "L7" + "\u{1D}" + "30" + "8", lane: "a")
        try await test.scan("]C1" + "01" + "0" + Demo.chocolate + "10" + "L8" + "\u{1D}" + "30" + "3", lane: "a")
        #expect(try await test.perform(.done, lane: "a").message?.contains("submitted") == true)
        let count = try #require(try submitted(test).first)
        // Chocolates were scanned both ways, so they are judged as a whole: 16 counted, 16 on the books.
        #expect(count.lines.map(\.productID) == [Demo.penID, Demo.chocolateID])
        #expect(count.lines.map(\.lot) == ["", ""])
        #expect(count.lines.map(\.counted) == [10, 16])
        #expect(count.lines.map(\.expected) == [10, 16])
    }

    @Test func aTaskForItemsWhereverTheyAreIsCountedAtEachLocationScanned() async throws {
        let test = try Self.stockroom()
        defer { test.remove() }
        try test.database.ensureLocations([("BACK", "Back room", "storage")])
        _ = try test.database.write { db in
            try StationDatabase.book(
                MovementPayload(
                    id: "back", productID: Demo.penID, locationID: "BACK", lot: "", quantity: 10, reason: "found"),
                documentID: "opening", at: 1, db)
        }
        try apply(
            .countTask(
                CountTaskRecord(id: "pens", locationID: nil, productIDs: [Demo.penID], status: "open", dueAt: nil)),
            to: test)
        for location in ["SHOP", "BACK"] {
            let started = try await test.scan(TallyCode.location(location).description, lane: "a")
            #expect(started.lane.count?.taskID == "pens", "\(location)")
            #expect(try await test.scan(Demo.chocolate, lane: "a").reason?.contains("not part of this count") == true)
            try await test.scan("10*" + Demo.pen, lane: "a")
            #expect(try await test.perform(.done, lane: "a").accepted)
        }
        let counts = try submitted(test)
        #expect(counts.map(\.locationID) == ["SHOP", "BACK"])
        #expect(counts.allSatisfy { $0.taskID == "pens" && $0.lines.map(\.productID) == [Demo.penID] })
        #expect(counts.map { $0.lines.map(\.counted) } == [[10], [10]])
    }

    @Test func countingNeedsAKnownLocationFirst() async throws {
        let test = try Self.stockroom()
        defer { test.remove() }
        try await test.perform(.mode(.count), lane: "a")
        let early = try await test.scan(Demo.pen, lane: "a")
        #expect(early.reason?.contains("scan the location's label first") == true)
        let unknown = try await test.scan(TallyCode.location("Z9").description, lane: "a")
        #expect(unknown.reason?.contains("not known at this station") == true)
    }

    func apply(_ record: CatalogRecord, to test: TestStation) throws {
        _ = try test.database.apply(
            ChangesPage(
                changes: [CatalogChange(cursor: 1, kind: record.kind, key: record.key, record: record)],
                nextCursor: 1, more: false, highestCursor: 1), at: 1)
    }
}
