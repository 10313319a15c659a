import Foundation
import Hummingbird
import NIOCore
import TallyCore
import TallySync

/// The management API under `/api/v1`, for managers with a token from `tally-central manager add`: suppliers,
/// purchase orders and their receipts, count tasks, and decisions on submitted counts. Plans are written as catalog
/// records, so stations receive them with their next pull.
///
/// Every input is checked before anything is stored: a body that is not the JSON expected is a 400, something
/// unknown or out of range a 422 naming it, a state that does not allow the request a 409.
extension CentralAPI {
    static let managementPrefix = "/api/v1"
    /// The most lines, pallets, pallet contents or products one request may carry.
    static let maximumItems = 1000
    /// The largest quantity of one order line or pallet content.
    static let maximumQuantity: Int64 = 1_000_000_000
    /// The most records one list answers.
    static let maximumListLimit: Int64 = 1000

    static func addManagementRoutes(
        to router: Router<CentralRequestContext>, store: any CentralStore, clock: @escaping @Sendable () -> Int64
    ) {
        let api = managementPrefix
        router.put("\(api)/suppliers/:id") { request, context in
            try await manage(request, store) { actor in
                let id = try pathParameter(context, "id")
                if let problem = Input.identifierProblem(id, "the supplier id") {
                    throw APIProblem(status: .unprocessableContent, message: problem)
                }
                let body = try await decode(SupplierRequest.self, from: request)
                if let problem = Input.nameProblem(body.name, "the supplier's name") {
                    throw APIProblem(status: .unprocessableContent, message: problem)
                }
                guard (0...100).contains(body.overTolerancePercent),
                    body.overTolerancePercent.rounded() == body.overTolerancePercent
                else {
                    throw APIProblem(
                        status: .unprocessableContent,
                        message:
                            "overTolerancePercent must be a whole number from 0 to 100, not \(body.overTolerancePercent)"
                    )
                }
                let supplier = Supplier(id: id, name: body.name, overTolerancePercent: Int(body.overTolerancePercent))
                let now = clock()
                // Through the back office's own writer, so the change is in the audit trail like any other.
                let added = try await store.write { db -> Bool in
                    let before = try Records.load(RecordKinds.supplier, id: id, now: now, on: db)
                    var values = before ?? ["id": .text(id)]
                    values["name"] = .text(supplier.name)
                    values["overTolerancePercent"] = .integer(Int64(supplier.overTolerancePercent))
                    try Records.save(
                        RecordKinds.supplier, values, existing: before, actor: actor, currency: .euro, now: now, on: db)
                    return before == nil
                }
                return try json(supplier, status: added ? .created : .ok)
            }
        }
        // GET of a supplier is the back office's (CentralAPI+Records), which answers these fields and the rest.
        router.post("\(api)/purchase-orders") { request, _ in
            try await manage(request, store) { actor in
                let body = try await decode(PurchaseOrderRequest.self, from: request)
                let order = try await body.record(id: UUID().uuidString.lowercased(), store: store)
                let now = clock()
                try await store.write { db in try PurchaseOrders.createSent(order, actor: actor, now: now, on: db) }
                return try json(order, status: .created)
            }
        }
        router.get("\(api)/purchase-orders/:id") { request, context in
            try await manage(request, store) {
                let id = try pathParameter(context, "id")
                guard Input.identifierProblem(id, "") == nil,
                    let payload = try await store.catalogRecord(kind: .purchaseOrder, key: id)
                else { throw APIProblem(status: .notFound, message: "there is no purchase order \(id)") }
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: payload)))
            }
        }
        for action in [PurchaseOrderAction.cancel, .close] {
            router.post("\(api)/purchase-orders/:id/\(action.rawValue)") { request, context in
                try await manage(request, store) { actor in
                    let id = try pathParameter(context, "id")
                    let now = clock()
                    // As the back office's pages do it: the change and its audit entry in one transaction.
                    return try json(
                        try await store.write { db in
                            try PurchaseOrders.changeSent(action, id: id, actor: actor, now: now, on: db)
                        })
                }
            }
        }
        router.get("\(api)/goods-receipts") { request, _ in
            try await manage(request, store) {
                let orderID = request.uri.queryParameters["purchaseOrderID"].map(String.init)
                if let orderID, let problem = Input.identifierProblem(orderID, "purchaseOrderID") {
                    throw APIProblem(status: .badRequest, message: problem)
                }
                let problems = try booleanParameter(request, "problems", default: false)
                let limit = try integerParameter(request, "limit", default: 100, range: 1...maximumListLimit)
                let receipts = try await store.goodsReceipts(
                    purchaseOrderID: orderID, problemsOnly: problems, limit: Int(limit))
                return try json(GoodsReceiptList(receipts: receipts))
            }
        }
        router.post("\(api)/count-tasks") { request, _ in
            try await manage(request, store) { actor in
                let body = try await decode(CountTaskRequest.self, from: request)
                let task = try await body.record(id: UUID().uuidString.lowercased(), store: store)
                let now = clock()
                // The task goes to the stations and into the audit trail in one transaction.
                try await store.write { db in
                    try CatalogFeed.put([try CatalogWrite(.countTask(task))], now: now, on: db)
                    try Audit.record(
                        actor: actor, action: "count-task.create", entity: "count-task", id: task.id,
                        before: nil as CountTaskRecord?, after: task, now: now, on: db)
                }
                return try json(task, status: .created)
            }
        }
        router.get("\(api)/counts") { request, _ in
            try await manage(request, store) {
                let text = request.uri.queryParameters["status"].map(String.init) ?? CountStatus.submitted.rawValue
                guard let status = CountStatus(rawValue: text) else {
                    throw APIProblem(
                        status: .badRequest,
                        message: "status must be submitted, approved or rejected, not \(text.debugDescription)")
                }
                let limit = try integerParameter(request, "limit", default: 100, range: 1...maximumListLimit)
                return try json(CountList(counts: try await store.counts(status: status, limit: Int(limit))))
            }
        }
        router.post("\(api)/counts/:countID/approve") { request, context in
            try await manage(request, store) { actor in
                let id = try countParameter(context)
                let body = try await decodeOptional(CountApprovalRequest.self, from: request)
                if let locationID = body?.locationID {
                    if let problem = Input.identifierProblem(locationID, "locationID") {
                        throw APIProblem(status: .unprocessableContent, message: problem)
                    }
                    guard try await store.catalogRecord(kind: .location, key: locationID) != nil else {
                        throw APIProblem(
                            status: .unprocessableContent, message: "location \(locationID) is not in the catalog")
                    }
                }
                return try json(
                    try await store.decideCount(
                        id: id, .approve(locationID: body?.locationID), actor: actor, now: clock()))
            }
        }
        router.post("\(api)/counts/:countID/reject") { request, context in
            try await manage(request, store) { actor in
                let id = try countParameter(context)
                return try json(try await store.decideCount(id: id, .reject, actor: actor, now: clock()))
            }
        }
    }

    /// Runs a management handler for a manager: the token is checked first, and a ``ManagementError`` or a catalog
    /// record central refuses becomes its answer.
    static func manage(
        _ request: Request, _ store: any CentralStore, _ body: () async throws -> Response
    ) async throws -> Response {
        try await manage(request, store) { _ in try await body() }
    }

    /// As ``manage(_:_:_:)``, with who is asking as the audit trail names them: `manager:<id>` for a manager's
    /// token, the user's id for a user's.
    static func manage(
        _ request: Request, _ store: any CentralStore, _ body: (String) async throws -> Response
    ) async throws -> Response {
        try await respond {
            let actor = try await authorizeManagement(request, store: store)
            do {
                return try await body(actor)
            } catch let error as ManagementError {
                switch error {
                case .notFound(let message): throw APIProblem(status: .notFound, message: message)
                case .conflict(let message): throw APIProblem(status: .conflict, message: message)
                case .invalid(let message): throw APIProblem(status: .unprocessableContent, message: message)
                }
            } catch let problem as CatalogProblem {
                throw APIProblem(status: .unprocessableContent, message: problem.description)
            }
        }
    }

    /// Lets in a manager's token from `tally-central manager add`, or a back-office user's API token whose role
    /// plans purchasing and decides counts (administrators and managers). A station's token, or a user's of
    /// another role, is refused with 403: it is valid, but not for this.
    @discardableResult
    static func authorizeManagement(_ request: Request, store: any CentralStore) async throws -> String {
        guard let token = bearerToken(request) else { throw APIProblem.managerUnauthorized }
        let hash = Secrets.hashToken(token)
        if let manager = try await store.manager(tokenHash: hash) { return "manager:\(manager.id)" }
        if let user = try await APITokens.user(secret: token, now: Central.now(), database: store) {
            guard user.role.can(.editPurchasing), user.role.can(.decideCounts) else {
                throw APIProblem(
                    status: .forbidden, message: "your role (\(user.role.title)) does not open the management API")
            }
            return user.id
        }
        if try await store.station(tokenHash: hash) != nil {
            throw APIProblem(
                status: .forbidden,
                message: "a station's token cannot be used for the management API; use a manager's token "
                    + "(tally-central manager add NAME)")
        }
        throw APIProblem.managerUnauthorized
    }

    /// A path parameter as the client meant it (percent-decoded).
    static func pathParameter(_ context: CentralRequestContext, _ name: String) throws -> String {
        guard let raw = context.parameters.get(name) else {
            throw APIProblem(status: .badRequest, message: "the path names no \(name)")
        }
        return raw.removingPercentEncoding ?? raw
    }

    /// The count id of the path: an id that cannot be a count's is a count central does not hold.
    static func countParameter(_ context: CentralRequestContext) throws -> String {
        let id = try pathParameter(context, "countID")
        guard Input.identifierProblem(id, "") == nil else {
            throw APIProblem(status: .notFound, message: "there is no count \(id)")
        }
        return id
    }

    /// `true` or `false` from the query, or `default` when absent; a 400 naming the parameter otherwise.
    static func booleanParameter(_ request: Request, _ name: String, default value: Bool) throws -> Bool {
        guard let text = request.uri.queryParameters[Substring(name)] else { return value }
        switch text {
        case "true": return true
        case "false": return false
        default:
            throw APIProblem(
                status: .badRequest, message: "\(name) must be true or false, not \(String(text).debugDescription)")
        }
    }
}

extension APIProblem {
    static let managerUnauthorized = APIProblem(
        status: .unauthorized,
        message: "a valid manager token is needed (Authorization: Bearer …); make one with tally-central manager add")
}

/// Checks of what managers type, with messages that say what is wrong. Nothing with a control character is stored:
/// PostgreSQL cannot store NUL, and a stored line break would break the lines stations and files are made of.
enum Input {
    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control } || text.contains(where: \.isNewline)
    }

    /// What is wrong with an id: it must have 1 to 64 bytes (UTF-8) on one line, without control characters.
    static func identifierProblem(_ value: String, _ what: String) -> String? {
        value.isEmpty || value.utf8.count > 64 || hasControlCharacters(value)
            ? "\(what) \(value.debugDescription) must have 1 to 64 characters, none of them control characters" : nil
    }

    /// What is wrong with a name: 1 to 200 bytes, not only spaces, without control characters.
    static func nameProblem(_ value: String, _ what: String) -> String? {
        value.allSatisfy(\.isWhitespace) || value.utf8.count > 200 || hasControlCharacters(value)
            ? "\(what) must have 1 to 200 characters, not only spaces and none of them control characters" : nil
    }

    /// Whether `text` is a date `YYYY-MM-DD` that exists.
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = Int(text.prefix(4)), let month = Int(text.dropFirst(5).prefix(2)),
            let day = Int(text.suffix(2)),
            bytes.enumerated().allSatisfy({ [4, 7].contains($0.offset) || (48...57).contains($0.element) })
        else { return false }
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    static func invalid(_ message: String) -> APIProblem {
        APIProblem(status: .unprocessableContent, message: message)
    }
}

/// `PUT /api/v1/suppliers/{id}`.
struct SupplierRequest: Decodable {
    var name: String
    /// Read as any number, so that 2.5 is answered with the rule rather than as JSON central cannot read.
    var overTolerancePercent: Double
}

/// `POST /api/v1/purchase-orders`: an order central numbers its lines for and sends to the stations.
struct PurchaseOrderRequest: Decodable {
    struct Line: Decodable {
        var productID: String
        var quantity: Int64
    }

    var number: String
    var supplierID: String
    var locationID: String
    var expectedAt: Int64?
    var lines: [Line]
    var pallets: [PalletRecord]?

    /// The order's record, status `sent`, with the supplier's name and tolerance; every field checked against the
    /// catalog and the suppliers, a 422 naming what is wrong.
    func record(id: String, store: any CentralStore) async throws -> PurchaseOrderRecord {
        do {
            _ = try TallyCode.validated(.purchaseOrder(number))
        } catch {
            throw Input.invalid(
                "number \(number.debugDescription): an order number is 1 to 24 capital letters, digits and dots (not "
                    + "first or last), so that its label can be printed and scanned")
        }
        if let problem = Input.identifierProblem(supplierID, "supplierID") { throw Input.invalid(problem) }
        guard let supplier = try await store.supplier(id: supplierID) else {
            throw Input.invalid("supplier \(supplierID) is not known: add it with PUT /api/v1/suppliers/\(supplierID)")
        }
        if let problem = Input.identifierProblem(locationID, "locationID") { throw Input.invalid(problem) }
        guard try await store.catalogRecord(kind: .location, key: locationID) != nil else {
            throw Input.invalid("location \(locationID) is not in the catalog")
        }
        if let expectedAt, expectedAt < 0 { throw Input.invalid("expectedAt must not be negative") }
        guard (1...CentralAPI.maximumItems).contains(lines.count) else {
            throw Input.invalid("an order has 1 to \(CentralAPI.maximumItems) lines, not \(lines.count)")
        }
        var known = Set<[UInt8]>()
        for (index, line) in lines.enumerated() {
            try await Self.checkProduct(line.productID, "lines[\(index)]", known: &known, store: store)
            guard (1...CentralAPI.maximumQuantity).contains(line.quantity) else {
                throw Input.invalid(
                    "lines[\(index)]: the quantity must be 1 to \(CentralAPI.maximumQuantity), not \(line.quantity)")
            }
        }
        let pallets = self.pallets ?? []
        guard pallets.count <= CentralAPI.maximumItems else {
            throw Input.invalid("an order announces at most \(CentralAPI.maximumItems) pallets")
        }
        var ssccs = Set<String>()
        for (index, pallet) in pallets.enumerated() {
            let place = "pallets[\(index)]"
            do {
                _ = try SSCC(validating: Array(pallet.sscc.utf8))
            } catch {
                throw Input.invalid("\(place): sscc \(pallet.sscc.debugDescription) is not an SSCC: \(error)")
            }
            guard ssccs.insert(pallet.sscc).inserted else {
                throw Input.invalid("\(place): pallet \(pallet.sscc) is announced twice")
            }
            guard (1...CentralAPI.maximumItems).contains(pallet.contents.count) else {
                throw Input.invalid("\(place): a pallet holds 1 to \(CentralAPI.maximumItems) contents")
            }
            for (number, content) in pallet.contents.enumerated() {
                let place = "\(place).contents[\(number)]"
                guard lines.contains(where: { $0.productID.utf8.elementsEqual(content.productID.utf8) }) else {
                    throw Input.invalid("\(place): product \(content.productID) is not on the order's lines")
                }
                guard (1...CentralAPI.maximumQuantity).contains(content.quantity) else {
                    throw Input.invalid(
                        "\(place): the quantity must be 1 to \(CentralAPI.maximumQuantity), not \(content.quantity)")
                }
                if let lot = content.lot, lot.utf8.count > 20 || Input.hasControlCharacters(lot) {
                    throw Input.invalid("\(place): a lot has at most 20 characters, none of them control characters")
                }
                if let expiry = content.expiry, !Input.isDate(expiry) {
                    throw Input.invalid("\(place): expiry \(expiry.debugDescription) is not a date YYYY-MM-DD")
                }
            }
        }
        let record = PurchaseOrderRecord(
            id: id, number: number, supplierID: supplier.id, supplierName: supplier.name, status: "sent",
            locationID: locationID, expectedAt: expectedAt,
            lines: lines.enumerated().map {
                PurchaseOrderLineRecord(
                    number: $0.offset + 1, productID: $0.element.productID, quantity: $0.element.quantity)
            },
            overTolerancePercent: supplier.overTolerancePercent, pallets: self.pallets)
        if let problem = CatalogRecord.purchaseOrder(record).problem { throw Input.invalid(problem) }
        return record
    }

    /// Refuses an id that is malformed or names no product of the catalog (each product looked up once).
    static func checkProduct(
        _ productID: String, _ place: String, known: inout Set<[UInt8]>, store: any CentralStore
    ) async throws {
        if let problem = Input.identifierProblem(productID, "the product") {
            throw Input.invalid("\(place): \(problem)")
        }
        guard !known.contains(Array(productID.utf8)) else { return }
        guard try await store.catalogRecord(kind: .product, key: productID) != nil else {
            throw Input.invalid("\(place): product \(productID) is not in the catalog")
        }
        known.insert(Array(productID.utf8))
    }
}

/// `POST /api/v1/count-tasks`: a location to count, some items wherever they are, or some items at a location.
struct CountTaskRequest: Decodable {
    var locationID: String?
    var productIDs: [String]
    var dueAt: Int64?

    /// The task's record, status `open`; every field checked against the catalog, a 422 naming what is wrong.
    func record(id: String, store: any CentralStore) async throws -> CountTaskRecord {
        if let locationID {
            if let problem = Input.identifierProblem(locationID, "locationID") { throw Input.invalid(problem) }
            guard try await store.catalogRecord(kind: .location, key: locationID) != nil else {
                throw Input.invalid("location \(locationID) is not in the catalog")
            }
        }
        guard productIDs.count <= 10 * CentralAPI.maximumItems else {
            throw Input.invalid("a count task names at most \(10 * CentralAPI.maximumItems) products")
        }
        guard locationID != nil || !productIDs.isEmpty else {
            throw Input.invalid("name a location to count (locationID), products (productIDs), or both")
        }
        var known = Set<[UInt8]>()
        for (index, productID) in productIDs.enumerated() {
            if known.contains(Array(productID.utf8)) {
                throw Input.invalid("productIDs[\(index)]: product \(productID) is named twice")
            }
            try await PurchaseOrderRequest.checkProduct(productID, "productIDs[\(index)]", known: &known, store: store)
        }
        if let dueAt, dueAt < 0 { throw Input.invalid("dueAt must not be negative") }
        let record = CountTaskRecord(
            id: id, locationID: locationID, productIDs: productIDs, status: "open", dueAt: dueAt)
        if let problem = CatalogRecord.countTask(record).problem { throw Input.invalid(problem) }
        return record
    }
}

/// `POST /api/v1/counts/{countID}/approve`, whose body may be left out.
struct CountApprovalRequest: Decodable {
    /// Where a count made without a location books its corrections.
    var locationID: String?
}

/// `GET /api/v1/counts`.
struct CountList: Encodable {
    var counts: [CountReport]
}

/// `GET /api/v1/goods-receipts`.
struct GoodsReceiptList: Encodable {
    var receipts: [GoodsReceiptReport]
}
