/// What a shop prints at the top and bottom of every receipt: its name, address, tax ID and a closing note.
public struct ReceiptHeader: Hashable, Sendable {
    public var shopName: String
    public var addressLines: [String]
    /// The VAT or tax registration number that invoices must show, printed as `Tax ID …`.
    public var taxID: String?
    /// Printed centred below the payment: returns policy, opening hours, thanks.
    public var footerLines: [String]

    public init(shopName: String, addressLines: [String] = [], taxID: String? = nil, footerLines: [String] = []) {
        self.shopName = shopName
        self.addressLines = addressLines
        self.taxID = taxID
        self.footerLines = footerLines
    }
}
