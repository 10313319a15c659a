import Foundation
import TallyCore
import TallyScan
import TallyStation
import Testing

/// Scanner input through the running daemon: recorded evdev events replayed as a configured scanner, images
/// posted to the API, and images dropped into the watched folder. (The live reader against a real kernel is
/// tested in KernelTests.)
@Suite("tallyd reading scanners and images")
struct ScannerInputTests {
    /// An EAN-8 photograph from the fixtures and the product it is sold as.
    static let photo = ImageFixture.path("ean8-1/2.png")
    static let photoGTIN = "12345670"

    static func daemonSellingThePhotographedItem(extraYAML: String = "") throws -> DaemonProcess {
        let daemon = try DaemonProcess(extraYAML: extraYAML)
        let database = try StationDatabase(stateDirectory: daemon.stateDirectory)
        let eur = Currency(code: "EUR")!
        try database.upsertCatalog(
            taxClasses: DemoCatalog.taxClasses, standardTaxClassID: "standard",
            products: [
                CatalogProduct(
                    id: "PHOTO", name: "Photographed item", unit: .piece, taxClassID: "standard",
                    price: Money(minorUnits: 199, currency: eur), barcodes: ["000000" + photoGTIN])
            ])
        return daemon
    }

    /// Waits until the journal holds `count` scans from `source`.
    static func journal(
        _ daemon: DaemonProcess, source: ScanSource, count: Int
    ) async throws -> [ScanJournalEntry] {
        let database = try StationDatabase(stateDirectory: daemon.stateDirectory)
        for _ in 0..<200 {
            let entries = try database.recentScans(limit: 1000).filter { $0.scan.source == source }
            if entries.count >= count { return entries.reversed() }
            try await Task.sleep(for: .milliseconds(50))
        }
        let log = (try? String(contentsOfFile: daemon.logPath, encoding: .utf8)) ?? ""
        throw DaemonError("fewer than \(count) \(source) scans were journaled; log: \(log)")
    }

    @Test func recordedScannerEventsBecomeScansOfTheirLaneAndSlowTypingIsRefused() async throws {
        let daemon = try DaemonProcess(
            extraYAML: """
                scanners: [front]
                scanner:
                  front:
                    device: "name:*Tally Front*"
                    lane: till
                    layout: de
                """)
        defer { daemon.remove() }
        let typist = try KeyboardTypist(layout: KeyboardLayout("de"))
        let chocolate = DemoCatalog.named[0].gtin
        let gs1 = "01" + "0" + DemoCatalog.named[1].gtin + "10LOT-42\u{1D}21Zy7"
        var events = try typist.events(typing: chocolate, startingAt: 1_000_000, interval: 4_000, terminator: .enter)
        events += try typist.events(typing: "12345", startingAt: 2_000_000, interval: 180_000, terminator: .enter)
        events += try typist.events(typing: gs1, startingAt: 3_000_000, interval: 4_000, terminator: .enter)
        let recording = EvemuRecording(
            name: "Tally Front Scanner", bus: 3, vendor: 0x1d50, product: 0x7461, version: 1, events: events)
        let path = daemon.directory + "/front.events"
        try recording.text.write(toFile: path, atomically: true, encoding: .utf8)
        try await daemon.start(arguments: ["--replay-events", "front=\(path)"])

        let scans = try await Self.journal(daemon, source: .evdev, count: 3)
        #expect(scans.map(\.scan.bytes) == [Array(chocolate.utf8), Array("12345".utf8), Array(gs1.utf8)])
        #expect(scans.map(\.scan.accepted) == [true, false, true])
        #expect(scans[1].scan.reason?.contains("human speed") == true, "\(scans[1].scan.reason ?? "")")
        #expect(scans.allSatisfy { $0.scan.device?.hasPrefix("front ") == true && $0.scan.lane == "till" })
        let lane = try await daemon.get("/lanes/till")
        let basket = lane.object["basket"] as? [String: Any]
        #expect((basket?["lines"] as? [Any])?.count == 2)
    }

    @Test func aReplayForAScannerThatIsNotConfiguredStopsTheDaemonWithItsName() async throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        await #expect(throws: DaemonError.self) {
            try await daemon.start(arguments: ["--replay-events", "back=/nonexistent.events"])
        }
        let log = try String(contentsOfFile: daemon.logPath, encoding: .utf8)
        #expect(log.contains("no scanner back is configured"))
    }

    @Test func aPostedImageIsReadLikeAScanAndABadOneIsRefusedWithItsReason() async throws {
        try #require(ImageFixture.available, "the barcode photographs are missing: \(ImageFixture.directory)")
        let daemon = try Self.daemonSellingThePhotographedItem()
        defer { daemon.remove() }
        try await daemon.start()
        let image = try Data(contentsOf: URL(fileURLWithPath: Self.photo))
        let answer = try await daemon.post("/images?lane=till&name=label.png", raw: image)
        #expect(answer.status == 201, "\(String(decoding: answer.body, as: UTF8.self))")
        let results = answer.object["results"] as? [[String: Any]]
        #expect(results?.first?["text"] as? String == Self.photoGTIN)
        #expect(results?.first?["symbology"] as? String == "EAN-8")
        #expect(results?.first?["aim"] as? String == "]E4")

        let garbage = try await daemon.post("/images?lane=till", raw: Data("not an image at all".utf8))
        #expect(garbage.status == 422)
        #expect((garbage.object["error"] as? String)?.contains("cannot be read") == true)
        let unknownLane = try await daemon.post("/images?lane=back", raw: image)
        #expect(unknownLane.status == 404)

        let scans = try await Self.journal(daemon, source: .image, count: 2)
        #expect(scans[0].scan.accepted && scans[0].scan.bytes == Array(("]E4" + Self.photoGTIN).utf8))
        #expect(!scans[1].scan.accepted)
    }

    @Test func imagesDroppedIntoTheWatchedFolderAreReadAndFiledAway() async throws {
        try #require(ImageFixture.available, "the barcode photographs are missing: \(ImageFixture.directory)")
        let inbox = NSTemporaryDirectory() + "tally-inbox-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: inbox) }
        let daemon = try Self.daemonSellingThePhotographedItem(
            extraYAML: "images:\n  watchFolder: \(inbox)\n  lane: till")
        defer { daemon.remove() }
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        // One file waits before the daemon starts; the others arrive while it runs.
        try FileManager.default.copyItem(atPath: Self.photo, toPath: inbox + "/before.png")
        try await daemon.start()
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: inbox + "/broken.png"))
        try Data("notes".utf8).write(to: URL(fileURLWithPath: inbox + "/notes.txt"))
        // Written under a dot name and moved in whole, as careful uploaders do.
        try FileManager.default.copyItem(atPath: Self.photo, toPath: inbox + "/.upload.tmp")
        try FileManager.default.moveItem(atPath: inbox + "/.upload.tmp", toPath: inbox + "/after.jpg.png")

        let files = FileManager.default
        for _ in 0..<200 {
            let left = (try? files.contentsOfDirectory(atPath: inbox))?.filter {
                !["processed", "rejected"].contains($0)
            }
            if left?.isEmpty == true { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(Set(try files.contentsOfDirectory(atPath: inbox + "/processed")) == ["before.png", "after.jpg.png"])
        #expect(
            Set(try files.contentsOfDirectory(atPath: inbox + "/rejected"))
                == ["broken.png", "broken.png.txt", "notes.txt", "notes.txt.txt"])
        let note = try String(contentsOfFile: inbox + "/rejected/broken.png.txt", encoding: .utf8)
        #expect(note.contains("cannot be read"), "\(note)")
        let scans = try await Self.journal(daemon, source: .image, count: 3)
        #expect(scans.filter(\.scan.accepted).count == 2)
        let lane = try await daemon.get("/lanes/till")
        let basket = lane.object["basket"] as? [String: Any]
        let lines = basket?["lines"] as? [[String: Any]]
        #expect(lines?.count == 1)
        #expect(lines?.first?["quantity"] as? Int == 2)
    }
}

/// The barcode photographs: in `../shared/fixtures/barcodes` beside the repository when it is there, else the
/// sets kept in the repository's `Fixtures/barcodes`; `TALLY_FIXTURES` overrides both.
enum ImageFixture {
    static let directory: String = {
        if let path = ProcessInfo.processInfo.environment["TALLY_FIXTURES"], !path.isEmpty { return path }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shared = repository.deletingLastPathComponent().appending(path: "shared/fixtures/barcodes").path
        if FileManager.default.fileExists(atPath: shared + "/ean8-1") { return shared }
        return repository.appending(path: "Fixtures/barcodes").path
    }()

    static var available: Bool { FileManager.default.fileExists(atPath: directory + "/ean8-1/2.png") }

    static func path(_ name: String) -> String { directory + "/" + name }
}
