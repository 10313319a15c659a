import Foundation
import Glibc

/// Tells systemd how the daemon is doing (ready, status, stopping, watchdog pings) the way sd_notify(3)
/// does, without linking libsystemd.
///
/// Each call sends one datagram to the AF_UNIX socket systemd names in `NOTIFY_SOCKET`: a path, or a
/// name in the abstract namespace when it starts with `@`. Without that variable (started by hand, or by a
/// unit that is not `Type=notify`) every call does nothing. A notifier holds no socket between calls, so it
/// can be copied and used from any task.
public struct SystemdNotifier: Sendable {
    /// One line of the notification protocol.
    public enum State: Hashable, Sendable {
        /// `READY=1`: start-up is finished; systemd starts the units ordered after this one.
        case ready
        /// `STOPPING=1`: the daemon is shutting down.
        case stopping
        /// `WATCHDOG=1`: the daemon is alive; see ``SystemdNotifier/watchdogInterval``.
        case watchdog
        /// `STATUS=…`: one line of text that `systemctl status` shows; line breaks become spaces.
        case status(String)

        var line: String {
            switch self {
            case .ready: "READY=1"
            case .stopping: "STOPPING=1"
            case .watchdog: "WATCHDOG=1"
            case .status(let text):
                "STATUS=" + String(text.map { $0.isNewline ? " " : $0 })
            }
        }
    }

    /// The socket from `NOTIFY_SOCKET` as written there, or nil when systemd is not listening.
    public let socketName: String?
    /// `WATCHDOG_USEC`: how long systemd waits for a watchdog ping before it restarts the daemon; nil when
    /// the unit has no `WatchdogSec=`, or when `WATCHDOG_PID` names another process.
    public let watchdogTimeout: Duration?

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from `environment`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let name = environment["NOTIFY_SOCKET"]
        socketName = name?.isEmpty == false ? name : nil
        let forThisProcess = environment["WATCHDOG_PID"].map { $0 == String(getpid()) } ?? true
        if forThisProcess, let text = environment["WATCHDOG_USEC"], let microseconds = Int64(text), microseconds > 0 {
            watchdogTimeout = .microseconds(microseconds)
        } else {
            watchdogTimeout = nil
        }
    }

    /// Whether systemd listens for notifications; when false, every call does nothing.
    public var isEnabled: Bool { socketName != nil }

    /// How often to send ``State/watchdog``: half of ``watchdogTimeout``, as sd_watchdog_enabled(3) advises,
    /// so that one late ping does not get the daemon killed.
    public var watchdogInterval: Duration? { watchdogTimeout.map { $0 / 2 } }

    /// Sends `states` in one datagram, one per line, in the order given.
    public func notify(_ states: State...) throws(SystemdNotifierError) {
        try notify(states)
    }

    /// Sends `states` in one datagram, one per line, in the order given; does nothing without a socket.
    ///
    /// The send waits at most a second when systemd's queue is full, so a stalled manager cannot hold the
    /// caller's thread for long.
    public func notify(_ states: [State]) throws(SystemdNotifierError) {
        guard let socketName, !states.isEmpty else { return }
        try Self.send(states.map(\.line).joined(separator: "\n"), to: socketName)
    }

    private static func send(_ message: String, to name: String) throws(SystemdNotifierError) {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var nameBytes = Array(name.utf8)
        let isAbstract = nameBytes.first == UInt8(ascii: "@")
        if isAbstract { nameBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        // A path needs room for its terminating NUL; an abstract name is counted by the address length alone.
        guard isAbstract || nameBytes.first == UInt8(ascii: "/"), nameBytes.count + (isAbstract ? 0 : 1) <= capacity,
            isAbstract ? nameBytes.count > 1 : !nameBytes.contains(0)
        else { throw .unsupportedSocket(name) }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: nameBytes) }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? 2
        let length = socklen_t(pathOffset + nameBytes.count + (isAbstract ? 0 : 1))

        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .systemCall("socket", socket: name, errno: errno) }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        let bytes = Array(message.utf8)
        while true {
            let sent = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    bytes.withUnsafeBytes { buffer in
                        sendto(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), socketAddress, length)
                    }
                }
            }
            if sent >= 0 { return }
            let code = errno
            if code != EINTR { throw .systemCall("sendto", socket: name, errno: code) }
        }
    }
}

/// Why a notification could not be sent to systemd.
public enum SystemdNotifierError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `NOTIFY_SOCKET` is neither an absolute path nor `@name` (such as a `vsock:` address), or too long.
    case unsupportedSocket(String)
    /// A system call failed with `errno`.
    case systemCall(String, socket: String, errno: Int32)

    public var description: String {
        switch self {
        case .unsupportedSocket(let name):
            return "NOTIFY_SOCKET \"\(name)\" is not a socket path or @name of at most 107 bytes that tallyd can use"
        case .systemCall(let call, let socket, let code):
            return "Cannot notify systemd through \(socket): \(call) failed: \(String(cString: strerror(code)))"
        }
    }
}
