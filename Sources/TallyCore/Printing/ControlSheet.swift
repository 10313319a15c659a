/// The pages of Tally's control cards and location labels, laid out for an office printer: with them beside a
/// till or on a clipboard, every workflow of a station (sale, return, receiving, counting) is driven by scanning.
///
/// Each card is a Code 128 barcode of a ``TallyCode`` with its text under the bars and a caption in bold under
/// that. Cards are grouped in labelled sections (Modes, Quantities, Lines, Tenders, then Locations) and set in a
/// grid of as many columns as the section's barcodes allow with room to aim a scanner at one code alone (see
/// ``rows(of:printableWidth:)``).
///
/// Barcodes are sized for handheld scanners at print size: a module is 1/75 inch (0.339 mm: exactly 4 dots at
/// 300 dpi and 8 at 600 dpi, and every barcode starts on the 300 dpi grid, so no bar prints wider than it should),
/// bars are 13 mm high, and each barcode has more than ten modules of white on either side. Pages keep 10 mm
/// margins. A section that does not fit in what is left of a page starts on the next one; a section longer than
/// a page (many locations) goes on over as many pages as it needs, its heading marked "continued".
///
/// The layout is a pure function of the paper and the locations; ``SVGPageWriter`` and ``PDFPageWriter`` write
/// its pages.
public struct ControlSheet: Hashable, Sendable {
    /// The labelled groups of cards, in the order they are printed.
    public enum Section: String, Hashable, Sendable, CaseIterable {
        case modes = "Modes"
        case quantities = "Quantities"
        case lines = "Lines"
        case tenders = "Tenders"
        case locations = "Locations"
    }

    /// One barcode to print: its code, its caption and its section.
    public struct Card: Hashable, Sendable {
        public var code: TallyCode
        public var caption: String
        public var section: Section

        public init(code: TallyCode, caption: String, section: Section) {
            self.code = code
            self.caption = caption
            self.section = section
        }

        /// What the barcode carries and prints under its bars: the code's text with its check characters.
        public var text: String { code.description }
    }

    /// A card where it was put on a page.
    public struct PlacedCard: Hashable, Sendable {
        public var card: Card
        /// From the left edge of the start symbol to the right edge of the stop pattern, the full bar height.
        public var symbol: PrintedPage.Rectangle
        /// The white left free on either side of the symbol within its cell, in millimetres.
        public var quietZone: Double
    }

    /// One sheet of paper.
    public struct Page: Hashable, Sendable {
        /// 1 for the first page.
        public var number: Int
        /// What is printed on it.
        public var printed: PrintedPage
        /// The cards on it, in reading order.
        public var cards: [PlacedCard]
    }

    /// Locations that cannot be printed as Tally location labels; nothing is laid out when there are any.
    public struct InvalidLocations: Error, Hashable, Sendable, CustomStringConvertible {
        /// One refused location.
        public struct Problem: Hashable, Sendable {
            /// Where it was in the list given, 0 for the first.
            public var index: Int
            /// The location as given.
            public var location: String
            /// Why it was refused.
            public var reason: TallyCodeError

            /// What is wrong, without the location itself: the rule it breaks.
            public var detail: String {
                if case .malformed(let detail) = reason { return detail }
                return reason.description
            }
        }

        /// Every refused location, in the order given.
        public var problems: [Problem]

        public var description: String {
            problems.map { "location \($0.index + 1) \($0.location.debugDescription): \($0.detail)" }
                .joined(separator: "\n")
        }
    }

    /// The paper the sheet is laid out for.
    public let paper: PageSize
    /// The pages, first to last.
    public let pages: [Page]

    /// Lays out every control card and a label for each location, in the order given, on pages of `paper`.
    ///
    /// Locations follow the rules of ``TallyCode/validated(_:)``: 1 to 24 capital letters, digits and inner dots.
    /// When any is refused, all refused ones are reported and nothing is laid out.
    public init(paper: PageSize = .a4, locations: [String] = []) throws(InvalidLocations) {
        self.paper = paper
        let cards = try ControlSheet.cards(locations: locations)
        pages = ControlSheet.layout(cards, on: paper)
    }

    // MARK: What is printed

    /// The control cards of each section, in order. Every kind of ``ControlCommand`` must appear here; the tests
    /// check it against ``CommandKind``.
    public static let controlSections: [(section: Section, commands: [ControlCommand])] = [
        (.modes, WorkflowMode.allCases.map(ControlCommand.mode)),
        (.quantities, (1...10).map(ControlCommand.quantity)),
        (.lines, [.voidLine, .voidBasket, .done, .cancel, .damaged]),
        (.tenders, TenderKind.allCases.map(ControlCommand.tender)),
    ]

    /// The cases of ``ControlCommand`` without their arguments. The switch below lists them all, so a command
    /// added to ``ControlCommand`` stops the build here until it is given a kind, and the tests then fail until
    /// ``controlSections`` prints it.
    enum CommandKind: Hashable, Sendable, CaseIterable {
        case mode, quantity, voidLine, voidBasket, done, cancel, tender, damaged

        init(_ command: ControlCommand) {
            switch command {
            case .mode: self = .mode
            case .quantity: self = .quantity
            case .voidLine: self = .voidLine
            case .voidBasket: self = .voidBasket
            case .done: self = .done
            case .cancel: self = .cancel
            case .tender: self = .tender
            case .damaged: self = .damaged
            }
        }
    }

    /// What a card says it does, in words a cashier or stocktaker reads at a glance.
    public static func caption(for command: ControlCommand) -> String {
        switch command {
        case .mode(let mode):
            switch mode {
            case .sale: "Sale mode"
            case .return: "Return mode"
            case .receive: "Receiving mode"
            case .count: "Counting mode"
            case .priceCheck: "Price check (no sale)"
            }
        case .quantity(let count): "Quantity \(count)"
        case .voidLine: "Void last line"
        case .voidBasket: "Void all (whole basket)"
        case .done: "Done (finish the step)"
        case .cancel: "Cancel (abandon the step)"
        case .tender(let kind):
            switch kind {
            case .cash: "Pay cash"
            case .card: "Pay by card"
            case .account: "Pay on account"
            case .other: "Pay other tender"
            }
        case .damaged: "Damaged (next goods received)"
        }
    }

    /// Every card of the sheet in print order: the control cards, then one label per location.
    public static func cards(locations: [String]) throws(InvalidLocations) -> [Card] {
        var cards = controlSections.flatMap { group in
            group.commands.map { Card(code: .control($0), caption: caption(for: $0), section: group.section) }
        }
        var problems: [InvalidLocations.Problem] = []
        for (index, location) in locations.enumerated() {
            do {
                let code = try TallyCode.validated(.location(location))
                cards.append(Card(code: code, caption: location, section: .locations))
            } catch {
                problems.append(InvalidLocations.Problem(index: index, location: location, reason: error))
            }
        }
        if !problems.isEmpty { throw InvalidLocations(problems: problems) }
        return cards
    }

    // MARK: Sizes, in millimetres

    /// The narrowest bar or space: 1/75 inch.
    public static let moduleWidth = 25.4 / 75
    /// The white each barcode needs on either side at the least, in modules (ISO/IEC 15417 asks for ten).
    public static let quietZoneModules = 10
    /// Extra room between neighbouring barcodes beyond both quiet zones, so a scanner aimed at one reads it alone.
    public static let columnClearance = 3.0
    /// The height of the bars.
    public static let barHeight = 13.0
    /// The white around the printed area on every side.
    public static let margin = 10.0

    static let titleSize = 14.0
    static let noteSize = 8.0
    static let headingSize = 11.0
    static let codeTextSize = 8.0
    static let captionSize = 10.0
    /// From the top margin to the first section.
    static let headerHeight = 14.0
    /// From a heading's top to its first row.
    static let headingHeight = 9.5
    /// From the top of the bars to the baseline of the code's text.
    static let codeTextBaseline = barHeight + 3.1
    /// From the top of the bars to the baseline of the caption.
    static let captionBaseline = codeTextBaseline + 4.3
    /// The height of a row of cards, from the top of the bars to below the caption's descenders.
    static let rowHeight = captionBaseline + 1
    /// From one row's bars to the next's.
    static let rowPitch = 24.0
    /// 300 dpi: where barcodes start.
    static let dotGrid = 25.4 / 300

    /// The width of `card`'s barcode from start to stop, without quiet zones.
    static func symbolWidth(of card: Card) -> Double {
        // Tally codes are printable ASCII of at most 40 characters, which Code 128 always carries.
        let modules = ((try? Code128Symbol.widths(for: card.text)) ?? []).reduce(0, +)
        return Double(modules) * moduleWidth
    }

    /// How many columns a section whose widest barcode is `widest` millimetres gets within `printableWidth`.
    static func columns(widest: Double, printableWidth: Double) -> Int {
        let separation = 2 * Double(quietZoneModules) * moduleWidth + columnClearance
        return (1...4).last { printableWidth / Double($0) - widest >= separation } ?? 1
    }

    /// The rows of a section, in reading order. The section's grid has as many columns as at least half of its
    /// cards allow; a card too wide for it (one long location among short ones) gets a row of its own, so it does
    /// not spread the whole section over twice the pages. A row with fewer cards than the grid (the last, or one
    /// before a wide card) shares the page's width among the cards it has, so a lone card stands in the middle.
    static func rows(of cards: [Card], printableWidth: Double) -> [(cards: [Card], columns: Int)] {
        let allowed = cards.map { columns(widest: symbolWidth(of: $0), printableWidth: printableWidth) }
        guard !allowed.isEmpty else { return [] }
        let grid = allowed.sorted(by: >)[allowed.count / 2]
        var rows: [(cards: [Card], columns: Int)] = []
        var current: [Card] = []
        for (card, columns) in zip(cards, allowed) {
            if columns < grid {
                if !current.isEmpty { rows.append((current, current.count)) }
                current = []
                rows.append(([card], columns))
                continue
            }
            current.append(card)
            if current.count == grid {
                rows.append((current, grid))
                current = []
            }
        }
        if !current.isEmpty { rows.append((current, current.count)) }
        return rows
    }

    // MARK: Layout

    /// A row of cards waiting for its place, or a section's heading.
    private enum Item {
        case heading(String)
        case row([Card], columns: Int)
    }

    /// Places the cards section by section and row by row, starting a page where the next row or section does not
    /// fit, then draws each page with its header.
    static func layout(_ cards: [Card], on paper: PageSize) -> [Page] {
        let contentTop = margin + headerHeight
        let bottom = paper.height - margin
        var pageItems: [[(item: Item, y: Double)]] = [[]]
        var y = contentTop
        func newPage() {
            pageItems.append([])
            y = contentTop
        }
        func rowsFitting(from top: Double) -> Int {
            let room = bottom - top - headingHeight - rowHeight
            return room < 0 ? 0 : Int((room / rowPitch).rounded(.down)) + 1
        }
        for section in Section.allCases {
            let members = cards.filter { $0.section == section }
            if members.isEmpty { continue }
            var rows = rows(of: members, printableWidth: paper.width - 2 * margin)
            // A section that fits on a page of its own is not split.
            if rowsFitting(from: y) < rows.count && y > contentTop && rowsFitting(from: contentTop) >= rows.count {
                newPage()
            }
            var continued = false
            while !rows.isEmpty {
                var fitting = rowsFitting(from: y)
                if fitting == 0 {
                    newPage()
                    fitting = max(1, rowsFitting(from: y))
                }
                pageItems[pageItems.count - 1].append(
                    (.heading(section.rawValue + (continued ? " (continued)" : "")), y))
                y += headingHeight
                for row in rows.prefix(fitting) {
                    pageItems[pageItems.count - 1].append((.row(row.cards, columns: row.columns), y))
                    y += rowPitch
                }
                rows.removeFirst(min(fitting, rows.count))
                continued = true
                if !rows.isEmpty { newPage() }
            }
        }
        return pageItems.enumerated().map { index, items in
            page(number: index + 1, of: pageItems.count, items: items, paper: paper)
        }
    }

    private static func page(number: Int, of count: Int, items: [(item: Item, y: Double)], paper: PageSize) -> Page {
        var printed = PrintedPage(width: paper.width, height: paper.height)
        var placed: [PlacedCard] = []
        let left = margin
        let right = paper.width - margin
        let titleBaseline = margin + 5.5
        printed.texts.append(
            PrintedPage.Text(
                "Tally control sheet", x: left, baseline: titleBaseline, size: titleSize, weight: .bold))
        printed.texts.append(
            PrintedPage.Text(
                "Page \(number) of \(count)", x: right, baseline: titleBaseline, size: noteSize,
                alignment: .trailing))
        printed.texts.append(
            PrintedPage.Text(
                "Scan a card instead of pressing a key. Print at actual size (100 %), not scaled to fit the page.",
                x: left, baseline: titleBaseline + 5, size: noteSize))
        for (item, top) in items {
            switch item {
            case .heading(let title):
                printed.texts.append(
                    PrintedPage.Text(title, x: left, baseline: top + 5, size: headingSize, weight: .bold))
                printed.rectangles.append(
                    PrintedPage.Rectangle(x: left, y: top + 6.5, width: right - left, height: 0.25))
            case .row(let cards, let columns):
                let cellWidth = (right - left) / Double(columns)
                for (column, card) in cards.enumerated() {
                    let cellLeft = left + Double(column) * cellWidth
                    let center = cellLeft + cellWidth / 2
                    placed.append(
                        draw(card, center: center, top: top, cell: (cellLeft, cellLeft + cellWidth), on: &printed))
                }
            }
        }
        return Page(number: number, printed: printed, cards: placed)
    }

    /// Draws a card's bars, text and caption centred on `center`, and says where its symbol went.
    private static func draw(
        _ card: Card, center: Double, top: Double, cell: (left: Double, right: Double), on printed: inout PrintedPage
    ) -> PlacedCard {
        let widths = (try? Code128Symbol.widths(for: card.text)) ?? []
        let width = Double(widths.reduce(0, +)) * moduleWidth
        // The start on the 300 dpi grid: with a module of four dots, every edge falls on a dot boundary.
        let start = ((center - width / 2) / dotGrid).rounded() * dotGrid
        var modules = 0
        for (index, element) in widths.enumerated() {
            if index % 2 == 0 {
                printed.rectangles.append(
                    PrintedPage.Rectangle(
                        x: start + Double(modules) * moduleWidth, y: top, width: Double(element) * moduleWidth,
                        height: barHeight))
            }
            modules += element
        }
        let middle = start + width / 2
        printed.texts.append(
            PrintedPage.Text(
                card.text, x: middle, baseline: top + codeTextBaseline, size: codeTextSize, alignment: .center))
        printed.texts.append(
            PrintedPage.Text(
                card.caption, x: middle, baseline: top + captionBaseline, size: captionSize, weight: .bold,
                alignment: .center))
        return PlacedCard(
            card: card, symbol: PrintedPage.Rectangle(x: start, y: top, width: width, height: barHeight),
            quietZone: min(start - cell.left, cell.right - start - width))
    }
}
