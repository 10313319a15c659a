import Glibc
import TallyConfiguration

/// Why a receipt did not reach its printer, naming the printer and what to check.
public enum ReceiptPrinterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The device file could not be opened for writing.
    case cannotOpen(path: String, errno: Int32)
    /// The printer's host name has no address.
    case cannotResolve(host: String, port: Int, reason: String)
    /// The printer refused the connection or could not be reached.
    case cannotConnect(host: String, port: Int, errno: Int32)
    /// The printer did not accept the connection within `timeout`.
    case connectTimedOut(host: String, port: Int, timeout: Duration)
    /// Writing failed after `written` of `total` bytes.
    case writeFailed(printer: String, errno: Int32, written: Int, total: Int)
    /// The printer took no bytes for `timeout` after `written` of `total`.
    case writeTimedOut(printer: String, timeout: Duration, written: Int, total: Int)
    /// The task was cancelled before anything was sent.
    case cancelled(printer: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let code):
            return "Cannot open the printer \(path): \(Self.reason(code))" + Self.openAdvice(code)
        case .cannotResolve(let host, let port, let reason):
            return "Cannot find the printer \(HostAddress.display(host: host, port: port)): \(reason); "
                + "check the printer's host name."
        case .cannotConnect(let host, let port, let code):
            return "Cannot connect to the printer at \(HostAddress.display(host: host, port: port)): "
                + "\(Self.reason(code)); check that the printer is switched on, on the network, and that "
                + "\(port) is its raw printing port."
        case .connectTimedOut(let host, let port, let timeout):
            return "Cannot connect to the printer at \(HostAddress.display(host: host, port: port)): no answer "
                + "within \(Self.seconds(timeout)); check that the printer is switched on and on the network."
        case .writeFailed(let printer, let code, let written, let total):
            return "Sending to the printer \(printer) failed after \(written) of \(total) bytes: "
                + "\(Self.reason(code)); the receipt may be incomplete."
        case .writeTimedOut(let printer, let timeout, let written, let total):
            return "The printer \(printer) took no data for \(Self.seconds(timeout)) after \(written) of \(total) "
                + "bytes; it may be out of paper, offline or have its cover open."
        case .cancelled(let printer):
            return "Printing to \(printer) was cancelled before anything was sent."
        }
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }

    private static func openAdvice(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM:
            "; the user tallyd runs as needs write access to it (on Debian, membership of the lp group)."
        case ENOENT, ENODEV, ENXIO:
            "; check that the printer is connected and switched on, and the device path."
        case EBUSY:
            "; another program is using it."
        default:
            "."
        }
    }

    /// `5 s`, `0.25 s`: how long, in the words of a message.
    static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        let whole = milliseconds / 1000
        let fraction = milliseconds % 1000
        guard fraction != 0 else { return "\(whole) s" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits) s"
    }
}
