import CEvdev
import Glibc
import Synchronization

/// A keyboard that exists only in the kernel: a uinput device made with libevdev, which evdev readers see
/// at `/dev/input/eventN` like a USB keyboard-wedge scanner.
///
/// Tests make one, type into it with ``write(_:pacing:)``, and unplug it with ``close()``. Creating one needs
/// write access to `/dev/uinput` (the `uinput` module loaded, and root or a udev rule).
///
/// The keyboard reports keys with `EV_KEY`, the scan codes scanners send before each key with `EV_MSC`
/// `MSC_SCAN`, and has Caps Lock, Num Lock and Scroll Lock LEDs. It has no `EV_REP`: the kernel adds no
/// auto-repeat of its own, so what is written is exactly what readers get.
public final class VirtualKeyboard: Sendable {
    /// How ``write(_:pacing:)`` spaces the events it writes.
    public enum Pacing: Sendable, Equatable {
        /// Write everything at once; the kernel's timestamps lie microseconds apart.
        case immediate
        /// Keep the gaps between the events' own timestamps.
        case recorded
        /// Keep the gaps between the events' timestamps multiplied by the factor (0.5 types twice as fast).
        case scaled(Double)
    }

    /// The device node readers open, such as `/dev/input/event5`.
    public let devnode: String
    /// The device's folder in sysfs, such as `/sys/devices/virtual/input/input7`.
    public let syspath: String
    /// The name readers see with `EVIOCGNAME`.
    public let name: String

    private struct Handles: @unchecked Sendable {
        var device: OpaquePointer?
        var uinput: OpaquePointer?
    }

    /// The libevdev device and its uinput twin; nil once closed. The lock makes writes from several tasks and
    /// a close during a write safe: a write either completes or finds the keyboard unplugged.
    private let handles: Mutex<Handles>

    /// Plugs in a keyboard with the given name and USB vendor and product identifiers.
    ///
    /// - Throws: ``VirtualKeyboardError/cannotCreate(errno:)`` when `/dev/uinput` is missing or not writable.
    public init(name: String, vendor: UInt16 = 0x1d50, product: UInt16 = 0x7461) throws(VirtualKeyboardError) {
        guard let device = libevdev_new() else { throw .cannotCreate(errno: ENOMEM) }
        libevdev_set_name(device, name)
        libevdev_set_id_bustype(device, Int32(BUS_USB))
        libevdev_set_id_vendor(device, Int32(vendor))
        libevdev_set_id_product(device, Int32(product))
        libevdev_set_id_version(device, 0x0111)
        libevdev_enable_event_type(device, UInt32(EV_KEY))
        // Every code of a full keyboard, from Escape to the last multimedia key below the buttons.
        for code in UInt32(KEY_ESC)..<UInt32(BTN_MISC) {
            libevdev_enable_event_code(device, UInt32(EV_KEY), code, nil)
        }
        libevdev_enable_event_type(device, UInt32(EV_MSC))
        libevdev_enable_event_code(device, UInt32(EV_MSC), UInt32(MSC_SCAN), nil)
        libevdev_enable_event_type(device, UInt32(EV_LED))
        for code in [LED_NUML, LED_CAPSL, LED_SCROLLL] {
            libevdev_enable_event_code(device, UInt32(EV_LED), UInt32(code), nil)
        }

        var uinput: OpaquePointer?
        let status = libevdev_uinput_create_from_device(device, LIBEVDEV_UINPUT_OPEN_MANAGED.rawValue, &uinput)
        guard status == 0, let uinput else {
            libevdev_free(device)
            throw .cannotCreate(errno: -status)
        }
        guard let node = libevdev_uinput_get_devnode(uinput) else {
            libevdev_uinput_destroy(uinput)
            libevdev_free(device)
            throw .noDeviceNode
        }
        self.devnode = String(cString: node)
        self.syspath = libevdev_uinput_get_syspath(uinput).map { String(cString: $0) } ?? ""
        self.name = name
        self.handles = Mutex(Handles(device: device, uinput: uinput))
    }

    deinit {
        close()
    }

    /// Whether ``close()`` has unplugged the keyboard.
    public var isClosed: Bool { handles.withLock { $0.uinput == nil } }

    /// Writes the events in order, sleeping between them as `pacing` says so that the kernel's timestamps,
    /// which it takes when each report ends, show the same spacing.
    ///
    /// The events are written as given, so a report reaches readers only with its `SYN_REPORT`. Events with
    /// equal timestamps are written back to back; before an event with a later timestamp the writer sleeps
    /// until the difference has passed since it wrote the event before. The kernel stamps a report when its
    /// `SYN_REPORT` arrives, so the gaps readers see never come out shorter than asked; a late wake-up delays
    /// the rest of the stream rather than shortening the next gap.
    ///
    /// A reader must read while this writes: evdev keeps only a few dozen events per reader and replaces
    /// them with `SYN_DROPPED` when the reader falls behind.
    ///
    /// This blocks the calling thread while it sleeps. From async code use the `async` overload, which
    /// sleeps on a thread of its own.
    ///
    /// - Returns: how far behind its schedule the writing ran.
    /// - Throws: ``VirtualKeyboardError/closed`` after ``close()``, ``VirtualKeyboardError/writeFailed(errno:)``
    ///   when the kernel refuses an event.
    @discardableResult
    public func write(_ events: [InputEvent], pacing: Pacing = .recorded) throws(VirtualKeyboardError) -> Lateness {
        let factor: Double
        switch pacing {
        case .immediate: factor = 0
        case .recorded: factor = 1
        case .scaled(let scale): factor = max(0, scale)
        }
        var previous: InputEvent?
        var lastWritten: Int64 = 0
        var lateness = Lateness()
        // When the events of the current timestamp were due; each is late by the time it went out after that.
        var due: Int64?
        for event in events {
            if let previous, event.time > previous.time, factor > 0 {
                let gap = Int64((Double(event.time - previous.time) * 1000 * factor).rounded())
                due = lastWritten + gap
                Self.sleep(until: lastWritten + gap)
            }
            try writeOne(event)
            if factor > 0 { lastWritten = Self.monotonicNanoseconds() }
            if let due { lateness.note(lastWritten - due) }
            previous = event
        }
        return lateness
    }

    /// How far behind its schedule a paced ``write(_:pacing:)`` ran: a busy machine can hold the writing
    /// thread back (a hardware scanner's interrupts never are), which stretches a gap between two keys.
    public struct Lateness: Sendable, Equatable {
        /// The most (µs) any event was written after its time; 0 when written immediately.
        public var longest: Int64 = 0

        public init(longest: Int64 = 0) { self.longest = longest }

        mutating func note(_ nanoseconds: Int64) { longest = max(longest, nanoseconds / 1000) }
    }

    /// Writes the events as the synchronous ``write(_:pacing:)`` does, sleeping on a thread of its own so
    /// that the caller's executor stays free (a reader in the same process keeps reading meanwhile).
    @discardableResult
    public func write(
        _ events: [InputEvent], pacing: Pacing = .recorded
    ) async throws(VirtualKeyboardError)
        -> Lateness
    {
        let result: Result<Lateness, VirtualKeyboardError> = await withCheckedContinuation { continuation in
            Self.detachThread {
                do throws(VirtualKeyboardError) {
                    continuation.resume(returning: .success(try self.write(events, pacing: pacing)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    /// Unplugs the keyboard: the kernel removes the device, its node disappears from `/dev/input`, and
    /// readers that have it open get `ENODEV`. Closing twice does nothing.
    public func close() {
        handles.withLock { handles in
            if let uinput = handles.uinput { libevdev_uinput_destroy(uinput) }
            if let device = handles.device { libevdev_free(device) }
            handles = Handles()
        }
    }

    private func writeOne(_ event: InputEvent) throws(VirtualKeyboardError) {
        let status = handles.withLock { handles -> Int32 in
            guard let uinput = handles.uinput else { return -ENODEV }
            return libevdev_uinput_write_event(uinput, UInt32(event.type), UInt32(event.code), event.value)
        }
        if status == -ENODEV { throw .closed }
        if status < 0 { throw .writeFailed(errno: -status) }
    }

    private static func monotonicNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// Sleeps until the monotonic clock reads `deadline`, resuming after signals.
    private static func sleep(until deadline: Int64) {
        var target = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &target, nil) == EINTR {}
    }

    /// Runs `body` on a new detached thread.
    private static func detachThread(_ body: @escaping @Sendable () -> Void) {
        final class Box: Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(
            &thread, nil,
            { argument in
                let box = Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue()
                box.body()
                return nil
            }, box)
        if status == 0 {
            pthread_detach(thread)
        } else {
            // No thread to be had: run here rather than never.
            Unmanaged<Box>.fromOpaque(box).takeRetainedValue().body()
        }
    }
}

/// Why a ``VirtualKeyboard`` could not be made or written to.
public enum VirtualKeyboardError: Error, Equatable, CustomStringConvertible {
    /// `/dev/uinput` could not be opened or refused the device; `errno` says why (`ENOENT`: the `uinput`
    /// module is not loaded; `EACCES`: no permission).
    case cannotCreate(errno: Int32)
    /// The device was made but its `/dev/input/eventN` node was not found (sysfs not mounted?).
    case noDeviceNode
    /// The keyboard was closed.
    case closed
    /// The kernel refused an event.
    case writeFailed(errno: Int32)

    public var description: String {
        switch self {
        case .cannotCreate(let code): "cannot create a uinput device: \(String(cString: strerror(code)))"
        case .noDeviceNode: "the uinput device has no /dev/input/event node"
        case .closed: "the virtual keyboard is closed"
        case .writeFailed(let code): "writing to the uinput device failed: \(String(cString: strerror(code)))"
        }
    }
}
