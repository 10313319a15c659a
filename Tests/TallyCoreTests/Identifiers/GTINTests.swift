import Testing

@testable import TallyCore

@Suite struct GTINTests {
    /// Published examples: GS1's EAN-13 example, the Wikipedia UPC-A, EAN-8 and ISBN examples, and a GTIN-14 of
    /// GS1 General Specifications §3.
    @Test(arguments: [
        ("4006381333931", "04006381333931", GTINFormat.gtin13),
        ("5901234123457", "05901234123457", .gtin13),
        ("036000291452", "00036000291452", .gtin12),
        ("96385074", "00000096385074", .gtin8),
        ("9780306406157", "09780306406157", .gtin13),
        ("10614141000415", "10614141000415", .gtin14),
        ("00614141000418", "00614141000418", .gtin12),
    ])
    func normalisesToGTIN14(input: String, gtin14: String, format: GTINFormat) throws {
        let gtin = try GTIN(validating: input)
        #expect(gtin.gtin14 == gtin14)
        #expect(gtin.format == format)
        #expect(try GTIN(validating: gtin.gtin14) == gtin)
        #expect(try GTIN(validating: gtin.shortestForm) == gtin)
    }

    @Test func refusesWrongCheckDigitWithTheRightOne() {
        #expect(throws: IdentifierError.wrongCheckDigit(kind: "EAN-13", found: "2", expected: "1")) {
            try GTIN(validating: "4006381333932")
        }
        let message = String(describing: IdentifierError.wrongCheckDigit(kind: "EAN-13", found: "2", expected: "1"))
        #expect(message.contains("scan or key it again"))
    }

    @Test(arguments: ["", "1234567", "12345678901", "123456789012345", "40063813339a1", "4006381 33931"])
    func refusesWrongShapes(input: String) {
        #expect(throws: IdentifierError.self) { try GTIN(validating: input) }
    }

    @Test func restrictedCirculationPrefixes() throws {
        for prefix in ["02", "04", "20", "25", "29"] {
            let payload = Array((prefix + "1234567890").utf8)
            let code = payload + [GS1CheckDigit.compute(for: payload)!]
            #expect(try GTIN(validating: code).isRestrictedCirculation, "prefix \(prefix)")
        }
        for prefix in ["00", "01", "03", "05", "19", "30", "40", "97"] {
            let payload = Array((prefix + "1234567890").utf8)
            let code = payload + [GS1CheckDigit.compute(for: payload)!]
            #expect(try !GTIN(validating: code).isRestrictedCirculation, "prefix \(prefix)")
        }
        #expect(try GTIN(validating: "02345680").isRestrictedCirculation)  // RCN-8, prefix 0
        #expect(try GTIN(validating: "96385074").isRestrictedCirculation == false)
        #expect(try GTIN(validating: "10614141000415").isRestrictedCirculation == false)
    }

    @Test func books() throws {
        let book = try GTIN(validating: "9780306406157")
        #expect(book.isbn13 == "9780306406157")
        #expect(book.isbn10 == "0306406152")
        // ISBN 0-8044-2957-X: a check character of 10 is written X.
        #expect(try GTIN(validating: "9780804429573").isbn10 == "080442957X")
        #expect(try GTIN(validating: "9791034304547").isbn10 == nil)
        #expect(try GTIN(validating: "9791034304547").isbn13 == "9791034304547")
        // ISSN 0317-8471, the example of ISO 3297, as EAN-13 977 0317847 00 1.
        #expect(try GTIN(validating: "9770317847001").issn == "0317-8471")
        #expect(try GTIN(validating: "4006381333931").issn == nil)
    }
}

@Suite struct LogisticIdentifierTests {
    @Test func ssccAndGLN() throws {
        let sscc = try SSCC(validating: Array("106141411234567897".utf8))
        #expect(sscc.extensionDigit == 1)
        #expect(throws: IdentifierError.self) { try SSCC(validating: Array("106141411234567890".utf8)) }
        #expect(throws: IdentifierError.self) { try SSCC(validating: Array("0614141123456789".utf8)) }
        #expect(try GLN(validating: Array("0614141000012".utf8)).digits == "0614141000012")
        #expect(throws: IdentifierError.self) { try GLN(validating: Array("0614141000013".utf8)) }
    }
}
