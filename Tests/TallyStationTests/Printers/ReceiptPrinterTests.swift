import Foundation
import Glibc
import Testing

@testable import TallyStation

@Suite struct ReceiptPrinterTests {
    /// A TCP socket on 127.0.0.1 with a port the kernel chose, standing in for a network printer.
    final class LoopbackListener {
        let descriptor: Int32
        let port: Int

        /// Binds a port; `listening` false leaves it bound but refusing connections. A listen queue of
        /// `backlog` connections that nobody accepts ignores further attempts until they time out.
        init(listening: Bool = true, backlog: Int32 = 8) throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            try #require(descriptor >= 0)
            self.descriptor = descriptor
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
                }
            }
            if !bound || (listening && listen(descriptor, backlog) != 0) {
                close(descriptor)
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit {
            close(descriptor)
        }

        /// Accepts one connection on a thread of its own and reads it to the end, like a printer would.
        func receiveOne() async -> [UInt8] {
            let descriptor = descriptor
            return await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    var received: [UInt8] = []
                    let connection = accept(descriptor, nil, nil)
                    guard connection >= 0 else { return continuation.resume(returning: received) }
                    var buffer = [UInt8](repeating: 0, count: 65536)
                    while true {
                        let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
                        if count < 0 && errno == EINTR { continue }
                        if count <= 0 { break }
                        received += buffer[..<count]
                    }
                    close(connection)
                    continuation.resume(returning: received)
                }
            }
        }
    }

    /// A receipt-like payload: ESC @ (initialise), text, and enough arbitrary bytes to need many writes.
    static func payload(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return [0x1B, 0x40] + Array("Eckladen Müller\n".utf8)
            + (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            + [0x1D, 0x56, 0x00]
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appending(path: "printer-\(UUID())").path
    }

    @Test func bytesArriveCompleteAtANetworkPrinter() async throws {
        let listener = try LoopbackListener()
        let bytes = Self.payload(count: 2_000_000)
        let printer = ReceiptPrinter(PrinterConfiguration(connection: .tcp(host: "127.0.0.1", port: listener.port)))
        #expect(printer.name == "127.0.0.1:\(listener.port)")
        async let received = listener.receiveOne()
        try await printer.send(bytes)
        #expect(await received == bytes)
    }

    @Test func bytesArriveInADeviceFile() async throws {
        let path = Self.temporaryPath()
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let printer = ReceiptPrinter(PrinterConfiguration(connection: .device(path: path), paper: .mm58))
        let first = Self.payload(count: 300_000)
        let second = Self.payload(count: 10)
        try await printer.send(first)
        try await printer.send(second)
        let written = try #require(FileManager.default.contents(atPath: path))
        #expect(Array(written) == first + second)
    }

    @Test func aRefusedConnectionNamesHostAndPort() async throws {
        let closed = try LoopbackListener(listening: false)
        let printer = ReceiptPrinter(PrinterConfiguration(connection: .tcp(host: "127.0.0.1", port: closed.port)))
        await #expect(
            throws: ReceiptPrinterError.cannotConnect(host: "127.0.0.1", port: closed.port, errno: ECONNREFUSED)
        ) {
            try await printer.send([0x1B, 0x40])
        }
        #expect(
            ReceiptPrinterError.cannotConnect(host: "127.0.0.1", port: closed.port, errno: ECONNREFUSED).description
                .hasPrefix("Cannot connect to the printer at 127.0.0.1:\(closed.port): connection refused;"))
    }

    @Test func aMissingDeviceNamesItsPath() async throws {
        let path = Self.temporaryPath() + "/lp0"
        let printer = ReceiptPrinter(PrinterConfiguration(connection: .device(path: path)))
        await #expect(throws: ReceiptPrinterError.cannotOpen(path: path, errno: ENOENT)) {
            try await printer.send([0x1B, 0x40])
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(
            ReceiptPrinterError.cannotOpen(path: path, errno: ENOENT).description
                == "Cannot open the printer \(path): no such file or directory; check that the printer is connected "
                + "and switched on, and the device path.")
        #expect(
            ReceiptPrinterError.cannotOpen(path: "/dev/usb/lp0", errno: EACCES).description
                == "Cannot open the printer /dev/usb/lp0: permission denied; the user tallyd runs as needs write "
                + "access to it (on Debian, membership of the lp group).")
    }

    @Test func aFolderIsNoPrinter() async throws {
        let path = FileManager.default.temporaryDirectory.path
        await #expect(throws: ReceiptPrinterError.cannotOpen(path: path, errno: EISDIR)) {
            try await ReceiptPrinter(PrinterConfiguration(connection: .device(path: path))).send([0x0A])
        }
    }

    @Test func aPrinterThatStopsReadingTimesOut() async throws {
        // Connections complete in the listen queue without accept; nothing reads them, so the socket buffers
        // fill and the printer "takes no data", like one that is out of paper.
        let listener = try LoopbackListener()
        let printer = ReceiptPrinter(
            PrinterConfiguration(connection: .tcp(host: "127.0.0.1", port: listener.port)), timeout: .milliseconds(300))
        let bytes = [UInt8](repeating: 0x41, count: 64 << 20)
        do {
            try await printer.send(bytes)
            Issue.record("64 MiB went into a socket nobody reads")
        } catch {
            guard case .writeTimedOut(let name, let timeout, let written, let total) = error else {
                Issue.record("expected writeTimedOut, got \(error)")
                return
            }
            #expect(name == "127.0.0.1:\(listener.port)")
            #expect(timeout == .milliseconds(300))
            #expect(written > 0 && written < total)
            #expect(error.description.contains("took no data for 0.3 s"))
        }
    }

    @Test func aPrinterThatDoesNotAnswerTimesOutConnecting() async throws {
        // With a listen queue of 0, one connection nobody accepts fills it, and Linux drops the next one's SYN.
        let listener = try LoopbackListener(backlog: 0)
        let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(filler) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(listener.port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(connected == 0)
        let printer = ReceiptPrinter(
            PrinterConfiguration(connection: .tcp(host: "127.0.0.1", port: listener.port)), timeout: .milliseconds(300))
        await #expect(
            throws: ReceiptPrinterError.connectTimedOut(
                host: "127.0.0.1", port: listener.port, timeout: .milliseconds(300))
        ) {
            try await printer.send([0x1B, 0x40])
        }
    }

    @Test func durationsReadAsSeconds() {
        #expect(ReceiptPrinterError.seconds(.seconds(5)) == "5 s")
        #expect(ReceiptPrinterError.seconds(.milliseconds(250)) == "0.25 s")
        #expect(ReceiptPrinterError.seconds(.milliseconds(1500)) == "1.5 s")
    }
}
