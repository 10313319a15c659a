import Foundation
import TallyCore
import Testing

@testable import TallyStation

@Suite("Station: scans to sales")
struct StationSaleTests {
    @Test func theDatabaseIsWALWithFullSynchronous() throws {
        let test = try TestStation()
        defer { test.remove() }
        let settings = try test.database.durabilitySettings()
        #expect(settings.journalMode == "wal")
        #expect(settings.synchronous == 2)
    }

    @Test func aSaleWritesReceiptMovementsOutboxAndJournalAtOnce() async throws {
        let test = try TestStation()
        defer { test.remove() }
        try await test.scan(Demo.pen)
        try await test.scan(Demo.pen)
        try await test.scan(Demo.chocolate)
        try await test.scan(Demo.goudaLabel)
        let due = try await test.station.snapshot(lane: "till").basket?.remaining
        // 2 × 1.89 + 1.29 + 0.532 kg × 12.99 = 3.78 + 1.29 + 6.91
        #expect(due == 1198)
        let paid = try await test.perform(.tender(TenderRequest(kind: .cash, amount: test.euros(2000))))
        #expect(paid.accepted)
        #expect(paid.receiptNumber == 1)
        #expect(paid.lane.basket == nil)
        #expect(paid.message?.contains("change 8.02 EUR") == true)
        #expect(try test.database.onHand(productID: Demo.penID, location: "SHOP") == -2)
        #expect(try test.database.onHand(productID: "W1234", location: "SHOP") == -532)
        #expect(try test.database.outboxBacklog() == 1)
        let report = try test.database.verify()
        #expect(report.isSound, "\(report)")
        #expect(report.journalEntries == 1)
        #expect(report.movements == 3)
    }

    @Test func everyScanIsJournaledAlsoWhenRefused() async throws {
        let test = try TestStation()
        defer { test.remove() }
        let bad = try await test.scan("4006381333932")
        #expect(!bad.accepted)
        #expect(bad.reason?.contains("check digit") == true)
        #expect(bad.lane.lastRejection?.reason == bad.reason)
        let unknown = try await test.scan("TLL-A01.03.2-G3")
        #expect(!unknown.accepted)
        try await test.scan(Demo.pen)
        let journal = try test.database.recentScans(limit: 10)
        #expect(journal.count == 3)
        #expect(journal.map(\.scan.accepted) == [true, false, false])
        #expect(journal[2].scan.bytes == Array("4006381333932".utf8))
        #expect(journal[2].scan.reason == bad.reason)
        let rejected = try test.database.recentScans(rejectedOnly: true)
        #expect(rejected.count == 2)
    }

    @Test func controlCodesDriveTheSaleWithoutAKeyboard() async throws {
        let test = try TestStation()
        defer { test.remove() }
        try await test.scan(TallyCode.control(.quantity(3)).description)
        try await test.scan(Demo.water)
        try await test.scan(Demo.pen)
        try await test.scan(TallyCode.control(.voidLine).description)
        let basket = try #require(try await test.station.snapshot(lane: "till").basket)
        #expect(basket.lines.map(\.quantity) == [3, 1])
        #expect(basket.lines.map(\.voided) == [false, true])
        #expect(basket.total == 177)
        let paid = try await test.scan(TallyCode.control(.tender(.cash)).description)
        #expect(paid.receiptNumber == 1)
    }

    @Test func aTypedQuantityPrefixMultipliesTheScan() async throws {
        let test = try TestStation()
        defer { test.remove() }
        try await test.scan("4*" + Demo.chocolate)
        try await test.scan("2*")
        try await test.scan(Demo.pen)
        let basket = try #require(try await test.station.snapshot(lane: "till").basket)
        #expect(basket.lines.map(\.quantity) == [4, 2])
    }

    @Test func unknownItemsNeedASupervisorsPrice() async throws {
        let test = try TestStation()
        defer { test.remove() }
        let unknown = try await test.scan("4012345678901")
        #expect(unknown.accepted)
        #expect(unknown.lane.basket?.awaitingPriceFor == "04012345678901")
        let wrongPIN = try await test.perform(.enterPrice(test.euros(250), operatorID: "sue", pin: "0000"))
        #expect(!wrongPIN.accepted)
        let cashier = try await test.perform(.enterPrice(test.euros(250), operatorID: "cas", pin: "1111"))
        #expect(cashier.reason?.contains("may not price") == true)
        let priced = try await test.perform(
            .enterPrice(test.euros(250), operatorID: "sue", pin: TestStation.supervisorPIN))
        #expect(priced.accepted)
        #expect(priced.lane.basket?.total == 250)
    }

    @Test func unknownItemsAreRefusedWhenConfiguredSo() async throws {
        let test = try TestStation(unknownBarcode: .refuse)
        defer { test.remove() }
        let unknown = try await test.scan("4012345678901")
        #expect(!unknown.accepted)
        #expect(unknown.reason?.contains("unknown item") == true)
    }

    @Test func priceCheckModeSellsNothing() async throws {
        let test = try TestStation()
        defer { test.remove() }
        try await test.scan(TallyCode.control(.mode(.priceCheck)).description)
        let looked = try await test.scan(Demo.pen)
        #expect(looked.message == "Ballpoint pen blue: 1.89 EUR")
        #expect(looked.lane.basket == nil)
        try await test.scan(TallyCode.control(.mode(.sale)).description)
        let sold = try await test.scan(Demo.pen)
        #expect(sold.lane.basket?.lines.count == 1)
    }

    @Test func anOpenBasketSurvivesARestart() async throws {
        let test = try TestStation()
        defer { test.remove() }
        try await test.scan(Demo.pen)
        try await test.scan("3*")
        try await test.perform(.tender(TenderRequest(kind: .cash, amount: test.euros(100))))
        let restarted = try test.restarted()
        let basket = try #require(try await restarted.snapshot(lane: "till").basket)
        #expect(basket.lines.count == 1)
        #expect(basket.paid == 100)
        let done = try await restarted.perform(.tender(TenderRequest(kind: .card, reference: "T-1")), lane: "till")
        #expect(done.receiptNumber == 1)
        #expect(try test.database.verify().isSound)
    }

    @Test func aVoidedBasketIsJournaledWithoutAReceipt() async throws {
        let test = try TestStation()
        defer { test.remove() }
        try await test.scan(Demo.pen)
        try await test.scan(TallyCode.control(.voidBasket).description)
        try await test.scan(Demo.water)
        let sold = try await test.perform(.tender(TenderRequest(kind: .cash)))
        #expect(sold.receiptNumber == 1)
        let report = try test.database.verify()
        #expect(report.isSound, "\(report)")
        #expect(report.journalEntries == 2)
        #expect(try await test.station.xReport().voidedBasketCount == 1)
    }

    @Test func twoLanesKeepTheirOwnBaskets() async throws {
        let test = try TestStation(lanes: [LaneConfiguration(id: "till"), LaneConfiguration(id: "express")])
        defer { test.remove() }
        try await test.scan(Demo.pen, lane: "till")
        try await test.scan(Demo.water, lane: "express")
        try await test.perform(.tender(TenderRequest(kind: .cash)), lane: "express")
        let till = try await test.station.snapshot(lane: "till")
        #expect(till.basket?.lines.map(\.code) == ["0" + Demo.pen])
        let receipt = try #require(try await test.station.receipt(number: 1))
        #expect(receipt.lane == "express")
    }
}
