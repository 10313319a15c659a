/// The sale workflow of a till lane as a state machine: inputs change the basket and say what changed.
///
/// It does no I/O: the station journals the scan, resolves it against the catalog, hands the input over and
/// writes the returned events in one transaction. A refused input changes nothing. After a sale completes or a
/// basket is voided there is no open basket; the next item opens one with the id the station supplies.
public struct SaleWorkflow: Sendable {
    public let rules: SaleRules
    public private(set) var basket: SaleBasket?

    /// A lane with no basket open, or with the basket it had when the station stopped.
    public init(rules: SaleRules, basket: SaleBasket? = nil) {
        self.rules = rules
        self.basket = basket.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Applies `input`; `newBasketID` names the basket this input opens, if it opens one.
    public mutating func handle(
        _ input: SaleInput, newBasketID: @autoclosure () -> String
    ) throws(SaleRefusal)
        -> [SaleEvent]
    {
        var working = basket ?? SaleBasket(id: newBasketID())
        let events: [SaleEvent]
        switch input {
        case .item(let entry): events = try add(entry, to: &working)
        case .unknownItem(let code): events = try unknown(code, in: &working)
        case .quantity(let count): events = try setQuantity(count, in: &working)
        case .voidLine(let number): events = try voidLine(number, in: &working)
        case .voidBasket:
            guard !working.isEmpty else { throw .basketEmpty }
            if let electronic = working.tenders.first(where: { $0.kind != .cash }) {
                throw .electronicPaymentTaken(electronic.kind)
            }
            basket = nil
            return [.basketVoided(working)]
        case .enterPrice(let price, let person): events = try enterPrice(price, by: person, in: &working)
        case .cancel:
            var cleared: [SaleEvent] = []
            if working.pendingQuantity != nil { cleared.append(.quantityPending(nil)) }
            if working.pendingPriceCode != nil { cleared.append(.priceEntryPending(code: nil)) }
            working.pendingQuantity = nil
            working.pendingPriceCode = nil
            events = cleared
        case .tender(let request):
            events = try tender(request, in: &working)
            if case .completed = events.last {
                basket = nil
                return events
            }
        }
        basket = working.isEmpty ? nil : working
        return events
    }

    private func requireOpenForItems(_ basket: SaleBasket) throws(SaleRefusal) {
        if let code = basket.pendingPriceCode { throw .priceEntryPending(code: code) }
        guard basket.tenders.isEmpty else { throw .paymentStarted }
    }

    private func add(_ entry: ItemEntry, to basket: inout SaleBasket) throws(SaleRefusal) -> [SaleEvent] {
        try requireOpenForItems(basket)
        let multiplier = basket.pendingQuantity ?? 1
        let item = entry.item
        var events: [SaleEvent] = basket.pendingQuantity == nil ? [] : [.quantityPending(nil)]
        basket.pendingQuantity = nil
        if entry.embedded == nil, item.unit == .piece,
            let index = basket.lines.lastIndex(where: { $0.absorbsRepeatScans && $0.code == entry.code })
        {
            var line = basket.lines[index]
            let quantity = line.quantity + multiplier
            guard quantity <= rules.maximumPieces else {
                throw .quantityOutOfRange(quantity, maximum: rules.maximumPieces)
            }
            line.quantity = quantity
            line.amount = try money { () throws(MoneyError) in try line.unitPrice.multiplied(by: quantity) }
            basket.lines[index] = line
            events.append(.lineChanged(line))
            return events
        }
        let (quantity, amount, pricing) = try measure(entry, multiplier: multiplier)
        let line = SaleLine(
            number: (basket.lines.last?.number ?? 0) + 1, productID: item.productID, name: item.name,
            code: entry.code, unit: item.unit, quantity: quantity, unitPrice: item.unitPrice, amount: amount,
            taxClass: item.taxClass, pricing: pricing)
        basket.lines.append(line)
        events.append(.lineAdded(line))
        return events
    }

    /// The quantity, amount and pricing of a new line for `entry`, `multiplier` packs of it.
    private func measure(_ entry: ItemEntry, multiplier: Int64) throws(SaleRefusal) -> (Int64, Money, LinePricing) {
        let item = entry.item
        switch (entry.embedded, item.unit) {
        case (nil, .piece):
            let amount = try money { () throws(MoneyError) in try item.unitPrice.multiplied(by: multiplier) }
            return (multiplier, amount, .catalog)
        case (nil, .weight):
            throw .weightNeeded(name: item.name)
        case (.price(let price), let unit):
            try requireCurrency(price)
            let amount = try money { () throws(MoneyError) in try price.multiplied(by: multiplier) }
            var quantity = multiplier
            if unit == .weight {
                // The label carries only the price; the weight follows from the price per kilogram.
                guard item.unitPrice.isPositive else { throw .weightNeeded(name: item.name) }
                let grams = try money { () throws(MoneyError) in
                    try Money(minorUnits: price.minorUnits, currency: price.currency)
                        .scaled(numerator: 1000, denominator: item.unitPrice.minorUnits)
                }
                quantity = grams.minorUnits * multiplier
            }
            try requireQuantity(quantity, unit: unit)
            return (quantity, amount, .embeddedPrice)
        case (.grams(let grams), .weight):
            let quantity = grams * multiplier
            try requireQuantity(quantity, unit: .weight)
            let amount = try money { () throws(MoneyError) in
                try PricePerWeight.perKilogram(item.unitPrice).amount(forGrams: quantity)
            }
            return (quantity, amount, .embeddedWeight)
        case (.pieces(let count), .piece):
            let quantity = count * multiplier
            try requireQuantity(quantity, unit: .piece)
            let amount = try money { () throws(MoneyError) in try item.unitPrice.multiplied(by: quantity) }
            return (quantity, amount, .catalog)
        case (.pieces, .weight):
            throw .weightNeeded(name: item.name)
        case (.grams, .piece):
            // A weight label on an item the catalog sells by the piece: sell the pieces, keep the catalog price.
            let amount = try money { () throws(MoneyError) in try item.unitPrice.multiplied(by: multiplier) }
            return (multiplier, amount, .catalog)
        }
    }

    private func requireQuantity(_ quantity: Int64, unit: SaleUnit) throws(SaleRefusal) {
        let maximum = unit == .piece ? rules.maximumPieces : rules.maximumGrams
        guard (1...maximum).contains(quantity) else { throw .quantityOutOfRange(quantity, maximum: maximum) }
    }

    private func requireCurrency(_ amount: Money) throws(SaleRefusal) {
        guard amount.currency == rules.currency else {
            throw .invalidAmount(.currencyMismatch(rules.currency, amount.currency))
        }
    }

    private func unknown(_ code: String, in basket: inout SaleBasket) throws(SaleRefusal) -> [SaleEvent] {
        try requireOpenForItems(basket)
        guard case .priceEntry = rules.unknownBarcode, rules.unknownItemTaxClass != nil else {
            throw .unknownItem(code: code)
        }
        basket.pendingPriceCode = code
        return [.priceEntryPending(code: code)]
    }

    private func enterPrice(
        _ price: Money, by person: Operator, in basket: inout SaleBasket
    ) throws(SaleRefusal)
        -> [SaleEvent]
    {
        guard let code = basket.pendingPriceCode else { throw .noPriceEntryPending }
        guard case .priceEntry(let roles) = rules.unknownBarcode, roles.contains(person.role),
            let taxClass = rules.unknownItemTaxClass
        else { throw .priceEntryNotAllowed(role: person.role) }
        try requireCurrency(price)
        guard price.isPositive else { throw .amountNotPositive }
        let multiplier = basket.pendingQuantity ?? 1
        let amount = try money { () throws(MoneyError) in try price.multiplied(by: multiplier) }
        var events: [SaleEvent] = [.priceEntryPending(code: nil)]
        if basket.pendingQuantity != nil { events.append(.quantityPending(nil)) }
        basket.pendingPriceCode = nil
        basket.pendingQuantity = nil
        let line = SaleLine(
            number: (basket.lines.last?.number ?? 0) + 1, productID: nil, name: "Item \(code)", code: code,
            unit: .piece, quantity: multiplier, unitPrice: price, amount: amount,
            taxClass: taxClass, pricing: .entered(operatorID: person.id))
        basket.lines.append(line)
        events.append(.lineAdded(line))
        return events
    }

    private func setQuantity(_ count: Int64, in basket: inout SaleBasket) throws(SaleRefusal) -> [SaleEvent] {
        try requireOpenForItems(basket)
        guard (1...rules.maximumPieces).contains(count) else {
            throw .quantityOutOfRange(count, maximum: rules.maximumPieces)
        }
        basket.pendingQuantity = count
        return [.quantityPending(count)]
    }

    private func voidLine(_ number: Int?, in basket: inout SaleBasket) throws(SaleRefusal) -> [SaleEvent] {
        guard basket.tenders.isEmpty else { throw .paymentStarted }
        let index: Int
        if let number {
            guard let found = basket.lines.firstIndex(where: { $0.number == number }) else {
                throw .noSuchLine(number)
            }
            guard !basket.lines[found].isVoided else { throw .lineAlreadyVoided(number) }
            index = found
        } else {
            guard let last = basket.lines.lastIndex(where: { !$0.isVoided }) else { throw .nothingToVoid }
            index = last
        }
        basket.lines[index].isVoided = true
        return [.lineVoided(basket.lines[index])]
    }

    private func tender(_ request: TenderRequest, in basket: inout SaleBasket) throws(SaleRefusal) -> [SaleEvent] {
        guard !basket.liveLines.isEmpty else { throw .basketEmpty }
        if let code = basket.pendingPriceCode { throw .priceEntryPending(code: code) }
        if let amount = request.amount { try requireCurrency(amount) }
        let totals = try money { () throws(MoneyError) in try basket.totals(rules) }
        let remaining = try money { () throws(MoneyError) in
            try totals.total.subtracting(basket.paid(in: rules.currency))
        }
        let settlement = try Settlement.make(
            request, remaining: remaining, cashRounding: rules.cashRounding)
        basket.tenders.append(settlement.tender)
        var events: [SaleEvent] = [.tendered(settlement.tender)]
        if settlement.settles {
            let live = basket.liveLines
            events.append(
                .completed(
                    CompletedSale(
                        basketID: basket.id, lines: live, voidedLines: basket.lines.filter(\.isVoided),
                        totals: totals, tenders: basket.tenders, cashRounding: settlement.rounding)))
        }
        return events
    }
}

/// How one tender settles an amount due: the tender to record, whether it pays everything and the cash rounding.
struct Settlement {
    let tender: SaleTender
    let settles: Bool
    let rounding: Money

    /// The settlement of `remaining` (positive for a sale, negative for a refund) by `request`.
    static func make(
        _ request: TenderRequest, remaining: Money, cashRounding: CashRounding?
    ) throws(SaleRefusal)
        -> Settlement
    {
        let currency = remaining.currency
        let zero = Money.zero(currency)
        let refund = remaining.isNegative
        if request.kind != .cash {
            let reference = request.reference?.trimmed ?? ""
            // An account payment must name the customer's account; a card payment carries the terminal's
            // reference when the terminal reports one, and is confirmed by the cashier's scan when it does not.
            if reference.isEmpty, request.kind == .account {
                throw .referenceRequired(request.kind)
            }
            let magnitude = try money { () throws(MoneyError) in refund ? try remaining.negated() : remaining }
            let amount = request.amount ?? magnitude
            guard amount.isPositive || magnitude.isZero else { throw .amountNotPositive }
            guard amount.minorUnits <= magnitude.minorUnits else {
                throw .exceedsDue(request.kind, amount: amount, due: magnitude)
            }
            let applied = try money { () throws(MoneyError) in refund ? try amount.negated() : amount }
            let tender = SaleTender(
                kind: request.kind, tendered: applied, applied: applied, change: zero,
                reference: reference.isEmpty ? nil : reference)
            return Settlement(tender: tender, settles: amount == magnitude, rounding: zero)
        }
        let rounded = try money { () throws(MoneyError) in
            try cashRounding?.round(remaining)
                ?? CashRoundingResult(exact: remaining, rounded: remaining, difference: zero)
        }
        if refund {
            // Refunds are paid out in full in one go; the drawer gives the rounded amount.
            let tender = SaleTender(
                kind: .cash, tendered: rounded.rounded, applied: rounded.rounded, change: zero,
                reference: request.reference)
            return Settlement(tender: tender, settles: true, rounding: rounded.difference)
        }
        let given = request.amount ?? rounded.rounded
        guard given.isPositive || rounded.rounded.isZero else { throw .amountNotPositive }
        if given.minorUnits >= rounded.rounded.minorUnits {
            let change = try money { () throws(MoneyError) in try given.subtracting(rounded.rounded) }
            let tender = SaleTender(
                kind: .cash, tendered: given, applied: rounded.rounded, change: change, reference: request.reference)
            return Settlement(tender: tender, settles: true, rounding: rounded.difference)
        }
        let tender = SaleTender(
            kind: .cash, tendered: given, applied: given, change: zero, reference: request.reference)
        return Settlement(tender: tender, settles: false, rounding: zero)
    }
}

/// Runs money arithmetic, turning its error into a refusal the operator sees.
func money<T>(_ body: () throws(MoneyError) -> T) throws(SaleRefusal) -> T {
    do { return try body() } catch { throw .invalidAmount(error) }
}

extension String {
    var trimmed: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
