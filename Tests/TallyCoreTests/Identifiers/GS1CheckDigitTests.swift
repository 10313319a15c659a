import PropertyBased
import Testing

@testable import TallyCore

@Suite struct GS1CheckDigitTests {
    @Test(arguments: [
        "4006381333931", "036000291452", "96385074", "10614141000415", "106141411234567897",
        "0614141000012", "00000000000000",
    ])
    func acceptsPublishedNumbers(number: String) {
        #expect(GS1CheckDigit.isValid(Array(number.utf8)))
    }

    @Test func refusesNonDigits() {
        #expect(GS1CheckDigit.compute(for: Array("40063813339a".utf8)) == nil)
        #expect(!GS1CheckDigit.isValid(Array("4".utf8)))
    }

    static let lengths = [8, 12, 13, 14, 17, 18]

    /// Every single-digit error at every position of random GTINs, SSCCs and GSINs is caught.
    @Test func catchesEverySingleDigitError() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...5), Gen.int(in: 0...Int.max)) { lengthIndex, seed in
            let number = Self.validNumber(length: Self.lengths[lengthIndex], seed: seed)
            for position in number.indices {
                for digit in UInt8(48)...UInt8(57) where digit != number[position] {
                    var damaged = number
                    damaged[position] = digit
                    #expect(!GS1CheckDigit.isValid(damaged))
                }
            }
        }
    }

    /// Swapping two adjacent digits is caught unless they differ by exactly 5, which weights 3 and 1 cannot
    /// tell apart (3a + b ≡ 3b + a mod 10 exactly when a − b ≡ 0 mod 5): the documented limit of the scheme.
    @Test func catchesEveryAdjacentTranspositionButTheFives() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...5), Gen.int(in: 0...Int.max)) { lengthIndex, seed in
            let number = Self.validNumber(length: Self.lengths[lengthIndex], seed: seed)
            for position in number.indices.dropLast() where number[position] != number[position + 1] {
                var swapped = number
                swapped.swapAt(position, position + 1)
                let differByFive = abs(Int(number[position]) - Int(number[position + 1])) == 5
                #expect(GS1CheckDigit.isValid(swapped) == differByFive)
            }
        }
    }

    static func validNumber(length: Int, seed: Int) -> [UInt8] {
        var state = UInt64(truncatingIfNeeded: seed)
        var payload: [UInt8] = []
        for _ in 0..<(length - 1) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            payload.append(UInt8(48 + (state >> 33) % 10))
        }
        return payload + [GS1CheckDigit.compute(for: payload)!]
    }
}
