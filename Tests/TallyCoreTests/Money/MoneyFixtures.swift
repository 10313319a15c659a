import TallyCore
import Testing

/// Short ways to write currencies, amounts and tax classes in the money tests.
enum MoneyFixtures {
    static func currency(_ code: String) throws -> Currency {
        try #require(Currency(code: code))
    }

    /// An amount from its decimal text, such as `amount("12.34", "EUR")`.
    static func amount(_ text: String, _ code: String = "EUR") throws -> Money {
        try Money(parsing: text, currency: currency(code))
    }

    static func rate(_ percent: String) throws -> TaxRate {
        try TaxRate(parsingPercent: percent)
    }

    static func taxed(_ percent: String, id: String? = nil) throws -> TaxClass {
        let rate = try rate(percent)
        return TaxClass.taxed(id: id ?? percent, name: "\(rate)", rate: rate)
    }

    static let exempt = TaxClass(id: "exempt", name: "Exempt", treatment: .exempt)
    static let outsideScope = TaxClass(id: "voucher", name: "Voucher", treatment: .outsideScope)

    static func line(_ text: String, _ taxClass: TaxClass, _ code: String = "EUR") throws -> TaxableLine {
        TaxableLine(amount: try amount(text, code), taxClass: taxClass)
    }
}
