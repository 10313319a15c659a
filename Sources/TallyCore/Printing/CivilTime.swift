/// A date and time on the wall clock of a place: an instant in milliseconds since 1970 (UTC) shifted by the
/// place's offset from UTC, in the proleptic Gregorian calendar.
///
/// Receipts and reports print it as `2026-11-21 14:03`. The station passes the offset in force at the instant
/// (it knows the time zone rules), so this needs no time zone database.
public struct CivilTime: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    /// 1 to 12.
    public let month: Int
    /// 1 to 31.
    public let day: Int
    /// 0 to 23.
    public let hour: Int
    public let minute: Int
    public let second: Int

    /// The wall-clock time `offsetSeconds` east of UTC (negative west of it) at the instant.
    ///
    /// Instants before 1970 are negative and round towards the past, so -1 ms is 23:59:59 on 1969-12-31.
    public init(millisecondsSince1970 milliseconds: Int64, offsetSeconds: Int) {
        // Int128 holds the sum of any two inputs, so no instant or offset can overflow.
        let seconds = Self.floorDivide(Int128(milliseconds), 1000) + Int128(offsetSeconds)
        let days = Self.floorDivide(seconds, 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        (year, month, day) = Self.civil(fromDays: Int(days))
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
    }

    /// `2026-11-21 14:03`: year, month, day, hour and minute, as receipts print it.
    public var description: String {
        let year = year < 0 ? "-" + Self.padded(-year, 4) : Self.padded(year, 4)
        let date = "\(year)-\(Self.padded(month, 2))-\(Self.padded(day, 2))"
        return "\(date) \(Self.padded(hour, 2)):\(Self.padded(minute, 2))"
    }

    /// Year, month and day of a count of days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    ///
    /// The calendar is counted in 400-year eras starting on 1 March, so that the leap day ends a year.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 of a date (Howard Hinnant's `days_from_civil`), the inverse of ``civil(fromDays:)``.
    static func days(fromYear year: Int, month: Int, day: Int) -> Int {
        let year = month <= 2 ? year - 1 : year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func floorDivide(_ value: Int128, _ divisor: Int128) -> Int128 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
