import Glibc

/// One record of what `read` returns from an inotify descriptor: the watch, what happened, and the name in the
/// watched folder it happened to.
public struct InotifyRecord: Hashable, Sendable {
    public var watch: Int32
    public var mask: UInt32
    public var name: String

    /// The records in the first `count` bytes of `buffer`; a record cut short at the end is left out.
    public static func records(in buffer: [UInt8], count: Int) -> [InotifyRecord] {
        let header = MemoryLayout<inotify_event>.size
        var records: [InotifyRecord] = []
        var offset = 0
        while offset + header <= min(count, buffer.count) {
            let event = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: inotify_event.self) }
            let start = offset + header
            let end = start + Int(event.len)
            guard end <= count else { break }
            let name = String(decoding: buffer[start..<end].prefix { $0 != 0 }, as: UTF8.self)
            records.append(InotifyRecord(watch: event.wd, mask: event.mask, name: name))
            offset = end
        }
        return records
    }
}
