import Dispatch
import Foundation
import TallyImage

// The decode rate on the barcode fixtures, side by side with zbar's own zbarimg in the same run: images read
// correctly per set, images per second, and anything reported on images without a barcode. Prints a markdown
// table.
//
// Tally decodes each set's images in parallel on all cores, as `tallyctl decode` does; zbarimg runs as one
// process per set with all of the set's files as arguments (`zbarimg -q --raw -Supca.enable -Supce.enable`), and
// that run is what is timed. Which file zbarimg read what is taken from a second, untimed run with `--xml`, since
// the raw output does not say. Each side runs `repetitions` times and the fastest run counts.

let repetitions = Int(ProcessInfo.processInfo.environment["TALLY_BENCH_REPETITIONS"] ?? "") ?? 3

let fixtures: String = {
    if let path = ProcessInfo.processInfo.environment["TALLY_FIXTURES"], !path.isEmpty { return path }
    // Benchmarks/Benchmarks/DecodeRate/main.swift → the repository → ../shared/fixtures/barcodes
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    return repository.deletingLastPathComponent().appendingPathComponent("shared/fixtures/barcodes").path
}()

struct Image {
    var path: String
    var expected: [UInt8]?
}

/// AIs with data of predefined length (by their first two digits): no GS follows them.
let predefinedLength: Set<String> = [
    "00", "01", "02", "03", "04", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "31", "32", "33", "34",
    "35", "36", "41",
]

/// `(01)…(17)…` as the element string a scanner sends.
func elementString(_ text: String) -> [UInt8] {
    var result: [UInt8] = []
    let fields = text.split(separator: "(").map { $0.split(separator: ")", maxSplits: 1) }
    for (index, field) in fields.enumerated() {
        guard let ai = field.first else { continue }
        result += Array(ai.utf8) + (field.count > 1 ? Array(field[1].utf8) : [])
        if !predefinedLength.contains(String(ai.prefix(2))) && index < fields.count - 1 { result.append(0x1D) }
    }
    return result
}

func images(in set: String) throws -> [Image] {
    let folder = fixtures + "/" + set
    return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".png") }.sorted().map {
        name in
        var expected = FileManager.default.contents(atPath: folder + "/" + name.dropLast(4) + ".txt").map {
            [UInt8]($0)
        }
        if set.hasPrefix("rssexpanded"), let text = expected {
            expected = elementString(String(decoding: text, as: UTF8.self))
        }
        return Image(path: folder + "/" + name, expected: expected)
    }
}

func seconds(_ work: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

// MARK: Tally

final class ResultSlots: @unchecked Sendable {
    var results: [[DecodedBarcode]]
    init(count: Int) { results = Array(repeating: [], count: count) }
}

func tally(_ images: [Image]) -> (results: [[DecodedBarcode]], seconds: Double) {
    let decoder = BarcodeImageDecoder()
    let slots = ResultSlots(count: images.count)
    let paths = images.map(\.path)
    let time = seconds {
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            slots.results[index] = (try? decoder.decode(file: paths[index])) ?? []
        }
    }
    return (slots.results, time)
}

func tallyReads(_ results: [DecodedBarcode], _ expected: [UInt8]) -> Bool {
    results.contains { $0.text == expected || ($0.aim == "]E3" && $0.text.starts(with: expected)) }
}

// MARK: zbarimg

func runZbarimg(_ arguments: [String]) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return data
}

let zbarOptions = ["-Supca.enable", "-Supce.enable"]

/// The texts zbarimg's XML output gives for each file.
func zbarimgTexts(_ images: [Image]) throws -> [String: [[UInt8]]] {
    let xml = String(decoding: try runZbarimg(["-q", "--xml"] + zbarOptions + images.map(\.path)), as: UTF8.self)
    var texts: [String: [[UInt8]]] = [:]
    for source in xml.components(separatedBy: "<source href='").dropFirst() {
        guard let end = source.firstIndex(of: "'") else { continue }
        let file = String(source[..<end])
        var found: [[UInt8]] = []
        for data in source.components(separatedBy: "<data").dropFirst() {
            guard let open = data.range(of: "<![CDATA["), let close = data.range(of: "]]></data>") else { continue }
            let body = String(data[open.upperBound..<close.lowerBound])
            if data[..<open.lowerBound].contains("base64") {
                let clean = body.filter { !$0.isWhitespace }
                found.append(Data(base64Encoded: clean).map { [UInt8]($0) } ?? [])
            } else {
                found.append(Array(body.utf8))
            }
        }
        texts[file] = found
    }
    return texts
}

// MARK: The run

let sets = try FileManager.default.contentsOfDirectory(atPath: fixtures).filter {
    FileManager.default.fileExists(atPath: fixtures + "/" + $0 + "/")
}.sorted { ($0 == "falsepositives" ? 1 : 0, $0) < ($1 == "falsepositives" ? 1 : 0, $1) }

struct Row {
    var set: String
    var images: Int
    var zbarRead: Int
    var tallyRead: Int
    var zbarSeconds: Double
    var tallySeconds: Double
    var zbarReported: Int
    var tallyReported: Int
}

var rows: [Row] = []
for set in sets {
    let images = try images(in: set)
    if images.isEmpty { continue }
    var zbarSeconds = Double.infinity
    for _ in 0..<repetitions {
        zbarSeconds = min(
            zbarSeconds, try seconds { _ = try runZbarimg(["-q", "--raw"] + zbarOptions + images.map(\.path)) })
    }
    let zbarTexts = try zbarimgTexts(images)
    var tallySeconds = Double.infinity
    var tallyResults: [[DecodedBarcode]] = []
    for _ in 0..<repetitions {
        let run = tally(images)
        tallySeconds = min(tallySeconds, run.seconds)
        tallyResults = run.results
    }
    var row = Row(
        set: set, images: images.count, zbarRead: 0, tallyRead: 0, zbarSeconds: zbarSeconds, tallySeconds: tallySeconds,
        zbarReported: 0, tallyReported: 0)
    for (index, image) in images.enumerated() {
        let zbar = zbarTexts[image.path] ?? []
        row.zbarReported += zbar.count
        row.tallyReported += tallyResults[index].count
        guard let expected = image.expected else { continue }
        if zbar.contains(expected) { row.zbarRead += 1 }
        if tallyReads(tallyResults[index], expected) { row.tallyRead += 1 }
    }
    rows.append(row)
}

func rate(_ images: Int, _ seconds: Double) -> String { String(format: "%.0f", Double(images) / seconds) }

print("| set | images | zbarimg read | Tally read | zbarimg images/s | Tally images/s |")
print("|---|---:|---:|---:|---:|---:|")
for row in rows {
    let isNegative = row.set == "falsepositives"
    let zbar = isNegative ? "\(row.zbarReported) reported" : "\(row.zbarRead)"
    let tally = isNegative ? "\(row.tallyReported) reported" : "\(row.tallyRead)"
    print(
        "| \(row.set) | \(row.images) | \(zbar) | \(tally) | \(rate(row.images, row.zbarSeconds)) "
            + "| \(rate(row.images, row.tallySeconds)) |")
}
let images = rows.map(\.images).reduce(0, +)
let zbarSeconds = rows.map(\.zbarSeconds).reduce(0, +)
let tallySeconds = rows.map(\.tallySeconds).reduce(0, +)
let withTruth = rows.filter { $0.set != "falsepositives" }
print(
    "| **all** | \(images) | \(withTruth.map(\.zbarRead).reduce(0, +)) | \(withTruth.map(\.tallyRead).reduce(0, +)) "
        + "| \(rate(images, zbarSeconds)) | \(rate(images, tallySeconds)) |")
print("")
print(
    String(
        format: "Tally: %.2f× zbarimg's images per second on %d cores; best of %d runs each.",
        zbarSeconds / tallySeconds, ProcessInfo.processInfo.activeProcessorCount, repetitions))
