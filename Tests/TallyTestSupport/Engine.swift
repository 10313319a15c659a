import Testing

/// The storage engines central runs on; every store test, and the process tests that matter most, run on each.
public enum Engine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    public var testDescription: String { rawValue }
}
