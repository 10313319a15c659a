import Testing

@testable import TallyCore

private let eur = Currency(code: "EUR")!
private let standard = TaxClass.taxed(id: "standard", name: "Standard", rate: TaxRate(percent: 19)!)
private let reduced = TaxClass.taxed(id: "reduced", name: "Reduced", rate: TaxRate(percent: 7)!)

private func euros(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: eur) }

private let pen = CatalogItem(productID: "P1", name: "Pen", unit: .piece, unitPrice: euros(189), taxClass: standard)
private let water = CatalogItem(productID: "P2", name: "Water", unit: .piece, unitPrice: euros(59), taxClass: reduced)
private let cheese = CatalogItem(
    productID: "W1", name: "Gouda", unit: .weight, unitPrice: euros(1299), taxClass: reduced)

private func rules(
    cashRounding: CashRounding? = nil, unknown: UnknownBarcodePolicy = .refuse, taxClass: TaxClass? = standard
) -> SaleRules {
    SaleRules(
        currency: eur, tax: TaxCalculator(priceMode: .taxInclusive), cashRounding: cashRounding,
        unknownBarcode: unknown, unknownItemTaxClass: taxClass)
}

private func scan(_ item: CatalogItem, _ embedded: EmbeddedMeasure? = nil) -> SaleInput {
    .item(ItemEntry(item: item, code: item.productID, embedded: embedded))
}

@Suite("Sale workflow")
struct SaleWorkflowTests {
    @Test func theSameItemAgainRaisesTheQuantity() throws {
        var sale = SaleWorkflow(rules: rules())
        _ = try sale.handle(scan(pen), newBasketID: "B1")
        let events = try sale.handle(scan(pen), newBasketID: "unused")
        #expect(sale.basket?.id == "B1")
        #expect(sale.basket?.lines.count == 1)
        #expect(sale.basket?.lines[0].quantity == 2)
        #expect(sale.basket?.lines[0].amount == euros(378))
        guard case .lineChanged(let line) = events.first else {
            Issue.record("expected a changed line, got \(events)")
            return
        }
        #expect(line.number == 1)
    }

    @Test func aQuantityMultiplierAppliesToTheNextItemOnly() throws {
        var sale = SaleWorkflow(rules: rules())
        #expect(try sale.handle(.quantity(6), newBasketID: "B") == [.quantityPending(6)])
        _ = try sale.handle(scan(water), newBasketID: "B")
        _ = try sale.handle(scan(pen), newBasketID: "B")
        #expect(sale.basket?.lines.map(\.quantity) == [6, 1])
        #expect(sale.basket?.lines[0].amount == euros(354))
        #expect(sale.basket?.pendingQuantity == nil)
    }

    @Test func quantitiesOutsideTheLimitAreRefusedAndChangeNothing() throws {
        var sale = SaleWorkflow(rules: rules())
        _ = try sale.handle(scan(pen), newBasketID: "B")
        let before = sale.basket
        #expect(throws: SaleRefusal.quantityOutOfRange(0, maximum: 9999)) {
            try sale.handle(.quantity(0), newBasketID: "B")
        }
        _ = try sale.handle(.quantity(9999), newBasketID: "B")
        #expect(throws: SaleRefusal.quantityOutOfRange(10000, maximum: 9999)) {
            try sale.handle(scan(pen), newBasketID: "B")
        }
        #expect(sale.basket?.lines == before?.lines)
    }

    @Test func weighedAndPriceEmbeddedItemsAreEachTheirOwnLine() throws {
        var sale = SaleWorkflow(rules: rules())
        _ = try sale.handle(scan(cheese, .grams(532)), newBasketID: "B")
        _ = try sale.handle(scan(cheese, .grams(532)), newBasketID: "B")
        _ = try sale.handle(scan(cheese, .price(euros(650))), newBasketID: "B")
        let lines = try #require(sale.basket?.lines)
        #expect(lines.count == 3)
        // 0.532 kg × 12.99 €/kg = 6.91068 → 6.91
        #expect(lines[0].amount == euros(691))
        #expect(lines[0].quantity == 532)
        #expect(lines[0].pricing == .embeddedWeight)
        // 6.50 € at 12.99 €/kg is 500.38 g → 500 g
        #expect(lines[2].quantity == 500)
        #expect(lines[2].amount == euros(650))
        #expect(lines[2].pricing == .embeddedPrice)
    }

    @Test func aCountLabelSellsThePack() throws {
        var sale = SaleWorkflow(rules: rules())
        _ = try sale.handle(.quantity(2), newBasketID: "B")
        _ = try sale.handle(scan(water, .pieces(6)), newBasketID: "B")
        #expect(sale.basket?.lines.first?.quantity == 12)
        #expect(sale.basket?.lines.first?.amount == euros(708))
        #expect(throws: SaleRefusal.quantityOutOfRange(0, maximum: 9999)) {
            try sale.handle(scan(water, .pieces(0)), newBasketID: "B")
        }
    }

    @Test func aWeighedItemWithoutAWeightIsRefused() {
        var sale = SaleWorkflow(rules: rules())
        #expect(throws: SaleRefusal.weightNeeded(name: "Gouda")) { try sale.handle(scan(cheese), newBasketID: "B") }
        #expect(sale.basket == nil)
    }

    @Test func voidingLinesKeepsThemForTheRecordButOutOfTheTotal() throws {
        var sale = SaleWorkflow(rules: rules())
        _ = try sale.handle(scan(pen), newBasketID: "B")
        _ = try sale.handle(scan(water), newBasketID: "B")
        _ = try sale.handle(.voidLine(number: nil), newBasketID: "B")
        #expect(sale.basket?.lines.map(\.isVoided) == [false, true])
        #expect(try sale.basket?.totals(rules()).total == euros(189))
        #expect(throws: SaleRefusal.lineAlreadyVoided(2)) { try sale.handle(.voidLine(number: 2), newBasketID: "B") }
        #expect(throws: SaleRefusal.noSuchLine(7)) { try sale.handle(.voidLine(number: 7), newBasketID: "B") }
        _ = try sale.handle(.voidLine(number: 1), newBasketID: "B")
        #expect(throws: SaleRefusal.nothingToVoid) { try sale.handle(.voidLine(number: nil), newBasketID: "B") }
    }

    @Test func voidingTheBasketClosesIt() throws {
        var sale = SaleWorkflow(rules: rules())
        _ = try sale.handle(scan(pen), newBasketID: "B")
        let events = try sale.handle(.voidBasket, newBasketID: "unused")
        guard case .basketVoided(let basket) = events.first else {
            Issue.record("expected a voided basket")
            return
        }
        #expect(basket.lines.count == 1)
        #expect(sale.basket == nil)
        #expect(throws: SaleRefusal.basketEmpty) { try sale.handle(.voidBasket, newBasketID: "C") }
    }

    @Test func cashWithChangeCompletesTheSale() throws {
        var sale = SaleWorkflow(rules: rules())
        _ = try sale.handle(scan(pen), newBasketID: "B")
        _ = try sale.handle(scan(water), newBasketID: "B")
        let events = try sale.handle(.tender(TenderRequest(kind: .cash, amount: euros(500))), newBasketID: "B")
        guard case .completed(let completed) = events.last else {
            Issue.record("expected completion, got \(events)")
            return
        }
        #expect(completed.totals.total == euros(248))
        #expect(
            completed.tenders == [
                SaleTender(kind: .cash, tendered: euros(500), applied: euros(248), change: euros(252), reference: nil)
            ])
        #expect(completed.change == euros(252))
        #expect(sale.basket == nil)
    }

    @Test func splitTendersPayInParts() throws {
        var sale = SaleWorkflow(rules: rules())
        _ = try sale.handle(.quantity(10), newBasketID: "B")
        _ = try sale.handle(scan(pen), newBasketID: "B")
        let first = try sale.handle(.tender(TenderRequest(kind: .cash, amount: euros(1000))), newBasketID: "B")
        #expect(first.count == 1)
        #expect(try sale.basket?.remaining(rules()) == euros(890))
        #expect(throws: SaleRefusal.paymentStarted) { try sale.handle(scan(water), newBasketID: "B") }
        #expect(throws: SaleRefusal.exceedsDue(.card, amount: euros(900), due: euros(890))) {
            try sale.handle(.tender(TenderRequest(kind: .card, amount: euros(900), reference: "T1")), newBasketID: "B")
        }
        let second = try sale.handle(.tender(TenderRequest(kind: .card, reference: "AUTH 4711")), newBasketID: "B")
        guard case .completed(let completed) = second.last else {
            Issue.record("expected completion")
            return
        }
        #expect(completed.tenders.map(\.applied) == [euros(1000), euros(890)])
        #expect(completed.tenders[1].reference == "AUTH 4711")
    }

    @Test func cashIsRoundedToTheSmallestCoinAndRecorded() throws {
        var sale = SaleWorkflow(rules: rules(cashRounding: try CashRounding(increment: euros(5))))
        _ = try sale.handle(scan(pen), newBasketID: "B")
        _ = try sale.handle(scan(water), newBasketID: "B")
        // 2.48 due; cash settles 2.50, the 0.02 is the rounding, change from 5.00 is 2.50.
        let events = try sale.handle(.tender(TenderRequest(kind: .cash, amount: euros(500))), newBasketID: "B")
        guard case .completed(let completed) = events.last else {
            Issue.record("expected completion")
            return
        }
        #expect(completed.cashRounding == euros(2))
        #expect(completed.tenders[0].applied == euros(250))
        #expect(completed.tenders[0].change == euros(250))
        let paid = try Money.sum(completed.tenders.map(\.applied), currency: eur)
        #expect(paid == (try completed.totals.total.adding(completed.cashRounding)))
    }

    @Test func cardPaymentsAreNeverRounded() throws {
        var sale = SaleWorkflow(rules: rules(cashRounding: try CashRounding(increment: euros(5))))
        _ = try sale.handle(scan(pen), newBasketID: "B")
        let events = try sale.handle(.tender(TenderRequest(kind: .card, reference: "R")), newBasketID: "B")
        guard case .completed(let completed) = events.last else {
            Issue.record("expected completion")
            return
        }
        #expect(completed.cashRounding == euros(0))
        #expect(completed.tenders[0].applied == euros(189))
    }

    @Test func anAccountPaymentNeedsTheAccount() throws {
        var sale = SaleWorkflow(rules: rules())
        _ = try sale.handle(scan(pen), newBasketID: "B")
        #expect(throws: SaleRefusal.referenceRequired(.account)) {
            try sale.handle(.tender(TenderRequest(kind: .account)), newBasketID: "B")
        }
    }

    @Test func unknownItemsAreRefusedByDefault() {
        var sale = SaleWorkflow(rules: rules())
        #expect(throws: SaleRefusal.unknownItem(code: "123")) {
            try sale.handle(.unknownItem(code: "123"), newBasketID: "B")
        }
    }

    @Test func unknownItemsArePricedOnlyByAnAllowedRole() throws {
        var sale = SaleWorkflow(rules: rules(unknown: .priceEntry(roles: ["supervisor"])))
        let cashier = Operator(id: "c1", name: "Cass", role: "cashier")
        let supervisor = Operator(id: "s1", name: "Sue", role: "supervisor")
        #expect(try sale.handle(.unknownItem(code: "0001"), newBasketID: "B") == [.priceEntryPending(code: "0001")])
        #expect(throws: SaleRefusal.priceEntryPending(code: "0001")) { try sale.handle(scan(pen), newBasketID: "B") }
        #expect(throws: SaleRefusal.priceEntryNotAllowed(role: "cashier")) {
            try sale.handle(.enterPrice(euros(300), by: cashier), newBasketID: "B")
        }
        _ = try sale.handle(.enterPrice(euros(300), by: supervisor), newBasketID: "B")
        let line = try #require(sale.basket?.lines.first)
        #expect(line.amount == euros(300))
        #expect(line.pricing == .entered(operatorID: "s1"))
        #expect(line.productID == nil)
        #expect(line.taxClass == standard)
    }

    @Test func cancelDropsWhatWasPending() throws {
        var sale = SaleWorkflow(rules: rules(unknown: .priceEntry(roles: ["supervisor"])))
        _ = try sale.handle(.quantity(3), newBasketID: "B")
        _ = try sale.handle(.cancel, newBasketID: "B")
        #expect(sale.basket == nil)
    }

    @Test func aRestoredBasketCarriesOn() throws {
        var first = SaleWorkflow(rules: rules())
        _ = try first.handle(scan(pen), newBasketID: "B")
        _ = try first.handle(.quantity(2), newBasketID: "B")
        var second = SaleWorkflow(rules: rules(), basket: first.basket)
        _ = try second.handle(scan(water), newBasketID: "X")
        #expect(second.basket?.id == "B")
        #expect(second.basket?.lines.map(\.quantity) == [1, 2])
    }
}
