import ArgumentParser
import Foundation
import TallyCore

/// `tallyctl control-sheet`: pages of control cards and location labels to print, so a station's every workflow
/// can be driven by scanning.
struct ControlSheetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "control-sheet",
        abstract: "Print the control cards and location labels as barcodes on A4 or Letter pages, as SVG or PDF.",
        discussion: """
            Every mode, quantities 1 to 10, void (last line), void all, done, cancel and every tender, then a label \
            for each location given (in the order given: --location codes first, then the file's lines). Print \
            at actual size (100 %), not scaled to fit the page.
            A PDF holds every page. An SVG file holds one page, as a printer expects: with several pages, \
            --output sheet.svg writes sheet-1.svg, sheet-2.svg … (one page: sheet.svg itself), and standard \
            output takes only a one-page sheet.
            Examples: tallyctl control-sheet --output controls.pdf · \
            tallyctl control-sheet --paper letter --locations-file shelves.txt --output shelves.svg · \
            tallyctl control-sheet --location A01.01.1 A01.01.2 > sheet.pdf
            """)

    /// The file formats written.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case svg, pdf
    }

    /// The paper sizes, as typed.
    enum Paper: String, ExpressibleByArgument, CaseIterable {
        case a4, letter

        var size: PageSize {
            switch self {
            case .a4: .a4
            case .letter: .letter
            }
        }
    }

    @Option(help: "svg or pdf. Without it: from --output's extension, or pdf.")
    var format: Format?

    @Option(help: "a4 or letter.")
    var paper: Paper = .a4

    @Option(
        name: .customLong("location"), parsing: .upToNextOption,
        help: "Location codes to print labels for, such as A01.03.2 (1 to 24 letters, digits and inner dots).")
    var locations: [String] = []

    @Option(help: "A file of location codes, one per line; blank lines and lines starting with # are skipped.")
    var locationsFile: String?

    @Option(help: "The file to write; standard output when not given.")
    var output: String?

    func run() throws {
        let format = try chosenFormat()
        let given = try locationsGiven()
        let sheet: ControlSheet
        do {
            sheet = try ControlSheet(paper: paper.size, locations: given.map(\.code))
        } catch {
            let lines = error.problems.map { problem in
                "\(given[problem.index].origin): \(given[problem.index].typed.debugDescription) cannot be printed as a "
                    + "location label: \(problem.detail)"
            }
            throw CommandFailure(lines.joined(separator: "\n"))
        }
        let title = "Tally control sheet"
        let pages = sheet.pages.map(\.printed)
        switch format {
        case .pdf:
            let bytes = Data(PDFPageWriter.pdf(pages, title: title))
            guard let output else {
                if isatty(STDOUT_FILENO) != 0 {
                    throw CommandFailure("a PDF is not for the terminal: give --output FILE.pdf or redirect the output")
                }
                FileHandle.standardOutput.write(bytes)
                return
            }
            try write(bytes, to: output)
            print("\(pages.count) \(pages.count == 1 ? "page" : "pages") written to \(output)")
        case .svg:
            let documents = pages.enumerated().map { index, page in
                Data(SVGPageWriter.svg(page, title: "\(title), page \(index + 1) of \(pages.count)").utf8)
            }
            guard let output else {
                guard documents.count == 1 else {
                    throw CommandFailure(
                        "the sheet has \(documents.count) pages and an SVG file holds one: give --output FILE.svg "
                            + "to write FILE-1.svg to FILE-\(documents.count).svg, or --format pdf")
                }
                FileHandle.standardOutput.write(documents[0])
                return
            }
            let names = ControlSheetCommand.pageFileNames(for: output, pages: documents.count)
            for (document, name) in zip(documents, names) { try write(document, to: name) }
            print("\(names.count) \(names.count == 1 ? "page" : "pages") written to \(names.joined(separator: ", "))")
        }
    }

    /// `--format`, else the output's extension, else PDF.
    func chosenFormat() throws -> Format {
        if let format { return format }
        guard let output else { return .pdf }
        let suffix = URL(fileURLWithPath: output).pathExtension.lowercased()
        guard let format = Format(rawValue: suffix) else {
            throw ValidationError(
                "cannot tell the format from the name \(output): give --format svg or --format pdf, or a name "
                    + "ending in .svg or .pdf")
        }
        return format
    }

    /// The locations to label, in uppercase as scanners read them, each as typed and where it came from, for
    /// messages.
    func locationsGiven() throws -> [(code: String, typed: String, origin: String)] {
        var given = locations.map { (code: $0.uppercased(), typed: $0, origin: "--location") }
        guard let locationsFile else { return given }
        let contents: Data
        do {
            contents = try Data(contentsOf: URL(fileURLWithPath: locationsFile))
        } catch {
            throw CommandFailure("cannot read the locations file \(locationsFile): \(error.localizedDescription)")
        }
        // Split on every kind of line end: "\r\n" is one Character, which a split on "\n" would not see.
        let lines = String(decoding: contents, as: UTF8.self).split(
            omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() {
            let code = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if code.isEmpty || code.hasPrefix("#") { continue }
            given.append((code: code.uppercased(), typed: code, origin: "\(locationsFile) line \(index + 1)"))
        }
        return given
    }

    /// `output` for one page; `name-1.svg`, `name-2.svg` … for several.
    static func pageFileNames(for output: String, pages: Int) -> [String] {
        if pages == 1 { return [output] }
        let url = URL(fileURLWithPath: output)
        let suffix = url.pathExtension
        let stem = suffix.isEmpty ? output : String(output.dropLast(suffix.count + 1))
        return (1...pages).map { suffix.isEmpty ? "\(stem)-\($0)" : "\(stem)-\($0).\(suffix)" }
    }

    func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
