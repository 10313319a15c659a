import TallyCore
import Testing

@Suite struct RefundAndReportLayoutTests {
    static let widths = [42, 48]

    func refundLines(width: Int) throws -> [String] {
        let document = try ReceiptLayout.refund(
            PrintingFixtures.refund(), header: PrintingFixtures.header, details: PrintingFixtures.details(number: 124))
        return try #require(PlainTextRenderer(width: width)).lines(of: document)
    }

    func reportLines(_ report: PeriodReport, width: Int) throws -> [String] {
        let document = try ReportLayout.period(report, shopName: "Hansen's Corner Shop", utcOffsetSeconds: 3600)
        return try #require(PlainTextRenderer(width: width)).lines(of: document)
    }

    /// `left` and `right` at both ends of a line `width` wide.
    func row(_ left: String, _ right: String, _ width: Int) -> String {
        left + String(repeating: " ", count: width - left.count - right.count) + right
    }

    @Test(arguments: widths)
    func refundReceipt(width: Int) throws {
        let lines = try refundLines(width: width)
        let start = try #require(lines.firstIndex { $0.hasSuffix("REFUND") })
        #expect(
            Array(lines[start...].prefix(12)) == [
                String(repeating: " ", count: (width - 6) / 2) + "REFUND",
                row("Receipt 124", "2026-11-21 14:03", width),
                row("Station TILL1", "Operator Anna", width),
                "Refund of receipt TLR-TILL1-000123-5B",
                String(repeating: "-", count: width),
                row("Käse Gouda mittelalt", "6.91 B", width),
                "  0.532 kg",
                "  stock: damaged",
                row("Café crème capsules", "3.98 A", width),
                "  Qty 2",
                String(repeating: "-", count: width),
                row("REFUND EUR", "10.89", width),
            ])
        #expect(lines.contains(row("Cash paid back", "10.89", width)))
        #expect(lines.contains { $0.hasSuffix(TallyCode.receipt(station: "TILL1", number: 124).description) })
        #expect(!lines.contains { $0.contains("-10.89") })
    }

    @Test(arguments: PaperWidth.allCases)
    func refundReceiptInESCPOS(paper: PaperWidth) throws {
        let document = try ReceiptLayout.refund(
            PrintingFixtures.refund(), header: PrintingFixtures.header, details: PrintingFixtures.details(number: 124))
        let encoder = ESCPOSEncoder(paper: paper)
        let decoded = try ESCPOSDecoder().decode(encoder.encode(document))
        #expect(decoded == encoder.commands(for: document))
        #expect(decoded.contains(.code128(TallyCode.receipt(station: "TILL1", number: 124).description)))
        #expect(decoded.contains(.text("  stock: damaged")))
        #expect(decoded.last == .feedAndCut(partial: true, feed: 0))
    }

    @Test(arguments: widths)
    func zReport(width: Int) throws {
        let lines = try reportLines(PrintingFixtures.report(), width: width)
        #expect(lines.first == String(repeating: " ", count: (width - 8) / 2) + "Z REPORT")
        let expectedRows = [
            row("Z number", "42", width), row("Opened", "2026-11-21 08:00", width),
            row("Made", "2026-11-21 18:30", width), row("Receipts", "123 - 124", width),
            row("Sale receipts", "1", width), row("Refund receipts", "1", width), row("Voided baskets", "1", width),
            row("Voided lines", "2", width), row("Sales", "18.56", width), row("Refunds", "-10.89", width),
            row("NET EUR", "7.67", width), row("Cash rounding", "-0.01", width),
            row("Opening float", "150.00", width), row("Expected cash", "147.66", width),
            row("Counted cash", "146.00", width), row("Difference", "-1.66", width),
        ]
        var position = lines.startIndex
        for expected in expectedRows {
            let found = try #require(lines[position...].firstIndex(of: expected), "\(expected)")
            position = found + 1
        }
        let tenderHeader = try #require(lines.firstIndex { $0.hasPrefix("Tender") })
        #expect(lines[tenderHeader + 1].hasPrefix("Cash") && lines[tenderHeader + 1].hasSuffix("2     -2.34"))
        #expect(lines[tenderHeader + 2].hasPrefix("Card") && lines[tenderHeader + 2].hasSuffix("1     10.00"))
        let rateHeader = try #require(lines.firstIndex { $0.hasPrefix("Rate") })
        #expect(lines[rateHeader + 1].hasPrefix("19%") && lines[rateHeader + 1].hasSuffix("5.45      1.03      6.48"))
        #expect(lines[rateHeader + 2].hasPrefix("7%") && lines[rateHeader + 2].hasSuffix("1.11      0.08      1.19"))
        #expect(lines.allSatisfy { $0.count <= width })
    }

    @Test(arguments: PaperWidth.allCases)
    func zReportInESCPOS(paper: PaperWidth) throws {
        let document = try ReportLayout.period(
            PrintingFixtures.report(), shopName: "Hansen's Corner Shop", utcOffsetSeconds: 3600)
        let encoder = ESCPOSEncoder(paper: paper)
        let decoded = try ESCPOSDecoder().decode(encoder.encode(document))
        #expect(decoded == encoder.commands(for: document))
        #expect(decoded.contains(.text("Z REPORT")))
        #expect(decoded.last == .feedAndCut(partial: true, feed: 0))
    }

    @Test func anXReportHasNoCountAndAnUncountedZReportSaysSo() throws {
        let x = try reportLines(PrintingFixtures.report(kind: .x, counted: nil), width: 42)
        #expect(x.contains(row("Period", "42", 42)))
        #expect(!x.contains { $0.hasPrefix("Counted cash") || $0.hasPrefix("Difference") })
        let z = try reportLines(PrintingFixtures.report(kind: .z, counted: nil), width: 42)
        #expect(z.contains(row("Counted cash", "not counted", 42)))
    }

    @Test func taxExclusivePricesShowSubtotalAndTax() throws {
        let line = try PrintingFixtures.line(
            1, "Widget", price: "10.00", amount: "10.00", taxClass: PrintingFixtures.standard())
        let totals = try TaxCalculator(priceMode: .taxExclusive).totals(
            of: [TaxableLine(amount: line.amount, taxClass: line.taxClass)], currency: PrintingFixtures.euro())
        let card = SaleTender(
            kind: .card, tendered: totals.total, applied: totals.total, change: try PrintingFixtures.amount("0"),
            reference: nil)
        let sale = CompletedSale(
            basketID: "B-3", lines: [line], voidedLines: [], totals: totals, tenders: [card],
            cashRounding: try PrintingFixtures.amount("0"))
        let document = try ReceiptLayout.sale(
            sale, header: ReceiptHeader(shopName: "Shop"), details: PrintingFixtures.details())
        let lines = try #require(PlainTextRenderer(width: 42)).lines(of: document)
        let subtotal = try #require(lines.firstIndex(of: row("Subtotal", "10.00", 42)))
        #expect(lines[subtotal + 1] == row("Tax", "1.90", 42))
        #expect(lines[subtotal + 2] == row("TOTAL EUR", "11.90", 42))
        #expect(!lines.contains { $0.hasPrefix("Change") })
    }
}
