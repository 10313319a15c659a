import Testing

@testable import TallyCore

private let eur = Currency(code: "EUR")!
private let standard = TaxClass.taxed(id: "standard", name: "Standard", rate: TaxRate(percent: 19)!)
private func euros(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: eur) }

private let rules = SaleRules(currency: eur, tax: TaxCalculator(priceMode: .taxInclusive))

private func soldLine(_ number: Int, code: String, quantity: Int64, amount: Int64) -> SaleLine {
    SaleLine(
        number: number, productID: "P\(number)", name: "Item \(number)", code: code, unit: .piece,
        quantity: quantity, unitPrice: euros(amount / quantity), amount: euros(amount), taxClass: standard,
        pricing: .catalog)
}

private func returnable(returned: Int64 = 0, refunded: Int64 = 0) -> ReturnableSale {
    ReturnableSale(
        saleID: "S1", receipt: .receipt(station: "TILL1", number: 7),
        lines: [
            ReturnableLine(
                line: soldLine(1, code: "A", quantity: 3, amount: 100), returnedQuantity: returned,
                refundedAmount: euros(refunded)),
            ReturnableLine(
                line: soldLine(2, code: "B", quantity: 1, amount: 250), returnedQuantity: 0,
                refundedAmount: euros(0)),
        ])
}

@Suite("Return workflow")
struct ReturnWorkflowTests {
    @Test func neverMoreThanSoldLessReturned() throws {
        var workflow = ReturnWorkflow(rules: rules, sale: returnable(returned: 2, refunded: 33), returnID: "R")
        #expect(throws: ReturnRefusal.moreThanOpen(line: 1, asked: 2, open: 1)) {
            try workflow.handle(.select(line: 1, quantity: 2))
        }
        _ = try workflow.handle(.item(code: "A"))
        #expect(throws: ReturnRefusal.notOnReceipt(code: "A")) { try workflow.handle(.item(code: "A")) }
        #expect(throws: ReturnRefusal.noSuchLine(9)) { try workflow.handle(.select(line: 9, quantity: nil)) }
    }

    @Test func partialReturnsNeverDriftFromTheLineAmount() throws {
        // 3 pieces for 1.00: the first two come back at 0.33 each (rounded), the last at what is left, 0.34.
        var first = ReturnWorkflow(rules: rules, sale: returnable(), returnID: "R1")
        _ = try first.handle(.select(line: 1, quantity: 2))
        #expect(try first.returnLines().map(\.amount) == [euros(67)])
        var last = ReturnWorkflow(rules: rules, sale: returnable(returned: 2, refunded: 67), returnID: "R2")
        _ = try last.handle(.select(line: 1, quantity: nil))
        #expect(try last.returnLines().map(\.amount) == [euros(33)])
    }

    @Test func theRefundCompletesWithNegativeTotalsAndDisposition() throws {
        var workflow = ReturnWorkflow(rules: rules, sale: returnable(), returnID: "R")
        _ = try workflow.handle(.disposition(.damaged))
        _ = try workflow.handle(.item(code: "B"))
        #expect(throws: ReturnRefusal.nothingSelected) {
            var empty = ReturnWorkflow(rules: rules, sale: returnable(), returnID: "E")
            _ = try empty.handle(.refund(kind: .cash, reference: nil))
        }
        let completed = try #require(try workflow.handle(.refund(kind: .cash, reference: nil)))
        #expect(completed.totals.total == euros(-250))
        #expect(completed.lines.map(\.disposition) == [.damaged])
        #expect(
            completed.tenders == [
                SaleTender(kind: .cash, tendered: euros(-250), applied: euros(-250), change: euros(0), reference: nil)
            ])
        #expect(completed.originalReceipt == .receipt(station: "TILL1", number: 7))
    }
}
