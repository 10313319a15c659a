/// Helvetica's and Helvetica Bold's character widths from Adobe's font metrics, for the characters of
/// Windows-1252 (`WinAnsiEncoding`) that ISO 8859-1 shares: ASCII and U+00A0 to U+00FF.
///
/// PDF readers have these two fonts built in (the standard 14 Type 1 fonts), so a PDF names them and measures
/// nothing; a layout needs the widths to centre a line or keep it inside the page. Widths are thousandths of the
/// type size.
enum HelveticaMetrics {
    /// How far the highest glyph (an accented capital of the bold face) reaches above the baseline, as a
    /// fraction of the type size.
    static let ascender = 0.962
    /// How far the lowest glyph reaches below the baseline, as a fraction of the type size.
    static let descender = 0.228

    /// The byte `scalar` is in Windows-1252, or `?` for a character the fonts' encoding lacks.
    static func winAnsiByte(for scalar: Unicode.Scalar) -> UInt8 {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0xFF: UInt8(scalar.value)
        default: UInt8(ascii: "?")
        }
    }

    /// The width of `string` in thousandths of the type size, each character as ``winAnsiByte(for:)`` prints it.
    static func width(of string: String, weight: PrintedPage.Weight) -> Int {
        let table = weight == .bold ? bold : regular
        return string.unicodeScalars.reduce(0) { sum, scalar in
            let byte = Int(winAnsiByte(for: scalar))
            return sum + table[byte < 0x7F ? byte - 0x20 : byte - 0xA0 + 95]
        }
    }

    /// Helvetica: U+0020 to U+007E, then U+00A0 to U+00FF.
    static let regular: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 278,
        333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400,
        584, 333, 333, 333, 578, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, 667,
        667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, 722,
        722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, 556,
        556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, 556,
        556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
    ]

    /// Helvetica Bold: U+0020 to U+007E, then U+00A0 to U+00FF.
    static let bold: [Int] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 278,
        333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400,
        584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611, 722,
        722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, 722,
        722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, 556,
        556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278, 611,
        611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
    ]
}
