/// An exact decimal quantity: 3 pieces, 1.5 metres, 1.234 kilograms. Never a floating-point number.
///
/// The value is ``significand`` × 10^−``scale``; 1.234 is significand 1234 at scale 3. Negative quantities
/// are allowed, because a returned item is a negative quantity at the same price. Equal values are equal
/// whatever their scale: 1.5 == 1.500.
public struct DecimalQuantity: Hashable, Sendable, CustomStringConvertible {
    public let significand: Int64
    /// Decimal places, 0 to 18.
    public let scale: Int

    /// A whole number of units.
    public init(_ whole: Int64) {
        significand = whole
        scale = 0
    }

    /// `significand` × 10^−`scale`, or nil if `scale` is outside 0...18.
    public init?(significand: Int64, scale: Int) {
        guard (0...18).contains(scale) else { return nil }
        self.significand = significand
        self.scale = scale
    }

    /// Reads "3", "1.234" or "-0.5"; the scale is the number of decimal places written.
    public init(parsing text: some StringProtocol, separator: DecimalSeparator = .point) throws(MoneyError) {
        let decimal: Money.DecimalInput
        do {
            decimal = try Money.DecimalInput(text, separator: separator)
        } catch {
            throw .malformedQuantity(String(text))
        }
        let places = decimal.fractionDigits.count
        guard places <= 18, let value = try? decimal.scaled(by: places, rounding: nil) else {
            throw .malformedQuantity(String(text))
        }
        significand = value
        scale = places
    }

    /// 10^scale, the denominator of the quantity as a fraction.
    var denominator: Int128 {
        var power: Int128 = 1
        for _ in 0..<scale { power *= 10 }
        return power
    }

    public static func == (lhs: DecimalQuantity, rhs: DecimalQuantity) -> Bool {
        lhs.withoutTrailingZeros == rhs.withoutTrailingZeros
    }

    public func hash(into hasher: inout Hasher) {
        let reduced = withoutTrailingZeros
        hasher.combine(reduced.significand)
        hasher.combine(reduced.scale)
    }

    /// The same value at the smallest scale that holds it exactly.
    private var withoutTrailingZeros: (significand: Int64, scale: Int) {
        var reduced = (significand: significand, scale: scale)
        while reduced.scale > 0 && reduced.significand % 10 == 0 {
            reduced.significand /= 10
            reduced.scale -= 1
        }
        return reduced
    }

    public var description: String {
        Money.DecimalInput.text(for: significand, places: scale, separator: .point)
    }
}
