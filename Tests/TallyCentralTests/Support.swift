import Foundation
import TallySync
import Testing

@testable import TallyCentral

/// A fresh central database in a folder of its own, removed with the value.
final class TemporaryStore: Sendable {
    let directory: String
    let store: SQLiteCentralStore

    init() throws {
        directory = NSTemporaryDirectory() + "tally-central-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try SQLiteCentralStore(path: directory + "/central.sqlite")
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// A station enrolled with a fresh token, and the token.
    func enrolledStation(name: String = "Front till") async throws -> (CentralStation, String) {
        let code = Secrets.enrolmentCode()
        _ = try await store.createStation(
            name: name, codeHash: Secrets.hashCode(code), expiresAt: Central.now() + 60_000, now: Central.now())
        let token = Secrets.token()
        let station = try await store.enroll(
            codeHash: Secrets.hashCode(code), tokenHash: Secrets.hashToken(token), stationCode: "TILL1",
            now: Central.now())
        return (try #require(station), token)
    }
}

/// Events as a station makes them: sales of one item moving stock out of the shop floor.
enum SampleEvents {
    static func sale(
        sequence: Int64, product: String = "p-1", quantity: Int64 = 1, location: String = "floor", lot: String = "",
        id: String? = nil
    ) -> EventEnvelope {
        let saleID = "sale-\(sequence)-\(UUID().uuidString)"
        let line = SaleLinePayload(
            number: 1, productID: product, name: "Item", code: "4006381333931", unit: "piece", quantity: quantity,
            unitPrice: 250, amount: 250 * quantity, taxClassID: "standard", treatment: "standard", ratePPM: 190_000,
            pricing: "catalog", enteredBy: nil)
        let total = 250 * quantity
        let payload = SaleCompletedPayload(
            saleID: saleID, lane: "till", receiptNumber: Int(sequence), period: 1, currency: "EUR",
            openedAt: 1_700_000_000_000, completedAt: 1_700_000_000_000 + sequence, lines: [line], voidedLines: [],
            settlement: SettlementPayload(
                tenders: [TenderPayload(kind: "cash", tendered: total, applied: total, change: 0, reference: nil)],
                taxRates: [], net: total, tax: 0, total: total, cashRounding: 0),
            movements: [
                MovementPayload(
                    id: "m-" + saleID, productID: product, locationID: location, lot: lot, quantity: -quantity,
                    reason: "sale")
            ])
        return EventEnvelope(
            id: id ?? UUID().uuidString.lowercased(), sequence: sequence, createdAt: 1_700_000_000_000 + sequence,
            event: .saleCompleted(payload))
    }
}
