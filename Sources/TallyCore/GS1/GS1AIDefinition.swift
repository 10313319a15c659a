/// One entry of GS1's Barcode Syntax Dictionary: an Application Identifier, or a range of them sharing a format.
///
/// ``all`` is generated from `Data/gs1/gs1-syntax-dictionary.txt`; see `Sources/gs1-table-generator`.
public struct GS1AIDefinition: Sendable {
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
public struct GS1AIPattern: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let text: String

    public init(stringLiteral text: String) { self.text = text }

    /// Whether `ai` matches the pattern; patterns match AIs of their own length only.
    public func matches(_ ai: some StringProtocol) -> Bool {
        guard ai.utf8.count == text.utf8.count else { return false }
        return zip(text.utf8, ai.utf8).allSatisfy { pattern, digit in pattern == UInt8(ascii: "n") || pattern == digit }
    }

    public var description: String { text }
}
