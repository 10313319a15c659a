import ArgumentParser
import Foundation

/// `tallyctl receive ORDER`: starts receiving against a purchase order, as scanning its label does.
struct ReceiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive", abstract: "Receive goods against a purchase order on a dock lane.",
        discussion: "Then scan what arrived (tallyctl scan) and close the receipt with tallyctl done.")

    @OptionGroup var daemon: DaemonOptions

    @Argument(help: "The purchase order's number, as printed on it.")
    var order: String

    func run() async throws {
        let client = DaemonClient(baseURL: daemon.baseURL)
        let lane = try await resolvedLane(client, daemon.lane)
        _ = try await client.post("/lanes/\(lane)/mode", json: ["mode": "receive"])
        if !report(try await client.post("/lanes/\(lane)/receive", json: ["order": order])) { throw ExitCode(1) }
    }
}

/// `tallyctl done`: closes the goods receipt or submits the count in progress, as the DONE card does.
struct DoneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "done", abstract: "Close the goods receipt or submit the count on a lane.")

    @OptionGroup var daemon: DaemonOptions

    func run() async throws {
        let client = DaemonClient(baseURL: daemon.baseURL)
        let lane = try await resolvedLane(client, daemon.lane)
        if !report(try await client.post("/lanes/\(lane)/done", json: [:])) { throw ExitCode(1) }
    }
}

/// `tallyctl progress`: how the receipt or count on a lane stands.
struct ProgressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show the goods receipt (ordered, received, open per line) or the count (what was counted) on a lane."
    )

    @OptionGroup var daemon: DaemonOptions

    func run() async throws {
        let client = DaemonClient(baseURL: daemon.baseURL)
        let lane = try await resolvedLane(client, daemon.lane)
        let response = try await client.get("/lanes/\(lane)")
        guard let snapshot = response.json() else { throw CommandFailure(response.errorMessage) }
        print("lane \(lane), \(snapshot["mode"] as? String ?? "?") mode")
        if let receiving = snapshot["receiving"] as? [String: Any] {
            let order = (receiving["order"] as? String).map { "order \($0)" } ?? "delivery without an order"
            print("\(order), into \(receiving["location"] as? String ?? "?")")
            print(padded("", to: 5) + padded("item", to: 30) + " ordered received  damaged     open  status")
            for case let line as [String: Any] in receiving["lines"] as? [Any] ?? [] {
                let number = (line["orderLine"] as? Int).map(String.init) ?? "-"
                var text = padded(number, to: 4, right: true) + " " + padded(line["name"] as? String ?? "", to: 30)
                for key in ["ordered", "received", "damaged", "open"] {
                    text += " " + padded("\(line[key] ?? 0)", to: key == "ordered" ? 7 : 8, right: true)
                }
                print(text + "  " + (line["status"] as? String ?? ""))
            }
            print(
                "received \(receiving["received"] ?? 0) of \(receiving["ordered"] ?? 0), \(receiving["open"] ?? 0) open"
            )
        } else if let count = snapshot["count"] as? [String: Any] {
            var heading = "counting \(count["location"] as? String ?? "?")"
            if count["recount"] as? Bool == true { heading += " (recount)" }
            print(heading)
            for case let line as [String: Any] in count["lines"] as? [Any] ?? [] {
                let lot = (line["lot"] as? String).flatMap { $0.isEmpty ? nil : "lot \($0)" } ?? ""
                print(
                    padded(line["name"] as? String ?? "", to: 30) + " "
                        + padded("\(line["counted"] ?? 0)", to: 8, right: true) + "  " + lot)
            }
            if let warning = count["warning"] as? String { print("warning: \(warning)") }
        } else {
            print("no goods receipt or count in progress")
        }
    }
}

/// `tallyctl adjust`: damage, write-off, found stock or a transfer, signed with an operator's PIN.
struct AdjustCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adjust", abstract: "Book damage, a write-off, found stock or a transfer between locations.",
        discussion: """
            Reasons: damage broken, expired, spoiled, other; write-off theft, lost, expired, sample, other; found \
            found, other; transfer relocation, other. The PIN is read from TALLY_PIN when --pin is not given.
            """)

    @OptionGroup var daemon: DaemonOptions

    @Argument(help: "damage, write-off, found or transfer.")
    var kind: String

    @Argument(help: "The item's barcode.")
    var code: String

    @Argument(help: "Pieces, or grams for items sold by weight.")
    var quantity: Int64

    @Option(help: "Why.") var reason: String
    @Option(help: "Where the stock leaves (damage, write-off, transfer).") var from: String?
    @Option(help: "Where the stock arrives (found, transfer).") var to: String?
    @Option(help: "The lot, when the item has lots.") var lot: String?
    @Option(help: "A note for the back office.") var note: String?
    @Option(name: .customLong("operator"), help: "The operator who books it.") var operatorID: String
    @Option(help: "The operator's PIN.") var pin: String?

    func run() async throws {
        guard let pin = pin ?? ProcessInfo.processInfo.environment["TALLY_PIN"] else {
            throw ValidationError("give the operator's PIN with --pin or TALLY_PIN")
        }
        let client = DaemonClient(baseURL: daemon.baseURL)
        let lane = try await resolvedLane(client, daemon.lane)
        var body: [String: Any] = [
            "kind": kind, "code": code, "quantity": quantity, "reason": reason, "operator": operatorID, "pin": pin,
        ]
        if let from { body["from"] = from }
        if let to { body["to"] = to }
        if let lot { body["lot"] = lot }
        if let note { body["note"] = note }
        if !report(try await client.post("/lanes/\(lane)/adjust", json: body)) { throw ExitCode(1) }
    }
}
