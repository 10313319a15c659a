import Foundation
import TallyConfiguration

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a PostgreSQL database is and how to sign in to it, read from a URL as libpq writes them.
///
/// Accepted forms:
///
/// - `postgres://USER:PASSWORD@HOST:PORT/DATABASE` over TCP; the port defaults to 5432, an IPv6 address is written
///   in brackets (`[::1]`), and `postgresql://` works as well as `postgres://`.
/// - `postgres://USER@/DATABASE?host=/run/postgresql` or `postgres:///DATABASE?host=/run/postgresql&user=USER`
///   over the Unix socket in that folder (`/run/postgresql/.s.PGSQL.5432`; `port=` picks another file). The
///   folder may also be the host, percent-encoded: `postgres://USER@%2Frun%2Fpostgresql/DATABASE`.
///
/// Without a user, the name of the system user running central is used, as libpq does. The database must be
/// named. A user or password with `@`, `:`, `/` or `%` in it is percent-encoded (`%40` for `@`). Query parameters:
/// `host`, `port`, `user`, `password` and `sslmode` (`disable`, `prefer`, the default, `require`, `verify-ca` or
/// `verify-full`; `prefer` and `require` encrypt without checking the server's certificate, the `verify-` modes
/// check it against the system's trusted authorities). TLS is never used over a Unix socket.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// How to reach the server.
    public enum Endpoint: Sendable, Hashable {
        case tcp(host: String, port: Int)
        /// The socket file itself, such as `/run/postgresql/.s.PGSQL.5432`.
        case unixSocket(path: String)
    }

    /// Whether and how TLS protects a TCP connection.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        case disable
        case prefer
        case require
        case verifyCertificateAuthority = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var endpoint: Endpoint
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    /// Reads `text`, refusing anything it does not understand with the reason.
    public init(_ text: String) throws(PostgresURLError) {
        let problem = { (reason: String) in PostgresURLError(url: Self.redacted(text), reason: reason) }
        let example = "such as postgres://USER:PASSWORD@HOST:5432/DATABASE"
        guard let separator = text.range(of: "://"),
            ["postgres", "postgresql"].contains(text[..<separator.lowerBound].lowercased())
        else { throw problem("must start with postgres:// or postgresql://, \(example)") }
        guard !text.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true })
        else { throw problem("must not contain spaces or control characters (percent-encode them, %20 for a space)") }
        var rest = text[separator.upperBound...]
        if rest.contains("#") { throw problem("must not contain # (percent-encode it as %23)") }

        var parameters: [String: String] = [:]
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&", omittingEmptySubsequences: true) {
                guard let equals = pair.firstIndex(of: "="),
                    let name = Self.decoded(pair[..<equals]),
                    let value = Self.decoded(pair[pair.index(after: equals)...])
                else { throw problem("has a parameter \"\(Self.redactedParameter(pair))\" that is not name=value") }
                guard Self.parameterNames.contains(name) else {
                    throw problem(
                        "has an unknown parameter \(name); known are "
                            + Self.parameterNames.sorted().joined(separator: ", "))
                }
                guard parameters[name] == nil else { throw problem("gives the parameter \(name) twice") }
                parameters[name] = value
            }
            rest = rest[..<question]
        }

        let authority: Substring
        let path: Substring
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[rest.index(after: slash)...]
        } else {
            authority = rest
            path = ""
        }
        guard let database = Self.decoded(path), !database.isEmpty else {
            throw problem("names no database: add it after the host, \(example)")
        }
        guard !database.contains("/"), !database.contains("\0") else {
            throw problem("has a database name with / in it; the path after the host is the database name alone")
        }

        var username: String?
        var password: String?
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInformation = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = userInformation.firstIndex(of: ":") {
                username = Self.decoded(userInformation[..<colon])
                password = Self.decoded(userInformation[userInformation.index(after: colon)...])
                guard password != nil else { throw problem("has a password with a bad percent-encoding") }
            } else {
                username = Self.decoded(userInformation)
            }
            guard let name = username, !name.isEmpty else {
                throw problem("has an empty user before the @; write the user, \(example)")
            }
        }
        if let user = parameters["user"] {
            guard username == nil else { throw problem("gives the user twice: before the @ and as user=") }
            guard !user.isEmpty else { throw problem("has an empty user=") }
            username = user
        }
        if let given = parameters["password"] {
            guard password == nil else { throw problem("gives the password twice: after the user and as password=") }
            password = given
        }

        var host: String?
        var port: Int?
        if !hostPort.isEmpty {
            let portText: Substring?
            if hostPort.hasPrefix("[") {
                guard let close = hostPort.firstIndex(of: "]") else { throw problem("has a [ without its ]") }
                host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
                let after = hostPort[hostPort.index(after: close)...]
                guard after.isEmpty || after.hasPrefix(":") else { throw problem("has text after the ] of the host") }
                portText = after.isEmpty ? nil : after.dropFirst()
            } else if let colon = hostPort.lastIndex(of: ":") {
                host = Self.decoded(hostPort[..<colon])
                portText = hostPort[hostPort.index(after: colon)...]
            } else {
                host = Self.decoded(hostPort)
                portText = nil
            }
            if let portText {
                guard let number = HostAddress.parsePort(portText), (1...65535).contains(number) else {
                    throw problem("has the port \"\(portText)\"; a port is a whole number from 1 to 65535")
                }
                port = number
            }
            guard let name = host, !name.isEmpty else { throw problem("has a bad host") }
        }
        if let given = parameters["host"] {
            guard host == nil else { throw problem("gives the host twice: after the @ and as host=") }
            host = given
        }
        if let given = parameters["port"] {
            guard port == nil else { throw problem("gives the port twice: after the host and as port=") }
            guard let number = HostAddress.parsePort(given), (1...65535).contains(number) else {
                throw problem("has port=\(given); a port is a whole number from 1 to 65535")
            }
            port = number
        }

        let modeText = parameters["sslmode"] ?? TLSMode.prefer.rawValue
        guard let mode = TLSMode(rawValue: modeText) else {
            throw problem(
                "has sslmode=\(modeText); it may be " + TLSMode.allCases.map(\.rawValue).joined(separator: ", "))
        }

        guard let host else {
            throw problem(
                "names no host: give one, \(example), or the folder of a Unix socket, "
                    + "such as postgres:///tally?host=/run/postgresql")
        }
        if host.hasPrefix("/") {
            let socket = (host.hasSuffix("/") ? String(host.dropLast()) : host) + "/.s.PGSQL.\(port ?? 5432)"
            // sockaddr_un holds 108 bytes with the final NUL.
            guard socket.utf8.count < 108, !socket.contains("\0") else {
                throw problem("names a socket path longer than the system allows (107 bytes): \(socket)")
            }
            endpoint = .unixSocket(path: socket)
        } else {
            guard HostAddress.isValidHost(host) else {
                throw problem(
                    "has the host \"\(host)\", which is neither an IP address, a host name nor an absolute folder "
                        + "of a Unix socket")
            }
            endpoint = .tcp(host: host, port: port ?? 5432)
        }
        guard let user = username ?? Self.systemUserName() else {
            throw problem("names no user, and the system user's name cannot be found; write one, \(example)")
        }
        self.username = user
        self.password = password
        self.database = database
        self.tls = mode
    }

    /// The URL again, with the password as `***`: what logs and messages show.
    public var description: String {
        let user = Self.encoded(username) + (password == nil ? "" : ":***")
        let mode = tls == .prefer ? "" : "sslmode=\(tls.rawValue)"
        switch endpoint {
        case .tcp(let host, let port):
            let shownHost = host.contains(":") ? "[\(host)]" : host
            return "postgres://\(user)@\(shownHost):\(port)/\(Self.encoded(database))"
                + (mode.isEmpty ? "" : "?" + mode)
        case .unixSocket(let path):
            let folder = (path as NSString).deletingLastPathComponent
            let port = path.split(separator: ".").last.map(String.init) ?? "5432"
            return "postgres://\(user)@/\(Self.encoded(database))?host=\(folder)&port=\(port)"
        }
    }

    /// Where the server is, for messages: `host:port` or the socket's path.
    public var place: String {
        switch endpoint {
        case .tcp(let host, let port): HostAddress.display(host: host, port: port)
        case .unixSocket(let path): path
        }
    }

    /// `text` with any password in it replaced by `***`, whether or not it is a valid URL, for messages about it.
    public static func redacted(_ text: String) -> String {
        var result = text
        if let separator = result.range(of: "://") {
            let authorityEnd =
                result[separator.upperBound...].firstIndex(where: { $0 == "/" || $0 == "?" }) ?? result.endIndex
            let authority = result[separator.upperBound..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                result.replaceSubrange(result.index(after: colon)..<at, with: "***")
            }
        }
        if let question = result.firstIndex(of: "?") {
            let query = result[result.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
            result = String(result[...question]) + query.map { redactedParameter($0) }.joined(separator: "&")
        }
        return result
    }

    static let parameterNames: Set<String> = ["host", "port", "user", "password", "sslmode"]

    static func redactedParameter(_ pair: Substring) -> String {
        pair.lowercased().hasPrefix("password=") ? "password=***" : String(pair)
    }

    /// Percent-decoding; nil when a `%` is not followed by two hexadecimal digits or the bytes are not UTF-8.
    static func decoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let first = utf8.index(after: index)
                guard first < utf8.endIndex, utf8.index(after: first) < utf8.endIndex,
                    let high = hexadecimalValue(utf8[first]), let low = hexadecimalValue(utf8[utf8.index(after: first)])
                else { return nil }
                bytes.append(high << 4 | low)
                index = utf8.index(first, offsetBy: 2)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func hexadecimalValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The name of the system user running this process, which libpq also takes when a URL names no user.
    static func systemUserName() -> String? {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}

/// A database URL central cannot use, and why, with any password in it hidden.
public struct PostgresURLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The URL as given, its password replaced by `***`.
    public var url: String
    /// What is wrong, as the end of a sentence that starts with the URL, such as `names no database: …`.
    public var reason: String

    public var description: String { "the database URL \(url) \(reason)" }
}
