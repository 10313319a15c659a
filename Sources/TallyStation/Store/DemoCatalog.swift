import Foundation
import TallyCore
import TallySync

/// A made-up but realistic catalog for demonstrations and benchmarks: tax classes, everyday products with valid
/// GTIN-13s, and weighed items sold with scale labels. The same count gives the same catalog every time.
public enum DemoCatalog {
    /// Standard and reduced VAT, as a German shop has them.
    public static let taxClasses = [
        TaxClass.taxed(id: "standard", name: "Standard 19 %", rate: TaxRate(percent: 19) ?? .zero),
        TaxClass.taxed(id: "reduced", name: "Reduced 7 %", rate: TaxRate(percent: 7) ?? .zero),
    ]

    /// The first products, which the demo and the tests scan by name.
    public static let named: [(gtin: String, name: String, cents: Int64, tax: String)] = [
        ("4006381333931", "Ballpoint pen blue", 189, "standard"),
        ("4000417025005", "Dark chocolate 100 g", 129, "reduced"),
        ("4005500087397", "Sparkling water 1 l", 59, "reduced"),
        ("4008400402222", "Hazelnut spread 400 g", 349, "reduced"),
        ("4001686301265", "Gummy bears 200 g", 119, "reduced"),
        ("4002359013607", "Coffee beans 500 g", 899, "reduced"),
        ("4005808262441", "AA batteries 4 pack", 499, "standard"),
        ("4011200296908", "Dish soap 500 ml", 149, "standard"),
    ]

    /// Weighed items: the item reference of their German scale label (prefix 28, weight in grams) and the
    /// price per kilogram in cents.
    public static let weighed: [(reference: String, name: String, centsPerKilogram: Int64)] = [
        ("1234", "Gouda cheese", 1299),
        ("2345", "Apples", 299),
        ("3456", "Minced beef", 1190),
    ]

    /// `count` products (at least the named and weighed ones) in `currency`.
    public static func products(count: Int, currency: Currency) -> [CatalogProduct] {
        var products: [CatalogProduct] = []
        products.reserveCapacity(max(count, named.count + weighed.count))
        for (index, item) in named.enumerated() {
            products.append(
                CatalogProduct(
                    id: "P\(index + 1)", name: item.name, unit: .piece, taxClassID: item.tax,
                    price: Money(minorUnits: item.cents, currency: currency), barcodes: ["0" + item.gtin]))
        }
        for item in weighed {
            products.append(
                CatalogProduct(
                    id: "W\(item.reference)", name: item.name, unit: .weight, taxClassID: "reduced",
                    price: Money(minorUnits: item.centsPerKilogram, currency: currency),
                    barcodes: [lookupCode(reference: item.reference)]))
        }
        let nouns = ["Tea", "Pasta", "Rice", "Soap", "Candles", "Socks", "Notebook", "Yoghurt", "Flour", "Honey"]
        let adjectives = ["Organic", "Classic", "Fine", "Family", "Fresh", "Mild", "Strong", "Light"]
        var serial = 0
        while products.count < count {
            serial += 1
            let gtin = generatedGTIN(serial: serial)
            let name = "\(adjectives[serial % adjectives.count]) \(nouns[serial % nouns.count]) \(serial)"
            products.append(
                CatalogProduct(
                    id: "G\(serial)", name: name, unit: .piece, taxClassID: serial % 3 == 0 ? "standard" : "reduced",
                    price: Money(minorUnits: Int64(49 + (serial * 37) % 2000), currency: currency),
                    barcodes: ["0" + gtin]))
        }
        return products
    }

    /// The GTIN-13 of the `serial`th generated product, as a scanner reads it; prefix 42 lies in Germany's
    /// range (400–440), for made-up companies' items.
    public static func generatedGTIN(serial: Int) -> String {
        let payload = "42" + String(serial).leftPadded(to: 10)
        return payload + String(UnicodeScalar(GS1CheckDigit.compute(for: Array(payload.utf8)) ?? 48))
    }

    /// The scale label of a weighed item: prefix 28, item reference, price check digit, grams, check digit.
    public static func scaleLabel(reference: String, grams: Int) -> String {
        let weight = String(grams).leftPadded(to: 5)
        let verifier = String(UnicodeScalar(PriceCheckDigit.compute(for: Array(weight.utf8)) ?? 48))
        let payload = "28" + reference + verifier + weight
        return payload + String(UnicodeScalar(GS1CheckDigit.compute(for: Array(payload.utf8)) ?? 48))
    }

    /// The catalog key of a weighed item: its scale label with the weight zeroed, as GTIN-14.
    static func lookupCode(reference: String) -> String {
        "0" + scaleLabel(reference: reference, grams: 0)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

extension DemoCatalog {
    /// The demo catalog as central's records: the tax classes (standard flagged) then `count` products, for
    /// `tally-central catalog import` and for sync tests and benchmarks.
    public static func records(count: Int, currency: Currency) -> [CatalogRecord] {
        var records: [CatalogRecord] = taxClasses.map { taxClass in
            let (treatment, rate) = StationDatabase.storedTreatment(taxClass.treatment)
            return .taxClass(
                TaxClassRecord(
                    id: taxClass.id, name: taxClass.name, treatment: treatment, ratePPM: rate,
                    isStandard: taxClass.id == "standard"))
        }
        for product in products(count: count, currency: currency) {
            records.append(
                .product(
                    ProductRecord(
                        id: product.id, name: product.name, unit: product.unit.rawValue,
                        taxClassID: product.taxClassID, barcodes: product.barcodes,
                        prices: [
                            PriceRecord(validFrom: 0, amount: product.price.minorUnits, currency: currency.code)
                        ])))
        }
        return records
    }

    /// The records as lines of a catalog file: `{"kind": …, "record": …}`.
    public static func jsonLines(_ records: [CatalogRecord]) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out: [UInt8] = []
        for record in records {
            out.append(contentsOf: #"{"kind":"\#(record.kind.rawValue)","record":"#.utf8)
            out.append(contentsOf: try encoder.encode(record))
            out.append(contentsOf: "}\n".utf8)
        }
        return out
    }
}
