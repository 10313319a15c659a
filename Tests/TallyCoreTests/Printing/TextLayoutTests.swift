import TallyCore
import Testing

/// How blocks are laid out, through the plain-text renderer at its narrowest and a common width.
@Suite struct TextLayoutTests {
    func render(_ blocks: [PrintDocument.Block], width: Int = 24) throws -> [String] {
        try #require(PlainTextRenderer(width: width)).lines(of: PrintDocument(blocks))
    }

    @Test func aLongNameWrapsAndTheAmountEndsItsLastLine() throws {
        #expect(
            try render([.pair("Organic whole grain spelt bread sliced", "12.49 A")]) == [
                "Organic whole",
                "grain spelt",
                "bread sliced     12.49 A",
            ])
        #expect(try render([.pair("Milk", "1.19 B")]) == ["Milk              1.19 B"])
    }

    @Test func aWordLongerThanALineIsSplit() throws {
        #expect(
            try render([.line("Supercalifragilisticexpialidocious!")]) == ["Supercalifragilisticexpi", "alidocious!"])
        #expect(
            try render([.pair("Donaudampfschifffahrtsgesellschaft", "1.00")]) == [
                "Donaudampfschifffah",
                "rtsgesellschaft     1.00",
            ])
    }

    @Test func anAmountTooWideForAColumnTakesItsOwnLine() throws {
        #expect(
            try render([.pair("Receipt 123", "2026-11-21 14:03")]) == ["Receipt 123", "        2026-11-21 14:03"])
    }

    @Test func widthCountsCharactersNotBytes() throws {
        // "€" is three bytes of UTF-8 and "é" two, or two scalars when decomposed; each is one column.
        let lines = try render([.pair("Crème brûlée", "5.00 €"), .pair("Cafe\u{301}", "2.50 €")])
        #expect(lines == ["Crème brûlée      5.00 €", "Café              2.50 €"])
        #expect(lines.allSatisfy { $0.count == 24 })
    }

    @Test func indentationIsKeptAndControlCharactersBecomeSpaces() throws {
        #expect(try render([.line("  3 x 1.99")]) == ["  3 x 1.99"])
        #expect(try render([.line("Tab\there\nnewline")]) == ["Tab here newline"])
        #expect(try render([.line("")]) == [""])
        #expect(try render([.line(String(repeating: " ", count: 30) + "x")]) == ["x"])
    }

    @Test func tableRowsLineUpAndFallBackWhenTheyCannotFit() throws {
        #expect(
            try render([.columns(["Rate", "Net", "Tax", "Gross"]), .columns(["A 19%", "8.79", "1.67", "10.46"])])
                == ["Rate     Net   Tax Gross", "A 19%   8.79  1.67 10.46"])
        #expect(
            try render([.columns(["C outside scope", "1.00", "0.00", "1.00"])]) == [
                "C outside scope", "        1.00  0.00  1.00",
            ])
        #expect(
            try render([.columns(["B 7%", "123456.78", "0.00", "1.00"])]) == ["B 7% 123456.78 0.00 1.00"])
    }

    @Test func centredBlocksAndRules() throws {
        #expect(
            try render([.title("Shop"), .centered("Thank you"), .rule, .blank, .bold(true), .cut]) == [
                "          Shop", "       Thank you", String(repeating: "-", count: 24), "",
            ])
        #expect(
            try render([.barcode("TLR-TILL1-000123-5B"), .copyMarker]) == [
                "  TLR-TILL1-000123-5B", "      *** COPY ***",
            ])
    }
}
