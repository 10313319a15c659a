import Foundation
import TallyCore
import TallyStation
import Testing

@Suite("tallyd prints receipts")
struct PrintingTests {
    /// The printer file once it holds at least `count` bytes and has stopped growing, or after 30 s.
    static func contents(of path: String, atLeast count: Int) async throws -> [UInt8] {
        var last: [UInt8] = []
        for _ in 0..<600 {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            if bytes.count >= count, bytes.count == last.count { return bytes }
            last = bytes
            try await Task.sleep(for: .milliseconds(50))
        }
        return last
    }

    @Test func aSalePrintsOnTheLanesPrinterAndAReprintIsACopy() async throws {
        let directory = NSTemporaryDirectory() + "tallyd-printer-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let printer = directory + "/lp0"
        _ = FileManager.default.createFile(atPath: printer, contents: nil)
        let daemon = try DaemonProcess(
            extraYAML: """
                lanes: [till]
                lane:
                  till:
                    printer:
                      device: \(printer)
                      paper: 58mm
                """)
        defer { daemon.remove() }
        try await daemon.start()
        _ = try await daemon.post("/scans", ["code": DemoCatalog.named[5].gtin])
        let paid = try await daemon.post("/lanes/till/tender", ["kind": "card", "reference": "AUTH 123456"])
        #expect(paid.object["receiptNumber"] as? Int == 1)
        // The answer does not wait for the printer; the receipt follows from the spool.
        let first = try await Self.contents(of: printer, atLeast: 1)
        let commands = try ESCPOSDecoder().decode(first)
        let code = TallyCode.receipt(station: "TILL1", number: 1).description
        #expect(commands.first == .initialize)
        #expect(commands.contains(.code128(code)))
        #expect(commands.contains { if case .feedAndCut = $0 { true } else { false } })
        #expect(commands.contains(.text("Ref AUTH 123456")) || commands.contains { "\($0)".contains("AUTH 123456") })
        #expect(!commands.contains { "\($0)".contains("COPY") })
        let reprint = try await daemon.post("/receipts/1/print", [:])
        #expect(reprint.status == 200)
        let both = try await Self.contents(of: printer, atLeast: first.count + 1)
        let copy = try ESCPOSDecoder().decode(Array(both[first.count...]))
        #expect(copy.contains { "\($0)".contains("*** COPY ***") })
        #expect(copy.contains(.code128(code)))
    }
}
