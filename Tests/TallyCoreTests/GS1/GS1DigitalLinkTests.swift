import Testing

@testable import TallyCore

/// Vectors from GS1's syntax engine (dl.c tests) and the GS1 Digital Link standard's examples.
@Suite struct GS1DigitalLinkTests {
    static let valid: [(uri: String, hri: String)] = [
        ("http://a/00/006141411234567890", "(00)006141411234567890"),
        ("HTTP://a/00/006141411234567890", "(00)006141411234567890"),
        ("https://a/00/006141411234567890", "(00)006141411234567890"),
        ("HTTPS://a/00/006141411234567890", "(00)006141411234567890"),
        ("https://a/01/12312312312333", "(01)12312312312333"),
        ("https://xn--fsq.xn--0zwm56d/01/12312312312333", "(01)12312312312333"),
        ("https://a:65535/01/12312312312333", "(01)12312312312333"),
        ("https://192.0.2.1/01/12312312312333", "(01)12312312312333"),
        ("https://[2001:db8::1]/01/12312312312333", "(01)12312312312333"),
        ("https://a/stem/00/006141411234567890", "(00)006141411234567890"),
        ("https://a/more/stem/00/006141411234567890", "(00)006141411234567890"),
        ("https://a/00/faux/00/006141411234567890", "(00)006141411234567890"),
        ("https://a/01/12312312312333/22/TEST/10/ABC/21/XYZ", "(01)12312312312333(22)TEST(10)ABC(21)XYZ"),
        ("https://a/01/12312312312333/235/TEST", "(01)12312312312333(235)TEST"),
        ("https://a/253/1231231231232TEST5678901234567", "(253)1231231231232TEST5678901234567"),
        ("https://a/8018/123456789012345675/8019/123", "(8018)123456789012345675(8019)123"),
        ("https://a/stem/00/006141411234567890?", "(00)006141411234567890"),
        ("https://a/stem/00/006141411234567890?99=ABC", "(00)006141411234567890(99)ABC"),
        ("https://a/stem/401/12345678?99=ABC", "(401)12345678(99)ABC"),
        ("https://a/01/12312312312333?&&&99=ABC&&&&&&98=XYZ&&&", "(01)12312312312333(99)ABC(98)XYZ"),
        ("https://a/01/12312312312333?unknown1=555&99=ABC&singleton&98=XYZ", "(01)12312312312333(99)ABC(98)XYZ"),
        (
            "https://a/01/12312312312333/22/ABC%2d123?99=ABC&98=XYZ%2f987",
            "(01)12312312312333(22)ABC-123(99)ABC(98)XYZ/987"
        ),
        (
            "https://a/01/12312312312333/22/ABC+123?99=ABC&98=XYZ%2f987",
            "(01)12312312312333(22)ABC+123(99)ABC(98)XYZ/987"
        ),
        ("https://a/01/12312312312333/22/test/10/abc/21/xyz#fragment", "(01)12312312312333(22)test(10)abc(21)xyz"),
        ("https://a/stem/00/006141411234567890?99=ABC#fragment", "(00)006141411234567890(99)ABC"),
        (
            "https://id.gs1.org/01/09520123456788/10/ABC1/21/12345?17=180426",
            "(01)09520123456788(10)ABC1(21)12345(17)180426"
        ),
        (
            "https://example.com/01/09520123456788?3103=000195&3922=0299&17=201225",
            "(01)09520123456788(3103)000195(3922)0299(17)201225"
        ),
        (
            "https://id.gs1.org/00/952012345678912345?02=09520123456788&37=25&10=ABC123",
            "(00)952012345678912345(02)09520123456788(37)25(10)ABC123"
        ),
        ("https://id.gs1.org/414/9520123456788/254/32a%2Fb", "(414)9520123456788(254)32a/b"),
        ("https://example.com/8004/9520614141234567?01=9520123456788", "(8004)9520614141234567(01)09520123456788"),
        ("https://id.gs1.org/01/09520123456788/235/XYZ?10=ABC123", "(01)09520123456788(235)XYZ(10)ABC123"),
        // Lenient readings of old labels: a short GTIN in the path, deprecated short names.
        ("https://brand.example.com/some-extra/pathinfo/01/9520123456788", "(01)09520123456788"),
        ("https://a/gtin/12312312312333/ser/ABC123", "(01)12312312312333(21)ABC123"),
    ]

    @Test(arguments: valid)
    func parses(uri: String, hri: String) throws {
        let message = try GS1Message(digitalLinkURI: uri)
        #expect(message.humanReadable == hri)
        let reading = ScanInterpreter(referenceYear: 2026).interpret(Array(uri.utf8))
        #expect(reading.kind == .gs1 && reading.isValid)
    }

    static let invalid: [String] = [
        "http://a/b/00/006141411234567890/extra",
        "HtTp://a/b/00/006141411234567890",
        "https://00/006141411234567890",
        "https://[fe80::1%25lo]/01/12312312312333",
        "https://$a/006141411234567890",
        "https://a/253/1231231231232TEST56789012345678",
        "https://a/stem/00/006141411234567890/",
        "https://a/01/12312312312333?99=",
        "https://a/01/12312312312333?99=ABC&999=faux",
        "https://a/01/12312312312333/22/ABC%2d123?99=ABC&98=XYZ+987",
        "https://example.com/01/09520123456788?10=ABC123",
        "https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&01=09520123456788",
        "https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&99=XYZ789",
        "https://example.com/01/09520123456788/89/ABC123?99=XYZ",
        "https://example.com/01/09520123456788?99=XYZ&89=ABC123",
        "https://a/01/12312312312333/10/ABC/22/TEST",
        "https://a/01/12312312312334",
        "https://a/01/12312312312333/10/A%00B",
    ]

    @Test(arguments: invalid)
    func refuses(uri: String) {
        #expect(throws: GS1Error.self) { try GS1Message(digitalLinkURI: uri) }
    }

    @Test func ordinaryWebLinksAreText() {
        let interpreter = ScanInterpreter(referenceYear: 2026)
        for link in ["https://example.com/", "https://example.com/menu/today", "http://a", "https://shop.example/01"] {
            let reading = interpreter.interpret(Array(link.utf8))
            #expect(reading.kind == .text && reading.isValid, "\(link)")
        }
    }

    @Test func rendersURIs() throws {
        let message = try GS1Message(humanReadable: "(01)09520123456788(17)201225(10)ABC+1(21)S/1")
        #expect(message.digitalLinkURI() == "https://id.gs1.org/01/09520123456788/10/ABC%2B1/21/S%2F1?17=201225")
        #expect(
            try GS1Message(humanReadable: "(10)ABC(01)09520123456788(3103)000195").digitalLinkURI(
                stem: "https://x.example/")
                == "https://x.example/01/09520123456788/10/ABC?3103=000195")
        #expect(try GS1Message(humanReadable: "(90)X").digitalLinkURI() == nil)
    }
}
