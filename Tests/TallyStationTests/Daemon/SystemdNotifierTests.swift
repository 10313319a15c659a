import Foundation
import Glibc
import Testing

@testable import TallyStation

@Suite struct SystemdNotifierTests {
    /// A datagram socket bound like systemd's notification socket, receiving with a timeout so that a test
    /// that sends nothing fails instead of hanging.
    final class Listener {
        let descriptor: Int32
        let path: String?

        /// Binds `name`: a path, or an abstract name when it starts with `@`.
        init(name: String) throws {
            let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            try #require(descriptor >= 0)
            self.descriptor = descriptor
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            var bytes = Array(name.utf8)
            let isAbstract = bytes.first == UInt8(ascii: "@")
            if isAbstract { bytes[0] = 0 }
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
            let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
            }
            guard bound == 0 else {
                close(descriptor)
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            path = isAbstract ? nil : name
        }

        deinit {
            close(descriptor)
            if let path { unlink(path) }
        }

        /// The next datagram as text, or nil after the timeout.
        func receive() -> String? {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            return count < 0 ? nil : String(decoding: buffer[..<count], as: UTF8.self)
        }
    }

    static func temporarySocketPath() -> String {
        // sun_path holds 108 bytes, so the socket goes in /tmp rather than a deep temporary folder.
        "/tmp/tally-notify-\(UUID().uuidString.prefix(8)).sock"
    }

    @Test func readyArrivesAtASocketPath() throws {
        let path = Self.temporarySocketPath()
        let listener = try Listener(name: path)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": path])
        #expect(notifier.isEnabled)
        try notifier.notify(.ready)
        #expect(listener.receive() == "READY=1")
    }

    @Test func readyArrivesAtAnAbstractSocket() throws {
        let name = "@tally-notify-test-\(UUID().uuidString)"
        let listener = try Listener(name: name)
        try SystemdNotifier(environment: ["NOTIFY_SOCKET": name]).notify(.ready)
        #expect(listener.receive() == "READY=1")
    }

    @Test func statesGoInOneDatagramInOrder() throws {
        let path = Self.temporarySocketPath()
        let listener = try Listener(name: path)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": path])
        try notifier.notify(.status("Selling on 2 lanes\nlast sync 10:02"), .ready)
        try notifier.notify(.watchdog)
        try notifier.notify([.stopping, .status("Closing the store")])
        #expect(listener.receive() == "STATUS=Selling on 2 lanes last sync 10:02\nREADY=1")
        #expect(listener.receive() == "WATCHDOG=1")
        #expect(listener.receive() == "STOPPING=1\nSTATUS=Closing the store")
    }

    @Test func withoutNotifySocketNothingIsSent() throws {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        #expect(notifier.watchdogInterval == nil)
        try notifier.notify(.ready, .watchdog, .stopping)
    }

    @Test func theWatchdogIntervalIsHalfTheTimeout() {
        let notifier = SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": String(getpid())])
        #expect(notifier.watchdogTimeout == .seconds(30))
        #expect(notifier.watchdogInterval == .seconds(15))
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000"]).watchdogInterval == .seconds(15))
        #expect(
            SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"]).watchdogTimeout == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "0"]).watchdogTimeout == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "soon"]).watchdogTimeout == nil)
    }

    @Test func aSocketThatIsNotThereGivesAnErrorNamingIt() throws {
        let path = Self.temporarySocketPath()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": path])
        #expect(throws: SystemdNotifierError.systemCall("sendto", socket: path, errno: ENOENT)) {
            try notifier.notify(.ready)
        }
        #expect(
            SystemdNotifierError.systemCall("sendto", socket: path, errno: ENOENT).description
                == "Cannot notify systemd through \(path): sendto failed: No such file or directory")
        let vsock = SystemdNotifier(environment: ["NOTIFY_SOCKET": "vsock:2:1234"])
        #expect(throws: SystemdNotifierError.unsupportedSocket("vsock:2:1234")) { try vsock.notify(.ready) }
        let long = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/" + String(repeating: "x", count: 120)])
        #expect(throws: SystemdNotifierError.self) { try long.notify(.ready) }
    }
}
