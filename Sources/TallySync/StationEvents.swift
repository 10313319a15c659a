/// The facts a station reports to central, as versioned Codable messages shared by both sides.
///
/// Every event carries an id made on the station (a UUID) and the station's gapless outbox sequence, so central
/// applies each exactly once however often it arrives. Amounts are integer minor units of `currency`;
/// quantities are pieces or grams as `unit` says; times are milliseconds since 1970 (UTC).
public enum StationEventType: String, Codable, Sendable, CaseIterable {
    case saleCompleted = "sale.completed"
    case basketVoided = "basket.voided"
    case returnCompleted = "return.completed"
    case periodClosed = "period.closed"
    case goodsReceived = "goods.received"
    case countSubmitted = "count.submitted"
    case stockAdjusted = "stock.adjusted"
}

/// One line of a sale as central sees it.
public struct SaleLinePayload: Codable, Hashable, Sendable {
    public var number: Int
    public var productID: String?
    public var name: String
    public var code: String
    public var unit: String
    public var quantity: Int64
    public var unitPrice: Int64
    public var amount: Int64
    public var taxClassID: String
    public var treatment: String
    public var ratePPM: Int64
    public var pricing: String
    public var enteredBy: String?

    public init(
        number: Int, productID: String?, name: String, code: String, unit: String, quantity: Int64, unitPrice: Int64,
        amount: Int64, taxClassID: String, treatment: String, ratePPM: Int64, pricing: String, enteredBy: String?
    ) {
        self.number = number
        self.productID = productID
        self.name = name
        self.code = code
        self.unit = unit
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.amount = amount
        self.taxClassID = taxClassID
        self.treatment = treatment
        self.ratePPM = ratePPM
        self.pricing = pricing
        self.enteredBy = enteredBy
    }
}

/// A payment or refund.
public struct TenderPayload: Codable, Hashable, Sendable {
    public var kind: String
    public var tendered: Int64
    public var applied: Int64
    public var change: Int64
    public var reference: String?

    public init(kind: String, tendered: Int64, applied: Int64, change: Int64, reference: String?) {
        self.kind = kind
        self.tendered = tendered
        self.applied = applied
        self.change = change
        self.reference = reference
    }
}

/// The totals of one tax treatment.
public struct TaxRatePayload: Codable, Hashable, Sendable {
    public var treatment: String
    public var ratePPM: Int64
    public var net: Int64
    public var tax: Int64
    public var gross: Int64

    public init(treatment: String, ratePPM: Int64, net: Int64, tax: Int64, gross: Int64) {
        self.treatment = treatment
        self.ratePPM = ratePPM
        self.net = net
        self.tax = tax
        self.gross = gross
    }
}

/// How a sale or return was settled: its tax per rate, its totals, the tenders that paid it and the cash
/// rounding. Always `Σ tenders.applied == total + cashRounding`; returns carry negative amounts.
public struct SettlementPayload: Codable, Hashable, Sendable {
    public var tenders: [TenderPayload]
    public var taxRates: [TaxRatePayload]
    public var net: Int64
    public var tax: Int64
    public var total: Int64
    public var cashRounding: Int64

    public init(
        tenders: [TenderPayload], taxRates: [TaxRatePayload], net: Int64, tax: Int64, total: Int64,
        cashRounding: Int64
    ) {
        self.tenders = tenders
        self.taxRates = taxRates
        self.net = net
        self.tax = tax
        self.total = total
        self.cashRounding = cashRounding
    }
}

/// One stock movement of the station's ledger.
public struct MovementPayload: Codable, Hashable, Sendable {
    public var id: String
    public var productID: String
    public var locationID: String
    public var lot: String
    public var quantity: Int64
    public var reason: String

    public init(id: String, productID: String, locationID: String, lot: String, quantity: Int64, reason: String) {
        self.id = id
        self.productID = productID
        self.locationID = locationID
        self.lot = lot
        self.quantity = quantity
        self.reason = reason
    }
}

/// A completed sale with its receipt number, its settlement and the stock it moved.
public struct SaleCompletedPayload: Codable, Hashable, Sendable {
    public var saleID: String
    public var lane: String
    public var receiptNumber: Int
    public var period: Int
    public var currency: String
    public var openedAt: Int64
    public var completedAt: Int64
    public var lines: [SaleLinePayload]
    public var voidedLines: [SaleLinePayload]
    public var settlement: SettlementPayload
    public var movements: [MovementPayload]

    public init(
        saleID: String, lane: String, receiptNumber: Int, period: Int, currency: String, openedAt: Int64,
        completedAt: Int64, lines: [SaleLinePayload], voidedLines: [SaleLinePayload], settlement: SettlementPayload,
        movements: [MovementPayload]
    ) {
        self.saleID = saleID
        self.lane = lane
        self.receiptNumber = receiptNumber
        self.period = period
        self.currency = currency
        self.openedAt = openedAt
        self.completedAt = completedAt
        self.lines = lines
        self.voidedLines = voidedLines
        self.settlement = settlement
        self.movements = movements
    }
}

/// A basket voided as a whole before payment.
public struct BasketVoidedPayload: Codable, Hashable, Sendable {
    public var saleID: String
    public var lane: String
    public var period: Int
    public var openedAt: Int64
    public var voidedAt: Int64
    public var lines: [SaleLinePayload]
    public var tenders: [TenderPayload]

    public init(
        saleID: String, lane: String, period: Int, openedAt: Int64, voidedAt: Int64, lines: [SaleLinePayload],
        tenders: [TenderPayload]
    ) {
        self.saleID = saleID
        self.lane = lane
        self.period = period
        self.openedAt = openedAt
        self.voidedAt = voidedAt
        self.lines = lines
        self.tenders = tenders
    }
}

/// One returned line.
public struct ReturnLinePayload: Codable, Hashable, Sendable {
    public var originalLineNumber: Int
    public var productID: String?
    public var quantity: Int64
    public var amount: Int64
    public var disposition: String

    public init(originalLineNumber: Int, productID: String?, quantity: Int64, amount: Int64, disposition: String) {
        self.originalLineNumber = originalLineNumber
        self.productID = productID
        self.quantity = quantity
        self.amount = amount
        self.disposition = disposition
    }
}

/// Goods taken back against a receipt, the refund's settlement and the stock that came back.
public struct ReturnCompletedPayload: Codable, Hashable, Sendable {
    public var returnID: String
    public var originalSaleID: String
    public var lane: String
    public var receiptNumber: Int
    public var period: Int
    public var currency: String
    public var completedAt: Int64
    public var lines: [ReturnLinePayload]
    public var settlement: SettlementPayload
    public var movements: [MovementPayload]

    public init(
        returnID: String, originalSaleID: String, lane: String, receiptNumber: Int, period: Int, currency: String,
        completedAt: Int64, lines: [ReturnLinePayload], settlement: SettlementPayload, movements: [MovementPayload]
    ) {
        self.returnID = returnID
        self.originalSaleID = originalSaleID
        self.lane = lane
        self.receiptNumber = receiptNumber
        self.period = period
        self.currency = currency
        self.completedAt = completedAt
        self.lines = lines
        self.settlement = settlement
        self.movements = movements
    }
}

/// A period closed by a Z report.
public struct PeriodClosedPayload: Codable, Hashable, Sendable {
    public var period: Int
    public var currency: String
    public var openedAt: Int64
    public var closedAt: Int64
    public var firstReceipt: Int?
    public var lastReceipt: Int?
    public var sales: Int64
    public var refunds: Int64
    public var openingFloat: Int64
    public var expectedCash: Int64
    public var countedCash: Int64
    public var tenders: [TenderPayload]
    public var taxRates: [TaxRatePayload]

    public init(
        period: Int, currency: String, openedAt: Int64, closedAt: Int64, firstReceipt: Int?, lastReceipt: Int?,
        sales: Int64, refunds: Int64, openingFloat: Int64, expectedCash: Int64, countedCash: Int64,
        tenders: [TenderPayload], taxRates: [TaxRatePayload]
    ) {
        self.period = period
        self.currency = currency
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.firstReceipt = firstReceipt
        self.lastReceipt = lastReceipt
        self.sales = sales
        self.refunds = refunds
        self.openingFloat = openingFloat
        self.expectedCash = expectedCash
        self.countedCash = countedCash
        self.tenders = tenders
        self.taxRates = taxRates
    }
}
