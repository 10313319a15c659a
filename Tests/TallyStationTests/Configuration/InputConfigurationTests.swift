import Foundation
import TallyImage
import TallyScan
import Testing

@testable import TallyStation

/// Scanners, images and the camera as `station.yaml` gives them.
@Suite struct InputConfigurationTests {
    static let base = """
        station: {code: TILL1, stateDirectory: /tmp/tally, country: DE, currency: EUR}
        shop: {name: Laden}
        lanes: [till, dock]

        """

    static func read(_ text: String) async throws -> StationConfiguration {
        try await StationConfigurationTests.yamlConfiguration(Self.base + text)
    }

    static func error(_ text: String) async -> String? {
        await StationConfigurationTests.yamlError(Self.base + text)?.description
    }

    @Test func scannersAreReadWithTheirDevicesLanesAndLayouts() async throws {
        let configuration = try await Self.read(
            """
            scanners: [front, dock-scanner, keys]
            scanner:
              front:
                device: usb:0c2e:0B61
                lane: till
                layout: de
                prefix: "\\x02"
                suffix: "\\x03"
                terminators: [enter, keypad-enter]
                maxKeyGap: 25
                minScanKeys: 6
              dock-scanner:
                device: /dev/input/by-id/usb-Honeywell_Imaging_1900-event-kbd
                lane: dock
                terminators: [idle]
                idleTimeout: 80
              keys:
                device: "name:*Keyboard*"
                lane: till
                role: keyboard
                layout: ch
                grab: false
            images:
              watchFolder: /var/lib/tally/inbox
              lane: dock
              maxFileBytes: 2000000
              maxPixels: 12000000
            camera:
              device: /dev/video0
              holdTime: 900
            """)
        let scanners = configuration.scanners
        #expect(scanners.map(\.id) == ["front", "dock-scanner", "keys"])
        #expect(scanners[0].match == .usb(vendor: 0x0C2E, product: 0x0B61))
        #expect(scanners[0].lane == "till")
        #expect(scanners[0].wedge.layout == (try KeyboardLayout("de")))
        #expect(scanners[0].wedge.prefix == [0x02])
        #expect(scanners[0].wedge.suffix == [0x03])
        #expect(scanners[0].wedge.terminators == [.enter, .keypadEnter])
        #expect(scanners[0].wedge.maxKeyGap == 25_000)
        #expect(scanners[0].wedge.minScanKeys == 6)
        #expect(scanners[0].wedge.role == .scanner)
        #expect(scanners[0].grab)
        #expect(scanners[1].match == .path("/dev/input/by-id/usb-Honeywell_Imaging_1900-event-kbd"))
        #expect(scanners[1].lane == "dock")
        #expect(scanners[1].wedge.layout == .us)
        #expect(scanners[1].wedge.terminators == [.idle])
        #expect(scanners[1].wedge.idleTimeout == 80_000)
        #expect(scanners[2].match == .name(pattern: "*Keyboard*"))
        #expect(scanners[2].wedge.role == .keyboard)
        #expect(!scanners[2].grab)
        #expect(configuration.images.watchFolder == "/var/lib/tally/inbox")
        #expect(configuration.images.lane == "dock")
        #expect(configuration.images.limits.maxFileBytes == 2_000_000)
        #expect(configuration.images.limits.maxPixels == 12_000_000)
        #expect(configuration.camera == CameraConfiguration(device: "/dev/video0", lane: "till", holdMilliseconds: 900))
    }

    @Test func withoutScannersNothingIsRead() async throws {
        let configuration = try await Self.read("")
        #expect(configuration.scanners.isEmpty)
        #expect(configuration.images.watchFolder == nil)
        #expect(configuration.images.lane == "till")
        #expect(configuration.images.limits == .standard)
        #expect(configuration.camera == nil)
    }

    @Test(arguments: [
        (
            "scanners: [a]\nscanner: {a: {lane: till}}",
            "scanner.a.device is not set"
        ),
        (
            "scanners: [a]\nscanner: {a: {device: event3, lane: till}}",
            #"scanner.a.device "event3" is not usable: "event3" names no input device"#
        ),
        (
            "scanners: [a]\nscanner: {a: {device: \"usb:0c2e\", lane: till}}",
            #"scanner.a.device "usb:0c2e" is not usable"#
        ),
        (
            "scanners: [a]\nscanner: {a: {device: /dev/input/event3, lane: back}}",
            #"scanner.a.lane "back" is not a lane of this station; lanes are till, dock"#
        ),
        (
            "scanners: [a]\nscanner: {a: {device: /dev/input/event3, lane: till, layout: klingon}}",
            #"scanner.a.layout "klingon""#
        ),
        (
            "scanners: [a]\nscanner: {a: {device: /dev/input/event3, lane: till, role: robot}}",
            #"scanner.a.role "robot" must be scanner"#
        ),
        (
            "scanners: [a]\nscanner: {a: {device: /dev/input/event3, lane: till, terminators: [enter, bell]}}",
            #"scanner.a.terminators "bell" must be one of enter, keypad-enter, tab, idle"#
        ),
        (
            "scanners: [a]\nscanner: {a: {device: /dev/input/event3, lane: till, maxKeyGap: 0}}",
            #"scanner.a.maxKeyGap "0" must be a whole number from 1 to 1000 milliseconds"#
        ),
        (
            "scanners: [a]\nscanner: {a: {device: /dev/input/event3, lane: till, prefix: \"\\\\x1\"}}",
            #"scanner.a.prefix"#
        ),
        (
            "scanners: [a]\nscanner: {a: {device: /dev/input/event3, lane: till, grab: maybe}}",
            #"scanner.a.grab "maybe" must be true or false"#
        ),
        ("scanners: [a, a]", "names scanner a more than once"),
        ("images: {watchFolder: inbox}", #"images.watchFolder "inbox" must be the absolute path of a folder"#),
        ("images: {maxPixels: 10}", #"images.maxPixels "10" must be a whole number from 1024 to 1000000000"#),
        ("camera: {device: video0}", #"camera.device "video0" must be the path of a video device"#),
    ])
    func aBadInputSettingNamesItsKey(yaml: String, message: String) async {
        let description = await Self.error(yaml)
        #expect(description?.contains(message) == true, "\(description ?? "no error")")
    }
}
