/// One entry of GS1's Barcode Syntax Dictionary: an Application Identifier, or a range of them sharing a format.
///
/// ``all`` is generated from `Data/gs1/gs1-syntax-dictionary.txt`; see `Sources/gs1-table-generator`. A class, so
/// that reaching a definition from an element on the scan path is one reference, not a copy of all its arrays.
public final class GS1AIDefinition: Sendable {
    /// The first AI of the range, e.g. `3100`; equal to ``last`` for a single AI.
    public let first: String
    /// The last AI of the range, e.g. `3105`.
    public let last: String
    /// Whether the value has a length fixed by GS1 for the AI's two-digit prefix, so that no FNC1 separator
    /// follows it in an element string.
    public let predefinedLength: Bool
    /// Whether the AI may appear as a data attribute (a query parameter) of a GS1 Digital Link URI.
    public let digitalLinkAttribute: Bool
    /// The parts of the value, applied in order, each consuming as much as it may.
    public let components: [GS1AIComponent]
    /// Each entry must be satisfied: one of its alternatives must be present, and an alternative is a set of
    /// AIs (or patterns such as `31nn`) that must all be present.
    public let requires: [[[GS1AIPattern]]]
    /// AIs (or patterns) that must not appear in the same message.
    public let excludes: [GS1AIPattern]
    /// When the AI is a primary key of GS1 Digital Link: the allowed sequences of qualifier AIs that may follow it
    /// in the URI path, in order (each may be cut short). `[[]]` for a key without qualifiers; nil otherwise.
    public let digitalLinkQualifiers: [[String]]?
    /// GS1's short title of the AI, such as `BATCH/LOT`.
    public let title: String

    /// Every AI of the range as text, first to last, made once so that parsing never builds these strings.
    let names: [String]
    /// The key (see ``GS1Element``) of ``first``.
    let firstKey: Int32

    /// The shortest value the AI accepts.
    public let minLength: Int
    /// The longest value the AI accepts.
    public let maxLength: Int

    init(
        _ first: String, _ last: String, predefinedLength: Bool, digitalLinkAttribute: Bool,
        components: [GS1AIComponent], requires: [[[GS1AIPattern]]] = [], excludes: [GS1AIPattern] = [],
        digitalLinkQualifiers: [[String]]? = nil, title: String
    ) {
        self.first = first
        self.last = last
        self.predefinedLength = predefinedLength
        self.digitalLinkAttribute = digitalLinkAttribute
        self.components = components
        self.requires = requires
        self.excludes = excludes
        self.digitalLinkQualifiers = digitalLinkQualifiers
        self.title = title
        let length = first.utf8.count
        let low = Int(decimalValue(of: first.utf8))
        let high = Int(decimalValue(of: last.utf8))
        names = (low...high).map { value in
            let digits = String(value)
            return String(repeating: "0", count: length - digits.count) + digits
        }
        firstKey = Int32((length - 2) * 10_000 + low)
        minLength = components.reduce(0) { $0 + ($1.isOptional ? 0 : $1.minLength) }
        maxLength = components.reduce(0) { $0 + $1.maxLength }
    }

    /// The number of digits of the AIs of this entry.
    public var aiLength: Int { first.utf8.count }
}

/// One part of an AI's value, such as the three-digit currency code before an amount in AI (3932).
public struct GS1AIComponent: Sendable {
    public let characterSet: GS1CharacterSet
    public let minLength: Int
    public let maxLength: Int
    /// An optional component may be left out when the value ends before it.
    public let isOptional: Bool
    /// Further checks of the component's content, run in order after the character set check.
    public let linters: [GS1Linter]

    init(
        _ characterSet: GS1CharacterSet, _ minLength: Int, _ maxLength: Int, optional: Bool = false,
        linters: [GS1Linter] = []
    ) {
        self.characterSet = characterSet
        self.minLength = minLength
        self.maxLength = maxLength
        self.isOptional = optional
        self.linters = linters
    }
}

/// An AI, or an AI pattern in which `n` stands for any digit (`31nn` matches `3100` through `3199`).
///
/// GS1 writes wildcards only at the end, so a pattern is a range of AI keys and matching is two comparisons.
public struct GS1AIPattern: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let text: String
    /// The keys (see ``GS1Element/key``) of the AIs the pattern matches.
    let keys: ClosedRange<Int32>

    public init(stringLiteral text: String) {
        self.text = text
        let digits = Array(text.utf8)
        var low: Int32 = 0
        var high: Int32 = 0
        for digit in digits {
            let isWildcard = digit == UInt8(ascii: "n")
            low = low * 10 + (isWildcard ? 0 : Int32(digit) - 48)
            high = high * 10 + (isWildcard ? 9 : Int32(digit) - 48)
        }
        let base = Int32(max(digits.count - 2, 0)) * 10_000
        keys = (base + low)...(base + high)
    }

    /// Whether `ai` matches the pattern; patterns match AIs of their own length only.
    public func matches(_ ai: some StringProtocol) -> Bool {
        guard ai.utf8.count == text.utf8.count else { return false }
        return zip(text.utf8, ai.utf8).allSatisfy { pattern, digit in pattern == UInt8(ascii: "n") || pattern == digit }
    }

    public var description: String { text }
}
