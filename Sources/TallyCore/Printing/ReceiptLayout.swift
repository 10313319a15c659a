/// Lays out sale and refund receipts as ``PrintDocument``s, the same for every printer and paper width.
///
/// A receipt shows, in order: the shop, the receipt's number, time, station and operator, the lines with the
/// letter of their tax rate, the total, a table of net, tax and gross per rate, the payment, the shop's
/// footer and the receipt's Tally code as a barcode. Tax letters follow the report order of rates: A is the
/// highest rate on the receipt.
public enum ReceiptLayout {
    /// The shop's name, address and tax ID, a heading such as REFUND, then the receipt's number, time,
    /// station and operator.
    static func opening(
        header: ReceiptHeader, details: ReceiptDetails, heading: String? = nil
    ) -> [PrintDocument.Block] {
        var blocks: [PrintDocument.Block] = details.isCopy ? [.copyMarker] : []
        blocks.append(.title(header.shopName))
        blocks += header.addressLines.map { .centered($0) }
        if let taxID = header.taxID { blocks.append(.centered("Tax ID \(taxID)")) }
        blocks.append(.blank)
        if let heading { blocks.append(.title(heading)) }
        blocks.append(.pair("Receipt \(details.receiptNumber)", details.time))
        if let name = details.operatorName {
            blocks.append(.pair("Station \(details.stationCode)", "Operator \(name)"))
        } else {
            blocks.append(.line("Station \(details.stationCode)"))
        }
        return blocks
    }

    /// The footer, the receipt's barcode, the copy marker again and the cut.
    static func closing(header: ReceiptHeader, details: ReceiptDetails) -> [PrintDocument.Block] {
        var blocks: [PrintDocument.Block] = header.footerLines.isEmpty ? [] : [.blank]
        blocks += header.footerLines.map { .centered($0) }
        blocks += [.blank, .barcode(details.tallyCode.description)]
        if details.isCopy { blocks.append(.copyMarker) }
        blocks.append(.cut)
        return blocks
    }

    /// A letter per tax treatment, in the order of `rates`: A, B, C …, then numbers past Z.
    static func taxLetters(_ rates: [TaxRateTotals]) -> [TaxTreatment: String] {
        var letters: [TaxTreatment: String] = [:]
        for (position, rate) in rates.enumerated() {
            letters[rate.treatment] =
                position < 26 ? String(Unicode.Scalar(UInt8(ascii: "A") + UInt8(position))) : String(position + 1)
        }
        return letters
    }

    /// The table of net, tax and gross per rate; `sign` is -1 to print a refund's amounts as positive.
    static func taxTable(
        _ rates: [TaxRateTotals], sign: Int64 = 1, lettered: Bool = true
    ) throws(MoneyError) -> [PrintDocument.Block] {
        let letters = lettered ? taxLetters(rates) : [:]
        var blocks: [PrintDocument.Block] = [.columns(["Rate", "Net", "Tax", "Gross"])]
        for rate in rates {
            let label = (letters[rate.treatment].map { $0 + " " } ?? "") + rate.treatment.description
            blocks.append(
                .columns([
                    label, try text(rate.net, sign: sign), try text(rate.tax, sign: sign),
                    try text(rate.gross, sign: sign),
                ]))
        }
        return blocks
    }

    /// An amount as receipts print it, `12.30`; `sign` -1 prints it negated.
    static func text(_ amount: Money, sign: Int64 = 1) throws(MoneyError) -> String {
        try (sign < 0 ? amount.negated() : amount).decimalString()
    }

    /// Grams as kilograms with three decimals: `0.532 kg`.
    static func weight(grams: Int64) -> String {
        Money.DecimalInput.text(for: grams, places: 3, separator: .point) + " kg"
    }

    /// The name of a kind of tender as receipts and reports print it.
    static func name(of tender: TenderKind) -> String {
        switch tender {
        case .cash: "Cash"
        case .card: "Card"
        case .account: "Account"
        case .other: "Other"
        }
    }
}
