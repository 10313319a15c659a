import Foundation
import TallyCore

extension StationConfiguration {
    /// Seconds east of UTC in the station's time zone at `milliseconds`, for printed times.
    func utcOffset(at milliseconds: Int64) -> Int {
        let zone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0)!
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    var receiptHeader: ReceiptHeader {
        ReceiptHeader(
            shopName: shop.name, addressLines: shop.addressLines, taxID: shop.taxID, footerLines: shop.receiptFooter)
    }

    /// The printable document of a stored receipt.
    public func document(for receipt: StoredReceipt, isCopy: Bool) throws -> PrintDocument {
        let details = ReceiptDetails(
            stationCode: stationCode, receiptNumber: receipt.number,
            time: CivilTime(
                millisecondsSince1970: receipt.issuedAt, offsetSeconds: utcOffset(at: receipt.issuedAt)
            ).description, isCopy: isCopy)
        switch receipt.document {
        case .sale(let sale): return try ReceiptLayout.sale(sale, header: receiptHeader, details: details)
        case .return(let completed):
            return try ReceiptLayout.refund(completed, header: receiptHeader, details: details)
        }
    }

    /// The printable document of an X or Z report.
    public func document(for report: PeriodReport) throws -> PrintDocument {
        try ReportLayout.period(report, shopName: shop.name, utcOffsetSeconds: utcOffset(at: report.madeAt))
    }
}
