/// One sheet of paper as black rectangles and lines of text, positioned in millimetres from the top left corner.
///
/// A layout such as ``ControlSheet`` builds pages; ``SVGPageWriter`` and ``PDFPageWriter`` write them out. Text
/// is set in Helvetica, the one typeface every PDF reader has built in, and measured with its metrics
/// (``PrintedPage/Text/width``), so a layout knows how wide a line will print.
public struct PrintedPage: Hashable, Sendable {
    /// A filled black rectangle: a bar of a barcode, a rule.
    public struct Rectangle: Hashable, Sendable {
        /// Left edge, millimetres from the left of the page.
        public var x: Double
        /// Top edge, millimetres from the top of the page.
        public var y: Double
        public var width: Double
        public var height: Double

        public init(x: Double, y: Double, width: Double, height: Double) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }
    }

    /// Helvetica or Helvetica Bold.
    public enum Weight: Hashable, Sendable {
        case regular, bold
    }

    /// Which point of the line `x` gives.
    public enum Alignment: Hashable, Sendable {
        /// `x` is where the line starts.
        case leading
        /// `x` is the middle of the line.
        case center
        /// `x` is where the line ends.
        case trailing
    }

    /// One line of black text.
    public struct Text: Hashable, Sendable {
        /// Where the line is anchored, millimetres from the left of the page; see ``alignment``.
        public var x: Double
        /// The baseline, millimetres from the top of the page.
        public var baseline: Double
        /// The type size in points (1/72 inch).
        public var size: Double
        public var weight: Weight
        public var alignment: Alignment
        /// The text. Characters Windows-1252 lacks (outside Latin-1 and ASCII) print as `?`.
        public var string: String

        public init(
            _ string: String, x: Double, baseline: Double, size: Double, weight: Weight = .regular,
            alignment: Alignment = .leading
        ) {
            self.string = string
            self.x = x
            self.baseline = baseline
            self.size = size
            self.weight = weight
            self.alignment = alignment
        }

        /// The type size in millimetres.
        public var sizeInMillimetres: Double { size * PrintedPage.millimetresPerPoint }

        /// The printed width of the line in millimetres.
        public var width: Double {
            Double(HelveticaMetrics.width(of: string, weight: weight)) / 1000 * sizeInMillimetres
        }

        /// Where the line starts, millimetres from the left of the page.
        public var left: Double {
            switch alignment {
            case .leading: x
            case .center: x - width / 2
            case .trailing: x - width
            }
        }

        /// The top of the tallest letter (accented capitals included), millimetres from the top of the page.
        public var top: Double { baseline - HelveticaMetrics.ascender * sizeInMillimetres }

        /// The bottom of the lowest descender, millimetres from the top of the page.
        public var bottom: Double { baseline + HelveticaMetrics.descender * sizeInMillimetres }
    }

    /// The width of the paper in millimetres.
    public var width: Double
    /// The height of the paper in millimetres.
    public var height: Double
    public var rectangles: [Rectangle]
    public var texts: [Text]

    public init(width: Double, height: Double, rectangles: [Rectangle] = [], texts: [Text] = []) {
        self.width = width
        self.height = height
        self.rectangles = rectangles
        self.texts = texts
    }

    /// 25.4 / 72: a point in millimetres.
    public static let millimetresPerPoint = 25.4 / 72

    /// `value` written with at most `places` decimals, without trailing zeros and never in exponent notation, as
    /// SVG and PDF both read numbers (`12.5`, `0.3387`, `-3`).
    static func decimal(_ value: Double, places: Int) -> String {
        var scale: UInt64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * Double(scale)).rounded()
        guard scaled.magnitude < 9e15, scaled != 0 else { return "0" }
        let magnitude = UInt64(scaled.magnitude)
        var text = String(magnitude / scale)
        if magnitude % scale > 0 {
            var digits = String(magnitude % scale)
            digits = String(repeating: "0", count: places - digits.count) + digits
            while digits.last == "0" { digits.removeLast() }
            text += "." + digits
        }
        return scaled < 0 ? "-" + text : text
    }
}

/// The paper sizes a sheet is laid out for.
public enum PageSize: String, Hashable, Sendable, CaseIterable {
    /// ISO A4, 210 × 297 mm.
    case a4
    /// US Letter, 8.5 × 11 inches (215.9 × 279.4 mm).
    case letter

    /// The width in millimetres.
    public var width: Double {
        switch self {
        case .a4: 210
        case .letter: 215.9
        }
    }

    /// The height in millimetres.
    public var height: Double {
        switch self {
        case .a4: 297
        case .letter: 279.4
        }
    }
}
