import Glibc

/// Checks of host names and `host:port` text as configuration files write them.
public enum HostAddress {
    /// Whether `host` is an IPv4 or IPv6 address or a DNS host name (letters, digits and inner hyphens in
    /// labels of up to 63 characters, 253 in all).
    public static func isValidHost(_ host: String) -> Bool {
        isIPv4(host) || isIPv6(host) || isHostName(host)
    }

    /// The host and port of `host:port`, `[IPv6]:port` or, when `defaultPort` is given, a host alone; nil
    /// when the text is neither or the port is outside `ports`.
    public static func split(
        _ text: String, defaultPort: Int? = nil, ports: ClosedRange<Int> = 1...65535
    ) -> (host: String, port: Int)? {
        let host: Substring
        let portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if rest.isEmpty {
                portText = nil
            } else {
                guard rest.first == ":" else { return nil }
                portText = rest.dropFirst()
            }
            guard isIPv6(String(host)) else { return nil }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            // Two colons and no brackets is an IPv6 address without a port, which is ambiguous; refuse it.
            guard !host.contains(":"), isValidHost(String(host)) else { return nil }
        } else {
            host = Substring(text)
            portText = nil
            guard isValidHost(text) else { return nil }
        }
        let port = if let portText { parsePort(portText) } else { defaultPort }
        guard let port, ports.contains(port) else { return nil }
        return (String(host), port)
    }

    /// `host:port`, with brackets around an IPv6 address: how messages and logs name a network peer.
    public static func display(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// A port number of 1 to 5 digits, or nil.
    public static func parsePort(_ text: some StringProtocol) -> Int? {
        guard (1...5).contains(text.utf8.count), text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return nil
        }
        return Int(text)
    }

    private static func isIPv4(_ text: String) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1
    }

    private static func isIPv6(_ text: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1
    }

    private static func isHostName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...253).contains(bytes.count) else { return false }
        // A name of digits and dots that is not a valid IPv4 address (such as 300.1.1.1) is a typo, not a host.
        guard bytes.contains(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else { return false }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-")
            else { return false }
            return label.allSatisfy { byte in
                let lower = byte | 0x20
                return (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
            }
        }
    }
}
