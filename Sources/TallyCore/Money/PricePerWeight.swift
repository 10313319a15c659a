/// A price for a fixed weight of goods, such as 12.99 per kilogram or 1.49 per 100 g, applied to what
/// the scale reads in grams.
public struct PricePerWeight: Hashable, Sendable {
    /// The price of ``grams`` grams.
    public let price: Money
    /// The weight the price is for, in grams: 1000 for a kilogram price.
    public let grams: Int64

    /// `price` for every `grams` grams, or nil unless `grams` is positive.
    public init?(_ price: Money, perGrams grams: Int64) {
        guard grams > 0 else { return nil }
        self.price = price
        self.grams = grams
    }

    /// A price per kilogram.
    public static func perKilogram(_ price: Money) -> PricePerWeight {
        PricePerWeight(price: price, grams: 1000)
    }

    /// A price per 100 grams, as shown on shelf labels for small packs.
    public static func perHundredGrams(_ price: Money) -> PricePerWeight {
        PricePerWeight(price: price, grams: 100)
    }

    private init(price: Money, grams: Int64) {
        self.price = price
        self.grams = grams
    }

    /// The amount for `weight` grams, rounded once by `rounding`; a negative weight is a return.
    public func amount(forGrams weight: Int64, rounding: RoundingRule = .commercial) throws(MoneyError) -> Money {
        try price.scaled(numerator: Int128(weight), denominator: Int128(grams), rounding: rounding)
    }
}
