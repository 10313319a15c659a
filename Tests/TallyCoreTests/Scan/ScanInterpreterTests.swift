import Testing

@testable import TallyCore

/// How scans are routed: by the AIM symbology identifier when there is one, by the data when there is none.
@Suite struct ScanInterpreterTests {
    static let interpreter = ScanInterpreter(
        restrictedCirculationRules: RestrictedCirculationRuleSet.forCountry("DE"), localCurrency: Currency(code: "EUR"),
        referenceYear: 2026)

    static let routes: [(scan: String, kind: ScanInterpretation.Kind, valid: Bool, gtin: String?)] = [
        // EAN/UPC identifiers: ]E0 (EAN-13, UPC-A, UPC-E), ]E3 with add-on, ]E4 EAN-8; ITF-14 as ]I1.
        ("]E04006381333931", .gtin, true, "04006381333931"),
        ("]E0036000291452", .gtin, true, "00036000291452"),
        ("]E001234565", .gtin, true, "00012345000065"),
        ("]E3977031784700105", .gtin, true, "09770317847001"),
        ("]E3978030640615751299", .gtin, true, "09780306406157"),
        ("]E496385074", .gtin, true, "00000096385074"),
        ("]I110614141000415", .gtin, true, "10614141000415"),
        ("]I110614141000416", .gtin, false, nil),
        ("]E01234565", .gtin, false, nil),
        ("]E4012345", .gtin, false, nil),
        ("]E3400638133393", .gtin, false, nil),
        // A restricted-circulation number under the German layouts, with a symbology identifier and without.
        ("]E02812347012503", .restricted, true, "02812347012503"),
        ("2247116003497", .restricted, true, "02247116003497"),
        ("2247116003490", .gtin, false, nil),
        // Plain symbologies carry text, Tally codes and Digital Links, never GS1 element strings.
        ("]A0SKU-ABC123", .text, true, nil),
        ("]C00109506000134352", .text, true, nil),
        ("]Q1https://example.com/menu", .text, true, nil),
        ("]Q1https://id.gs1.org/01/09506000134352", .gs1, true, "09506000134352"),
        ("]A0TLC-QTY-12-MF", .tally, true, nil),
        // Without an identifier the data decides.
        ("4006381333931", .gtin, true, "04006381333931"),
        ("01234565", .gtin, true, "00012345000065"),
        ("96385074", .gtin, true, "00000096385074"),
        ("10614141000415", .gtin, true, "10614141000415"),
        ("0109506000134352", .gs1, true, "09506000134352"),
        ("010950600013435210LOT7", .gs1, true, "09506000134352"),
        ("0109506000134353", .gs1, false, nil),
        ("(01)09506000134352(10)LOT7", .gs1, true, "09506000134352"),
        ("TLC-QTY-12-MF", .tally, true, nil),
        ("tlc-qty-12-mf", .tally, true, nil),
        ("TLC-QTY-12-MG", .tally, false, nil),
        ("10ABC", .text, true, nil),
        ("123456", .text, true, nil),
        ("Bückware", .text, true, nil),
        ("", .text, false, nil),
        ("AB\u{07}C", .text, false, nil),
    ]

    @Test(arguments: routes)
    func readsEachScanByItsRoute(scan: String, kind: ScanInterpretation.Kind, valid: Bool, gtin: String?) {
        let reading = Self.interpreter.interpret(Array(scan.utf8))
        #expect(reading.kind == kind)
        #expect(reading.isValid == valid, "\(reading.error.map(String.init(describing:)) ?? "")")
        #expect(reading.gtin?.gtin14 == gtin)
    }

    @Test func addOnsAndPublications() {
        let issn = Self.interpreter.interpret(Array("]E3977031784700105".utf8))
        guard case .gtin(let gtin, let addOn) = issn.content else {
            Issue.record("not a GTIN")
            return
        }
        #expect(addOn == "05")
        #expect(gtin.issn == "0317-8471")
    }

    @Test func refusesOversizedAndUndecodableScans() {
        let huge = [UInt8](repeating: UInt8(ascii: "1"), count: ScanInterpreter.maximumLength + 1)
        #expect(String(describing: Self.interpreter.interpret(huge).error!).contains("more than the"))
        let notUTF8 = Self.interpreter.interpret([0x41, 0xC3, 0x28])
        #expect(String(describing: notUTF8.error!).contains("unreadable character at position 2"))
    }
}
