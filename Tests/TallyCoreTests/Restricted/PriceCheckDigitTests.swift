import TallyCore
import Testing

@Suite struct PriceCheckDigitTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let value: String
        let checkDigit: Character
        let source: String
        var testDescription: String { "\(value) → \(checkDigit) (\(source))" }
    }

    static let vectors: [Vector] = [
        // GS1 General Specifications §7.9.3 and §7.9.4 worked examples.
        Vector(value: "2875", checkDigit: "9", source: "GS1 §7.9.3"),
        Vector(value: "14685", checkDigit: "6", source: "GS1 §7.9.4"),
        // Price verifiers printed in published example codes.
        Vector(value: "1234", checkDigit: "9", source: "GS1 UK layout, jodal/biip tests 2011122912346"),
        Vector(value: "0863", checkDigit: "1", source: "UPC-A 299265108631, ankane/barkick README"),
        Vector(value: "00239", checkDigit: "4", source: "GS1 Germany layout, jodal/biip tests 2211114002394"),
        Vector(value: "00012", checkDigit: "9", source: "GS1 Germany layout, jodal/biip tests 2511119000129"),
        Vector(value: "06870", checkDigit: "1", source: "GS1 Germany layout, jodal/biip tests 2811111068708"),
        // Every weighted product is 0 for 0, so an all-zero value checks to 0.
        Vector(value: "0000", checkDigit: "0", source: "all zero"),
        Vector(value: "00000", checkDigit: "0", source: "all zero"),
    ]

    @Test(arguments: vectors)
    func knownCheckDigits(_ vector: Vector) {
        let value = Array(vector.value.utf8)
        let expected = vector.checkDigit.asciiValue
        #expect(PriceCheckDigit.compute(for: value) == expected)
        #expect(PriceCheckDigit.isValid(vector.checkDigit.asciiValue ?? 0, for: value))
    }

    @Test(arguments: ["", "1", "123", "123456", "12a4", "1234 ", "٣٣٣٣"])
    func rejectsFieldsThatAreNotFourOrFiveDigits(_ text: String) {
        #expect(PriceCheckDigit.compute(for: Array(text.utf8)) == nil)
        #expect(!PriceCheckDigit.isValid(UInt8(ascii: "0"), for: Array(text.utf8)))
    }

    /// Each table of weighted products, read back from one-digit-at-a-time fields; GS1 §7.9.2 lists them.
    @Test func weightedProductTablesOfFourDigitAlgorithm() {
        // With only position 4 (weight 5-) set, the check digit is 3 × (5- product) mod 10.
        let fiveMinus = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1]
        let twoMinus = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7]
        for digit in 0...9 {
            #expect(checkDigit(of: "000\(digit)") == (3 * fiveMinus[digit]) % 10)
            #expect(checkDigit(of: "\(digit)000") == (3 * twoMinus[digit]) % 10)
            #expect(checkDigit(of: "0\(digit)00") == (3 * twoMinus[digit]) % 10)
            #expect(checkDigit(of: "00\(digit)0") == (9 * digit) % 10)
        }
    }

    /// Every single-digit error in the value or in the check digit is detected: GS1's claim for the price check
    /// digit (§2.1.14.2, verifying it "ensures correct reading of the price").
    @Test(arguments: [4, 5])
    func detectsEverySingleDigitError(length: Int) {
        var field = [UInt8](repeating: 48, count: length)
        var errors = 0
        var detected = 0
        for number in 0..<power(10, length) {
            write(number, into: &field)
            let check = PriceCheckDigit.compute(for: field) ?? 0
            for position in 0..<length {
                let original = field[position]
                for wrong in UInt8(48)...57 where wrong != original {
                    field[position] = wrong
                    errors += 1
                    if PriceCheckDigit.compute(for: field) != check { detected += 1 }
                }
                field[position] = original
            }
            for wrong in UInt8(48)...57 where wrong != check {
                errors += 1
                if !PriceCheckDigit.isValid(wrong, for: field) { detected += 1 }
            }
        }
        #expect(errors == power(10, length) * (length + 1) * 9)
        #expect(detected == errors)
    }

    struct TranspositionFigures: Sendable, CustomTestStringConvertible {
        let length: Int
        /// Detected swaps of value digits `i` and `i + 1`, out of `swapsPerPair` each.
        let detectedPerPair: [Int]
        let swapsPerPair: Int
        /// Detected swaps of the check digit with the first value digit, which layouts print next to each other.
        let detectedCheckDigitSwaps: Int
        let checkDigitSwaps: Int
        var testDescription: String { "\(length)-digit field" }
    }

    /// Measured over every field. GS1 claims no transposition detection, and the 4-digit algorithm has none for
    /// its first two digits, which share the weight 2-.
    @Test(arguments: [
        TranspositionFigures(
            length: 4, detectedPerPair: [0, 8_800, 8_800], swapsPerPair: 9_000,
            detectedCheckDigitSwaps: 8_800, checkDigitSwaps: 9_000),
        TranspositionFigures(
            length: 5, detectedPerPair: [86_000, 86_000, 80_000, 86_000], swapsPerPair: 90_000,
            detectedCheckDigitSwaps: 80_000, checkDigitSwaps: 90_000),
    ])
    func adjacentTranspositionsDetected(_ figures: TranspositionFigures) {
        let length = figures.length
        var field = [UInt8](repeating: 48, count: length)
        var swaps = [Int](repeating: 0, count: length - 1)
        var detected = [Int](repeating: 0, count: length - 1)
        var checkDigitSwaps = 0
        var detectedCheckDigitSwaps = 0
        for number in 0..<power(10, length) {
            write(number, into: &field)
            let check = PriceCheckDigit.compute(for: field) ?? 0
            for pair in 0..<(length - 1) where field[pair] != field[pair + 1] {
                field.swapAt(pair, pair + 1)
                swaps[pair] += 1
                if PriceCheckDigit.compute(for: field) != check { detected[pair] += 1 }
                field.swapAt(pair, pair + 1)
            }
            let first = field[0]
            if first != check {
                // The check digit and the first value digit trade places.
                field[0] = check
                checkDigitSwaps += 1
                if !PriceCheckDigit.isValid(first, for: field) { detectedCheckDigitSwaps += 1 }
                field[0] = first
            }
        }
        #expect(swaps == [Int](repeating: figures.swapsPerPair, count: length - 1))
        #expect(detected == figures.detectedPerPair)
        #expect(checkDigitSwaps == figures.checkDigitSwaps)
        #expect(detectedCheckDigitSwaps == figures.detectedCheckDigitSwaps)
    }

    private func checkDigit(of value: String) -> Int? {
        PriceCheckDigit.compute(for: Array(value.utf8)).map { Int($0) - 48 }
    }

    private func power(_ base: Int, _ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { result, _ in result * base }
    }

    private func write(_ number: Int, into field: inout [UInt8]) {
        var rest = number
        for position in field.indices.reversed() {
            field[position] = UInt8(48 + rest % 10)
            rest /= 10
        }
    }
}
