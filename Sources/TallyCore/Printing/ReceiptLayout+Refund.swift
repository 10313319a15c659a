extension ReceiptLayout {
    /// The receipt of a completed return, headed REFUND and naming the receipt it refunds.
    ///
    /// A return's totals and tenders are negative; they are printed as positive amounts paid back, so the
    /// customer reads what they receive. Each line shows the quantity taken back, and `stock: damaged` when
    /// it went to the damaged-goods location rather than back on the shelf.
    public static func refund(
        _ refund: CompletedReturn, header: ReceiptHeader, details: ReceiptDetails
    ) throws(MoneyError) -> PrintDocument {
        let totals = refund.totals
        let letters = taxLetters(totals.rates)
        var document = PrintDocument(opening(header: header, details: details, heading: "REFUND"))
        document.append(contentsOf: [.line("Refund of receipt \(refund.originalReceipt.description)"), .rule])
        for line in refund.lines {
            let letter = letters[line.taxClass.treatment].map { " " + $0 } ?? ""
            document.append(.pair(line.name, try text(line.amount) + letter))
            switch line.unit {
            case .piece: document.append(.line("  Qty \(line.quantity)"))
            case .weight: document.append(.line("  \(weight(grams: line.quantity))"))
            }
            if line.disposition == .damaged { document.append(.line("  stock: damaged")) }
        }
        document.append(.rule)
        if totals.priceMode == .taxExclusive {
            document.append(.pair("Subtotal", try text(totals.net, sign: -1)))
            document.append(.pair("Tax", try text(totals.tax, sign: -1)))
        }
        document.append(contentsOf: [
            .bold(true), .pair("REFUND \(totals.currency.code)", try text(totals.total, sign: -1)),
        ])
        document.append(contentsOf: [.bold(false), .rule])
        document.append(contentsOf: try taxTable(totals.rates, sign: -1))
        document.append(.rule)
        for tender in refund.tenders {
            document.append(.pair("\(name(of: tender.kind)) paid back", try text(tender.applied, sign: -1)))
            if let reference = tender.reference { document.append(.line("  Ref \(reference)")) }
        }
        if !refund.cashRounding.isZero {
            document.append(.pair("Cash rounding", try text(refund.cashRounding, sign: -1)))
        }
        document.append(contentsOf: closing(header: header, details: details))
        return document
    }
}
