extension RestrictedCirculationRuleSet {
    /// Every rule set Tally ships, in the order of ``ShippedRuleSetDefinition/all``.
    ///
    /// docs/restricted-circulation-numbers.md gives each layout's published source, and says which could not be
    /// confirmed from the GS1 member organisation's own document.
    public static let shipped: [RestrictedCirculationRuleSet] = ShippedRuleSetDefinition.all.compactMap {
        // The definitions are constants; the tests check that every one of them builds.
        try? RestrictedCirculationRuleSet(
            countryCode: $0.countryCode, countryName: $0.countryName, variant: $0.variant,
            layoutTexts: $0.layoutTexts)
    }

    /// The shipped rule set for an ISO 3166-1 alpha-2 code, in any case, or nil if Tally ships none.
    ///
    /// Without `variant`, a country's first rule set is returned; for the United States that is the layout with a
    /// price check digit, because a code in the other layout then fails its price check instead of being misread.
    public static func forCountry(
        _ countryCode: some StringProtocol, variant: String? = nil
    ) -> RestrictedCirculationRuleSet? {
        let code = countryCode.uppercased()
        let wantedVariant = variant?.lowercased()
        return shipped.first { ruleSet in
            ruleSet.countryCode == code && (wantedVariant == nil || ruleSet.variant?.lowercased() == wantedVariant)
        }
    }
}

/// The text of one shipped rule set.
struct ShippedRuleSetDefinition {
    let countryCode: String
    let countryName: String
    let variant: String?
    let layoutTexts: [String]

    static let all: [ShippedRuleSetDefinition] = [
        // GS1 Germany, "Globale Artikelnummer GTIN in der Anwendung", as read by jodal/biip src/biip/rcn.py:
        // 22–23 price in euro cents, 25–26 count, 28–29 weight in grams, each with a 5-digit price check digit.
        ShippedRuleSetDefinition(
            countryCode: "DE", countryName: "Germany", variant: nil,
            layoutTexts: [
                "22IIIIVPPPPPC EUR 2",
                "23IIIIVPPPPPC EUR 2",
                "25IIIIVNNNNNC",
                "26IIIIVNNNNNC",
                "28IIIIVWWWWWC kg 3",
                "29IIIIVWWWWWC kg 3",
            ]),
        // GS1 UK, "How to barcode variable measure items": branded prefixes 20XXX and 28XXX, a two-digit item
        // reference, a price verifier digit and a 4-digit price in pence.
        ShippedRuleSetDefinition(
            countryCode: "GB", countryName: "the United Kingdom", variant: nil,
            layoutTexts: [
                "20IIIIIVPPPPC GBP 2",
                "28IIIIIVPPPPC GBP 2",
            ]),
        // Not confirmed from a GS1 France document: the price layout of the OCA/pos pos_price_to_weight example.
        ShippedRuleSetDefinition(
            countryCode: "FR", countryName: "France", variant: nil,
            layoutTexts: [
                "02IIIIIPPPPPC EUR 2"
            ]),
        // Not confirmed from a GS1 Nederland document, which names only prefix 23 for variable-weight codes; the
        // structure is GS1's item reference, price verifier digit and price (General Specifications §2.1.14.2).
        ShippedRuleSetDefinition(
            countryCode: "NL", countryName: "the Netherlands", variant: nil,
            layoutTexts: [
                "23IIIIIVPPPPC EUR 2"
            ]),
        // GS1 Sweden, "Variable weight number": prefix 2X, six digits of variable weight prefix and sequence
        // number, four digits of price in kronor (20–22) or weight in kilograms (23–25).
        ShippedRuleSetDefinition(
            countryCode: "SE", countryName: "Sweden", variant: nil,
            layoutTexts: [
                "20IIIIIIPPPPC SEK 2",
                "21IIIIIIPPPPC SEK 1",
                "22IIIIIIPPPPC SEK 0",
                "23IIIIIIWWWWC kg 3",
                "24IIIIIIWWWWC kg 2",
                "25IIIIIIWWWWC kg 1",
            ]),
        // Not confirmed from a GS1 Norway document: the Swedish layouts, which Norwegian retail codes follow.
        ShippedRuleSetDefinition(
            countryCode: "NO", countryName: "Norway", variant: nil,
            layoutTexts: [
                "20IIIIIIPPPPC NOK 2",
                "21IIIIIIPPPPC NOK 1",
                "22IIIIIIPPPPC NOK 0",
                "23IIIIIIWWWWC kg 3",
                "24IIIIIIWWWWC kg 2",
                "25IIIIIIWWWWC kg 1",
            ]),
        // UPC-A number system 2 (GTIN-13 prefix 02): 5 digits of item reference and a price in cents, either
        // 4 digits with a price verifier digit (UCC-12 Guideline #11, as quoted by retail-software manuals) or
        // 5 digits without, as some scales print.
        ShippedRuleSetDefinition(
            countryCode: "US", countryName: "the United States", variant: "4-digit-price",
            layoutTexts: [
                "02IIIIIVPPPPC USD 2"
            ]),
        ShippedRuleSetDefinition(
            countryCode: "US", countryName: "the United States", variant: "5-digit-price",
            layoutTexts: [
                "02IIIIIPPPPPC USD 2"
            ]),
    ]
}
