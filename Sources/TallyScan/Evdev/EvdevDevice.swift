import CEvdev
import Glibc

/// An open event node read through libevdev: its key state, the exclusive grab, and reading events one at a
/// time with libevdev's handling of `SYN_DROPPED`.
final class EvdevDevice {
    let fd: Int32
    let handle: OpaquePointer
    private(set) var isGrabbed = false

    enum OpenFailure: Error {
        /// The node exists but this process may not read it; worth retrying when its permissions change.
        case permissionDenied
        case vanished
        case notAKeyboard
        case failed(String)
    }

    init(path: String) throws(OpenFailure) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            switch code {
            case EACCES, EPERM: throw .permissionDenied
            case ENOENT, ENODEV, ENXIO: throw .vanished
            default: throw .failed(String(cString: strerror(code)))
            }
        }
        var device: OpaquePointer?
        let status = libevdev_new_from_fd(fd, &device)
        guard status == 0, let device else {
            close(fd)
            if status == -ENODEV { throw .vanished }
            throw .failed("not an evdev device: " + String(cString: strerror(-status)))
        }
        // A scanner types: it has keys for digits and Enter. Mice, power buttons and lid switches do not.
        guard libevdev_has_event_type(device, UInt32(EV_KEY)) == 1,
            libevdev_has_event_code(device, UInt32(EV_KEY), UInt32(KEY_1)) == 1,
            libevdev_has_event_code(device, UInt32(EV_KEY), UInt32(KEY_ENTER)) == 1
                || libevdev_has_event_code(device, UInt32(EV_KEY), UInt32(KEY_KPENTER)) == 1
        else {
            libevdev_free(device)
            close(fd)
            throw .notAKeyboard
        }
        // Monotonic timestamps: inter-key gaps and idle deadlines must not jump when the wall clock is set.
        _ = libevdev_set_clock_id(device, CLOCK_MONOTONIC)
        self.fd = fd
        self.handle = device
    }

    deinit {
        if isGrabbed { _ = libevdev_grab(handle, LIBEVDEV_UNGRAB) }
        libevdev_free(handle)
        close(fd)
    }

    var capsLock: Bool { libevdev_get_event_value(handle, UInt32(EV_LED), UInt32(LED_CAPSL)) == 1 }
    var numLock: Bool { libevdev_get_event_value(handle, UInt32(EV_LED), UInt32(LED_NUML)) == 1 }

    /// Whether any key is down as far as libevdev knows (it reads the kernel's key state on open and after a
    /// drop). Grabbing then would leave that key stuck down for everyone else.
    var isAnyKeyHeld: Bool {
        for code in UInt32(KEY_ESC)...UInt32(KEY_MAX) where libevdev_get_event_value(handle, UInt32(EV_KEY), code) != 0
        {
            return true
        }
        return false
    }

    /// Takes the device for this process alone. Nil when done, or why not.
    func grab() -> String? {
        let status = libevdev_grab(handle, LIBEVDEV_GRAB)
        if status == 0 {
            isGrabbed = true
            return nil
        }
        if status == -EBUSY { return "another program holds it exclusively (EVIOCGRAB)" }
        return "it cannot be grabbed: " + String(cString: strerror(-status))
    }

    enum ReadResult {
        case event(InputEvent)
        /// The kernel dropped events; this is `SYN_DROPPED`, and the resync events follow.
        case dropped(InputEvent)
        case drained
        case gone(String)
    }

    /// The next event: in normal mode, or, while `syncing`, libevdev's events that bring the state up to date
    /// after a drop (the libevdev way: `LIBEVDEV_READ_FLAG_SYNC` until `-EAGAIN`).
    func next(syncing: Bool) -> ReadResult {
        var raw = input_event()
        let flags = syncing ? LIBEVDEV_READ_FLAG_SYNC.rawValue : LIBEVDEV_READ_FLAG_NORMAL.rawValue
        let status = libevdev_next_event(handle, flags, &raw)
        let event = InputEvent(
            seconds: Int64(raw.time.tv_sec), microseconds: Int32(raw.time.tv_usec), type: raw.type,
            code: raw.code, value: raw.value)
        switch status {
        case Int32(LIBEVDEV_READ_STATUS_SUCCESS.rawValue): return .event(event)
        case Int32(LIBEVDEV_READ_STATUS_SYNC.rawValue): return syncing ? .event(event) : .dropped(event)
        case -EAGAIN: return .drained
        case -ENODEV: return .gone("unplugged")
        default: return .gone("read failed: " + String(cString: strerror(-status)))
        }
    }
}
