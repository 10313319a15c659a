import Configuration

/// Reads single values and lists from a `ConfigReader` as text, so that every value, whatever its provider,
/// is checked by the same code and refused with the same message.
///
/// Values are read as strings even when they are numbers: a YAML `8417` and an environment variable `8417`
/// both arrive as the text `8417`, and a value that is not a number is reported with the text that was found
/// rather than silently ignored, which is what a typed lookup does when a value does not convert.
public struct ConfigurationValues {
    public let reader: ConfigReader

    public init(_ reader: ConfigReader) {
        self.reader = reader
    }

    /// The value of `key` without surrounding spaces, or nil when the key is absent, empty or a YAML null.
    ///
    /// A list where one value belongs is an error rather than absent, so that it is not replaced by a default.
    public func optional(_ key: String) throws(ConfigurationError) -> String? {
        let configKey = ConfigKey(key)
        if let value = reader.string(forKey: configKey) {
            let trimmed = Self.trimmed(value)
            return Self.nullSpellings.contains(trimmed) ? nil : trimmed
        }
        if let list = reader.stringArray(forKey: configKey) {
            throw .invalidValue(
                key: key, value: list.joined(separator: ", "), rule: "must be a single value, not a list")
        }
        // Files and environment variables give every scalar as text; a provider built in code, such as an
        // InMemoryProvider holding `8417` as an integer, does not, and its value would otherwise go unseen.
        if let number = reader.int(forKey: configKey) { return String(number) }
        if let number = reader.double(forKey: configKey) { return String(number) }
        if let flag = reader.bool(forKey: configKey) { return String(flag) }
        return nil
    }

    /// The value of `key`, which must be set; `needs` completes "it needs …" in the error when it is not.
    public func required(_ key: String, needs: String) throws(ConfigurationError) -> String {
        guard let value = try optional(key) else { throw .missingValue(key: key, needs: needs) }
        return value
    }

    /// The items of the list at `key`, each without surrounding spaces, or nil when the key is absent.
    ///
    /// One value where a list belongs is a list of that one item, so `lanes: till` means `lanes: [till]`.
    /// Environment variables always give lists, split at commas; an empty variable is an empty list.
    public func list(_ key: String) throws(ConfigurationError) -> [String]? {
        let configKey = ConfigKey(key)
        if let list = reader.stringArray(forKey: configKey) {
            let items = list.map(Self.trimmed)
            return items == [""] ? [] : items
        }
        return try optional(key).map { [$0] }
    }

    /// How YAML writes "no value"; a key written like this is treated as absent.
    private static let nullSpellings: Set<String> = ["", "~", "null", "Null", "NULL"]

    private static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isSpace($0) }),
            let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }
}
