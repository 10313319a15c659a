/// Books and serials carry their ISBN and ISSN inside an EAN-13 ("Bookland" prefixes 978, 979 and 977).
extension GTIN {
    /// The ISBN-13 of a book, for GTIN-13s with prefix 978 or 979.
    public var isbn13: String? {
        guard format == .gtin13 else { return nil }
        let prefix = value / 10_000_000_000
        return prefix == 978 || prefix == 979 ? shortestForm : nil
    }

    /// The ten-character ISBN of a book with prefix 978, whose own check character is modulo 11 (`X` for 10).
    public var isbn10: String? {
        guard format == .gtin13, value / 10_000_000_000 == 978 else { return nil }
        let body = zeroPaddedDigits(value, width: 13)[3..<12].map { Int($0) - 48 }
        let sum = body.enumerated().reduce(0) { $0 + (10 - $1.offset) * $1.element }
        let check = (11 - sum % 11) % 11
        return String(decoding: body.map { UInt8(48 + $0) }, as: UTF8.self) + (check == 10 ? "X" : String(check))
    }

    /// The ISSN of a serial with prefix 977, as `NNNN-NNNC`, whose check character is modulo 11 (`X` for 10).
    public var issn: String? {
        guard format == .gtin13, value / 10_000_000_000 == 977 else { return nil }
        let body = zeroPaddedDigits(value, width: 13)[3..<10].map { Int($0) - 48 }
        let sum = body.enumerated().reduce(0) { $0 + (8 - $1.offset) * $1.element }
        let check = (11 - sum % 11) % 11
        let digits = String(decoding: body.map { UInt8(48 + $0) }, as: UTF8.self)
        return digits.prefix(4) + "-" + digits.dropFirst(4) + (check == 10 ? "X" : String(check))
    }
}
