import Foundation
import TallyTestSupport
import Testing

/// `tallyctl control-sheet` written as SVG and PDF, rasterised at 300 dpi with Debian's tools (4 pixels a module)
/// and read back with `tallyctl decode`: every barcode printed is read once, with the text printed under it.
@Suite struct ControlSheetCommandTests {
    /// Thirty shelf locations: with the control cards, more than a page on either paper.
    static let locations = (1...30).map { "A0\($0 / 10 + 1).\($0 % 10).\($0 % 4 + 1)" }

    /// The control cards a sheet must have, their texts made by `tallyctl code`, not by the sheet: every mode,
    /// tender and step card `code all-controls` knows, and quantities 1 to 10.
    static func expectedControls() async throws -> Set<String> {
        let all = try await TallyctlProcess.run(["code", "all-controls"])
        #expect(all.status == 0)
        var expected = Set(
            all.standardOutput.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("TLC-QTY-") })
        for count in 1...10 {
            await expected.insert(try Self.line(["code", "control", "QTY-\(count)"]))
        }
        return expected
    }

    static func expectedLocations() async throws -> [String] {
        var texts: [String] = []
        for location in locations { texts.append(try await line(["code", "location", location])) }
        return texts
    }

    @Test(arguments: ["svg", "pdf"], ["a4", "letter"])
    func everyBarcodePrintedIsReadBackOnceWithItsText(format: String, paper: String) async throws {
        let folder = try TemporaryFolder()
        let list = folder.path + "/shelves.txt"
        // Five on the command line, the rest in a file with a comment, a blank line and Windows line ends.
        let fileLines = ["# aisle A"] + Self.locations[5...] + [""]
        try Data(fileLines.joined(separator: "\r\n").utf8).write(to: URL(fileURLWithPath: list))
        let output = folder.path + "/sheet.\(format)"
        let made = try await TallyctlProcess.run(
            ["control-sheet", "--paper", paper, "--locations-file", list, "--output", output, "--location"]
                + Self.locations[..<5])
        #expect(made.status == 0, "\(made.standardError)")

        // Each page's image and the codes printed in words under its bars.
        var images: [String] = []
        var printed: [[String]] = []
        if format == "svg" {
            let rsvg = try await Tool.find("rsvg-convert", package: "librsvg2-bin")
            let pages = try await folder.files(matching: "sheet-", suffix: ".svg")
            #expect(made.standardOutput.contains("\(pages.count) pages written to \(folder.path)/sheet-1.svg"))
            for (index, page) in pages.enumerated() {
                let svg = try String(contentsOfFile: page, encoding: .utf8)
                printed.append(Self.codeTexts(in: svg))
                let image = folder.path + "/page-\(index + 1).png"
                try await Tool.run(rsvg, ["--dpi-x", "300", "--dpi-y", "300", "--output", image, page])
                images.append(image)
            }
        } else {
            let pdftoppm = try await Tool.find("pdftoppm", package: "poppler-utils")
            let pdftotext = try await Tool.find("pdftotext", package: "poppler-utils")
            let qpdf = try await Tool.find("qpdf", package: "qpdf")
            let check = try await Tool.run(qpdf, ["--check", output])
            #expect(check.contains("No syntax or stream encoding errors found"), "\(check)")
            // pdftotext ends each page with a form feed.
            let text = try await Tool.run(pdftotext, ["-layout", output, "-"])
            printed = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).dropLast().map {
                Self.codeTexts(in: String($0))
            }
            try await Tool.run(pdftoppm, ["-r", "300", "-png", output, folder.path + "/page"])
            images = try await folder.files(matching: "page-", suffix: ".png")
        }
        #expect(printed.count >= 2, "thirty locations take a second page")
        #expect(images.count == printed.count)
        let paperWidth = paper == "a4" ? 210.0 : 215.9
        for image in images {
            // 300 dpi and a module of 1/75 inch: 4 pixels a module.
            let width = try await Self.pngWidth(image)
            #expect(abs(Double(width) - paperWidth / 25.4 * 300) <= 1, "\(image) is \(width) pixels wide")
        }

        let decoded = try await TallyctlProcess.run(["decode"] + images)
        #expect(decoded.status == 0, "\(decoded.standardError)")
        let results = decoded.objects.map { object in
            ((object["results"] as? [[String: Any]]) ?? []).compactMap { $0["text"] as? String }
        }
        #expect(results.count == images.count)
        for (page, (read, shown)) in zip(results, printed).enumerated() {
            #expect(read.count == Set(read).count, "page \(page + 1): a code read twice")
            #expect(read.sorted() == shown.sorted(), "page \(page + 1): read \(read.count), printed \(shown.count)")
            print("\(format) \(paper) page \(page + 1): \(read.count) of \(shown.count) barcodes read")
        }
        let everything = printed.flatMap { $0 }
        #expect(everything.count == Set(everything).count, "every code printed once on the whole sheet")
        #expect(Set(results.flatMap { $0 }) == Set(everything))
        let locations = try await Self.expectedLocations()
        #expect(everything.filter { $0.hasPrefix("TLL-") } == locations, "locations in order")
        let controls = Set(everything.filter { $0.hasPrefix("TLC-") })
        let missing = try await Self.expectedControls().subtracting(controls)
        #expect(missing.isEmpty, "control cards missing: \(missing.sorted())")
        let parsed = try await TallyctlProcess.run(["parse"] + everything)
        #expect(parsed.status == 0 && parsed.objects.allSatisfy { $0["kind"] as? String == "tally" })
    }

    @Test func aBadLocationIsNamedWithItsLineAndNothingIsWritten() async throws {
        let folder = try TemporaryFolder()
        let list = folder.path + "/shelves.txt"
        try Data("A01.01.1\n\nA01 01 2\nA01.01.3\n.A01\n".utf8).write(to: URL(fileURLWithPath: list))
        for format in ["svg", "pdf"] {
            let output = folder.path + "/sheet.\(format)"
            let result = try await TallyctlProcess.run(
                ["control-sheet", "--location", "B1", "--locations-file", list, "--output", output])
            #expect(result.status != 0)
            #expect(result.standardError.contains(#"\#(list) line 3: "A01 01 2" cannot be printed as a location"#))
            #expect(result.standardError.contains(#"\#(list) line 5: ".A01""#))
            #expect(result.standardError.contains("letters, digits and dots"))
            #expect(!result.standardError.contains("line 1:") && !result.standardError.contains("line 4:"))
            #expect(result.standardOutput.isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["shelves.txt"])
        }
        let fromArgument = try await TallyctlProcess.run([
            "control-sheet", "--location", "A1", "B_2", "--format", "svg",
        ])
        #expect(fromArgument.status != 0)
        #expect(fromArgument.standardError.contains(#"--location: "B_2" cannot be printed"#))
        #expect(fromArgument.standardOutput.isEmpty)
        let missing = try await TallyctlProcess.run(["control-sheet", "--locations-file", folder.path + "/none.txt"])
        #expect(missing.status != 0 && missing.standardError.contains("cannot read the locations file"))
    }

    @Test func formatComesFromTheNameAndStandardOutputTakesAPDF() async throws {
        let folder = try TemporaryFolder()
        let pdf = try await TallyctlProcess.run(["control-sheet", "--paper", "letter"])
        #expect(pdf.status == 0, "\(pdf.standardError)")
        #expect(pdf.standardOutput.hasPrefix("%PDF-1.4\n") && pdf.standardOutput.hasSuffix("%%EOF\n"))
        // An SVG file is one page; the control cards alone take more than one.
        let svg = try await TallyctlProcess.run(["control-sheet", "--format", "svg"])
        #expect(svg.status != 0 && svg.standardOutput.isEmpty)
        #expect(svg.standardError.contains("give --output FILE.svg"))
        let named = try await TallyctlProcess.run(["control-sheet", "--output", folder.path + "/Controls.SVG"])
        #expect(named.status == 0)
        await #expect(try folder.files(matching: "Controls-", suffix: ".SVG").count >= 2)
        let unknown = try await TallyctlProcess.run(["control-sheet", "--output", folder.path + "/sheet.png"])
        #expect(unknown.status != 0 && unknown.standardError.contains("give --format svg or --format pdf"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("sheet") }.isEmpty)
    }

    /// What `tallyctl` prints, without the line end.
    static func line(_ arguments: [String]) async throws -> String {
        try await TallyctlProcess.run(arguments).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The Tally codes written in `text`, in the order they appear.
    static func codeTexts(in text: String) -> [String] {
        text.matches(of: /TL[CL]-[0-9A-Z.\-]+/).map { String($0.output) }
    }

    /// The width a PNG file's header gives.
    static func pngWidth(_ path: String) async throws -> Int {
        let header = try #require(FileHandle(forReadingAtPath: path)).readData(ofLength: 24)
        try #require(header.count == 24 && header[12..<16].elementsEqual("IHDR".utf8))
        return header[16..<20].reduce(0) { $0 << 8 | Int($1) }
    }
}

extension ControlSheetCommandTests {
    /// A folder of the test's own, removed when it is no longer used.
    final class TemporaryFolder {
        let path: String

        init() throws {
            path = NSTemporaryDirectory() + "control-sheet-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        /// Full paths of the files named `prefix` + a number + `suffix`, in the order of their numbers.
        func files(matching prefix: String, suffix: String) async throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: path).compactMap { name -> (Int, String)? in
                guard name.hasPrefix(prefix), name.hasSuffix(suffix),
                    let number = Int(name.dropFirst(prefix.count).dropLast(suffix.count))
                else { return nil }
                return (number, path + "/" + name)
            }.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// The Debian programs the test rasterises and checks with.
    enum Tool {
        /// A program that is not installed: the test fails, naming the Debian package that has it.
        struct Missing: Error, CustomStringConvertible {
            let name: String
            let package: String
            var description: String {
                "\(name) is not installed: install the Debian package \(package) (scripts/install-deps does)"
            }
        }

        /// A program that failed.
        struct Failed: Error, CustomStringConvertible {
            let description: String
        }

        /// The path of `name` on `PATH`.
        static func find(_ name: String, package: String) async throws -> String {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
            for folder in path.split(separator: ":")
            where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
            throw Missing(name: name, package: package)
        }

        /// Runs a program to its end and gives its standard output; a failure is an error with its standard error.
        @discardableResult
        static func run(_ executable: String, _ arguments: [String]) async throws -> String {
            let ran = try await runProgram(executable, arguments)
            guard ran.status == 0 else {
                throw Failed(
                    description: "\(executable) \(arguments.joined(separator: " ")) failed with status "
                        + "\(ran.status): \(ran.errors)")
            }
            return ran.output
        }
    }

}
