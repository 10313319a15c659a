/// A sold line as a return sees it: what was sold and what has already come back.
public struct ReturnableLine: Hashable, Sendable {
    public let line: SaleLine
    /// Pieces or grams returned by earlier returns.
    public let returnedQuantity: Int64
    /// What earlier returns refunded for this line.
    public let refundedAmount: Money

    public init(line: SaleLine, returnedQuantity: Int64, refundedAmount: Money) {
        self.line = line
        self.returnedQuantity = returnedQuantity
        self.refundedAmount = refundedAmount
    }

    /// What may still come back.
    public var openQuantity: Int64 { line.quantity - returnedQuantity }
}

/// A completed sale found by its receipt barcode, ready to take goods back against.
public struct ReturnableSale: Hashable, Sendable {
    public let saleID: String
    public let receipt: TallyCode
    public let lines: [ReturnableLine]

    public init(saleID: String, receipt: TallyCode, lines: [ReturnableLine]) {
        self.saleID = saleID
        self.receipt = receipt
        self.lines = lines
    }
}

/// What the return workflow is asked to do once a receipt is loaded.
public enum ReturnInput: Hashable, Sendable {
    /// Take back `quantity` of a receipt line; nil takes back everything still open on it.
    case select(line: Int, quantity: Int64?)
    /// An item scanned: one more of the first line with this code that still has something open, or the pending
    /// multiplier's worth.
    case item(code: String)
    /// Multiply the next scanned item.
    case quantity(Int64)
    /// Where lines selected from now on go: back to the shelf, or to damaged goods.
    case disposition(StockDisposition)
    /// Take a line out of the return again.
    case unselect(line: Int)
    /// Refund everything selected by this tender, which completes the return.
    case refund(kind: TenderKind, reference: String?)
}

/// Why a return input was refused.
public enum ReturnRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    case noSuchLine(Int)
    case notOnReceipt(code: String)
    case nothingOpen(line: Int)
    case moreThanOpen(line: Int, asked: Int64, open: Int64)
    case quantityOutOfRange(Int64)
    case nothingSelected
    case refund(SaleRefusal)

    public var description: String {
        switch self {
        case .noSuchLine(let number): "the receipt has no line \(number)"
        case .notOnReceipt(let code): "item \(code) is not on this receipt, or all of it has come back"
        case .nothingOpen(let line): "everything on line \(line) has already been returned"
        case .moreThanOpen(let line, let asked, let open):
            "line \(line): \(asked) asked back, only \(open) sold and not yet returned"
        case .quantityOutOfRange(let count): "quantity \(count) is not a positive number"
        case .nothingSelected: "nothing is selected to return"
        case .refund(let refusal): refusal.description
        }
    }
}

/// The return workflow: goods taken back against one receipt, never more than was sold less what came back.
public struct ReturnWorkflow: Sendable {
    /// Part of a receipt line chosen for return, and where those goods go; one line may come back partly to
    /// the shelf and partly to damaged goods.
    public struct SelectionKey: Hashable, Sendable {
        public let line: Int
        public let disposition: StockDisposition

        public init(line: Int, disposition: StockDisposition) {
            self.line = line
            self.disposition = disposition
        }
    }

    public let rules: SaleRules
    public let sale: ReturnableSale
    public let returnID: String
    /// Quantities chosen, by receipt line and disposition.
    public private(set) var selections: [SelectionKey: Int64] = [:]
    public private(set) var disposition: StockDisposition = .sellable
    public private(set) var pendingQuantity: Int64?

    public init(rules: SaleRules, sale: ReturnableSale, returnID: String) {
        self.rules = rules
        self.sale = sale
        self.returnID = returnID
    }

    /// How much of a receipt line is chosen, over both dispositions.
    public func selectedQuantity(line: Int) -> Int64 {
        StockDisposition.allCases.reduce(0) { $0 + (selections[SelectionKey(line: line, disposition: $1)] ?? 0) }
    }

    /// Applies `input`; returns the completed return when the refund was made.
    public mutating func handle(_ input: ReturnInput) throws(ReturnRefusal) -> CompletedReturn? {
        switch input {
        case .select(let number, let quantity):
            guard let line = sale.lines.first(where: { $0.line.number == number }) else { throw .noSuchLine(number) }
            let key = SelectionKey(line: number, disposition: disposition)
            let elsewhere = selectedQuantity(line: number) - (selections[key] ?? 0)
            let open = line.openQuantity - elsewhere
            guard open > 0 else { throw .nothingOpen(line: number) }
            let wanted = quantity ?? open
            guard wanted > 0 else { throw .quantityOutOfRange(wanted) }
            guard wanted <= open else { throw .moreThanOpen(line: number, asked: wanted, open: open) }
            selections[key] = wanted
        case .item(let code):
            let step = pendingQuantity ?? 1
            guard
                let line = sale.lines.first(where: {
                    $0.line.code == code && $0.openQuantity - selectedQuantity(line: $0.line.number) > 0
                })
            else { throw .notOnReceipt(code: code) }
            let number = line.line.number
            let open = line.openQuantity - selectedQuantity(line: number)
            // A weighed line comes back whole: its grams cannot be counted by scanning.
            let adding = line.line.unit == .weight ? open : step
            guard adding <= open else { throw .moreThanOpen(line: number, asked: adding, open: open) }
            selections[SelectionKey(line: number, disposition: disposition), default: 0] += adding
            pendingQuantity = nil
        case .quantity(let count):
            guard count > 0, count <= rules.maximumPieces else { throw .quantityOutOfRange(count) }
            pendingQuantity = count
        case .disposition(let next):
            disposition = next
        case .unselect(let number):
            guard selectedQuantity(line: number) > 0 else { throw .noSuchLine(number) }
            for disposition in StockDisposition.allCases {
                selections[SelectionKey(line: number, disposition: disposition)] = nil
            }
        case .refund(let kind, let reference):
            return try complete(kind: kind, reference: reference)
        }
        return nil
    }

    /// The lines selected so far with their refund amounts, in receipt order, sellable before damaged.
    public func returnLines() throws(ReturnRefusal) -> [ReturnLine] {
        var result: [ReturnLine] = []
        for returnable in sale.lines {
            let line = returnable.line
            let total = selectedQuantity(line: line.number)
            guard total > 0 else { continue }
            var remaining = try refundMoney { () throws(MoneyError) in
                // The last of a line refunds exactly what is left of it, so partial returns never drift.
                total == returnable.openQuantity
                    ? try line.amount.subtracting(returnable.refundedAmount)
                    : try line.amount.scaled(numerator: total, denominator: line.quantity)
            }
            var left = total
            for disposition in StockDisposition.allCases {
                guard let quantity = selections[SelectionKey(line: line.number, disposition: disposition)],
                    quantity > 0
                else { continue }
                left -= quantity
                let amount =
                    left == 0
                    ? remaining
                    : try refundMoney { () throws(MoneyError) in
                        try line.amount.scaled(numerator: quantity, denominator: line.quantity)
                    }
                remaining = try refundMoney { () throws(MoneyError) in try remaining.subtracting(amount) }
                result.append(
                    ReturnLine(
                        originalLineNumber: line.number, productID: line.productID, name: line.name, code: line.code,
                        unit: line.unit, quantity: quantity, amount: amount, taxClass: line.taxClass,
                        disposition: disposition))
            }
        }
        return result
    }

    private func complete(kind: TenderKind, reference: String?) throws(ReturnRefusal) -> CompletedReturn {
        let lines = try returnLines()
        guard !lines.isEmpty else { throw .nothingSelected }
        let totals = try refundMoney { () throws(MoneyError) in
            let taxable = try lines.map { line throws(MoneyError) in
                TaxableLine(amount: try line.amount.negated(), taxClass: line.taxClass)
            }
            return try rules.tax.totals(of: taxable, currency: rules.currency)
        }
        let settlement: Settlement
        do throws(SaleRefusal) {
            settlement = try Settlement.make(
                TenderRequest(kind: kind, reference: reference), remaining: totals.total,
                cashRounding: rules.cashRounding)
        } catch { throw .refund(error) }
        return CompletedReturn(
            returnID: returnID, originalSaleID: sale.saleID, originalReceipt: sale.receipt, lines: lines,
            totals: totals, tenders: [settlement.tender], cashRounding: settlement.rounding)
    }
}

/// Runs money arithmetic, turning its error into a refusal the operator sees.
func refundMoney<T>(_ body: () throws(MoneyError) -> T) throws(ReturnRefusal) -> T {
    do { return try body() } catch { throw .refund(.invalidAmount(error)) }
}
