import Foundation
import Logging
import ServiceLifecycle
import TallyCore

/// Scans given as lines of text: on the daemon's standard input, or in a replay file.
///
/// One scan per line; `\x1D` (and any `\xHH`) stands for a control byte such as GS, `\\` for a backslash;
/// blank lines and lines starting with `#` are skipped. A line with a bad escape is journaled as refused with
/// the reason, never dropped silently.
public struct ScanLineSource: Service {
    public enum Input: Sendable {
        case standardInput
        case file(path: String)
    }

    let input: Input
    let lane: String
    let station: Station
    let logger: Logger

    public init(input: Input, lane: String, station: Station, logger: Logger) {
        self.input = input
        self.lane = lane
        self.station = station
        self.logger = logger
    }

    public func run() async throws {
        let source: ScanSource
        let device: String
        let lines: AsyncStream<[UInt8]>
        switch input {
        case .standardInput:
            source = .stdin
            device = "stdin"
            lines = Self.lines(fromDescriptor: STDIN_FILENO)
        case .file(let path):
            source = .replay
            device = path
            guard let data = FileManager.default.contents(atPath: path) else {
                logger.error("replay file \(path) cannot be read")
                return
            }
            lines = AsyncStream { continuation in
                for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                    continuation.yield(Array(line))
                }
                continuation.finish()
            }
        }
        var count = 0
        for await raw in lines.cancelOnGracefulShutdown() {
            let line = raw.last == UInt8(ascii: "\r") ? Array(raw.dropLast()) : raw
            guard !line.isEmpty, line.first != UInt8(ascii: "#") else { continue }
            do {
                let bytes: [UInt8]
                switch Self.unescape(line) {
                case .success(let decoded): bytes = decoded
                case .failure(let problem):
                    // Journal what arrived, refused, so the line can be put right later.
                    let outcome = try await station.submit(
                        line, lane: lane, source: source, device: device, refusal: problem.description)
                    logger.warning("\(device): \(outcome.reason ?? problem.description)")
                    continue
                }
                let outcome = try await station.submit(bytes, lane: lane, source: source, device: device)
                count += 1
                if !outcome.accepted {
                    logger.notice("\(device): \(String(decoding: line, as: UTF8.self)): \(outcome.reason ?? "refused")")
                }
            } catch {
                logger.error("\(device): a scan could not be recorded: \(error)")
            }
        }
        logger.info("\(device): \(count) scans read")
    }

    /// Lines of raw bytes from a file descriptor, read on a thread of their own: a blocking `read` must not hold
    /// a thread of Swift's cooperative pool, and an idle terminal may block for hours.
    static func lines(fromDescriptor descriptor: Int32) -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        let thread = Thread {
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                pending.append(contentsOf: buffer[..<count])
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    continuation.yield(Array(pending[..<newline]))
                    pending.removeSubrange(...newline)
                }
            }
            if !pending.isEmpty { continuation.yield(pending) }
            continuation.finish()
        }
        thread.name = "tallyd-stdin"
        thread.start()
        return stream
    }

    /// Why a line cannot be read as a scan.
    struct LineProblem: Error, CustomStringConvertible {
        let description: String
    }

    /// The bytes a line stands for, with `\xHH` and `\\` escapes resolved.
    static func unescape(_ line: [UInt8]) -> Result<[UInt8], LineProblem> {
        var result: [UInt8] = []
        var bytes = line[...]
        while let byte = bytes.popFirst() {
            guard byte == UInt8(ascii: "\\") else {
                result.append(byte)
                continue
            }
            switch bytes.popFirst() {
            case UInt8(ascii: "\\"): result.append(byte)
            case UInt8(ascii: "x"):
                let digits = bytes.prefix(2)
                guard digits.count == 2, let value = UInt8(String(decoding: digits, as: UTF8.self), radix: 16) else {
                    return .failure(LineProblem(description: "\\x must be followed by two hex digits"))
                }
                bytes.removeFirst(2)
                result.append(value)
            default:
                return .failure(
                    LineProblem(description: "unknown escape; use \\xHH for a byte or \\\\ for a backslash"))
            }
        }
        return .success(result)
    }
}
