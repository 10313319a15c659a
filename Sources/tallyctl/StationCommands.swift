import ArgumentParser
import Foundation
import TallyCore
import TallyStation

/// Formats minor units of a currency, as the daemon reports them.
func amountText(_ minorUnits: Any?, currency: String) -> String {
    let units = (minorUnits as? NSNumber)?.int64Value ?? 0
    guard let currency = Currency(code: currency) else { return "\(units)" }
    return (try? Money(minorUnits: units, currency: currency).decimalString()) ?? "\(units)"
}

/// `text` cut or padded with spaces to `width` characters.
func padded(_ text: String, to width: Int, right: Bool = false) -> String {
    let cut = String(text.prefix(width))
    let fill = String(repeating: " ", count: width - cut.count)
    return right ? fill + cut : cut + fill
}

/// Writes a line to standard output at once, so it interleaves with refusals on standard error in order.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// Prints what the daemon said about a scan or command, and whether it was refused.
func report(_ response: DaemonResponse, prefix: String = "") -> Bool {
    guard let outcome = response.json(), outcome["lane"] != nil else {
        FileHandle.standardError.write(Data("tallyctl: \(prefix)\(response.errorMessage)\n".utf8))
        return false
    }
    if outcome["accepted"] as? Bool == true {
        var text = prefix + ((outcome["message"] as? String) ?? "ok")
        if let receipt = outcome["receiptNumber"] as? Int { text += " (receipt \(receipt))" }
        say(text)
        return true
    }
    FileHandle.standardError.write(Data("refused: \(prefix)\((outcome["reason"] as? String) ?? "")\n".utf8))
    return false
}

/// `tallyctl scan`: sends scans to the daemon as if they had been scanned.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Send scans to tallyd, as a scanner would.",
        discussion: "Write GS as \\x1D. The exit status is 1 when any scan was refused.")

    @OptionGroup var daemon: DaemonOptions

    @Argument(help: "The codes, in order.")
    var codes: [String]

    func run() async throws {
        let client = DaemonClient(baseURL: daemon.baseURL)
        var allAccepted = true
        for code in codes {
            let bytes = ParseCommand.unescapingGroupSeparators(Array(code.utf8))
            var body: [String: Any] = [
                "bytes": Data(bytes).base64EncodedString(), "device": "tallyctl",
                "id": UUID().uuidString.lowercased(),
            ]
            if let lane = daemon.lane { body["lane"] = lane }
            let response = try await client.post("/scans", json: body)
            allAccepted = report(response, prefix: "\(code): ") && allAccepted
        }
        if !allAccepted { throw ExitCode(1) }
    }
}

/// `tallyctl basket`: the lane's open basket.
struct BasketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "basket", abstract: "Show a lane's open basket.")

    @OptionGroup var daemon: DaemonOptions

    func run() async throws {
        let client = DaemonClient(baseURL: daemon.baseURL)
        let lane = try await resolvedLane(client, daemon.lane)
        let response = try await client.get("/lanes/\(lane)")
        guard let snapshot = response.json(), let currency = snapshot["currency"] as? String else {
            throw CommandFailure(response.errorMessage)
        }
        print("lane \(lane), \(snapshot["mode"] as? String ?? "?") mode")
        if let rejection = snapshot["lastRejection"] as? [String: Any] {
            print("last refused scan: \(rejection["input"] as? String ?? ""): \(rejection["reason"] as? String ?? "")")
        }
        guard let basket = snapshot["basket"] as? [String: Any] else {
            print("no open basket")
            return
        }
        for case let line as [String: Any] in basket["lines"] as? [Any] ?? [] {
            let quantity =
                (line["unit"] as? String) == "weight"
                ? "\(line["quantity"] ?? 0) g" : "\(line["quantity"] ?? 0) x"
            let number = String(line["number"] as? Int ?? 0)
            var text = String(repeating: " ", count: max(0, 3 - number.count)) + number + "  "
            text += padded(line["name"] as? String ?? "", to: 30) + " " + padded(quantity, to: 8, right: true)
            text += " " + padded(amountText(line["amount"], currency: currency), to: 10, right: true)
            if line["voided"] as? Bool == true { text += "  (voided)" }
            print(text)
        }
        let total = amountText(basket["total"], currency: currency)
        let paid = amountText(basket["paid"], currency: currency)
        print("total \(total) \(currency), paid \(paid), due \(amountText(basket["remaining"], currency: currency))")
        if let pending = basket["awaitingPriceFor"] as? String { print("item \(pending) waits for a price") }
    }
}

/// `tallyctl tender`: pays the open basket.
struct TenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tender", abstract: "Pay the open basket: cash, card, account or other.")

    @OptionGroup var daemon: DaemonOptions

    @Argument(help: "cash, card, account or other.")
    var kind: String

    @Argument(help: "The amount handed over, such as 20.00; without it, what is due.")
    var amount: String?

    @Option(help: "The card terminal's reference, or the customer account.")
    var reference: String?

    func run() async throws {
        let client = DaemonClient(baseURL: daemon.baseURL)
        let lane = try await resolvedLane(client, daemon.lane)
        var body: [String: Any] = ["kind": kind]
        if let amount { body["amount"] = amount }
        if let reference { body["reference"] = reference }
        if !report(try await client.post("/lanes/\(lane)/tender", json: body)) { throw ExitCode(1) }
    }
}

/// `tallyctl receipt N`: a receipt as text or ESC/POS, or printed again.
struct ReceiptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt", abstract: "Show a receipt, save its ESC/POS bytes, or print it again as a copy.")

    @OptionGroup var daemon: DaemonOptions

    @Argument(help: "The receipt number; 'last' for the newest.")
    var number: String

    @Option(help: "Columns of the text (24 to 80).")
    var width = 48

    @Option(help: "Write the ESC/POS bytes for this paper (80mm or 58mm) to --output instead of showing text.")
    var escpos: String?

    @Option(help: "The file for --escpos.")
    var output: String?

    @Flag(help: "Print it again on the lane's printer, marked as a copy.")
    var reprint = false

    func run() async throws {
        let client = DaemonClient(baseURL: daemon.baseURL)
        var receipt = number
        if number == "last" {
            let list = try await client.get("/receipts?limit=1")
            guard let first = ((try? JSONSerialization.jsonObject(with: list.body)) as? [[String: Any]])?.first,
                let latest = first["number"] as? Int
            else { throw CommandFailure("there are no receipts yet") }
            receipt = String(latest)
        }
        if reprint {
            let lane = daemon.lane.map { "?lane=\($0)" } ?? ""
            let response = try await client.post("/receipts/\(receipt)/print\(lane)", json: [:])
            guard response.status == 200 else { throw CommandFailure(response.errorMessage) }
            print("receipt \(receipt) queued for the printer, marked as a copy")
            return
        }
        if let escpos {
            guard let output else { throw CommandFailure("--escpos needs --output FILE") }
            let response = try await client.get("/receipts/\(receipt)?format=escpos&paper=\(escpos)")
            guard response.status == 200 else { throw CommandFailure(response.errorMessage) }
            try response.body.write(to: URL(fileURLWithPath: output))
            print("\(response.body.count) bytes of ESC/POS written to \(output)")
            return
        }
        try printDocument(try await client.get("/receipts/\(receipt)?width=\(width)"))
    }
}

/// `tallyctl x-report`.
struct XReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "x-report", abstract: "Show the running totals of the open period.")

    @OptionGroup var daemon: DaemonOptions

    @Option(help: "Columns of the text (24 to 80).")
    var width = 48

    func run() async throws {
        try printDocument(try await DaemonClient(baseURL: daemon.baseURL).get("/reports/x?width=\(width)"))
    }
}

/// `tallyctl z-report`.
struct ZReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "z-report", abstract: "Close the period with the cash counted in the drawer.")

    @OptionGroup var daemon: DaemonOptions

    @Option(help: "The cash counted in the drawer, such as 412.35.")
    var counted: String

    @Option(help: "Columns of the text (24 to 80).")
    var width = 48

    func run() async throws {
        try printDocument(
            try await DaemonClient(baseURL: daemon.baseURL).post(
                "/reports/z?width=\(width)", json: ["countedCash": counted]))
    }
}

/// Prints a receipt or report the daemon rendered as text, or fails with the daemon's message.
func printDocument(_ response: DaemonResponse) throws {
    guard response.status == 200 else { throw CommandFailure(response.errorMessage) }
    print(response.text, terminator: "")
}

/// The lane to act on: `--lane`, or the station's first.
func resolvedLane(_ client: DaemonClient, _ lane: String?) async throws -> String {
    if let lane { return lane }
    let response = try await client.get("/lanes")
    guard let lanes = (try? JSONSerialization.jsonObject(with: response.body)) as? [[String: Any]],
        let first = lanes.first?["lane"] as? String
    else { throw CommandFailure(response.errorMessage) }
    return first
}
