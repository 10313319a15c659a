import Foundation

/// Stock the back office itself moves: a sales order shipped from a location, goods a customer returned to one.
///
/// Each change is an event of central's own source, the station row `central` (see ``CentralSchema/version8``),
/// with the next sequence of that source, and its movements in the one ledger every station's events write to, so
/// on-hand, counts' expected quantities and the alerts see them like any other. Written in the transaction of the
/// change that causes it.
enum CentralLedger {
    static let sourceID = "central"

    /// One change of stock at a location, positive into it.
    struct Movement: Sendable, Hashable, Codable {
        var productID: String
        var locationID: String
        var lot: String
        var quantity: Int64
        var reason: String
    }

    /// Records the event `type` with `payload` and its movements; answers the event's id.
    @discardableResult
    static func record<Payload: Encodable>(
        type: String, payload: Payload, movements: [Movement], now: Int64, on db: any DBConnection
    ) throws -> String {
        let rows = try db.query(
            "UPDATE stations SET highest_sequence = highest_sequence + 1 WHERE id = ? RETURNING highest_sequence",
            .text(sourceID))
        guard let sequence = rows.first?.integer("highest_sequence") else {
            throw DBRowError(description: "central's own event source is missing (migration v8)")
        }
        let eventID = UUID().uuidString.lowercased()
        try db.execute(
            """
            INSERT INTO events (event_id, station_id, sequence, type, created_at, received_at, payload)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, .text(eventID), .text(sourceID), .integer(sequence), .text(type), .integer(now), .integer(now),
            .text(String(decoding: try CentralJSON.encoder.encode(payload), as: UTF8.self)))
        for movement in movements where movement.quantity != 0 {
            try db.execute(
                """
                INSERT INTO movements (movement_id, station_id, event_id, product_id, location_id, lot, quantity,
                    reason, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, .text(UUID().uuidString.lowercased()), .text(sourceID), .text(eventID), .text(movement.productID),
                .text(movement.locationID), .text(movement.lot), .integer(movement.quantity), .text(movement.reason),
                .integer(now))
            try db.execute(
                """
                INSERT INTO stock (product_id, location_id, lot, quantity) VALUES (?, ?, ?, ?)
                ON CONFLICT (product_id, location_id, lot) DO UPDATE SET quantity = stock.quantity + excluded.quantity
                """, .text(movement.productID), .text(movement.locationID), .text(movement.lot),
                .integer(movement.quantity))
        }
        return eventID
    }

    /// Movements that take `quantity` of a product out of a location: from the lots on hand there first (smallest
    /// lot text first, which is the earliest for the date-coded lots GS1 labels carry), the rest from lot "" (stock
    /// may go negative; it is flagged, not refused).
    static func takeOut(
        productID: String, quantity: Int64, at locationID: String, reason: String, on db: any DBConnection
    ) throws -> [Movement] {
        var left = quantity
        var movements: [Movement] = []
        for row in try db.query(
            """
            SELECT lot, quantity FROM stock WHERE product_id = ? AND location_id = ? AND quantity > 0 AND lot <> ''
            ORDER BY lot
            """, .text(productID), .text(locationID))
        where left > 0 {
            let take = min(left, try row.int("quantity"))
            movements.append(
                Movement(
                    productID: productID, locationID: locationID, lot: try row.string("lot"), quantity: -take,
                    reason: reason))
            left -= take
        }
        if left > 0 {
            movements.append(
                Movement(productID: productID, locationID: locationID, lot: "", quantity: -left, reason: reason))
        }
        return movements
    }
}
