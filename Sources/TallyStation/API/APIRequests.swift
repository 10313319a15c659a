import Foundation
import TallyCore

/// `POST /scans`: one scan, as text (`code`) or as raw bytes in base64 (`bytes`), for a lane.
struct ScanRequest: Decodable {
    var lane: String?
    var code: String?
    var bytes: String?
    var device: String?
    /// A UUID the client made, so that a retried request is recorded once.
    var id: String?
}

/// The body of a lane command; each command reads the fields it needs. Amounts are decimal text such as
/// `20.00`; a tender without one pays what is due.
struct CommandBody: Decodable {
    var line: Int?
    var quantity: Int64?
    var count: Int64?
    var mode: String?
    var amount: String?
    var `operator`: String?
    var pin: String?
    var disposition: String?
    var kind: String?
    var reference: String?
    var order: String?
    var reason: String?
    var code: String?
    var lot: String?
    var from: String?
    var to: String?
    var note: String?
}

/// `POST /reports/z`.
struct ZReportBody: Decodable {
    var countedCash: String
}

/// What the API answers when a request is wrong: the status and a message a person can act on.
struct APIError: Error, CustomStringConvertible {
    let status: Int
    let description: String

    static func badRequest(_ message: String) -> APIError { APIError(status: 400, description: message) }
    static func notFound(_ message: String) -> APIError { APIError(status: 404, description: message) }
}

extension TenderKind {
    /// Parses `cash`, `CASH`, `card` …, with the list of kinds in the error.
    static func parse(_ text: String) throws -> TenderKind {
        guard let kind = TenderKind(rawValue: text.uppercased()) else {
            throw APIError.badRequest(
                "unknown tender \(text.debugDescription); tenders are "
                    + allCases.map { $0.rawValue.lowercased() }.joined(separator: ", "))
        }
        return kind
    }
}

extension Money {
    /// A decimal amount from a request, in the station's currency.
    static func parse(_ text: String, field: String, currency: Currency) throws -> Money {
        do {
            return try Money(parsing: text, currency: currency)
        } catch {
            throw APIError.badRequest(
                "\(field) \(text.debugDescription) is not an amount in \(currency.code): \(error)")
        }
    }
}
