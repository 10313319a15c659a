/// Lays out X and Z reports as ``PrintDocument``s.
public enum ReportLayout {
    /// An X or Z report of a till's period.
    ///
    /// It shows the period and its times, the receipt range and counts, sales, refunds and the net, the
    /// totals per tender and per tax rate, then the cash: rounding, opening float, expected cash and, once
    /// counted, the counted cash and its difference (negative when cash is missing). Times are printed as
    /// wall-clock time `utcOffsetSeconds` east of UTC.
    public static func period(
        _ report: PeriodReport, shopName: String, utcOffsetSeconds: Int
    ) throws(MoneyError) -> PrintDocument {
        func time(_ milliseconds: Int64) -> String {
            CivilTime(millisecondsSince1970: milliseconds, offsetSeconds: utcOffsetSeconds).description
        }
        func money(_ amount: Money) throws(MoneyError) -> String { try amount.decimalString() }
        var document = PrintDocument([
            .title("\(report.kind.rawValue) REPORT"), .centered(shopName), .centered("Station \(report.stationCode)"),
            .blank,
        ])
        let range = report.receiptRange.map { "\($0.lowerBound) - \($0.upperBound)" } ?? "none"
        document.append(contentsOf: [
            .pair(report.kind == .z ? "Z number" : "Period", String(report.periodNumber)),
            .pair("Opened", time(report.openedAt)), .pair("Made", time(report.madeAt)), .pair("Receipts", range),
            .rule,
            .pair("Sale receipts", String(report.saleCount)), .pair("Refund receipts", String(report.returnCount)),
            .pair("Voided baskets", String(report.voidedBasketCount)),
            .pair("Voided lines", String(report.voidedLineCount)),
            .rule,
            .pair("Sales", try money(report.sales)), .pair("Refunds", try money(report.refunds)),
            .bold(true), .pair("NET \(report.currency.code)", try money(report.net)), .bold(false),
            .rule,
            .columns(["Tender", "Count", "Amount"]),
        ])
        for tender in report.tenders {
            document.append(
                .columns([ReceiptLayout.name(of: tender.kind), String(tender.count), try money(tender.amount)]))
        }
        document.append(.rule)
        document.append(contentsOf: try ReceiptLayout.taxTable(report.taxRates, lettered: false))
        document.append(contentsOf: [
            .rule,
            .pair("Cash rounding", try money(report.cashRounding)),
            .pair("Opening float", try money(report.openingFloat)),
            .pair("Expected cash", try money(report.expectedCash)),
        ])
        if let counted = report.countedCash, let difference = report.cashDifference {
            document.append(contentsOf: [
                .pair("Counted cash", try money(counted)), .bold(true), .pair("Difference", try money(difference)),
                .bold(false),
            ])
        } else if report.kind == .z {
            document.append(.pair("Counted cash", "not counted"))
        }
        document.append(contentsOf: [.rule, .centered("End of \(report.kind.rawValue) report"), .cut])
        return document
    }
}
