/// Finds the dictionary entry of an AI in constant time.
///
/// GS1 fixes the length of every AI by its first two digits (all AIs starting `31` have four digits), so two digits
/// give the length and the digits give a slot in a dense table: no hashing and no strings on the scan path.
enum GS1AIIndex {
    /// The AI length for each two-digit prefix, or 0 where the dictionary has no AI with that prefix.
    static let lengthByPrefix: [UInt8] = {
        var lengths = [UInt8](repeating: 0, count: 100)
        for definition in GS1AIDefinition.all {
            // A range such as 91-99 spans several prefixes; each of them has the range's length.
            let first = Int(decimalValue(of: definition.first.utf8.prefix(2)))
            let last = Int(decimalValue(of: definition.last.utf8.prefix(2)))
            for prefix in first...last { lengths[prefix] = UInt8(definition.aiLength) }
        }
        return lengths
    }()

    /// Definition index per AI: slot `(length - 2) * 10_000 + numeric value of the AI`, -1 for no AI.
    static let slots: [Int16] = {
        var slots = [Int16](repeating: -1, count: 30_000)
        for (index, definition) in GS1AIDefinition.all.enumerated() {
            let base = (definition.aiLength - 2) * 10_000
            let first = Int(decimalValue(of: definition.first.utf8))
            let last = Int(decimalValue(of: definition.last.utf8))
            for ai in first...last { slots[base + ai] = Int16(index) }
        }
        return slots
    }()

    /// The index in ``GS1AIDefinition/all``, the length and the key of the AI that starts at `position`, or nil.
    @inline(__always)
    static func lookup(_ bytes: [UInt8], at position: Int, end: Int) -> (definition: Int, length: Int, key: Int32)? {
        guard end - position >= 2 else { return nil }
        let first = Int(bytes[position]) &- 48
        let second = Int(bytes[position + 1]) &- 48
        guard (0...9).contains(first), (0...9).contains(second) else { return nil }
        let length = Int(lengthByPrefix[first * 10 + second])
        guard length > 0, end - position >= length else { return nil }
        var value = first * 10 + second
        var offset = 2
        while offset < length {
            let digit = Int(bytes[position + offset]) &- 48
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
            offset += 1
        }
        let key = (length - 2) * 10_000 + value
        let slot = slots[key]
        return slot < 0 ? nil : (Int(slot), length, Int32(key))
    }

    /// The definition of an AI written as text, such as `"3103"`, or nil when GS1 defines no such AI.
    static func definition(forAI ai: some StringProtocol) -> Int? {
        let bytes = Array(ai.utf8)
        guard let found = lookup(bytes, at: 0, end: bytes.count), found.length == bytes.count else { return nil }
        return found.definition
    }
}

extension GS1AIDefinition {
    /// The definition of `ai` (such as `"17"` or `"3103"`), or nil when GS1 defines no such AI.
    public static func lookup(_ ai: some StringProtocol) -> GS1AIDefinition? {
        GS1AIIndex.definition(forAI: ai).map { all[$0] }
    }
}
