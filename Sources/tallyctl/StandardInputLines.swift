import Foundation

/// Standard input split into lines of raw bytes, read as it arrives so a long stream is handled line by line.
///
/// Bytes are passed on as they are, not decoded, so a scan with bytes that are not UTF-8 is reported as such.
enum StandardInputLines {
    static func forEach(_ body: ([UInt8]) -> Void) {
        var pending: [UInt8] = []
        let input = FileHandle.standardInput
        while true {
            let chunk = input.availableData
            if chunk.isEmpty { break }
            pending.append(contentsOf: chunk)
            var start = 0
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                body(stripCarriageReturn(pending[start..<newline]))
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty { body(stripCarriageReturn(pending[...])) }
    }

    static func stripCarriageReturn(_ line: ArraySlice<UInt8>) -> [UInt8] {
        Array(line.last == UInt8(ascii: "\r") ? line.dropLast() : line)
    }
}
