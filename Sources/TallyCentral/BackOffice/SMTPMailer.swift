import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Sends plain-text mail through an SMTP server (RFC 5321): the shop's own mail server, a relay on its network, or a
/// mail provider's submission port, signed in. One connection per message: EHLO, STARTTLS when asked for (RFC 3207)
/// or TLS from the start (smtps, RFC 8314), AUTH PLAIN or LOGIN when there are credentials (RFC 4954, only ever over
/// TLS), MAIL FROM, RCPT TO for each recipient, DATA, QUIT. Any reply outside what the step expects fails the whole
/// message, which is then sent again later. The server's certificate is checked against the system's trust roots,
/// or a CA file of the shop's own, and its name. The body goes as base64 (7-bit safe on any relay), the subject as an
/// RFC 2047 word when it is not ASCII.
public struct SMTPMailer: Sendable, Hashable {
    /// How the connection is protected.
    public enum Security: String, Sendable, Hashable {
        /// `smtp://`: no TLS, for a relay on the shop's own network; never with credentials.
        case none
        /// `smtp+starttls://`: STARTTLS before anything else, refused when the server does not offer it.
        case startTLS
        /// `smtps://`: TLS from the first byte.
        case implicitTLS
    }

    /// A user name and password for AUTH; the description hides the password.
    public struct Credentials: Sendable, Hashable, CustomStringConvertible {
        public var user: String
        public var password: String

        public init(user: String, password: String) {
            self.user = user
            self.password = password
        }

        public var description: String { "\(user) (password hidden)" }
    }

    public var host: String
    public var port: Int
    /// The sender's address.
    public var from: String
    public var to: [String]
    public var security: Security
    public var credentials: Credentials?
    /// A PEM file of the CA certificates to trust instead of the system's, for a mail server with a private CA.
    public var trustedCAFile: String?
    /// How long a reply may take.
    public var timeout: Duration

    public init(
        host: String, port: Int, from: String, to: [String], security: Security = .none,
        credentials: Credentials? = nil, trustedCAFile: String? = nil, timeout: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.from = from
        self.to = to
        self.security = security
        self.credentials = credentials
        self.trustedCAFile = trustedCAFile
        self.timeout = timeout
    }

    /// Whether an address is one a mail header and an SMTP command can carry: `local@domain`, nothing that would
    /// break a line or a command.
    public static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && text.utf8.count <= 254
            && text.unicodeScalars.allSatisfy {
                $0.isASCII && $0.value > 32 && !"<>()[],;:\\\"".unicodeScalars.contains($0)
            }
    }

    /// The message as it goes after DATA, with its headers, dot-stuffed and ended by the lone dot.
    static func message(from: String, to: [String], subject: String, body: String, date: Date, id: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let encodedSubject =
            subject.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 32 }
            ? subject : "=?UTF-8?B?" + Data(subject.utf8).base64EncodedString() + "?="
        let encoded = Data(body.utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        let lines = [
            "From: Tally <\(from)>", "To: " + to.map { "<\($0)>" }.joined(separator: ", "),
            "Subject: \(encodedSubject)",
            "Date: " + formatter.string(from: date), "Message-ID: <\(id)@tally-central>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "", encoded,
        ]
        // Base64 never starts a line with a dot, but the rule holds for every line all the same.
        let stuffed = lines.joined(separator: "\r\n").components(separatedBy: "\r\n").map {
            $0.hasPrefix(".") ? "." + $0 : $0
        }
        return stuffed.joined(separator: "\r\n") + "\r\n.\r\n"
    }

    /// The TLS context the connection uses: the shop's CA file or the system's roots, full verification.
    func tlsContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let trustedCAFile {
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(trustedCAFile))
        }
        return try NIOSSLContext(configuration: configuration)
    }

    /// The TLS handler for the server: its name is checked against the certificate (an address is checked as such).
    static func tlsHandler(_ context: NIOSSLContext, host: String) throws -> NIOSSLClientHandler {
        let isAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        return try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host)
    }

    /// Sends one message to every recipient.
    public func send(subject: String, body: String, now: Date = Date()) async throws {
        let text = Self.message(
            from: from, to: to, subject: subject, body: body, date: now, id: UUID().uuidString.lowercased())
        let tls = security == .none ? nil : try tlsContext()
        let host = self.host
        let implicit = security == .implicitTLS
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicit, let tls {
                        try channel.pipeline.syncOperations.addHandler(try Self.tlsHandler(tls, host: host))
                    } else if tls != nil {
                        try channel.pipeline.syncOperations.addHandler(PlaintextCounter())
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let mailer = self
        // The whole conversation within the time allowed: a server that stops answering fails the message.
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    var conversation = SMTPConversation(replies: SMTPReplies(inbound.makeAsyncIterator()), outbound)
                    try await mailer.converse(&conversation, text: text, tls: tls, channel: channel.channel)
                }
            }
            group.addTask {
                try await Task.sleep(for: mailer.timeout)
                throw SMTPError(description: "the mail server did not finish within \(mailer.timeout)")
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// The commands of one message, after the connection (and TLS, for smtps) is made.
    func converse(
        _ conversation: inout SMTPConversation, text: String, tls: NIOSSLContext?, channel: any Channel
    ) async throws {
        try await conversation.step(nil, "the connection", 220...220)
        var extensions = try await conversation.step("EHLO tally-central", "EHLO", 250...250)
        if security == .startTLS, let tls {
            guard extensions.contains(where: { $0.uppercased() == "STARTTLS" }) else {
                throw SMTPError(description: "the mail server does not offer STARTTLS; nothing was sent")
            }
            try await conversation.step("STARTTLS", "STARTTLS", 220...220)
            // Bytes after the 220 came before TLS and could have been put there by someone on the way (RFC 3207's
            // warning): everything received in clear must be what was read, up to the 220's end.
            let host = self.host
            let read = conversation.replies.received
            let unread = conversation.replies.pending.count
            let clean = try await channel.eventLoop.submit {
                let received = try channel.pipeline.syncOperations.handler(type: PlaintextCounter.self).received
                guard received == read, unread == 0 else { return false }
                try channel.pipeline.syncOperations.addHandler(try Self.tlsHandler(tls, host: host), position: .first)
                return true
            }.get()
            guard clean else {
                throw SMTPError(description: "the mail server sent more after agreeing to STARTTLS; nothing was sent")
            }
            extensions = try await conversation.step("EHLO tally-central", "EHLO after STARTTLS", 250...250)
        }
        if let credentials {
            try await conversation.signIn(credentials, extensions: extensions)
        }
        try await conversation.step("MAIL FROM:<\(from)>", "MAIL FROM", 250...250)
        for address in to { try await conversation.step("RCPT TO:<\(address)>", "RCPT TO \(address)", 250...251) }
        try await conversation.step("DATA", "DATA", 354...354)
        try await conversation.outbound.write(ByteBuffer(string: text))
        try await conversation.step(nil, "the message", 250...250)
        try await conversation.step("QUIT", "QUIT", 221...221)
    }
}

/// One SMTP connection's commands and replies.
struct SMTPConversation {
    var replies: SMTPReplies
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    init(replies: SMTPReplies, _ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.replies = replies
        self.outbound = outbound
    }

    /// Sends a command (none for a reply the server sends unasked) and answers the reply's lines after the first,
    /// such as EHLO's extensions; a reply outside `expected` is an error naming the step.
    @discardableResult
    mutating func step(_ command: String?, _ name: String, _ expected: ClosedRange<Int>) async throws -> [String] {
        if let command { try await outbound.write(ByteBuffer(string: command + "\r\n")) }
        let (code, lines) = try await replies.next()
        guard expected.contains(code) else {
            throw SMTPError(description: "the mail server answered \(code) \(lines.joined(separator: " ")) to \(name)")
        }
        return Array(lines.dropFirst())
    }

    /// AUTH with what the server offers: PLAIN, else LOGIN.
    mutating func signIn(_ credentials: SMTPMailer.Credentials, extensions: [String]) async throws {
        let offered = extensions.first { $0.uppercased().hasPrefix("AUTH ") }.map {
            $0.dropFirst(5).split(separator: " ").map { $0.uppercased() }
        }
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        if offered?.contains("PLAIN") == true {
            try await step(
                "AUTH PLAIN " + base64("\0\(credentials.user)\0\(credentials.password)"), "AUTH PLAIN (signing in)",
                235...235)
        } else if offered?.contains("LOGIN") == true {
            try await step("AUTH LOGIN", "AUTH LOGIN", 334...334)
            try await step(base64(credentials.user), "AUTH LOGIN's user name", 334...334)
            try await step(base64(credentials.password), "AUTH LOGIN's password (signing in)", 235...235)
        } else {
            throw SMTPError(
                description: "the mail server offers no sign-in central can use (AUTH PLAIN or LOGIN), only "
                    + (offered?.joined(separator: ", ") ?? "none"))
        }
    }
}

/// Counts the bytes a connection receives in clear, before STARTTLS puts TLS in front of it.
final class PlaintextCounter: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    var received = 0

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        received += unwrapInboundIn(data).readableBytes
        context.fireChannelRead(data)
    }
}

public struct SMTPError: Error, CustomStringConvertible {
    public var description: String
}

/// SMTP replies read off a connection: lines up to CRLF, a reply's lines `250-…` until `250 …`.
struct SMTPReplies {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending: [UInt8] = []
    /// Every byte taken off the connection so far.
    var received = 0

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    mutating func line() async throws -> String {
        while true {
            if let end = pending.indices.dropFirst().first(where: { pending[$0 - 1] == 13 && pending[$0] == 10 }) {
                let line = String(decoding: pending[..<(end - 1)], as: UTF8.self)
                pending.removeFirst(end + 1)
                return line
            }
            guard pending.count < 4096 else { throw SMTPError(description: "the mail server sent a line too long") }
            guard let buffer = try await iterator.next() else {
                throw SMTPError(description: "the mail server closed the connection")
            }
            pending.append(contentsOf: buffer.readableBytesView)
            received += buffer.readableBytes
        }
    }

    /// A whole reply: its code and the text of each of its lines.
    mutating func next() async throws -> (Int, [String]) {
        var lines: [String] = []
        while true {
            let line = try await line()
            guard line.utf8.count >= 3, let code = Int(line.prefix(3)) else {
                throw SMTPError(description: "the mail server sent \(line.debugDescription), not a reply")
            }
            lines.append(String(line.dropFirst(4)))
            guard lines.count <= 100 else { throw SMTPError(description: "the mail server sent a reply too long") }
            if line.utf8.count == 3 || line.dropFirst(3).first == " " { return (code, lines) }
        }
    }
}
