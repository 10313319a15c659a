import TallyCore
import Testing

@Suite struct ESCPOSEncoderTests {
    static let header = ReceiptHeader(
        shopName: "Café Müller", addressLines: ["Hauptstraße 1"], footerLines: ["Gift cards from 5 €"])
    static let details = ReceiptDetails(stationCode: "TILL2", receiptNumber: 7, time: "2026-11-21 14:03")

    /// Two bottles of apple juice at 1.49, paid with 5.00 in cash.
    static func smallSale() throws -> CompletedSale {
        let juice = SaleLine(
            number: 1, productID: "P9", name: "Apfelsaft", code: "04000000000009", unit: .piece, quantity: 2,
            unitPrice: try PrintingFixtures.amount("1.49"), amount: try PrintingFixtures.amount("2.98"),
            taxClass: try PrintingFixtures.reduced(), pricing: .catalog)
        let cash = SaleTender(
            kind: .cash, tendered: try PrintingFixtures.amount("5.00"), applied: try PrintingFixtures.amount("2.98"),
            change: try PrintingFixtures.amount("2.02"), reference: nil)
        return CompletedSale(
            basketID: "B-2", lines: [juice], voidedLines: [],
            totals: try PrintingFixtures.totals([(juice.amount, juice.taxClass)]), tenders: [cash],
            cashRounding: try PrintingFixtures.amount("0"))
    }

    static func printed(_ text: String) -> [ESCPOSCommand] {
        text.isEmpty ? [.lineFeed] : [.text(text), .lineFeed]
    }

    /// What the small sale's receipt must decode to, written out for each paper.
    static func expectedCommands(paper: PaperWidth) -> [ESCPOSCommand] {
        let columns = paper.fontAColumns
        func row(_ left: String, _ right: String) -> [ESCPOSCommand] {
            printed(left + String(repeating: " ", count: columns - left.count - right.count) + right)
        }
        let rule = printed(String(repeating: "-", count: columns))
        let table =
            paper == .mm80
            ? printed("Rate                     Net       Tax     Gross")
                + printed("A 7%                    2.79      0.19      2.98")
            : printed("Rate         Net     Tax   Gross") + printed("A 7%        2.79    0.19    2.98")
        var commands: [ESCPOSCommand] = [.initialize, .selectCodePage(19)]
        commands += [.align(.center), .bold(true), .characterSize(width: 2, height: 2)] + printed("Café Müller")
        commands += [.characterSize(width: 1, height: 1), .bold(false)] + printed("Hauptstraße 1") + [.lineFeed]
        commands += [.align(.left)] + row("Receipt 7", "2026-11-21 14:03") + printed("Station TILL2") + rule
        commands += row("Apfelsaft", "2.98 A") + printed("  2 x 1.49") + rule
        commands += [.bold(true)] + row("TOTAL EUR", "2.98") + [.bold(false)] + rule + table + rule
        commands += row("Cash", "5.00") + row("Change", "2.02") + [.lineFeed]
        commands += [.align(.center)] + printed("Gift cards from 5 €") + [.lineFeed]
        commands += [
            .barcodeHeight(80), .barcodeModuleWidth(paper == .mm80 ? 2 : 1), .hriPosition(.below),
            .code128(details.tallyCode.description), .feedLines(3), .feedAndCut(partial: true, feed: 0),
        ]
        return commands
    }

    @Test(arguments: PaperWidth.allCases)
    func aReceiptDecodesToExactlyTheCommandsItWasPrintedWith(paper: PaperWidth) throws {
        let document = try ReceiptLayout.sale(Self.smallSale(), header: Self.header, details: Self.details)
        let bytes = ESCPOSEncoder(paper: paper).encode(document)
        let decoded = try ESCPOSDecoder().decode(bytes)
        #expect(decoded == Self.expectedCommands(paper: paper))
        #expect(decoded == ESCPOSEncoder(paper: paper).commands(for: document))
        #expect(Self.details.tallyCode.description.hasPrefix("TLR-TILL2-000007-"))
        #expect(decoded.contains(.code128(Self.details.tallyCode.description)))
        #expect(decoded.last == .feedAndCut(partial: true, feed: 0))
        #expect(Array(bytes.prefix(5)) == [0x1B, 0x40, 0x1B, 0x74, 19])
        #expect(Array(bytes.suffix(7)) == [0x1B, 0x64, 3, 0x1D, 0x56, 66, 0])
    }

    @Test(arguments: PaperWidth.allCases)
    func euroAndUmlautsGoThroughCodePage858AndBack(paper: PaperWidth) throws {
        let document = try ReceiptLayout.sale(
            PrintingFixtures.sale(), header: PrintingFixtures.header, details: PrintingFixtures.details())
        let bytes = ESCPOSEncoder(paper: paper).encode(document)
        #expect(bytes.contains(0xD5))  // €
        #expect(bytes.contains(0x84))  // ä
        #expect(bytes.contains(0xE1))  // ß
        let decoded = try ESCPOSDecoder().decode(bytes)
        #expect(decoded == ESCPOSEncoder(paper: paper).commands(for: document))
        #expect(decoded.contains(.text("Gift cards from 5 €")))
        #expect(decoded.contains { if case .text(let text) = $0 { text.hasPrefix("Käse Gouda") } else { false } })
        #expect(decoded.contains(.code128(PrintingFixtures.details().tallyCode.description)))
        var textWidth = paper.fontAColumns
        for command in decoded {
            switch command {
            case .characterSize(let width, _): textWidth = paper.fontAColumns / width
            case .text(let text): #expect(text.count <= textWidth, "\(text)")
            default: break
            }
        }
    }

    @Test func textIsEncodedInCodePage858() {
        #expect(
            ESCPOSCommand.text("Café Müller").bytes == [
                0x43, 0x61, 0x66, 0x82, 0x20, 0x4D, 0x81, 0x6C, 0x6C, 0x65, 0x72,
            ])
        #expect(
            ESCPOSCommand.text("5 €, 3 £, ß").bytes == [
                0x35, 0x20, 0xD5, 0x2C, 0x20, 0x33, 0x20, 0x9C, 0x2C, 0x20, 0xE1,
            ])
        // A decomposed "a" + combining diaeresis is the same character as "ä".
        #expect(ESCPOSCommand.text("a\u{308}").bytes == [0x84])
        // Characters outside the code page are printed as "?", one for each, so widths stay right.
        #expect(ESCPOSCommand.text("Łódź 😀").bytes == Array("?\u{A2}d? ?".unicodeScalars.map { UInt8($0.value) }))
        let document = PrintDocument([.line("Łódź")])
        #expect(ESCPOSEncoder(paper: .mm80).commands(for: document).contains(.text("?ód?")))
    }

    @Test func commandBytes() {
        #expect(ESCPOSCommand.initialize.bytes == [0x1B, 0x40])
        #expect(ESCPOSCommand.selectCodePage(19).bytes == [0x1B, 0x74, 19])
        #expect(ESCPOSCommand.align(.right).bytes == [0x1B, 0x61, 2])
        #expect(ESCPOSCommand.bold(true).bytes == [0x1B, 0x45, 1])
        #expect(ESCPOSCommand.characterSize(width: 2, height: 2).bytes == [0x1D, 0x21, 0x11])
        #expect(ESCPOSCommand.characterSize(width: 9, height: 0).bytes == [0x1D, 0x21, 0x70])
        #expect(ESCPOSCommand.barcodeHeight(80).bytes == [0x1D, 0x68, 80])
        #expect(ESCPOSCommand.barcodeModuleWidth(2).bytes == [0x1D, 0x77, 2])
        #expect(ESCPOSCommand.hriPosition(.below).bytes == [0x1D, 0x48, 2])
        #expect(ESCPOSCommand.code128("A{1").bytes == [0x1D, 0x6B, 73, 6, 0x7B, 0x42, 0x41, 0x7B, 0x7B, 0x31])
        #expect(ESCPOSCommand.feedAndCut(partial: true, feed: 0).bytes == [0x1D, 0x56, 66, 0])
        #expect(ESCPOSCommand.cut(partial: false).bytes == [0x1D, 0x56, 0])
    }

    @Test func aBarcodeTooWideForThePaperPrintsAsText() throws {
        let data = String(repeating: "7", count: 40)
        let narrow = ESCPOSEncoder(paper: .mm58).commands(for: PrintDocument([.barcode(data)]))
        #expect(
            narrow == [
                .initialize, .selectCodePage(19), .align(.center), .text(String(data.prefix(32))), .lineFeed,
                .text(String(data.suffix(8))), .lineFeed,
            ])
        let wide = ESCPOSEncoder(paper: .mm80).commands(for: PrintDocument([.barcode(data)]))
        #expect(wide.contains(.code128(data)))
        #expect(wide.contains(.barcodeModuleWidth(1)))
    }

    @Test func boldFromTheDocumentSurvivesTitlesAndCopyMarkers() throws {
        let commands = ESCPOSEncoder(paper: .mm80).commands(
            for: PrintDocument([.bold(true), .title("Shop"), .copyMarker, .line("x"), .bold(false), .line("y")]))
        #expect(
            commands == [
                .initialize, .selectCodePage(19), .bold(true), .align(.center), .characterSize(width: 2, height: 2),
                .text("Shop"), .lineFeed, .characterSize(width: 1, height: 1), .text("*** COPY ***"), .lineFeed,
                .align(.left), .text("x"), .lineFeed, .bold(false), .text("y"), .lineFeed,
            ])
    }
}
