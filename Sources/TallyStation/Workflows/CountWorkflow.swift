import TallyConfiguration
import TallySync

/// One scan's worth of items in a count.
struct CountEntry: Hashable, Sendable {
    let number: Int
    let lane: String
    let round: Int
    let productID: String
    let name: String
    let lot: String
    let quantity: Int64
    let scannedAt: Int64
    var voided: Bool = false
}

/// When a count's variance asks for a recount, and when a scan looks like the same item scanned twice
/// (`count.recountUnits`, `count.recountPercent`, `count.duplicateWindow` in the configuration).
public struct CountRules: Hashable, Sendable {
    /// A variance larger than both this many units …
    public var recountUnits: Int64
    /// … and this share of what the books hold, in percent, asks for a recount.
    public var recountPercent: Int64
    /// The same item and lot scanned again within this many milliseconds gets a warning.
    public var duplicateWindow: Int64

    public init(recountUnits: Int64 = 2, recountPercent: Int64 = 10, duplicateWindow: Int64 = 2_000) {
        self.recountUnits = recountUnits
        self.recountPercent = recountPercent
        self.duplicateWindow = duplicateWindow
    }

    init(_ values: ConfigurationValues) throws(ConfigurationError) {
        self.init(
            recountUnits: Int64(try values.wholeNumber("count.recountUnits", range: 0...1_000_000, unit: "units") ?? 2),
            recountPercent: Int64(try values.wholeNumber("count.recountPercent", range: 0...100, unit: "%") ?? 10),
            duplicateWindow: Int64(
                try values.wholeNumber("count.duplicateWindow", range: 0...60_000, unit: "milliseconds") ?? 2_000))
    }

    func needsRecount(counted: Int64, expected: Int64) -> Bool {
        let variance = abs(counted - expected)
        return variance > recountUnits && variance * 100 > abs(expected) * recountPercent
    }
}

/// A blind count of one location as one lane (one stocktaker) takes part in it, as a state machine with no
/// I/O. Several lanes may count the same location: each adds its own entries to the same count, and the count
/// is judged when the last of them is done. What the books expect is never shown while counting.
struct CountSession: Hashable, Sendable {
    let countID: String
    let taskID: String?
    let locationID: String
    /// The products a count of items covers; nil for everything at the location.
    let products: [String]?
    /// When counting started: the variance is measured against the ledger as it stood then.
    let startedAt: Int64
    /// The ledger's last movement when counting started.
    let ledgerMark: Int64
    let lane: String
    /// 1, or 2 for a recount.
    let round: Int
    /// The products to count again, in a recount.
    let recountProducts: [String]?
    /// This lane's entries in this round.
    private(set) var entries: [CountEntry]
    /// The next entry's number, after every lane's entries so far.
    private(set) var nextNumber: Int
    private(set) var pendingQuantity: Int64?
    private(set) var warning: String?

    init(
        countID: String, taskID: String?, locationID: String, products: [String]?, startedAt: Int64,
        ledgerMark: Int64, lane: String, round: Int = 1, recountProducts: [String]? = nil,
        entries: [CountEntry] = [], nextNumber: Int = 1
    ) {
        self.countID = countID
        self.taskID = taskID
        self.locationID = locationID
        self.products = products
        self.startedAt = startedAt
        self.ledgerMark = ledgerMark
        self.lane = lane
        self.round = round
        self.recountProducts = recountProducts
        self.entries = entries
        self.nextNumber = nextNumber
    }

    static let maximumQuantity: Int64 = 99_999

    /// Sets the quantity of the next scan.
    mutating func quantity(_ count: Int64) throws(CountError) {
        guard (1...Self.maximumQuantity).contains(count) else {
            throw CountError(description: "a quantity is 1 to \(Self.maximumQuantity)")
        }
        pendingQuantity = count
    }

    /// Counts a scanned item; answers the new entry.
    mutating func count(
        productID: String, name: String, lot: String, embedded: Int64?, at time: Int64, rules: CountRules
    ) throws(CountError) -> CountEntry {
        if let products, !products.contains(productID) {
            throw CountError(description: "\(name) is not part of this count: set it aside")
        }
        let quantity = (pendingQuantity ?? 1) * (embedded ?? 1)
        let previous = entries.last { !$0.voided }
        warning =
            if let previous, previous.productID == productID, previous.lot == lot,
                time - previous.scannedAt < rules.duplicateWindow
            {
                "\(name) scanned twice in a moment: if it was one item, void the last line"
            } else {
                nil
            }
        let entry = CountEntry(
            number: nextNumber, lane: lane, round: round, productID: productID, name: name, lot: lot,
            quantity: quantity, scannedAt: time)
        entries.append(entry)
        nextNumber += 1
        pendingQuantity = nil
        return entry
    }

    /// Voids this lane's last entry, or the one with this number.
    mutating func void(number: Int?) throws(CountError) -> CountEntry {
        let index =
            if let number {
                entries.firstIndex { $0.number == number && !$0.voided }
            } else {
                entries.lastIndex { !$0.voided }
            }
        guard let index else { throw CountError(description: "nothing to void") }
        entries[index].voided = true
        warning = nil
        return entries[index]
    }

    /// What this lane has counted in this round, per product and lot, in the order first scanned.
    var counted: [(productID: String, name: String, lot: String, quantity: Int64)] {
        var result: [(productID: String, name: String, lot: String, quantity: Int64)] = []
        for entry in entries where !entry.voided {
            if let index = result.firstIndex(where: { $0.productID == entry.productID && $0.lot == entry.lot }) {
                result[index].quantity += entry.quantity
            } else {
                result.append((entry.productID, entry.name, entry.lot, entry.quantity))
            }
        }
        return result
    }
}

/// Why a count cannot take a scan or command.
struct CountError: Error, Hashable, CustomStringConvertible {
    let description: String
}

/// How a count stands when its last lane is done: either it goes to central, or some items must be counted again.
enum CountJudgement: Hashable, Sendable {
    case submit(CountSubmittedPayload)
    case recount(products: [String], firstCounts: [LotKey: Int64])
}

extension CountRules {
    /// Judges a count from every lane's entries and the ledger as of the start. `books` holds the ledger per
    /// product and lot at the location then; `firstCounts` the first round's figures when this was a recount.
    func judge(
        countID: String, taskID: String?, locationID: String, products: [String]?, startedAt: Int64,
        entries: [CountEntry], expected books: [LotKey: Int64], firstCounts: [LotKey: Int64]?,
        recountProducts: [String]?, at time: Int64
    ) -> CountJudgement {
        let round = recountProducts == nil ? 1 : 2
        // A product counted without lots (its plain barcode scanned) is judged as a whole: its line has lot "" and
        // stands for all its lots at the location. Products counted by lot are judged lot by lot.
        let wholeProducts = Set(entries.filter { !$0.voided && $0.lot.isEmpty }.map(\.productID))
        func key(_ productID: String, _ lot: String) -> LotKey {
            LotKey(productID: productID, lot: wholeProducts.contains(productID) ? "" : lot)
        }
        var counted: [LotKey: Int64] = [:]
        for entry in entries where !entry.voided && entry.round == round {
            counted[key(entry.productID, entry.lot), default: 0] += entry.quantity
        }
        var expected: [LotKey: Int64] = [:]
        for (lot, quantity) in books { expected[key(lot.productID, lot.lot), default: 0] += quantity }
        if let firstCounts, let recountProducts {
            // Items not recounted keep their first figures.
            for (key, quantity) in firstCounts where !recountProducts.contains(key.productID) {
                counted[key] = quantity
            }
        }
        var keys = Set(counted.keys)
        for (key, quantity) in expected where quantity != 0 && (products?.contains(key.productID) ?? true) {
            keys.insert(key)
        }
        let ordered = keys.sorted { ($0.productID, $0.lot) < ($1.productID, $1.lot) }
        if round == 1 {
            let off = ordered.filter { needsRecount(counted: counted[$0] ?? 0, expected: expected[$0] ?? 0) }
            if !off.isEmpty {
                var first: [LotKey: Int64] = [:]
                for key in ordered { first[key] = counted[key] ?? 0 }
                let products = Array(Set(off.map(\.productID))).sorted()
                return .recount(products: products, firstCounts: first)
            }
        }
        let lines = ordered.map { key in
            CountLinePayload(
                productID: key.productID, lot: key.lot, counted: counted[key] ?? 0, expected: expected[key] ?? 0,
                firstCount: recountProducts?.contains(key.productID) == true ? firstCounts?[key] ?? 0 : nil)
        }
        let lanes = Array(Set(entries.map(\.lane))).sorted()
        return .submit(
            CountSubmittedPayload(
                countID: countID, taskID: taskID, locationID: locationID, lines: lines, startedAt: startedAt,
                submittedAt: time, lanes: lanes, recounted: round == 2))
    }
}

/// A product and lot.
struct LotKey: Hashable, Sendable, Codable {
    let productID: String
    let lot: String
}
