import TallyCore
import Testing

@Suite struct PlainTextReceiptTests {
    func saleReceipt(width: Int, isCopy: Bool = false) throws -> String {
        let renderer = try #require(PlainTextRenderer(width: width))
        let document = try ReceiptLayout.sale(
            PrintingFixtures.sale(), header: PrintingFixtures.header, details: PrintingFixtures.details(isCopy: isCopy))
        return renderer.render(document)
    }

    @Test func saleReceiptAt42Columns() throws {
        let expected = """
                       Hansen's Corner Shop
                          Marktstraße 12
                           10115 Berlin
                        Tax ID DE123456789

            Receipt 123               2026-11-21 14:03
            Station TILL1                Operator Anna
            ------------------------------------------
            Whole milk 1 l                      1.19 B
            Dish soap Lemon Fresh Extra Large
            Family Pack 1.5 l                   4.49 A
            Käse Gouda mittelalt                6.91 B
              0.532 kg x 12.99/kg
            Café crème capsules                 5.97 A
              3 x 1.99
            ------------------------------------------
            TOTAL EUR                            18.56
            ------------------------------------------
            Rate               Net       Tax     Gross
            A 19%             8.79      1.67     10.46
            B 7%              7.57      0.53      8.10
            ------------------------------------------
            Card                                 10.00
              Ref A1B2C3
            Cash                                 10.00
            Change                                1.45
            Cash rounding                        -0.01

                     Thank you for shopping!
                       Gift cards from 5 €

                       TLR-TILL1-000123-5B

            """
        #expect(try saleReceipt(width: 42) == expected)
    }

    @Test func saleReceiptAt48Columns() throws {
        let expected = """
                          Hansen's Corner Shop
                             Marktstraße 12
                              10115 Berlin
                           Tax ID DE123456789

            Receipt 123                     2026-11-21 14:03
            Station TILL1                      Operator Anna
            ------------------------------------------------
            Whole milk 1 l                            1.19 B
            Dish soap Lemon Fresh Extra Large Family
            Pack 1.5 l                                4.49 A
            Käse Gouda mittelalt                      6.91 B
              0.532 kg x 12.99/kg
            Café crème capsules                       5.97 A
              3 x 1.99
            ------------------------------------------------
            TOTAL EUR                                  18.56
            ------------------------------------------------
            Rate                     Net       Tax     Gross
            A 19%                   8.79      1.67     10.46
            B 7%                    7.57      0.53      8.10
            ------------------------------------------------
            Card                                       10.00
              Ref A1B2C3
            Cash                                       10.00
            Change                                      1.45
            Cash rounding                              -0.01

                        Thank you for shopping!
                          Gift cards from 5 €

                          TLR-TILL1-000123-5B

            """
        #expect(try saleReceipt(width: 48) == expected)
    }

    @Test(arguments: [24, 32, 42, 48, 64, 80])
    func everyLineFitsItsWidth(width: Int) throws {
        let renderer = try #require(PlainTextRenderer(width: width))
        let documents = [
            try ReceiptLayout.sale(
                PrintingFixtures.sale(), header: PrintingFixtures.header,
                details: PrintingFixtures.details(isCopy: true)),
            try ReceiptLayout.refund(
                PrintingFixtures.refund(), header: PrintingFixtures.header,
                details: PrintingFixtures.details(number: 124)),
            try ReportLayout.period(
                PrintingFixtures.report(), shopName: "Hansen's Corner Shop", utcOffsetSeconds: 3600),
        ]
        for document in documents {
            for line in renderer.lines(of: document) {
                #expect(line.count <= width, "\(line)")
                #expect(line.last != " ", "\(line)")
            }
        }
    }

    @Test func aCopyIsMarkedAtTopAndBottom() throws {
        let lines = try saleReceipt(width: 42, isCopy: true).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "               *** COPY ***")
        #expect(lines.dropLast().last == "               *** COPY ***")
        #expect(lines.filter { $0.contains("COPY") }.count == 2)
        #expect(try !saleReceipt(width: 42).contains("COPY"))
    }

    @Test func widthsOutsideTheReadableRangeAreRefused() {
        #expect(PlainTextRenderer(width: 23) == nil)
        #expect(PlainTextRenderer(width: 81) == nil)
        #expect(PlainTextRenderer(width: 24)?.width == 24)
        #expect(PlainTextRenderer(paper: .mm58).width == 32)
        #expect(PlainTextRenderer(paper: .mm80).width == 48)
    }

    @Test func paperWidths() {
        #expect(PaperWidth.mm80.printableDots == 576)
        #expect(PaperWidth.mm58.printableDots == 384)
        #expect(PaperWidth.mm80.fontAColumns == 48)
        #expect(PaperWidth.mm58.fontAColumns == 32)
        #expect(PaperWidth.mm80.fontBColumns == 64)
        #expect(PaperWidth.mm58.fontBColumns == 42)
    }
}
