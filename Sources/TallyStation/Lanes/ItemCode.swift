import TallyCore

/// The catalog key and embedded measure of a scan that names an item.
struct ItemCode: Hashable, Sendable {
    /// GTIN-14 digits, a price- or weight-embedded item's lookup number as GTIN-14, or a label's text.
    let key: String
    let embedded: EmbeddedMeasure?

    /// The item a valid scan names, or nil for Tally codes and GS1 data without a product number.
    init?(_ scan: ScanInterpretation, currency: Currency) {
        switch scan.content {
        case .gtin(let gtin, _):
            key = gtin.gtin14
            embedded = nil
        case .restricted(let gtin, let reading):
            if case .variableMeasure(let item) = reading {
                key = "0" + item.lookupGTIN
                embedded = Self.measure(scan, currency: currency)
            } else {
                key = gtin.gtin14
                embedded = nil
            }
        case .gs1:
            guard let gtin = scan.gtin else { return nil }
            key = gtin.gtin14
            embedded = Self.measure(scan, currency: currency)
        case .text(let text):
            key = text
            embedded = nil
        case .tally, nil:
            return nil
        }
    }

    private static func measure(_ scan: ScanInterpretation, currency: Currency) -> EmbeddedMeasure? {
        if case .restricted(_, .variableMeasure(let item)) = scan.content, case .count(let count) = item.value {
            return .pieces(Int64(count))
        }
        if let grams = scan.weightGrams { return .grams(grams) }
        if let price = scan.price(localCurrency: currency) { return .price(price) }
        return nil
    }
}
