/// A date from a GS1 value. Day 00 (allowed in best-before and expiry dates) means only the month is given.
public struct GS1Date: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    /// The day of the month, or nil when the code gives day 00.
    public let day: Int?

    /// The last day the date covers: the day itself, or for a month-only date the month's last day, which is how
    /// GS1 asks expiry and best-before dates with day 00 to be read.
    public var lastDay: Int { day ?? GS1Date.daysInMonth(month, year: year) }

    /// ISO 8601: `2026-12-31`, or `2026-12` for a month-only date.
    public var description: String {
        let month = self.month < 10 ? "0\(self.month)" : "\(self.month)"
        guard let day else { return "\(year)-\(month)" }
        return "\(year)-\(month)-" + (day < 10 ? "0\(day)" : "\(day)")
    }

    public static func < (lhs: GS1Date, rhs: GS1Date) -> Bool {
        (lhs.year, lhs.month, lhs.lastDay) < (rhs.year, rhs.month, rhs.lastDay)
    }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The full year for a two-digit year, by the sliding window of GS1 General Specifications §7.12: up to 50
    /// years back and 49 years ahead of `referenceYear`.
    public static func fullYear(twoDigitYear: Int, referenceYear: Int) -> Int {
        let century = referenceYear - referenceYear % 100
        let difference = twoDigitYear - referenceYear % 100
        if difference >= 51 { return century - 100 + twoDigitYear }
        if difference <= -50 { return century + 100 + twoDigitYear }
        return century + twoDigitYear
    }
}

extension GS1Element {
    /// The date the value holds (its first date component), for dates such as (11), (15), (17) and (7003); nil for
    /// other AIs. `referenceYear` is the current year, which decides the century of a two-digit year.
    public func date(referenceYear: Int) -> GS1Date? {
        var offset = 0
        let digits = Array(value.utf8)
        for component in definition.components {
            let isTwoDigitYear = component.linters.contains(.yymmd0) || component.linters.contains(.yymmdd)
            if isTwoDigitYear || component.linters.contains(.yyyymmdd) {
                let width = isTwoDigitYear ? 6 : 8
                guard digits.count >= offset + width else { return nil }
                let field = digits[offset..<offset + width].map { Int($0) - 48 }
                let year =
                    isTwoDigitYear
                    ? GS1Date.fullYear(twoDigitYear: field[0] * 10 + field[1], referenceYear: referenceYear)
                    : field[0] * 1000 + field[1] * 100 + field[2] * 10 + field[3]
                let month = field[width - 4] * 10 + field[width - 3]
                let day = field[width - 2] * 10 + field[width - 1]
                return GS1Date(year: year, month: month, day: day == 0 ? nil : day)
            }
            offset += component.maxLength
        }
        return nil
    }

    /// The number of decimal places the AI's last digit implies, for measures (310n–369n) and amounts, prices and
    /// percentages (390n–395n); nil for other AIs.
    public var impliedDecimalPlaces: Int? {
        let digits = Array(ai.utf8)
        guard digits.count == 4 else { return nil }
        let prefix = Int(decimalValue(of: digits[0..<3]))
        guard (310...369).contains(prefix) || (390...395).contains(prefix) else { return nil }
        return Int(digits[3] - 48)
    }

    /// The ISO 4217 currency that amounts and prices with a currency (391n, 393n) carry in their first component.
    public var currency: Currency? {
        guard impliedDecimalPlaces != nil, ai.hasPrefix("391") || ai.hasPrefix("393") else { return nil }
        return Currency(numericCode: Int(decimalValue(of: value.utf8.prefix(3))))
    }

    /// The digits of a measure or amount, without the currency code of 391n and 393n.
    var amountDigits: Substring.UTF8View {
        currency != nil ? value.dropFirst(3).utf8 : value[...].utf8
    }

    /// The decimal number a measure or amount AI holds, with its implied decimal point: `(3103)001750` is
    /// `1.750`; nil for other AIs.
    public var decimalText: String? {
        guard let places = impliedDecimalPlaces else { return nil }
        var digits = Array(amountDigits)
        if digits.count <= places {
            digits.insert(contentsOf: repeatElement(48, count: places + 1 - digits.count), at: 0)
        }
        while digits.count - places > 1 && digits.first == 48 { digits.removeFirst() }
        if places == 0 { return String(decoding: digits, as: UTF8.self) }
        digits.insert(UInt8(ascii: "."), at: digits.count - places)
        return String(decoding: digits, as: UTF8.self)
    }

    /// The unit of a measure AI (`kg`, `m`, `l`, `lb` …), from GS1's titles; nil for other AIs.
    public var measureUnit: String? {
        guard impliedDecimalPlaces != nil, ai.utf8.first == UInt8(ascii: "3"), !ai.hasPrefix("39") else { return nil }
        return GS1Element.units[String(ai.prefix(3))]
    }

    private static let units: [String: String] = [
        "310": "kg", "311": "m", "312": "m", "313": "m", "314": "m²", "315": "l", "316": "m³",
        "320": "lb", "321": "in", "322": "ft", "323": "yd", "324": "in", "325": "ft", "326": "yd", "327": "in",
        "328": "ft", "329": "yd", "330": "kg", "331": "m", "332": "m", "333": "m", "334": "m²", "335": "l",
        "336": "m³", "337": "kg/m²", "340": "lb", "341": "in", "342": "ft", "343": "yd", "344": "in", "345": "ft",
        "346": "yd", "347": "in", "348": "ft", "349": "yd", "350": "in²", "351": "ft²", "352": "yd²", "353": "in²",
        "354": "ft²", "355": "yd²", "356": "troy oz", "357": "oz", "360": "qt", "361": "gal", "362": "qt",
        "363": "gal", "364": "in³", "365": "ft³", "366": "yd³", "367": "in³", "368": "ft³", "369": "yd³",
    ]

    /// The net weight of a variable-measure item, AI 310n, in whole grams; nil for other AIs and for weights
    /// finer than a gram, which are never rounded silently.
    public var netWeightGrams: Int64? {
        guard ai.hasPrefix("310"), let places = impliedDecimalPlaces else { return nil }
        return GS1Element.rescale(Int64(decimalValue(of: amountDigits)), from: places, to: 3)
    }

    /// The price payable of a single item (392n in `localCurrency`, 393n in its own currency) in minor units;
    /// nil for other AIs, without a currency, or when the price has more decimals than the currency's minor unit.
    public func price(localCurrency: Currency?) -> Money? {
        guard ai.hasPrefix("392") || ai.hasPrefix("393"), let places = impliedDecimalPlaces,
            let currency = currency ?? (ai.hasPrefix("392") ? localCurrency : nil)
        else { return nil }
        let digits = amountDigits
        guard digits.count <= 18 else { return nil }
        guard
            let minor = GS1Element.rescale(
                Int64(decimalValue(of: digits)), from: places, to: currency.minorUnitExponent)
        else { return nil }
        return Money(minorUnits: minor, currency: currency)
    }

    /// `amount` with `from` decimals as a whole number with `to` decimals, or nil when that would drop digits or
    /// overflow.
    static func rescale(_ amount: Int64, from: Int, to: Int) -> Int64? {
        var result = amount
        if from <= to {
            for _ in from..<to {
                let (product, overflow) = result.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                result = product
            }
            return result
        }
        for _ in to..<from {
            guard result % 10 == 0 else { return nil }
            result /= 10
        }
        return result
    }
}
