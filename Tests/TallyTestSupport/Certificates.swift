import Foundation

/// A self-signed certificate for 127.0.0.1 and localhost, and its key (PEM files `<name>.pem` and `<name>.key` in
/// `folder`), made with openssl: the certificate is its own authority, which a client trusts by that file.
public func selfSignedCertificate(
    in folder: String, name: String, subject: String
) async throws -> (certificate: String, key: String) {
    let certificate = folder + "/\(name).pem"
    let key = folder + "/\(name).key"
    let made = try await runProgram(
        "/usr/bin/openssl",
        [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", "/CN=\(subject)", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key,
            "-out", certificate,
        ])
    guard made.status == 0 else { throw ProgramMissing(description: "openssl failed: \(made.errors)") }
    return (certificate, key)
}
