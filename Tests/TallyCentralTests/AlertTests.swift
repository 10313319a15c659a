import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import TallySync
import TallyTestSupport
import Testing

@testable import TallyCentral

/// Alerts: a product below its reorder point, an order past its expected date, a count with a large variance;
/// shown on their page and posted once each to a webhook (a real HTTP server on loopback), and again only after
/// their condition went away and came back.
@Suite("Back office alerts")
struct AlertTests {
    /// What the webhook received: each body's alerts' keys.
    final class Received: Sendable {
        let bodies = Mutex<[[String]]>([])
        let failNext = Mutex(false)
    }

    @Test(arguments: Engine.allCases) func alertsAreShownAndPostedOnceEach(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        let now = Central.now()
        let save = { (kind: RecordKind, input: [String: String]) in
            _ = try await BackOfficeCatalogTests.save(kind, input, now: now, on: store)
        }
        try await save(RecordKinds.taxClass, ["id": "std", "name": "Standard", "rate": "7"])
        try await save(RecordKinds.location, ["id": "dock", "name": "Dock", "kind": "receiving"])
        try await save(RecordKinds.supplier, ["id": "MILKCO", "name": "Milk Co"])
        try await save(
            RecordKinds.product,
            [
                "id": "p-1", "name": "Milk 1 l", "taxClass": "std", "sellingPrice": "1.19", "reorderPoint": "5",
                "active": "1",
            ])
        try await save(RecordKinds.product, ["id": "p-2", "name": "Cream", "taxClass": "std", "sellingPrice": "2"])
        _ = try await store.write { db in
            let draft = try PurchaseOrders.saveDraft(
                id: nil,
                PurchaseOrders.DraftInput(
                    supplierID: "MILKCO", locationID: "dock", expected: "2020-01-15",
                    lines: [PurchaseOrders.LineInput(product: "p-2", quantity: "6")]), actor: "test", now: now, on: db)
            return try PurchaseOrders.perform(.send, id: draft.record.id, actor: "test", now: now, on: db)
        }
        let (station, _) = try await temporary.enrolledStation()
        _ = try await store.push(
            stationID: station.id,
            events: [
                SampleEvents.countSubmitted(
                    sequence: 1, countID: "c-big", taskID: nil, location: "dock",
                    lines: [CountDecisionTests.line("p-2", counted: 40, expected: 2)], startedAt: now - 10_000),
                SampleEvents.countSubmitted(
                    sequence: 2, countID: "c-small", taskID: nil, location: "dock",
                    lines: [CountDecisionTests.line("p-2", counted: 3, expected: 2)], startedAt: now - 10_000),
            ], now: now)

        let alerts = try await store.read { db in try Alerts.current(now: now, countVariance: 10, on: db) }
        #expect(alerts.map(\.kind) == ["low-stock", "overdue-order", "count-variance"])
        #expect(alerts[0].message == "Milk 1 l (p-1): 0 on hand, below its reorder point of 5")
        #expect(alerts[1].message.hasSuffix("was expected on 2020-01-15 and is sent"))
        #expect(alerts[2].subject == "c-big" && alerts[2].message.contains("differs by up to 38"))

        // The webhook: a server on loopback that records what it gets, and fails once when told to.
        let received = Received()
        let router = Router()
        router.post("/hook") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            if received.failNext.withLock({
                let fail = $0; $0 = false; return fail
            }) {
                return .serviceUnavailable
            }
            let decoded = try JSONDecoder().decode(AlertSender.Body.self, from: Data(body.readableBytesView))
            received.bodies.withLock { $0.append(decoded.alerts.map(\.key)) }
            return .noContent
        }
        let hook = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await hook.test(.live) { client in
            let sender = AlertSender(
                database: store, webhook: "http://127.0.0.1:\(try #require(client.port))/hook", interval: .seconds(60),
                countVariance: 10, clock: { now }, logger: Logger(label: "test"))
            received.failNext.withLock { $0 = true }
            await #expect(throws: AlertDeliveryError.self) { try await sender.sweep() }
            #expect(try await sender.sweep().count == 3, "what the webhook refused is sent at the next sweep")
            #expect(try await sender.sweep().isEmpty, "each alert goes out once")
            #expect(received.bodies.withLock { $0 }.map(\.count) == [3])

            // Stock arrives: the low-stock alert ends; when stock falls again, it is sent again.
            _ = try await store.push(
                stationID: station.id,
                events: [
                    CountDecisionTests.delivery(3, "p-1", 10, at: now),
                    SampleEvents.sale(
                        sequence: 4, product: "p-1", quantity: 1, location: "dock", at: now),
                ], now: now)
            #expect(try await sender.sweep().isEmpty)
            _ = try await store.push(
                stationID: station.id,
                events: [SampleEvents.sale(sequence: 5, product: "p-1", quantity: 8, location: "dock", at: now)],
                now: now)
            #expect(try await sender.sweep().map(\.key) == ["low-stock:p-1"])
        }

        // Mailed through an SMTP relay (aiosmtpd on loopback): one message with every alert, on its own record,
        // so the webhook's record does not count for it. A relay that cannot be reached sends nothing and loses nothing.
        let relay = try await MailRelay()
        let down = AlertSender(
            database: store, webhook: nil,
            mailer: SMTPMailer(
                host: "127.0.0.1", port: try PostgresServer.freePort(), from: "tally@shop.example",
                to: ["manager@shop.example"]),
            interval: .seconds(60), countVariance: 10, clock: { now }, logger: Logger(label: "test"))
        await #expect(throws: (any Error).self) { try await down.sweep() }
        let mailing = AlertSender(
            database: store, webhook: nil,
            mailer: SMTPMailer(
                host: "127.0.0.1", port: relay.port, from: "tally@shop.example",
                to: ["manager@shop.example", "owner@shop.example"]),
            interval: .seconds(60), countVariance: 10, clock: { now }, logger: Logger(label: "test"))
        #expect(try await mailing.sweep().count == 3)
        #expect(try await mailing.sweep().isEmpty, "each alert is mailed once")
        let mails = try relay.messages()
        #expect(mails.count == 1)
        let mail = try #require(mails.first)
        #expect(mail.contains("Subject: Tally: 3 new alerts"))
        #expect(mail.contains("To: <manager@shop.example>, <owner@shop.example>"))
        #expect(mail.contains("X-RcptTo: manager@shop.example, owner@shop.example"), "both got it")
        let encoded = try #require(mail.components(separatedBy: "\n\n").dropFirst().first)
        let body = String(
            decoding: try #require(Data(base64Encoded: encoded, options: .ignoreUnknownCharacters)), as: UTF8.self)
        #expect(
            body.contains("- Milk 1 l (p-1): 1 on hand, below its reorder point of 5 (/app/products/p-1)"), "\(body)")

        // The page shows them to a manager.
        let manager = UserDraft(
            email: "manager@example.com", name: "Manager", role: .manager, password: BackOfficeWebTests.password)
        _ = try await store.write { db in try Users.create(manager, cost: 4, actor: "test", now: 1, on: db) }
        let app = Application(
            router: CentralAPI.router(store: store, clock: { now }, signIn: SignIn(bcryptCost: 4)),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            var browser = WebClient(client)
            #expect(try await browser.signIn("manager@example.com", BackOfficeWebTests.password).status == .seeOther)
            let page = WebClient.text(try await browser.send(.get, "/app/alerts"))
            #expect(
                page.contains("<strong>low-stock</strong>: <a href=\"/app/products/p-1\">Milk 1 l (p-1): 1 on hand"))
            #expect(page.contains("<strong>overdue-order</strong>") && page.contains("<strong>count-variance</strong>"))
        }
    }
}
