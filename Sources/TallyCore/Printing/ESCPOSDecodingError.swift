/// Why ``ESCPOSDecoder`` could not read a byte stream: where, and what it expected there.
public struct ESCPOSDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// The bytes end inside a command.
        case truncated
        /// A byte or command the decoder does not know.
        case unknownCommand
        /// A known command with a parameter it does not accept.
        case invalidParameter
    }

    /// The position of the byte that is wrong, or the length of the input when bytes are missing.
    public let offset: Int
    public let reason: Reason
    /// What would have been valid at ``offset``, in words.
    public let expected: String

    public init(offset: Int, reason: Reason, expected: String) {
        self.offset = offset
        self.reason = reason
        self.expected = expected
    }

    public var description: String {
        let problem =
            switch reason {
            case .truncated: "the bytes end inside a command"
            case .unknownCommand: "unknown command"
            case .invalidParameter: "invalid parameter"
            }
        return "ESC/POS at byte \(offset): \(problem); expected \(expected)"
    }
}
