/// Why a configuration (the station's or central's) could not be read: one problem, named by its key or file, in
/// words an operator can act on.
///
/// ``description`` is the whole message, such as
/// `station.code "till 1" may hold only A–Z and 0–9, 1 to 12 characters`.
public enum ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A key holds a value that is not allowed; `rule` says what is, as the end of a sentence that starts with
    /// the key and the value. A list is given as its items joined by commas.
    case invalidValue(key: String, value: String, rule: String)
    /// A key without a default is not set; `needs` says what it should hold.
    case missingValue(key: String, needs: String)
    /// The configuration file does not exist.
    case fileNotFound(path: String)
    /// The configuration file exists but cannot be read, such as for lack of permission.
    case fileUnreadable(path: String, reason: String)
    /// The configuration file is not valid YAML, or not a mapping of keys to values and lists of values.
    case invalidFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidValue(let key, let value, let rule):
            return "\(key) \"\(Self.printable(value))\" \(rule)"
        case .missingValue(let key, let needs):
            return "\(key) is not set: it needs \(needs); set it in the configuration file or as "
                + ConfigurationFile.environmentVariableName(forKey: key)
        case .fileNotFound(let path):
            return "The configuration file \(path) does not exist; give the path of a YAML configuration file, "
                + "such as a copy of Config/station.yaml or Config/central.yaml."
        case .fileUnreadable(let path, let reason):
            return "The configuration file \(path) cannot be read: \(reason)."
        case .invalidFile(let path, let reason):
            return "The configuration file \(path) is not valid YAML: \(reason)"
        }
    }

    /// `value` with control characters written as escapes, so that a stray tab or line break is visible in
    /// the message instead of breaking it.
    private static func printable(_ value: String) -> String {
        var text = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\t": text += "\\t"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\"": text += "\\\""
            default:
                if scalar.properties.generalCategory == .control {
                    text += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text
    }
}
