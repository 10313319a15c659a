/// Code 128 (ISO/IEC 15417) as bars and spaces, for printing Tally's codes on labels and control sheets.
///
/// Printable ASCII goes in code set B; runs of digits in code set C, two digits to a symbol, when that makes the
/// barcode shorter. The result is the widths of the bars and spaces in modules, bar first, from the start symbol
/// to the stop pattern; quiet zones (at least ten modules each side) are the printer's to leave.
public enum Code128Symbol {
    /// Widths of the 107 symbols: six elements each, bar first, eleven modules; 106 (stop) has seven, thirteen.
    static let patterns: [String] = [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ]
    static let codeB = 100
    static let codeC = 99
    static let startB = 104
    static let startC = 105
    static let stop = 106

    /// Text Code 128 cannot carry here: only printable ASCII, 1 to 80 characters.
    public struct UnencodableText: Error, Hashable, Sendable, CustomStringConvertible {
        public var text: String
        public var description: String {
            "\(text.debugDescription) cannot be printed as Code 128: give 1 to 80 printable ASCII characters"
        }
    }

    /// The symbol values, start to stop, check symbol included.
    public static func values(for text: String) throws(UnencodableText) -> [Int] {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 80, bytes.allSatisfy({ (0x20...0x7E).contains($0) }) else {
            throw UnencodableText(text: text)
        }
        func isDigit(_ index: Int) -> Bool { index < bytes.count && (0x30...0x39).contains(bytes[index]) }
        func digitRun(from index: Int) -> Int {
            var end = index
            while isDigit(end) { end += 1 }
            return end - index
        }
        var values: [Int] = []
        var inC = false
        var index = 0
        // Code set C pays when it saves symbols: four digits at either end, six in the middle.
        let leading = digitRun(from: 0)
        if leading == bytes.count && leading % 2 == 0 || leading >= 4 {
            values.append(startC)
            inC = true
        } else {
            values.append(startB)
        }
        while index < bytes.count {
            if inC {
                if digitRun(from: index) >= 2 {
                    values.append(Int(bytes[index] - 0x30) * 10 + Int(bytes[index + 1] - 0x30))
                    index += 2
                    continue
                }
                values.append(codeB)
                inC = false
            }
            let run = digitRun(from: index)
            let reachesEnd = index + run == bytes.count
            if run >= 6 || run >= 4 && reachesEnd {
                // An odd run keeps its first digit in code set B.
                if run % 2 == 1 {
                    values.append(Int(bytes[index]) - 0x20)
                    index += 1
                }
                values.append(codeC)
                inC = true
                continue
            }
            values.append(Int(bytes[index]) - 0x20)
            index += 1
        }
        let check = values.enumerated().reduce(0) { sum, item in sum + item.element * max(item.offset, 1) } % 103
        values.append(check)
        values.append(stop)
        return values
    }

    /// The widths of the bars and spaces in modules, bar first, start symbol to stop pattern.
    public static func widths(for text: String) throws(UnencodableText) -> [Int] {
        try values(for: text).flatMap { patterns[$0].utf8.map { Int($0 - 0x30) } }
    }
}
