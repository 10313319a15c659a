import Foundation

/// Things every part of central shares.
public enum Central {
    /// Milliseconds since 1970, UTC.
    @Sendable public static func now() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}
