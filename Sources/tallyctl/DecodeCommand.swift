import ArgumentParser
import Foundation
import TallyCore
import TallyImage

/// `tallyctl decode`: the barcodes in image files, read as the station reads them, one JSON line per image.
struct DecodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Read the barcodes in PNG and JPEG images, one JSON object per image.",
        discussion: """
            Prints one line per IMAGE, in the order given: {"file": …, "results": [{"text": …, "symbology": …, \
            "aim": …}]}, or with "results": [] and "error": … when the image cannot be loaded. GS1 field \
            separators (GS) appear in "text" as \\u001d; "aim" is the AIM symbology identifier a scanner would \
            send before the text (]E0, ]C1, ]d2 …). Images are decoded in parallel on all cores.
            Exit status: 0 when every image was loaded (whether or not it held a barcode), 1 when any image could \
            not be loaded (missing, not PNG or JPEG, corrupt, or over the size limits), 64 on a usage error.
            """)

    @Flag(help: "Do not look for Data Matrix (faster on photos that cannot hold one).")
    var noDataMatrix = false

    @Flag(help: "Stop after the first pass over each image instead of trying rotations, binarization and scaling.")
    var fast = false

    @Argument(help: "PNG or JPEG files.")
    var images: [String] = []

    func validate() throws {
        if images.isEmpty { throw ValidationError("give one or more image files") }
    }

    func run() async throws {
        var configured = BarcodeImageDecoder()
        configured.readsDataMatrix = !noDataMatrix
        configured.triesHarder = !fast
        let decoder = configured
        let images = images
        let lanes = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let allLoaded = await withTaskGroup(of: (index: Int, line: String, loaded: Bool).self) { group in
            var allLoaded = true
            var started = 0
            var printed = 0
            var finished: [Int: (line: String, loaded: Bool)] = [:]
            while started < min(lanes, images.count) {
                let index = started
                group.addTask { DecodeCommand.decode(images[index], at: index, with: decoder) }
                started += 1
            }
            for await done in group {
                finished[done.index] = (done.line, done.loaded)
                if started < images.count {
                    let index = started
                    group.addTask { DecodeCommand.decode(images[index], at: index, with: decoder) }
                    started += 1
                }
                // Print in argument order, each line as soon as the ones before it are out.
                while let next = finished.removeValue(forKey: printed) {
                    print(next.line)
                    fflush(nil)  // each line as soon as it is ready, also when standard output is a pipe
                    allLoaded = allLoaded && next.loaded
                    printed += 1
                }
            }
            return allLoaded
        }
        if !allLoaded { throw ExitCode(1) }
    }

    static func decode(
        _ path: String, at index: Int, with decoder: BarcodeImageDecoder
    ) -> (
        index: Int, line: String, loaded: Bool
    ) {
        do {
            let results = try decoder.decode(file: path)
            return (index, jsonLine(file: path, results: results, error: nil), true)
        } catch {
            return (index, jsonLine(file: path, results: [], error: error.description), false)
        }
    }

    static func jsonLine(file: String, results: [DecodedBarcode], error: String?) -> String {
        var line = JSONObjectWriter()
        line.string("file", file)
        line.raw(
            "results",
            JSONObjectWriter.array(
                results.map { result in
                    var item = JSONObjectWriter()
                    item.string("text", text(of: result.text))
                    item.string("symbology", result.symbology)
                    item.string("aim", result.aim)
                    return item.finished()
                }))
        line.string("error", error)
        return line.finished()
    }

    /// The text as Unicode: UTF-8 when it is valid UTF-8 (QR Code text, ASCII), ISO 8859-1 otherwise, the default
    /// character set of Code 128 and Data Matrix.
    static func text(of bytes: [UInt8]) -> String {
        if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}
