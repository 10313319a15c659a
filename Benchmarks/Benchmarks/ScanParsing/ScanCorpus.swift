import TallyCore

/// A reproducible stream of scans in the proportions of a grocery store with a receiving dock: mostly EAN-13 and
/// UPC, then GS1-128 and DataMatrix from deliveries, weighed items, Tally's control cards, and 3 % damaged scans.
enum ScanCorpus {
    struct Random {
        var state: UInt64 = 0x5EED_7A11
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func digits(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(48 + next(10)) } }
        mutating func letters(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(65 + next(26)) } }
    }

    static func withCheckDigit(_ payload: [UInt8]) -> [UInt8] { payload + [GS1CheckDigit.compute(for: payload)!] }

    static func make(count: Int) -> [[UInt8]] {
        var random = Random()
        var corpus: [[UInt8]] = []
        corpus.reserveCapacity(count)
        while corpus.count < count {
            let roll = random.next(100)
            var scan: [UInt8]
            switch roll {
            case 0..<45: scan = withCheckDigit(Array("\(30 + random.next(60))".utf8) + random.digits(10))
            case 45..<55: scan = withCheckDigit([UInt8(ascii: "0")] + random.digits(10))
            case 55..<60: scan = withCheckDigit(Array("\(30 + random.next(60))".utf8) + random.digits(5))
            case 60..<65: scan = upcE(&random)
            case 65..<75:
                scan =
                    Array("]C101".utf8) + withCheckDigit([UInt8(ascii: "1")] + random.digits(12)) + Array("17".utf8)
                    + Array("2\(random.next(10))1231".utf8) + Array("10".utf8) + random.letters(1 + random.next(10))
            case 75..<80:
                scan =
                    Array("]d201".utf8) + withCheckDigit([UInt8(ascii: "0")] + random.digits(12)) + Array("21".utf8)
                    + random.letters(12) + [0x1D] + Array("17270600".utf8)
            case 80..<85:
                scan =
                    Array("]e001".utf8) + withCheckDigit([UInt8(ascii: "9")] + random.digits(12)) + Array("3103".utf8)
                    + random.digits(6) + Array("3922".utf8) + random.digits(4)
            case 85..<90: scan = weighed(&random)
            case 90..<92:
                scan =
                    Array("https://id.gs1.org/01/".utf8) + withCheckDigit([UInt8(ascii: "0")] + random.digits(12))
                    + Array("/10/".utf8) + random.letters(6) + Array("?17=".utf8)
                    + Array("2612\(10 + random.next(18))".utf8)
            case 92..<95:
                let cards = [
                    TallyCode.control(.quantity(1 + random.next(24))), .control(.done),
                    .location("A0\(random.next(10)).0\(random.next(10))"),
                ]
                scan = Array(cards[random.next(cards.count)].description.utf8)
            case 95..<97: scan = Array("SKU-".utf8) + random.letters(3) + random.digits(5)
            default:
                // A damaged scan: one digit of an EAN-13 misread.
                scan = withCheckDigit(Array("\(30 + random.next(60))".utf8) + random.digits(10))
                let position = random.next(13)
                scan[position] = UInt8(48 + (Int(scan[position]) - 48 + 1 + random.next(9)) % 10)
            }
            corpus.append(scan)
        }
        return corpus
    }

    /// A UPC-E: six random digits with whichever check digit makes it valid.
    static func upcE(_ random: inout Random) -> [UInt8] {
        let payload = [UInt8(ascii: "0")] + random.digits(6)
        for check in UInt8(48)...UInt8(57) where (try? UPCE.expand(payload + [check])) != nil {
            return payload + [check]
        }
        return payload + [48]
    }

    /// A German weighed item (prefix 28, weight in grams), made valid by searching the check digits.
    static func weighed(_ random: inout Random) -> [UInt8] {
        let payload = Array("28".utf8) + random.digits(4)
        let interpreter = ScanInterpreter(
            restrictedCirculationRules: RestrictedCirculationRuleSet.forCountry("DE"), referenceYear: 2026)
        for attempt in 0..<1000 {
            let weight = Array(String(10_000 + (attempt * 37 + random.next(1000)) % 89_999).utf8).suffix(5)
            for priceCheck in UInt8(48)...UInt8(57) {
                let candidate = withCheckDigit(payload + [priceCheck] + weight)
                if interpreter.interpret(candidate).isValid { return candidate }
            }
        }
        return withCheckDigit(payload + random.digits(6))
    }
}
