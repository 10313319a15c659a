/// The AIM symbology identifier (ISO/IEC 15424) a scanner may send before the data: `]` + code + modifier.
///
/// It says which barcode was read and, for GS1 symbologies, that FNC1 came first: `]C1` is GS1-128, `]E0` an
/// EAN-13 or UPC, `]d2` a GS1 DataMatrix. Scanners leave it out unless configured to send it, and zbar never sends
/// it, so Tally reads scans with and without one.
public struct SymbologyIdentifier: Hashable, Sendable, CustomStringConvertible {
    /// The symbology character, e.g. `C` (Code 128) or `e` (GS1 DataBar).
    public let code: UInt8
    /// The modifier character, e.g. `1` (FNC1 in first position).
    public let modifier: UInt8

    /// The identifier at the start of `bytes`, if there is one.
    public init?(prefixOf bytes: some Collection<UInt8>) {
        var iterator = bytes.makeIterator()
        guard iterator.next() == UInt8(ascii: "]"), let code = iterator.next(), let modifier = iterator.next(),
            SymbologyIdentifier.isLetter(code), SymbologyIdentifier.isLetter(modifier) || (48...57).contains(modifier)
        else { return nil }
        self.code = code
        self.modifier = modifier
    }

    public init(_ text: StaticString) {
        let bytes = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        code = bytes[1]
        modifier = bytes[2]
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (65...90).contains(byte) || (97...122).contains(byte)
    }

    public var description: String { String(decoding: [UInt8(ascii: "]"), code, modifier], as: UTF8.self) }

    /// What the data after the identifier is.
    public var content: Content {
        switch (code, modifier) {
        case (UInt8(ascii: "C"), UInt8(ascii: "1")), (UInt8(ascii: "e"), UInt8(ascii: "0")),
            (UInt8(ascii: "e"), UInt8(ascii: "1")), (UInt8(ascii: "e"), UInt8(ascii: "2")),
            (UInt8(ascii: "d"), UInt8(ascii: "2")), (UInt8(ascii: "Q"), UInt8(ascii: "3")),
            (UInt8(ascii: "J"), UInt8(ascii: "1")):
            .gs1ElementStrings
        case (UInt8(ascii: "E"), UInt8(ascii: "0")), (UInt8(ascii: "E"), UInt8(ascii: "4")):
            .eanUPC
        case (UInt8(ascii: "E"), UInt8(ascii: "3")):
            .eanUPCWithAddOn
        case (UInt8(ascii: "I"), _):
            .interleaved2of5
        default:
            .other
        }
    }

    public enum Content: Sendable {
        /// GS1 element strings: GS1-128, GS1 DataBar and composites, GS1 DataMatrix, GS1 QR, GS1 DotCode.
        case gs1ElementStrings
        /// EAN-13, UPC-A, UPC-E or EAN-8 digits, possibly followed by `|]e0` and a composite component.
        case eanUPC
        /// An EAN or UPC followed by its 2- or 5-digit add-on.
        case eanUPCWithAddOn
        /// Interleaved 2 of 5, which carries ITF-14.
        case interleaved2of5
        /// Any other symbology: plain data.
        case other
    }
}
