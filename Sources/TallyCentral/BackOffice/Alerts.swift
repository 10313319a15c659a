import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import TallySync

/// What needs a manager's attention: products whose stock on hand fell below their reorder point, purchase orders
/// past their expected date, and counts waiting for a decision whose variance is large. The alerts page shows them
/// as they are; ``AlertSender`` posts each new one once to the configured webhook.
public struct Alert: Codable, Sendable, Hashable {
    /// Stable while the condition lasts: an alert is sent once per key.
    public var key: String
    /// `low-stock`, `overdue-order` or `count-variance`.
    public var kind: String
    /// The product, order or count it is about.
    public var subject: String
    public var message: String
    /// The back-office page to open.
    public var link: String
}

public enum Alerts {
    /// Every alert that holds now, low stock first.
    public static func current(now: Int64, countVariance: Int64, on db: any DBConnection) throws -> [Alert] {
        var alerts: [Alert] = []
        for level in try PurchaseOrders.reorderLevels(on: db).sorted(by: { $0.product.id < $1.product.id })
        where level.onHand < level.point {
            let id = level.product.id
            alerts.append(
                Alert(
                    key: "low-stock:\(id)", kind: "low-stock", subject: id,
                    message: "\(level.product.name) (\(id)): \(level.onHand) on hand, below its reorder point of "
                        + "\(level.point)",
                    link: "/app/products/\(id)"))
        }
        let today = PurchaseOrders.day(PurchaseOrders.dayText(now)) ?? now
        for order in try PurchaseOrders.openOrders(on: db) {
            guard let expected = order.expectedAt, expected < today else { continue }
            alerts.append(
                Alert(
                    key: "overdue-order:\(order.id):\(expected)", kind: "overdue-order", subject: order.id,
                    message: "purchase order \(order.number) from \(order.supplierName) was expected on "
                        + "\(PurchaseOrders.dayText(expected)) and is \(order.status)",
                    link: "/app/purchase-orders/\(order.id)"))
        }
        for row in try db.query(
            """
            SELECT c.count_id, c.location_id, MAX(ABS(l.counted - l.expected)) AS variance
            FROM counts c JOIN count_lines l ON l.count_id = c.count_id
            WHERE c.status = 'submitted' GROUP BY c.count_id, c.location_id HAVING MAX(ABS(l.counted - l.expected)) >= ?
            ORDER BY c.count_id
            """, .integer(countVariance))
        {
            let id = try row.string("count_id")
            let variance = row.integer("variance") ?? 0
            alerts.append(
                Alert(
                    key: "count-variance:\(id)", kind: "count-variance", subject: id,
                    message: "count \(id)\(row.text("location_id").map { " at \($0)" } ?? "") differs by up to "
                        + "\(variance) from the station's books and waits for a decision",
                    link: "/app/alerts"))
        }
        return alerts
    }

    /// Where alerts go: each keeps its own record of what it was sent.
    public enum Channel: String, Sendable, CaseIterable {
        case webhook
        case mail

        /// The key in `alerts_sent` (the webhook's are the alerts' own keys, as they always were).
        func stored(_ key: String) -> String { self == .webhook ? key : "\(rawValue):\(key)" }
        func owns(_ stored: String) -> Bool {
            self == .webhook
                ? !Channel.allCases.contains { $0 != .webhook && stored.hasPrefix($0.rawValue + ":") }
                : stored.hasPrefix(rawValue + ":")
        }
    }

    /// Those of `alerts` (the current ones) not sent on the channel yet; its keys of alerts that no longer hold are
    /// forgotten, so they are sent again when their condition comes back.
    static func unsent(_ alerts: [Alert], channel: Channel, on db: any DBConnection) throws -> [Alert] {
        let live = Set(alerts.map { channel.stored($0.key) })
        let sent = Set(try db.query("SELECT key FROM alerts_sent").compactMap { $0.text("key") }.filter(channel.owns))
        for key in sent.subtracting(live) { try db.execute("DELETE FROM alerts_sent WHERE key = ?", .text(key)) }
        return alerts.filter { !sent.contains(channel.stored($0.key)) }
    }

    static func markSent(_ alerts: [Alert], channel: Channel, now: Int64, on db: any DBConnection) throws {
        for alert in alerts {
            try db.execute(
                "INSERT INTO alerts_sent (key, sent_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                .text(channel.stored(alert.key)), .integer(now))
        }
    }
}

/// Sends new alerts every `alerts.intervalSeconds`: posted to the webhook (`alerts.webhook`) as one JSON body
/// `{"alerts": [...]}` per sweep with something new, and mailed through the SMTP relay (`alerts.smtp`) as one message.
/// Each channel keeps its own record: an alert counts as sent on a channel once the webhook answers 2xx or the relay
/// takes the message; until then the next sweep tries that channel again.
public struct AlertSender: Service {
    let database: any DBAccess
    let webhook: String?
    let mailer: SMTPMailer?
    let interval: Duration
    let countVariance: Int64
    let clock: @Sendable () -> Int64
    let logger: Logger

    public init(
        database: any DBAccess, webhook: String?, mailer: SMTPMailer? = nil, interval: Duration, countVariance: Int64,
        clock: @escaping @Sendable () -> Int64, logger: Logger
    ) {
        self.database = database
        self.webhook = webhook
        self.mailer = mailer
        self.interval = interval
        self.countVariance = countVariance
        self.clock = clock
        self.logger = logger
    }

    struct Body: Codable {
        var alerts: [Alert]
    }

    public func run() async throws {
        while !Task.isCancelledOrShuttingDown {
            do {
                _ = try await sweep()
            } catch {
                logger.warning("alerts could not be sent", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// One sweep over every configured channel: the alerts are worked out once, then each channel gets those it
    /// was not sent yet. Answers the alerts it delivered (on any channel). A channel that fails does not keep the
    /// others from delivering; its error is thrown after them.
    @discardableResult
    public func sweep() async throws -> [Alert] {
        let channels = Alerts.Channel.allCases.filter { $0 == .webhook ? webhook != nil : mailer != nil }
        guard !channels.isEmpty else { return [] }
        let now = clock()
        let variance = countVariance
        let current = try await database.read { db in try Alerts.current(now: now, countVariance: variance, on: db) }
        var delivered: [Alert] = []
        var failure: (any Error)?
        for channel in channels {
            do {
                let alerts = try await database.write { db in try Alerts.unsent(current, channel: channel, on: db) }
                guard !alerts.isEmpty else { continue }
                try await deliver(alerts, on: channel)
                try await database.write { db in try Alerts.markSent(alerts, channel: channel, now: now, on: db) }
                for alert in alerts where !delivered.contains(where: { $0.key == alert.key }) {
                    delivered.append(alert)
                }
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
        return delivered
    }

    /// Posts the alerts to the webhook, or mails them in one message.
    func deliver(_ alerts: [Alert], on channel: Alerts.Channel) async throws {
        switch channel {
        case .webhook:
            let webhook = webhook ?? ""
            var request = HTTPClientRequest(url: webhook)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "tally-central")
            request.body = .bytes(ByteBuffer(bytes: try CentralJSON.encoder.encode(Body(alerts: alerts))))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            guard (200..<300).contains(response.status.code) else {
                throw AlertDeliveryError(description: "the webhook answered \(response.status.code)")
            }
            logger.info("alerts sent", metadata: ["count": "\(alerts.count)", "webhook": "\(webhook)"])
        case .mail:
            guard let mailer else { return }
            let subject = alerts.count == 1 ? "Tally: \(alerts[0].message)" : "Tally: \(alerts.count) new alerts"
            let body =
                "New alerts in the back office:\n\n"
                + alerts.map { "- \($0.message) (\($0.link))" }.joined(separator: "\n") + "\n"
            try await mailer.send(subject: subject, body: body)
            logger.info(
                "alerts mailed", metadata: ["count": "\(alerts.count)", "to": "\(mailer.to.joined(separator: ", "))"])
        }
    }
}

struct AlertDeliveryError: Error, CustomStringConvertible {
    var description: String
}

extension Task where Success == Never, Failure == Never {
    static var isCancelledOrShuttingDown: Bool { isCancelled || isShuttingDownGracefully }
}
