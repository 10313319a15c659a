/// What one scan means: a product number, GS1 data, a price- or weight-embedded code, a Tally code or plain text,
/// or why it cannot be used.
public struct ScanInterpretation: Sendable {
    /// What the scan is, also when it is invalid: an EAN-13 with a wrong check digit is still a `gtin` scan.
    public enum Kind: String, Sendable {
        case gtin, gs1, restricted, tally, text
    }

    /// The bytes as they arrived, symbology identifier included.
    public let input: [UInt8]
    public let symbology: SymbologyIdentifier?
    public let kind: Kind
    /// The meaning, when the scan is valid.
    public let content: ScanContent?
    /// Why the scan cannot be used, in words a clerk can act on; nil when it is valid.
    public let error: ScanError?

    public var isValid: Bool { error == nil }

    init(input: [UInt8], symbology: SymbologyIdentifier?, kind: Kind, content: ScanContent) {
        self.input = input
        self.symbology = symbology
        self.kind = kind
        self.content = content
        self.error = nil
    }

    init(input: [UInt8], symbology: SymbologyIdentifier?, kind: Kind, error: ScanError) {
        self.input = input
        self.symbology = symbology
        self.kind = kind
        self.content = nil
        self.error = error
    }
}

/// The meaning of a valid scan.
public enum ScanContent: Sendable {
    /// A product number (EAN-13, EAN-8, UPC-A, UPC-E, ITF-14 or GTIN-14), with the add-on an EAN may carry
    /// (a periodical's issue number, a book's price).
    case gtin(GTIN, addOn: String?)
    /// GS1 element strings or a GS1 Digital Link URI.
    case gs1(GS1Message)
    /// A restricted-circulation number: a shop's own number, possibly with an embedded price or weight. The
    /// reading is nil when no national rule set is configured.
    case restricted(GTIN, RestrictedCirculationReading?)
    /// One of Tally's own codes.
    case tally(TallyCode)
    /// Anything else, such as a Code 39 shelf label.
    case text(String)
}

/// Why a scan was refused.
public enum ScanError: Error, Sendable, CustomStringConvertible {
    case empty
    case tooLong(length: Int, maximum: Int)
    /// The scan holds a control character or a byte that is not UTF-8, at this 0-based position.
    case unreadableByte(position: Int)
    case identifier(IdentifierError)
    case gs1(GS1Error)
    case restricted(RestrictedCirculationError)
    case tally(TallyCodeError)
    /// The data does not fit the symbology the scanner reported.
    case symbologyMismatch(String)

    public var description: String {
        switch self {
        case .empty: "the scan is empty"
        case .tooLong(let length, let maximum):
            "the scan is \(length) bytes long, more than the \(maximum) any barcode holds"
        case .unreadableByte(let position):
            "the scan holds an unreadable character at position \(position + 1): check the scanner's keyboard layout"
        case .identifier(let error): error.description
        case .gs1(let error): error.description
        case .restricted(let error): error.description
        case .tally(let error): error.description
        case .symbologyMismatch(let detail): detail
        }
    }
}

extension ScanInterpretation {
    /// The product number, for product numbers, GS1 data with AI (01) and restricted-circulation numbers.
    public var gtin: GTIN? {
        switch content {
        case .gtin(let gtin, _), .restricted(let gtin, _): gtin
        case .gs1(let message): message.value(of: "01").flatMap { try? GTIN(validating: $0) }
        default: nil
        }
    }

    /// The price the scan carries: embedded in a restricted-circulation number, or GS1 AI 392n/393n.
    public func price(localCurrency: Currency?) -> Money? {
        switch content {
        case .restricted(_, .some(.variableMeasure(let item))):
            if case .price(let money) = item.value { return money }
            return nil
        case .gs1(let message):
            return message.elements.lazy.compactMap { $0.price(localCurrency: localCurrency) }.first
        default:
            return nil
        }
    }

    /// The weight the scan carries in whole grams: embedded in a restricted-circulation number, or GS1 AI 310n.
    public var weightGrams: Int64? {
        switch content {
        case .restricted(_, .some(.variableMeasure(let item))):
            if case .weight(let weight) = item.value { return weight.wholeGrams }
            return nil
        case .gs1(let message):
            return message.elements.lazy.compactMap(\.netWeightGrams).first
        default:
            return nil
        }
    }
}
