import Foundation
import TallySync
import TallyTestSupport
import Testing

@testable import TallyCentral

/// Exactly once: whatever order, repetition or overlap batches arrive in, every event is applied once and the
/// stock is the sum of the movements.
struct PushTests {
    @Test(arguments: Engine.allCases) func batchIsAppliedAndAnsweredWithTheHighestSequence(engine: Engine) async throws
    {
        let temporary = try await TemporaryStore(engine)
        let (station, _) = try await temporary.enrolledStation()
        let events = (1...5).map { SampleEvents.sale(sequence: $0, quantity: 2) }
        let answer = try await temporary.store.push(stationID: station.id, events: events, now: 1)
        #expect(answer == PushResponse(highestSequence: 5, applied: 5, duplicates: 0))
        #expect(try await temporary.store.stock(productID: "p-1").map(\.quantity) == [-10])
        #expect(try await temporary.store.station(id: station.id)?.highestSequence == 5)
    }

    @Test(arguments: Engine.allCases) func repeatedAndOverlappingBatchesChangeNothingTwice(engine: Engine) async throws
    {
        let temporary = try await TemporaryStore(engine)
        let (station, _) = try await temporary.enrolledStation()
        let events = (1...6).map { SampleEvents.sale(sequence: $0) }
        _ = try await temporary.store.push(stationID: station.id, events: Array(events[0..<4]), now: 1)
        let again = try await temporary.store.push(stationID: station.id, events: Array(events[0..<4]), now: 2)
        #expect(again == PushResponse(highestSequence: 4, applied: 0, duplicates: 4))
        let overlap = try await temporary.store.push(stationID: station.id, events: Array(events[2..<6]), now: 3)
        #expect(overlap == PushResponse(highestSequence: 6, applied: 2, duplicates: 2))
        #expect(try await temporary.store.stock(productID: "p-1").map(\.quantity) == [-6])
    }

    @Test(arguments: Engine.allCases) func eventsBeyondAGapWaitForTheMissingOnes(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let (station, _) = try await temporary.enrolledStation()
        let events = (1...5).map { SampleEvents.sale(sequence: $0) }
        _ = try await temporary.store.push(stationID: station.id, events: Array(events[0..<2]), now: 1)
        // 3 went missing: 4 and 5 are not applied, and the answer says where to resume.
        let gap = try await temporary.store.push(stationID: station.id, events: Array(events[3..<5]), now: 2)
        #expect(gap == PushResponse(highestSequence: 2, applied: 0, duplicates: 0))
        let resumed = try await temporary.store.push(stationID: station.id, events: Array(events[2..<5]), now: 3)
        #expect(resumed == PushResponse(highestSequence: 5, applied: 3, duplicates: 0))
        #expect(try await temporary.store.stock(productID: "p-1").map(\.quantity) == [-5])
    }

    @Test(arguments: Engine.allCases) func aSequenceHeldUnderAnotherEventIsAConflictAndNothingOfTheBatchIsApplied(
        engine: Engine
    ) async throws {
        let temporary = try await TemporaryStore(engine)
        let (station, _) = try await temporary.enrolledStation()
        _ = try await temporary.store.push(
            stationID: station.id, events: (1...3).map { SampleEvents.sale(sequence: $0) }, now: 1)
        // A station restored from an old backup sends different events under sequences central holds.
        let stale = [SampleEvents.sale(sequence: 3), SampleEvents.sale(sequence: 4)]
        await #expect(throws: PushError.self) {
            try await temporary.store.push(stationID: station.id, events: stale, now: 2)
        }
        #expect(try await temporary.store.station(id: station.id)?.highestSequence == 3)
        #expect(try await temporary.store.stock(productID: "p-1").map(\.quantity) == [-3])
    }

    @Test(arguments: Engine.allCases) func anEventIDUsedTwiceIsAConflict(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let (station, _) = try await temporary.enrolledStation()
        let first = SampleEvents.sale(sequence: 1, id: "same")
        _ = try await temporary.store.push(stationID: station.id, events: [first], now: 1)
        await #expect(throws: PushError.self) {
            try await temporary.store.push(
                stationID: station.id, events: [SampleEvents.sale(sequence: 2, id: "same")], now: 2)
        }
        let (other, _) = try await temporary.enrolledStation(name: "Back till")
        await #expect(throws: PushError.self) {
            try await temporary.store.push(
                stationID: other.id, events: [SampleEvents.sale(sequence: 1, id: "same")], now: 3)
        }
    }

    @Test(arguments: Engine.allCases) func batchesOutOfOrderOrTooLargeAreRefusedUnread(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let (station, _) = try await temporary.enrolledStation()
        for events in [
            [SampleEvents.sale(sequence: 2), SampleEvents.sale(sequence: 1)],
            [SampleEvents.sale(sequence: 0)],
            (1...Int64(SyncAPI.maximumBatch + 1)).map { SampleEvents.sale(sequence: $0) },
        ] {
            await #expect(throws: PushError.self) {
                try await temporary.store.push(stationID: station.id, events: events, now: 1)
            }
        }
        #expect(try await temporary.store.station(id: station.id)?.highestSequence == 0)
    }

    @Test(arguments: Engine.allCases) func negativeStockIsKeptAndFlagged(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let (station, _) = try await temporary.enrolledStation()
        _ = try await temporary.store.push(
            stationID: station.id, events: [SampleEvents.sale(sequence: 1, quantity: 3, lot: "L1")], now: 1)
        let level = try #require(try await temporary.store.stock(productID: "p-1").first)
        #expect(level.quantity == -3 && level.isNegative && level.lot == "L1")
    }

    @Test(arguments: Engine.allCases) func idsThatDifferOnlyInTheirBytesAreDifferentItems(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let (station, _) = try await temporary.enrolledStation()
        // "café" written with é as one character and as e and a combining accent: equal as Swift strings, two
        // different products to the database.
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        let events = [
            SampleEvents.sale(sequence: 1, product: composed, quantity: 1),
            SampleEvents.sale(sequence: 2, product: decomposed, quantity: 2),
        ]
        _ = try await temporary.store.push(stationID: station.id, events: events, now: 1)
        let levels = try await temporary.store.stock(productID: nil)
        #expect(levels.map { Array($0.productID.utf8) } == [Array(decomposed.utf8), Array(composed.utf8)])
        #expect(levels.map(\.quantity) == [-2, -1])
    }

    @Test(arguments: Engine.allCases) func revokedStationsCannotPush(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let (station, token) = try await temporary.enrolledStation()
        #expect(try await temporary.store.revoke(stationID: station.id, now: 5))
        #expect(try await temporary.store.station(tokenHash: Secrets.hashToken(token)) == nil)
        await #expect(throws: PushError.unknownStation) {
            try await temporary.store.push(stationID: station.id, events: [SampleEvents.sale(sequence: 1)], now: 6)
        }
    }

    @Test(arguments: Engine.allCases) func concurrentPushesOfTheSameBatchApplyItOnce(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let (station, _) = try await temporary.enrolledStation()
        let events = (1...50).map { SampleEvents.sale(sequence: $0) }
        let store = temporary.store
        let answers = try await withThrowingTaskGroup(of: PushResponse.self) { group in
            for _ in 0..<8 { group.addTask { try await store.push(stationID: station.id, events: events, now: 1) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.map(\.applied).reduce(0, +) == 50)
        #expect(answers.allSatisfy { $0.highestSequence == 50 })
        #expect(try await store.stock(productID: "p-1").map(\.quantity) == [-50])
    }
}
