import Foundation
import NIOCore
import NIOPosix

/// Sends plain-text mail through an SMTP relay (RFC 5321): the shop's own mail server or a relay on its network,
/// which accepts mail from central without signing in. One connection per message: EHLO, MAIL FROM, RCPT TO for each
/// recipient, DATA, QUIT; any reply outside the 2xx and 3xx the step expects fails the whole message, which is then
/// sent again later. The body goes as base64 (7-bit safe on any relay), the subject as an RFC 2047 word when it is
/// not ASCII.
public struct SMTPMailer: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// The sender's address.
    public var from: String
    public var to: [String]
    /// How long a reply may take.
    public var timeout: Duration

    public init(host: String, port: Int, from: String, to: [String], timeout: Duration = .seconds(30)) {
        self.host = host
        self.port = port
        self.from = from
        self.to = to
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

    /// Sends one message to every recipient.
    public func send(subject: String, body: String, now: Date = Date()) async throws {
        let text = Self.message(
            from: from, to: to, subject: subject, body: body, date: now, id: UUID().uuidString.lowercased())
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let from = self.from
        let to = self.to
        let timeout = self.timeout
        // The whole conversation within the time allowed: a server that stops answering fails the message.
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    var replies = SMTPReplies(inbound.makeAsyncIterator())
                    func step(_ command: String?, _ name: String, _ expected: ClosedRange<Int>) async throws {
                        if let command { try await outbound.write(ByteBuffer(string: command + "\r\n")) }
                        let (code, text) = try await replies.next()
                        guard expected.contains(code) else {
                            throw SMTPError(description: "the mail server answered \(code) \(text) to \(name)")
                        }
                    }
                    try await step(nil, "the connection", 220...220)
                    try await step("EHLO tally-central", "EHLO", 250...250)
                    try await step("MAIL FROM:<\(from)>", "MAIL FROM", 250...250)
                    for address in to { try await step("RCPT TO:<\(address)>", "RCPT TO \(address)", 250...251) }
                    try await step("DATA", "DATA", 354...354)
                    try await outbound.write(ByteBuffer(string: text))
                    try await step(nil, "the message", 250...250)
                    try await step("QUIT", "QUIT", 221...221)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw SMTPError(description: "the mail server did not finish within \(timeout)")
            }
            try await group.next()
            group.cancelAll()
        }
    }
}

public struct SMTPError: Error, CustomStringConvertible {
    public var description: String
}

/// SMTP replies read off a connection: lines up to CRLF, a reply's lines `250-…` until `250 …`.
struct SMTPReplies {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending: [UInt8] = []

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
        }
    }

    mutating func next() async throws -> (Int, String) {
        while true {
            let line = try await line()
            guard line.utf8.count >= 3, let code = Int(line.prefix(3)) else {
                throw SMTPError(description: "the mail server sent \(line.debugDescription), not a reply")
            }
            if line.utf8.count == 3 || line.dropFirst(3).first == " " {
                return (code, String(line.dropFirst(4)))
            }
        }
    }
}
