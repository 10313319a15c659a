/// Why GS1 data from a barcode, a human-readable text or a Digital Link URI was refused.
public struct GS1Error: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// There was no data where AIs were expected.
        case noData
        /// No AI of GS1's dictionary starts here; the text is what follows, shortened.
        case unknownAI(String)
        /// The AI is followed by nothing.
        case emptyValue
        case valueTooShort(length: Int, minimum: Int)
        /// A value longer than its AI allows; with variable-length AIs this is usually a missing FNC1 separator.
        case valueTooLong(length: Int, maximum: Int)
        /// A component of the value breaks its character set or a content rule (check digit, date, code list).
        case content(GS1LintFailure)
        /// The same AI appears twice with different values.
        case conflictingRepeat
        /// None of the AIs this one requires is in the message, e.g. a lot (10) without a GTIN (01).
        case missingRequiredAI([[GS1AIPattern]])
        /// The AI may not appear together with this other AI.
        case forbiddenPairing(String)
        /// The human-readable text `(01)…(10)…` is malformed.
        case malformedText(String)
        /// The GS1 Digital Link URI is malformed.
        case malformedDigitalLink(String)
        /// More AIs than any real barcode holds; refused so that a flood of bytes cannot exhaust memory.
        case tooManyElements
    }

    public let reason: Reason
    /// The AI the problem is in, when it is in one.
    public let ai: String?

    public init(_ reason: Reason, ai: String? = nil) {
        self.reason = reason
        self.ai = ai
    }

    public var description: String {
        let subject = ai.map { "AI (\($0))" } ?? "GS1 data"
        switch reason {
        case .noData:
            return "the code holds no GS1 data"
        case .unknownAI(let text):
            return "no GS1 Application Identifier starts at \"\(text)\""
        case .emptyValue:
            return "\(subject) has no value"
        case .valueTooShort(let length, let minimum):
            return "\(subject) is too short: \(length) characters, needs at least \(minimum)"
        case .valueTooLong(let length, let maximum):
            return "\(subject) is too long: \(length) characters, at most \(maximum) (is an FNC1 separator missing?)"
        case .content(let failure):
            return "\(subject): \(failure.message)"
        case .conflictingRepeat:
            return "\(subject) appears twice with different values"
        case .missingRequiredAI(let alternatives):
            let names = alternatives.map { $0.map { "(\($0))" }.joined(separator: " with ") }
            let list = names.count == 1 ? names[0] : "one of " + names.joined(separator: ", ")
            return "\(subject) must come with \(list) in the same code"
        case .forbiddenPairing(let other):
            return "\(subject) may not appear together with AI (\(other))"
        case .malformedText(let detail):
            return "the text is not GS1 element strings in the form (01)…(10)…: \(detail)"
        case .malformedDigitalLink(let detail):
            return "not a GS1 Digital Link URI: \(detail)"
        case .tooManyElements:
            return "the code holds more AIs than any GS1 barcode can"
        }
    }
}
