/// One Application Identifier with its value, such as `(17)261231`, checked against GS1's dictionary.
public struct GS1Element: Hashable, Sendable, CustomStringConvertible {
    /// The AI's digits, such as `17` or `3103`.
    public let ai: String
    /// The value exactly as encoded, such as `261231` or `001750`.
    public let value: String
    @usableFromInline let definitionIndex: Int16
    /// The AI as one number, `(length − 2) × 10 000 + its digits`, which pairing rules compare as ranges.
    let key: Int32

    /// Checks `value` against the format and content rules of `ai` (length, character set, check digits, dates,
    /// code lists). Whether the AIs of a message fit together is checked by ``GS1Message``.
    public init(ai: String, value: String) throws(GS1Error) {
        guard let index = GS1AIIndex.definition(forAI: ai) else { throw GS1Error(.unknownAI(ai)) }
        let bytes = Array(value.utf8)
        try GS1Element.validate(bytes, 0..<bytes.count, definition: GS1AIDefinition.all[index], ai: ai)
        self.init(ai: ai, value: value, definitionIndex: index)
    }

    init(ai: String, value: String, definitionIndex: Int) {
        var digits: Int32 = 0
        for byte in ai.utf8 { digits = digits * 10 + Int32(byte) - 48 }
        self.init(value: value, definitionIndex: definitionIndex, key: Int32(ai.utf8.count - 2) * 10_000 + digits)
    }

    /// An element whose AI is known by its key, as the element-string parser finds it.
    init(value: String, definitionIndex: Int, key: Int32) {
        let definition = GS1AIDefinition.all[definitionIndex]
        self.ai = definition.names[Int(key - definition.firstKey)]
        self.value = value
        self.definitionIndex = Int16(definitionIndex)
        self.key = key
    }

    /// The dictionary entry of the AI.
    public var definition: GS1AIDefinition { GS1AIDefinition.all[Int(definitionIndex)] }

    /// The element in human-readable form, `(AI)value`, with `(` in the value escaped as `\(`.
    public var description: String { "(\(ai))" + GS1Element.escapedForText(value) }

    static func escapedForText(_ value: String) -> String {
        value.utf8.contains(UInt8(ascii: "(")) ? value.replacing("(", with: "\\(") : value
    }

    /// Checks `bytes[range]` against every component of `definition`, as GS1's syntax engine does: each component
    /// takes as many characters as it may, an optional one may be absent at the end, and nothing may be left over.
    static func validate(
        _ bytes: [UInt8], _ range: Range<Int>, definition: GS1AIDefinition, ai: @autoclosure () -> String
    ) throws(GS1Error) {
        guard !range.isEmpty else { throw GS1Error(.emptyValue, ai: ai()) }
        guard range.count >= definition.minLength else {
            throw GS1Error(.valueTooShort(length: range.count, minimum: definition.minLength), ai: ai())
        }
        guard range.count <= definition.maxLength else {
            throw GS1Error(.valueTooLong(length: range.count, maximum: definition.maxLength), ai: ai())
        }
        var position = range.lowerBound
        for component in definition.components {
            let length = min(range.upperBound - position, component.maxLength)
            if component.isOptional && length == 0 { continue }
            guard length >= component.minLength else {
                throw GS1Error(.valueTooShort(length: range.count, minimum: definition.minLength), ai: ai())
            }
            let slice = bytes[position..<position + length]
            if var failure = component.characterSet.lint(slice) {
                failure.offset += position - range.lowerBound
                throw GS1Error(.content(failure), ai: ai())
            }
            for linter in component.linters {
                if var failure = linter.lint(slice) {
                    failure.offset += position - range.lowerBound
                    throw GS1Error(.content(failure), ai: ai())
                }
            }
            position += length
        }
    }
}
