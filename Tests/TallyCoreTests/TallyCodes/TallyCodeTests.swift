import PropertyBased
import Testing

@testable import TallyCore

@Suite struct TallyCodeTests {
    static let examples: [TallyCode] = [
        .receipt(station: "TILL1", number: 123),
        .receipt(station: "S7", number: 4_294_967_295),
        .location("A01.03.2"),
        .location("COLDROOM"),
        .purchaseOrder("PO2026.0042"),
        .control(.mode(.sale)), .control(.mode(.return)), .control(.mode(.receive)), .control(.mode(.count)),
        .control(.mode(.priceCheck)),
        .control(.quantity(1)), .control(.quantity(12)), .control(.quantity(9999)),
        .control(.voidLine), .control(.voidBasket), .control(.done), .control(.cancel),
        .control(.tender(.cash)), .control(.tender(.card)), .control(.tender(.account)), .control(.tender(.other)),
    ]

    @Test(arguments: examples)
    func printsAndReadsBack(code: TallyCode) throws {
        let text = code.description
        #expect(try TallyCode(parsing: Array(text.utf8)) == code)
        #expect(try TallyCode(parsing: Array(text.lowercased().utf8)) == code, "Caps Lock confusion is harmless")
        #expect(TallyCode.hasTallyPrefix(Array(text.utf8)))
        #expect(text.utf8.allSatisfy { TallyCodeCheck.value(of: $0) != nil })
    }

    @Test func layout() {
        let receipt = TallyCode.receipt(station: "TILL1", number: 123).description
        #expect(receipt.hasPrefix("TLR-TILL1-000123-"))
        #expect(receipt.count == "TLR-TILL1-000123-".count + 2)
        #expect(TallyCode.control(.quantity(12)).description.hasPrefix("TLC-QTY-12-"))
    }

    /// Every substitution of one character by any other symbol a Tally code can hold, and every swap of two
    /// adjacent different characters, is refused: never read as another code.
    @Test(arguments: examples)
    func refusesEverySingleErrorAndAdjacentTransposition(code: TallyCode) {
        let text = Array(code.description.utf8)
        let symbols = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-.".utf8)
        for position in text.indices {
            for symbol in symbols where symbol != text[position] {
                var damaged = text
                damaged[position] = symbol
                #expect(throws: TallyCodeError.self) { try TallyCode(parsing: damaged) }
            }
            if position + 1 < text.count && text[position] != text[position + 1] {
                var swapped = text
                swapped.swapAt(position, position + 1)
                #expect(throws: TallyCodeError.self) { try TallyCode(parsing: swapped) }
            }
        }
    }

    @Test func checkCharactersAreAlwaysAlphanumeric() async {
        await propertyCheck(count: 2000, input: Gen.int(in: 0...37).array(of: 1...30)) { values in
            let symbols = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-.".utf8)
            let payload = values.map { symbols[$0] }
            let check = TallyCodeCheck.compute(for: payload)!
            #expect(check.allSatisfy { TallyCodeCheck.value(of: $0).map { $0 < 36 } == true })
            #expect(TallyCodeCheck.isValid(payload + check))
        }
    }

    @Test(arguments: [
        ("TLC-QTY-0", "1 to 9999"),
        ("TLC-QTY-10000", "1 to 9999"),
        ("TLC-MODE-DANCE", "unknown mode DANCE"),
        ("TLC-TENDER-GOLD", "unknown tender GOLD"),
        ("TLC-JUMP", "unknown control card JUMP"),
        ("TLR-TILL1", "TLR-<station>-<number>"),
        ("TLR-TILL.1-12", "TLR-<station>-<number>"),
        ("TLL-.A01", "letters, digits and dots"),
    ])
    func explainsMalformedCodes(payload: String, reason: String) {
        let check = TallyCodeCheck.compute(for: Array((payload + "-").utf8))!
        let code = Array((payload + "-").utf8) + check
        #expect {
            try TallyCode(parsing: code)
        } throws: { error in
            String(describing: error).contains(reason)
        }
    }

    @Test func explainsDamage() {
        #expect(throws: TallyCodeError.missingCheck) { try TallyCode(parsing: Array("TLC-DONE".utf8)) }
        #expect(throws: TallyCodeError.invalidCharacter(position: 4)) {
            try TallyCode(parsing: Array("TLC-#ONE-00".utf8))
        }
        #expect(throws: TallyCodeError.notATallyCode) { try TallyCode(parsing: Array("4006381333931".utf8)) }
        #expect(!TallyCode.hasTallyPrefix(Array("TLX-1".utf8)))
        #expect(!TallyCode.hasTallyPrefix(Array("TL".utf8)))
    }

    @Test func refusesFieldsThatCannotBePrinted() throws {
        #expect(throws: TallyCodeError.self) { try TallyCode.validated(.location("a b")) }
        #expect(throws: TallyCodeError.self) { try TallyCode.validated(.receipt(station: "", number: 1)) }
        #expect(throws: TallyCodeError.self) {
            try TallyCode.validated(.purchaseOrder(String(repeating: "9", count: 25)))
        }
        #expect(throws: TallyCodeError.self) { try TallyCode.validated(.control(.quantity(0))) }
        #expect(try TallyCode.validated(.location("A1")) == .location("A1"))
    }
}

@Suite struct TallyCodeDocumentationTests {
    /// The examples in docs/tally-codes.md are real codes with their real check characters.
    @Test(arguments: [
        ("TLR-TILL1-000123-5B", TallyCode.receipt(station: "TILL1", number: 123)),
        ("TLL-A01.03.2-G3", .location("A01.03.2")),
        ("TLP-PO2026.0042-AO", .purchaseOrder("PO2026.0042")),
        ("TLC-QTY-12-MF", .control(.quantity(12))),
    ])
    func documentedExamples(text: String, code: TallyCode) throws {
        #expect(code.description == text)
        #expect(try TallyCode(parsing: Array(text.utf8)) == code)
    }
}
