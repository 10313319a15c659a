/// Rounding of the amount paid in cash to the smallest coin in use, such as 0.05 CHF or 1 SEK.
///
/// Only the total paid in cash is rounded, never line prices and never card or other electronic
/// payments; the difference is its own amount, which a till records as a separate rounding line so that
/// sales and tax stay exact. Refunds in cash are rounded as the mirror image of payments.
public struct CashRounding: Hashable, Sendable {
    /// How a payment is made; only cash is rounded.
    public enum Payment: Hashable, Sendable {
        case cash
        /// Card, transfer, voucher: settled to the minor unit.
        case electronic
    }

    /// The smallest amount cash can settle, such as 0.05.
    public let increment: Money
    /// How an amount between two multiples of the increment is rounded; ties happen only when the
    /// increment is an even number of minor units (0.10, 0.50, 1.00).
    public let rule: RoundingRule

    /// Rounding to multiples of `increment` by `rule`; the increment must be positive.
    public init(increment: Money, rule: RoundingRule = .commercial) throws(MoneyError) {
        try increment.requireMinorUnit()
        guard increment.isPositive else { throw .invalidCashIncrement(increment) }
        self.increment = increment
        self.rule = rule
    }

    /// The amount to collect for `due` when paid by `payment`, and the rounding difference.
    public func round(_ due: Money, for payment: Payment = .cash) throws(MoneyError) -> CashRoundingResult {
        try due.requireSameCurrency(as: increment)
        try due.requireMinorUnit()
        guard payment == .cash else {
            return CashRoundingResult(exact: due, rounded: due, difference: .zero(due.currency))
        }
        let step = Int128(increment.minorUnits)
        guard let multiples = rule.divide(Int128(due.minorUnits), by: step) else { throw .overflow }
        let rounded = try due.withMinorUnits(Int128(multiples) * step)
        let difference = try rounded.subtracting(due)
        return CashRoundingResult(exact: due, rounded: rounded, difference: difference)
    }
}

/// An amount due before and after cash rounding.
public struct CashRoundingResult: Hashable, Sendable {
    /// The amount due to the minor unit.
    public let exact: Money
    /// What is paid or refunded in cash.
    public let rounded: Money
    /// `rounded − exact`: positive when the customer pays more, negative when less.
    public let difference: Money
}
