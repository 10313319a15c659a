import Foundation
import TallyCore
import TallyStation
import TallyTestSupport
import Testing

/// tally-central serving HTTPS itself (tls.certificate, tls.privateKey), and stations that trust its certificate
/// authority through sync.trustedCertificates, or do not.
@Suite("tally-central over TLS")
struct CentralTLSTests {
    @Test func aStationTrustingCentralsCertificateEnrolsOverHTTPSAndOneThatDoesNotIsRefused() async throws {
        let folder = NSTemporaryDirectory() + "tally-tls-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = try await selfSignedCertificate(in: folder, name: "central", subject: "tally-central test")
        let central = try await CentralProcess(
            extraYAML: "tls:\n  certificate: \(files.certificate)\n  privateKey: \(files.key)\n")
        defer { central.remove() }
        central.scheme = "https"
        let catalog = central.directory + "/catalog.jsonl"
        try Data(try DemoCatalog.jsonLines(DemoCatalog.records(count: 50, currency: Currency(code: "EUR")!)))
            .write(to: URL(fileURLWithPath: catalog))
        #expect(try await central.command(["catalog", "import", catalog]).status == 0)
        let code = try await central.addStation("Secure till")
        try await central.start()
        #expect(central.log().contains("api=https://127.0.0.1:"), "\(central.log())")

        let untrusting = try DaemonProcess(products: 0)
        defer { untrusting.remove() }
        try await untrusting.start()
        let refused = try await tallyctl(["enroll", "--url", untrusting.baseURL, central.baseURL, code])
        #expect(refused.status != 0)
        #expect(refused.errors.contains("central cannot be reached"), "\(refused.errors)")

        let trusting = try DaemonProcess(extraYAML: "sync:\n  trustedCertificates: \(files.certificate)\n", products: 0)
        defer { trusting.remove() }
        try await trusting.start()
        let enrolled = try await tallyctl(["enroll", "--url", trusting.baseURL, central.baseURL, code])
        #expect(enrolled.status == 0, "\(enrolled.errors)")
        #expect(enrolled.output.contains("Catalog loaded (52 changes)"), "\(enrolled.output)")
    }

    @Test func aCertificateWithoutItsKeyIsAConfigurationError() async throws {
        let central = try await CentralProcess(extraYAML: "tls:\n  certificate: /etc/tally/central.pem\n")
        defer { central.remove() }
        let result = try await central.command(["serve"])
        #expect(result.status == 78)
        #expect(result.errors.contains("tls.privateKey"), "\(result.errors)")
    }
}
