/// Renders a ``PrintDocument`` as plain text: for screens, logs, e-mailed receipts and printers without ESC/POS.
///
/// Width is counted in Characters, so `€` and `ä` take one column each. Titles cannot be large in plain text
/// and are centred; bold is left out; a barcode shows its human-readable text centred.
public struct PlainTextRenderer: Hashable, Sendable {
    /// The widths that give a readable receipt: a 58 mm printer's font A (32) up to a terminal's 80.
    public static let widths = 24...80

    /// Characters per line.
    public let width: Int

    /// A renderer for `width` characters per line, or nil outside ``widths``.
    public init?(width: Int) {
        guard Self.widths.contains(width) else { return nil }
        self.width = width
    }

    /// A renderer as wide as font A on `paper`.
    public init(paper: PaperWidth) {
        width = paper.fontAColumns
    }

    /// The document's lines, each ending in a line feed.
    public func render(_ document: PrintDocument) -> String {
        lines(of: document).map { $0 + "\n" }.joined()
    }

    /// The document's lines, none longer than ``width`` and none ending in a space.
    public func lines(of document: PrintDocument) -> [String] {
        let layout = TextLayout(width: width)
        var lines: [String] = []
        for block in document.blocks {
            switch block {
            case .title(let text), .centered(let text), .barcode(let text):
                lines += layout.wrap(text).map(layout.centered)
            case .pair(let left, let right):
                lines += layout.pair(left, right)
            case .columns(let cells):
                lines += layout.columns(cells)
            case .line(let text):
                lines += layout.wrap(text)
            case .rule:
                lines.append(layout.rule)
            case .blank:
                lines.append("")
            case .copyMarker:
                lines.append(layout.centered(PrintDocument.copyText))
            case .bold, .cut:
                break
            }
        }
        return lines
    }
}
