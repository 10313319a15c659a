#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a whole file with POSIX calls, refusing it when it is larger than a limit before reading it.
enum FileReader {
    static func read(_ path: String, maxBytes: Int) throws(ImageDecodingError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 { throw .unreadableFile(path: path, reason: errorText()) }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) != 0 { throw .unreadableFile(path: path, reason: errorText()) }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw .unreadableFile(path: path, reason: "it is a directory") }
        let size = Int(status.st_size)
        if size > maxBytes { throw .fileTooLarge(bytes: size, limit: maxBytes) }
        // Read until the end even when the size was not known (a pipe) or the file grew, but never more than one
        // byte past the limit.
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: max(min(size + 1, maxBytes + 1), 4096))
        while bytes.count <= maxBytes {
            let wanted = min(chunk.count, maxBytes + 1 - bytes.count)
            let got = chunk.withUnsafeMutableBytes { buffer in systemRead(descriptor, buffer.baseAddress, wanted) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadableFile(path: path, reason: errorText())
            }
            if got == 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        if bytes.count > maxBytes { throw .fileTooLarge(bytes: bytes.count, limit: maxBytes) }
        return bytes
    }

    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.read(descriptor, buffer, count)
        #else
            Darwin.read(descriptor, buffer, count)
        #endif
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
