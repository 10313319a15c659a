/// What identifies one printed receipt: where and when it was made, by whom, and whether it is a copy.
public struct ReceiptDetails: Hashable, Sendable {
    public var stationCode: String
    /// The station's own running number of the receipt, also carried by its barcode.
    public var receiptNumber: Int
    /// The wall-clock time to print, such as ``CivilTime/description``.
    public var time: String
    public var operatorName: String?
    /// A reprint: marked `*** COPY ***` at the top and bottom, so it cannot pass as a second original.
    public var isCopy: Bool

    public init(
        stationCode: String, receiptNumber: Int, time: String, operatorName: String? = nil, isCopy: Bool = false
    ) {
        self.stationCode = stationCode
        self.receiptNumber = receiptNumber
        self.time = time
        self.operatorName = operatorName
        self.isCopy = isCopy
    }

    /// The receipt's own Tally code, as its barcode prints it.
    public var tallyCode: TallyCode {
        .receipt(station: stationCode, number: receiptNumber)
    }
}
