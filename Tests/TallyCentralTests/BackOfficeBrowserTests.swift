import Foundation
import Hummingbird
import HummingbirdTesting
import TallyCore
import TallyTestSupport
import Testing

@testable import TallyCentral

/// The back office in Debian's headless Chromium: every role signs in through the form and sees its own start page;
/// an administrator adds a user with a mistake and sees it next to the field; the pages work from the keyboard,
/// keep readable contrast and fit a phone. Screenshots are saved (the folder is printed).
@Suite("Back office in a browser")
struct BackOfficeBrowserTests {
    @Test func everyRoleSignsInAndAnAdministratorAddsAUser() async throws {
        let executable = try #require(
            Chromium.executable(),
            "Chromium is missing: install Debian's \(Chromium.package) package (scripts/install-deps does)")
        let screenshots = NSTemporaryDirectory() + "tally-back-office-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: screenshots, withIntermediateDirectories: true)
        print("back office: screenshots and the browser's log in \(screenshots)")

        try await BackOfficeWebTests.withApp(.sqlite) { client, temporary, _ in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let browser = try Chromium(
                executable: executable, folder: screenshots, logPath: screenshots + "/chromium.log")
            defer { browser.close() }

            for role in Role.allCases {
                let page = try await browser.newPage(width: 1280, height: 800)
                try await page.navigate(base + "/app/users")
                // Signed out: the sign-in form, which comes back to the page asked for when the role may see it.
                #expect(await page.wait(until: "location.pathname === '/sign-in' && document.getElementById('email')"))
                try await page.evaluate(
                    """
                    document.getElementById('email').value = \(BrowserPage.literal("\(role.rawValue)@example.com"));
                    document.getElementById('password').value = \(BrowserPage.literal(BackOfficeWebTests.password));
                    """)
                try await page.click("form.card button[type=submit]")
                // Back to the page asked for: its list, or the refusal for a role it is not for.
                #expect(
                    await page.wait(until: "location.pathname === '/app/users' && document.querySelector('h1')"),
                    "\(role): signed in")
                let heading = try await page.evaluate("document.querySelector('h1').textContent") as? String
                #expect(heading == (role.can(.manageUsers) ? "Users" : "Not allowed"), "\(role): \(heading ?? "")")
                try await page.navigate(base + "/app")
                #expect(await page.wait(until: "document.querySelector('h1')?.textContent.startsWith('Welcome')"))
                let links =
                    try await page.evaluate(
                        "[...document.querySelectorAll('nav[aria-label=Main] a')].map(a => a.getAttribute('href'))")
                    as? [String] ?? []
                let offered = WebApp.links.filter { role.can($0.permission) }.map(\.href)
                #expect(links == ["/app"] + offered + ["/app/account"], "\(role): navigation \(links)")
                try await page.screenshot(to: screenshots + "/start-\(role.rawValue).png")
                // The browser's tabs share their cookies: sign out before the next role signs in.
                try await page.click("header form[action=\"/sign-out\"] button")
                #expect(await page.wait(until: "location.pathname === '/sign-in'"), "\(role): signed out")
            }

            // The administrator adds a user with a mistake, sees it by the field, corrects it.
            let page = try await browser.newPage(width: 1280, height: 900)
            try await page.navigate(base + "/sign-in")
            #expect(await page.wait(until: "document.getElementById('email')"))
            try await page.evaluate(
                """
                document.getElementById('email').value = 'admin@example.com';
                document.getElementById('password').value = \(BrowserPage.literal(BackOfficeWebTests.password));
                """)
            try await page.click("form.card button[type=submit]")
            #expect(await page.wait(until: "location.pathname === '/app'"))
            try await page.navigate(base + "/app/users")
            #expect(await page.wait(until: "document.querySelector('form[action=\"/app/users\"][method=post]')"))
            try await page.evaluate(
                """
                document.getElementById('email').value = 'sam@example';
                document.getElementById('name').value = 'Sam Rivera';
                document.getElementById('role').value = 'dock-clerk';
                document.getElementById('password').value = 'a long enough password';
                """)
            try await page.click("form[action=\"/app/users\"][method=post] button[type=submit]")
            #expect(await page.wait(until: "document.getElementById('email-error')"))
            let error =
                try await page.evaluate(
                    """
                    (() => { const input = document.getElementById('email');
                      return [input.getAttribute('aria-invalid'), input.getAttribute('aria-describedby'),
                              input.nextElementSibling.id, input.nextElementSibling.textContent,
                              document.getElementById('name').value, document.getElementById('role').value]; })()
                    """) as? [String]
            #expect(
                error == [
                    "true", "email-error", "email-error", "enter an e-mail address such as name@example.com",
                    "Sam Rivera", "dock-clerk",
                ])
            try await page.screenshot(to: screenshots + "/users-field-error.png")
            try await page.evaluate(
                """
                document.getElementById('email').value = 'sam@example.com';
                document.getElementById('password').value = 'a long enough password';
                """)
            try await page.click("form[action=\"/app/users\"][method=post] button[type=submit]")
            #expect(await page.wait(until: "document.querySelector('.notice')?.textContent === 'The user was added.'"))
            try await page.screenshot(to: screenshots + "/user-added.png")
            let added = try await temporary.store.read { db in try Users.user(email: "sam@example.com", on: db) }
            #expect(added?.role == .dockClerk)

            // Keyboard: the first Tab reaches the link that skips the navigation, and it shows.
            try await page.navigate(base + "/app/users")
            #expect(await page.wait(until: "document.querySelector('h1')"))
            for type in ["keyDown", "keyUp"] {
                try await page.send(
                    "Input.dispatchKeyEvent",
                    ["type": type, "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9])
            }
            let focused =
                try await page.evaluate(
                    "[document.activeElement.className, document.activeElement.getBoundingClientRect().left >= 0]")
                as? [Any]
            #expect(focused?.first as? String == "skip" && focused?.last as? Bool == true)

            // Contrast of text against what is behind it (WCAG 2: at least 4.5 to 1).
            let ratios =
                try await page.evaluate(
                    """
                    (() => {
                      const rgb = s => s.match(/[0-9.]+/g).slice(0, 3).map(Number);
                      const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
                        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
                        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
                      const back = e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
                        if (!c.endsWith(', 0)') && c !== 'transparent') return c; } return 'rgb(255, 255, 255)'; };
                      const ratio = e => { const a = lum(rgb(getComputedStyle(e).color)), b = lum(rgb(back(e)));
                        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
                      return ['main p', 'label', 'button', 'header a', 'th a', 'td', '.muted'].map(s => {
                        const e = document.querySelector(s); return e ? ratio(e) : 21; });
                    })()
                    """) as? [Double] ?? []
            #expect(ratios.count == 7 && ratios.allSatisfy { $0 >= 4.5 }, "contrast ratios \(ratios)")

            // A phone: nothing wider than the screen but the table, which scrolls in its own box.
            try await page.resize(width: 390, height: 844)
            try await page.navigate(base + "/app/users")
            #expect(await page.wait(until: "document.querySelector('h1')"))
            let fits = try await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth") as? Bool
            #expect(fits == true)
            try await page.screenshot(to: screenshots + "/users-phone.png")
            #expect(browser.errors.isEmpty, "the pages had errors: \(browser.errors)")
        }
    }

    /// Opens each page (the browser already phone-sized): it fits the screen (tables scroll in their own box), and
    /// every field has its label.
    static func fitAPhone(_ page: BrowserPage, _ base: String, _ paths: [String]) async throws {
        for path in paths {
            try await page.navigate(base + path)
            #expect(await page.wait(until: "document.querySelector('h1')"), "\(path)")
            let fits = try await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth") as? Bool
            #expect(fits == true, "\(path) is wider than a phone")
            let unlabelled =
                try await page.evaluate(
                    """
                    [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                      .filter(e => !(e.labels && e.labels.length)).map(e => e.id || e.name)
                    """) as? [String] ?? ["?"]
            #expect(unlabelled.isEmpty, "\(path): fields without a label \(unlabelled)")
        }
    }

    /// Fills a form's fields by id and sends it with its submit button.
    static func fill(
        _ page: BrowserPage, _ fields: [String: String], submit: String = "form.card button[type=submit]"
    )
        async throws
    {
        // The page may still be arriving (its address changes before its fields are parsed): wait for every field
        // and the button first.
        let ready =
            fields.keys.sorted().map { "document.getElementById(\(BrowserPage.literal($0)))" }
            + ["document.querySelector(\(BrowserPage.literal(submit)))"]
        guard await page.wait(until: ready.joined(separator: " && ")) else {
            throw Chromium.Failure(description: "the form with \(fields.keys.sorted()) did not appear")
        }
        let assignments = fields.sorted { $0.key < $1.key }.map {
            "document.getElementById(\(BrowserPage.literal($0.key))).value = \(BrowserPage.literal($0.value));"
        }
        try await page.evaluate(assignments.joined(separator: "\n"))
        try await page.click(submit)
    }

    /// A journey in Chromium over the back office of a fresh SQLite store: the browser, its first page (1280 × 1000)
    /// and a folder for screenshots, named in the log.
    static func journey(
        _ prefix: String, _ label: String,
        _ body:
            @Sendable (any TestClientProtocol, TemporaryStore, String, Chromium, BrowserPage, String) async throws
            -> Void
    ) async throws {
        let executable = try #require(
            Chromium.executable(),
            "Chromium is missing: install Debian's \(Chromium.package) package (scripts/install-deps does)")
        let screenshots = NSTemporaryDirectory() + prefix + "-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: screenshots, withIntermediateDirectories: true)
        print("\(label): screenshots and the browser's log in \(screenshots)")
        try await BackOfficeWebTests.withApp(.sqlite) { client, temporary, _ in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let browser = try Chromium(
                executable: executable, folder: screenshots, logPath: screenshots + "/chromium.log")
            defer { browser.close() }
            let page = try await browser.newPage(width: 1280, height: 1000)
            try await body(client, temporary, base, browser, page, screenshots)
        }
    }

    @Test func aManagerCreatesAProductOrdersItAndSeesItsStockAfterTheStationsWork() async throws {
        try await Self.journey("tally-journey", "back office journey") {
            client, temporary, base, browser, page, screenshots in
            try await page.navigate(base + "/sign-in")
            #expect(await page.wait(until: "document.getElementById('email')"))
            try await Self.fill(page, ["email": "manager@example.com", "password": BackOfficeWebTests.password])
            #expect(await page.wait(until: "location.pathname === '/app'"))

            // The catalog: a tax class, a receiving location, a supplier, then the product, through their forms.
            let forms: [(path: String, fields: [String: String], heading: String)] = [
                ("/app/tax-classes/new", ["f-id": "std", "f-name": "Standard", "f-rate": "19"], "Tax class Standard"),
                ("/app/locations/new", ["f-id": "dock", "f-name": "Dock", "f-kind": "receiving"], "Location Dock"),
                (
                    "/app/suppliers/new", ["f-id": "FRESH", "f-name": "Fresh Farms", "f-leadTimeDays": "1"],
                    "Supplier Fresh Farms"
                ),
                (
                    "/app/products/new",
                    [
                        "f-id": "pen", "f-name": "Ballpoint pen", "f-taxClass": "std", "f-sellingPrice": "1.50",
                        "f-barcodes": "4006381333931", "f-preferredSupplier": "FRESH", "f-reorderPoint": "5",
                        "f-reorderQuantity": "10",
                    ], "Product Ballpoint pen"
                ),
            ]
            for form in forms {
                try await page.navigate(base + form.path)
                #expect(await page.wait(until: "document.getElementById('f-name')"), "\(form.path)")
                try await Self.fill(page, form.fields)
                #expect(
                    await page.wait(
                        until: "document.querySelector('h1')?.textContent === \(BrowserPage.literal(form.heading))"),
                    "\(form.path) was saved")
            }
            try await page.screenshot(to: screenshots + "/product.png")

            // The order: drafted, sent, printed with its label.
            try await page.navigate(base + "/app/purchase-orders/new")
            #expect(await page.wait(until: "document.getElementById('product1')"))
            try await Self.fill(
                page, ["supplierID": "FRESH", "locationID": "dock", "product1": "4006381333931", "quantity1": "10"])
            #expect(await page.wait(until: "document.querySelector('h1')?.textContent.startsWith('Purchase order PO')"))
            let number = try await page.evaluate("document.querySelector('h1').textContent.split(' ').pop()") as? String
            try await page.click("form[action$=\"/send\"] button")
            #expect(
                await page.wait(
                    until: "document.querySelector('.notice')?.textContent.includes('was sent to the docks')"))
            try await page.screenshot(to: screenshots + "/order-sent.png")
            try await page.click("a[href$=\"/print\"]")
            #expect(
                await page.wait(until: "document.querySelector('svg rect') && location.pathname.endsWith('/print')"))
            try await page.screenshot(to: screenshots + "/order-print.png")

            // A station receives the order at its dock and sells one pen at its till.
            let code = Secrets.enrolmentCode()
            _ = try await temporary.store.createStation(
                name: "Shop", codeHash: Secrets.hashCode(code), expiresAt: Central.now() + 60_000, now: Central.now())
            let station = try SyncedStation(code: "SHOP1", lanes: ["till", "dock"])
            _ = try await station.engine.enroll(centralURL: base + "/", code: code.lowercased())
            try await station.engine.round()
            let label = TallyCode.purchaseOrder(try #require(number)).description
            try await station.receive(order: label, code: "4006381333931", quantity: 10)
            try await station.sell(["4006381333931"])
            try await station.engine.round()

            // The manager sees the stock and the order received.
            try await page.navigate(base + "/app/products/pen")
            #expect(await page.wait(until: "document.getElementById('stock-heading')"))
            let stock = try await page.evaluate("document.getElementById('stock-heading').textContent") as? String
            #expect(stock == "Stock on hand: 9", "\(stock ?? "")")
            try await page.screenshot(to: screenshots + "/product-stock.png")
            try await page.navigate(base + "/app/purchase-orders?status=received")
            #expect(
                await page.wait(
                    until: "document.querySelector('tbody td a')?.textContent === \(BrowserPage.literal(number ?? ""))")
            )
            try await page.screenshot(to: screenshots + "/orders-received.png")
            let orderHref =
                try await page.evaluate("document.querySelector('tbody td a').getAttribute('href')") as? String

            // On a phone, every page of the journey fits the screen (tables scroll in their own box), and every
            // field has its label.
            try await page.resize(width: 390, height: 844)
            try await Self.fitAPhone(
                page, base,
                [
                    "/app/products", "/app/products/pen", "/app/products/new", "/app/purchase-orders",
                    orderHref ?? "/app/purchase-orders", "/app/purchase-orders/new",
                    "/app/purchase-orders/suggestions", "/app/suppliers/import", "/app/alerts",
                ])
            try await page.screenshot(to: screenshots + "/order-phone.png")
            #expect(browser.errors.isEmpty, "the pages had errors: \(browser.errors)")
        }
    }

    @Test func aSupplierAnnouncesAShipmentAndAManagerApprovesItsNewPrice() async throws {
        try await Self.journey("tally-supplier", "supplier journey") {
            client, temporary, base, browser, page, screenshots in
            let order = try await SupplierPortalTests.catalog(temporary.store)
            try await page.navigate(base + "/sign-in")
            #expect(await page.wait(until: "document.getElementById('email')"))
            try await Self.fill(page, ["email": "supplier@example.com", "password": BackOfficeWebTests.password])
            #expect(await page.wait(until: "location.pathname === '/app'"))

            // The shipment: one pallet of milk, from the order's own form.
            let orderPath = "/app/supplier/orders/" + order.record.id
            try await page.navigate(base + orderPath)
            #expect(await page.wait(until: "document.getElementById('sscc-1')"))
            try await Self.fill(
                page,
                [
                    "arrivesOn": "2030-01-18", "carrier": "DHL", "sscc-1": SupplierPortalTests.palletOne,
                    "product-1": "milk", "quantity-1": "30", "lot-1": "L1", "bestBefore-1": "2030-02-01",
                ], submit: "form[action$=\"/shipments\"] button[type=submit]")
            #expect(
                await page.wait(
                    until: "document.querySelector('.notice')?.textContent.includes('SN000001 is announced')"))
            try await page.screenshot(to: screenshots + "/shipment-announced.png")

            // A new price for the milk, sent for approval.
            try await page.navigate(base + "/app/supplier/products/milk")
            #expect(await page.wait(until: "document.getElementById('purchasePrice')"))
            try await Self.fill(page, ["purchasePrice": "0.64", "note": "Dearer feed"])
            #expect(await page.wait(until: "document.querySelector('.notice')?.textContent.includes('a manager will')"))
            try await page.resize(width: 390, height: 844)
            try await Self.fitAPhone(
                page, base,
                ["/app/supplier/orders", orderPath, "/app/supplier/products", "/app/supplier/products/milk"])
            try await page.screenshot(to: screenshots + "/supplier-phone.png")
            try await page.resize(width: 1280, height: 1000)

            // The manager approves it; the product's purchase price is the supplier's.
            try await page.click("form[action='/sign-out'] button")
            #expect(await page.wait(until: "location.pathname === '/sign-in'"))
            try await Self.fill(page, ["email": "manager@example.com", "password": BackOfficeWebTests.password])
            #expect(await page.wait(until: "location.pathname === '/app'"))
            try await page.navigate(base + "/app/proposals")
            #expect(await page.wait(until: "document.querySelector('form[action$=\"/approve\"] button')"))
            try await page.screenshot(to: screenshots + "/proposals.png")
            try await page.click("form[action$=\"/approve\"] button")
            #expect(
                await page.wait(
                    until: "document.querySelector('.notice')?.textContent.includes('product milk is changed')"))
            try await page.navigate(base + "/app/purchase-orders/" + order.record.id)
            #expect(await page.wait(until: "document.getElementById('notices-heading')"))
            try await page.screenshot(to: screenshots + "/order-with-notice.png")
            let price = try await temporary.store.read { db in
                try Records.load(RecordKinds.product, id: "milk", now: Central.now(), on: db)?["purchasePrice"]
            }
            #expect(price == .integer(64))
            #expect(browser.errors.isEmpty, "the pages had errors: \(browser.errors)")
        }
    }

    @Test func aCustomerRegistersOrdersAndFollowsTheOrderTheManagerShips() async throws {
        try await Self.journey("tally-shop", "customer journey") {
            client, temporary, base, browser, page, screenshots in
            try await SalesWebTests.shop(temporary.store)

            // From the sign-in page to a new account, then to the shop.
            try await page.navigate(base + "/sign-in")
            #expect(await page.wait(until: "document.querySelector('a[href=\"/register\"]')"))
            try await page.click("a[href=\"/register\"]")
            #expect(await page.wait(until: "document.getElementById('shippingAddress')"))
            try await Self.fill(
                page,
                [
                    "name": "Bistro Nord", "contactName": "Ana Lund", "email": "ana@example.com",
                    "shippingAddress": "3 Harbour St, Kiel", "password": "harbour-lights-42",
                ])
            #expect(await page.wait(until: "location.pathname === '/app/shop' && document.querySelector('tbody')"))
            try await page.screenshot(to: screenshots + "/shop.png")
            try await Self.fill(page, ["quantity-of-milk": "3"], submit: "form[action=\"/app/shop/basket\"] button")
            #expect(await page.wait(until: "document.getElementById('basket-total')?.textContent === '3.57'"))
            try await page.screenshot(to: screenshots + "/basket.png")
            try await Self.fill(page, ["note": "Back door"], submit: "form[action=\"/app/shop/basket/place\"] button")
            #expect(await page.wait(until: "document.getElementById('order-status')?.textContent === 'pending'"))
            let orderPath = try await page.evaluate("location.pathname") as? String ?? ""
            try await page.screenshot(to: screenshots + "/order-placed.png")
            try await page.click("header form[action=\"/sign-out\"] button")
            #expect(await page.wait(until: "location.pathname === '/sign-in'"))

            // The manager confirms and ships it through the order's forms.
            try await Self.fill(page, ["email": "manager@example.com", "password": BackOfficeWebTests.password])
            #expect(await page.wait(until: "location.pathname === '/app'"))
            try await page.navigate(
                base + "/app/sales-orders/" + (orderPath.split(separator: "/").last.map(String.init) ?? ""))
            #expect(await page.wait(until: "document.getElementById('order-status')?.textContent === 'pending'"))
            try await page.click("form[action$=\"/confirm\"] button")
            #expect(await page.wait(until: "document.getElementById('order-status')?.textContent === 'confirmed'"))
            try await Self.fill(
                page, ["ship-location": "shop", "tracking-number": "1Z999AA10123456784"],
                submit: "form[action$=\"/ship\"] button")
            #expect(await page.wait(until: "document.getElementById('order-status')?.textContent === 'shipped'"))
            try await page.screenshot(to: screenshots + "/order-shipped.png")
            try await page.click("header form[action=\"/sign-out\"] button")
            #expect(await page.wait(until: "location.pathname === '/sign-in'"))

            // The customer follows it: tracking number, invoice, what is owed; on a phone too.
            try await Self.fill(page, ["email": "ana@example.com", "password": "harbour-lights-42"])
            #expect(await page.wait(until: "location.pathname === '/app'"))
            try await page.navigate(base + orderPath)
            #expect(await page.wait(until: "document.getElementById('tracking')?.textContent === '1Z999AA10123456784'"))
            let invoice =
                try await page.evaluate(
                    "document.querySelector('a[href^=\"/app/shop/invoices/\"]')?.textContent") as? String
            #expect(invoice == "Invoice IN000001")
            try await page.navigate(base + "/app/shop/orders")
            #expect(await page.wait(until: "document.getElementById('balance')?.textContent === '3.57'"))
            try await page.resize(width: 390, height: 844)
            try await Self.fitAPhone(page, base, ["/app/shop", "/app/shop/basket", "/app/shop/orders", orderPath])
            try await page.screenshot(to: screenshots + "/shop-phone.png")
            #expect(browser.errors.isEmpty, "the pages had errors: \(browser.errors)")
        }
    }
}
