import PropertyBased
import Testing

@testable import TallyCore

/// Random valid messages go through every form and come back unchanged; random bytes never break the reader.
@Suite struct GS1PropertyTests {
    /// Characters of GS1's CSET 82, including `(`, which the human-readable form must escape.
    static let cset82 = Array(
        "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz".utf8)

    /// A random generator of values, one per AI of a family of AIs that may all appear with (01).
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func digits(_ count: Int) -> String {
            String(decoding: (0..<count).map { _ in UInt8(48 + next(10)) }, as: UTF8.self)
        }
        mutating func text(_ range: ClosedRange<Int>) -> String {
            let count = range.lowerBound + next(range.count)
            return String(
                decoding: (0..<count).map { _ in GS1PropertyTests.cset82[next(GS1PropertyTests.cset82.count)] },
                as: UTF8.self)
        }
        mutating func gs1Key(_ length: Int) -> String {
            let payload = Array(digits(length - 1).utf8)
            return String(decoding: payload + [GS1CheckDigit.compute(for: payload)!], as: UTF8.self)
        }
        mutating func date(allowingDayZero: Bool) -> String {
            let month = 1 + next(12)
            let day = allowingDayZero && next(4) == 0 ? 0 : 1 + next(28)
            return digits(2) + (month < 10 ? "0\(month)" : "\(month)") + (day < 10 ? "0\(day)" : "\(day)")
        }
    }

    static func randomMessage(seed: Int) -> GS1Message {
        var random = Random(state: UInt64(truncatingIfNeeded: seed))
        var pairs: [(String, String)] = [("01", random.gs1Key(14))]
        let optional: [(inout Random) -> (String, String)] = [
            { ("10", $0.text(1...20)) },
            { ("21", $0.text(1...20)) },
            { ("22", $0.text(1...20)) },
            { ("11", $0.date(allowingDayZero: true)) },
            { ("17", $0.date(allowingDayZero: true)) },
            { ("7006", $0.date(allowingDayZero: false)) },
            { ("310\($0.next(6))", $0.digits(6)) },
            { ("240", $0.text(1...30)) },
            { ("30", $0.digits(1 + $0.next(8))) },
            { ("9\(1 + $0.next(9))", $0.text(1...90)) },
            { ("8008", $0.date(allowingDayZero: false) + "12") },
        ]
        for make in optional where random.next(2) == 0 {
            pairs.append(make(&random))
        }
        // Shuffle, keeping each AI once.
        for index in pairs.indices.reversed() where index > 0 { pairs.swapAt(index, random.next(index + 1)) }
        return GS1Message(elements: pairs.compactMap { try? GS1Element(ai: $0.0, value: $0.1) })
    }

    @Test func elementStringToTextToElementStringIsTheIdentity() async {
        await propertyCheck(count: 1000, input: Gen.int(in: 0...Int.max)) { seed in
            let message = Self.randomMessage(seed: seed)
            let elementString = Array(message.elementString.utf8)
            let parsed = try? GS1Message(elementString: elementString)
            #expect(parsed == message, "\(message.humanReadable)")
            let text = parsed?.humanReadable ?? ""
            let fromText = try? GS1Message(humanReadable: text)
            #expect(fromText.map { Array($0.elementString.utf8) } == elementString, "\(text)")
        }
    }

    @Test func digitalLinkKeepsEveryElement() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...Int.max)) { seed in
            let message = Self.randomMessage(seed: seed)
            guard let uri = message.digitalLinkURI() else {
                Issue.record("no URI for \(message.humanReadable)")
                return
            }
            let parsed = try? GS1Message(digitalLinkURI: uri)
            let sorted = { (m: GS1Message?) in m?.elements.map { "\($0)" }.sorted() }
            #expect(sorted(parsed) == sorted(message), "\(uri)")
        }
    }

    static let prefixes: [[UInt8]] = [
        "", "]C1", "]E0", "]E3", "]E4", "]e0", "]d2", "]Q3", "]I1", "]A0", "(", "(01)",
        "https://a/01/", "TLC-", "TLR-", "01", "\u{1D}", "02", "2",
    ].map { Array($0.utf8) }

    @Test func randomBytesNeverBreakTheReader() async {
        let interpreter = ScanInterpreter(
            restrictedCirculationRules: RestrictedCirculationRuleSet.forCountry("DE"), referenceYear: 2026)
        await propertyCheck(
            count: 20_000, input: Gen.int(in: 0...(Self.prefixes.count - 1)),
            Gen.int(in: 0...255).array(of: 0...80)
        ) { prefix, body in
            let input = Self.prefixes[prefix] + body.map { UInt8($0) }
            let reading = interpreter.interpret(input)
            #expect(reading.isValid == (reading.content != nil))
            _ = reading.jsonLine(localCurrency: nil, referenceYear: 2026)
        }
    }

    @Test func randomDigitsNeverBreakTheReader() async {
        let interpreter = ScanInterpreter(
            restrictedCirculationRules: RestrictedCirculationRuleSet.forCountry("SE"), referenceYear: 2026)
        await propertyCheck(count: 20_000, input: Gen.int(in: 0...9).array(of: 1...48)) { digits in
            let reading = interpreter.interpret(digits.map { UInt8(48 + $0) })
            #expect(reading.isValid == (reading.content != nil))
        }
    }
}
