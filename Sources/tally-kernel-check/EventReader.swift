import CEvdev
import Glibc
import TallyScan

/// A plain evdev reader over libevdev: what the scenarios use to see what the kernel delivers, independent
/// of the station's own reader.
///
/// Reads block, so scenarios run them with ``onThread(_:)``; one thread at a time uses a reader.
final class EventReader: @unchecked Sendable {
    let path: String
    private let fd: Int32
    private let device: OpaquePointer

    /// Opens `path` read-only and non-blocking, with timestamps from the monotonic clock.
    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw CheckFailure("open \(path): \(String(cString: strerror(errno)))") }
        var device: OpaquePointer?
        let status = libevdev_new_from_fd(fd, &device)
        guard status == 0, let device else {
            Glibc.close(fd)
            throw CheckFailure("libevdev_new_from_fd \(path): \(String(cString: strerror(-status)))")
        }
        self.device = device
        // Monotonic, as the station's reader uses: wall-clock steps must not look like typing pauses.
        libevdev_set_clock_id(device, CLOCK_MONOTONIC)
    }

    deinit {
        libevdev_free(device)
        Glibc.close(fd)
    }

    var name: String { String(cString: libevdev_get_name(device)) }
    var vendor: Int { Int(libevdev_get_id_vendor(device)) }
    var product: Int { Int(libevdev_get_id_product(device)) }

    /// Takes the device for this reader alone (`EVIOCGRAB`), or gives it back.
    func grab(_ on: Bool) throws {
        let status = libevdev_grab(device, on ? LIBEVDEV_GRAB : LIBEVDEV_UNGRAB)
        if status != 0 { throw CheckFailure("libevdev_grab(\(on)) \(path): \(String(cString: strerror(-status)))") }
    }

    /// What a read ended with besides events.
    enum End: Equatable {
        /// The reader got what it waited for, or the time ran out.
        case open
        /// The device is gone (`ENODEV`).
        case unplugged
    }

    /// Reads events until `count` `SYN_REPORT`s arrived, the device went away, or `timeout` passed with
    /// nothing new.
    ///
    /// When the kernel dropped events because this reader fell behind, the result holds the `SYN_DROPPED`
    /// event where the loss happened and not the state libevdev resynchronises afterwards, so comparisons
    /// with what was written fail visibly.
    func read(reports count: Int, timeout milliseconds: Int32) throws -> (events: [InputEvent], end: End) {
        var events: [InputEvent] = []
        var reports = 0
        var flags = LIBEVDEV_READ_FLAG_NORMAL.rawValue
        while reports < count {
            var event = input_event()
            let status = libevdev_next_event(device, flags, &event)
            let read = InputEvent(
                seconds: Int64(event.time.tv_sec), microseconds: Int32(event.time.tv_usec), type: event.type,
                code: event.code, value: event.value)
            if status == LIBEVDEV_READ_STATUS_SYNC.rawValue {
                // The SYN_DROPPED itself in normal mode, then the resynchronising events until -EAGAIN.
                if flags == LIBEVDEV_READ_FLAG_NORMAL.rawValue { events.append(read) }
                flags = LIBEVDEV_READ_FLAG_SYNC.rawValue
            } else if status == -EAGAIN && flags == LIBEVDEV_READ_FLAG_SYNC.rawValue {
                flags = LIBEVDEV_READ_FLAG_NORMAL.rawValue
            } else if status == LIBEVDEV_READ_STATUS_SUCCESS.rawValue {
                events.append(read)
                if read.isReport { reports += 1 }
            } else if status == -EAGAIN {
                var poll = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = Glibc.poll(&poll, 1, milliseconds)
                if ready == 0 { return (events, .open) }
                if ready < 0 && errno != EINTR {
                    throw CheckFailure("poll \(path): \(String(cString: strerror(errno)))")
                }
            } else if status == -ENODEV {
                return (events, .unplugged)
            } else {
                throw CheckFailure("libevdev_next_event \(path): \(String(cString: strerror(-status)))")
            }
        }
        return (events, .open)
    }
}

/// Runs blocking work (a read that polls, a sleep) on a thread of its own and waits for it without holding
/// one of the few threads Swift's concurrency runs tasks on.
func onThread<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        let run: @Sendable () -> Void = { continuation.resume(with: Result { try body() }) }
        let box = Unmanaged.passRetained(ThreadBody(run)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(
            &thread, nil,
            { argument in
                Unmanaged<ThreadBody>.fromOpaque(argument!).takeRetainedValue().body()
                return nil
            }, box)
        if status == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<ThreadBody>.fromOpaque(box).release()
            continuation.resume(throwing: CheckFailure("pthread_create: \(String(cString: strerror(status)))"))
        }
    }
}

/// A closure handed to a new thread through its `void *` argument.
private final class ThreadBody: Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}
