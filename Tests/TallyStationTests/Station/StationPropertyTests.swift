import Foundation
import PropertyBased
import TallyCore
import Testing

@testable import TallyStation

@Suite("Station: properties of any day at the till")
struct StationPropertyTests {
    static let codes = [Demo.pen, Demo.chocolate, Demo.water, Demo.goudaLabel, "4006381333932", "4012345678901"]

    /// Runs one operation code against the station; refusals are part of the day.
    private func apply(_ operation: Int, _ test: TestStation) async throws {
        switch operation {
        case 0...5: try await test.scan(Self.codes[operation])
        case 6: try await test.scan(TallyCode.control(.quantity(3)).description)
        case 7: try await test.scan(TallyCode.control(.voidLine).description)
        case 8: try await test.perform(.tender(TenderRequest(kind: .cash, amount: test.euros(5000))))
        case 9: try await test.perform(.tender(TenderRequest(kind: .card, amount: test.euros(100), reference: "T")))
        case 10: try await test.scan(TallyCode.control(.voidBasket).description)
        default:
            // A return of one piece of the first line of the newest sale, refunded in cash.
            guard let newest = try test.database.recentReceiptNumbers(limit: 1).first else { return }
            try await test.scan(TallyCode.receipt(station: "TILL1", number: newest).description)
            try await test.perform(.selectReturnLine(number: 1, quantity: 1))
            try await test.perform(.returnDisposition(operation % 2 == 0 ? .damaged : .sellable))
            try await test.perform(.refund(kind: .cash, reference: nil))
            try await test.perform(.mode(.sale))
        }
    }

    @Test func theLedgerTheReceiptsAndTheReportAlwaysAgree() async throws {
        await propertyCheck(count: 25, input: Gen.int(in: 0...12).array(of: 1...40)) { operations in
            do {
                let test = try TestStation(
                    cashRounding: try CashRounding(increment: Money(minorUnits: 5, currency: TestStation.eur)))
                defer { test.remove() }
                for operation in operations { try await apply(operation, test) }
                let report = try test.database.verify()
                #expect(report.isSound, "\(operations): \(report)")
                // On-hand per product is what the receipts say left and came back, wherever it went.
                var expected: [String: Int64] = [:]
                var sales = Money.zero(TestStation.eur)
                var refunds = Money.zero(TestStation.eur)
                for number in 1...max(report.receipts, 1) where report.receipts > 0 {
                    let stored = try #require(try await test.station.receipt(number: number))
                    switch stored.document {
                    case .sale(let sale):
                        sales = try sales.adding(sale.totals.total)
                        for line in sale.lines { expected[line.productID ?? "", default: 0] -= line.quantity }
                    case .return(let completed):
                        refunds = try refunds.adding(completed.totals.total)
                        for line in completed.lines { expected[line.productID ?? "", default: 0] += line.quantity }
                    }
                }
                for (product, quantity) in expected where !product.isEmpty {
                    let onHand =
                        try test.database.onHand(productID: product, location: "SHOP")
                        + test.database.onHand(productID: product, location: "DAMAGED")
                    #expect(onHand == quantity, "\(operations): \(product)")
                }
                let x = try await test.station.xReport()
                #expect(x.sales == sales, "\(operations)")
                #expect(x.refunds == refunds, "\(operations)")
                #expect(x.saleCount + x.returnCount == report.receipts, "\(operations)")
            } catch {
                Issue.record("\(operations): \(error)")
            }
        }
    }
}
