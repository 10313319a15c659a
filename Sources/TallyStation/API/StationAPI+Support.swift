import Foundation
import Hummingbird
import NIOCore
import TallyCore
import TallySync

extension StationAPI {
    /// Runs a handler and turns what it throws into an answer with a status and a message.
    static func respond(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as APIError {
            return try json(["error": error.description], status: .init(code: error.status))
        } catch let error as StationError {
            if case .unknownLane = error { return try json(["error": error.description], status: .notFound) }
            if case .scanIDReused = error { return try json(["error": error.description], status: .conflict) }
            return try json(["error": error.description], status: .unprocessableContent)
        } catch let error as PeriodError {
            return try json(["error": error.description], status: .conflict)
        } catch let error as HTTPError {
            throw error
        } catch {
            return try json(["error": "not recorded: \(error)"], status: .serviceUnavailable)
        }
    }

    /// A JSON answer.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Reads and decodes a JSON body of at most 64 KiB, with a message naming what is wrong.
    static func decode<T: Decodable>(
        _ type: T.Type, from request: Request, emptyMeans empty: T? = nil
    ) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBody)
        } catch {
            throw APIError(status: 413, description: "the body is larger than \(maximumBody) bytes")
        }
        guard buffer.readableBytes > 0 else {
            if let empty { return empty }
            throw APIError.badRequest("the body is empty; JSON is expected")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIError.badRequest("the body lacks \(key.stringValue.debugDescription)")
        } catch let DecodingError.typeMismatch(_, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIError.badRequest("\(path.isEmpty ? "the body" : path.debugDescription) has the wrong type")
        } catch {
            throw APIError.badRequest("the body is not the JSON expected")
        }
    }

    /// The bytes of a scan request: `code` as UTF-8, or `bytes` decoded from base64.
    static func scanBytes(_ body: ScanRequest) throws -> [UInt8] {
        switch (body.code, body.bytes) {
        case (let code?, nil): return Array(code.utf8)
        case (nil, let encoded?):
            guard let data = Data(base64Encoded: encoded) else {
                throw APIError.badRequest("\"bytes\" is not base64")
            }
            return [UInt8](data)
        default:
            throw APIError.badRequest("give the scan as \"code\" (text) or \"bytes\" (base64), one of the two")
        }
    }

    /// The lane command a `POST /lanes/{lane}/{command}` names. The body is read once; commands that need
    /// nothing accept an empty body, and a body that is not the JSON expected is refused for every command.
    static func laneCommand(_ name: String, request: Request, currency: Currency) async throws -> LaneCommand {
        let known = [
            "tender", "void", "void-basket", "cancel", "quantity", "mode", "price", "return-select",
            "return-unselect", "return-disposition", "return-refund", "done", "receive", "damaged", "reason",
            "adjust",
        ]
        guard known.contains(name) else {
            throw APIError.notFound(
                "unknown command \(name.debugDescription); commands are tender, void, void-basket, cancel, quantity,"
                    + " mode, price, done, receive, damaged, reason, adjust, return/select, return/unselect,"
                    + " return/disposition, return/refund")
        }
        let body = try await decode(CommandBody.self, from: request, emptyMeans: CommandBody())
        switch name {
        case "tender":
            guard let kind = body.kind else { throw APIError.badRequest("the body lacks \"kind\"") }
            let amount = try body.amount.map { try Money.parse($0, field: "amount", currency: currency) }
            return .tender(TenderRequest(kind: try TenderKind.parse(kind), amount: amount, reference: body.reference))
        case "void": return .voidLine(number: body.line)
        case "void-basket": return .voidBasket
        case "cancel": return .cancel
        case "quantity":
            guard let count = body.count else { throw APIError.badRequest("give the quantity as \"count\"") }
            return .quantity(count)
        case "mode":
            let text = body.mode ?? ""
            guard let mode = WorkflowMode(rawValue: text.uppercased()) else {
                throw APIError.badRequest(
                    "unknown mode \(text.debugDescription); modes are "
                        + WorkflowMode.allCases.map { $0.rawValue.lowercased() }.joined(separator: ", "))
            }
            return .mode(mode)
        case "price":
            guard let amount = body.amount, let person = body.operator, let pin = body.pin else {
                throw APIError.badRequest("a price needs \"amount\", \"operator\" and \"pin\"")
            }
            return .enterPrice(
                try Money.parse(amount, field: "amount", currency: currency), operatorID: person, pin: pin)
        case "return-select":
            guard let line = body.line else { throw APIError.badRequest("give the receipt line as \"line\"") }
            return .selectReturnLine(number: line, quantity: body.quantity)
        case "return-unselect":
            guard let line = body.line else { throw APIError.badRequest("give the receipt line as \"line\"") }
            return .unselectReturnLine(number: line)
        case "return-disposition":
            let text = body.disposition ?? ""
            guard let disposition = StockDisposition(rawValue: text.lowercased()) else {
                throw APIError.badRequest("a disposition is \"sellable\" or \"damaged\"")
            }
            return .returnDisposition(disposition)
        case "adjust":
            let kinds = AdjustmentKind.allCases.map(\.rawValue)
            guard let kind = body.kind.flatMap(AdjustmentKind.init(rawValue:)) else {
                throw APIError.badRequest("\"kind\" is one of \(kinds.joined(separator: ", "))")
            }
            guard let code = body.code, !code.isEmpty, let quantity = body.quantity ?? body.count else {
                throw APIError.badRequest("an adjustment needs the item's \"code\" and a \"quantity\"")
            }
            let reasons = StockReason.allowed(for: kind).map(\.rawValue)
            guard let reason = body.reason.flatMap(StockReason.init(rawValue:)) else {
                throw APIError.badRequest(
                    "\"reason\" for a \(kind.rawValue) is one of \(reasons.joined(separator: ", "))")
            }
            guard let person = body.operator, let pin = body.pin else {
                throw APIError.badRequest("an adjustment is signed with \"operator\" and \"pin\"")
            }
            return .adjust(
                AdjustmentRequest(
                    kind: kind, code: code, quantity: quantity, lot: body.lot ?? "", from: body.from, to: body.to,
                    reason: reason, note: body.note, operatorID: person, pin: pin))
        case "done": return .done
        case "damaged": return .damaged
        case "receive":
            guard let order = body.order, !order.isEmpty else {
                throw APIError.badRequest("give the purchase order's number as \"order\"")
            }
            return .receive(order: order)
        case "reason":
            guard let line = body.line else { throw APIError.badRequest("give the receipt line as \"line\"") }
            let text = body.reason ?? ""
            guard let reason = StockReason(rawValue: text), [.unexpected, .wrongItem].contains(reason) else {
                throw APIError.badRequest("a receipt line's reason is \"unexpected\" or \"wrong-item\"")
            }
            return .receivingReason(line: line, reason: reason)
        default:
            return .refund(kind: try TenderKind.parse(body.kind ?? "cash"), reference: body.reference)
        }
    }

    /// A document as text (`?format=text`, the default, `&width=42`) or ESC/POS bytes (`?format=escpos`,
    /// `&paper=58mm`).
    static func render(_ document: PrintDocument, request: Request) throws -> Response {
        let parameters = request.uri.queryParameters
        switch parameters.get("format") ?? "text" {
        case "text":
            let widthText = parameters.get("width") ?? "48"
            guard let width = Int(widthText), let renderer = PlainTextRenderer(width: width) else {
                throw APIError.badRequest("width \(widthText) is outside \(PlainTextRenderer.widths)")
            }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: renderer.render(document))))
        case "escpos":
            let paperText = parameters.get("paper") ?? "80mm"
            guard let paper = PaperWidth.allCases.first(where: { $0.rawValue == "mm" + paperText.dropLast(2) }) else {
                throw APIError.badRequest("paper \(paperText) is 80mm or 58mm")
            }
            return Response(
                status: .ok, headers: [.contentType: "application/octet-stream"],
                body: .init(byteBuffer: ByteBuffer(bytes: ESCPOSEncoder(paper: paper).encode(document))))
        case let other:
            throw APIError.badRequest("format \(other.debugDescription) is text or escpos")
        }
    }
}

/// A journaled scan as the API lists it.
struct JournalEntryView: Encodable {
    var sequence: Int64
    var id: String
    var lane: String
    var source: String
    var device: String?
    var receivedAt: Int64
    var input: String
    var kind: String?
    var accepted: Bool
    var reason: String?

    init(_ entry: ScanJournalEntry) {
        sequence = entry.sequence
        id = entry.scan.id
        lane = entry.scan.lane
        source = entry.scan.source.rawValue
        device = entry.scan.device
        receivedAt = entry.scan.receivedAt
        input = String(decoding: entry.scan.bytes, as: UTF8.self)
        kind = entry.scan.kind
        accepted = entry.scan.accepted
        reason = entry.scan.reason
    }
}

/// A receipt as the API lists it.
struct ReceiptView: Encodable {
    var number: Int
    var kind: String
    var lane: String
    var issuedAt: Int64
    var total: Int64
    var currency: String

    init(_ receipt: StoredReceipt) {
        number = receipt.number
        if case .sale = receipt.document { kind = "sale" } else { kind = "return" }
        lane = receipt.lane
        issuedAt = receipt.issuedAt
        total = receipt.total.minorUnits
        currency = receipt.total.currency.code
    }
}
