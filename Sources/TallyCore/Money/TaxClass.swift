/// How the law treats a supply for tax: taxed at a rate (which may be 0 %), exempt, or outside the tax.
///
/// Zero-rated and exempt supplies both carry no tax, but they are different lines on a VAT return and on
/// an invoice (EU VAT Directive 2006/112/EC art. 226(8) and (11)), so they are different treatments and
/// are never added together.
public enum TaxTreatment: Hashable, Sendable, CustomStringConvertible {
    /// Taxed at `rate`; `.taxed(.zero)` is zero-rated.
    case taxed(TaxRate)
    /// Exempt from tax, such as medical care or postage stamps in many countries.
    case exempt
    /// Not a supply for tax purposes, such as a multi-purpose voucher or a deposit held for the customer.
    case outsideScope

    /// The rate applied: the taxed rate, or zero.
    public var rate: TaxRate {
        if case .taxed(let rate) = self { return rate }
        return .zero
    }

    public var description: String {
        switch self {
        case .taxed(let rate): return rate.description
        case .exempt: return "exempt"
        case .outsideScope: return "outside scope"
        }
    }

    /// Report order: taxed rates from highest to lowest, then exempt, then outside scope.
    var reportOrder: (Int, Int64) {
        switch self {
        case .taxed(let rate): return (0, -rate.partsPerMillion)
        case .exempt: return (1, 0)
        case .outsideScope: return (2, 0)
        }
    }
}

/// A named tax class that items are assigned to, such as "standard" at 19 % or "books" at 7 %.
///
/// Several classes may share one treatment; receipts and reports total tax per treatment (per rate), as
/// invoices must, and keep the class on each line for the shop's own reporting.
public struct TaxClass: Hashable, Sendable, Identifiable {
    /// A stable identifier chosen by the shop, such as "A" or "standard".
    public let id: String
    /// The name printed on receipts and reports.
    public let name: String
    public let treatment: TaxTreatment

    public init(id: String, name: String, treatment: TaxTreatment) {
        self.id = id
        self.name = name
        self.treatment = treatment
    }

    /// A class taxed at `rate`.
    public static func taxed(id: String, name: String, rate: TaxRate) -> TaxClass {
        TaxClass(id: id, name: name, treatment: .taxed(rate))
    }

    /// The rate applied to amounts in this class; zero when exempt or outside scope.
    public var rate: TaxRate { treatment.rate }
}
