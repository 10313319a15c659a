import Glibc
import TallyConfiguration

/// An open, non-blocking descriptor to a printer (a device file or a TCP socket), closed when it goes away.
///
/// Every call blocks its thread, at most for the timeout it is given, so it runs on a thread pool, never on
/// Swift's cooperative pool. The descriptor is non-blocking so that each wait is a `poll` with a timeout:
/// a printer that is out of paper stops taking bytes, and a blocking write would then never return.
struct PrinterConnection: ~Copyable {
    let descriptor: Int32
    let isSocket: Bool
    /// The path or `host:port`, for messages.
    let name: String

    private init(descriptor: Int32, isSocket: Bool, name: String) {
        self.descriptor = descriptor
        self.isSocket = isSocket
        self.name = name
    }

    deinit {
        close(descriptor)
    }

    /// Opens a device such as `/dev/usb/lp0` for writing. A plain file is appended to, never created, so a
    /// mistyped device path is an error rather than a new file under `/dev`.
    static func openDevice(path: String) throws(ReceiptPrinterError) -> PrinterConnection {
        while true {
            let descriptor = open(path, O_WRONLY | O_APPEND | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
            if descriptor >= 0 { return PrinterConnection(descriptor: descriptor, isSocket: false, name: path) }
            let code = errno
            if code != EINTR { throw .cannotOpen(path: path, errno: code) }
        }
    }

    /// Connects to `host` on `port`, trying each of its addresses until one answers, within `timeout` in all.
    static func openSocket(host: String, port: Int, timeout: Duration) throws(ReceiptPrinterError) -> PrinterConnection
    {
        let deadline = ContinuousClock.now + timeout
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV | AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            throw .cannotResolve(host: host, port: port, reason: reason.lowercased())
        }
        defer { freeaddrinfo(list) }

        var lastError = ReceiptPrinterError.cannotConnect(host: host, port: port, errno: EHOSTUNREACH)
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            entry = current.pointee.ai_next
            let info = current.pointee
            let descriptor = socket(
                info.ai_family, info.ai_socktype | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
                info.ai_protocol)
            guard descriptor >= 0 else {
                lastError = .cannotConnect(host: host, port: port, errno: errno)
                continue
            }
            let connection = PrinterConnection(
                descriptor: descriptor, isSocket: true, name: HostAddress.display(host: host, port: port))
            do {
                try connection.finishConnecting(info, host: host, port: port, deadline: deadline, timeout: timeout)
                return connection
            } catch {
                lastError = error
                if case .connectTimedOut = error { throw error }
            }
        }
        throw lastError
    }

    private func finishConnecting(
        _ info: addrinfo, host: String, port: Int, deadline: ContinuousClock.Instant, timeout: Duration
    ) throws(ReceiptPrinterError) {
        if connect(descriptor, info.ai_addr, info.ai_addrlen) == 0 { return }
        var code = errno
        // A connect interrupted by a signal goes on in the background, like one in progress.
        guard code == EINPROGRESS || code == EINTR else { throw .cannotConnect(host: host, port: port, errno: code) }
        switch wait(for: Int16(POLLOUT), until: deadline) {
        case .ready:
            var length = socklen_t(MemoryLayout<Int32>.size)
            code = 0
            if getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &length) != 0 { code = errno }
            if code != 0 { throw .cannotConnect(host: host, port: port, errno: code) }
        case .timedOut:
            throw .connectTimedOut(host: host, port: port, timeout: timeout)
        case .failed(let code):
            throw .cannotConnect(host: host, port: port, errno: code)
        }
    }

    /// Writes all of `bytes`, going on after partial writes and interrupted calls; fails when the printer
    /// takes nothing for `stallTimeout`, however long the whole takes while bytes keep moving.
    func writeAll(_ bytes: [UInt8], stallTimeout: Duration) throws(ReceiptPrinterError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                let start = buffer.baseAddress! + written
                let count = buffer.count - written
                return isSocket ? send(descriptor, start, count, Int32(MSG_NOSIGNAL)) : write(descriptor, start, count)
            }
            if result > 0 {
                written += result
                continue
            }
            let code = result < 0 ? errno : EIO
            switch code {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                switch wait(for: Int16(POLLOUT), until: .now + stallTimeout) {
                case .ready: continue
                case .timedOut:
                    throw .writeTimedOut(printer: name, timeout: stallTimeout, written: written, total: bytes.count)
                case .failed(let code):
                    throw .writeFailed(printer: name, errno: code, written: written, total: bytes.count)
                }
            default:
                throw .writeFailed(printer: name, errno: code, written: written, total: bytes.count)
            }
        }
    }

    /// Ends a socket connection the way raw-port printers expect: no more data from us, then whatever the
    /// printer still sends until it closes its side, for at most `timeout`.
    ///
    /// Closing a socket while the printer's status bytes sit unread makes the kernel reset the connection,
    /// which can throw away the end of the receipt before the printer has read it; draining first avoids that.
    /// A printer that keeps its side open only delays the close: everything was written by then.
    func finish(timeout: Duration) {
        guard isSocket else { return }
        shutdown(descriptor, Int32(SHUT_WR))
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 512)
        while case .ready = wait(for: Int16(POLLIN), until: deadline) {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { return }
            if count < 0 {
                let code = errno
                if code != EINTR && code != EAGAIN && code != EWOULDBLOCK { return }
            }
        }
    }

    private enum Readiness {
        case ready
        case timedOut
        case failed(Int32)
    }

    /// Waits until the descriptor is ready for `events`, an error or hang-up is pending (the next call then
    /// reports it), or `deadline` passes.
    private func wait(for events: Int16, until deadline: ContinuousClock.Instant) -> Readiness {
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return .timedOut }
            let (seconds, attoseconds) = remaining.components
            // Rounded up, so that a wait shorter than a millisecond still waits rather than spinning.
            let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let result = poll(&entry, 1, Int32(clamping: milliseconds))
            if result > 0 { return .ready }
            if result == 0 { continue }
            let code = errno
            if code != EINTR { return .failed(code) }
        }
    }
}
