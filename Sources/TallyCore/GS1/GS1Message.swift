/// The AIs of one GS1 barcode (GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar, composites) or Digital Link URI.
///
/// Every way in (scanned element strings, human-readable text, Digital Link URIs) yields the same message, checked
/// value by value against GS1's dictionary and as a whole against its pairing rules.
public struct GS1Message: Hashable, Sendable, CustomStringConvertible {
    /// The AIs in the order they were encoded.
    public let elements: [GS1Element]

    /// The most AIs a message may hold; GS1's syntax engine has the same limit.
    public static let maximumElements = 64

    /// The group separator (ASCII 29) that stands for FNC1 between AIs in scanner output.
    public static let groupSeparator: UInt8 = 0x1D

    /// A message of already checked elements; call ``validatePairings()`` to check that they fit together.
    public init(elements: [GS1Element]) {
        self.elements = elements
    }

    /// Parses element strings as a scanner sends them: AIs and values, FNC1 sent as GS (0x1D), with or without a
    /// leading FNC1, and without the symbology identifier.
    ///
    /// With `checkingPairings` false the AIs are checked one by one only, for data that is combined with the other
    /// barcodes on the same item before ``validatePairings()`` is called.
    public init(elementString bytes: [UInt8], checkingPairings: Bool = true) throws(GS1Error) {
        var elements: [GS1Element] = []
        try GS1Message.parseElementString(bytes, 0..<bytes.count, into: &elements)
        self.elements = elements
        if checkingPairings { try validatePairings() }
    }

    /// The elements of both messages, as GS1 asks for the barcodes on one item to be read together.
    public func combined(with other: GS1Message) -> GS1Message {
        GS1Message(elements: elements + other.elements)
    }

    /// The first value of `ai` in the message.
    public func value(of ai: String) -> String? {
        elements.first { $0.ai == ai }?.value
    }

    /// The message as element strings with GS (0x1D) after each variable-length value but the last: what a
    /// scanner sends after the symbology identifier, and what a barcode encoder takes.
    public var elementString: String {
        var text = ""
        for (index, element) in elements.enumerated() {
            text += element.ai
            text += element.value
            if !element.definition.predefinedLength && index < elements.count - 1 {
                text.unicodeScalars.append(Unicode.Scalar(GS1Message.groupSeparator))
            }
        }
        return text
    }

    /// The human-readable form printed under a barcode, `(01)09506000134352(17)201225(10)ABC123`.
    public var humanReadable: String { elements.map(\.description).joined() }

    public var description: String { humanReadable }

    /// Appends the elements in `bytes[range]` to `elements`, each checked against its AI's definition.
    static func parseElementString(
        _ bytes: [UInt8], _ range: Range<Int>, into elements: inout [GS1Element]
    ) throws(GS1Error) {
        let end = range.upperBound
        var position = range.lowerBound
        while position < end && bytes[position] == groupSeparator { position += 1 }
        guard position < end else { throw GS1Error(.noData) }
        elements.reserveCapacity(elements.count + 4)
        while position < end {
            guard let (index, aiLength, key) = GS1AIIndex.lookup(bytes, at: position, end: end) else {
                let snippet = bytes[position..<min(position + 6, end)].map { $0 < 32 ? UInt8(ascii: "?") : $0 }
                throw GS1Error(.unknownAI(String(decoding: snippet, as: UTF8.self)))
            }
            let definition = GS1AIDefinition.all[index]
            let valueStart = position + aiLength
            let limit = definition.predefinedLength ? min(valueStart + definition.maxLength, end) : end
            var valueEnd = valueStart
            while valueEnd < limit && bytes[valueEnd] != groupSeparator { valueEnd += 1 }
            try GS1Element.validate(
                bytes, valueStart..<valueEnd, definition: definition,
                ai: String(decoding: bytes[position..<valueStart], as: UTF8.self))
            guard elements.count < maximumElements else { throw GS1Error(.tooManyElements) }
            elements.append(
                GS1Element(
                    value: String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self), definitionIndex: index,
                    key: key))
            position = valueEnd
            // FNC1 ends a variable-length value; after a predefined-length one it is superfluous but tolerated.
            while position < end && bytes[position] == groupSeparator { position += 1 }
        }
    }

    /// Checks the rules that tie AIs together: a repeated AI keeps its value, each AI's required companions are
    /// present (a lot needs a GTIN) and no forbidden pair appears (a GTIN with a content GTIN).
    ///
    /// GS1 asks for these rules over all the barcodes on one item, so for composites and for an EAN-13 with its
    /// add-on component call this on the combined message.
    public func validatePairings() throws(GS1Error) {
        for (position, element) in elements.enumerated() {
            for other in elements[(position + 1)...] where other.key == element.key && other.value != element.value {
                throw GS1Error(.conflictingRepeat, ai: element.ai)
            }
            let definition = element.definition
            // An AI is never its own companion or its own exclusion, even when a pattern such as 310n covers it.
            for pattern in definition.excludes {
                if let other = elements.first(where: { $0.key != element.key && pattern.keys.contains($0.key) }) {
                    throw GS1Error(.forbiddenPairing(other.ai), ai: element.ai)
                }
            }
            for alternatives in definition.requires {
                let satisfied = alternatives.contains { group in
                    group.allSatisfy { pattern in
                        elements.contains { $0.key != element.key && pattern.keys.contains($0.key) }
                    }
                }
                if !satisfied { throw GS1Error(.missingRequiredAI(alternatives), ai: element.ai) }
            }
        }
    }
}
