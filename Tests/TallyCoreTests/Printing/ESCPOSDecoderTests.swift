import TallyCore
import Testing

@Suite struct ESCPOSDecoderTests {
    func decode(_ bytes: [UInt8]) throws(ESCPOSDecodingError) -> [ESCPOSCommand] {
        try ESCPOSDecoder().decode(bytes)
    }

    func error(_ bytes: [UInt8]) -> ESCPOSDecodingError? {
        do {
            _ = try decode(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func textRunsBetweenCommands() throws {
        #expect(try decode(Array("ab\nc".utf8)) == [.text("ab"), .lineFeed, .text("c")])
        #expect(try decode([0x4B, 0x84, 0x73, 0x65, 0x20, 0xD5, 0x0A]) == [.text("Käse €"), .lineFeed])
        #expect(try decode([]) == [])
    }

    @Test func everyPrintableByteOfCodePage858RoundTrips() throws {
        let printable = Array(UInt8(0x20)...0x7E) + Array(UInt8(0x80)...0xFF)
        let decoded = try decode(printable)
        #expect(decoded.count == 1)
        guard case .text(let text)? = decoded.first else { return }
        #expect(text.count == printable.count)
        #expect(Set(text).count == printable.count)
        #expect(ESCPOSCommand.text(text).bytes == printable)
    }

    @Test func cutsAndSettingsOtherSoftwareSends() throws {
        #expect(try decode([0x1D, 0x56, 0x00]) == [.cut(partial: false)])
        #expect(try decode([0x1D, 0x56, 0x31]) == [.cut(partial: true)])
        #expect(try decode([0x1D, 0x56, 65, 5]) == [.feedAndCut(partial: false, feed: 5)])
        #expect(try decode([0x1B, 0x61, 0x32, 0x1D, 0x48, 0x30]) == [.align(.right), .hriPosition(.none)])
        #expect(
            try decode([0x1D, 0x21, 0x01, 0x1B, 0x45, 0x00]) == [.characterSize(width: 1, height: 2), .bold(false)])
    }

    @Test func code128DataInEveryCodeSet() throws {
        // {B "AB", {C 12 34, {B "{" (escaped), {A "Z".
        let data: [UInt8] = [0x7B, 0x42, 0x41, 0x42, 0x7B, 0x43, 12, 34, 0x7B, 0x42, 0x7B, 0x7B, 0x7B, 0x41, 0x5A]
        #expect(try decode([0x1D, 0x6B, 73, UInt8(data.count)] + data) == [.code128("AB1234{Z")])
    }

    @Test func truncatedCommandsSayWhatIsMissing() {
        #expect(
            error([0x1B]) == ESCPOSDecodingError(offset: 1, reason: .truncated, expected: "a command letter after ESC"))
        #expect(
            error([0x41, 0x1B, 0x74])
                == ESCPOSDecodingError(offset: 3, reason: .truncated, expected: "a code page number after ESC t"))
        #expect(
            error([0x1D, 0x56, 66])
                == ESCPOSDecodingError(offset: 3, reason: .truncated, expected: "a feed amount after GS V 66"))
        let barcode = error([0x1D, 0x6B, 73, 5, 0x7B, 0x42, 0x41])
        #expect(barcode?.offset == 7)
        #expect(barcode?.reason == .truncated)
        #expect(barcode?.expected == "5 bytes of Code 128 data after GS k 73 (found 3)")
    }

    @Test func unknownCommandsAreRefusedWhereTheyStand() {
        #expect(error([0x41, 0x07])?.offset == 1)
        #expect(error([0x41, 0x07])?.reason == .unknownCommand)
        #expect(
            error([0x1B, 0x7A, 0x00])
                == ESCPOSDecodingError(
                    offset: 1, reason: .unknownCommand,
                    expected: "ESC @, ESC t, ESC a, ESC E or ESC d"))
        #expect(error([0x1D, 0x28, 0x6B])?.reason == .unknownCommand)
        #expect(error([0x7F])?.reason == .unknownCommand)
        #expect(
            error([0x1B, 0x7A])?.description
                == "ESC/POS at byte 1: unknown command; expected ESC @, ESC t, ESC a, ESC E or ESC d")
    }

    @Test func parametersOutOfRangeAreRefused() {
        #expect(error([0x1B, 0x61, 7])?.offset == 2)
        #expect(error([0x1B, 0x61, 7])?.reason == .invalidParameter)
        #expect(error([0x1D, 0x21, 0x88])?.reason == .invalidParameter)
        #expect(error([0x1D, 0x77, 9])?.reason == .invalidParameter)
        #expect(error([0x1D, 0x68, 0])?.reason == .invalidParameter)
        #expect(error([0x1D, 0x56, 2])?.reason == .invalidParameter)
        // UPC-A (65) is a barcode system this decoder does not read.
        #expect(error([0x1D, 0x6B, 65, 0x31])?.offset == 2)
        // Code 128 data must choose a code set first, and set C holds only 0 to 99.
        #expect(error([0x1D, 0x6B, 73, 2, 0x41, 0x42])?.offset == 4)
        #expect(error([0x1D, 0x6B, 73, 3, 0x7B, 0x43, 100])?.offset == 6)
        #expect(error([0x1D, 0x6B, 73, 2, 0x7B, 0x31])?.offset == 4)
        #expect(error([0x1D, 0x6B, 73, 0])?.reason == .invalidParameter)
    }
}
