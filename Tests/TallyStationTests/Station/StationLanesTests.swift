import Foundation
import GRDB
import TallyCore
import TallySync
import Testing

@testable import TallyStation

/// One station, several lanes at once: a till selling, a dock receiving and a stocktaker counting, each with its
/// own workflow, their scans interleaved as they arrive.
@Suite("Station: lanes side by side")
struct StationLanesTests {
    @Test func aTillADockAndAStocktakerWorkAtOnceWithoutTouchingEachOther() async throws {
        let test = try StationReceivingTests.dock()
        defer { test.remove() }
        // The dock receives into BACK while the stocktaker counts STORE, where nothing else moves.
        try test.database.ensureLocations([("BACK", "Back room", "storage"), ("STORE", "Store room", "storage")])
        _ = try test.database.write { db in
            try StationDatabase.book(
                MovementPayload(
                    id: "opening", productID: Demo.waterID, locationID: "STORE", lot: "", quantity: 30, reason: "found"),
                documentID: "opening", at: 1, db)
        }
        let config = test.configuration
        var lanes = config.lanes
        lanes.append(LaneConfiguration(id: "stock"))
        #expect(lanes.map(\.id) == ["till", "dock", "stock"])
        var configuration = config
        configuration.lanes = lanes
        let station = try Station(
            configuration: configuration, database: test.database, logger: .init(label: "test"))

        func scan(_ code: String, _ lane: String) async throws -> ScanOutcome {
            try await station.submit(Array(code.utf8), lane: lane, source: .api, device: lane)
        }
        let results = try await withThrowingTaskGroup(of: (String, [ScanOutcome]).self) { group in
            group.addTask {
                var outcomes: [ScanOutcome] = []
                for _ in 0..<10 {
                    outcomes.append(try await scan(Demo.pen, "till"))
                    outcomes.append(try await station.perform(.tender(TenderRequest(kind: .card)), lane: "till"))
                }
                return ("till", outcomes)
            }
            group.addTask {
                var outcomes = [try await scan(StationReceivingTests.orderLabel, "dock")]
                for _ in 0..<10 { outcomes.append(try await scan(Demo.pen, "dock")) }
                outcomes.append(try await station.perform(.done, lane: "dock"))
                return ("dock", outcomes)
            }
            group.addTask {
                var outcomes = [try await scan(TallyCode.location("STORE").description, "stock")]
                for _ in 0..<30 { outcomes.append(try await scan(Demo.water, "stock")) }
                outcomes.append(try await station.perform(.done, lane: "stock"))
                return ("stock", outcomes)
            }
            return try await group.reduce(into: [String: [ScanOutcome]]()) { $0[$1.0] = $1.1 }
        }
        for (lane, outcomes) in results {
            let refused = outcomes.compactMap(\.reason)
            #expect(refused.isEmpty, "\(lane): \(refused)")
            #expect(outcomes.allSatisfy { $0.lane.lane == lane })
        }
        #expect(results["till"]?.compactMap(\.receiptNumber).count == 10)
        #expect(try await station.snapshot(lane: "till").mode == "SALE")
        #expect(try await station.snapshot(lane: "dock").mode == "RECEIVE")
        #expect(try await station.snapshot(lane: "stock").mode == "COUNT")
        #expect(try test.database.onHand(productID: Demo.penID, location: "SHOP") == -10)
        #expect(try test.database.onHand(productID: Demo.penID, location: "BACK") == 10)
        #expect(results["stock"]?.last?.message == "count of STORE submitted: 1 items")
        #expect(try test.database.verify().isSound)
    }
}
