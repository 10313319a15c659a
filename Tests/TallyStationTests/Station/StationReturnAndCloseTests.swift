import Foundation
import TallyCore
import Testing

@testable import TallyStation

@Suite("Station: returns and day close")
struct StationReturnAndCloseTests {
    /// Sells 3 pens and a chocolate for cash, and returns the receipt's code.
    private func sellPens(_ test: TestStation) async throws -> String {
        try await test.scan("3*" + Demo.pen)
        try await test.scan(Demo.chocolate)
        let paid = try await test.perform(.tender(TenderRequest(kind: .cash, amount: test.euros(1000))))
        let number = try #require(paid.receiptNumber)
        return TallyCode.receipt(station: "TILL1", number: number).description
    }

    @Test func aReturnTakesBackNoMoreThanWasSold() async throws {
        let test = try TestStation()
        defer { test.remove() }
        let receipt = try await sellPens(test)
        // A receipt scanned at an idle till starts a return.
        let loaded = try await test.scan(receipt)
        #expect(loaded.accepted)
        #expect(loaded.lane.mode == "RETURN")
        #expect(loaded.lane.return?.lines.map(\.sold) == [3, 1])
        try await test.scan(Demo.pen)
        try await test.scan(Demo.pen)
        try await test.perform(.returnDisposition(.damaged))
        try await test.scan(Demo.pen)
        let fourth = try await test.scan(Demo.pen)
        #expect(!fourth.accepted)
        let refunded = try await test.perform(.refund(kind: .cash, reference: nil))
        #expect(refunded.receiptNumber == 2)
        #expect(try test.database.onHand(productID: Demo.penID, location: "SHOP") == -1)
        #expect(try test.database.onHand(productID: Demo.penID, location: "DAMAGED") == 1)
        // Nothing is left to return on that line.
        try await test.scan(receipt)
        let again = try await test.perform(.selectReturnLine(number: 1, quantity: 1))
        #expect(!again.accepted)
        #expect(again.reason?.contains("already been returned") == true)
        let report = try test.database.verify()
        #expect(report.isSound, "\(report)")
        #expect(report.returns == 1)
    }

    @Test func aReturnRefundsByCardWithTheTerminalsReference() async throws {
        let test = try TestStation()
        defer { test.remove() }
        let receipt = try await sellPens(test)
        try await test.perform(.mode(.return))
        try await test.scan(receipt)
        try await test.perform(.selectReturnLine(number: 2, quantity: nil))
        let refunded = try await test.perform(.refund(kind: .card, reference: "REFUND-99"))
        let number = try #require(refunded.receiptNumber)
        let stored = try #require(try await test.station.receipt(number: number))
        guard case .return(let completed) = stored.document else {
            Issue.record("expected a refund receipt")
            return
        }
        #expect(completed.tenders.map(\.applied) == [test.euros(-129)])
        #expect(completed.tenders.first?.reference == "REFUND-99")
    }

    @Test func receiptsOfOtherStationsAreRefused() async throws {
        let test = try TestStation()
        defer { test.remove() }
        let outcome = try await test.scan(TallyCode.receipt(station: "TILL9", number: 1).description)
        #expect(!outcome.accepted)
        #expect(outcome.reason?.contains("another station") == true)
    }

    @Test func xAndZReportsAddUpTheDay() async throws {
        let test = try TestStation()
        defer { test.remove() }
        let receipt = try await sellPens(test)  // 3 × 1.89 + 1.29 = 6.96 cash
        try await test.scan(Demo.water)
        try await test.perform(.tender(TenderRequest(kind: .card, reference: "T-7")))  // 0.59 card
        try await test.scan(receipt)
        try await test.perform(.selectReturnLine(number: 2, quantity: nil))
        try await test.perform(.refund(kind: .cash, reference: nil))  // −1.29 cash
        let x = try await test.station.xReport()
        #expect(x.kind == .x)
        #expect(x.saleCount == 2)
        #expect(x.returnCount == 1)
        #expect(x.sales == test.euros(755))
        #expect(x.refunds == test.euros(-129))
        #expect(x.net == test.euros(626))
        #expect(x.tenders.map(\.kind) == [.cash, .card])
        #expect(x.tenders.map(\.amount) == [test.euros(567), test.euros(59)])
        #expect(x.expectedCash == test.euros(10567))
        #expect(x.receiptRange == 1...3)
        let rates = x.taxRates.map { ($0.treatment, $0.gross) }
        #expect(rates.map(\.1) == [test.euros(567), test.euros(59)])
        // Z with 1.00 missing from the drawer.
        let z = try await test.station.zReport(countedCash: test.euros(10467))
        #expect(z.periodNumber == 1)
        #expect(z.cashDifference == test.euros(-100))
        // The next period starts empty.
        let next = try await test.station.xReport()
        #expect(next.periodNumber == 2)
        #expect(next.saleCount == 0)
        #expect(try test.database.verify().isSound)
    }

    @Test func aZReportWaitsForOpenBaskets() async throws {
        let test = try TestStation()
        defer { test.remove() }
        try await test.scan(Demo.pen)
        await #expect(throws: PeriodError.basketOpen(lane: "till")) {
            try await test.station.zReport(countedCash: test.euros(10000))
        }
    }

    @Test func reportsAndReceiptsPrint() async throws {
        let test = try TestStation()
        defer { test.remove() }
        _ = try await sellPens(test)
        let stored = try #require(try await test.station.receipt(number: 1))
        let document = try test.configuration.document(for: stored, isCopy: false)
        for width in [42, 48] {
            let text = try #require(PlainTextRenderer(width: width)).render(document)
            #expect(text.split(separator: "\n").allSatisfy { $0.count <= width })
            #expect(text.contains("Ballpoint pen blue"))
            #expect(text.contains("TLR-TILL1-000001"))
        }
        let copy = PlainTextRenderer(width: 42)!.render(try test.configuration.document(for: stored, isCopy: true))
        #expect(copy.contains("COPY"))
        let bytes = ESCPOSEncoder(paper: .mm58).encode(document)
        let commands = try ESCPOSDecoder().decode(bytes)
        #expect(commands.contains(.code128(TallyCode.receipt(station: "TILL1", number: 1).description)))
        #expect(
            commands.last == .feedAndCut(partial: true, feed: ESCPOSEncoder.feedBeforeCut)
                || commands.contains {
                    if case .feedAndCut = $0 { return true } else { return false }
                })
        let report = try test.configuration.document(for: try await test.station.xReport())
        #expect(PlainTextRenderer(width: 48)!.render(report).contains("X REPORT"))
    }
}
