/// An exact tax rate in parts per million: 19 % is 190 000, 5.5 % is 55 000, 8.875 % is 88 750.
///
/// Parts per million hold every VAT and sales-tax rate in use (at most four decimal places in percent)
/// as an integer, so tax is computed without floating point. Rates run from 0 to 1000 %.
public struct TaxRate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let partsPerMillion: Int64

    /// The largest rate accepted, 1000 %, far above any rate in use, so that typing errors are caught.
    public static let maximumPartsPerMillion: Int64 = 10_000_000

    public static let zero = TaxRate(checkedPartsPerMillion: 0)

    /// The rate with this many parts per million, or nil outside 0...``maximumPartsPerMillion``.
    public init?(partsPerMillion: Int64) {
        guard (0...Self.maximumPartsPerMillion).contains(partsPerMillion) else { return nil }
        self.partsPerMillion = partsPerMillion
    }

    /// A whole-number percentage such as 19 or 7, or nil outside 0...1000.
    public init?(percent: Int) {
        guard (0...1000).contains(percent) else { return nil }
        partsPerMillion = Int64(percent) * 10_000
    }

    /// Reads a percentage as written in law or on a shelf label: "19", "5.5", "8.875", "2,1" with `.comma`.
    public init(parsingPercent text: some StringProtocol, separator: DecimalSeparator = .point) throws(MoneyError) {
        let parts: Int64
        do {
            let decimal = try Money.DecimalInput(text, separator: separator)
            parts = try decimal.scaled(by: 4, rounding: nil)
        } catch {
            throw .malformedTaxRate(String(text))
        }
        guard let rate = TaxRate(partsPerMillion: parts) else { throw .malformedTaxRate(String(text)) }
        self = rate
    }

    private init(checkedPartsPerMillion: Int64) {
        partsPerMillion = checkedPartsPerMillion
    }

    /// The rate in percent with only the decimals it needs: "19%", "5.5%", "8.875%".
    public var description: String {
        var text = Money.DecimalInput.text(for: partsPerMillion, places: 4, separator: .point)
        while text.hasSuffix("0") && text.contains(".") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "%"
    }

    public static func < (lhs: TaxRate, rhs: TaxRate) -> Bool {
        lhs.partsPerMillion < rhs.partsPerMillion
    }
}
