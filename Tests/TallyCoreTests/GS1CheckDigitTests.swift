import Testing
import TallyCore

@Test func gtin13CheckDigit() {
    #expect(GS1CheckDigit.isValid(Array("4006381333931".utf8)))
}
