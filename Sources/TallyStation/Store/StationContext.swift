import TallyCore

/// What the store needs to know about the station to book a sale: where stock comes from and goes back to,
/// the currency, and the float a new period opens with.
public struct StationContext: Hashable, Sendable {
    public var stationCode: String
    public var currency: Currency
    public var sellableLocation: String
    public var damagedLocation: String
    public var openingFloat: Money

    public init(
        stationCode: String, currency: Currency, sellableLocation: String, damagedLocation: String,
        openingFloat: Money
    ) {
        self.stationCode = stationCode
        self.currency = currency
        self.sellableLocation = sellableLocation
        self.damagedLocation = damagedLocation
        self.openingFloat = openingFloat
    }
}
