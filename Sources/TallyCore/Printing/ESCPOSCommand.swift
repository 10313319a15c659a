/// One ESC/POS command, as ``ESCPOSEncoder`` writes it and ``ESCPOSDecoder`` reads it back.
///
/// Byte values follow Epson's ESC/POS reference; parameters outside the range a printer accepts are clamped
/// when the command is written, so ``bytes`` never produces a command a printer would misread.
public enum ESCPOSCommand: Hashable, Sendable {
    /// How `ESC a` aligns the lines that follow.
    public enum Alignment: UInt8, Hashable, Sendable {
        case left = 0
        case center = 1
        case right = 2
    }

    /// Where `GS H` prints a barcode's human-readable text.
    public enum HRIPosition: UInt8, Hashable, Sendable {
        case none = 0
        case above = 1
        case below = 2
        case both = 3
    }

    /// `ESC @`: clears the buffer and resets every mode.
    case initialize
    /// `ESC t n`: the character code table for bytes 0x80 to 0xFF; 19 is code page 858.
    case selectCodePage(UInt8)
    /// `ESC a n`
    case align(Alignment)
    /// `ESC E n`
    case bold(Bool)
    /// `GS ! n`: character width and height as multiples of the normal size, 1 to 8 each.
    case characterSize(width: Int, height: Int)
    /// Printable bytes, decoded from code page 858.
    case text(String)
    /// `LF`: prints the line and feeds one line.
    case lineFeed
    /// `ESC d n`: prints and feeds `n` lines.
    case feedLines(Int)
    /// `GS h n`: barcode height in dots, 1 to 255.
    case barcodeHeight(Int)
    /// `GS w n`: the width of a barcode's narrowest bar in dots, 1 to 6.
    case barcodeModuleWidth(Int)
    /// `GS H n`
    case hriPosition(HRIPosition)
    /// `GS k 73 n d…`: a Code 128 barcode of printable ASCII, written in code set B.
    case code128(String)
    /// `GS V m` with m 0 or 1: cuts where the paper is.
    case cut(partial: Bool)
    /// `GS V m n` with m 65 or 66: feeds to the cutter plus `feed` motion units, then cuts.
    case feedAndCut(partial: Bool, feed: Int)

    static let escape: UInt8 = 0x1B
    static let groupSeparator: UInt8 = 0x1D
    static let newline: UInt8 = 0x0A

    /// The command as a printer receives it.
    public var bytes: [UInt8] {
        switch self {
        case .initialize: [Self.escape, 0x40]
        case .selectCodePage(let page): [Self.escape, 0x74, page]
        case .align(let alignment): [Self.escape, 0x61, alignment.rawValue]
        case .bold(let on): [Self.escape, 0x45, on ? 1 : 0]
        case .characterSize(let width, let height):
            [Self.groupSeparator, 0x21, UInt8((Self.clamp(width, 1...8) - 1) << 4 | (Self.clamp(height, 1...8) - 1))]
        case .text(let text): CodePage858.encode(text)
        case .lineFeed: [Self.newline]
        case .feedLines(let lines): [Self.escape, 0x64, UInt8(Self.clamp(lines, 0...255))]
        case .barcodeHeight(let dots): [Self.groupSeparator, 0x68, UInt8(Self.clamp(dots, 1...255))]
        case .barcodeModuleWidth(let dots): [Self.groupSeparator, 0x77, UInt8(Self.clamp(dots, 1...6))]
        case .hriPosition(let position): [Self.groupSeparator, 0x48, position.rawValue]
        case .code128(let data):
            [Self.groupSeparator, 0x6B, 73, UInt8(Self.code128SetB(data).count)] + Self.code128SetB(data)
        case .cut(let partial): [Self.groupSeparator, 0x56, partial ? 1 : 0]
        case .feedAndCut(let partial, let feed):
            [Self.groupSeparator, 0x56, partial ? 66 : 65, UInt8(Self.clamp(feed, 0...255))]
        }
    }

    /// The longest data ``code128(_:)`` carries: its length byte counts the `{B` prefix and escaped braces.
    static let code128MaximumBytes = 255

    /// `{B` and the data in code set B: `{` doubled, anything but printable ASCII made `?`, cut to 255 bytes.
    static func code128SetB(_ data: String) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "{"), UInt8(ascii: "B")]
        for scalar in data.unicodeScalars {
            let byte = (0x20...0x7E).contains(scalar.value) ? UInt8(scalar.value) : UInt8(ascii: "?")
            let symbol: [UInt8] = byte == UInt8(ascii: "{") ? [byte, byte] : [byte]
            guard bytes.count + symbol.count <= code128MaximumBytes else { break }
            bytes += symbol
        }
        return bytes
    }

    private static func clamp(_ value: Int, _ range: ClosedRange<Int>) -> Int {
        min(max(value, range.lowerBound), range.upperBound)
    }
}
