import GRDB
import TallyCore

/// A product as the station's catalog holds it, for loading a catalog (by sync, a demo, or a benchmark).
public struct CatalogProduct: Hashable, Sendable {
    public var id: String
    public var name: String
    public var unit: SaleUnit
    public var taxClassID: String
    /// Per piece, or per kilogram for items sold by weight.
    public var price: Money
    /// GTIN-14 digits for GTINs, the lookup code for price- and weight-embedded items, or the text of a label.
    public var barcodes: [String]

    public init(id: String, name: String, unit: SaleUnit, taxClassID: String, price: Money, barcodes: [String]) {
        self.id = id
        self.name = name
        self.unit = unit
        self.taxClassID = taxClassID
        self.price = price
        self.barcodes = barcodes
    }
}

/// A catalog entry that cannot be stored, and why.
public struct CatalogError: Error, CustomStringConvertible {
    public let description: String
}

extension StationDatabase {
    /// Stores tax classes, and products with their barcodes and a price valid from `validFrom`, replacing what
    /// the catalog held for the same ids. One transaction; an invalid entry stores nothing.
    public func upsertCatalog(
        taxClasses: [TaxClass], standardTaxClassID: String?, products: [CatalogProduct], validFrom: Int64 = 0
    ) throws {
        try pool.write { db in
            for taxClass in taxClasses {
                let (treatment, rate) = Self.storedTreatment(taxClass.treatment)
                try db.execute(
                    sql: """
                        INSERT INTO tax_classes (id, name, treatment, rate_ppm, is_standard) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(id) DO UPDATE SET name = excluded.name, treatment = excluded.treatment,
                            rate_ppm = excluded.rate_ppm, is_standard = excluded.is_standard
                        """,
                    arguments: [taxClass.id, taxClass.name, treatment, rate, taxClass.id == standardTaxClassID])
            }
            let product = try db.cachedStatement(
                sql: """
                    INSERT INTO products (id, name, unit, tax_class_id) VALUES (?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, unit = excluded.unit,
                        tax_class_id = excluded.tax_class_id, active = 1
                    """)
            let price = try db.cachedStatement(
                sql: """
                    INSERT INTO prices (product_id, valid_from, amount_minor, currency) VALUES (?, ?, ?, ?)
                    ON CONFLICT(product_id, valid_from) DO UPDATE SET amount_minor = excluded.amount_minor,
                        currency = excluded.currency
                    """)
            let barcode = try db.cachedStatement(
                sql: """
                    INSERT INTO barcodes (code, product_id) VALUES (?, ?)
                    ON CONFLICT(code) DO UPDATE SET product_id = excluded.product_id
                    """)
            for entry in products {
                guard !entry.id.isEmpty, !entry.name.isEmpty else {
                    throw CatalogError(description: "product \(entry.id.debugDescription) needs an id and a name")
                }
                guard !entry.price.isNegative else {
                    throw CatalogError(description: "product \(entry.id) has a negative price")
                }
                try product.execute(arguments: [entry.id, entry.name, entry.unit.rawValue, entry.taxClassID])
                try price.execute(arguments: [entry.id, validFrom, entry.price.minorUnits, entry.price.currency.code])
                for code in entry.barcodes {
                    try barcode.execute(arguments: [code, entry.id])
                }
            }
        }
    }

    /// The item a code stands for, priced as of `time`, or nil when the catalog does not know the code.
    ///
    /// It reads on the writer connection, as a scan's own lookup does inside its transaction: that
    /// connection's page cache survives its commits, where a WAL reader's is dropped by every commit it sees.
    public func lookup(code: String, at time: Int64, currency: Currency) throws -> CatalogItem? {
        try pool.writeWithoutTransaction { db in try Self.lookup(db, code: code, at: time, currency: currency) }
    }

    static func lookup(_ db: Database, code: String, at time: Int64, currency: Currency) throws -> CatalogItem? {
        let statement = try db.cachedStatement(
            sql: """
                SELECT p.id, p.name, p.unit, t.id, t.name, t.treatment, t.rate_ppm,
                    (SELECT amount_minor FROM prices WHERE product_id = p.id AND valid_from <= ?
                     ORDER BY valid_from DESC LIMIT 1)
                FROM barcodes b JOIN products p ON p.id = b.product_id JOIN tax_classes t ON t.id = p.tax_class_id
                WHERE b.code = ? AND p.active = 1
                """)
        guard let row = try Row.fetchOne(statement, arguments: [time, code]),
            let priceMinor = row[7] as Int64?
        else { return nil }
        return CatalogItem(
            productID: row[0], name: row[1], unit: SaleUnit(rawValue: row[2]) ?? .piece,
            unitPrice: Money(minorUnits: priceMinor, currency: currency),
            taxClass: taxClass(id: row[3], name: row[4], treatment: row[5], ratePPM: row[6]))
    }

    /// The tax class flagged as the shop's standard one, for items priced by hand.
    public func standardTaxClass() throws -> TaxClass? {
        try pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, name, treatment, rate_ppm FROM tax_classes WHERE is_standard = 1 LIMIT 1"
            ).map { Self.taxClass(id: $0[0], name: $0[1], treatment: $0[2], ratePPM: $0[3]) }
        }
    }

    /// The number of products the catalog holds.
    public func productCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products") ?? 0 }
    }

    static func storedTreatment(_ treatment: TaxTreatment) -> (String, Int64) {
        switch treatment {
        case .taxed(let rate): ("taxed", rate.partsPerMillion)
        case .exempt: ("exempt", 0)
        case .outsideScope: ("outside", 0)
        }
    }

    static func taxClass(id: String, name: String, treatment: String, ratePPM: Int64) -> TaxClass {
        let stored: TaxTreatment =
            switch treatment {
            case "exempt": .exempt
            case "outside": .outsideScope
            default: .taxed(TaxRate(partsPerMillion: ratePPM) ?? .zero)
            }
        return TaxClass(id: id, name: name, treatment: stored)
    }

    /// Makes sure the locations the station books against exist.
    public func ensureLocations(_ locations: [(id: String, name: String, kind: String)]) throws {
        try pool.write { db in
            for location in locations {
                try db.execute(
                    sql: "INSERT INTO locations (id, name, kind) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING",
                    arguments: [location.id, location.name, location.kind])
            }
        }
    }

    /// Replaces the operators the configuration names; those central sent stay, unless the configuration names
    /// the same id.
    public func replaceOperators(_ operators: [(id: String, name: String, role: String, pinHash: String)]) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM operators WHERE source = 'configuration'")
            for person in operators {
                try db.execute(
                    sql: """
                        INSERT INTO operators (id, name, role, pin_hash, source) VALUES (?, ?, ?, ?, 'configuration')
                        ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role,
                            pin_hash = excluded.pin_hash, source = 'configuration'
                        """,
                    arguments: [person.id, person.name, person.role, person.pinHash])
            }
        }
    }

    /// An operator and their PIN hash.
    public func operatorRecord(id: String) throws -> (Operator, pinHash: String)? {
        try pool.read { db in try Self.operatorRecord(id: id, db) }
    }

    static func operatorRecord(id: String, _ db: Database) throws -> (Operator, pinHash: String)? {
        try Row.fetchOne(db, sql: "SELECT id, name, role, pin_hash FROM operators WHERE id = ?", arguments: [id])
            .map { (Operator(id: $0[0], name: $0[1], role: $0[2]), $0[3]) }
    }
}
