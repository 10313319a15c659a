/// The character between the whole and the fractional digits of typed or printed amounts.
public enum DecimalSeparator: Hashable, Sendable {
    /// `12.34`
    case point
    /// `12,34`
    case comma

    var byte: UInt8 { self == .point ? UInt8(ascii: ".") : UInt8(ascii: ",") }
}

extension Money {
    /// A decimal number as typed: an optional sign, digits, and at most one separator, with no exponent,
    /// no thousands separators and nothing else, so that what a clerk types is never guessed at.
    struct DecimalInput {
        enum Failure: Error {
            case empty, malformed, needsRounding, tooLarge
        }

        let isNegative: Bool
        let integerDigits: [UInt8]
        let fractionDigits: [UInt8]

        /// Reads `text`, ignoring spaces around it; ".5" and "5." are accepted, "." and "1.2.3" are not.
        init(_ text: some StringProtocol, separator: DecimalSeparator) throws(Failure) {
            var bytes = Array(text.utf8)[...]
            while bytes.first == UInt8(ascii: " ") { bytes.removeFirst() }
            while bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
            guard !bytes.isEmpty else { throw .empty }
            var negative = false
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                negative = sign == UInt8(ascii: "-")
                bytes.removeFirst()
            }
            var whole: [UInt8] = []
            var fraction: [UInt8] = []
            var seenSeparator = false
            for byte in bytes {
                if byte == separator.byte && !seenSeparator {
                    seenSeparator = true
                } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    let digit = byte - UInt8(ascii: "0")
                    if seenSeparator { fraction.append(digit) } else { whole.append(digit) }
                } else {
                    throw .malformed
                }
            }
            guard !whole.isEmpty || !fraction.isEmpty else { throw .malformed }
            isNegative = negative
            integerDigits = whole
            fractionDigits = fraction
        }

        /// The number times 10^`scale` as a whole number, rounding by `rounding` when non-zero digits lie
        /// beyond `scale`; trailing zeros beyond it are exact and need no rule.
        func scaled(by scale: Int, rounding: RoundingRule?) throws(Failure) -> Int64 {
            var magnitude: UInt64 = 0
            func append(_ digit: UInt8) throws(Failure) {
                let (times10, overflowA) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflowB) = times10.addingReportingOverflow(UInt64(digit))
                guard !overflowA && !overflowB else { throw .tooLarge }
                magnitude = sum
            }
            for digit in integerDigits { try append(digit) }
            for position in 0..<scale {
                try append(position < fractionDigits.count ? fractionDigits[position] : 0)
            }
            let dropped = fractionDigits.dropFirst(scale)
            let fraction = Self.classify(dropped)
            if fraction != .none {
                guard let rounding else { throw .needsRounding }
                if rounding.incrementsMagnitude(dropping: fraction, truncatedIsOdd: magnitude & 1 == 1) {
                    let (next, overflow) = magnitude.addingReportingOverflow(1)
                    guard !overflow else { throw .tooLarge }
                    magnitude = next
                }
            }
            guard let value = RoundingRule.int64(magnitude: UInt128(magnitude), isNegative: isNegative) else {
                throw .tooLarge
            }
            return value
        }

        /// `value` × 10^−`places` written out with `separator`, such as "-0.05" for −5 at 2 places.
        static func text(for value: Int64, places: Int, separator: DecimalSeparator) -> String {
            var digits = String(value.magnitude)
            if places > 0 {
                if digits.count <= places {
                    digits = String(repeating: "0", count: places - digits.count + 1) + digits
                }
                let split = digits.index(digits.endIndex, offsetBy: -places)
                digits.insert(Character(UnicodeScalar(separator.byte)), at: split)
            }
            return value < 0 ? "-" + digits : digits
        }

        /// Where the digits `dropped` (read as 0.d₁d₂…) lie between 0 and 1.
        private static func classify(_ dropped: ArraySlice<UInt8>) -> RoundingRule.DroppedFraction {
            guard let first = dropped.first else { return .none }
            let restIsZero = dropped.dropFirst().allSatisfy { $0 == 0 }
            switch first {
            case 0: return restIsZero ? .none : .belowHalf
            case 1...4: return .belowHalf
            case 5: return restIsZero ? .half : .aboveHalf
            default: return .aboveHalf
            }
        }
    }
}
