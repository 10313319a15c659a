/// The width of a receipt printer's paper roll, and what fits on one line of it.
///
/// The figures are those of the common 203 dpi thermal printers (Epson TM-T20/T88 class and their clones):
/// font A is 12 × 24 dots and font B 9 × 17 dots.
public enum PaperWidth: String, Hashable, Sendable, CaseIterable {
    /// 80 mm paper, 72 mm printable.
    case mm80
    /// 58 mm paper, 48 mm printable.
    case mm58

    /// The printable width in dots.
    public var printableDots: Int {
        switch self {
        case .mm80: 576
        case .mm58: 384
        }
    }

    /// Characters per line in ESC/POS font A, the font receipts are printed in.
    public var fontAColumns: Int {
        switch self {
        case .mm80: 48
        case .mm58: 32
        }
    }

    /// Characters per line in ESC/POS font B, the smaller font.
    public var fontBColumns: Int {
        switch self {
        case .mm80: 64
        case .mm58: 42
        }
    }
}
