import Foundation
import Testing

@testable import TallyImage

/// No camera is attached where the tests run: what can be checked is how a bad device is reported, and the
/// de-duplication of codes that stay in view.
struct CameraScannerTests {
    @Test func missingDevice() {
        #expect(throws: CameraScanner.CameraError.deviceMissing("/dev/video-none")) {
            try CameraScanner(options: .init(device: "/dev/video-none"))
        }
        #expect(
            CameraScanner.CameraError.deviceMissing("/dev/video-none").description
                == "no camera at /dev/video-none: the device does not exist")
    }

    @Test func regularFileIsNotACamera() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-camera-\(getpid())").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("hello".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: CameraScanner.CameraError.notACamera(path, reason: "it is not a character device")) {
            try CameraScanner(options: .init(device: path))
        }
    }

    @Test func characterDeviceThatIsNotVideoIsNotACamera() {
        do {
            _ = try CameraScanner(options: .init(device: "/dev/null"))
            Issue.record("/dev/null was accepted as a camera")
        } catch {
            guard case .notACamera(let path, let reason) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path == "/dev/null")
            #expect(!reason.isEmpty)
        }
    }

    @Test func codeInViewIsReportedOnceUntilItLeavesForTheHoldTime() {
        var filter = DuplicateFilter(holdTime: .milliseconds(500))
        let code = DecodedBarcode(text: Array("4006381333931".utf8), symbology: "EAN-13", aim: "]E0", isGS1: false)
        let other = DecodedBarcode(text: Array("96385074".utf8), symbology: "EAN-8", aim: "]E4", isGS1: false)
        let start = ContinuousClock.now
        #expect(filter.fresh([code], at: start) == [code])
        #expect(filter.fresh([code], at: start + .milliseconds(100)).isEmpty)
        // Each sighting extends the hold: 100 + 450 ms is within 500 ms of the last one.
        #expect(filter.fresh([code, other], at: start + .milliseconds(550)) == [other])
        #expect(filter.fresh([], at: start + .milliseconds(900)).isEmpty)
        #expect(filter.fresh([code], at: start + .milliseconds(1100)) == [code])
    }
}
