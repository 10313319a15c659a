import Crypto
import Foundation
import TallyCore

/// Enrolment codes, station tokens and manager tokens: made from the system's random source, stored only as SHA-256
/// hashes.
///
/// A token is 256 random bits, so a fast hash is enough to store it (a slow password hash guards against guessing
/// low-entropy secrets, which these are not). An enrolment code is typed by a person, so it is shorter — 60 bits
/// in Crockford's base 32, no I, L, O or U to misread — and is only good once and for a limited time.
public enum Secrets {
    static let crockford = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// A code such as `K7QM-2XHD-94TA`.
    public static func enrolmentCode() -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<12).map { _ in crockford[Int(generator.next(upperBound: UInt8(32)))] }
        return stride(from: 0, to: 12, by: 4).map { String(characters[$0..<($0 + 4)]) }.joined(separator: "-")
    }

    /// A code as typed, made canonical: case, spaces and hyphens do not matter, and the letters people confuse
    /// with digits (O, I, L) read as the digits.
    public static func canonicalCode(_ typed: String) -> String {
        var result = ""
        for character in typed.uppercased() {
            switch character {
            case " ", "-", "\t": continue
            case "O": result.append("0")
            case "I", "L": result.append("1")
            default: result.append(character)
            }
        }
        return result
    }

    public static func hashCode(_ typed: String) -> String { sha256("code:" + canonicalCode(typed)) }

    /// A station's token such as `tly_` followed by 43 base64url characters.
    public static func token() -> String { "tly_" + randomText() }

    /// A manager's token for the management API: `tlm_` followed by 43 base64url characters. Stored hashed like a
    /// station's, in a table of its own, so neither kind opens the other's API.
    public static func managerToken() -> String { "tlm_" + randomText() }

    /// 256 random bits in base64url without padding.
    static func randomText() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public static func hashToken(_ token: String) -> String { sha256("token:" + token) }

    static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    /// SHA-256 of some bytes in lower-case hex, such as a file's to name it in the audit trail.
    public static func sha256(_ data: Data) -> String { Hex.lowercase(SHA256.hash(data: data)) }
}

/// JSON as central writes and reads it.
enum CentralJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
