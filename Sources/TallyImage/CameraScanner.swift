import CZbar
import Foundation
import Synchronization

/// Reads barcodes live from a V4L2 camera through zbar's video API.
///
/// Opening happens in ``init(options:)``, so a missing device or one that is not a camera is reported at once as
/// a ``CameraError``. ``results()`` starts a thread of the scanner's own that takes frames from the camera
/// (`zbar_video_next_image`, converted to 8-bit gray by zbar when the camera delivers another format), reads them
/// with zbar (and libdmtx when ``Options/readsDataMatrix`` is set) and yields what it reads. A code that stays in
/// view is reported once: it is reported again only after it has been out of view for ``Options/holdTime``.
/// ``stop()`` (or the consumer dropping the stream) ends the thread and releases the camera.
///
/// ```swift
/// let camera = try CameraScanner(options: .init(device: "/dev/video0"))
/// for await barcode in camera.results() { handle(barcode.scanBytes) }
/// ```
public final class CameraScanner: Sendable {
    /// How the camera is read.
    public struct Options: Sendable, Hashable {
        /// The V4L2 device, such as `/dev/video0` or a `/dev/v4l/by-id/…` link.
        public var device: String
        /// How long a code must be out of view before it is reported again.
        public var holdTime: Duration
        /// Whether frames are also searched for Data Matrix (costs up to ``dataMatrixTimeoutMilliseconds`` per
        /// frame in which zbar finds nothing).
        public var readsDataMatrix: Bool
        /// How long libdmtx may search one frame.
        public var dataMatrixTimeoutMilliseconds: Int

        /// Creates options.
        public init(
            device: String = "/dev/video0", holdTime: Duration = .seconds(2), readsDataMatrix: Bool = false,
            dataMatrixTimeoutMilliseconds: Int = 30
        ) {
            self.device = device
            self.holdTime = holdTime
            self.readsDataMatrix = readsDataMatrix
            self.dataMatrixTimeoutMilliseconds = dataMatrixTimeoutMilliseconds
        }
    }

    /// Why the camera cannot be used.
    public enum CameraError: Error, Sendable, Hashable, CustomStringConvertible {
        /// Nothing exists at the path.
        case deviceMissing(String)
        /// The path exists but is not a V4L2 capture device (or zbar cannot use any of its formats).
        case notACamera(String, reason: String)
        /// The camera was opened but could not be started.
        case cannotStart(String, reason: String)
        /// ``CameraScanner/results()`` was called a second time.
        case alreadyStarted

        public var description: String {
            switch self {
            case .deviceMissing(let path): "no camera at \(path): the device does not exist"
            case .notACamera(let path, let reason): "\(path) is not a usable camera: \(reason)"
            case .cannotStart(let path, let reason): "the camera at \(path) cannot start: \(reason)"
            case .alreadyStarted: "the camera scanner is already running"
            }
        }
    }

    /// The options the scanner was created with.
    public let options: Options
    private let video: VideoHandle
    private let state = Mutex(State())

    private struct State {
        var started = false
        var stopping = false
        var running = false
    }

    /// Opens the camera and negotiates a frame format with it.
    public init(options: Options) throws(CameraError) {
        self.options = options
        var status = stat()
        if stat(options.device, &status) != 0 {
            if errno == ENOENT || errno == ENOTDIR { throw .deviceMissing(options.device) }
            throw .notACamera(options.device, reason: String(cString: strerror(errno)))
        }
        if (status.st_mode & S_IFMT) != S_IFCHR {
            throw .notACamera(options.device, reason: "it is not a character device")
        }
        guard let video = zbar_video_create() else {
            throw .cannotStart(options.device, reason: "zbar could not allocate a video handle")
        }
        let handle = VideoHandle(video)
        if zbar_video_open(video, options.device) != 0 {
            throw .notACamera(options.device, reason: handle.errorText)
        }
        if zbar_negotiate_format(video, nil) != 0 {
            throw .notACamera(options.device, reason: handle.errorText)
        }
        self.video = handle
    }

    /// Starts reading frames on a thread of the scanner's own and returns what it reads, once per appearance.
    ///
    /// The stream finishes when ``stop()`` is called, when the camera fails (unplugged) or when the consumer
    /// stops listening. A scanner can be started once.
    public func results() -> AsyncStream<DecodedBarcode> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: DecodedBarcode.self, bufferingPolicy: .bufferingNewest(64))
        let alreadyStarted = state.withLock { state -> Bool in
            if state.started { return true }
            state.started = true
            state.running = true
            return false
        }
        if alreadyStarted {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in self?.requestStop() }
        let thread = Thread { [self] in
            runLoop(continuation)
            continuation.finish()
            state.withLock { $0.running = false }
        }
        thread.name = "tally-camera"
        thread.start()
        return stream
    }

    /// Stops reading frames; returns once the camera thread has let go of the camera. Safe to call more than once.
    public func stop() {
        requestStop()
        while state.withLock({ $0.running }) {
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    private func requestStop() { state.withLock { $0.stopping = true } }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    private func runLoop(_ continuation: AsyncStream<DecodedBarcode>.Continuation) {
        let video = video.pointer
        guard zbar_video_enable(video, 1) == 0 else { return }
        defer { zbar_video_enable(video, 0) }
        let reader = ZbarReader()
        zbar_image_scanner_set_config(reader.scanner, ZBAR_NONE, ZBAR_CFG_X_DENSITY, 1)
        zbar_image_scanner_set_config(reader.scanner, ZBAR_NONE, ZBAR_CFG_Y_DENSITY, 1)
        var filter = DuplicateFilter(holdTime: options.holdTime)
        let descriptor = zbar_video_get_fd(video)
        while !isStopping {
            // Wait for a frame at most 100 ms at a time, so that stop() is noticed promptly.
            if descriptor >= 0 {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, 100)
                if ready == 0 || (ready < 0 && errno == EINTR) { continue }
                if ready < 0 { return }
            }
            guard let frame = zbar_video_next_image(video) else { return }
            let results = read(frame, reader: reader)
            zbar_image_destroy(frame)
            for barcode in filter.fresh(results, at: .now) {
                continuation.yield(barcode)
            }
        }
    }

    private func read(_ frame: OpaquePointer, reader: ZbarReader) -> [DecodedBarcode] {
        guard let gray = zbar_image_convert(frame, ZbarReader.y800) else { return [] }
        defer { zbar_image_destroy(gray) }
        let width = Int(zbar_image_get_width(gray))
        let height = Int(zbar_image_get_height(gray))
        guard width > 0, height > 0, let data = zbar_image_get_data(gray),
            Int(zbar_image_get_data_length(gray)) >= width * height
        else { return [] }
        let pixels = Array(UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt8.self), count: width * height))
        let image = GrayImage(width: width, height: height, pixels: pixels)
        let plain = BarcodeImageDecoder.Pass(name: "frame", density: 1, minimumQuality: 1, prepare: { $0 })
        if let found = reader.accepted(image, pass: plain) { return found }
        if options.readsDataMatrix {
            return DataMatrixReader(timeoutMilliseconds: options.dataMatrixTimeoutMilliseconds).read(image)
        }
        return []
    }
}

/// Owns a zbar video handle. Only the camera thread uses it once it is started.
private final class VideoHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { zbar_video_destroy(pointer) }

    var errorText: String {
        guard let text = zbar_video_error_string(pointer, 0) else { return "unknown error" }
        return String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Reports a code once while it stays in view: a code seen again within the hold time of its last sighting is
/// not reported again, and every sighting extends the hold.
public struct DuplicateFilter: Sendable {
    /// How long a code must be out of view before it counts as new.
    public var holdTime: Duration
    private var lastSeen: [[UInt8]: ContinuousClock.Instant] = [:]

    /// Creates a filter.
    public init(holdTime: Duration) { self.holdTime = holdTime }

    /// The codes among `barcodes` that are new at `now`.
    public mutating func fresh(_ barcodes: [DecodedBarcode], at now: ContinuousClock.Instant) -> [DecodedBarcode] {
        lastSeen = lastSeen.filter { now - $0.value <= holdTime }
        var result: [DecodedBarcode] = []
        for barcode in barcodes {
            let key = barcode.scanBytes
            if lastSeen[key] == nil { result.append(barcode) }
            lastSeen[key] = now
        }
        return result
    }
}
