import Foundation
import TallySync
import Testing

@testable import TallyCentral

@Suite("Catalog files")
struct CatalogImportTests {
    static let taxClass =
        #"{"kind":"tax-class","record":{"id":"std","name":"Standard","treatment":"taxed","ratePPM":190000,"isStandard":true}}"#

    static func product(_ id: String, taxClass: String = "std", price: Int = 119) -> String {
        #"{"kind":"product","record":{"id":"\#(id)","name":"Milk","unit":"piece","taxClassID":"\#(taxClass)","active":true,"barcodes":["0400638133393\#(id.count)"],"prices":[{"validFrom":0,"amount":\#(price),"currency":"EUR"}]}}"#
    }

    func read(_ lines: [String], known: Set<String> = []) async throws -> CatalogImport {
        try await CatalogImport.read(Data(lines.joined(separator: "\n").utf8)) { known.contains($0) }
    }

    @Test func aGoodFileIsStoredTaxClassesFirst() async throws {
        let catalog = try await read([
            Self.product("p-1"), "", Self.taxClass, #"{"kind":"product","key":"p-9","removed":true}"#,
        ])
        #expect(catalog.writes.map(\.kind) == [.taxClass, .product, .product])
        #expect(catalog.writes.last?.payload == nil)
        #expect(catalog.counts == [.taxClass: 1, .product: 2])
    }

    @Test func aFileWithBadLinesImportsNothingAndNamesEveryOne() async throws {
        let problems = await #expect(throws: CatalogImport.Problems.self) {
            try await read([
                Self.taxClass,
                Self.product("p-1"),
                Self.product("p-1"),
                Self.product("p-2", taxClass: "reduced"),
                Self.product("p-3", price: -5),
                #"{"kind":"pallet","record":{}}"#,
                "not json",
                #"{"kind":"product","record":{"id":"p-4"}}"#,
            ])
        }
        let lines = problems?.lines.map(\.line) ?? []
        #expect(lines == [3, 4, 5, 6, 7, 8], "\(String(describing: problems))")
        let text = problems?.description ?? ""
        #expect(text.contains("nothing was imported; 6 line(s) need fixing"))
        #expect(text.contains("line 3: product p-1 is on line 2 already"))
        #expect(
            text.contains("line 4: product p-2 names tax class reduced, which is neither in the file nor at central"))
        #expect(text.contains("line 5: product p-3: a price is negative"))
        #expect(text.contains("unknown kind pallet"))
        #expect(text.contains("line 8: record.name is missing"))
    }

    @Test func aTaxClassCentralHoldsAlreadyMayBeNamed() async throws {
        let catalog = try await read([Self.product("p-1", taxClass: "reduced")], known: ["reduced"])
        #expect(catalog.writes.count == 1)
    }
}
