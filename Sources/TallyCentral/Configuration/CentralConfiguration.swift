import Configuration
import Foundation
import Logging
import NIOSSL
import TallyConfiguration
import TallyCore

/// What `tally-central` runs with, read from `Config/central.yaml` with environment overrides
/// (`CENTRAL_STATE_DIRECTORY=/srv/tally` replaces `central.stateDirectory`, `DATABASE_URL` replaces `database.url`);
/// Config/README.md lists the keys.
public struct CentralConfiguration: Sendable, Hashable {
    /// The folder of central's SQLite database (`central.sqlite`) and of the `api-port` file.
    public var stateDirectory: String
    /// The PostgreSQL database central keeps its data in (`database.url`, or `DATABASE_URL`); nil keeps it in SQLite
    /// in the state folder. Its description hides the password.
    public var databaseURL: PostgresURL?
    public var apiHost: String
    public var apiPort: Int
    public var logLevel: Logger.Level
    /// How long an enrolment code stays good, in hours.
    public var enrolmentHours: Int
    /// PEM files of the certificate chain and private key, for HTTPS without a reverse proxy; nil serves HTTP.
    public var tls: TLSFiles?
    /// bcrypt's cost for back-office passwords (`auth.bcryptCost`, 4 to 15): each step doubles the work of a
    /// sign-in and of a guess.
    public var bcryptCost: UInt8 = 12
    /// The currency of the back office's prices and amounts (`shop.currency`).
    public var currency: Currency = .euro
    /// Whether the back office's selling prices include tax (`shop.priceMode`), as the stations' `sale.priceMode`.
    public var priceMode: PriceMode = .taxInclusive
    /// Where new alerts are posted (`alerts.webhook`); none when nil.
    public var alertsWebhook: String?
    /// The mail server new alerts are mailed through (`alerts.smtp`, `alerts.mailFrom`, `alerts.mailTo`, and to sign
    /// in and trust it `alerts.smtpUser`, `alerts.smtpPasswordFile`, `alerts.smtpCA`); none when nil.
    public var alertsMailer: SMTPMailer?
    /// How often alerts are looked for, in seconds (`alerts.intervalSeconds`).
    public var alertsInterval = 300
    /// The difference between counted and expected that makes a count an alert (`alerts.countVariance`).
    public var countVariance: Int64 = 10

    public init(
        stateDirectory: String, databaseURL: PostgresURL? = nil, apiHost: String = "127.0.0.1", apiPort: Int = 8480,
        logLevel: Logger.Level = .info, enrolmentHours: Int = 24
    ) {
        self.stateDirectory = stateDirectory
        self.databaseURL = databaseURL
        self.apiHost = apiHost
        self.apiPort = apiPort
        self.logLevel = logLevel
        self.enrolmentHours = enrolmentHours
    }

    /// The SQLite database's path, used when ``databaseURL`` is nil.
    public var databasePath: String { (stateDirectory as NSString).appendingPathComponent("central.sqlite") }

    /// Reads every key from `reader` and checks it; the first problem stops the reading with an error naming
    /// its key.
    public init(reader: ConfigReader) throws(ConfigurationError) {
        let values = ConfigurationValues(reader)
        stateDirectory = try values.absolutePath(
            "central.stateDirectory", needs: "the folder for central's database, such as /var/lib/tally-central",
            example: "/var/lib/tally-central")
        if let text = try values.optional("database.url") {
            do {
                databaseURL = try PostgresURL(text)
            } catch {
                throw .invalidValue(key: "database.url", value: error.url, rule: error.reason)
            }
        } else {
            databaseURL = nil
        }
        (apiHost, apiPort) = try values.listenAddress("api", defaultPort: 8480)
        logLevel = try values.logLevel()
        enrolmentHours = try values.wholeNumber("enrolment.validHours", range: 1...24 * 30, unit: "hours") ?? 24
        bcryptCost = UInt8(try values.wholeNumber("auth.bcryptCost", range: 4...15) ?? 12)
        if let webhook = try values.optional("alerts.webhook") {
            guard let url = URL(string: webhook), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                url.host?.isEmpty == false
            else {
                throw .invalidValue(
                    key: "alerts.webhook", value: webhook,
                    rule: "must be an http:// or https:// address, such as https://hooks.example.com/tally")
            }
            alertsWebhook = webhook
        }
        alertsMailer = try Self.mailer(values)
        alertsInterval = try values.wholeNumber("alerts.intervalSeconds", range: 10...86_400, unit: "seconds") ?? 300
        countVariance = Int64(try values.wholeNumber("alerts.countVariance", range: 1...1_000_000_000) ?? 10)
        if let code = try values.optional("shop.currency") {
            guard let currency = Currency(code: code), currency.hasMinorUnit else {
                throw .invalidValue(
                    key: "shop.currency", value: code,
                    rule: "must be an ISO 4217 currency code with a minor unit, such as EUR, in capital letters")
            }
            self.currency = currency
        }
        switch try values.optional("shop.priceMode") ?? "taxInclusive" {
        case "taxInclusive": priceMode = .taxInclusive
        case "taxExclusive": priceMode = .taxExclusive
        case let other:
            throw .invalidValue(
                key: "shop.priceMode", value: other,
                rule: "must be taxInclusive (prices include tax) or taxExclusive (tax is added)")
        }
        let certificate = try values.optionalAbsolutePath("tls.certificate", example: "/etc/tally/central.pem")
        let privateKey = try values.optionalAbsolutePath("tls.privateKey", example: "/etc/tally/central.key")
        switch (certificate, privateKey) {
        case (let certificate?, let privateKey?): tls = TLSFiles(certificate: certificate, privateKey: privateKey)
        case (nil, nil): tls = nil
        case (nil, _):
            throw .missingValue(
                key: "tls.certificate", needs: "the PEM file of the certificate chain, with tls.privateKey")
        case (_, nil):
            throw .missingValue(key: "tls.privateKey", needs: "the PEM file of the private key, with tls.certificate")
        }
    }

    /// The mail server of `alerts.smtp` and what goes with it; nil when `alerts.smtp` is not set.
    static func mailer(_ values: ConfigurationValues) throws(ConfigurationError) -> SMTPMailer? {
        guard let relay = try values.optional("alerts.smtp") else { return nil }
        let schemes: [String: (SMTPMailer.Security, Int)] = [
            "smtp": (.none, 25), "smtp+starttls": (.startTLS, 587), "smtps": (.implicitTLS, 465),
        ]
        guard let url = URL(string: relay), let (security, defaultPort) = schemes[url.scheme?.lowercased() ?? ""],
            let host = url.host, !host.isEmpty, url.path.isEmpty || url.path == "/", url.user == nil,
            url.query == nil, (1...65_535).contains(url.port ?? defaultPort)
        else {
            throw .invalidValue(
                key: "alerts.smtp", value: relay,
                rule: "must be the mail server as smtp://host[:port] (port 25, no TLS), smtp+starttls://host[:port] "
                    + "(587, STARTTLS) or smtps://host[:port] (465, TLS), such as smtp+starttls://mail.example.com")
        }
        guard let from = try values.optional("alerts.mailFrom"), SMTPMailer.isAddress(from) else {
            throw .invalidValue(
                key: "alerts.mailFrom", value: try values.optional("alerts.mailFrom") ?? "",
                rule: "with alerts.smtp set, must be the sender's address, such as tally@shop.example")
        }
        let to = (try values.optional("alerts.mailTo") ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard !to.isEmpty, to.count <= 20, to.allSatisfy(SMTPMailer.isAddress) else {
            throw .invalidValue(
                key: "alerts.mailTo", value: try values.optional("alerts.mailTo") ?? "",
                rule: "with alerts.smtp set, must be 1 to 20 addresses separated by commas, such as "
                    + "manager@shop.example, owner@shop.example")
        }
        var credentials: SMTPMailer.Credentials?
        let user = try values.optional("alerts.smtpUser")
        let passwordFile = try values.optionalAbsolutePath(
            "alerts.smtpPasswordFile", example: "/etc/tally/smtp-password")
        switch (user, passwordFile) {
        case (nil, nil): break
        case (let user?, let file?):
            guard security != .none else {
                throw .invalidValue(
                    key: "alerts.smtp", value: relay,
                    rule: "with alerts.smtpUser set, must be smtp+starttls:// or smtps://, so that the password never "
                        + "crosses the network in clear")
            }
            guard !user.contains(where: { $0.isNewline || $0 == "\0" }), user.utf8.count <= 256 else {
                throw .invalidValue(key: "alerts.smtpUser", value: user, rule: "must be a user name on one line")
            }
            guard let data = FileManager.default.contents(atPath: file),
                let text = String(data: data, encoding: .utf8)
            else {
                throw .invalidValue(
                    key: "alerts.smtpPasswordFile", value: file,
                    rule: "must be a file central can read, holding the mail server's password in UTF-8")
            }
            let password = text.trimmingCharacters(in: .newlines)
            guard !password.isEmpty, !password.contains(where: { $0.isNewline || $0 == "\0" }) else {
                throw .invalidValue(
                    key: "alerts.smtpPasswordFile", value: file,
                    rule: "must hold the password on its one line, and nothing else")
            }
            credentials = SMTPMailer.Credentials(user: user, password: password)
        case (nil, _):
            throw .missingValue(key: "alerts.smtpUser", needs: "the user name to sign in to the mail server with")
        case (_, nil):
            throw .missingValue(
                key: "alerts.smtpPasswordFile",
                needs: "the file holding the mail server's password, with alerts.smtpUser")
        }
        let authority = try values.optionalAbsolutePath("alerts.smtpCA", example: "/etc/tally/mail-ca.pem")
        if let authority {
            guard security != .none else {
                throw .invalidValue(
                    key: "alerts.smtpCA", value: authority,
                    rule: "is for a mail server reached over TLS: alerts.smtp must be smtp+starttls:// or smtps://")
            }
            do {
                guard !(try NIOSSLCertificate.fromPEMFile(authority)).isEmpty else {
                    throw NIOSSLError.failedToLoadCertificate
                }
            } catch {
                throw .invalidValue(
                    key: "alerts.smtpCA", value: authority,
                    rule: "must be a PEM file of the CA certificates to trust for the mail server")
            }
        }
        return SMTPMailer(
            host: host, port: url.port ?? defaultPort, from: from, to: to, security: security,
            credentials: credentials, trustedCAFile: authority)
    }

    /// Reads the YAML file at `path` with environment overrides.
    public static func load(
        yamlFile path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws(ConfigurationError) -> CentralConfiguration {
        try CentralConfiguration(
            reader: try await ConfigurationFile.reader(
                yamlFile: path, environment: environment, example: "central:, api: and log:"))
    }
}

/// The PEM files central serves HTTPS with.
public struct TLSFiles: Sendable, Hashable {
    public var certificate: String
    public var privateKey: String

    public init(certificate: String, privateKey: String) {
        self.certificate = certificate
        self.privateKey = privateKey
    }
}
