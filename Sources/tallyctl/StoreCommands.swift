import ArgumentParser
import Foundation
import TallyCore
import TallyStation

/// Where a station's database is: `--state-dir` (with `station.sqlite` in it) or `--database`.
struct StoreOptions: ParsableArguments {
    @Option(help: "The station's state directory.")
    var stateDir: String?

    @Option(help: "The station database file itself.")
    var database: String?

    func open() throws -> StationDatabase {
        if let database { return try StationDatabase(path: database) }
        guard let stateDir else { throw ValidationError("give --state-dir DIR or --database FILE") }
        return try StationDatabase(stateDirectory: stateDir)
    }
}

/// `tallyctl verify`: checks a station's records, or central's audit trail.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a station's ledger, on-hand projection, journal chain and receipts, or central's audit trail.",
        discussion: """
            A station's database is read directly, also while tallyd runs. With --central, the entries of central's \
            audit trail are fetched over its API (a back-office user's or a manager's token, from --token or \
            TALLY_TOKEN) and every hash is computed again here, so a central that was tampered with cannot vouch for \
            itself. The exit status is 1 when a check fails.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "Central's address, such as https://central.example:8480: verify its audit trail.")
    var central: String?

    @Option(help: "The API token for --central (else the environment's TALLY_TOKEN).")
    var token: String?

    @Option(
        help: ArgumentHelp(
            "An entry's hash written down earlier, as SEQUENCE:HASH: the chain must still pass through it.",
            valueName: "sequence:hash"))
    var head: String?

    func run() async throws {
        if let central {
            let token = token ?? ProcessInfo.processInfo.environment["TALLY_TOKEN"]
            guard let token, !token.isEmpty else {
                throw ValidationError("--central needs an API token: give --token or set TALLY_TOKEN")
            }
            let pin = try head.map(AuditCheck.Pin.init(parsing:))
            let result = try await AuditCheck(central: central, token: token).run(pin: pin)
            print(result.description)
            if !result.isSound { throw ExitCode(1) }
            return
        }
        let report = try store.open().verify()
        print(report.description)
        if !report.isSound { throw ExitCode(1) }
    }
}

/// `tallyctl catalog demo`: loads the demo catalog into a station's database.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "Load a catalog into a station's database.",
        subcommands: [DemoCatalogCommand.self])
}

struct DemoCatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Load the demo catalog: named products, weighed items and generated ones.")

    @OptionGroup var store: StoreOptions

    @Option(help: "How many products in all.")
    var products = 1000

    @Option(help: "The currency of the prices.")
    var currency = "EUR"

    @Option(help: "Write the catalog to this file as JSON Lines for tally-central catalog import, instead.")
    var jsonl: String?

    func run() throws {
        guard let currency = Currency(code: currency) else { throw ValidationError("unknown currency \(currency)") }
        guard (1...5_000_000).contains(products) else { throw ValidationError("--products is 1 to 5000000") }
        if let jsonl {
            let lines = try DemoCatalog.jsonLines(DemoCatalog.records(count: products, currency: currency))
            try Data(lines).write(to: URL(fileURLWithPath: jsonl))
            print("\(products) products and \(DemoCatalog.taxClasses.count) tax classes in \(jsonl)")
            return
        }
        let database = try store.open()
        let catalog = DemoCatalog.products(count: products, currency: currency)
        var start = 0
        while start < catalog.count {
            let chunk = Array(catalog[start..<min(start + 50_000, catalog.count)])
            try database.upsertCatalog(
                taxClasses: DemoCatalog.taxClasses, standardTaxClassID: "standard", products: chunk)
            start += chunk.count
        }
        print("\(catalog.count) products in \(database.path)")
    }
}

/// `tallyctl hash-pin`: the stored form of an operator's PIN, for station.yaml.
struct HashPINCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash-pin", abstract: "Print the hash of an operator PIN for operator.<id>.pinHash.")

    @Argument(help: "The PIN, 4 to 12 digits.")
    var pin: String

    func run() throws {
        guard (4...12).contains(pin.count), pin.allSatisfy(\.isNumber) else {
            throw ValidationError("a PIN is 4 to 12 digits")
        }
        print(OperatorPIN.hash(pin))
    }
}
