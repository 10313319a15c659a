import Foundation
import TallyCore
import TallySync

/// The catalog and the parties the back office keeps: what each holds, who may see and change it, and where it is
/// stored. Products, locations and tax classes reach the stations as catalog records; the rest stays at central.
public enum RecordKinds {
    public static let all: [RecordKind] = [
        product, category, taxClass, location, warehouse, supplier, customer,
    ]

    public static func named(_ name: String) -> RecordKind? { all.first { $0.name == name } }

    static let code = RecordField(
        "id", "Code", .text(maximum: 64), .column("id"),
        hint: "Letters, digits, dots, hyphens, underscores; left empty, one is made up")
    static func name(_ storage: FieldStorage) -> RecordField {
        RecordField("name", "Name", .text(maximum: 200), storage, required: true)
    }

    static func choices(_ pairs: [(String, String)]) -> FieldKind {
        .choice(pairs.map { FieldKind.Choice(value: $0.0, title: $0.1) })
    }

    // MARK: Catalog

    public static let product = RecordKind(
        name: "product", title: "Product", plural: "products", pluralTitle: "Products",
        summary: "Items, prices, barcodes, reorder points", view: .viewCatalog, edit: .editCatalog,
        fields: [
            code, name(.record(sortKey: "name")),
            RecordField("description", "Description", .multiline(maximum: 2000), .column("description")),
            RecordField("category", "Category", .reference("category"), .column("category_id")),
            RecordField(
                "unit", "Sold by", choices([("piece", "the piece"), ("weight", "weight (prices per kg)")]),
                .record(sortKey: "unit"), required: true, defaultValue: "piece"),
            RecordField(
                "taxClass", "Tax class", .reference("tax-class"), .record(sortKey: "taxClassID"), required: true),
            RecordField(
                "sellingPrice", "Selling price", .money, .record(sortKey: nil), hint: "Per kg for items sold by weight"),
            RecordField("purchasePrice", "Purchase price", .money, .column("purchase_price")),
            RecordField(
                "barcodes", "Barcodes", .codes, .record(sortKey: "barcodes"),
                hint: "One per line: GTINs (EAN-13, UPC-A, EAN-8, GTIN-14) or the text of a store label"),
            RecordField(
                "reorderPoint", "Reorder point", .integer(0...1_000_000_000), .column("reorder_point"),
                hint: "Pieces, or grams for items sold by weight: order more when on hand and on order fall below"),
            RecordField(
                "reorderQuantity", "Reorder quantity", .integer(1...1_000_000_000), .column("reorder_quantity")),
            RecordField(
                "preferredSupplier", "Preferred supplier", .reference("supplier"), .column("preferred_supplier_id")),
            RecordField("active", "On sale", .flag, .record(sortKey: nil), defaultValue: .integer(1)),
        ],
        listed: ["category", "sellingPrice", "barcodes", "active"], idPrefix: "P-", table: nil,
        feed: FeedBinding(
            kind: .product, details: "product_details",
            read: { payload, now in
                let record = try JSONDecoder().decode(ProductRecord.self, from: Data(payload.utf8))
                let price = record.prices.filter { $0.validFrom <= now }.max { $0.validFrom < $1.validFrom }
                return [
                    "name": .text(record.name), "unit": .text(record.unit), "taxClass": .text(record.taxClassID),
                    "sellingPrice": DBValue(price?.amount),
                    "barcodes": record.barcodes.isEmpty ? .null : .text(record.barcodes.joined(separator: "\n")),
                    "active": DBValue(record.active),
                ]
            },
            make: { values, stored, now, currency in
                var prices: [PriceRecord] = []
                if let stored { prices = try JSONDecoder().decode(ProductRecord.self, from: Data(stored.utf8)).prices }
                if let amount = values["sellingPrice"]?.integerValue {
                    let current = prices.filter { $0.validFrom <= now }.max { $0.validFrom < $1.validFrom }
                    if current?.amount != amount || current?.currency != currency.code {
                        // A new price from now on: the history stays, and prices planned for later still apply.
                        prices.removeAll { $0.validFrom == now }
                        prices.append(PriceRecord(validFrom: now, amount: amount, currency: currency.code))
                        prices.sort { $0.validFrom < $1.validFrom }
                    }
                }
                return .product(
                    ProductRecord(
                        id: values["id"]?.textValue ?? "", name: values["name"]?.textValue ?? "",
                        unit: values["unit"]?.textValue ?? "piece", taxClassID: values["taxClass"]?.textValue ?? "",
                        active: values["active"]?.integerValue == 1,
                        barcodes: FieldText.codes(values["barcodes"]?.textValue ?? ""), prices: prices))
            }),
        check: { values, _, db in
            // A barcode sells one product: another product that has it would make a scan ambiguous.
            var errors: [String: String] = [:]
            let id = values["id"]?.textValue ?? ""
            for code in FieldText.codes(values["barcodes"]?.textValue ?? "") {
                let candidates = try db.query(
                    "SELECT key, payload FROM catalog WHERE kind = 'product' AND payload LIKE ? ESCAPE '\\' AND key <> ?",
                    .text("%\"" + ListQuery.escapedForLike(code) + "\"%"), .text(id))
                for row in candidates {
                    guard let payload = row.text("payload"),
                        let other = try? JSONDecoder().decode(ProductRecord.self, from: Data(payload.utf8)),
                        other.barcodes.contains(code)
                    else { continue }
                    errors["barcodes"] = "\(code) is a barcode of \(other.name) (\(other.id)) already"
                }
            }
            if values["sellingPrice"] == .null, let id = values["id"]?.textValue,
                try db.first("SELECT 1 AS found FROM catalog WHERE kind = 'product' AND key = ?", .text(id)) == nil
            {
                errors["sellingPrice"] = "enter the price a till charges"
            }
            return errors
        })

    public static let category = RecordKind(
        name: "category", title: "Category", plural: "categories", pluralTitle: "Categories",
        summary: "How products are grouped", view: .viewCatalog, edit: .editCatalog,
        fields: [
            code, name(.column("name")),
            RecordField("parent", "Part of", .reference("category"), .column("parent_id")),
        ],
        listed: ["parent"], idPrefix: "CAT-", table: "categories",
        check: { values, _, db in
            // A category may not end up inside itself.
            guard let id = values["id"]?.textValue, var parent = values["parent"]?.textValue else { return [:] }
            var seen: Set<String> = []
            while seen.insert(parent).inserted {
                if parent == id { return ["parent": "a category cannot be part of itself"] }
                guard
                    let next = try db.first("SELECT parent_id FROM categories WHERE id = ?", .text(parent))?
                        .text("parent_id")
                else { break }
                parent = next
            }
            return [:]
        })

    public static let taxClass = RecordKind(
        name: "tax-class", title: "Tax class", plural: "tax-classes", pluralTitle: "Tax classes",
        summary: "How sales are taxed", view: .viewCatalog, edit: .editCatalog,
        fields: [
            code, name(.record(sortKey: "name")),
            RecordField(
                "treatment", "Treatment",
                choices([("taxed", "taxed"), ("exempt", "exempt"), ("outside", "outside the scope of the tax")]),
                .record(sortKey: "treatment"), required: true, defaultValue: "taxed"),
            RecordField("rate", "Rate (%)", .percent, .record(sortKey: nil), required: true, defaultValue: 0),
            RecordField(
                "standard", "Standard class", .flag, .record(sortKey: nil),
                hint: "Used for items the catalog does not know"),
        ],
        listed: ["treatment", "rate", "standard"], idPrefix: "TAX-", table: nil,
        feed: FeedBinding(
            kind: .taxClass, details: nil,
            read: { payload, _ in
                let record = try JSONDecoder().decode(TaxClassRecord.self, from: Data(payload.utf8))
                return [
                    "name": .text(record.name), "treatment": .text(record.treatment), "rate": .integer(record.ratePPM),
                    "standard": DBValue(record.isStandard),
                ]
            },
            make: { values, _, _, _ in
                .taxClass(
                    TaxClassRecord(
                        id: values["id"]?.textValue ?? "", name: values["name"]?.textValue ?? "",
                        treatment: values["treatment"]?.textValue ?? "taxed",
                        ratePPM: values["rate"]?.integerValue ?? 0, isStandard: values["standard"]?.integerValue == 1))
            }))

    public static let location = RecordKind(
        name: "location", title: "Location", plural: "locations", pluralTitle: "Locations",
        summary: "Shop floors, stockrooms, docks, shelves", view: .viewCatalog, edit: .editCatalog,
        fields: [
            code, name(.record(sortKey: "name")),
            RecordField(
                "kind", "Kind",
                choices([
                    ("sales", "sales floor"), ("storage", "storage"), ("receiving", "receiving dock"),
                    ("shelf", "shelf"),
                ]),
                .record(sortKey: "kind"), required: true, defaultValue: "storage"),
            RecordField("warehouse", "Warehouse", .reference("warehouse"), .column("warehouse_id")),
        ],
        listed: ["kind", "warehouse"], idPrefix: "LOC-", table: nil,
        feed: FeedBinding(
            kind: .location, details: "location_details",
            read: { payload, _ in
                let record = try JSONDecoder().decode(LocationRecord.self, from: Data(payload.utf8))
                return ["name": .text(record.name), "kind": .text(record.kind)]
            },
            make: { values, _, _, _ in
                .location(
                    LocationRecord(
                        id: values["id"]?.textValue ?? "", name: values["name"]?.textValue ?? "",
                        kind: values["kind"]?.textValue ?? "storage"))
            }))

    public static let warehouse = RecordKind(
        name: "warehouse", title: "Warehouse", plural: "warehouses", pluralTitle: "Warehouses",
        summary: "Sites that hold locations", view: .viewCatalog, edit: .editCatalog,
        fields: [
            code, name(.column("name")),
            RecordField("address", "Address", .multiline(maximum: 500), .column("address")),
        ],
        listed: ["address"], idPrefix: "WH-", table: "warehouses")

    // MARK: Parties

    static func contactFields() -> [RecordField] {
        [
            RecordField("contactName", "Contact person", .text(maximum: 200), .column("contact_name")),
            RecordField("email", "E-mail", .email, .column("email")),
            RecordField("phone", "Phone", .text(maximum: 40), .column("phone")),
        ]
    }

    public static let supplier = RecordKind(
        name: "supplier", title: "Supplier", plural: "suppliers", pluralTitle: "Suppliers",
        summary: "Who delivers, their terms and lead times", view: .viewPurchasing, edit: .editPurchasing,
        fields: [code, name(.column("name"))] + contactFields() + [
            RecordField("address", "Address", .multiline(maximum: 500), .column("address")),
            RecordField(
                "leadTimeDays", "Lead time (days)", .integer(0...365), .column("lead_time_days"),
                hint: "From order to delivery: sets the expected date of new orders"),
            RecordField("paymentTerms", "Payment terms", .text(maximum: 200), .column("payment_terms")),
            RecordField(
                "overTolerancePercent", "Over-delivery allowed (%)", .integer(0...100),
                .column("over_tolerance_percent"), required: true, defaultValue: 0,
                hint: "How much more than ordered the dock accepts per line"),
        ],
        listed: ["contactName", "email", "leadTimeDays"], idPrefix: "SUP-", table: "suppliers")

    public static let customer = RecordKind(
        name: "customer", title: "Customer", plural: "customers", pluralTitle: "Customers",
        summary: "Who orders, where it goes, how they pay", view: .viewSales, edit: .editSales,
        fields: [code, name(.column("name"))] + contactFields() + [
            RecordField("shippingAddress", "Shipping address", .multiline(maximum: 500), .column("shipping_address")),
            RecordField("billingAddress", "Billing address", .multiline(maximum: 500), .column("billing_address")),
            RecordField(
                "paymentMethod", "Pays by",
                choices([
                    ("card", "card"), ("bank-transfer", "bank transfer"), ("cash", "cash"),
                    ("on-account", "on account"),
                ]),
                .column("payment_method"), required: true, defaultValue: "card"),
            RecordField(
                "creditLimit", "Credit limit", .money, .column("credit_limit"),
                hint: "The most a customer paying on account may owe; empty for none"),
        ],
        listed: ["contactName", "email", "paymentMethod"], idPrefix: "C-", table: "customers")
}
