import Crypto
import Foundation
import TallyCore

/// Salted SHA-256 of an operator's PIN, stored as `sha256:<salt hex>:<digest hex>`.
///
/// A PIN is a few digits, so no hash stops an attacker who holds the database; what this protects against is
/// reading PINs off a configuration file or a backup at a glance. Operators sign in to central with passwords.
public enum OperatorPIN {
    /// The stored form of `pin` with a fresh random salt.
    public static func hash(_ pin: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "sha256:\(Hex.lowercase(salt)):\(Hex.lowercase(digest(salt: salt, pin: pin)))"
    }

    /// Whether `pin` matches `stored`; false for a stored value of any other form.
    public static func verify(_ pin: String, against stored: String) -> Bool {
        let parts = stored.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "sha256", let salt = bytes(fromHex: parts[1]),
            let expected = bytes(fromHex: parts[2])
        else { return false }
        let actual = digest(salt: salt, pin: pin)
        // Compare every byte, so the time taken does not tell how much matched.
        guard actual.count == expected.count else { return false }
        return zip(actual, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func digest(salt: [UInt8], pin: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(salt + Array(pin.utf8))))
    }

    static func bytes(fromHex text: some StringProtocol) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        var index = 0
        while index < digits.count {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
