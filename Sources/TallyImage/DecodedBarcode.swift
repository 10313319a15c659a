/// One barcode read from an image.
///
/// `text` holds the bytes the symbol encodes, with GS (0x1D) between GS1 element strings and without the FNC1
/// that marks a symbol as GS1. `scanBytes` is what a hardware scanner sends with AIM symbology identifiers
/// switched on: the identifier, then the text. The station's scan interpreter reads it as it reads any scan.
public struct DecodedBarcode: Sendable, Hashable {
    /// The encoded data, GS between GS1 fields.
    public var text: [UInt8]
    /// Human name of the symbology: "EAN-13", "UPC-A", "GS1-128", "Data Matrix", "GS1 DataBar Expanded" …
    public var symbology: String
    /// The AIM symbology identifier, such as `]E0`, `]C1` or `]d2`.
    public var aim: String
    /// Whether the symbol carries GS1 element strings (FNC1 in first position, or GS1 DataBar).
    public var isGS1: Bool

    /// Creates a result.
    public init(text: [UInt8], symbology: String, aim: String, isGS1: Bool) {
        self.text = text
        self.symbology = symbology
        self.aim = aim
        self.isGS1 = isGS1
    }

    /// The AIM symbology identifier followed by the text: the bytes a scanner with AIM-ID transmission sends.
    public var scanBytes: [UInt8] { Array(aim.utf8) + text }
}
