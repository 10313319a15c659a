import Logging

/// Keys every Tally program has: where it keeps its state, where it listens, how much it logs.
extension ConfigurationValues {
    /// An absolute folder path at `key`, which must be set.
    public func absolutePath(_ key: String, needs: String, example: String) throws(ConfigurationError) -> String {
        let path = try required(key, needs: needs)
        guard path.hasPrefix("/"), !path.contains("\0") else {
            throw .invalidValue(key: key, value: path, rule: "must be an absolute path, such as \(example)")
        }
        return path
    }

    /// The address and port to listen on, from `PREFIX.host` (default loopback) and `PREFIX.port`.
    public func listenAddress(
        _ prefix: String, defaultPort: Int
    ) throws(ConfigurationError) -> (host: String, port: Int) {
        let host = try optional(prefix + ".host") ?? "127.0.0.1"
        guard HostAddress.isValidHost(host) else {
            throw .invalidValue(
                key: prefix + ".host", value: host,
                rule: "must be an IP address or a host name, such as 127.0.0.1 (this machine only) or 0.0.0.0 (all)")
        }
        let portText = try optional(prefix + ".port") ?? String(defaultPort)
        guard let port = HostAddress.parsePort(portText), (0...65535).contains(port) else {
            throw .invalidValue(
                key: prefix + ".port", value: portText,
                rule: "must be a whole number from 0 to 65535 (0: any free port)")
        }
        return (host, port)
    }

    /// `log.level`: trace, debug, info (the default), notice, warning, error or critical.
    public func logLevel() throws(ConfigurationError) -> Logger.Level {
        let text = try optional("log.level") ?? "info"
        guard let level = Logger.Level(rawValue: text) else {
            throw .invalidValue(
                key: "log.level", value: text,
                rule: "must be one of " + Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return level
    }
}

extension ConfigurationValues {
    /// A whole number within `range` at `key`, or nil when the key is absent; the error names the range and the
    /// unit ("must be a whole number from 1 to 3600 seconds").
    public func wholeNumber(
        _ key: String, range: ClosedRange<Int>, unit: String? = nil
    ) throws(ConfigurationError) -> Int? {
        guard let text = try optional(key) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw .invalidValue(
                key: key, value: text,
                rule: "must be a whole number from \(range.lowerBound) to \(range.upperBound)"
                    + (unit.map { " \($0)" } ?? ""))
        }
        return number
    }

    /// An absolute path at `key`, or nil when the key is absent.
    public func optionalAbsolutePath(_ key: String, example: String) throws(ConfigurationError) -> String? {
        guard try optional(key) != nil else { return nil }
        return try absolutePath(key, needs: "", example: example)
    }
}
