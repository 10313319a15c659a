/// A Serial Shipping Container Code: the 18-digit number on a pallet's or parcel's logistics label, AI (00).
///
/// A dock clerk scans it to receive a whole delivery unit at once.
public struct SSCC: Hashable, Sendable, CustomStringConvertible {
    /// The 18 digits, check digit included.
    public let digits: String

    /// Validates 18 ASCII digits ending in their GS1 check digit.
    public init(validating digits: some BidirectionalCollection<UInt8>) throws(IdentifierError) {
        try validateGS1Key(digits, kind: "SSCC", lengths: [18])
        self.digits = String(decoding: digits, as: UTF8.self)
    }

    /// The extension digit, which the company that numbers its units uses to widen its range.
    public var extensionDigit: Int { Int(digits.utf8.first! - 48) }

    public var description: String { digits }
}

/// A Global Location Number: the 13 digits that identify a company, a store, a dock door or a shelf.
public struct GLN: Hashable, Sendable, CustomStringConvertible {
    /// The 13 digits, check digit included.
    public let digits: String

    /// Validates 13 ASCII digits ending in their GS1 check digit.
    public init(validating digits: some BidirectionalCollection<UInt8>) throws(IdentifierError) {
        try validateGS1Key(digits, kind: "GLN", lengths: [13])
        self.digits = String(decoding: digits, as: UTF8.self)
    }

    public var description: String { digits }
}
