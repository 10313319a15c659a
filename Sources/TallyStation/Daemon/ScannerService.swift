import Foundation
import Logging
import ServiceLifecycle
import TallyScan

/// Feeds the station's keyboard-wedge scanners into their lanes: the live evdev reader, and recorded event
/// streams (evemu-record text or raw `struct input_event` files) replayed through the same decoding.
public struct ScannerService: Service {
    public enum Input: Sendable {
        /// Every configured scanner, read live from `/dev/input` with hotplug.
        case live(ScannerReader)
        /// A recording of one device's events, decoded as the scanner `scanner` would be.
        case recording(path: String, scanner: ScannerConfiguration)
    }

    let input: Input
    let station: Station
    let logger: Logger

    public init(input: Input, station: Station, logger: Logger) {
        self.input = input
        self.station = station
        self.logger = logger
    }

    public func run() async throws {
        switch input {
        case .live(let reader):
            try reader.start()
            logger.info(
                "reading scanners",
                metadata: ["scanners": "\(reader.scanners.map { "\($0.id)=\($0.match)" }.joined(separator: ", "))"])
            await withGracefulShutdownHandler {
                for await report in reader.reports { await deliver(report) }
            } onGracefulShutdown: {
                reader.stop()
            }
        case .recording(let path, let scanner):
            let events = try Self.events(inRecording: path)
            var session = try ScannerSession(scanner: scanner, device: path)
            for event in events {
                if let report = session.handle(event) { await deliver(report) }
            }
            // A recording that ends inside an idle-terminated line ends that line.
            if let deadline = session.idleDeadline, let report = session.idle(now: deadline) {
                await deliver(report)
            }
            logger.info("\(path): \(events.count) input events replayed for scanner \(scanner.id)")
        }
    }

    /// Reads a recording: evemu-record text, or raw 24-byte `struct input_event` records.
    static func events(inRecording path: String) throws -> [InputEvent] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScannerInputError(message: "the recording \(path) cannot be read")
        }
        let bytes = [UInt8](data)
        if bytes.starts(with: Array("# EVEMU".utf8)) || bytes.starts(with: Array("N:".utf8)) {
            do {
                return try EvemuRecording(parsing: String(decoding: bytes, as: UTF8.self)).events
            } catch {
                throw ScannerInputError(message: "\(path): \(error)")
            }
        }
        do {
            return try RawInputEventDecoder.events(inRecording: bytes)
        } catch {
            throw ScannerInputError(message: "\(path): \(error)")
        }
    }

    /// Hands one report to the station: scans and typed lines to their lane, refusals journaled with their
    /// reason, devices coming and going to the log.
    func deliver(_ report: ScannerReport) async {
        do {
            switch report {
            case .line(let line):
                let source: ScanSource = line.kind == .scan ? .evdev : .keyboard
                let outcome = try await station.submit(
                    line.bytes, lane: line.lane, source: source, device: "\(line.scanner) \(line.device)")
                if !outcome.accepted {
                    logger.notice(
                        "scan refused",
                        metadata: ["scanner": "\(line.scanner)", "reason": "\(outcome.reason ?? "refused")"])
                }
            case .rejected(let scanner, let lane, let device, let input, let reason):
                _ = try await station.submit(
                    input, lane: lane, source: .evdev, device: "\(scanner) \(device)", refusal: reason)
                logger.notice("input refused", metadata: ["scanner": "\(scanner)", "reason": "\(reason)"])
            case .attached(let scanner, let device, let grabbed):
                logger.info(
                    "scanner attached",
                    metadata: ["scanner": "\(scanner)", "device": "\(device)", "exclusive": "\(grabbed)"])
            case .detached(let scanner, let device, let reason):
                logger.warning(
                    "scanner detached", metadata: ["scanner": "\(scanner)", "device": "\(device)", "why": "\(reason)"])
            case .problem(let scanner, let device, let message):
                logger.warning("\(device): \(message)", metadata: ["scanner": "\(scanner ?? "-")"])
            }
        } catch {
            logger.error("scanner input could not be recorded: \(error)")
        }
    }
}

/// A recording of input events that cannot be replayed.
public struct ScannerInputError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
