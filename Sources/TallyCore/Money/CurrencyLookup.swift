/// Constant-time lookups from codes to positions in ``Currency/table``, built once on first use.
///
/// Alphabetic codes are three letters A-Z, so each one maps to a slot in a dense table of 26³ entries;
/// numeric codes map to a slot in a table of 1000. A slot holds the table position plus one, 0 meaning none.
extension Currency {
    enum Lookup {
        private static let alphabetic: [UInt16] = {
            var slots = [UInt16](repeating: 0, count: 26 * 26 * 26)
            for (position, entry) in Currency.table.enumerated() {
                if let key = alphabeticKey(entry.code) {
                    slots[key] = UInt16(position + 1)
                }
            }
            return slots
        }()

        private static let numeric: [UInt16] = {
            var slots = [UInt16](repeating: 0, count: 1000)
            for (position, entry) in Currency.table.enumerated() {
                slots[entry.numeric] = UInt16(position + 1)
            }
            return slots
        }()

        static func tableIndex(forCode code: some StringProtocol) -> Int? {
            guard let key = alphabeticKey(code) else { return nil }
            let slot = alphabetic[key]
            return slot == 0 ? nil : Int(slot) - 1
        }

        static func tableIndex(forNumericCode code: Int) -> Int? {
            guard code >= 0 && code < numeric.count else { return nil }
            let slot = numeric[code]
            return slot == 0 ? nil : Int(slot) - 1
        }

        /// The slot of a three-letter upper-case code, or nil for anything else.
        private static func alphabeticKey(_ code: some StringProtocol) -> Int? {
            var key = 0
            var letters = 0
            for byte in code.utf8 {
                guard letters < 3, byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") else { return nil }
                key = key * 26 + Int(byte - UInt8(ascii: "A"))
                letters += 1
            }
            return letters == 3 ? key : nil
        }
    }
}
