/// A receipt or report as an ordered list of blocks, independent of the paper it is printed on.
///
/// Blocks say what a line is (a title, a name and its amount, a rule), not where its characters go; a
/// ``PlainTextRenderer`` or an ``ESCPOSEncoder`` lays them out for its own width.
public struct PrintDocument: Hashable, Sendable {
    /// One element of a document.
    public enum Block: Hashable, Sendable {
        /// Large and bold, centred: the shop's name, the kind of a report.
        case title(String)
        /// Centred, wrapped at word boundaries when too long.
        case centered(String)
        /// A name on the left and an amount on the right; the name wraps and the amount stays on its last line.
        case pair(String, String)
        /// A row of a table: the first cell left-aligned, the others right-aligned in equal columns.
        ///
        /// Rows with the same number of cells line up with each other at any width.
        case columns([String])
        /// Left-aligned text, wrapped when too long; leading spaces indent its first line.
        case line(String)
        /// A horizontal rule across the whole width.
        case rule
        /// An empty line.
        case blank
        /// Turns bold on or off for the blocks that follow.
        case bold(Bool)
        /// A Code 128 barcode with its human-readable text below it.
        case barcode(String)
        /// Marks the document as a copy, not the original.
        case copyMarker
        /// Cuts the paper; a renderer of text leaves it out.
        case cut
    }

    public var blocks: [Block]

    public init(_ blocks: [Block] = []) {
        self.blocks = blocks
    }

    public mutating func append(_ block: Block) {
        blocks.append(block)
    }

    public mutating func append(contentsOf blocks: [Block]) {
        self.blocks.append(contentsOf: blocks)
    }

    /// The text of the copy marker, centred on its own line.
    public static let copyText = "*** COPY ***"
}
