import Foundation
import Testing

@Suite struct DecodeCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Fixtures/barcodes").path

    @Test func printsOneLinePerImageInArgumentOrderWithGSEscaped() async throws {
        let images = [
            "ean8-1/1.png", "datamatrix-1/abcd-18x8.png", "code128-1/1.png", "upce-1/1.png", "rssexpanded-1/7.png",
        ].map { Self.fixtures + "/" + $0 }
        let result = try await TallyctlProcess.run(["decode"] + images)
        #expect(result.status == 0, "\(result.standardError)")
        let objects = result.objects
        #expect(objects.map { $0["file"] as? String } == images)
        func first(_ index: Int) -> [String: Any]? { (objects[index]["results"] as? [[String: Any]])?.first }
        #expect(first(0)?["text"] as? String == "48512343")
        #expect(first(0)?["symbology"] as? String == "EAN-8")
        #expect(first(0)?["aim"] as? String == "]E4")
        #expect(first(1)?["symbology"] as? String == "Data Matrix")
        #expect(first(1)?["aim"] as? String == "]d1")
        #expect(first(3)?["symbology"] as? String == "UPC-E")
        #expect((first(3)?["text"] as? String)?.count == 8)
        #expect(first(4)?["aim"] as? String == "]e0")
        // A GS1 DataBar Expanded code carries GS between variable-length fields, written as \u001d.
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == images.count)
        #expect(first(4)?["text"] as? String == "10567\u{1D}11010101")
        #expect(lines[4].contains(#""text": "10567\u001d11010101""#))
        #expect(objects.allSatisfy { $0["error"] == nil })
    }

    @Test func anImageThatCannotBeReadGetsItsErrorAndAFailingStatus() async throws {
        let folder = NSTemporaryDirectory() + "decode-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let broken = folder + "/broken.png"
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0]).write(to: URL(fileURLWithPath: broken))
        let good = Self.fixtures + "/ean8-1/1.png"
        let result = try await TallyctlProcess.run(["decode", broken, good, folder + "/missing.jpg"])
        #expect(result.status != 0)
        let objects = result.objects
        #expect(objects.count == 3)
        #expect((objects[0]["error"] as? String)?.isEmpty == false)
        #expect((objects[0]["results"] as? [Any])?.isEmpty == true)
        #expect(objects[1]["error"] == nil)
        #expect((objects[2]["error"] as? String)?.isEmpty == false)
    }
}
