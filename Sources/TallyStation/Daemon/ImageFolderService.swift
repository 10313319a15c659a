import Foundation
import Glibc
import Logging
import ServiceLifecycle
import TallyScan

/// Watches a folder that a phone or document scanner saves pictures of labels into, and reads every PNG or
/// JPEG that lands there.
///
/// A file is read once it is complete: when the writer closes it (`IN_CLOSE_WRITE`) or it is moved in whole
/// (`IN_MOVED_TO`, which is how careful uploaders finish). Files already there at start are read first, oldest
/// name first. Afterwards each file moves to `processed/`, or to `rejected/` beside a `.txt` that says why, so
/// the folder holds only what is still to be read and nothing is ever deleted. Names starting with a dot are
/// left alone: uploaders write partial files under such names.
public struct ImageFolderService: Service {
    let folder: String
    let lane: String
    let intake: ImageIntake
    let logger: Logger

    public init(folder: String, lane: String, intake: ImageIntake, logger: Logger) {
        self.folder = folder
        self.lane = lane
        self.intake = intake
        self.logger = logger
    }

    public func run() async throws {
        let files = FileManager.default
        for sub in ["", "/processed", "/rejected"] {
            try files.createDirectory(atPath: folder + sub, withIntermediateDirectories: true)
        }
        let watcher = try DirectoryWatcher(path: folder)
        logger.info("reading barcode images dropped into \(folder)")
        await withGracefulShutdownHandler {
            // Watching starts before the listing, so a file arriving in between is seen at least once.
            let existing = ((try? files.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            for name in existing { await handle(name) }
            for await name in watcher.names { await handle(name) }
        } onGracefulShutdown: {
            watcher.stop()
        }
    }

    private func handle(_ name: String) async {
        let path = folder + "/" + name
        var isDirectory: ObjCBool = false
        guard !name.hasPrefix("."), FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
            !isDirectory.boolValue
        else { return }
        let problem: String?
        let lower = name.lowercased()
        if ![".png", ".jpg", ".jpeg"].contains(where: lower.hasSuffix) {
            problem = "not a PNG or JPEG file (by its name); tallyd reads .png, .jpg and .jpeg"
        } else {
            do {
                let bytes = try intake.decoder.contents(ofFile: path)
                let result = try await intake.read(bytes, name: name, lane: lane)
                problem = result.problem
                for (barcode, outcome) in zip(result.barcodes, result.outcomes) {
                    logger.info(
                        "image scanned",
                        metadata: [
                            "file": "\(name)", "symbology": "\(barcode.symbology)",
                            "accepted": "\(outcome.accepted)",
                        ])
                }
            } catch {
                problem = "\(error)"
            }
        }
        if let problem { logger.warning("\(name): \(problem)") }
        file(name, into: problem == nil ? "processed" : "rejected", note: problem)
    }

    /// Moves the file out of the way, under a name that never overwrites an earlier one.
    private func file(_ name: String, into sub: String, note: String?) {
        let files = FileManager.default
        var target = "\(folder)/\(sub)/\(name)"
        if files.fileExists(atPath: target) {
            target = "\(folder)/\(sub)/\(StationDatabase.now())-\(name)"
        }
        do {
            try files.moveItem(atPath: "\(folder)/\(name)", toPath: target)
            if let note { try (note + "\n").write(toFile: target + ".txt", atomically: true, encoding: .utf8) }
        } catch {
            logger.error("\(name) could not be moved to \(sub)/: \(error)")
        }
    }
}

/// Names of files completed in one folder (closed after writing, or moved in), from inotify, read on a thread
/// of its own.
final class DirectoryWatcher: Sendable {
    let names: AsyncStream<String>
    private let inotifyFD: Int32
    /// The write end of a pipe whose read end the thread polls: a byte there stops it.
    private let wakeFD: Int32

    init(path: String) throws {
        let inotifyFD = inotify_init1(Int32(IN_CLOEXEC))
        guard inotifyFD >= 0 else { throw ScannerInputError(message: "cannot watch \(path): inotify refused") }
        guard inotify_add_watch(inotifyFD, path, UInt32(IN_CLOSE_WRITE | IN_MOVED_TO)) >= 0 else {
            let reason = String(cString: strerror(errno))
            close(inotifyFD)
            throw ScannerInputError(message: "cannot watch \(path): \(reason)")
        }
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else {
            close(inotifyFD)
            throw ScannerInputError(message: "cannot watch \(path): no pipe")
        }
        let wakeFD = pipeFDs[0]
        self.inotifyFD = inotifyFD
        self.wakeFD = pipeFDs[1]
        let (names, continuation) = AsyncStream.makeStream(of: String.self)
        self.names = names
        Thread.detachNewThread {
            var fds = [
                pollfd(fd: inotifyFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
            ]
            var buffer = [UInt8](repeating: 0, count: 16384)
            while true {
                guard poll(&fds, 2, -1) >= 0 || errno == EINTR else { break }
                if fds[1].revents != 0 { break }
                guard fds[0].revents != 0 else { continue }
                let count = buffer.withUnsafeMutableBytes { read(inotifyFD, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                for record in InotifyRecord.records(in: buffer, count: count) where !record.name.isEmpty {
                    continuation.yield(record.name)
                }
            }
            continuation.finish()
            close(inotifyFD)
            close(wakeFD)
        }
    }

    deinit { close(wakeFD) }

    func stop() {
        var byte: UInt8 = 1
        _ = write(wakeFD, &byte, 1)
    }
}
