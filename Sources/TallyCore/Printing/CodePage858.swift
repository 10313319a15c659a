/// IBM code page 858, which ESC/POS printers select with `ESC t 19`: code page 850 with € in place of ı at 0xD5.
///
/// It holds the letters of the Western European languages, £, ¥ and €, so a receipt in those languages prints
/// as it was written. Characters it does not hold are printed as `?`, never dropped, so line widths stay right.
enum CodePage858 {
    /// What the printer prints for `?`, in place of characters the code page does not hold.
    static let replacement: UInt8 = 0x3F

    /// The characters of bytes 0x80 to 0xFF, sixteen to a row.
    private static let upperHalf: [Character] = Array(
        [
            "ÇüéâäàåçêëèïîìÄÅ",  // 0x80
            "ÉæÆôöòûùÿÖÜø£Ø×ƒ",  // 0x90
            "áíóúñÑªº¿®¬½¼¡«»",  // 0xA0
            "░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐",  // 0xB0
            "└┴┬├─┼ãÃ╚╔╩╦╠═╬¤",  // 0xC0
            "ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀",  // 0xD0
            "ÓßÔÒõÕµþÞÚÛÙýÝ¯´",  // 0xE0
            "\u{AD}±‗¾¶§÷¸°¨·¹³²■\u{A0}",  // 0xF0
        ].joined())

    private static let bytesByCharacter: [Character: UInt8] = Dictionary(
        upperHalf.enumerated().map { ($0.element, UInt8(0x80 + $0.offset)) }, uniquingKeysWith: { first, _ in first })

    /// The byte of a character, or nil when the code page does not hold it; only printable ASCII below 0x80.
    ///
    /// Characters compare by canonical equivalence, so a decomposed `a` + combining diaeresis finds `ä`.
    static func byte(for character: Character) -> UInt8? {
        if let ascii = character.asciiValue {
            return (0x20...0x7E).contains(ascii) ? ascii : nil
        }
        return bytesByCharacter[character]
    }

    /// The character a printer prints for `byte`; control bytes below 0x20 and 0x7F have none.
    static func character(for byte: UInt8) -> Character? {
        switch byte {
        case 0x20...0x7E: Character(Unicode.Scalar(byte))
        case 0x80...0xFF: upperHalf[Int(byte - 0x80)]
        default: nil
        }
    }

    /// The bytes of `text`, with `?` for every character the code page does not hold.
    static func encode(_ text: String) -> [UInt8] {
        text.map { byte(for: $0) ?? replacement }
    }

    /// `text` as it comes out of the printer: every character the code page does not hold made `?`.
    static func printable(_ text: String) -> String {
        String(text.map { byte(for: $0) == nil ? "?" : $0 })
    }
}
