import CEvdev
import Glibc

/// Watches `/dev/input` with inotify for device nodes appearing and disappearing, as the station's hotplug
/// does.
final class DeviceWatcher {
    /// One inotify record: a name in the folder and what happened to it.
    struct Change: Equatable, CustomStringConvertible {
        var name: String
        var created: Bool
        var description: String { (created ? "IN_CREATE " : "IN_DELETE ") + name }
    }

    private let fd: Int32

    init(folder: String = "/dev/input") throws {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw CheckFailure("inotify_init1: \(String(cString: strerror(errno)))") }
        guard inotify_add_watch(fd, folder, UInt32(IN_CREATE | IN_DELETE)) >= 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(fd)
            throw CheckFailure("inotify_add_watch \(folder): \(reason)")
        }
    }

    deinit { Glibc.close(fd) }

    /// Waits up to `timeout` for a change that `matches`, and returns it with every change seen on the way.
    func wait(timeout milliseconds: Int, for matches: (Change) -> Bool) -> (found: Change?, seen: [Change]) {
        var seen: [Change] = []
        let deadline = Self.nowMilliseconds() + milliseconds
        while true {
            for change in drain() {
                seen.append(change)
                if matches(change) { return (change, seen) }
            }
            let left = deadline - Self.nowMilliseconds()
            if left <= 0 { return (nil, seen) }
            var poll = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = Glibc.poll(&poll, 1, Int32(left))
        }
    }

    /// Reads the records waiting now.
    private func drain() -> [Change] {
        var changes: [Change] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { return changes }
            buffer.withUnsafeBytes { bytes in
                // struct inotify_event: wd, mask, cookie, len, then len bytes of NUL-padded name.
                var offset = 0
                while offset + 16 <= count {
                    let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameBytes = bytes[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    if mask & UInt32(IN_CREATE) != 0 { changes.append(Change(name: name, created: true)) }
                    if mask & UInt32(IN_DELETE) != 0 { changes.append(Change(name: name, created: false)) }
                    offset += 16 + length
                }
            }
        }
    }

    private static func nowMilliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
    }
}
