/// How an item is sold: by the piece, or by weight with its price per kilogram.
public enum SaleUnit: String, Hashable, Sendable, CaseIterable {
    /// Quantities are whole pieces and the unit price is per piece.
    case piece
    /// Quantities are whole grams and the unit price is per kilogram.
    case weight
}

/// What the station's catalog says about an item at the moment it is scanned.
///
/// A line keeps this copy, so a price change that arrives by sync halfway through a basket never changes a
/// line already rung up.
public struct CatalogItem: Hashable, Sendable {
    public let productID: String
    public let name: String
    public let unit: SaleUnit
    /// Per piece, or per kilogram for items sold by weight.
    public let unitPrice: Money
    public let taxClass: TaxClass

    public init(productID: String, name: String, unit: SaleUnit, unitPrice: Money, taxClass: TaxClass) {
        self.productID = productID
        self.name = name
        self.unit = unit
        self.unitPrice = unitPrice
        self.taxClass = taxClass
    }
}

/// Where a line's amount came from.
public enum LinePricing: Hashable, Sendable {
    /// The catalog's unit price times the quantity.
    case catalog
    /// The amount printed in the barcode by a scale or a price-labelling machine.
    case embeddedPrice
    /// The weight printed in the barcode, priced at the catalog's price per kilogram.
    case embeddedWeight
    /// A price keyed for an item the catalog does not know, by an operator whose role allows it.
    case entered(operatorID: String)
}

/// One line of a basket or a completed sale.
public struct SaleLine: Hashable, Sendable {
    /// 1-based and stable: voiding a line keeps the numbers of the others.
    public let number: Int
    /// Nil for an item the catalog does not know, sold at an entered price.
    public let productID: String?
    public let name: String
    /// The item's code as scanned: 14 GTIN digits, a restricted-circulation number, or the scanned text.
    public let code: String
    public let unit: SaleUnit
    /// Pieces, or grams for ``SaleUnit/weight``.
    public internal(set) var quantity: Int64
    /// Per piece, or per kilogram.
    public let unitPrice: Money
    public internal(set) var amount: Money
    public let taxClass: TaxClass
    public let pricing: LinePricing
    public internal(set) var isVoided: Bool

    public init(
        number: Int, productID: String?, name: String, code: String, unit: SaleUnit, quantity: Int64,
        unitPrice: Money, amount: Money, taxClass: TaxClass, pricing: LinePricing, isVoided: Bool = false
    ) {
        self.number = number
        self.productID = productID
        self.name = name
        self.code = code
        self.unit = unit
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.amount = amount
        self.taxClass = taxClass
        self.pricing = pricing
        self.isVoided = isVoided
    }

    /// Whether scanning the same code again raises this line's quantity rather than adding a line: only for
    /// catalog-priced pieces; every weighed or price-labelled pack is its own line.
    var absorbsRepeatScans: Bool { !isVoided && pricing == .catalog && unit == .piece }
}
