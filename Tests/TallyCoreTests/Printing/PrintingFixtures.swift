import TallyCore
import Testing

/// A small shop's sale, a return against it and the Z report of their period, for the printing tests.
enum PrintingFixtures {
    static let header = ReceiptHeader(
        shopName: "Hansen's Corner Shop", addressLines: ["Marktstraße 12", "10115 Berlin"], taxID: "DE123456789",
        footerLines: ["Thank you for shopping!", "Gift cards from 5 €"])

    /// 2026-11-21 14:03 in Berlin (UTC+1).
    static let saleTime: Int64 = 1_795_266_180_000
    static let berlin = 3600

    static func details(number: Int = 123, isCopy: Bool = false) -> ReceiptDetails {
        ReceiptDetails(
            stationCode: "TILL1", receiptNumber: number,
            time: CivilTime(millisecondsSince1970: saleTime, offsetSeconds: berlin).description, operatorName: "Anna",
            isCopy: isCopy)
    }

    static func euro() throws -> Currency { try #require(Currency(code: "EUR")) }

    static func amount(_ text: String) throws -> Money { try Money(parsing: text, currency: euro()) }

    static func standard() throws -> TaxClass {
        TaxClass.taxed(id: "standard", name: "Standard", rate: try #require(TaxRate(percent: 19)))
    }

    static func reduced() throws -> TaxClass {
        TaxClass.taxed(id: "food", name: "Food", rate: try #require(TaxRate(percent: 7)))
    }

    static func line(
        _ number: Int, _ name: String, unit: SaleUnit = .piece, quantity: Int64 = 1, price: String, amount: String,
        taxClass: TaxClass
    ) throws -> SaleLine {
        SaleLine(
            number: number, productID: "P\(number)", name: name, code: "0400000000000\(number)", unit: unit,
            quantity: quantity, unitPrice: try self.amount(price), amount: try self.amount(amount), taxClass: taxClass,
            pricing: .catalog)
    }

    static func totals(_ amounts: [(Money, TaxClass)]) throws -> ReceiptTotals {
        try TaxCalculator(priceMode: .taxInclusive).totals(
            of: amounts.map { TaxableLine(amount: $0.0, taxClass: $0.1) }, currency: euro())
    }

    /// Four lines (one long name, three pieces, one weighed), paid 10.00 by card and the rest in cash, rounded
    /// to 0.05: total 18.56, cash due 8.56 rounded to 8.55, 10.00 handed over, 1.45 back.
    static func sale() throws -> CompletedSale {
        let lines = [
            try line(1, "Whole milk 1 l", price: "1.19", amount: "1.19", taxClass: reduced()),
            try line(
                2, "Dish soap Lemon Fresh Extra Large Family Pack 1.5 l", price: "4.49", amount: "4.49",
                taxClass: standard()),
            try line(
                3, "Käse Gouda mittelalt", unit: .weight, quantity: 532, price: "12.99", amount: "6.91",
                taxClass: reduced()),
            try line(4, "Café crème capsules", quantity: 3, price: "1.99", amount: "5.97", taxClass: standard()),
        ]
        let tenders = [
            SaleTender(
                kind: .card, tendered: try amount("10.00"), applied: try amount("10.00"), change: try amount("0"),
                reference: "A1B2C3"),
            SaleTender(
                kind: .cash, tendered: try amount("10.00"), applied: try amount("8.55"), change: try amount("1.45"),
                reference: nil),
        ]
        return CompletedSale(
            basketID: "B-1", lines: lines, voidedLines: [], totals: try totals(lines.map { ($0.amount, $0.taxClass) }),
            tenders: tenders, cashRounding: try amount("-0.01"))
    }

    /// The cheese (to the damaged-goods location) and two of the capsules, paid back in cash.
    static func refund() throws -> CompletedReturn {
        let lines = [
            ReturnLine(
                originalLineNumber: 3, productID: "P3", name: "Käse Gouda mittelalt", code: "04000000000003",
                unit: .weight, quantity: 532, amount: try amount("6.91"), taxClass: try reduced(), disposition: .damaged
            ),
            ReturnLine(
                originalLineNumber: 4, productID: "P4", name: "Café crème capsules", code: "04000000000004",
                unit: .piece, quantity: 2, amount: try amount("3.98"), taxClass: try standard(),
                disposition: .sellable),
        ]
        let totals = try totals(lines.map { (try $0.amount.negated(), $0.taxClass) })
        let cash = SaleTender(
            kind: .cash, tendered: try amount("-10.89"), applied: try amount("-10.89"), change: try amount("0"),
            reference: nil)
        return CompletedReturn(
            returnID: "R-1", originalSaleID: "S-1", originalReceipt: .receipt(station: "TILL1", number: 123),
            lines: lines, totals: totals, tenders: [cash], cashRounding: try amount("0"))
    }

    /// The period of the sale (receipt 123) and the refund (receipt 124), with a basket voided, counted 146.00.
    static func report(kind: PeriodReport.Kind = .z, counted: String? = "146.00") throws -> PeriodReport {
        var accumulator = PeriodAccumulator(currency: try euro())
        try accumulator.add(sale(), receiptNumber: 123)
        try accumulator.add(refund(), receiptNumber: 124)
        accumulator.addVoidedBasket(lineCount: 2)
        return try accumulator.report(
            kind: kind, stationCode: "TILL1", periodNumber: 42, openedAt: 1_795_244_400_000,
            madeAt: 1_795_282_200_000, openingFloat: try amount("150.00"), countedCash: try counted.map(amount))
    }
}
