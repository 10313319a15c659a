import NIOPosix
import TallyConfiguration

/// A lane's receipt printer: sends ESC/POS bytes to a device file or to a network printer's raw port.
///
/// Each ``send(_:)`` opens the printer, writes everything and closes it again, so a printer that was
/// switched off or unplugged between receipts works again as soon as it is back, and nothing is held open
/// while the lane is idle. One lane prints one receipt at a time; two sends to the same printer at once may
/// interleave their bytes.
public struct ReceiptPrinter: Sendable {
    public let configuration: PrinterConfiguration
    /// How long connecting to a network printer may take, and how long either kind of printer may take no
    /// bytes before the receipt is given up; a long receipt may take longer in all while bytes keep moving.
    public var timeout: Duration

    public init(_ configuration: PrinterConfiguration, timeout: Duration = .seconds(5)) {
        self.configuration = configuration
        self.timeout = timeout
    }

    /// The printer as messages name it: its device path or `host:port`.
    public var name: String {
        switch configuration.connection {
        case .device(let path): path
        case .tcp(let host, let port): HostAddress.display(host: host, port: port)
        }
    }

    /// Sends `bytes` and returns once the printer's device or connection has taken all of them.
    ///
    /// The blocking system calls run on NIO's shared thread pool, never on Swift's cooperative pool. Once
    /// started, a send is not interrupted by cancellation: half a receipt is worse than a late one.
    public func send(_ bytes: [UInt8]) async throws(ReceiptPrinterError) {
        let connection = configuration.connection
        let timeout = timeout
        do {
            try await NIOThreadPool.singleton.runIfActive {
                try Self.deliver(bytes, over: connection, timeout: timeout)
            }
        } catch let error as ReceiptPrinterError {
            throw error
        } catch {
            // The pool throws only when the task was cancelled before the work began, or when it has been
            // shut down, which the shared pool never is; either way nothing was sent.
            throw .cancelled(printer: name)
        }
    }

    private static func deliver(
        _ bytes: [UInt8], over connection: PrinterConfiguration.Connection, timeout: Duration
    ) throws(ReceiptPrinterError) {
        let printer: PrinterConnection
        switch connection {
        case .device(let path):
            printer = try PrinterConnection.openDevice(path: path)
        case .tcp(let host, let port):
            printer = try PrinterConnection.openSocket(host: host, port: port, timeout: timeout)
        }
        try printer.writeAll(bytes, stallTimeout: timeout)
        printer.finish(timeout: timeout)
    }
}
