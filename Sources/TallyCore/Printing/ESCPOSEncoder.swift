/// Turns a ``PrintDocument`` into the bytes an ESC/POS receipt printer prints.
///
/// Text is laid out in font A's columns for the paper and encoded in code page 858 (`ESC t 19`), so `€` and
/// the Western European letters print as written; other characters print as `?`. Alignment and bold are
/// written only when they change. A barcode too wide for the paper prints as its text.
public struct ESCPOSEncoder: Hashable, Sendable {
    /// The `ESC t` number of code page 858 on Epson printers and their clones.
    public static let codePage858: UInt8 = 19
    /// Barcode height in dots: 10 mm at 203 dpi.
    public static let barcodeHeight = 80
    /// Lines fed before the cut, so the last line clears the tear bar.
    public static let feedBeforeCut = 3

    public let paper: PaperWidth

    public init(paper: PaperWidth) {
        self.paper = paper
    }

    /// The bytes to send to the printer.
    public func encode(_ document: PrintDocument) -> [UInt8] {
        commands(for: document).flatMap(\.bytes)
    }

    /// The commands the document is printed with; their text is already what code page 858 can print.
    public func commands(for document: PrintDocument) -> [ESCPOSCommand] {
        var writer = Writer(encoder: self)
        for block in document.blocks {
            writer.write(block)
        }
        return writer.commands
    }

    /// The widest module (1 to 3 dots) at which a Code 128 of `data` and its quiet zones fit the paper, or nil
    /// when none does or the data is not printable ASCII.
    func moduleWidth(forCode128 data: String) -> Int? {
        guard !data.isEmpty, data.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else { return nil }
        // Start, check and stop symbols, 11 modules per character, and a 10-module quiet zone on each side; this
        // also keeps the data far below what one `GS k` command can carry.
        let modules = 11 * (data.utf8.count + 3) + 2 + 20
        return (1...3).last { modules * $0 <= paper.printableDots }
    }
}

/// Writes blocks as commands, remembering alignment and bold so that each is written only when it changes.
private struct Writer {
    let encoder: ESCPOSEncoder
    let layout: TextLayout
    var commands: [ESCPOSCommand] = [.initialize, .selectCodePage(ESCPOSEncoder.codePage858)]
    // `ESC @` leaves the printer left-aligned and not bold.
    var alignment = ESCPOSCommand.Alignment.left
    var isBold = false
    /// Bold as the document set it; titles and the copy marker are bold whatever it is.
    var documentBold = false

    init(encoder: ESCPOSEncoder) {
        self.encoder = encoder
        layout = TextLayout(width: encoder.paper.fontAColumns)
    }

    mutating func write(_ block: PrintDocument.Block) {
        switch block {
        case .title(let text):
            align(.center)
            bold(true)
            commands.append(.characterSize(width: 2, height: 2))
            lines(TextLayout.wrap(text, width: layout.width / 2))
            commands.append(.characterSize(width: 1, height: 1))
            bold(documentBold)
        case .centered(let text):
            align(.center)
            lines(layout.wrap(text))
        case .pair(let left, let right):
            align(.left)
            lines(layout.pair(left, right))
        case .columns(let cells):
            align(.left)
            lines(layout.columns(cells))
        case .line(let text):
            align(.left)
            lines(layout.wrap(text))
        case .rule:
            align(.left)
            lines([layout.rule])
        case .blank:
            commands.append(.lineFeed)
        case .bold(let on):
            documentBold = on
            bold(on)
        case .barcode(let data):
            align(.center)
            guard let width = encoder.moduleWidth(forCode128: data) else { return lines(layout.wrap(data)) }
            commands += [
                .barcodeHeight(ESCPOSEncoder.barcodeHeight), .barcodeModuleWidth(width), .hriPosition(.below),
                .code128(data),
            ]
        case .copyMarker:
            align(.center)
            bold(true)
            lines([PrintDocument.copyText])
            bold(documentBold)
        case .cut:
            commands += [.feedLines(ESCPOSEncoder.feedBeforeCut), .feedAndCut(partial: true, feed: 0)]
        }
    }

    private mutating func align(_ wanted: ESCPOSCommand.Alignment) {
        guard wanted != alignment else { return }
        alignment = wanted
        commands.append(.align(wanted))
    }

    private mutating func bold(_ wanted: Bool) {
        guard wanted != isBold else { return }
        isBold = wanted
        commands.append(.bold(wanted))
    }

    private mutating func lines(_ lines: [String]) {
        for line in lines {
            if !line.isEmpty { commands.append(.text(CodePage858.printable(line))) }
            commands.append(.lineFeed)
        }
    }
}
