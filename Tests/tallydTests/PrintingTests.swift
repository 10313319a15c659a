import Foundation
import TallyCore
import TallyStation
import Testing

@Suite("tallyd prints receipts")
struct PrintingTests {
    @Test func aSalePrintsOnTheLanesPrinterAndAReprintIsACopy() async throws {
        let directory = NSTemporaryDirectory() + "tallyd-printer-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let printer = directory + "/lp0"
        FileManager.default.createFile(atPath: printer, contents: nil)
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
        let first = try [UInt8](Data(contentsOf: URL(fileURLWithPath: printer)))
        let commands = try ESCPOSDecoder().decode(first)
        let code = TallyCode.receipt(station: "TILL1", number: 1).description
        #expect(commands.first == .initialize)
        #expect(commands.contains(.code128(code)))
        #expect(commands.contains { if case .feedAndCut = $0 { true } else { false } })
        #expect(commands.contains(.text("Ref AUTH 123456")) || commands.contains { "\($0)".contains("AUTH 123456") })
        #expect(!commands.contains { "\($0)".contains("COPY") })
        let reprint = try await daemon.post("/receipts/1/print", [:])
        #expect(reprint.status == 200)
        let both = try [UInt8](Data(contentsOf: URL(fileURLWithPath: printer)))
        let copy = try ESCPOSDecoder().decode(Array(both[first.count...]))
        #expect(copy.contains { "\($0)".contains("*** COPY ***") })
        #expect(copy.contains(.code128(code)))
    }
}
