import Foundation
import Testing

@testable import TallyScan

@Suite struct ScannerMatchTests {
    @Test(arguments: [
        ("/dev/input/event3", ScannerMatch.path("/dev/input/event3")),
        ("/dev/input/by-id/usb-Datalogic-event-kbd", .path("/dev/input/by-id/usb-Datalogic-event-kbd")),
        ("usb:05f9:2206", .usb(vendor: 0x05F9, product: 0x2206)),
        ("usb:0C2E:0B61", .usb(vendor: 0x0C2E, product: 0x0B61)),
        ("name:*Barcode*", .name(pattern: "*Barcode*")),
    ])
    func devicesAreNamedThreeWays(text: String, match: ScannerMatch) throws {
        #expect(try ScannerMatch(parsing: text) == match)
        #expect(try ScannerMatch(parsing: match.description) == match)
    }

    @Test(arguments: ["", "event3", "usb:", "usb:5f9:2206", "usb:05f9:22066", "usb:zzzz:2206", "name:", "id:abc"])
    func anythingElseIsRefusedWithTheFormsThatWork(text: String) {
        #expect(throws: ScannerMatchError.self) { try ScannerMatch(parsing: text) }
        let message = ScannerMatchError(text: text).description
        #expect(message.contains("usb:VVVV:PPPP") && message.contains("name:PATTERN"))
    }

    @Test func devicesMatchByResolvedPathIdsOrNamePatternIgnoringCase() {
        let device = InputDeviceInfo(
            path: "/dev/input/event7", name: "Honeywell Imaging & Mobility 1900", vendor: 0x0C2E, product: 0x0B61)
        let links = ["/dev/input/by-id/usb-Honeywell-event-kbd": "/dev/input/event7"]
        let resolve: (String) -> String? = { links[$0] ?? $0 }
        #expect(device.matches(.path("/dev/input/event7"), resolvedPath: resolve))
        #expect(device.matches(.path("/dev/input/by-id/usb-Honeywell-event-kbd"), resolvedPath: resolve))
        #expect(!device.matches(.path("/dev/input/event8"), resolvedPath: resolve))
        #expect(device.matches(.usb(vendor: 0x0C2E, product: 0x0B61), resolvedPath: resolve))
        #expect(!device.matches(.usb(vendor: 0x0C2E, product: 0x0B62), resolvedPath: resolve))
        #expect(device.matches(.name(pattern: "*honeywell*"), resolvedPath: resolve))
        #expect(!device.matches(.name(pattern: "*Zebra*"), resolvedPath: resolve))
    }

    @Test func sysfsGivesNameAndIdsWithoutOpeningTheNode() throws {
        let root = "/tmp/tally-sysfs-\(UInt32.random(in: 0...UInt32.max))"
        let base = "\(root)/event4/device"
        try FileManager.default.createDirectory(atPath: "\(base)/id", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (file, text) in [
            ("name", "Datalogic Scanning Handheld"), ("id/vendor", "05f9"), ("id/product", "2206"),
            ("id/bustype", "0003"), ("phys", "usb-0000:00:14.0-2/input0"),
        ] {
            try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: "\(base)/\(file)"))
        }
        let info = try #require(InputDeviceInfo.read(path: "/dev/input/event4", sysfs: root))
        #expect(
            info
                == InputDeviceInfo(
                    path: "/dev/input/event4", name: "Datalogic Scanning Handheld", vendor: 0x05F9, product: 0x2206,
                    bus: 3, physical: "usb-0000:00:14.0-2/input0"))
        #expect(InputDeviceInfo.read(path: "/dev/input/event5", sysfs: root) == nil)
    }

    @Test func inotifyRecordsAreSplitAndACutRecordIsLeftOut() {
        func record(watch: Int32, mask: UInt32, name: String) -> [UInt8] {
            var padded = Array(name.utf8) + [0]
            while padded.count % 16 != 0 { padded.append(0) }
            var bytes: [UInt8] = []
            withUnsafeBytes(of: watch.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: mask.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: UInt32(0)) { bytes += $0 }
            withUnsafeBytes(of: UInt32(padded.count).littleEndian) { bytes += $0 }
            return bytes + padded
        }
        let buffer = record(watch: 1, mask: 0x100, name: "event9") + record(watch: 2, mask: 0x200, name: "by-id")
        #expect(
            InotifyRecord.records(in: buffer, count: buffer.count) == [
                InotifyRecord(watch: 1, mask: 0x100, name: "event9"),
                InotifyRecord(watch: 2, mask: 0x200, name: "by-id"),
            ])
        #expect(InotifyRecord.records(in: buffer, count: buffer.count - 3).count == 1)
    }
}
