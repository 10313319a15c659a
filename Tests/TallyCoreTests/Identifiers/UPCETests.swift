import PropertyBased
import Testing

@testable import TallyCore

@Suite struct UPCETests {
    /// One example per rule of GS1 General Specifications §5.2.2.4.2 (the last digit says where the zeros go).
    @Test(arguments: [
        ("01234565", "012345000065"),  // 5–9: manufacturer 12345, item 0000X
        ("01234514", "012100003454"),  // 0–2: the last digit is the manufacturer's third digit
        ("01234531", "012300000451"),  // 3
        ("01234543", "012340000053"),  // 4
        ("11234562", "112345000062"),  // number system 1
        ("04252614", "042100005264"),
    ])
    func expandsEachRule(upcE: String, upcA: String) throws {
        let expanded = try UPCE.expand(Array(upcE.utf8))
        #expect(String(decoding: expanded, as: UTF8.self) == upcA)
        let compressed = try #require(UPCE.compress(expanded))
        #expect(try UPCE.expand(compressed) == expanded)
    }

    @Test func refusesWhatIsNotUPCE() {
        #expect(throws: IdentifierError.self) { try UPCE.expand(Array("01234566".utf8)) }  // check digit
        #expect(throws: IdentifierError.self) { try UPCE.expand(Array("21234565".utf8)) }  // number system 2
        #expect(throws: IdentifierError.self) { try UPCE.expand(Array("0123456".utf8)) }
        #expect(UPCE.compress(Array("036000291452".utf8)) == nil)
    }

    @Test func everyUPCEExpandsToAUPCAThatCompressesBack() async {
        await propertyCheck(count: 2000, input: Gen.int(in: 0...1), Gen.int(in: 0...999_999)) { system, body in
            var payload = Array(String(system).utf8) + Array(String(body).utf8)
            while payload.count < 7 { payload.insert(48, at: 1) }
            let expandedPayload = UPCE.expandPayload(payload + [48])
            let check = GS1CheckDigit.compute(for: expandedPayload[0..<11])!
            let upcE = payload + [check]
            guard let upcA = try? UPCE.expand(upcE) else {
                Issue.record("valid UPC-E \(String(decoding: upcE, as: UTF8.self)) was refused")
                return
            }
            #expect(GS1CheckDigit.isValid(upcA))
            let again = UPCE.compress(upcA)
            #expect(again != nil)
            #expect(again.flatMap { try? UPCE.expand($0) } == upcA)
        }
    }
}
