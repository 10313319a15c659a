/// Writes one JSON object with its keys in the order given, which reports and logs read best in.
///
/// Foundation's encoder orders keys as it likes; this writer keeps TallyCore free of Foundation as well.
public struct JSONObjectWriter {
    public init() {}

    public private(set) var text = "{"
    private var isEmpty = true

    private mutating func key(_ name: String) {
        if !isEmpty { text += ", " }
        isEmpty = false
        JSONObjectWriter.appendString(name, to: &text)
        text += ": "
    }

    public mutating func string(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        JSONObjectWriter.appendString(value, to: &text)
    }

    public mutating func integer(_ name: String, _ value: (some BinaryInteger)?) {
        guard let value else { return }
        key(name)
        text += String(value)
    }

    public mutating func bool(_ name: String, _ value: Bool) {
        key(name)
        text += value ? "true" : "false"
    }

    /// A nested object or array written by another writer, inserted as it is.
    public mutating func raw(_ name: String, _ json: String?) {
        guard let json else { return }
        key(name)
        text += json
    }

    public func finished() -> String { text + "}" }

    public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

    public static func appendString(_ value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
