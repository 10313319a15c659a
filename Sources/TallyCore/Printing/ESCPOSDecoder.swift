/// Reads ESC/POS bytes back into ``ESCPOSCommand`` values, to show what a printer was sent.
///
/// It knows the commands ``ESCPOSEncoder`` writes and the cuts other software commonly sends, and refuses
/// anything else with the offset and what it expected, rather than guessing. Runs of printable bytes become
/// one ``ESCPOSCommand/text(_:)``, read as code page 858 whatever `ESC t` selected.
public struct ESCPOSDecoder: Sendable {
    public init() {}

    public func decode(_ bytes: [UInt8]) throws(ESCPOSDecodingError) -> [ESCPOSCommand] {
        var reader = ESCPOSReader(bytes: bytes)
        var commands: [ESCPOSCommand] = []
        var text = ""
        while let byte = reader.peek() {
            if let character = CodePage858.character(for: byte) {
                text.append(character)
                reader.index += 1
                continue
            }
            if !text.isEmpty {
                commands.append(.text(text))
                text = ""
            }
            commands.append(try reader.command())
        }
        if !text.isEmpty { commands.append(.text(text)) }
        return commands
    }
}

/// A position in the bytes, and the reading of one command at it.
private struct ESCPOSReader {
    let bytes: [UInt8]
    var index = 0

    func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    /// The next byte, which `what` must be.
    mutating func next(_ what: String) throws(ESCPOSDecodingError) -> UInt8 {
        guard let byte = peek() else { throw ESCPOSDecodingError(offset: index, reason: .truncated, expected: what) }
        index += 1
        return byte
    }

    func invalid(_ expected: String) -> ESCPOSDecodingError {
        ESCPOSDecodingError(offset: index - 1, reason: .invalidParameter, expected: expected)
    }

    /// Reads the control command at the current position.
    mutating func command() throws(ESCPOSDecodingError) -> ESCPOSCommand {
        switch try next("a command") {
        case ESCPOSCommand.newline: return .lineFeed
        case ESCPOSCommand.escape: return try escapeCommand()
        case ESCPOSCommand.groupSeparator: return try groupCommand()
        default:
            throw ESCPOSDecodingError(
                offset: index - 1, reason: .unknownCommand, expected: "text, LF, ESC or GS")
        }
    }

    private mutating func escapeCommand() throws(ESCPOSDecodingError) -> ESCPOSCommand {
        switch try next("a command letter after ESC") {
        case 0x40: return .initialize
        case 0x74: return .selectCodePage(try next("a code page number after ESC t"))
        case 0x61:
            let value = try next("an alignment after ESC a")
            guard let alignment = ESCPOSCommand.Alignment(rawValue: value >= 0x30 ? value - 0x30 : value) else {
                throw invalid("an alignment 0, 1 or 2 (or '0', '1', '2') after ESC a")
            }
            return .align(alignment)
        case 0x45: return .bold(try next("0 or 1 after ESC E") & 1 == 1)
        case 0x64: return .feedLines(Int(try next("a number of lines after ESC d")))
        default:
            throw ESCPOSDecodingError(
                offset: index - 1, reason: .unknownCommand, expected: "ESC @, ESC t, ESC a, ESC E or ESC d")
        }
    }

    private mutating func groupCommand() throws(ESCPOSDecodingError) -> ESCPOSCommand {
        switch try next("a command letter after GS") {
        case 0x21:
            let size = try next("a character size after GS !")
            guard size >> 4 < 8, size & 0x0F < 8 else { throw invalid("width and height 1 to 8 after GS !") }
            return .characterSize(width: Int(size >> 4) + 1, height: Int(size & 0x0F) + 1)
        case 0x68:
            let dots = try next("a barcode height after GS h")
            guard dots > 0 else { throw invalid("a barcode height of 1 to 255 dots after GS h") }
            return .barcodeHeight(Int(dots))
        case 0x77:
            let dots = try next("a module width after GS w")
            guard (1...6).contains(dots) else { throw invalid("a module width of 1 to 6 dots after GS w") }
            return .barcodeModuleWidth(Int(dots))
        case 0x48:
            let value = try next("an HRI position after GS H")
            guard let position = ESCPOSCommand.HRIPosition(rawValue: value >= 0x30 ? value - 0x30 : value) else {
                throw invalid("an HRI position 0 to 3 (or '0' to '3') after GS H")
            }
            return .hriPosition(position)
        case 0x6B: return try barcode()
        case 0x56: return try cut()
        default:
            throw ESCPOSDecodingError(
                offset: index - 1, reason: .unknownCommand, expected: "GS !, GS h, GS w, GS H, GS k or GS V")
        }
    }

    private mutating func barcode() throws(ESCPOSDecodingError) -> ESCPOSCommand {
        guard try next("a barcode system after GS k") == 73 else {
            throw invalid("barcode system 73 (Code 128) after GS k; other symbologies are not read")
        }
        let length = Int(try next("a data length after GS k 73"))
        let start = index
        for position in 0..<length {
            _ = try next("\(length) bytes of Code 128 data after GS k 73 (found \(position))")
        }
        let data = try Code128Data.text(of: bytes[start..<index], offset: start)
        return .code128(data)
    }

    private mutating func cut() throws(ESCPOSDecodingError) -> ESCPOSCommand {
        switch try next("a cut mode after GS V") {
        case 0, 0x30: return .cut(partial: false)
        case 1, 0x31: return .cut(partial: true)
        case 65: return .feedAndCut(partial: false, feed: Int(try next("a feed amount after GS V 65")))
        case 66: return .feedAndCut(partial: true, feed: Int(try next("a feed amount after GS V 66")))
        default: throw invalid("cut mode 0, 1, 48, 49, 65 or 66 after GS V")
        }
    }
}
