import Foundation
import Logging
import TallyConfiguration
import TallyTestSupport
import Testing

@testable import TallyCentral

/// `database.url` chooses the engine: PostgreSQL when set (in the file or as `DATABASE_URL`), SQLite in the state
/// folder when not.
@Suite struct CentralConfigurationTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let examplePath = repository.appending(path: "Config/central.yaml").path
    static let logger = {
        var logger = Logger(label: "central-configuration-tests")
        logger.logLevel = .warning
        return logger
    }()

    /// A fresh folder, removed after `body`.
    static func withFolder<Result>(_ body: (String) async throws -> Result) async throws -> Result {
        let folder = NSTemporaryDirectory() + "tally-central-configuration-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try await body(folder)
    }

    @Test func theExampleFileUsesSQLiteInTheStateFolder() async throws {
        try await Self.withFolder { folder in
            let configuration = try await CentralConfiguration.load(
                yamlFile: Self.examplePath, environment: ["CENTRAL_STATE_DIRECTORY": folder])
            #expect(configuration.databaseURL == nil)
            let stations = try await CentralServer.withStore(configuration, logger: Self.logger) { store in
                #expect(store is SQLiteCentralStore)
                return try await store.stations()
            }
            #expect(stations.isEmpty)
            #expect(FileManager.default.fileExists(atPath: folder + "/central.sqlite"))
        }
    }

    @Test func aDatabaseURLInTheFileSelectsPostgreSQL() async throws {
        let server = try await PostgresServer.shared()
        let database = try await server.createDatabase()
        try await Self.withFolder { folder in
            let file = folder + "/central.yaml"
            try """
            central:
              stateDirectory: \(folder)
            database:
              url: "\(server.socketURL(database: database))"
            """.write(toFile: file, atomically: true, encoding: .utf8)
            let configuration = try await CentralConfiguration.load(yamlFile: file, environment: [:])
            #expect(configuration.databaseURL == (try PostgresURL(server.socketURL(database: database))))
            let station = try await CentralServer.withStore(configuration, logger: Self.logger) { store in
                #expect(store is PostgresCentralStore)
                return try await store.createStation(name: "Till", codeHash: "h", expiresAt: 2, now: 1)
            }
            let other = try await RunningPostgresStore(url: server.url(database: database))
            #expect(try await other.store.stations() == [station])
            #expect(!FileManager.default.fileExists(atPath: folder + "/central.sqlite"))
        }
    }

    @Test func theEnvironmentsDatabaseURLSelectsPostgreSQL() async throws {
        let server = try await PostgresServer.shared()
        let database = try await server.createDatabase()
        #expect(ConfigurationFile.environmentVariableName(forKey: "database.url") == "DATABASE_URL")
        let configuration = try await CentralConfiguration.load(
            yamlFile: Self.examplePath, environment: ["DATABASE_URL": server.url(database: database)])
        #expect(configuration.databaseURL?.database == database)
        let opened = try CentralServer.openStore(configuration, logger: Self.logger)
        #expect(opened.store is PostgresCentralStore && opened.services.count == 1)
        #expect(opened.location == "postgres://tally:***@127.0.0.1:\(server.port)/\(database)")
    }

    @Test func aBadDatabaseURLNamesTheKeyAndHidesThePassword() async throws {
        do {
            _ = try await CentralConfiguration.load(
                yamlFile: Self.examplePath, environment: ["DATABASE_URL": "postgres://tally:secret@db.example:70000/x"])
            Issue.record("a port of 70000 was accepted")
        } catch {
            #expect(
                error.description
                    == "database.url \"postgres://tally:***@db.example:70000/x\" has the port \"70000\"; "
                    + "a port is a whole number from 1 to 65535")
        }
    }

    @Test func theMailRelayForAlertsIsCheckedKeyByKey() async throws {
        let name = ConfigurationFile.environmentVariableName(forKey:)
        let good = [
            name("alerts.smtp"): "smtp://mail.shop.example:2525", name("alerts.mailFrom"): "tally@shop.example",
            name("alerts.mailTo"): "manager@shop.example, owner@shop.example",
        ]
        let configuration = try await CentralConfiguration.load(yamlFile: Self.examplePath, environment: good)
        #expect(
            configuration.alertsMailer
                == SMTPMailer(
                    host: "mail.shop.example", port: 2525, from: "tally@shop.example",
                    to: ["manager@shop.example", "owner@shop.example"]))
        let cases: [(String, String, String)] = [
            ("alerts.smtp", "https://mail.shop.example", "alerts.smtp"),
            ("alerts.smtp", "smtp://user:secret@mail.shop.example", "alerts.smtp"),
            ("alerts.mailFrom", "tally", "alerts.mailFrom"),
            ("alerts.mailTo", "manager@shop.example, <owner@shop.example>", "alerts.mailTo"),
            ("alerts.mailTo", "", "alerts.mailTo"),
        ]
        for (key, value, named) in cases {
            var environment = good
            environment[name(key)] = value
            do {
                _ = try await CentralConfiguration.load(yamlFile: Self.examplePath, environment: environment)
                Issue.record("\(key) \(value) was accepted")
            } catch {
                #expect(error.description.hasPrefix(named), "\(error.description)")
            }
        }
    }

    @Test func signingInToTheMailServerNeedsTLSAndAPasswordFile() async throws {
        let name = ConfigurationFile.environmentVariableName(forKey:)
        let folder = NSTemporaryDirectory() + "tally-smtp-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "relay passphrase\n".write(toFile: folder + "/password", atomically: true, encoding: .utf8)
        try "\n".write(toFile: folder + "/empty", atomically: true, encoding: .utf8)
        try "not a certificate".write(toFile: folder + "/ca.pem", atomically: true, encoding: .utf8)
        let good = [
            name("alerts.smtp"): "smtp+starttls://mail.shop.example", name("alerts.mailFrom"): "tally@shop.example",
            name("alerts.mailTo"): "manager@shop.example", name("alerts.smtpUser"): "tally@shop.example",
            name("alerts.smtpPasswordFile"): folder + "/password",
        ]
        let configuration = try await CentralConfiguration.load(yamlFile: Self.examplePath, environment: good)
        let mailer = try #require(configuration.alertsMailer)
        #expect(mailer.port == 587 && mailer.security == .startTLS)
        #expect(mailer.credentials == SMTPMailer.Credentials(user: "tally@shop.example", password: "relay passphrase"))
        #expect(!"\(configuration)".contains("relay passphrase"), "the password is never printed")
        var implicit = good
        implicit[name("alerts.smtp")] = "smtps://mail.shop.example"
        let smtps = try await CentralConfiguration.load(yamlFile: Self.examplePath, environment: implicit)
        #expect(smtps.alertsMailer?.port == 465 && smtps.alertsMailer?.security == .implicitTLS)

        let cases: [([String: String?], String)] = [
            ([name("alerts.smtp"): "smtp://mail.shop.example"], "alerts.smtp"),
            ([name("alerts.smtpPasswordFile"): nil], "alerts.smtpPasswordFile"),
            ([name("alerts.smtpUser"): nil], "alerts.smtpUser"),
            ([name("alerts.smtpPasswordFile"): folder + "/missing"], "alerts.smtpPasswordFile"),
            ([name("alerts.smtpPasswordFile"): folder + "/empty"], "alerts.smtpPasswordFile"),
            ([name("alerts.smtpPasswordFile"): "password"], "alerts.smtpPasswordFile"),
            ([name("alerts.smtpCA"): folder + "/ca.pem"], "alerts.smtpCA"),
            ([name("alerts.smtp"): "smtp+tls://mail.shop.example"], "alerts.smtp"),
        ]
        for (changes, named) in cases {
            var environment = good
            for (key, value) in changes { environment[key] = value }
            do {
                _ = try await CentralConfiguration.load(yamlFile: Self.examplePath, environment: environment)
                Issue.record("\(changes) was accepted")
            } catch {
                #expect(error.description.hasPrefix(named), "\(error.description)")
                #expect(!error.description.contains("relay passphrase"))
            }
        }
    }

    @Test func aMailsSubjectIsEncodedWhenNotASCIIAndItsBodyIsBase64() {
        let text = SMTPMailer.message(
            from: "tally@shop.example", to: ["a@shop.example"], subject: "Tally: Crème fraîche",
            body: ".a line with a dot\nCrème", date: Date(timeIntervalSince1970: 0), id: "x")
        #expect(
            text.contains("Subject: =?UTF-8?B?" + Data("Tally: Crème fraîche".utf8).base64EncodedString() + "?=\r\n"))
        #expect(text.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        #expect(text.hasSuffix("\r\n.\r\n") && !text.dropLast(5).contains("\r\n.\r\n"))
        let body = text.components(separatedBy: "\r\n\r\n")[1].replacingOccurrences(of: "\r\n.\r\n", with: "")
        #expect(Data(base64Encoded: body, options: .ignoreUnknownCharacters) == Data(".a line with a dot\nCrème".utf8))
    }
}
