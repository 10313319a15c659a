import Testing

@testable import TallyCore

/// The control sheet's layout: what is on it, where, and on how many pages.
@Suite struct ControlSheetTests {
    /// Thirty short shelf locations, enough for a second page on either paper.
    static let shelves = (1...30).map { "A\($0 / 6 + 1).0\($0 % 6 + 1).\($0 % 3 + 1)" }
    /// Locations of every length, the longest a location may be among them.
    static let mixed = ["A1", "COLDROOM", "X" + String(repeating: "9", count: 23), "B.2", "DOCK.7.LEFT.BIN.0042"]

    static func cards(_ sheet: ControlSheet) -> [ControlSheet.PlacedCard] { sheet.pages.flatMap(\.cards) }

    static func commands(_ sheet: ControlSheet) -> [ControlCommand] {
        cards(sheet).compactMap { placed in
            if case .control(let command) = placed.card.code { return command }
            return nil
        }
    }

    @Test(arguments: PageSize.allCases)
    func everyControlCommandIsPrintedOnce(paper: PageSize) throws {
        let sheet = try ControlSheet(paper: paper, locations: Self.shelves)
        let commands = Self.commands(sheet)
        #expect(Set(commands).count == commands.count, "no card twice")
        var expected = WorkflowMode.allCases.map(ControlCommand.mode) + (1...10).map(ControlCommand.quantity)
        expected += [.voidLine, .voidBasket, .done, .cancel] + TenderKind.allCases.map(ControlCommand.tender)
        #expect(Set(expected).isSubset(of: Set(commands)))
        for placed in Self.cards(sheet) {
            #expect(placed.card.text == placed.card.code.description)
            #expect(try TallyCode(parsing: Array(placed.card.text.utf8)) == placed.card.code)
            #expect(!placed.card.caption.isEmpty)
        }
    }

    /// A command added to ``ControlCommand`` gets a ``ControlSheet/CommandKind`` (the build stops until it does);
    /// this fails until the sheet prints it too.
    @Test func everyKindOfControlCommandHasACard() throws {
        let kinds = Self.commands(try ControlSheet()).map(ControlSheet.CommandKind.init)
        let missing = Set(ControlSheet.CommandKind.allCases).subtracting(kinds)
        #expect(missing.isEmpty, "ControlSheet.controlSections prints no card for \(missing)")
        let captions = Self.cards(try ControlSheet()).map(\.card.caption)
        #expect(Set(captions).count == captions.count, "every caption tells its card apart")
    }

    @Test func sectionsComeInOrderAndLocationsAsGiven() throws {
        let sheet = try ControlSheet(paper: .a4, locations: Self.mixed + Self.shelves)
        let sections = Self.cards(sheet).map(\.card.section)
        #expect(sections == sections.sorted { $0.order < $1.order })
        let locations = Self.cards(sheet).filter { $0.card.section == .locations }.map(\.card)
        #expect(locations.map(\.caption) == Self.mixed + Self.shelves)
        #expect(locations.map(\.code) == (Self.mixed + Self.shelves).map(TallyCode.location))
    }

    @Test(
        arguments: PageSize.allCases,
        [
            [], ControlSheetTests.shelves,
            ControlSheetTests.mixed + ControlSheetTests.shelves + ControlSheetTests.shelves.map { $0 + "9" },
        ])
    func everythingStaysInsideTheMarginsAndBarcodesHaveTheirQuietZones(paper: PageSize, locations: [String]) throws {
        let sheet = try ControlSheet(paper: paper, locations: locations)
        let margin = ControlSheet.margin
        #expect(margin >= 10)
        #expect(ControlSheet.moduleWidth >= 0.33)
        #expect(ControlSheet.barHeight >= 12)
        for page in sheet.pages {
            #expect(page.printed.width == paper.width && page.printed.height == paper.height)
            for rectangle in page.printed.rectangles {
                #expect(rectangle.x >= margin - 1e-9 && rectangle.x + rectangle.width <= paper.width - margin + 1e-9)
                #expect(rectangle.y >= margin && rectangle.y + rectangle.height <= paper.height - margin)
            }
            for text in page.printed.texts {
                #expect(text.left >= margin - 1e-9 && text.left + text.width <= paper.width - margin + 1e-9, "\(text)")
                #expect(text.top >= margin && text.bottom <= paper.height - margin, "\(text)")
            }
            for placed in page.cards {
                let quiet = Double(ControlSheet.quietZoneModules) * ControlSheet.moduleWidth
                #expect(placed.quietZone >= quiet, "\(placed.card.text)")
                #expect(
                    placed.symbol.x - quiet >= margin
                        && placed.symbol.x + placed.symbol.width + quiet <= paper.width - margin)
                // No text reaches into the bars.
                for text in page.printed.texts {
                    let overlapsHorizontally =
                        text.left < placed.symbol.x + placed.symbol.width && text.left + text.width > placed.symbol.x
                    let overlapsVertically =
                        text.top < placed.symbol.y + placed.symbol.height && text.bottom > placed.symbol.y
                    #expect(!(overlapsHorizontally && overlapsVertically), "\(text.string) over \(placed.card.text)")
                }
            }
            // Barcodes and their quiet zones never meet.
            for (index, a) in page.cards.enumerated() {
                for b in page.cards[(index + 1)...] {
                    let quiet = Double(ControlSheet.quietZoneModules) * ControlSheet.moduleWidth
                    let apart =
                        a.symbol.x + a.symbol.width + 2 * quiet <= b.symbol.x
                        || b.symbol.x + b.symbol.width + 2 * quiet <= a.symbol.x
                        || a.symbol.y + a.symbol.height <= b.symbol.y || b.symbol.y + b.symbol.height <= a.symbol.y
                    #expect(apart, "\(a.card.text) and \(b.card.text)")
                }
            }
        }
    }

    /// The bars drawn are exactly the symbol's modules, on the 300 dpi grid.
    @Test func barsAreTheCode128SymbolOfTheText() throws {
        let sheet = try ControlSheet(paper: .letter, locations: Self.mixed)
        for page in sheet.pages {
            for placed in page.cards {
                let symbol = placed.symbol
                let bars = page.printed.rectangles.filter {
                    $0.y == symbol.y && $0.x >= symbol.x - 1e-9 && $0.x + $0.width <= symbol.x + symbol.width + 1e-9
                }
                var widths: [Int] = []
                var edge = symbol.x
                for bar in bars {
                    if !widths.isEmpty { widths.append(modules(bar.x - edge)) }
                    widths.append(modules(bar.width))
                    #expect(bar.height == ControlSheet.barHeight)
                    edge = bar.x + bar.width
                }
                #expect(widths == (try Code128Symbol.widths(for: placed.card.text)), "\(placed.card.text)")
                let dots = symbol.x / ControlSheet.dotGrid
                #expect(abs(dots - dots.rounded()) < 1e-6, "starts on a 300 dpi dot")
            }
        }
        func modules(_ millimetres: Double) -> Int {
            let count = millimetres / ControlSheet.moduleWidth
            #expect(abs(count - count.rounded()) < 1e-6)
            return Int(count.rounded())
        }
    }

    @Test(arguments: PageSize.allCases)
    func pagesAreNumberedAndLongSectionsGoOnWithTheirHeading(paper: PageSize) throws {
        let controls = try ControlSheet(paper: paper)
        let many = try ControlSheet(paper: paper, locations: Self.shelves + Self.shelves.map { $0 + "0" })
        #expect(many.pages.count > controls.pages.count)
        #expect(Self.cards(many).count == Self.cards(controls).count + 60)
        for sheet in [controls, many] {
            for page in sheet.pages {
                #expect(page.number == sheet.pages.firstIndex(of: page)! + 1)
                #expect(page.printed.texts.contains { $0.string == "Page \(page.number) of \(sheet.pages.count)" })
                #expect(!page.cards.isEmpty)
            }
        }
        // A control section fits on a page and is never split; locations run on with a "continued" heading.
        for section in ControlSheet.Section.allCases where section != .locations {
            let pages = Set(many.pages.filter { $0.cards.contains { $0.card.section == section } }.map(\.number))
            #expect(pages.count == 1, "\(section) on pages \(pages.sorted())")
        }
        let locationPages = many.pages.filter { $0.cards.contains { $0.card.section == .locations } }
        #expect(locationPages.count >= 2)
        for (index, page) in locationPages.enumerated() {
            let heading = index == 0 ? "Locations" : "Locations (continued)"
            #expect(page.printed.texts.contains { $0.string == heading && $0.weight == .bold })
        }
        // Short location labels share rows.
        let labels = locationPages.flatMap(\.cards).filter { $0.card.section == .locations }
        #expect(Set(labels.map { "\($0.symbol.y)@\(labels.firstIndex(of: $0)! / 20)" }).count < labels.count)
    }

    /// One long location among short ones takes a row of its own; the others stay two to a row.
    @Test func aLongLocationDoesNotSpreadTheOthers() throws {
        let long = "DOCK.7.LEFT.BIN.0042"
        let sheet = try ControlSheet(paper: .a4, locations: Array(Self.shelves[..<4]) + [long] + Self.shelves[4..<8])
        let labels = Self.cards(sheet).filter { $0.card.section == .locations }
        let rows = Dictionary(grouping: labels) { "\($0.symbol.y)" }.values.map { $0.map(\.card.caption) }
        #expect(rows.filter { $0.count == 2 }.count == 4)
        #expect(rows.contains([long]))
        let wide = try #require(labels.first { $0.card.caption == long })
        #expect(abs(wide.symbol.x + wide.symbol.width / 2 - 105) < 0.1, "alone in its row, in the middle")
    }

    @Test func badLocationsAreRefusedAllAtOnceAndNothingIsLaidOut() {
        let given = ["A01.03.2", "a01", "A 1", "", ".A", "A.", String(repeating: "X", count: 25), "B-2", "B2"]
        let refused = #expect(throws: ControlSheet.InvalidLocations.self) {
            try ControlSheet(paper: .a4, locations: given)
        }
        #expect(refused?.problems.map(\.index) == [1, 2, 3, 4, 5, 6, 7])
        #expect(refused?.problems.map(\.location) == Array(given[1...7]))
        #expect(refused?.problems.allSatisfy { $0.detail.contains("capital letters, digits and dots") } == true)
        #expect(refused?.description.hasPrefix(#"location 2 "a01": a location is 1 to 24"#) == true)
        #expect(throws: Never.self) {
            _ = try ControlSheet(locations: ["A01.03.2", String(repeating: "X", count: 24)])
        }
    }
}

extension ControlSheet.Section {
    /// Where the section comes in the sheet.
    var order: Int { Self.allCases.firstIndex(of: self)! }
}

/// The writers: SVG in millimetres and PDF with its cross-reference table, both escaping what they must.
@Suite struct PageWriterTests {
    static let page = PrintedPage(
        width: 210, height: 297,
        rectangles: [PrintedPage.Rectangle(x: 10, y: 20, width: 0.3386666, height: 13)],
        texts: [
            PrintedPage.Text(
                #"Fish & chips <"cod"> 'n' (peas) \ 5%"#, x: 105, baseline: 40, size: 10, alignment: .center),
            PrintedPage.Text(
                "Crème brûlée, €2\u{7}", x: 200, baseline: 50, size: 8, weight: .bold, alignment: .trailing),
        ])

    @Test func svgIsInMillimetresAndEscapesXML() {
        let svg = SVGPageWriter.svg(Self.page, title: "Sheet <1> & more")
        #expect(svg.contains(#"width="210mm" height="297mm" viewBox="0 0 210 297""#))
        #expect(svg.contains("<title>Sheet &lt;1&gt; &amp; more</title>"))
        #expect(svg.contains(#"<rect x="10" y="20" width="0.3387" height="13"/>"#))
        #expect(svg.contains("Fish &amp; chips &lt;&quot;cod&quot;&gt; &apos;n&apos; (peas) \\ 5%</text>"))
        #expect(svg.contains(#"text-anchor="middle""#) && svg.contains(#"text-anchor="end""#))
        #expect(svg.contains(#"text-anchor="end">Crème brûlée, €2?</text>"#), "a control character is not XML")
        #expect(svg.contains(#"font-size="3.5278""#), "10 pt in millimetres")
    }

    @Test func pdfHasAConsistentCrossReferenceTableAndEscapesStrings() throws {
        let pdf = PDFPageWriter.pdf([Self.page, PrintedPage(width: 215.9, height: 279.4)], title: "Tally (test)")
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.hasPrefix("%PDF-1.4\n"))
        #expect(text.hasSuffix("%%EOF\n"))
        #expect(text.contains("/Type /Pages /Kids [6 0 R 8 0 R] /Count 2"))
        #expect(text.contains("/MediaBox [0 0 595.276 841.89]") && text.contains("/MediaBox [0 0 612 792]"))
        #expect(text.contains("/BaseFont /Helvetica /Encoding /WinAnsiEncoding"))
        #expect(text.contains("/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding"))
        #expect(text.contains("/Title (Tally \\(test\\))"))
        #expect(text.contains(#"(Fish & chips <"cod"> 'n' \(peas\) \\ 5%) Tj"#))
        #expect(text.contains(#"(Cr\350me br\373l\351e, ?2?) Tj"#), "Latin-1 as octal, the rest as ?")
        #expect(text.contains("0 g\n28.346 748.346 0.96 36.85 re\nf\n"), "mm to points, from the bottom")
        #expect(pdf.allSatisfy { $0 < 0x80 } == false && pdf.dropFirst(15).allSatisfy { $0 < 0x80 })

        // Every offset in the table points at its object; startxref points at the table.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let xrefLine = try #require(lines.firstIndex(of: "xref"))
        #expect(lines[xrefLine + 1] == "0 10")
        for number in 1...9 {
            let entry = lines[xrefLine + 2 + number]
            #expect(entry.count == 19 && entry.hasSuffix(" 00000 n "))
            let offset = try #require(Int(entry.prefix(10)))
            #expect(String(decoding: pdf[offset...].prefix(12), as: UTF8.self).hasPrefix("\(number) 0 obj\n"))
        }
        let startxrefLine = try #require(lines.firstIndex(of: "startxref"))
        let startxref = try #require(Int(lines[startxrefLine + 1]))
        #expect(String(decoding: pdf[startxref...].prefix(4), as: UTF8.self) == "xref")
        // Each stream's /Length is its length.
        var searchFrom = text.startIndex
        while let length = text.range(of: "/Length ", range: searchFrom..<text.endIndex) {
            let digits = text[length.upperBound...].prefix { $0.isNumber }
            let start = try #require(text.range(of: ">>\nstream\n", range: length.upperBound..<text.endIndex))
            let end = try #require(text.range(of: "\nendstream", range: start.upperBound..<text.endIndex))
            #expect(text.utf8.distance(from: start.upperBound, to: end.lowerBound) == Int(digits))
            searchFrom = end.upperBound
        }
    }

    @Test func textIsMeasuredWithHelveticasWidths() {
        let text = PrintedPage.Text("Hello", x: 100, baseline: 20, size: 10, alignment: .center)
        // H 722, e 556, l 222, l 222, o 556 thousandths of 10 pt.
        #expect(abs(text.width - 2.278 * 10 * 25.4 / 72) < 1e-9)
        #expect(abs(text.left - (100 - text.width / 2)) < 1e-9)
        #expect(HelveticaMetrics.width(of: "Hello", weight: .bold) == 722 + 556 + 278 + 278 + 611)
        #expect(HelveticaMetrics.width(of: "é€", weight: .regular) == 556 + 556, "€ is measured as ?")
    }

    @Test func numbersAreShortAndNeverExponents() {
        #expect(PrintedPage.decimal(12.5, places: 4) == "12.5")
        #expect(PrintedPage.decimal(25.4 / 75, places: 4) == "0.3387")
        #expect(PrintedPage.decimal(-3, places: 3) == "-3")
        #expect(PrintedPage.decimal(1e-9, places: 3) == "0")
        #expect(PrintedPage.decimal(-0.0004, places: 3) == "0")
        #expect(PrintedPage.decimal(0.05, places: 3) == "0.05")
        #expect(PrintedPage.decimal(841.889_76, places: 3) == "841.89")
    }
}
