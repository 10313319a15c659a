import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import TallyCore
import TallySync
import TallyTestSupport
import Testing

@testable import TallyCentral

/// The catalog and parties of the back office: each kind checked field by field, stored on both engines, written
/// to the change feed when stations need it, audited, listed, exported; and a product made in the back office sold
/// at a real station.
@Suite("Back office catalog and parties")
struct BackOfficeCatalogTests {
    static let eur = Currency(code: "EUR")!

    static func save(
        _ kind: RecordKind, _ input: [String: String], id: String? = nil, now: Int64 = 1_000, on store: any CentralStore
    ) async throws -> RecordValues {
        try await store.write { db in
            let existing = try id.flatMap { try Records.load(kind, id: $0, now: now, on: db) }
            let values = try Records.checked(kind, input: input, existing: existing, currency: Self.eur, on: db)
            return try Records.save(
                kind, values, existing: existing, actor: "tester", currency: Self.eur, now: now, on: db)
        }
    }

    static func fieldErrors(
        _ kind: RecordKind, _ input: [String: String], id: String? = nil, on store: any CentralStore
    ) async throws -> [String: String] {
        do {
            _ = try await save(kind, input, id: id, on: store)
            return [:]
        } catch let errors as FieldErrors {
            return errors.messages
        }
    }

    static func product(_ store: any CentralStore, _ id: String) async throws -> ProductRecord? {
        try await store.catalogRecord(kind: .product, key: id).map {
            try JSONDecoder().decode(ProductRecord.self, from: Data($0.utf8))
        }
    }

    @Test(arguments: Engine.allCases) func recordsAreCheckedStoredSentToStationsAndAudited(engine: Engine) async throws
    {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        _ = try await Self.save(RecordKinds.taxClass, ["id": "std", "name": "Standard", "rate": "19"], on: store)
        let food = try await Self.save(RecordKinds.category, ["id": "food", "name": "Food"], on: store)
        #expect(food["parent"] == .null)
        _ = try await Self.save(RecordKinds.category, ["id": "dairy", "name": "Dairy", "parent": "food"], on: store)
        let supplier = try await Self.save(
            RecordKinds.supplier,
            ["id": "MILKCO", "name": "Milk Co", "email": " Orders@MilkCo.Example ", "leadTimeDays": "2"], on: store)
        #expect(supplier["email"] == .text("orders@milkco.example") && supplier["overTolerancePercent"] == .integer(0))
        #expect(try await store.supplier(id: "MILKCO")?.name == "Milk Co", "the management API sees the supplier")

        let milk = try await Self.save(
            RecordKinds.product,
            [
                "id": "milk-1l", "name": "Milk 1 l", "category": "dairy", "taxClass": "std", "sellingPrice": "1.19",
                "purchasePrice": "0.70", "barcodes": "4006381333931\n2000000000015", "reorderPoint": "24",
                "reorderQuantity": "48", "preferredSupplier": "MILKCO", "active": "1",
            ], on: store)
        #expect(milk["sellingPrice"] == .integer(119) && milk["purchasePrice"] == .integer(70))
        // GTINs are kept in their 14-digit form, as the stations look them up.
        #expect(milk["barcodes"] == .text("04006381333931\n02000000000015"))
        let record = try #require(try await Self.product(store, "milk-1l"))
        #expect(record.name == "Milk 1 l" && record.taxClassID == "std" && record.active)
        #expect(record.barcodes == ["04006381333931", "02000000000015"])
        #expect(record.prices == [PriceRecord(validFrom: 1_000, amount: 119, currency: "EUR")])

        // A new price is added from the moment it is set; the old one stays in the history.
        _ = try await Self.save(
            RecordKinds.product,
            [
                "name": "Milk 1 l", "taxClass": "std", "sellingPrice": "1.29", "active": "1", "category": "dairy",
                "barcodes": "04006381333931",
            ], id: "milk-1l", now: 5_000, on: store)
        let raised = try #require(try await Self.product(store, "milk-1l"))
        #expect(raised.prices.map(\.amount) == [119, 129] && raised.prices.map(\.validFrom) == [1_000, 5_000])
        #expect(raised.barcodes == ["04006381333931"])
        let details = try #require(
            try await store.read { db in try Records.load(RecordKinds.product, id: "milk-1l", now: 6_000, on: db) })
        #expect(details["category"] == .text("dairy") && details["reorderPoint"] == .null, "a form sends every field")

        // What is wrong is named by its field, and nothing is stored.
        let before = try await store.highestCatalogCursor()
        let errors = try await Self.fieldErrors(
            RecordKinds.product,
            [
                "id": "bad code!", "name": " ", "taxClass": "nope", "sellingPrice": "1.999",
                "barcodes": "4006381333932",
                "category": "no-such", "reorderPoint": "-1",
            ], on: store)
        #expect(Set(errors.keys) == ["id", "name", "taxClass", "sellingPrice", "barcodes", "category", "reorderPoint"])
        #expect(errors["barcodes"]?.contains("check digit") == true)
        #expect(errors["taxClass"] == "there is no tax class nope")
        let taken = try await Self.fieldErrors(
            RecordKinds.product,
            ["name": "Other milk", "taxClass": "std", "sellingPrice": "1", "barcodes": "4006381333931"],
            on: store)
        #expect(taken["barcodes"] == "04006381333931 is a barcode of Milk 1 l (milk-1l) already")
        let again = try await Self.fieldErrors(
            RecordKinds.product, ["id": "milk-1l", "name": "Milk", "taxClass": "std", "sellingPrice": "1"], on: store)
        #expect(again["id"] == "another product has the code milk-1l")
        let loop = try await Self.fieldErrors(
            RecordKinds.category, ["name": "Food", "parent": "dairy"], id: "food", on: store)
        #expect(loop["parent"] == "a category cannot be part of itself")
        #expect(try await store.highestCatalogCursor() == before)

        // Locations reach the stations; their warehouse stays at central.
        _ = try await Self.save(RecordKinds.warehouse, ["id": "north", "name": "North depot"], on: store)
        _ = try await Self.save(
            RecordKinds.location, ["id": "dock-1", "name": "Dock 1", "kind": "receiving", "warehouse": "north"],
            on: store)
        let location = try #require(try await store.catalogRecord(kind: .location, key: "dock-1"))
        #expect(try JSONDecoder().decode(LocationRecord.self, from: Data(location.utf8)).kind == "receiving")
        _ = try await Self.save(
            RecordKinds.customer,
            ["id": "C-1", "name": "Café Rosa", "paymentMethod": "on-account", "creditLimit": "500"], on: store)
        let customerErrors = try await Self.fieldErrors(
            RecordKinds.customer, ["name": "X", "paymentMethod": "barter", "creditLimit": "-5", "email": "nope"],
            on: store)
        #expect(Set(customerErrors.keys) == ["paymentMethod", "creditLimit", "email"])
        // A customer user is a customer central holds.
        for (customer, error) in [("NOPE", "there is no customer NOPE"), ("C-1", nil)] {
            let draft = UserDraft(
                email: "\(customer.lowercased())@example.com", name: "Rosa", role: .customer, customerID: customer,
                password: "correct horse battery")
            do {
                _ = try await store.write { db in try Users.create(draft, cost: 4, actor: "test", now: 1, on: db) }
                #expect(error == nil)
            } catch let errors as FieldErrors {
                #expect(errors["customerID"] == error)
            }
        }

        // Every change is in the audit trail with its before and after, and the chain holds.
        let history = try await store.read { db in
            try Audit.entries(entity: "product", id: "milk-1l", limit: 10, on: db)
        }
        #expect(history.map(\.action) == ["product.update", "product.create"])
        #expect(history[0].before?.contains("\"sellingPrice\":119") == true)
        #expect(history[0].after?.contains("\"sellingPrice\":129") == true)
        #expect(try await store.read { db in try Audit.verify(on: db) }.isIntact)

        // Lists search names, codes and barcodes, and sort.
        let found = try await store.read { db in
            try Records.list(
                RecordKinds.product, query: "0400638", sort: "name", descending: false, limit: 25, offset: 0,
                now: 6_000,
                on: db)
        }
        #expect(found.total == 1 && found.rows.first?["id"] == .text("milk-1l"))
        let keys = try await store.read { db in
            try Records.list(
                RecordKinds.product, query: "prices", sort: "name", descending: false, limit: 25, offset: 0, now: 6_000,
                on: db)
        }
        #expect(keys.total == 0, "the record's JSON keys are not searched")
        let categories = try await store.read { db in
            try Records.list(
                RecordKinds.category, query: "", sort: "name", descending: true, limit: 25, offset: 0, now: 0, on: db)
        }
        #expect(categories.rows.map { $0["id"] } == [.text("food"), .text("dairy")])
    }

    @Test func fieldTextReadsWhatPeopleType() {
        let rate = RecordKinds.taxClass.field("rate")!
        #expect(FieldText.percentMillionths("19") == 190_000)
        #expect(FieldText.percentMillionths("7.5") == 75_000)
        #expect(FieldText.percentMillionths("5.5 %") == 55_000)
        #expect(FieldText.percentMillionths("100.0001") == nil)
        #expect(FieldText.percentMillionths("1e2") == nil)
        #expect(FieldText.format(.integer(75_000), rate, currency: Self.eur) == "7.5")
        let price = RecordKinds.product.field("sellingPrice")!
        #expect(FieldText.format(.integer(5), price, currency: Self.eur) == "0.05")
        let barcodes = RecordKinds.product.field("barcodes")!
        guard case .success(let codes) = FieldText.parse("036000291452, SHELF-7", barcodes, currency: Self.eur) else {
            Issue.record("a UPC-A and a store label are barcodes")
            return
        }
        #expect(codes == .text("00036000291452\nSHELF-7"))
    }

    @Test(arguments: Engine.allCases) func aProductMadeInTheBackOfficeSellsAtAStation(engine: Engine) async throws {
        let password = BackOfficeWebTests.password
        try await BackOfficeWebTests.withApp(engine) { client, temporary, _ in
            let store = temporary.store
            let url = "http://127.0.0.1:\(try #require(client.port))"
            var manager = WebClient(client)
            #expect(try await manager.signIn("manager@example.com", password).status == .seeOther)
            let csrf = try #require(WebClient.csrf(try await manager.send(.get, "/app/products/new")))
            let taxClass = try await manager.send(
                .post, "/app/tax-classes", form: ["_csrf": csrf, "id": "std", "name": "Standard", "rate": "19"])
            #expect(taxClass.status == .seeOther && taxClass.headers[.location] == "/app/tax-classes/std?added=1")

            // A mistake is shown by its field, with what was typed kept.
            let wrong = try await manager.send(
                .post, "/app/products",
                form: ["_csrf": csrf, "id": "pen", "name": "Pen", "taxClass": "std", "sellingPrice": "1,5"])
            let page = WebClient.text(wrong)
            #expect(wrong.status == .unprocessableContent)
            #expect(
                page.contains(
                    "id=\"f-sellingPrice\" name=\"sellingPrice\" type=\"text\" inputmode=\"decimal\" value=\"1,5\" aria-invalid=\"true\""
                ))
            #expect(page.contains("an amount in EUR such as 12.50"))

            let made = try await manager.send(
                .post, "/app/products",
                form: [
                    "_csrf": csrf, "id": "pen", "name": "Ballpoint pen", "taxClass": "std", "sellingPrice": "1.50",
                    "barcodes": "4006381333931", "active": "1", "unit": "piece",
                ])
            #expect(made.status == .seeOther && made.headers[.location] == "/app/products/pen?added=1")
            let list = WebClient.text(try await manager.send(.get, "/app/products?q=ballpoint"))
            #expect(list.contains("<a href=\"/app/products/pen\">pen</a></td><td>Ballpoint pen</td>"))
            let csv = WebClient.text(try await manager.send(.get, "/app/products.csv"))
            #expect(csv.hasPrefix("id,name,description,category,unit,taxClass,sellingPrice,purchasePrice,barcodes,"))
            #expect(csv.contains("pen,Ballpoint pen,,,piece,std,1.50,,04006381333931,,,,1\r\n"))

            // Suppliers come from a spreadsheet; a file with a mistake imports nothing and says where it is.
            let wrongFile = try await manager.upload(
                "/app/suppliers/import", fields: ["_csrf": csrf],
                file: (
                    "file", "suppliers.csv",
                    "id,name,email,leadTimeDays\nFRESH,Fresh Farms,orders@fresh.example,3\nBOLT,Bolt & Co,bolt,x\n"
                ))
            #expect(wrongFile.status == .unprocessableContent)
            let report = WebClient.text(wrongFile)
            #expect(
                report.contains(
                    "<tr><td>3</td><td>email</td><td>enter an e-mail address such as name@example.com</td></tr>"))
            #expect(report.contains("<tr><td>3</td><td>leadTimeDays</td><td>a whole number from 0 to 365</td></tr>"))
            #expect(try await store.supplier(id: "FRESH") == nil)
            let goodFile = try await manager.upload(
                "/app/suppliers/import", fields: ["_csrf": csrf],
                file: (
                    "file", "suppliers.csv",
                    "id,name,email,leadTimeDays\nFRESH,Fresh Farms,orders@fresh.example,3\nBOLT,Bolt & Co,bolt@bolt.example,\n"
                ))
            #expect(
                goodFile.status == .ok
                    && WebClient.text(goodFile).contains("2 added, 0 changed, 0 unchanged, of 2 rows"))
            let forged = try await manager.upload(
                "/app/suppliers/import", fields: ["_csrf": "forged"], file: ("file", "s.csv", "id,name\nX,X\n"))
            let forgedStored = try await store.supplier(id: "X")
            #expect(forged.status == .forbidden && forgedStored == nil)

            // A cashier sees the product and cannot change it.
            var cashier = WebClient(client)
            #expect(try await cashier.signIn("cashier@example.com", password).status == .seeOther)
            let seen = WebClient.text(try await cashier.send(.get, "/app/products/pen"))
            #expect(seen.contains("Ballpoint pen") && !seen.contains("<button type=\"submit\">Save</button>"))
            let refused = try await cashier.send(
                .post, "/app/products/pen", form: ["_csrf": WebClient.csrf(try await cashier.send(.get, "/app")) ?? ""])
            #expect(refused.status == .forbidden)

            // A station pulls the product, sells it under its EAN-13, and central books the sale.
            let code = Secrets.enrolmentCode()
            _ = try await store.createStation(
                name: "Front till", codeHash: Secrets.hashCode(code), expiresAt: Central.now() + 60_000,
                now: Central.now())
            let synced = try SyncedStation()
            _ = try await synced.engine.enroll(centralURL: url + "/", code: code.lowercased())
            try await synced.engine.round()
            try await synced.sell(["4006381333931"])
            try await synced.engine.round()
            #expect(try await store.stock(productID: "pen").map(\.quantity) == [-1])

            // A price changed through the API reaches the station at its next pull.
            let tokenPage = try await manager.send(
                .post, "/app/account/tokens", form: ["_csrf": csrf, "name": "script"])
            let token = try #require(
                WebClient.text(tokenPage).components(separatedBy: "id=\"new-token\">").dropFirst().first
                    .map { String($0.prefix { $0 != "<" }) })
            let patched = try await manager.send(
                .patch, "/api/v1/products/pen", bearer: token,
                json: #"{"sellingPrice": 175, "description": "Blue ink"}"#)
            #expect(patched.status == .ok)
            #expect(WebClient.text(patched).contains("\"sellingPrice\":175"))
            let badPatch = try await manager.send(
                .patch, "/api/v1/products/pen", bearer: token, json: #"{"sellingPrice": "cheap", "colour": "red"}"#)
            #expect(badPatch.status == .unprocessableContent)
            #expect(WebClient.text(badPatch).contains("product has no field colour"))
            try await synced.engine.round()
            let price = try #require(
                try synced.database.lookup(code: "04006381333931", at: Central.now() + 1, currency: SyncedStation.eur))
            #expect(price.unitPrice.minorUnits == 175)
            let created = try await manager.send(
                .post, "/api/v1/customers", bearer: token, json: #"{"name": "Café Rosa", "creditLimit": 50000}"#)
            #expect(created.status == .created && WebClient.text(created).contains("\"paymentMethod\":\"card\""))
        }
    }

    static func importCSV(
        _ kind: RecordKind, _ text: String, now: Int64 = 2_000, on store: any CentralStore
    ) async throws
        -> RecordImport.Report
    {
        try await RecordImport.run(kind, text: text, actor: "tester", currency: Self.eur, now: now, database: store)
    }

    @Test(arguments: Engine.allCases) func aCSVFileImportsWholeOrNotAtAll(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        _ = try await Self.save(RecordKinds.taxClass, ["id": "std", "name": "Standard", "rate": "19"], on: store)
        let categories = try await Self.importCSV(
            RecordKinds.category, "\u{FEFF}id;name;parent\r\nfood;Food;\r\ndairy;Dairy;food\r\n", on: store)
        #expect(categories.imported && categories.added == 2, "a spreadsheet's semicolons and byte order mark")

        let bad = """
            id,name,taxClass,sellingPrice,barcodes,category
            milk,Milk 1 l,std,1.19,4006381333931,dairy
            cream,Cream,std,2.49,4006381333931,dairy
            butter,,std,abc,,cheese
            milk,Milk again,std,1.00,,
            """
        let rejected = try await Self.importCSV(RecordKinds.product, bad, on: store)
        #expect(!rejected.imported && rejected.added == 0)
        #expect(
            rejected.problems.map { "\($0.row) \($0.field ?? "")" } == [
                "3 barcodes", "4 category", "4 name", "4 sellingPrice", "5 id",
            ])
        #expect(rejected.problems[0].message == "04006381333931 is a barcode of Milk 1 l (milk) already")
        #expect(try await store.catalogRecord(kind: .product, key: "milk") == nil, "nothing of the file is stored")

        let good = """
            id,name,taxClass,sellingPrice,barcodes,category,reorderPoint
            milk,Milk 1 l,std,1.19,4006381333931,dairy,10
            cream,Cream,std,2.49,4000417025005,dairy,
            """
        let imported = try await Self.importCSV(RecordKinds.product, good, on: store)
        #expect(imported.imported && imported.added == 2 && imported.problemCount == 0)
        #expect(try await Self.product(store, "cream")?.barcodes == ["04000417025005"])
        #expect(try await Self.product(store, "cream")?.active == true, "a column left out takes the field's default")

        // Only the columns in the file change; the same file again changes nothing.
        let barcodes = try await Self.importCSV(
            RecordKinds.product, "id,barcodes\nmilk,4006381333931 SHELF-1\n", on: store)
        #expect(barcodes.changed == 1)
        #expect(try await Self.product(store, "milk")?.barcodes == ["04006381333931", "SHELF-1"])
        #expect(try await Self.product(store, "milk")?.prices.map(\.amount) == [119])
        let again = try await Self.importCSV(
            RecordKinds.product, "id,barcodes\nmilk,4006381333931 SHELF-1\n", on: store)
        #expect(again.imported && again.unchanged == 1 && again.changed == 0)

        // The list's export imports back as it is.
        let exported = try await store.read { db in
            try Records.list(
                RecordKinds.product, query: "", sort: "id", descending: false, limit: 100, offset: 0, now: 3_000, on: db
            )
        }
        let csv = CSV.text(
            header: RecordKinds.product.fields.map(\.key),
            rows: exported.rows.map { values in
                RecordKinds.product.fields.map {
                    FieldText.format(values[$0.key] ?? .null, $0, currency: Self.eur, codeSeparator: " ")
                }
            })
        let roundTrip = try await Self.importCSV(RecordKinds.product, csv, now: 3_000, on: store)
        #expect(roundTrip.imported && roundTrip.unchanged == 2, "\(roundTrip)")

        let unknown = try await Self.importCSV(RecordKinds.supplier, "id,name,colour\nA,Acme,red\n", on: store)
        #expect(unknown.problems.first?.row == 1 && unknown.problems.first?.field == "colour")
        let history = try await store.read { db in try Audit.entries(entity: "product", id: "milk", limit: 10, on: db) }
        #expect(history.map(\.action) == ["product.update", "product.create"])
    }
}
