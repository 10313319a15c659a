import TallyConfiguration

/// How the station syncs with central. Where central is, and the station's token, come from enrolment
/// (`tallyctl enroll`) and are kept in the database, not here.
public struct SyncConfiguration: Hashable, Sendable {
    /// Seconds between rounds while all is well; a sale is pushed within this time.
    public var interval: Int
    /// The longest wait, in seconds, between attempts while central cannot be reached.
    public var maximumBackoff: Int
    /// Changes per page of a pull.
    public var pageSize: Int
    /// A PEM file of the certificate authorities that central's certificate is checked against, for a central
    /// with a certificate of its own; the system's trust store otherwise.
    public var trustedCertificates: String?

    public init(interval: Int = 5, maximumBackoff: Int = 300, pageSize: Int = 5000, trustedCertificates: String? = nil)
    {
        self.interval = interval
        self.maximumBackoff = maximumBackoff
        self.pageSize = pageSize
        self.trustedCertificates = trustedCertificates
    }

    init(_ values: ConfigurationValues) throws(ConfigurationError) {
        self.init(
            interval: try values.wholeNumber("sync.interval", range: 1...3600, unit: "seconds") ?? 5,
            maximumBackoff: try values.wholeNumber("sync.maximumBackoff", range: 1...86_400, unit: "seconds") ?? 300,
            pageSize: try values.wholeNumber("sync.pageSize", range: 100...20_000, unit: "changes") ?? 5000,
            trustedCertificates: try values.optionalAbsolutePath(
                "sync.trustedCertificates", example: "/etc/tally/central-ca.pem"))
    }
}
