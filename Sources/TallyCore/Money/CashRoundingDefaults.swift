/// A country's usual rounding of cash payments, with the date it began and where it is laid down.
public struct CashRoundingDefault: Hashable, Sendable {
    /// ISO 3166-1 alpha-2 code, such as "CH".
    public let country: String
    public let rounding: CashRounding
    /// When the rounding started, as an ISO 8601 date.
    public let since: String
    /// The organisation and document that state the rule.
    public let source: String

    init?(
        _ country: String, _ currencyCode: String, step: Int64, _ rule: RoundingRule, since: String, _ source: String
    ) {
        guard let currency = Currency(code: currencyCode),
            let rounding = try? CashRounding(increment: Money(minorUnits: step, currency: currency), rule: rule)
        else { return nil }
        self.country = country
        self.rounding = rounding
        self.since = since
        self.source = source
    }
}

extension CashRounding {
    /// The usual cash rounding of a country (ISO 3166-1 alpha-2, upper case), or nil if Tally knows none.
    ///
    /// Where the law leaves rounding voluntary (IE, CA, NZ) this is the recommended practice; a shop may
    /// configure its own.
    public static func standard(forCountry country: String) -> CashRounding? {
        knownDefaults.first { $0.country == country }?.rounding
    }

    /// Countries whose cash rounding Tally knows, with sources. Amounts ending exactly half-way occur only
    /// for SE, NO (50 öre/øre: up), DK (25 and 75 øre: up) and NZ (5 cents: down).
    public static let knownDefaults: [CashRoundingDefault] = [
        CashRoundingDefault(
            "AU", "AUD", step: 5, .halfAwayFromZero, since: "1992-02-01",
            "Reserve Bank of Australia: 1 and 2 cent coins withdrawn in 1992; cash totals rounded to 5 cents"),
        CashRoundingDefault(
            "BE", "EUR", step: 5, .halfAwayFromZero, since: "2019-12-01",
            "Belgian Code of Economic Law art. VI.7/1; FPS Economy, 'Mandatory rounding of cash payments'"),
        CashRoundingDefault(
            "CA", "CAD", step: 5, .halfAwayFromZero, since: "2013-02-04",
            "Department of Finance Canada, Budget 2012 rounding guideline for cash transactions"),
        CashRoundingDefault(
            "CH", "CHF", step: 5, .halfAwayFromZero, since: "2007-01-01",
            "Swiss Federal Council: 1-centime coin withdrawn from 1 January 2007; 5 centimes is the smallest coin"),
        CashRoundingDefault(
            "DK", "DKK", step: 50, .halfAwayFromZero, since: "2008-10-01",
            "Danmarks Nationalbank: abolition of the 25-øre coin; .01-.24 down, .25-.74 to .50, .75-.99 up"),
        CashRoundingDefault(
            "EE", "EUR", step: 5, .halfAwayFromZero, since: "2025-01-01",
            "Estonian law on rounding cash payments to the nearest 5 cents, in force from 1 January 2025"),
        CashRoundingDefault(
            "FI", "EUR", step: 5, .halfAwayFromZero, since: "2002-01-01",
            "Finnish statutory rounding of cash totals to 5 cents since the euro changeover (Bank of Finland)"),
        CashRoundingDefault(
            "IE", "EUR", step: 5, .halfAwayFromZero, since: "2015-10-28",
            "Central Bank of Ireland, national rounding initiative (voluntary for retailers)"),
        CashRoundingDefault(
            "NL", "EUR", step: 5, .halfAwayFromZero, since: "2004-09-01",
            "Government of the Netherlands (Rijksoverheid): cash totals rounded to 0 or 5 cents"),
        CashRoundingDefault(
            "NO", "NOK", step: 100, .halfAwayFromZero, since: "2012-05-01",
            "Norges Bank, regulation of 16 March 2011 no. 294 § 2: 1-49 øre down, 50-99 øre up"),
        CashRoundingDefault(
            "NZ", "NZD", step: 10, .halfTowardZero, since: "2006-11-01",
            "Reserve Bank of New Zealand coin change 2006; Retailers Association: 1-5 cents down, 6-9 up"),
        CashRoundingDefault(
            "SE", "SEK", step: 100, .halfAwayFromZero, since: "2010-10-01",
            "Sveriges riksbank: 50-öre coin withdrawn 30 September 2010; 1-49 öre down, 50-99 öre up"),
    ].compactMap { $0 }
}
