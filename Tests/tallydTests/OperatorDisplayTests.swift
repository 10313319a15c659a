import Foundation
import TallyCore
import TallySync
import TallyTestSupport
import Testing

@testable import TallyStation

/// The operator display (`GET /display`) in Debian's headless Chromium, following a running `tallyd` with a
/// till and a dock: what the page shows after scans, mode cards, refused scans and its own buttons, how long the
/// page takes to show a scan (printed, never asserted), and what it shows when the station goes away and comes
/// back. Screenshots are saved for a person to look at.
@Suite("Operator display in Chromium")
struct OperatorDisplayTests {
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// What the page shows for one lane, read from its DOM.
    struct ShownLane: Decodable, CustomStringConvertible {
        struct Line: Decodable {
            var name: String?
            var detail: String?
            var amount: String?
            var voided: Bool
            var status: String?
            var figures: String?
        }

        var mode: String?
        var band: String?
        var bandColour: String?
        var refused: Bool
        var refusedInput: String?
        var refusedReason: String?
        var lines: [Line]
        var heading: String?
        var total: String?
        var paid: String?
        var remaining: String?
        var main: String?
        var notices: [String]
        var message: String?
        var receipt: String?
        var empty: String?
        var buttons: [String: Bool]

        var description: String {
            let data = (try? JSONSerialization.data(withJSONObject: raw, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
        var raw: Any = [:]

        enum CodingKeys: String, CodingKey {
            case mode, band, bandColour, refused, refusedInput, refusedReason, lines, heading, total, paid, remaining
            case main, notices, message, receipt, empty, buttons
        }
    }

    /// Reads a lane's DOM into plain values: `window.__lane(id)`.
    static let laneReader = """
        window.__lane = (id) => {
          const root = document.querySelector(`section.lane[data-lane="${id}"]`);
          if (!root) return null;
          const text = (selector, within = root) => {
            const found = within.querySelector(selector);
            return found ? found.textContent : null;
          };
          return {
            mode: root.dataset.mode || null, band: text(".mode-name"),
            bandColour: getComputedStyle(root.querySelector(".band")).backgroundColor,
            refused: !root.querySelector(".refused").hidden, refusedInput: text(".refused-input"),
            refusedReason: text(".refused-reason"),
            lines: [...root.querySelectorAll(".content .line")].map((line) => ({
              name: text(".name", line), detail: text(".detail", line), amount: text(".amount", line),
              voided: line.classList.contains("voided"), status: line.dataset.status || null,
              figures: text(".figures", line),
            })),
            heading: text(".heading"), total: text(".total .value"), paid: text(".paid .value"),
            remaining: text(".remaining .value"), main: text(".figure.main .value"),
            notices: [...root.querySelectorAll(".notice")].map((notice) => notice.textContent),
            message: text(".message .text"), receipt: text(".message .receipt"), empty: text(".empty"),
            buttons: Object.fromEntries([...root.querySelectorAll(".actions button")]
              .map((button) => [button.className, !button.disabled])),
          };
        };
        // Latency probe: the time of the first DOM change after which `selector` shows `text`.
        window.__probe = { selector: null, text: null, at: null };
        new MutationObserver(() => {
          const probe = window.__probe;
          if (probe.selector === null || probe.at !== null) return;
          const found = document.querySelector(probe.selector);
          if (found && found.textContent === probe.text) probe.at = Date.now();
        }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        true;
        """

    /// An amount as the page shows it with `?locale=en-US`: `€1,234.56`.
    static func euros(_ cents: Int64) -> String {
        let whole = String(abs(cents) / 100)
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        let fraction = abs(cents) % 100
        return (cents < 0 ? "-" : "") + "€" + grouped + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// The basket total a scan's or command's answer reports, in cents.
    static func total(_ answer: DaemonClient.Answer) -> Int64? {
        let lane = answer.object["lane"] as? [String: Any]
        return ((lane?["basket"] as? [String: Any])?["total"] as? NSNumber)?.int64Value
    }

    /// A browser page on the display, with the lane reader installed, once the stream has delivered.
    struct Display {
        let page: BrowserPage
        let base: String

        func open(_ query: String, lanes: [String]) async throws {
            try await page.navigate(base + "/display?locale=en-US" + query)
            let ready =
                "window.tallyDisplay && tallyDisplay.connection === 'live' && "
                + lanes.map { "document.querySelector('section.lane[data-lane=\"\($0)\"][data-mode]')" }
                .joined(separator: " && ")
            let opened = await page.wait(until: ready)
            #expect(opened, "the display did not show \(lanes) live from \(base)")
            _ = try await page.evaluate(OperatorDisplayTests.laneReader)
        }

        func lane(_ id: String) async throws -> ShownLane {
            let value = try await page.evaluate("JSON.stringify(__lane(\(BrowserPage.literal(id))))")
            let data = Data(((value as? String) ?? "null").utf8)
            var shown = try JSONDecoder().decode(ShownLane.self, from: data)
            shown.raw = (try? JSONSerialization.jsonObject(with: data)) ?? [:]
            return shown
        }

        /// Waits until `condition` (JavaScript on `l`, the lane as `__lane` reads it) holds; records an issue
        /// with what the page shows when it does not, and answers the lane as shown.
        @discardableResult
        func expect(
            _ id: String, _ condition: String, _ comment: String, sourceLocation: SourceLocation = #_sourceLocation
        ) async throws -> ShownLane {
            let held = await page.wait(until: "((l) => l && (\(condition)))(__lane(\(BrowserPage.literal(id))))")
            let shown = try await lane(id)
            #expect(held, "\(comment); lane \(id) shows \(shown)", sourceLocation: sourceLocation)
            return shown
        }
    }

    @Test func theDisplayFollowsATillAndADock() async throws {
        let executable = try #require(
            Chromium.executable(),
            "Chromium is missing: install Debian's \(Chromium.package) package (scripts/install-deps does)")
        let screenshots = NSTemporaryDirectory() + "tally-display-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: screenshots, withIntermediateDirectories: true)
        print("operator display: screenshots and the browser's log in \(screenshots)")

        let daemon = try DaemonProcess(
            extraYAML: """
                lanes: [till, dock]
                lane:
                  dock:
                    mode: RECEIVE
                """)
        defer { daemon.remove() }
        // Purchase order PO1001 as sync brings it: 10 pens and 4 bars of chocolate.
        let order = PurchaseOrderRecord(
            id: "po-1", number: "PO1001", supplierID: "s-1", supplierName: "Stabilo", status: "sent",
            locationID: "BACK", expectedAt: nil,
            lines: [
                PurchaseOrderLineRecord(number: 1, productID: "P1", quantity: 10),
                PurchaseOrderLineRecord(number: 2, productID: "P2", quantity: 4),
            ])
        _ = try StationDatabase(stateDirectory: daemon.stateDirectory).apply(
            ChangesPage(
                changes: [CatalogChange(cursor: 1, kind: .purchaseOrder, key: order.id, record: .purchaseOrder(order))],
                nextCursor: 1, more: false, highestCursor: 1), at: 1)
        try await daemon.start()
        let browser = try Chromium(executable: executable, folder: screenshots, logPath: screenshots + "/chromium.log")
        defer { browser.close() }
        let page = try await browser.newPage()
        let display = Display(page: page, base: daemon.baseURL)
        let till = "till"
        let dock = "dock"

        // Both lanes side by side, live.
        try await display.open("", lanes: [till, dock])
        let idleTill = try await display.expect(
            till, "l.mode === 'SALE' && l.band === 'Sale'", "the till starts in SALE")
        #expect(idleTill.empty == "Scan an item")
        let idleDock = try await display.expect(dock, "l.mode === 'RECEIVE'", "the dock starts in RECEIVE")
        #expect(idleDock.band == "Receiving")
        #expect(idleTill.bandColour != idleDock.bandColour, "each mode has its own colour")
        let unknown = try await daemon.get("/display?lane=nowhere")
        #expect(unknown.status == 404)

        // A sale: two items, a quantity card, a weighed item.
        let pen = DemoCatalog.named[0]
        let water = DemoCatalog.named[2]
        let chocolate = DemoCatalog.named[1]
        var answer = try await daemon.post("/scans", ["lane": till, "code": pen.gtin])
        #expect(answer.status == 201)
        try await display.expect(
            till, "l.lines.length === 1 && l.lines[0].name === 'Ballpoint pen blue' && l.total === '€1.89'",
            "the first item and the total")
        _ = try await daemon.post("/scans", ["lane": till, "code": water.gtin])
        _ = try await daemon.post("/scans", ["lane": till, "code": TallyCode.control(.quantity(6)).description])
        let pending = try await display.expect(
            till, "l.notices.includes('Next scan × 6')", "a quantity card shows the pending quantity")
        #expect(pending.lines.count == 2)
        answer = try await daemon.post("/scans", ["lane": till, "code": chocolate.gtin])
        let chocolateLine = try await display.expect(
            till, "l.lines.length === 3 && l.total === '\(Self.euros(Self.total(answer) ?? -1))'",
            "six bars of chocolate and the new total")
        #expect(chocolateLine.lines.last?.name == "Dark chocolate 100 g")
        #expect(chocolateLine.lines.last?.detail == "6 × €1.29")
        #expect(chocolateLine.lines.last?.amount == "€7.74")
        #expect(chocolateLine.notices.isEmpty, "the pending quantity is used up")
        #expect(chocolateLine.paid == "€0.00")
        #expect(chocolateLine.remaining == Self.euros(Self.total(answer) ?? -1))
        let gouda = DemoCatalog.scaleLabel(reference: "1234", grams: 532)
        answer = try await daemon.post("/scans", ["lane": till, "code": gouda])
        #expect(answer.status == 201)
        let weighed = try await display.expect(
            till, "l.lines.length === 4 && l.total === '\(Self.euros(Self.total(answer) ?? -1))'",
            "a weighed item in kilograms")
        #expect(weighed.lines.last?.detail == "0.532 kg × €12.99/kg", "\(weighed)")
        let dockDuringSale = try await display.lane(dock)
        #expect(dockDuringSale.lines.isEmpty && !dockDuringSale.refused && dockDuringSale.mode == "RECEIVE")

        // A refused scan: the red band until the next accepted scan, on its lane alone.
        answer = try await daemon.post("/scans", ["lane": till, "code": "4006381333932"])
        #expect(answer.status == 422)
        let refused = try await display.expect(till, "l.refused", "a wrong check digit shows the refused band")
        #expect(refused.refusedInput == "4006381333932")
        #expect(refused.refusedReason?.contains("check digit") == true, "\(refused)")
        #expect(try await display.lane(dock).refused == false, "the dock is not affected")
        try await page.screenshot(to: screenshots + "/both-lanes-refused.png")
        answer = try await daemon.post("/scans", ["lane": till, "code": pen.gtin])
        let accepted = try await display.expect(
            till, "!l.refused && l.total === '\(Self.euros(Self.total(answer) ?? -1))'",
            "the next accepted scan clears the refused band")
        #expect(accepted.lines.first?.detail == "2 × €1.89")
        _ = try await daemon.post("/scans", ["lane": dock, "code": "4000417025006"])
        try await display.expect(dock, "l.refused && l.refusedInput === '4000417025006'", "the dock's own refusal")
        #expect(try await display.lane(till).refused == false, "the till is not affected")
        try await page.screenshot(to: screenshots + "/both-lanes.png")

        // The display's own button: void the last line, as a finger would.
        #expect(accepted.buttons["void"] == true)
        try await page.click("section.lane[data-lane=\"till\"] button.void")
        try await display.expect(till, "l.lines[l.lines.length - 1].voided", "the void button voids the last line")
        let lanes = try await daemon.get("/lanes/till")
        let lines = (lanes.object["basket"] as? [String: Any])?["lines"] as? [[String: Any]] ?? []
        #expect(lines.last?["voided"] as? Bool == true, "the station voided it")

        // Payment, then a return: the mode band changes with the mode card.
        answer = try await daemon.post("/lanes/till/tender", ["kind": "cash", "amount": "50.00"])
        #expect(answer.status == 200)
        try await display.expect(
            till, "l.receipt === 'Last receipt 1' && l.lines.length === 0 && l.message.includes('change')",
            "a completed sale leaves its receipt number and change")
        let saleColour = try await display.lane(till).bandColour
        _ = try await daemon.post("/scans", ["lane": till, "code": TallyCode.control(.mode(.return)).description])
        let returning = try await display.expect(
            till, "l.mode === 'RETURN' && l.band === 'Return'", "the mode card changes the band")
        #expect(returning.bandColour != saleColour, "RETURN has a colour of its own")
        #expect(returning.empty == "Scan the receipt")
        _ = try await daemon.post(
            "/scans", ["lane": till, "code": TallyCode.receipt(station: "TILL1", number: 1).description])
        let loaded = try await display.expect(
            till, "l.lines.length >= 3 && (l.heading || '').includes('TLR-TILL1-000001')",
            "the receipt's lines to choose from")
        #expect(loaded.lines.first?.name == "Ballpoint pen blue")
        #expect(loaded.main == "€0.00", "nothing chosen, nothing refunded yet")
        try await page.screenshot(to: screenshots + "/till-return.png")
        try await page.click("section.lane[data-lane=\"till\"] button.cancel")
        try await display.expect(
            till, "l.lines.length === 0 && l.empty === 'Scan the receipt'", "cancel ends the return")
        _ = try await daemon.post("/scans", ["lane": till, "code": TallyCode.control(.mode(.sale)).description])
        try await display.expect(till, "l.mode === 'SALE' && l.bandColour === '\(saleColour ?? "")'", "back to SALE")

        // How long the page takes to show a scan: from the scan's answer to the DOM change that shows it.
        var afterAnswer: [Double] = []
        var afterSending: [Double] = []
        for _ in 0..<50 {
            let expected = try await daemon.get("/lanes/till")
            let before = ((expected.object["basket"] as? [String: Any])?["total"] as? NSNumber)?.int64Value ?? 0
            let text = Self.euros(before + pen.cents)
            _ = try await page.evaluate(
                "__probe.selector = '[data-lane=\"till\"] .total .value'; __probe.text = '\(text)'; "
                    + "__probe.at = null; true")
            let sent = Date().timeIntervalSince1970 * 1000
            answer = try await daemon.post("/scans", ["lane": till, "code": pen.gtin])
            let answered = Date().timeIntervalSince1970 * 1000
            #expect(Self.total(answer) == before + pen.cents)
            let shown = await page.wait(until: "__probe.at !== null")
            let at = try await page.evaluate("__probe.at") as? Double
            #expect(shown, "the page never showed \(text)")
            guard let at else { continue }
            afterAnswer.append(at - answered)
            afterSending.append(at - sent)
        }
        let (median, maximum) = (Self.median(afterAnswer), afterAnswer.max() ?? .nan)
        print(
            "operator display: scan answered to DOM updated over \(afterAnswer.count) scans: median "
                + "\(Self.milliseconds(median)), max \(Self.milliseconds(maximum)); scan sent to DOM updated: "
                + "median \(Self.milliseconds(Self.median(afterSending))), "
                + "max \(Self.milliseconds(afterSending.max() ?? .nan)) (the station tells the page before it "
                + "answers, so the first can be negative)")
        try await display.expect(till, "l.lines.length === 1 && l.lines[0].detail === '50 × €1.89'", "fifty pens")

        // A long basket scrolls so that the newest line is in view.
        for serial in 1...14 {
            answer = try await daemon.post("/scans", ["lane": till, "code": DemoCatalog.generatedGTIN(serial: serial)])
            #expect(answer.status == 201)
        }
        try await display.expect(
            till, "l.lines.length === 15 && l.total === '\(Self.euros(Self.total(answer) ?? -1))'", "fifteen lines")
        let newestInView =
            try await page.evaluate(
                """
                (() => { const content = document.querySelector('[data-lane="till"] .content');
                  const lines = content.querySelectorAll('.line'); const last = lines[lines.length - 1];
                  const box = content.getBoundingClientRect(), line = last.getBoundingClientRect();
                  return content.scrollTop > 0 && line.top >= box.top && line.bottom <= box.bottom + 1; })()
                """) as? Bool
        #expect(newestInView == true, "the newest line is scrolled into view")
        try await page.screenshot(to: screenshots + "/both-lanes-long-basket.png")

        // The dock receives the order and then counts a shelf, as the station runs them.
        answer = try await daemon.post(
            "/scans", ["lane": dock, "code": TallyCode.purchaseOrder("PO1001").description])
        #expect(answer.status == 201, "\(answer.object)")
        let started = try await display.expect(
            dock, "l.mode === 'RECEIVE' && (l.heading || '').includes('PO1001') && l.lines.length === 2",
            "the order's lines, nothing received yet")
        #expect(started.heading?.contains("Stabilo") == true && !started.refused)
        #expect(started.lines.map(\.status) == ["open", "open"])
        #expect(started.main == "0 / 14")
        let label = "]C1" + "01" + "0" + pen.gtin + "17" + "271231" + "10" + "L42" + "\u{1D}" + "30" + "6"
        answer = try await daemon.post("/scans", ["lane": dock, "code": label])
        #expect(answer.status == 201, "\(answer.object)")
        _ = try await daemon.post("/scans", ["lane": dock, "code": chocolate.gtin])
        let received = try await display.expect(
            dock, "l.lines[0].amount === '6 / 10' && l.lines[1].amount === '1 / 4'", "six pens and a bar in")
        for figure in ["ordered 10", "received 6", "damaged 0", "open 4"] {
            #expect(received.lines[0].figures?.contains(figure) == true, "\(received)")
        }
        #expect(received.main == "7 / 14")
        let penBar =
            try await page.evaluate(
                "(() => { const bar = document.querySelector('[data-lane=\"dock\"] .progress');"
                    + " return bar.children[0].getBoundingClientRect().width / bar.getBoundingClientRect().width; })()")
            as? Double
        #expect(abs((penBar ?? 0) - 0.6) < 0.01, "the bar shows 6 of 10")
        try await page.screenshot(to: screenshots + "/both-lanes-receiving.png")
        _ = try await daemon.post("/scans", ["lane": dock, "code": TallyCode.control(.done).description])
        try await display.expect(
            dock, "l.lines.length === 0 && (l.message || '').includes('open')", "the closed receipt's backorder")
        _ = try await daemon.post("/scans", ["lane": dock, "code": TallyCode.location("SHOP").description])
        try await display.expect(
            dock, "l.mode === 'COUNT' && (l.heading || '').includes('SHOP')", "a location label starts a count")
        _ = try await daemon.post("/scans", ["lane": dock, "code": pen.gtin])
        _ = try await daemon.post("/scans", ["lane": dock, "code": pen.gtin])
        let twice = try await display.expect(
            dock, "l.notices.some((n) => n.includes('scanned twice')) && l.lines[0].amount === '2'",
            "the same item twice in a moment is counted with a warning")
        #expect(twice.main == "2")
        #expect(!twice.description.contains("expected"), "counts are blind")
        _ = try await daemon.post("/scans", ["lane": dock, "code": TallyCode.control(.done).description])
        try await display.expect(
            dock, "l.notices.some((n) => n.startsWith('Recount this location'))",
            "far from the books: a recount is asked for")
        try await page.screenshot(to: screenshots + "/both-lanes-count.png")
        #expect(try await display.lane(till).lines.count == 15, "the till is not affected")

        // One lane per page.
        try await display.open("&lane=till", lanes: [till])
        #expect(try await page.evaluate("document.querySelectorAll('section.lane').length") as? Int == 1)
        try await page.screenshot(to: screenshots + "/till.png")
        try await display.open("&lane=dock", lanes: [dock])
        #expect(try await page.evaluate("document.querySelectorAll('section.lane').length") as? Int == 1)
        try await display.expect(
            dock, "l.mode === 'COUNT' && l.notices.some((n) => n.startsWith('Recount'))", "the dock alone, counting")
        try await page.screenshot(to: screenshots + "/dock.png")

        // Every status of a receiving line, and a name that tries to be HTML, in the snapshot's shape.
        _ = try await page.evaluate("tallyDisplay.show(\(Self.receivingSnapshot)); true")
        let receiving = try await display.expect(dock, "l.lines.length === 5", "a goods receipt in progress")
        #expect(receiving.heading?.contains("PO-1001") == true && receiving.heading?.contains("Fresh Farms") == true)
        #expect(receiving.lines.map(\.status) == ["complete", "open", "short", "unexpected", "over"])
        for figure in ["ordered 48", "received 30", "damaged 2", "open 16"] {
            #expect(receiving.lines[1].figures?.contains(figure) == true, "\(receiving)")
        }
        #expect(receiving.lines[1].name?.hasPrefix("Dark chocolate <img src=x onerror=alert(1)>") == true)
        #expect(try await page.evaluate("document.querySelector('img') === null") as? Bool == true, "text stays text")
        #expect(receiving.notices.contains("Next scan × 6"))
        #expect(receiving.main == "76 / 90")
        let width =
            try await page.evaluate(
                "document.querySelectorAll('.progress')[1].children[0].getBoundingClientRect().width / "
                    + "document.querySelectorAll('.progress')[1].getBoundingClientRect().width") as? Double
        #expect(abs((width ?? 0) - 30.0 / 48.0) < 0.01, "the bar shows received of ordered")
        try await page.screenshot(to: screenshots + "/dock-receiving-statuses.png")

        // The station goes away: the page says so plainly, and comes back by itself with the same state.
        try await display.open("&lane=till", lanes: [till])
        let port = daemon.port
        let process = try #require(daemon.process)
        kill(process.processIdentifier, SIGTERM)
        var stopped = false
        for _ in 0..<1200 where !stopped {
            stopped = !process.isRunning
            if !stopped { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(stopped, "tallyd did not stop on SIGTERM while the display followed it")
        if !stopped { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "tallyd's exit status")
        let lost = await page.wait(
            until: "document.body.dataset.connection === 'lost' && !document.getElementById('lost').hidden")
        #expect(lost, "the page shows that it lost the station")
        try await page.screenshot(to: screenshots + "/till-lost.png")
        try await daemon.start(environment: ["API_PORT": String(port)])
        let back = await page.wait(until: "tallyDisplay.connection === 'live'")
        #expect(back, "the page reconnects to the station by itself")
        try await display.expect(
            till, "l.lines.length === 15 && l.lines[0].detail === '50 × €1.89' && !l.refused",
            "the open basket after the restart")
        #expect(browser.errors.isEmpty, "\(browser.errors)")

        let copies = Self.repository.appending(path: ".build/display-screenshots").path
        try? FileManager.default.removeItem(atPath: copies)
        try FileManager.default.createDirectory(atPath: copies, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: screenshots) where name.hasSuffix(".png") {
            try FileManager.default.copyItem(atPath: screenshots + "/" + name, toPath: copies + "/" + name)
        }
        print("operator display: screenshots copied to \(copies)")
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func milliseconds(_ value: Double) -> String {
        String(format: "%.1f ms", value)
    }

    /// A dock receiving against an order, in the shape `LaneSnapshot.receiving` has; one name tries to be HTML.
    static let receivingSnapshot = """
        {"lane": "dock", "mode": "RECEIVE", "currency": "EUR", "receiving": {
          "receiptID": "GR-1", "order": "PO-1001", "supplier": "Fresh Farms", "location": "DOCK",
          "lines": [
            {"orderLine": 1, "productID": "P1", "name": "Ballpoint pen blue", "ordered": 24, "received": 24,
             "damaged": 0, "open": 0, "status": "complete", "lots": []},
            {"orderLine": 2, "productID": "P2", "name": "Dark chocolate <img src=x onerror=alert(1)> 100 g",
             "ordered": 48, "received": 30, "damaged": 2, "open": 16, "status": "open",
             "lots": [{"lot": "L2291", "expiry": "2027-03-31", "quantity": 30}]},
            {"orderLine": 3, "productID": "P5", "name": "Gummy bears 200 g", "ordered": 12, "received": 8,
             "damaged": 0, "open": 4, "status": "short", "lots": []},
            {"orderLine": null, "productID": "P6", "name": "Coffee beans 500 g", "ordered": 0, "received": 6,
             "damaged": 0, "open": 0, "status": "unexpected", "lots": []},
            {"orderLine": 4, "productID": "P3", "name": "Sparkling water 1 l", "ordered": 6, "received": 8,
             "damaged": 0, "open": 0, "status": "over", "lots": []}],
          "ordered": 90, "received": 76, "open": 20, "pallets": ["00340123450000000018"], "pendingQuantity": 6,
          "condition": "good"}, "lastMessage": "Sparkling water 1 l: 8 of 6"}
        """
}
