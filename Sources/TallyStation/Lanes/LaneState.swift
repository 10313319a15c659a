import TallyCore

/// One lane's workflow state in memory; everything that matters is also in the database.
struct LaneState: Sendable {
    let id: String
    var mode: WorkflowMode
    var sale: SaleWorkflow
    /// A return in progress: the receipt is loaded and lines are being chosen. Nothing is written until the
    /// refund is made, so a restart only asks for the receipt again.
    var returning: ReturnWorkflow?
    /// A goods receipt in progress at a dock; its entries are in the database as they are scanned.
    var receiving: ReceivingWorkflow?
    /// The count this lane is taking part in; its entries are in the database as they are scanned.
    var counting: CountSession?
    var lastRejection: LaneSnapshot.Rejection?
    var lastReceipt: Int?
    var lastMessage: String?

    /// Whether nothing is in progress on the lane, so a scanned document may switch its workflow.
    var isIdle: Bool {
        sale.basket == nil && returning == nil && (receiving?.liveEntries.isEmpty ?? true)
            && (counting?.counted.isEmpty ?? true)
    }

    /// Puts an idle lane into `mode` for a scanned document; a lane with work in progress refuses.
    mutating func switchWhenIdle(to mode: WorkflowMode, for purpose: String) throws {
        guard self.mode != mode else { return }
        guard isIdle else { throw Refusal(description: "finish what is in progress before \(purpose)") }
        self.mode = mode
    }

    func snapshot(rules: SaleRules) -> LaneSnapshot {
        LaneSnapshot(
            lane: id, mode: mode.rawValue, currency: rules.currency.code, basket: basketSnapshot(rules: rules),
            return: returnSnapshot(), receiving: receivingSnapshot(), count: countSnapshot(),
            lastRejection: lastRejection,
            lastReceipt: lastReceipt, lastMessage: lastMessage)
    }

    private func basketSnapshot(rules: SaleRules) -> LaneSnapshot.Basket? {
        guard let basket = sale.basket else { return nil }
        let total = (try? basket.totals(rules).total.minorUnits) ?? 0
        let paid = (try? basket.paid(in: rules.currency).minorUnits) ?? 0
        return LaneSnapshot.Basket(
            id: basket.id, lines: basket.lines.map(LaneSnapshot.Line.init),
            tenders: basket.tenders.map(LaneSnapshot.Tender.init), total: total, paid: paid,
            remaining: total - paid, pendingQuantity: basket.pendingQuantity,
            awaitingPriceFor: basket.pendingPriceCode)
    }

    private func returnSnapshot() -> LaneSnapshot.Return? {
        guard let returning else { return nil }
        let refund = (try? returning.returnLines().reduce(0) { $0 + $1.amount.minorUnits }) ?? 0
        return LaneSnapshot.Return(
            receipt: returning.sale.receipt.description,
            lines: returning.sale.lines.map { line in
                let parts = StockDisposition.allCases.compactMap { disposition -> String? in
                    let key = ReturnWorkflow.SelectionKey(line: line.line.number, disposition: disposition)
                    return returning.selections[key].map { "\(disposition.rawValue) \($0)" }
                }
                return LaneSnapshot.ReturnLine(
                    number: line.line.number, name: line.line.name, sold: line.line.quantity,
                    alreadyReturned: line.returnedQuantity,
                    selected: returning.selectedQuantity(line: line.line.number),
                    disposition: parts.isEmpty ? nil : parts.joined(separator: ", "))
            }, refund: refund, disposition: returning.disposition.rawValue)
    }
}
