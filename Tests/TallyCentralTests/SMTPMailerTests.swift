import Foundation
import TallyTestSupport
import Testing

@testable import TallyCentral

/// Mail to servers that want TLS and a sign-in, as a provider's submission port does: aiosmtpd on loopback with a
/// certificate of the test's own, made with openssl.
@Suite("Alert mail over TLS, signed in")
struct SMTPMailerTests {
    static let login = (user: "tally", password: "relay passphrase")

    /// A folder with a certificate for localhost and 127.0.0.1, removed after `body`.
    static func withCertificate(_ body: (String, String) async throws -> Void) async throws {
        let folder = NSTemporaryDirectory() + "tally-smtp-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = try await selfSignedCertificate(in: folder, name: "mail", subject: "mail relay test")
        try await body(files.certificate, files.key)
    }

    static func mailer(
        _ relay: MailRelay, _ security: SMTPMailer.Security, host: String = "localhost", ca: String?,
        password: String = login.password
    ) -> SMTPMailer {
        SMTPMailer(
            host: host, port: relay.port, from: "tally@shop.example", to: ["manager@shop.example"],
            security: security, credentials: .init(user: login.user, password: password), trustedCAFile: ca,
            timeout: .seconds(20))
    }

    @Test func mailGoesThroughSTARTTLSSignedIn() async throws {
        try await Self.withCertificate { certificate, key in
            let relay = try await MailRelay(
                security: .startTLS, certificate: certificate, key: key, login: Self.login)
            // By name and by address: the certificate names both.
            try await Self.mailer(relay, .startTLS, ca: certificate).send(subject: "Tally: one", body: "first")
            try await Self.mailer(relay, .startTLS, host: "127.0.0.1", ca: certificate).send(
                subject: "Tally: two", body: "second")
            let mails = try relay.messages()
            #expect(mails.count == 2)
            #expect(mails.first?.contains("Subject: Tally: one") == true)
            #expect(mails.first?.contains("X-RcptTo: manager@shop.example") == true)

            // A wrong password: refused by the server, nothing is taken.
            await #expect {
                try await Self.mailer(relay, .startTLS, ca: certificate, password: "wrong").send(
                    subject: "Tally: three", body: "third")
            } throws: { error in
                "\(error)".contains("535") && "\(error)".contains("AUTH PLAIN")
            }
            // A certificate the system does not trust, with no CA file given: the TLS handshake fails before the
            // password is sent.
            await #expect(throws: (any Error).self) {
                try await Self.mailer(relay, .startTLS, ca: nil).send(subject: "Tally: four", body: "fourth")
            }
            #expect(try relay.messages().count == 2)
        }
    }

    @Test func mailGoesOverTLSFromTheStartAndByLogin() async throws {
        try await Self.withCertificate { certificate, key in
            let relay = try await MailRelay(
                security: .implicitTLS, certificate: certificate, key: key, login: Self.login, mechanisms: ["LOGIN"])
            try await Self.mailer(relay, .implicitTLS, ca: certificate).send(subject: "Tally: smtps", body: "body")
            #expect(try relay.messages().map { $0.contains("Subject: Tally: smtps") } == [true])
        }
    }

    @Test func aServerWithoutSTARTTLSGetsNothing() async throws {
        try await Self.withCertificate { certificate, _ in
            let relay = try await MailRelay()
            await #expect {
                try await Self.mailer(relay, .startTLS, ca: certificate).send(subject: "Tally: x", body: "x")
            } throws: { error in
                "\(error)" == "the mail server does not offer STARTTLS; nothing was sent"
            }
            // Nor does a server that wants a sign-in get mail without one.
            let guarded = try await MailRelay(login: Self.login)
            await #expect {
                try await SMTPMailer(
                    host: "127.0.0.1", port: guarded.port, from: "tally@shop.example", to: ["manager@shop.example"]
                ).send(subject: "Tally: y", body: "y")
            } throws: { error in
                "\(error)".contains("530") && "\(error)".contains("MAIL FROM")
            }
            #expect(try relay.messages().isEmpty && guarded.messages().isEmpty)
        }
    }

    /// Someone on the way appends a reply to the server's 220 for STARTTLS, to be read as if it came over TLS
    /// (RFC 3207, section 6): the mailer stops there.
    @Test func repliesSlippedInBeforeTLSAreRefused() async throws {
        let port = try PostgresServer.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        server.arguments = [
            "-c",
            """
            import socket
            listener = socket.create_server(("127.0.0.1", \(port)))
            while True:
                connection, _ = listener.accept()
                try:
                    reader = connection.makefile("rb")
                    connection.sendall(b"220 mail.example ESMTP\\r\\n")
                    reader.readline()
                    connection.sendall(b"250-mail.example\\r\\n250 STARTTLS\\r\\n")
                    reader.readline()
                    connection.sendall(b"220 go ahead\\r\\n250-mail.example\\r\\n250 AUTH PLAIN\\r\\n")
                    reader.read()
                except OSError:
                    pass
                connection.close()
            """,
        ]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.stop() }
        for _ in 0..<200 where !MailRelay.answers(port: port) { try await Task.sleep(for: .milliseconds(25)) }
        await #expect {
            try await SMTPMailer(
                host: "127.0.0.1", port: port, from: "tally@shop.example", to: ["manager@shop.example"],
                security: .startTLS, credentials: .init(user: "tally", password: "secret"), timeout: .seconds(20)
            ).send(subject: "x", body: "x")
        } throws: { error in
            "\(error)" == "the mail server sent more after agreeing to STARTTLS; nothing was sent"
        }
    }
}
