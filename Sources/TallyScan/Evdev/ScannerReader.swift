import CEvdev
import Glibc
import Synchronization

/// Reads the station's keyboard-wedge scanners through evdev, and picks them up as they come and go.
///
/// One thread of its own waits (`epoll`) on every open device, on `inotify` for `/dev/input`, and on the idle
/// deadline of any line that ends by timeout; it handles events one at a time as libevdev returns them, never a
/// read batch at once, so nothing decoded before a terminator in the same read is lost. A device that matches
/// a configured scanner is grabbed exclusively (once no key is held), gets its own decoder (layout, modifiers,
/// buffer), and is grabbed again whenever it comes back. Nodes that appear, get their permissions later, vanish
/// and return are all noticed (`IN_CREATE`, `IN_ATTRIB`, `IN_DELETE`); a vanished device never stops the reader.
///
/// Reports arrive in ``reports`` in the order they happened.
public final class ScannerReader: Sendable {
    public let scanners: [ScannerConfiguration]
    public let inputDirectory: String
    public let sysfsDirectory: String
    public let reports: AsyncStream<ScannerReport>
    private let continuation: AsyncStream<ScannerReport>.Continuation
    private let control = Mutex<Control>(Control())
    private let status = Mutex<[String: ScannerDeviceStatus]>([:])

    private struct Control: ~Copyable {
        var thread: pthread_t?
        var wakeFD: Int32 = -1
    }

    /// Checks every scanner's layout up front, so a misconfiguration stops the daemon at start-up with a clear
    /// message rather than when the scanner is plugged in.
    public init(
        scanners: [ScannerConfiguration], inputDirectory: String = "/dev/input",
        sysfsDirectory: String = "/sys/class/input"
    ) throws(KeyboardLayoutError) {
        for scanner in scanners { _ = try WedgeDecoder(settings: scanner.wedge) }
        self.scanners = scanners
        self.inputDirectory = inputDirectory
        self.sysfsDirectory = sysfsDirectory
        (reports, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    deinit { stop() }

    /// Starts the reader thread. Devices present now are opened before the first wait.
    public func start() throws(ScannerReaderError) {
        let loop = try ReaderLoop(reader: self)
        try control.withLock { control throws(ScannerReaderError) in
            guard control.thread == nil else { return }
            let box = Unmanaged.passRetained(loop).toOpaque()
            var thread = pthread_t()
            let result = pthread_create(
                &thread, nil,
                { argument in
                    guard let argument else { return nil }
                    let loop = Unmanaged<ReaderLoop>.fromOpaque(argument).takeRetainedValue()
                    loop.run()
                    return nil
                }, box)
            guard result == 0 else {
                Unmanaged<ReaderLoop>.fromOpaque(box).release()
                throw .system("cannot start the scanner thread", result)
            }
            control.thread = thread
            control.wakeFD = loop.wakeFD
        }
    }

    /// Stops the thread, releases every grab and closes every device; the report stream finishes.
    public func stop() {
        let thread = control.withLock { control -> pthread_t? in
            defer { control.thread = nil }
            guard let thread = control.thread else { return nil }
            var one: UInt64 = 1
            _ = write(control.wakeFD, &one, 8)
            return thread
        }
        if let thread { pthread_join(thread, nil) }
        continuation.finish()
    }

    /// The devices the reader has open now, and those it knows of but cannot use.
    public func devices() -> [ScannerDeviceStatus] {
        status.withLock { Array($0.values) }.sorted { $0.device.path < $1.device.path }
    }

    func emit(_ report: ScannerReport) { continuation.yield(report) }

    func setStatus(_ entry: ScannerDeviceStatus?, for path: String) {
        status.withLock { $0[path] = entry }
    }
}

/// A device the reader has open or would use: for `GET /devices` and the logs.
public struct ScannerDeviceStatus: Hashable, Sendable {
    public var scanner: String
    public var lane: String
    public var device: InputDeviceInfo
    public var grabbed: Bool
    /// Why the device is not being read (no permission, grabbed by another program); nil while it is read.
    public var problem: String?
}

/// The reader could not start: the kernel refused what it needs to watch for devices.
public enum ScannerReaderError: Error, CustomStringConvertible {
    case system(String, Int32)

    public var description: String {
        switch self {
        case .system(let what, let code): "\(what): \(String(cString: strerror(code)))"
        }
    }
}

/// The reader thread's state; touched only by that thread once it runs.
final class ReaderLoop: @unchecked Sendable {
    let reader: ScannerReader
    let epollFD: Int32
    let inotifyFD: Int32
    let wakeFD: Int32
    private var watches: [Int32: String] = [:]
    private var open: [Int32: OpenDevice] = [:]
    /// Paths that matched a scanner but could not be opened, with the reason already reported.
    private var refused: [String: String] = [:]

    final class OpenDevice {
        let device: EvdevDevice
        let info: InputDeviceInfo
        var session: ScannerSession
        var wantsGrab: Bool
        var syncing = false

        init(device: EvdevDevice, info: InputDeviceInfo, session: ScannerSession, wantsGrab: Bool) {
            self.device = device
            self.info = info
            self.session = session
            self.wantsGrab = wantsGrab
        }
    }

    private static let wakeToken: UInt64 = 1
    private static let inotifyToken: UInt64 = 2

    init(reader: ScannerReader) throws(ScannerReaderError) {
        self.reader = reader
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollFD >= 0 else { throw .system("cannot create an epoll instance", errno) }
        inotifyFD = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard inotifyFD >= 0 else {
            let code = errno
            Glibc.close(epollFD)
            throw .system("cannot watch \(reader.inputDirectory) for scanners coming and going", code)
        }
        wakeFD = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard wakeFD >= 0 else {
            let code = errno
            Glibc.close(epollFD)
            Glibc.close(inotifyFD)
            throw .system("cannot create an eventfd", code)
        }
        try add(wakeFD, token: Self.wakeToken)
        try add(inotifyFD, token: Self.inotifyToken)
    }

    deinit {
        open.removeAll()
        Glibc.close(wakeFD)
        Glibc.close(inotifyFD)
        Glibc.close(epollFD)
    }

    private func add(_ fd: Int32, token: UInt64) throws(ScannerReaderError) {
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = token
        guard epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) == 0 else { throw .system("epoll_ctl", errno) }
    }

    func run() {
        // Watch before looking: a device plugged in between the two is then seen by the watch.
        watchDirectories()
        rescan()
        var events = [epoll_event](repeating: epoll_event(), count: 16)
        while true {
            let count = events.withUnsafeMutableBufferPointer {
                epoll_wait(epollFD, $0.baseAddress, Int32($0.count), timeoutMilliseconds())
            }
            if count < 0 {
                if errno == EINTR { continue }
                reader.emit(.problem(scanner: nil, device: reader.inputDirectory, message: "epoll_wait failed"))
                break
            }
            var stop = false
            for index in 0..<Int(count) {
                let token = events[index].data.u64
                switch token {
                case Self.wakeToken: stop = true
                case Self.inotifyToken: handleInotify()
                default: readDevice(fd: Int32(truncatingIfNeeded: token >> 8))
                }
            }
            if stop { break }
            expireIdleLines()
        }
        for fd in Array(open.keys) { closeDevice(fd: fd, reason: nil) }
    }

    // MARK: - Devices coming and going

    private func watchDirectories() {
        let mask = UInt32(IN_CREATE | IN_ATTRIB | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM | IN_ONLYDIR)
        for directory in [reader.inputDirectory, reader.inputDirectory + "/by-id", reader.inputDirectory + "/by-path"]
        where !watches.values.contains(directory) {
            let descriptor = inotify_add_watch(inotifyFD, directory, mask)
            if descriptor >= 0 {
                watches[descriptor] = directory
            } else if directory == reader.inputDirectory {
                reader.emit(
                    .problem(
                        scanner: nil, device: directory,
                        message: "cannot watch for scanners: " + String(cString: strerror(errno))))
            }
        }
    }

    private func handleInotify() {
        var buffer = [UInt8](repeating: 0, count: 8192)
        var changed = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(inotifyFD, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            changed = true
            for record in InotifyRecord.records(in: buffer, count: count) {
                let path = reader.inputDirectory + "/" + record.name
                let inInputDirectory = watches[record.watch] == reader.inputDirectory
                if record.mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0, inInputDirectory {
                    if let fd = open.first(where: { $0.value.info.path == path })?.key {
                        closeDevice(fd: fd, reason: "unplugged")
                    }
                    refused[path] = nil
                    reader.setStatus(nil, for: path)
                }
                // Permissions set after the node appeared (udev's rules run later): worth another try.
                if record.mask & UInt32(IN_ATTRIB) != 0, inInputDirectory { refused[path] = nil }
                if record.mask & UInt32(IN_IGNORED) != 0 { watches[record.watch] = nil }
            }
        }
        if changed {
            watchDirectories()
            rescan()
        }
    }

    /// Looks at every event node and opens those that match a scanner and are not open yet.
    private func rescan() {
        let openPaths = Set(open.values.map(\.info.path))
        for path in eventNodes() where !openPaths.contains(path) && refused[path] == nil {
            guard let info = InputDeviceInfo.read(path: path, sysfs: reader.sysfsDirectory) ?? probe(path) else {
                continue
            }
            guard let scanner = reader.scanners.first(where: { info.matches($0.match, resolvedPath: realPath) })
            else { continue }
            openDevice(info: info, scanner: scanner)
        }
    }

    private func eventNodes() -> [String] {
        guard let directory = opendir(reader.inputDirectory) else { return [] }
        defer { closedir(directory) }
        var nodes: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix("event") { nodes.append(reader.inputDirectory + "/" + name) }
        }
        return nodes.sorted()
    }

    /// The device's name and ids from libevdev, where sysfs does not have them.
    private func probe(_ path: String) -> InputDeviceInfo? {
        guard let device = try? EvdevDevice(path: path) else { return nil }
        return InputDeviceInfo(
            path: path, name: libevdev_get_name(device.handle).map { String(cString: $0) } ?? "",
            vendor: UInt16(truncatingIfNeeded: libevdev_get_id_vendor(device.handle)),
            product: UInt16(truncatingIfNeeded: libevdev_get_id_product(device.handle)),
            bus: UInt16(truncatingIfNeeded: libevdev_get_id_bustype(device.handle)))
    }

    private func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func openDevice(info: InputDeviceInfo, scanner: ScannerConfiguration) {
        let device: EvdevDevice
        do {
            device = try EvdevDevice(path: info.path)
        } catch {
            let message: String
            switch error {
            case .vanished: return
            case .notAKeyboard:
                // Another interface of the scanner (consumer keys, a mouse): not a source of scans.
                refused[info.path] = "not a keyboard"
                return
            case .permissionDenied:
                message =
                    "matches scanner \(scanner.id) but cannot be read: permission denied (add tallyd's user to "
                    + "the input group, or install the udev rule from systemd/70-tally-scanners.rules)"
            case .failed(let reason): message = "matches scanner \(scanner.id) but cannot be opened: \(reason)"
            }
            refuse(info: info, scanner: scanner, message: message)
            return
        }
        guard var session = try? ScannerSession(scanner: scanner, device: info.path) else { return }
        session.reset(capsLock: device.capsLock, numLock: device.numLock)
        let entry = OpenDevice(device: device, info: info, session: session, wantsGrab: scanner.grab)
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = UInt64(UInt32(bitPattern: device.fd)) << 8
        guard epoll_ctl(epollFD, EPOLL_CTL_ADD, device.fd, &event) == 0 else {
            refuse(info: info, scanner: scanner, message: "cannot be watched: " + String(cString: strerror(errno)))
            return
        }
        open[device.fd] = entry
        tryGrab(entry)
        refused[info.path] = nil
        // The status first: whoever hears of the attachment may ask for it at once.
        publish(entry)
        reader.emit(.attached(scanner: scanner.id, device: info, grabbed: device.isGrabbed))
        // Events may already wait; epoll reports them, but reading now costs nothing.
        readDevice(fd: device.fd)
    }

    private func refuse(info: InputDeviceInfo, scanner: ScannerConfiguration, message: String) {
        refused[info.path] = message
        reader.emit(.problem(scanner: scanner.id, device: info.path, message: message))
        reader.setStatus(
            ScannerDeviceStatus(
                scanner: scanner.id, lane: scanner.lane, device: info, grabbed: false, problem: message),
            for: info.path)
    }

    private func publish(_ entry: OpenDevice, problem: String? = nil) {
        reader.setStatus(
            ScannerDeviceStatus(
                scanner: entry.session.scanner.id, lane: entry.session.scanner.lane, device: entry.info,
                grabbed: entry.device.isGrabbed, problem: problem),
            for: entry.info.path)
    }

    /// Grabs once no key is held: grabbing while a key is down leaves it stuck down for every other reader.
    private func tryGrab(_ entry: OpenDevice) {
        guard entry.wantsGrab, !entry.device.isGrabbed, !entry.device.isAnyKeyHeld else { return }
        entry.wantsGrab = false
        if let problem = entry.device.grab() {
            reader.emit(
                .problem(
                    scanner: entry.session.scanner.id, device: entry.info.path,
                    message: "is read but not exclusively: \(problem); its scans may also reach other programs"))
            publish(entry, problem: problem)
        } else {
            publish(entry)
        }
    }

    private func closeDevice(fd: Int32, reason: String?) {
        guard let entry = open.removeValue(forKey: fd) else { return }
        _ = epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, nil)
        reader.setStatus(nil, for: entry.info.path)
        if let reason {
            reader.emit(.detached(scanner: entry.session.scanner.id, device: entry.info, reason: reason))
        }
    }

    // MARK: - Events

    private func readDevice(fd: Int32) {
        guard let entry = open[fd] else { return }
        while true {
            switch entry.device.next(syncing: entry.syncing) {
            case .event(let event):
                deliver(event, entry)
            case .dropped(let event):
                entry.syncing = true
                deliver(event, entry)
            case .drained:
                // In sync mode -EAGAIN ends libevdev's resync after a drop; back to normal reading.
                if entry.syncing {
                    entry.syncing = false
                    continue
                }
                return
            case .gone(let reason):
                closeDevice(fd: fd, reason: reason)
                return
            }
        }
    }

    private func deliver(_ event: InputEvent, _ entry: OpenDevice) {
        if let report = entry.session.handle(event) { reader.emit(report) }
        if entry.wantsGrab, event.type == InputEvent.Kind.key { tryGrab(entry) }
    }

    // MARK: - Idle-terminated lines

    private static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1000
    }

    private func timeoutMilliseconds() -> Int32 {
        let deadlines = open.values.compactMap(\.session.idleDeadline)
        guard let first = deadlines.min() else { return -1 }
        let wait = first - Self.now()
        return wait <= 0 ? 0 : Int32(min((wait + 999) / 1000, 60_000))
    }

    private func expireIdleLines() {
        let now = Self.now()
        for entry in open.values {
            guard let deadline = entry.session.idleDeadline, deadline <= now else { continue }
            if let report = entry.session.idle(now: now) { reader.emit(report) }
        }
    }
}
