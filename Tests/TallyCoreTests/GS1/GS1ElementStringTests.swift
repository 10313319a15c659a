import Testing

@testable import TallyCore

/// Element strings as scanners send them, from GS1's own examples (General Specifications, the syntax engine's
/// scan-data tests) and one or more per kind of AI: fixed and variable length, check digits, dates with and
/// without day 00, implied decimals with and without currency, code lists, optional components, composites.
@Suite struct GS1ElementStringTests {
    static let valid: [(scan: String, hri: String)] = [
        // The syntax engine's example message in each GS1 symbology.
        ("]C1011231231231233310ABC123\u{1D}99TESTING", "(01)12312312312333(10)ABC123(99)TESTING"),
        ("]Q3011231231231233310ABC123\u{1D}99TESTING", "(01)12312312312333(10)ABC123(99)TESTING"),
        ("]d2011231231231233310ABC123\u{1D}99TESTING", "(01)12312312312333(10)ABC123(99)TESTING"),
        ("]e0011231231231233310ABC123\u{1D}99TESTING", "(01)12312312312333(10)ABC123(99)TESTING"),
        ("]J1011231231231233310ABC123\u{1D}99TESTING", "(01)12312312312333(10)ABC123(99)TESTING"),
        // Without a symbology identifier, FNC1 in first position sent as GS.
        ("\u{1D}011231231231233310ABC123\u{1D}99TESTING", "(01)12312312312333(10)ABC123(99)TESTING"),
        // GS1 DataBar with its composite component, and EAN-13 with a composite (syntax engine examples).
        (
            "]e0011231231231233310ABC123\u{1D}99TESTING\u{1D}98COMPOSITE\u{1D}97XYZ",
            "(01)12312312312333(10)ABC123(99)TESTING(98)COMPOSITE(97)XYZ"
        ),
        ("]E00416000336108|]e099COMPOSITE", "(01)00416000336108(99)COMPOSITE"),
        ("]E00416000336108|]e010LOT7\u{1D}17261231", "(01)00416000336108(10)LOT7(17)261231"),
        // SSCC on a pallet label with a count of trade items and their GTIN.
        (
            "]C1" + "00" + "106141411234567897" + "02" + "00012345678905" + "37" + "120",
            "(00)106141411234567897(02)00012345678905(37)120"
        ),
        // A superfluous FNC1 after a predefined-length AI is tolerated, as GS1's syntax engine does.
        ("]C10109506000134352\u{1D}17201225\u{1D}10ABC123", "(01)09506000134352(17)201225(10)ABC123"),
        // Day 00 in dates that allow it (production, best before, expiry).
        ("]C1" + "01" + "09506000134352" + "11" + "261200", "(01)09506000134352(11)261200"),
        ("]C1" + "01" + "09506000134352" + "15" + "261200", "(01)09506000134352(15)261200"),
        ("]C1" + "01" + "09506000134352" + "17" + "240229", "(01)09506000134352(17)240229"),
        // Variable measure: net weight with 2 and 3 decimals, price without and with currency.
        (
            "]e0" + "01" + "90012345678908" + "3102" + "001750" + "3922" + "299",
            "(01)90012345678908(3102)001750(3922)299"
        ),
        (
            "]e0" + "01" + "90012345678908" + "3103" + "001250" + "3932" + "978129",
            "(01)90012345678908(3103)001250(3932)978129"
        ),
        // Date and time, country of origin, dimensions, temperature with its optional minus sign.
        (
            "]C1" + "01" + "09506000134352" + "7003" + "2612311530" + "\u{1D}" + "422" + "276",
            "(01)09506000134352(7003)2612311530(422)276"
        ),
        ("]C1" + "01" + "09506000134352" + "8001" + "08600120000110", "(01)09506000134352(8001)08600120000110"),
        (
            "]C1" + "00" + "106141411234567897" + "4330" + "003276-" + "\u{1D}" + "4332" + "001234",
            "(00)106141411234567897(4330)003276-(4332)001234"
        ),
        // Serial number and production date and time.
        (
            "]d2" + "01" + "09506000134352" + "21" + "8765" + "\u{1D}" + "8008" + "261231120000",
            "(01)09506000134352(21)8765(8008)261231120000"
        ),
        // A GMN with its check character pair, a CPID in CSET 39 with its serial, a DIGSIG in base64url, a
        // percent-encoded address, an IBAN payable to a GLN, a coupon code.
        ("]d2" + "8013" + "1987654Ad4X4bL5ttr2310c2K", "(8013)1987654Ad4X4bL5ttr2310c2K"),
        ("]C1" + "8010" + "0614141ABC-123" + "\u{1D}" + "8011" + "123", "(8010)0614141ABC-123(8011)123"),
        (
            "]d2" + "01" + "09506000134352" + "21" + "ABC" + "\u{1D}" + "8030" + "Zg9v_YmFy-MTIz",
            "(01)09506000134352(21)ABC(8030)Zg9v_YmFy-MTIz"
        ),
        ("]C1" + "00" + "106141411234567897" + "4300" + "ACME%20Corp", "(00)106141411234567897(4300)ACME%20Corp"),
        (
            "]C1" + "415" + "5412345678908" + "8020" + "ABC123" + "\u{1D}" + "8007" + "DE91100000000123456789",
            "(415)5412345678908(8020)ABC123(8007)DE91100000000123456789"
        ),
        ("]C1" + "8110" + "012345612345611110123", "(8110)012345612345611110123"),
        // CSET 82 punctuation, and a bracket in a value.
        ("]C1" + "01" + "09506000134352" + "10" + "A-B/C.D_E(1)", "(01)09506000134352(10)A-B/C.D_E\\(1)"),
    ]

    @Test(arguments: valid)
    func readsValidScans(scan: String, hri: String) throws {
        let reading = ScanInterpreter(referenceYear: 2026).interpret(Array(scan.utf8))
        #expect(reading.error == nil, "\(reading.error.map(String.init(describing:)) ?? "")")
        guard case .gs1(let message) = reading.content else {
            Issue.record("not read as GS1: \(reading.kind)")
            return
        }
        #expect(message.humanReadable == hri)
        // The human-readable text and the canonical element string both give the message back.
        #expect(try GS1Message(humanReadable: hri) == message)
        #expect(try GS1Message(elementString: Array(message.elementString.utf8)) == message)
    }

    static let invalid: [(scan: String, reason: String)] = [
        ("]C1", "holds no GS1 data"),
        ("]C10112312312312334", "AI (01): the check digit should be 3"),
        ("]C1011231231231233", "AI (01) is too short"),
        ("]C110ABC", "AI (10) must come with one of (01), (02), (03), (8006), (8026)"),
        ("]C1" + "01" + "12312312312333" + "02" + "00012345678905", "AI (02) may not appear together with AI (01)"),
        ("]C1011231231231233310A\u{1D}10B", "AI (10) appears twice with different values"),
        ("]C1011231231231233317261332", "AI (17)"),
        ("]C1011231231231233317250229", "AI (17)"),
        ("]C101123123123123337006261200", "AI (7006)"),
        ("]C1011231231231233310ABCDEFGHIJKLMNOPQRSTU", "AI (10) is too long: 21 characters, at most 20"),
        ("]C12345XX", "no GS1 Application Identifier starts at \"2345XX\""),
        ("]C10112312312312333A", "no GS1 Application Identifier starts at \"A\""),
        ("]C1011231231231233310AB\u{7F}C", "AI (10)"),
        ("]C1011231231231233310AB C", "AI (10)"),
        ("]C1019001234567890831020017503932000129", "AI (3932)"),
        ("]C1011231231231233331000012343101001235", "AI (3100) may not appear together with AI (3101)"),
        ("]C1011231231231233321A\u{1D}235B", "AI (21) may not appear together with AI (235)"),
        ("]C1011231231231233339220299", "AI (3922) must come with one of (30), (31nn), (32nn), (35nn), (36nn)"),
        ("]E00416000336108|]e010", "AI (10) has no value"),
        ("]d2" + "8013" + "1987654Ad4X4bL5ttr2310cXK", "AI (8013)"),
        ("]C1" + "8010" + "0614141abc", "AI (8010)"),
        ("]d2" + "01" + "09506000134352" + "21" + "ABC" + "\u{1D}" + "8030" + "Zg9v+YmFy", "AI (8030)"),
        ("]C1" + "00" + "106141411234567897" + "4300" + "ACME%2GCorp", "AI (4300)"),
        (
            "]C1" + "415" + "5412345678908" + "8020" + "ABC123" + "\u{1D}" + "8007" + "DE91100000000123456788",
            "AI (8007)"
        ),
        ("]C1" + "8110" + "0123456123456", "AI (8110)"),
    ]

    @Test(arguments: invalid)
    func refusesInvalidScansWithAReason(scan: String, reason: String) {
        let reading = ScanInterpreter(referenceYear: 2026).interpret(Array(scan.utf8))
        #expect(reading.kind == .gs1)
        #expect(!reading.isValid)
        let message = reading.error.map(String.init(describing:)) ?? "no error"
        #expect(message.contains(reason), "\(message)")
    }

    @Test func aSeparatorIsNeededOnlyAfterVariableLengthValues() throws {
        let message = try GS1Message(humanReadable: "(10)ABC(01)12312312312333(3103)000195(21)X1(17)261231")
        #expect(message.elementString == "10ABC\u{1D}01123123123123333103000195" + "21X1\u{1D}17261231")
    }
}
