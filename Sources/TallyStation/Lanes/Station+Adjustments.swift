import GRDB
import TallyCore
import TallySync

/// An adjustment or transfer asked for at a station, signed by an operator with their PIN.
public struct AdjustmentRequest: Hashable, Sendable {
    public var kind: AdjustmentKind
    /// A barcode of the product.
    public var code: String
    /// Pieces, or grams for items sold by weight; always positive (the kind decides the direction).
    public var quantity: Int64
    public var lot: String
    /// Where stock leaves (damage, write-off, transfer); the shop floor when absent.
    public var from: String?
    /// Where stock arrives (found, transfer); the shop floor for found stock when absent.
    public var to: String?
    public var reason: StockReason
    public var note: String?
    public var operatorID: String
    public var pin: String

    public init(
        kind: AdjustmentKind, code: String, quantity: Int64, lot: String = "", from: String? = nil,
        to: String? = nil, reason: StockReason, note: String? = nil, operatorID: String, pin: String
    ) {
        self.kind = kind
        self.code = code
        self.quantity = quantity
        self.lot = lot
        self.from = from
        self.to = to
        self.reason = reason
        self.note = note
        self.operatorID = operatorID
        self.pin = pin
    }

    /// The largest quantity one adjustment moves.
    public static let maximumQuantity: Int64 = 1_000_000
}

extension Station {
    /// Books an adjustment or a transfer: its movements (a transfer's two legs together), the outbox event and the
    /// journal entry, in one transaction.
    func adjust(_ request: AdjustmentRequest, lane: LaneState, _ db: Database) throws -> RouteResult {
        let person = try operatorFor(id: request.operatorID, pin: request.pin, db)
        guard (1...AdjustmentRequest.maximumQuantity).contains(request.quantity) else {
            throw Refusal(description: "the quantity must be 1 to \(AdjustmentRequest.maximumQuantity)")
        }
        let allowed = StockReason.allowed(for: request.kind)
        guard allowed.contains(request.reason) else {
            throw Refusal(
                description: "a \(request.kind.rawValue) gives one of these reasons: "
                    + allowed.map(\.rawValue).joined(separator: ", "))
        }
        if let note = request.note, note.count > 500 || note.contains(where: \.isNewline) {
            throw Refusal(description: "a note is one line of at most 500 characters")
        }
        guard request.lot.utf8.count <= 20 else { throw Refusal(description: "a lot has at most 20 characters") }
        // The code as a scanner would send it: a GTIN in any of its lengths is found by its GTIN-14.
        let reading = interpreter.interpret(Array(request.code.utf8))
        if let error = reading.error { throw Refusal(description: "\(request.code): \(error)") }
        guard let key = ItemCode(reading, currency: rules.currency)?.key,
            let item = try StationDatabase.stockItem(code: key, db)
        else {
            throw Refusal(description: "unknown item \(request.code): the catalog does not know it")
        }
        let shop = context.sellableLocation
        let legs: [(location: String, sign: Int64)]
        switch request.kind {
        case .damage: legs = [(request.from ?? shop, -1), (context.damagedLocation, 1)]
        case .writeOff: legs = [(request.from ?? shop, -1)]
        case .found: legs = [(request.to ?? shop, 1)]
        case .transfer:
            guard let from = request.from, let to = request.to else {
                throw Refusal(description: "a transfer names the location it leaves (from) and the one it enters (to)")
            }
            guard from != to else { throw Refusal(description: "a transfer moves stock between two locations") }
            legs = [(from, -1), (to, 1)]
        }
        for leg in legs {
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM locations WHERE id = ?)", arguments: [leg.location]) == true
            else { throw Refusal(description: "location \(leg.location) is not known at this station") }
        }
        let time = StationDatabase.now()
        let id = StationDatabase.newID()
        let reasonText = request.kind == .transfer ? "transfer" : request.kind.rawValue
        let movements = legs.map {
            MovementPayload(
                id: StationDatabase.newID(), productID: item.productID, locationID: $0.location, lot: request.lot,
                quantity: $0.sign * request.quantity, reason: reasonText)
        }
        let payload = StockAdjustedPayload(
            adjustmentID: id, kind: request.kind, reason: request.reason, note: request.note, lane: lane.id,
            operatorID: person.id, at: time, movements: movements)
        let route = legs.map(\.location).joined(separator: " → ")
        let message =
            "\(request.kind.rawValue): \(request.quantity) × \(item.name) (\(route), \(request.reason.rawValue))"
        return RouteResult(message: message) { _, laneID, db in
            try db.execute(
                sql:
                    "INSERT INTO adjustments (id, kind, reason, note, lane, operator_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [id, request.kind.rawValue, request.reason.rawValue, request.note, laneID, person.id, time])
            for movement in movements { try StationDatabase.book(movement, documentID: id, at: time, db) }
            try StationDatabase.record(.stockAdjusted, documentID: id, payload: payload, at: time, db)
            return nil
        }
    }
}
