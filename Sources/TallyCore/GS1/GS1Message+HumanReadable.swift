extension GS1Message {
    /// Parses the human-readable form `(01)09506000134352(10)ABC\(1)`, where `\(` is a `(` inside a value.
    ///
    /// This is what is printed under a barcode and what people type; ``humanReadable`` renders it back. See
    /// ``init(elementString:checkingPairings:)`` for `checkingPairings`.
    public init(humanReadable text: some StringProtocol, checkingPairings: Bool = true) throws(GS1Error) {
        let bytes = Array(text.utf8)
        let open = UInt8(ascii: "(")
        let close = UInt8(ascii: ")")
        let backslash = UInt8(ascii: "\\")
        guard !bytes.isEmpty else { throw GS1Error(.noData) }
        var elements: [GS1Element] = []
        var position = 0
        while position < bytes.count {
            guard bytes[position] == open else {
                throw GS1Error(.malformedText("expected \"(\" at character \(position + 1)"))
            }
            guard let closing = bytes[(position + 1)...].firstIndex(of: close) else {
                throw GS1Error(.malformedText("the AI opened at character \(position + 1) has no \")\""))
            }
            let aiBytes = bytes[(position + 1)..<closing]
            let ai = String(decoding: aiBytes, as: UTF8.self)
            guard (2...4).contains(aiBytes.count), aiBytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                throw GS1Error(.malformedText("\"\(ai)\" is not an AI: AIs are 2 to 4 digits"))
            }
            guard let index = GS1AIIndex.definition(forAI: ai) else { throw GS1Error(.unknownAI(ai)) }
            var value: [UInt8] = []
            position = closing + 1
            while position < bytes.count && bytes[position] != open {
                if bytes[position] == backslash && position + 1 < bytes.count && bytes[position + 1] == open {
                    value.append(open)
                    position += 2
                } else {
                    value.append(bytes[position])
                    position += 1
                }
            }
            try GS1Element.validate(value, 0..<value.count, definition: GS1AIDefinition.all[index], ai: ai)
            guard elements.count < GS1Message.maximumElements else { throw GS1Error(.tooManyElements) }
            elements.append(GS1Element(ai: ai, value: String(decoding: value, as: UTF8.self), definitionIndex: index))
        }
        self.init(elements: elements)
        if checkingPairings { try validatePairings() }
    }
}
