/// How an exact result between two whole minor units becomes one of them.
///
/// Every rule is symmetric about zero, so rounding −x gives exactly −(rounding x): a return or a void
/// always mirrors its sale to the cent.
public enum RoundingRule: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Halves go away from zero (2.345 → 2.35, −2.345 → −2.35): commercial rounding, the default.
    case halfAwayFromZero
    /// Halves go to the even neighbour (2.345 → 2.34, 2.355 → 2.36): banker's rounding, unbiased in sums.
    case halfToEven
    /// Halves go toward zero (2.345 → 2.34): used where a tie must favour the customer.
    case halfTowardZero
    /// Any fraction is dropped (2.349 → 2.34).
    case towardZero
    /// Any fraction rounds up in magnitude (2.341 → 2.35).
    case awayFromZero

    /// The default everywhere in Tally: what shop owners, customers and tax authorities expect on a receipt.
    public static let commercial = RoundingRule.halfAwayFromZero

    public var description: String { rawValue }

    /// Whether a truncated magnitude grows by one, given where the dropped fraction lies.
    func incrementsMagnitude(dropping fraction: DroppedFraction, truncatedIsOdd: Bool) -> Bool {
        switch (self, fraction) {
        case (_, .none): return false
        case (.towardZero, _): return false
        case (.awayFromZero, _): return true
        case (_, .belowHalf): return false
        case (_, .aboveHalf): return true
        case (.halfAwayFromZero, .half): return true
        case (.halfTowardZero, .half): return false
        case (.halfToEven, .half): return truncatedIsOdd
        }
    }

    /// `numerator / denominator` rounded by this rule; nil if the denominator is zero or the result
    /// does not fit in 64 bits.
    func divide(_ numerator: Int128, by denominator: Int128) -> Int64? {
        guard denominator != 0 else { return nil }
        let dividend = numerator.magnitude
        let divisor = denominator.magnitude
        let (truncated, remainder) = dividend.quotientAndRemainder(dividingBy: divisor)
        let fraction = DroppedFraction(twiceRemainder: remainder &* 2, divisor: divisor)
        var quotient = truncated
        if incrementsMagnitude(dropping: fraction, truncatedIsOdd: truncated & 1 == 1) {
            quotient += 1
        }
        let isNegative = (numerator < 0) != (denominator < 0)
        return Self.int64(magnitude: quotient, isNegative: isNegative)
    }
}

extension RoundingRule {
    /// Where the digits dropped by truncation lie between two neighbouring whole units.
    enum DroppedFraction {
        case none, belowHalf, half, aboveHalf

        /// Classifies remainder / divisor; the remainder is below the divisor, so doubling it cannot overflow.
        init(twiceRemainder: UInt128, divisor: UInt128) {
            if twiceRemainder == 0 {
                self = .none
            } else if twiceRemainder < divisor {
                self = .belowHalf
            } else if twiceRemainder == divisor {
                self = .half
            } else {
                self = .aboveHalf
            }
        }
    }

    /// The Int64 with this magnitude and sign, or nil outside Int64 (−2⁶³ is allowed, +2⁶³ is not).
    static func int64(magnitude: UInt128, isNegative: Bool) -> Int64? {
        if isNegative {
            guard magnitude <= UInt128(Int64.max) + 1 else { return nil }
            return magnitude == UInt128(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt128(Int64.max) else { return nil }
        return Int64(magnitude)
    }
}
