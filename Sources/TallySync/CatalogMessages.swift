/// What stations pull from central: the catalog and the plans made for them, as changes since a cursor.
///
/// Central keeps one current version of every record, each under the cursor of its last change; a station asks
/// for the changes after the cursor it holds (`GET /sync/v1/changes?after=N`) and gets them in cursor order, a page
/// at a time, so a new station reads every record once and a station coming back after a week reads only what
/// changed. A removed record travels as a change without a record.
public enum CatalogKind: String, Codable, Hashable, Sendable, CaseIterable {
    case taxClass = "tax-class"
    case product
    case location
    case user
    case purchaseOrder = "purchase-order"
    case countTask = "count-task"
}

/// A tax class: how lines of its products are taxed.
public struct TaxClassRecord: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    /// `taxed`, `exempt` or `outside` (outside the scope of the tax).
    public var treatment: String
    /// Millionths: 190000 is 19 %.
    public var ratePPM: Int64
    /// The class for items the catalog does not know, such as price-embedded codes of other shops.
    public var isStandard: Bool

    public init(id: String, name: String, treatment: String, ratePPM: Int64, isStandard: Bool = false) {
        self.id = id
        self.name = name
        self.treatment = treatment
        self.ratePPM = ratePPM
        self.isStandard = isStandard
    }
}

/// A price of a product from a moment on, in minor units of `currency`; per kilogram for items sold by weight.
public struct PriceRecord: Codable, Hashable, Sendable {
    public var validFrom: Int64
    public var amount: Int64
    public var currency: String

    public init(validFrom: Int64, amount: Int64, currency: String) {
        self.validFrom = validFrom
        self.amount = amount
        self.currency = currency
    }
}

/// A product with every barcode it sells under and its prices: one record, so a station applies a product whole.
public struct ProductRecord: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    /// `piece` or `weight`.
    public var unit: String
    public var taxClassID: String
    public var active: Bool
    /// GTIN-14 digits, lookup codes of price- and weight-embedded items, or the text of a store label.
    public var barcodes: [String]
    public var prices: [PriceRecord]

    public init(
        id: String, name: String, unit: String, taxClassID: String, active: Bool = true, barcodes: [String],
        prices: [PriceRecord]
    ) {
        self.id = id
        self.name = name
        self.unit = unit
        self.taxClassID = taxClassID
        self.active = active
        self.barcodes = barcodes
        self.prices = prices
    }
}

/// A place stock is kept: a shop floor, a back room, a dock, a shelf.
public struct LocationRecord: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    /// `sales`, `storage`, `receiving`, `shelf` or another word the shop uses.
    public var kind: String

    public init(id: String, name: String, kind: String) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}

/// A person who signs in at stations, with their role and the hash of their PIN (`sha256:<salt>:<digest>`).
public struct UserRecord: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    /// `cashier`, `dock-clerk`, `stocktaker`, `manager` or `admin`.
    public var role: String
    public var pinHash: String
    /// The stations the person works at; every station when absent.
    public var stations: [String]?

    public init(id: String, name: String, role: String, pinHash: String, stations: [String]? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.pinHash = pinHash
        self.stations = stations
    }
}

/// One ordered line of a purchase order.
public struct PurchaseOrderLineRecord: Codable, Hashable, Sendable {
    public var number: Int
    public var productID: String
    /// Pieces, or grams for items sold by weight.
    public var quantity: Int64
    /// Received in good condition so far, by the receipts central holds (`receipts`).
    public var received: Int64?

    public init(number: Int, productID: String, quantity: Int64, received: Int64? = nil) {
        self.number = number
        self.productID = productID
        self.quantity = quantity
        self.received = received
    }
}

/// A pallet the supplier announced (an advance shipping notice): its SSCC and what it holds, so that scanning
/// the pallet's label receives its contents.
public struct PalletRecord: Codable, Hashable, Sendable {
    /// The 18-digit Serial Shipping Container Code.
    public var sscc: String
    public var contents: [PalletContentRecord]

    public init(sscc: String, contents: [PalletContentRecord]) {
        self.sscc = sscc
        self.contents = contents
    }
}

/// Some of one item on an announced pallet.
public struct PalletContentRecord: Codable, Hashable, Sendable {
    public var productID: String
    public var quantity: Int64
    public var lot: String?
    /// `YYYY-MM-DD`.
    public var expiry: String?

    public init(productID: String, quantity: Int64, lot: String? = nil, expiry: String? = nil) {
        self.productID = productID
        self.quantity = quantity
        self.lot = lot
        self.expiry = expiry
    }
}

/// A purchase order the dock may receive against.
public struct PurchaseOrderRecord: Codable, Hashable, Sendable {
    public var id: String
    /// The number printed on the order and its label.
    public var number: String
    public var supplierID: String
    public var supplierName: String
    /// `sent`, `partly-received`, `received`, `closed` or `cancelled`.
    public var status: String
    /// Where the goods are received.
    public var locationID: String
    public var expectedAt: Int64?
    public var lines: [PurchaseOrderLineRecord]
    /// How much more than ordered the supplier may deliver per line, in percent (0 when absent).
    public var overTolerancePercent: Int?
    /// Pallets announced by the supplier.
    public var pallets: [PalletRecord]?
    /// The goods receipts central has counted in the lines' `received`.
    public var receipts: [String]?

    public init(
        id: String, number: String, supplierID: String, supplierName: String, status: String, locationID: String,
        expectedAt: Int64?, lines: [PurchaseOrderLineRecord], overTolerancePercent: Int? = nil,
        pallets: [PalletRecord]? = nil, receipts: [String]? = nil
    ) {
        self.id = id
        self.number = number
        self.supplierID = supplierID
        self.supplierName = supplierName
        self.status = status
        self.locationID = locationID
        self.expectedAt = expectedAt
        self.lines = lines
        self.overTolerancePercent = overTolerancePercent
        self.pallets = pallets
        self.receipts = receipts
    }
}

/// A count planned at central: a location, or some items wherever they are. A count started at a station
/// comes back under its count id once a manager has decided on it.
public struct CountTaskRecord: Codable, Hashable, Sendable {
    public var id: String
    public var locationID: String?
    public var productIDs: [String]
    /// `open`, `submitted`, `approved`, `rejected`, `cancelled` or `done`.
    public var status: String
    public var dueAt: Int64?
    /// The counts submitted for this task that the decision covers.
    public var countIDs: [String]?
    /// The correcting movements central booked when a manager approved the count; stations book them too.
    public var corrections: [MovementPayload]?
    public var decidedAt: Int64?

    public init(
        id: String, locationID: String?, productIDs: [String], status: String, dueAt: Int64?,
        countIDs: [String]? = nil, corrections: [MovementPayload]? = nil, decidedAt: Int64? = nil
    ) {
        self.id = id
        self.locationID = locationID
        self.productIDs = productIDs
        self.status = status
        self.dueAt = dueAt
        self.countIDs = countIDs
        self.corrections = corrections
        self.decidedAt = decidedAt
    }
}

/// One record of any kind.
public enum CatalogRecord: Hashable, Sendable {
    case taxClass(TaxClassRecord)
    case product(ProductRecord)
    case location(LocationRecord)
    case user(UserRecord)
    case purchaseOrder(PurchaseOrderRecord)
    case countTask(CountTaskRecord)

    public var kind: CatalogKind {
        switch self {
        case .taxClass: .taxClass
        case .product: .product
        case .location: .location
        case .user: .user
        case .purchaseOrder: .purchaseOrder
        case .countTask: .countTask
        }
    }

    /// The record's id: one record per kind and key.
    public var key: String {
        switch self {
        case .taxClass(let record): record.id
        case .product(let record): record.id
        case .location(let record): record.id
        case .user(let record): record.id
        case .purchaseOrder(let record): record.id
        case .countTask(let record): record.id
        }
    }

    /// The stations the record is for; every station when nil.
    public var audience: [String]? {
        if case .user(let record) = self { return record.stations }
        return nil
    }
}

/// One change: the record as it now is, or its removal (no record).
///
/// In JSON: `{"cursor": 7, "kind": "product", "key": "p-1", "record": {…}}`, and for a removal
/// `{"cursor": 8, "kind": "product", "key": "p-1", "removed": true}`.
public struct CatalogChange: Codable, Hashable, Sendable {
    public var cursor: Int64
    public var kind: CatalogKind
    public var key: String
    public var record: CatalogRecord?

    public init(cursor: Int64, kind: CatalogKind, key: String, record: CatalogRecord?) {
        self.cursor = cursor
        self.kind = kind
        self.key = key
        self.record = record
    }

    enum CodingKeys: String, CodingKey {
        case cursor, kind, key, record, removed
    }

    public init(from decoder: any Decoder) throws {
        cursor = try decoder.container(keyedBy: CodingKeys.self).decode(Int64.self, forKey: .cursor)
        (kind, key, record) = try Self.decodeContent(from: decoder, keyRequired: true)
    }

    /// The kind, key and record (nil for a removal) of a change, or of a line of a catalog file, which has no
    /// cursor and may leave out the key of a record (the record's id is its key).
    public static func decodeContent(
        from decoder: any Decoder, keyRequired: Bool
    ) throws -> (kind: CatalogKind, key: String, record: CatalogRecord?) {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .kind)
        guard let kind = CatalogKind(rawValue: name) else {
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription: "unknown kind \(name); known: "
                    + CatalogKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if try container.decodeIfPresent(Bool.self, forKey: .removed) == true {
            return (kind, try container.decode(String.self, forKey: .key), nil)
        }
        let record = try CatalogRecord.decode(kind, from: container.superDecoder(forKey: .record))
        let key =
            keyRequired
            ? try container.decode(String.self, forKey: .key) : try container.decodeIfPresent(String.self, forKey: .key)
        if let key, key != record.key {
            throw DecodingError.dataCorruptedError(
                forKey: .key, in: container, debugDescription: "the record's id \(record.key) is not the key \(key)")
        }
        return (kind, record.key, record)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cursor, forKey: .cursor)
        try container.encode(kind.rawValue, forKey: .kind)
        try container.encode(key, forKey: .key)
        if let record {
            try record.encode(to: container.superEncoder(forKey: .record))
        } else {
            try container.encode(true, forKey: .removed)
        }
    }
}

extension CatalogRecord: Encodable {
    /// Decodes a record of the given kind (its JSON has no kind of its own; the change around it says).
    public static func decode(_ kind: CatalogKind, from decoder: any Decoder) throws -> CatalogRecord {
        switch kind {
        case .taxClass: .taxClass(try TaxClassRecord(from: decoder))
        case .product: .product(try ProductRecord(from: decoder))
        case .location: .location(try LocationRecord(from: decoder))
        case .user: .user(try UserRecord(from: decoder))
        case .purchaseOrder: .purchaseOrder(try PurchaseOrderRecord(from: decoder))
        case .countTask: .countTask(try CountTaskRecord(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .taxClass(let record): try record.encode(to: encoder)
        case .product(let record): try record.encode(to: encoder)
        case .location(let record): try record.encode(to: encoder)
        case .user(let record): try record.encode(to: encoder)
        case .purchaseOrder(let record): try record.encode(to: encoder)
        case .countTask(let record): try record.encode(to: encoder)
        }
    }
}

/// A page of changes in cursor order. `nextCursor` is where the next page starts (the last change's cursor, or
/// the cursor asked for when there were none); `more` says whether there is one; `highestCursor` is central's
/// newest change, for showing how far a long first load has come.
public struct ChangesPage: Codable, Hashable, Sendable {
    public var changes: [CatalogChange]
    public var nextCursor: Int64
    public var more: Bool
    public var highestCursor: Int64

    public init(changes: [CatalogChange], nextCursor: Int64, more: Bool, highestCursor: Int64) {
        self.changes = changes
        self.nextCursor = nextCursor
        self.more = more
        self.highestCursor = highestCursor
    }
}

extension CatalogRecord {
    /// What is wrong with the record, in words, or nil when nothing is: central checks every record before it
    /// stores it, and a station checks again before it applies one.
    public var problem: String? {
        func identifier(_ value: String, _ what: String) -> String? {
            value.isEmpty || value.utf8.count > 64 || value.contains(where: \.isNewline)
                ? "\(what) \(value.debugDescription) must have 1 to 64 characters on one line" : nil
        }
        func name(_ value: String) -> String? {
            value.allSatisfy(\.isWhitespace) || value.utf8.count > 200
                ? "\(kind.rawValue) \(key): the name must have 1 to 200 characters" : nil
        }
        func currency(_ code: String) -> Bool {
            code.utf8.count == 3 && code.utf8.allSatisfy { (65...90).contains($0) }
        }
        if let problem = identifier(key, "the id") { return "\(kind.rawValue): \(problem)" }
        switch self {
        case .taxClass(let record):
            if let problem = name(record.name) { return problem }
            guard ["taxed", "exempt", "outside"].contains(record.treatment) else {
                return "tax class \(key): treatment must be taxed, exempt or outside, not \(record.treatment)"
            }
            guard (0...1_000_000).contains(record.ratePPM) else {
                return "tax class \(key): ratePPM must be 0 to 1000000 (millionths), not \(record.ratePPM)"
            }
        case .product(let record):
            if let problem = name(record.name) { return problem }
            guard ["piece", "weight"].contains(record.unit) else {
                return "product \(key): unit must be piece or weight, not \(record.unit)"
            }
            if let problem = identifier(record.taxClassID, "the tax class") { return "product \(key): \(problem)" }
            for barcode in record.barcodes {
                if let problem = identifier(barcode, "the barcode") { return "product \(key): \(problem)" }
            }
            guard Set(record.barcodes).count == record.barcodes.count else {
                return "product \(key): a barcode is listed twice"
            }
            for price in record.prices {
                guard price.amount >= 0 else { return "product \(key): a price is negative" }
                guard currency(price.currency) else {
                    return "product \(key): currency \(price.currency.debugDescription) is not an ISO 4217 code"
                }
            }
            guard Set(record.prices.map(\.validFrom)).count == record.prices.count else {
                return "product \(key): two prices start at the same moment"
            }
        case .location(let record):
            if let problem = name(record.name) { return problem }
            if let problem = identifier(record.kind, "the kind") { return "location \(key): \(problem)" }
        case .user(let record):
            if let problem = name(record.name) { return problem }
            guard ["cashier", "dock-clerk", "stocktaker", "manager", "admin"].contains(record.role) else {
                return "user \(key): role must be cashier, dock-clerk, stocktaker, manager or admin, not \(record.role)"
            }
            guard record.pinHash.hasPrefix("sha256:") else {
                return "user \(key): pinHash must be sha256:<salt hex>:<digest hex>"
            }
        case .purchaseOrder(let record):
            if let problem = identifier(record.number, "the number") { return "purchase order \(key): \(problem)" }
            if let problem = identifier(record.locationID, "the location") {
                return "purchase order \(key): \(problem)"
            }
            for line in record.lines {
                if let problem = identifier(line.productID, "the product") {
                    return "purchase order \(key) line \(line.number): \(problem)"
                }
                guard line.quantity > 0 else {
                    return "purchase order \(key) line \(line.number): the quantity must be positive"
                }
            }
            guard Set(record.lines.map(\.number)).count == record.lines.count else {
                return "purchase order \(key): two lines have the same number"
            }
            if let tolerance = record.overTolerancePercent, !(0...100).contains(tolerance) {
                return "purchase order \(key): overTolerancePercent must be 0 to 100, not \(tolerance)"
            }
            for pallet in record.pallets ?? [] {
                guard pallet.sscc.utf8.count == 18, pallet.sscc.utf8.allSatisfy({ (48...57).contains($0) }) else {
                    return "purchase order \(key): pallet \(pallet.sscc.debugDescription) is not an 18-digit SSCC"
                }
                for content in pallet.contents {
                    if let problem = identifier(content.productID, "the product") {
                        return "purchase order \(key) pallet \(pallet.sscc): \(problem)"
                    }
                    guard content.quantity > 0 else {
                        return "purchase order \(key) pallet \(pallet.sscc): the quantity must be positive"
                    }
                }
            }
        case .countTask(let record):
            guard record.locationID != nil || !record.productIDs.isEmpty else {
                return "count task \(key): name a location, items, or both"
            }
            let statuses = ["open", "submitted", "approved", "rejected", "cancelled", "done"]
            guard statuses.contains(record.status) else {
                return
                    "count task \(key): status must be one of \(statuses.joined(separator: ", ")), not \(record.status)"
            }
        }
        return nil
    }
}
