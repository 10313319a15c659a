import Foundation
import Testing

@Suite struct ParseCommandTests {
    @Test func printsOneObjectPerCodeAndSucceedsWhenAllAreValid() async throws {
        let result = try await TallyctlProcess.run(["parse", "4006381333931", "(01)09506000134352(17)261231(10)ABC123"])
        #expect(result.status == 0)
        let objects = result.objects
        #expect(objects.count == 2)
        #expect(objects[0]["input"] as? String == "4006381333931")
        #expect(objects[0]["valid"] as? Bool == true)
        #expect(objects[0]["kind"] as? String == "gtin")
        #expect(objects[0]["gtin"] as? String == "04006381333931")
        #expect(objects[1]["kind"] as? String == "gs1")
        #expect(objects[1]["hri"] as? String == "(01)09506000134352(17)261231(10)ABC123")
        let ais = objects[1]["ais"] as? [[String: Any]]
        #expect(ais?.map { $0["ai"] as? String } == ["01", "17", "10"])
        #expect(ais?[1]["value"] as? String == "261231")
        // Keys come in the documented order.
        #expect(result.standardOutput.hasPrefix(#"{"input": "4006381333931", "valid": true, "kind": "gtin""#))
    }

    @Test func failsWhenAnyCodeIsInvalidAndSaysWhy() async throws {
        let result = try await TallyctlProcess.run(["parse", "4006381333931", "4006381333932"])
        #expect(result.status == 1)
        let bad = result.objects[1]
        #expect(bad["valid"] as? Bool == false)
        #expect((bad["error"] as? String)?.contains("check digit is 2 but should be 1") == true)
        #expect(result.objects[0]["error"] == nil)
    }

    @Test func symbologyIdentifiersAndEscapedGroupSeparators() async throws {
        let result = try await TallyctlProcess.run([
            "parse", #"]C1011231231231233310ABC123\x1D99TESTING"#, "]C1011231231231233310ABC123\u{1D}99TESTING",
        ])
        #expect(result.status == 0)
        for object in result.objects {
            #expect(object["symbology"] as? String == "]C1")
            #expect(object["hri"] as? String == "(01)12312312312333(10)ABC123(99)TESTING")
            #expect(object["input"] as? String == "]C1011231231231233310ABC123\u{1D}99TESTING")
        }
    }

    @Test func readsStandardInputLineByLine() async throws {
        var input = Data("4006381333931\r\n".utf8)
        input.append(Data("]d20109506000134352\u{1D}10LOT\n".utf8))
        input.append(Data([0x34, 0x30, 0xFF, 0x0A]))  // bytes that are not UTF-8
        input.append(Data("TLC-DONE".utf8))  // no final newline
        let result = try await TallyctlProcess.run(["parse", "-"], input: input)
        #expect(result.status == 1)
        let objects = result.objects
        #expect(objects.count == 4)
        #expect(objects[0]["valid"] as? Bool == true)
        #expect(objects[1]["kind"] as? String == "gs1")
        #expect(objects[1]["valid"] as? Bool == true)
        #expect((objects[2]["error"] as? String)?.contains("unreadable character at position 3") == true)
        #expect(objects[3]["kind"] as? String == "tally")
        #expect(objects[3]["valid"] as? Bool == false)
    }

    @Test func countryDecodesPriceAndWeightCodes() async throws {
        let plain = try await TallyctlProcess.run(["parse", "2212345012343"])
        #expect(plain.objects.first?["kind"] as? String == "restricted")
        #expect(plain.objects.first?["price"] == nil)
        let unknown = try await TallyctlProcess.run(["parse", "--country", "XX", "2212345012343"])
        #expect(unknown.status != 0 && unknown.status != 1)
        #expect(unknown.standardError.contains("no price and weight code layouts for country 'XX'"))
        let badCurrency = try await TallyctlProcess.run(["parse", "--currency", "EURO", "1"])
        #expect(badCurrency.standardError.contains("not an ISO 4217 currency code"))
        let nothing = try await TallyctlProcess.run(["parse"])
        #expect(nothing.status != 0)
        #expect(nothing.standardError.contains("give one or more codes"))
    }

    @Test func printedTallyCodesReadBack() async throws {
        let cards = try await TallyctlProcess.run(["code", "all-controls"])
        #expect(cards.status == 0)
        let codes = cards.standardOutput.split(separator: "\n").map(String.init)
        #expect(codes.count > 20)
        let parsed = try await TallyctlProcess.run(["parse"] + codes)
        #expect(parsed.status == 0)
        #expect(parsed.objects.allSatisfy { $0["kind"] as? String == "tally" })
        let location = try await TallyctlProcess.run(["code", "location", "a01.03.2"])
        #expect(location.standardOutput.hasPrefix("TLL-A01.03.2-"))
        let bad = try await TallyctlProcess.run(["code", "location", "A 1"])
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("letters, digits and dots"))
    }
}
