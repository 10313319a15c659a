extension Money {
    /// Splits this amount into parts proportional to `weights` that add up to exactly this amount.
    ///
    /// Each part is first rounded toward negative infinity; the few minor units left over go one each to the
    /// parts with the largest dropped fractions (the largest-remainder method), ties to the earlier part.
    /// Weights may be negative (a return line inside a basket) as long as they do not add up to zero.
    /// A negative amount is split as the mirror image of its positive, so a refund splits like its sale.
    public func allocated(proportionallyTo weights: [Int64]) throws(MoneyError) -> [Money] {
        try requireMinorUnit()
        guard !weights.isEmpty else { throw .noAllocationWeights }
        var total: Int128 = 0
        for weight in weights {
            total += Int128(weight)
        }
        guard total != 0 else { throw .allocationWeightsSumToZero }
        let direction: Int128 = total < 0 ? -1 : 1
        let shares = weights.map { Int128(minorUnits) * Int128($0) * direction }
        let parts = try Apportionment.apportion(minorUnits, shares: shares, denominator: total * direction)
        return parts.map { Money(minorUnits: $0, currency: currency) }
    }

    /// Splits this amount in proportion to other amounts in the same currency, such as a basket discount
    /// over its lines or a card payment over the tax rates of a receipt.
    public func allocated(proportionallyTo amounts: [Money]) throws(MoneyError) -> [Money] {
        for amount in amounts {
            try requireSameCurrency(as: amount)
        }
        return try allocated(proportionallyTo: amounts.map(\.minorUnits))
    }

    /// Splits this amount into `count` parts as equal as possible, the larger parts first: 1.00 / 3 is
    /// 0.34, 0.33, 0.33.
    public func split(into count: Int) throws(MoneyError) -> [Money] {
        guard count > 0 else { throw .noAllocationWeights }
        return try allocated(proportionallyTo: [Int64](repeating: 1, count: count))
    }

    /// Rounds exact fractional shares to whole minor units that add up to a given whole total.
    enum Apportionment {
        /// Rounds each `shares[i]` / `denominator` to an integer so that the results add up to `total`.
        ///
        /// The caller guarantees that `total` lies within one unit per share of the exact sum of the shares,
        /// which holds whenever `total` is that sum rounded by any ``RoundingRule``. `denominator` is positive.
        static func apportion(_ total: Int64, shares: [Int128], denominator: Int128) throws(MoneyError) -> [Int64] {
            guard denominator > 0 else { throw .inconsistentRounding }
            var exactSum: Int128 = 0
            for share in shares {
                let (sum, overflow) = exactSum.addingReportingOverflow(share)
                guard !overflow else { throw .overflow }
                exactSum = sum
            }
            // Work on the positive side so that apportioning −x gives exactly −(apportioning x).
            let flip = total < 0 || (total == 0 && exactSum < 0)
            let target = flip ? -Int128(total) : Int128(total)
            var floors: [Int128] = []
            var remainders: [Int128] = []
            floors.reserveCapacity(shares.count)
            remainders.reserveCapacity(shares.count)
            var floorSum: Int128 = 0
            for share in shares {
                let numerator = flip ? -share : share
                var quotient = numerator / denominator
                var remainder = numerator % denominator
                if remainder < 0 {
                    quotient -= 1
                    remainder += denominator
                }
                floors.append(quotient)
                remainders.append(remainder)
                let (sum, overflow) = floorSum.addingReportingOverflow(quotient)
                guard !overflow else { throw .overflow }
                floorSum = sum
            }
            let leftover = target - floorSum
            guard leftover >= 0 && leftover <= Int128(shares.count) else { throw .inconsistentRounding }
            let order = shares.indices.sorted { first, second in
                remainders[first] != remainders[second] ? remainders[first] > remainders[second] : first < second
            }
            for position in order.prefix(Int(leftover)) {
                floors[position] += 1
            }
            var result: [Int64] = []
            result.reserveCapacity(floors.count)
            for part in floors {
                guard let exact = Int64(exactly: flip ? -part : part) else { throw .overflow }
                result.append(exact)
            }
            return result
        }
    }
}
