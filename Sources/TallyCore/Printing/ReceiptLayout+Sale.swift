extension ReceiptLayout {
    /// The receipt of a completed sale.
    ///
    /// Each line shows its amount and tax letter; a line of several pieces shows `3 x 1.99` below its name
    /// and a weighed line `0.532 kg x 12.99/kg`. With tax-exclusive prices the net subtotal and the tax come
    /// before the total. Tenders show their references, then the change and any cash rounding.
    public static func sale(
        _ sale: CompletedSale, header: ReceiptHeader, details: ReceiptDetails
    ) throws(MoneyError) -> PrintDocument {
        let totals = sale.totals
        let letters = taxLetters(totals.rates)
        var document = PrintDocument(opening(header: header, details: details))
        document.append(.rule)
        for line in sale.lines {
            let letter = letters[line.taxClass.treatment].map { " " + $0 } ?? ""
            document.append(.pair(line.name, try text(line.amount) + letter))
            if let quantity = try quantityText(of: line) { document.append(.line("  " + quantity)) }
        }
        document.append(.rule)
        if totals.priceMode == .taxExclusive {
            document.append(contentsOf: [.pair("Subtotal", try text(totals.net)), .pair("Tax", try text(totals.tax))])
        }
        document.append(contentsOf: [.bold(true), .pair("TOTAL \(totals.currency.code)", try text(totals.total))])
        document.append(contentsOf: [.bold(false), .rule])
        document.append(contentsOf: try taxTable(totals.rates))
        document.append(.rule)
        for tender in sale.tenders {
            document.append(.pair(name(of: tender.kind), try text(tender.tendered)))
            if let reference = tender.reference { document.append(.line("  Ref \(reference)")) }
        }
        if !sale.change.isZero || sale.tenders.contains(where: { $0.kind == .cash }) {
            document.append(.pair("Change", try text(sale.change)))
        }
        if !sale.cashRounding.isZero {
            document.append(.pair("Cash rounding", try text(sale.cashRounding)))
        }
        document.append(contentsOf: closing(header: header, details: details))
        return document
    }

    /// `3 x 1.99` for several pieces, `0.532 kg x 12.99/kg` for a weighed line, nil for a single piece.
    static func quantityText(of line: SaleLine) throws(MoneyError) -> String? {
        switch line.unit {
        case .piece:
            guard line.quantity != 1 else { return nil }
            return "\(line.quantity) x \(try text(line.unitPrice))"
        case .weight:
            return "\(weight(grams: line.quantity)) x \(try text(line.unitPrice))/kg"
        }
    }
}
