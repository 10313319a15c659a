/// What the sale workflow is asked to do. The runner resolves a scan against the catalog first, so the
/// workflow sees a ``CatalogItem`` or an unknown code, never raw bytes.
public enum SaleInput: Hashable, Sendable {
    /// A catalog item was scanned.
    case item(ItemEntry)
    /// A product code the catalog does not know.
    case unknownItem(code: String)
    /// Multiply the next item by this many, from a quantity card or a typed prefix.
    case quantity(Int64)
    /// Void a line; nil voids the last line still standing.
    case voidLine(number: Int?)
    /// Void the whole basket.
    case voidBasket
    /// The price of the unknown item waiting for one, keyed by an operator.
    case enterPrice(Money, by: Operator)
    /// Drop a pending multiplier or a pending price entry.
    case cancel
    /// Pay all or part of what is due.
    case tender(TenderRequest)
}

/// A scanned catalog item with what its barcode carried.
public struct ItemEntry: Hashable, Sendable {
    public let item: CatalogItem
    /// The code as scanned, for the line and the journal.
    public let code: String
    /// A price or weight embedded in the barcode (restricted-circulation number, GS1 AI 392n or 310n).
    public let embedded: EmbeddedMeasure?

    public init(item: CatalogItem, code: String, embedded: EmbeddedMeasure? = nil) {
        self.item = item
        self.code = code
        self.embedded = embedded
    }
}

/// A price, a weight or a count a barcode carries.
public enum EmbeddedMeasure: Hashable, Sendable {
    case price(Money)
    case grams(Int64)
    /// A pack of this many pieces, such as a German prefix-25 label.
    case pieces(Int64)
}

/// What changed in the basket, for the station to write down in the same transaction as the scan.
public enum SaleEvent: Hashable, Sendable {
    /// A new line; the first line also opens the basket.
    case lineAdded(SaleLine)
    /// A line's quantity and amount were raised by scanning the item again.
    case lineChanged(SaleLine)
    case lineVoided(SaleLine)
    /// The multiplier for the next item was set (or cleared with nil).
    case quantityPending(Int64?)
    /// An unknown item waits for its price (or no longer does, with nil).
    case priceEntryPending(code: String?)
    case tendered(SaleTender)
    /// The basket was voided with these lines still standing; cash tendered so far was handed back.
    case basketVoided(SaleBasket)
    /// Paid in full: the sale to write, with its receipt, stock movements and journal entry.
    case completed(CompletedSale)
}

/// Why the workflow refused an input, in words for the operator.
public enum SaleRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownItem(code: String)
    case priceEntryNotAllowed(role: String)
    case noPriceEntryPending
    case priceEntryPending(code: String)
    case quantityOutOfRange(Int64, maximum: Int64)
    case weightNeeded(name: String)
    case nothingToVoid
    case noSuchLine(Int)
    case lineAlreadyVoided(Int)
    case basketEmpty
    case paymentStarted
    case electronicPaymentTaken(TenderKind)
    case amountNotPositive
    case exceedsDue(TenderKind, amount: Money, due: Money)
    case referenceRequired(TenderKind)
    case invalidAmount(MoneyError)

    public var description: String {
        switch self {
        case .unknownItem(let code): "unknown item \(code): the catalog does not know it"
        case .priceEntryNotAllowed(let role): "a \(role) may not price an unknown item; call a supervisor"
        case .noPriceEntryPending: "no item is waiting for a price"
        case .priceEntryPending(let code): "item \(code) is waiting for its price; enter it or cancel"
        case .quantityOutOfRange(let count, let maximum): "quantity \(count) is outside 1 to \(maximum)"
        case .weightNeeded(let name): "\(name) is sold by weight: scan the label the scale printed"
        case .nothingToVoid: "there is no line to void"
        case .noSuchLine(let number): "the basket has no line \(number)"
        case .lineAlreadyVoided(let number): "line \(number) is already voided"
        case .basketEmpty: "the basket is empty"
        case .paymentStarted: "payment has started: pay the rest or void the basket"
        case .electronicPaymentTaken(let kind):
            "a \(kind.rawValue.lowercased()) payment was taken: pay the rest, then return the sale"
        case .amountNotPositive: "the amount must be more than zero"
        case .exceedsDue(let kind, let amount, let due):
            "a \(kind.rawValue.lowercased()) payment of \(amount) is more than the \(due) due"
        case .referenceRequired(let kind): "a \(kind.rawValue.lowercased()) payment needs its reference"
        case .invalidAmount(let error): error.description
        }
    }
}
