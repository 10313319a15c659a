import Configuration
import Foundation
import TallyCore
import Testing

@testable import TallyStation

@Suite struct StationConfigurationTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let examplePath = repository.appending(path: "Config/station.yaml").path
    static let eur = Currency(code: "EUR")!

    /// The configuration in the example file with `environment` over it.
    static func example(
        _ environment: [String: String] = [:]
    ) async throws(StationConfigurationError) -> StationConfiguration {
        try await StationConfiguration.load(yamlFile: examplePath, environment: environment)
    }

    /// The error the example file gives with `environment` over it.
    static func error(_ environment: [String: String]) async -> StationConfigurationError? {
        do {
            _ = try await example(environment)
            return nil
        } catch {
            return error
        }
    }

    @Test func theExampleFileReadsAsAGermanTill() async throws {
        let configuration = try await Self.example()
        #expect(configuration.stationCode == "TILL1")
        #expect(configuration.stateDirectory == "/var/lib/tally")
        #expect(configuration.country == "DE")
        #expect(configuration.currency == Self.eur)
        #expect(configuration.timeZone == "Europe/Berlin")
        #expect(
            configuration.shop
                == ShopDetails(
                    name: "Eckladen Müller", addressLines: ["Hauptstraße 12", "10115 Berlin"], taxID: "DE123456789",
                    receiptFooter: ["Vielen Dank für Ihren Einkauf!", "Umtausch innerhalb von 14 Tagen mit Beleg."]))
        #expect(configuration.api == APIConfiguration(host: "127.0.0.1", port: 8417))
        #expect(configuration.sale.currency == Self.eur)
        #expect(configuration.sale.tax == TaxCalculator(priceMode: .taxInclusive, roundingLevel: .perRate))
        #expect(configuration.sale.cashRounding == nil)
        #expect(configuration.sale.unknownBarcode == .refuse)
        #expect(configuration.sale.unknownItemTaxClass == nil)
        #expect(configuration.openingFloat == Money(minorUnits: 15000, currency: Self.eur))
        #expect(configuration.sellableLocation == "SHOP")
        #expect(configuration.damagedLocation == "DAMAGED")
        #expect(configuration.lanes == [LaneConfiguration(id: "till", mode: .sale, printer: nil)])
        #expect(configuration.operators.isEmpty)
        #expect(configuration.count == CountRules(recountUnits: 2, recountPercent: 10, duplicateWindow: 2000))
        #expect(configuration.logLevel == "info")
    }

    @Test func environmentVariablesWinOverTheFile() async throws {
        let configuration = try await Self.example([
            "STATION_CODE": "TILL2",
            "STATION_STATE_DIRECTORY": "/srv/tally",
            "API_HOST": "0.0.0.0",
            "API_PORT": "0",
            "SHOP_ADDRESS": "Marktplatz 1, 20095 Hamburg",
            "SALE_PRICE_MODE": "taxExclusive",
            "SALE_TAX_ROUNDING": "perLine",
            "SALE_CASH_ROUNDING": "0.05",
            "SALE_UNKNOWN_BARCODE": "priceEntry",
            "SALE_PRICE_ENTRY_ROLES": "manager, owner",
            "SALE_OPENING_FLOAT": "200",
            "LANES": "till,back-door",
            "LANE_TILL_PRINTER_DEVICE": "/dev/usb/lp1",
            "LANE_TILL_PRINTER_PAPER": "58mm",
            "LANE_BACK_DOOR_MODE": "RECEIVE",
            "LANE_BACK_DOOR_PRINTER_TCP": "[fd00::50]:9101",
            "OPERATORS": "anna",
            "OPERATOR_ANNA_NAME": "Anna Schmidt",
            "OPERATOR_ANNA_ROLE": "manager",
            "OPERATOR_ANNA_PIN_HASH": "sha256:00ff:" + String(repeating: "ab", count: 32),
            "LOG_LEVEL": "debug",
        ])
        #expect(configuration.stationCode == "TILL2")
        #expect(configuration.stateDirectory == "/srv/tally")
        #expect(configuration.api == APIConfiguration(host: "0.0.0.0", port: 0))
        #expect(configuration.shop.addressLines == ["Marktplatz 1", "20095 Hamburg"])
        #expect(configuration.shop.name == "Eckladen Müller")
        #expect(configuration.sale.tax == TaxCalculator(priceMode: .taxExclusive, roundingLevel: .perLine))
        #expect(configuration.sale.cashRounding?.increment == Money(minorUnits: 5, currency: Self.eur))
        #expect(configuration.sale.unknownBarcode == .priceEntry(roles: ["manager", "owner"]))
        #expect(configuration.openingFloat == Money(minorUnits: 20000, currency: Self.eur))
        #expect(
            configuration.lanes == [
                LaneConfiguration(
                    id: "till", mode: .sale,
                    printer: PrinterConfiguration(connection: .device(path: "/dev/usb/lp1"), paper: .mm58)),
                LaneConfiguration(
                    id: "back-door", mode: .receive,
                    printer: PrinterConfiguration(connection: .tcp(host: "fd00::50", port: 9101), paper: .mm80)),
            ])
        #expect(
            configuration.operators == [
                OperatorConfiguration(
                    id: "anna", name: "Anna Schmidt", role: "manager",
                    pinHash: "sha256:00ff:" + String(repeating: "ab", count: 32))
            ])
        #expect(configuration.logLevel == "debug")

    }

    @Test func environmentVariableNamesAreThoseTheProviderReads() throws {
        let keys = [
            "station.code", "station.stateDirectory", "shop.taxId", "sale.priceEntryRoles", "lane.back-door.mode",
            "lane.till.printer.tcp", "operator.anna_2.pinHash", "log.level",
        ]
        #expect(
            StationConfiguration.environmentVariableName(forKey: "station.stateDirectory") == "STATION_STATE_DIRECTORY")
        #expect(StationConfiguration.environmentVariableName(forKey: "lane.back-door.mode") == "LANE_BACK_DOOR_MODE")
        #expect(StationConfiguration.environmentVariableName(forKey: "shop.taxId") == "SHOP_TAX_ID")
        for key in keys {
            let name = StationConfiguration.environmentVariableName(forKey: key)
            let reader = ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: [name: "x"]))
            #expect(reader.string(forKey: ConfigKey(key)) == "x", "\(key) → \(name)")
        }
    }

    @Test func cashRoundingDefaultsToTheCountrysInItsCurrency() async throws {
        let netherlands = try await Self.example(["STATION_COUNTRY": "NL", "SALE_CASH_ROUNDING": ""])
        #expect(netherlands.sale.cashRounding?.increment == Money(minorUnits: 5, currency: Self.eur))
        let germany = try await Self.example(["SALE_CASH_ROUNDING": ""])
        #expect(germany.sale.cashRounding == nil)
        // Switzerland rounds francs; a Swiss shop selling in euros has no rounding unless it sets one.
        let swissInEuros = try await Self.example(["STATION_COUNTRY": "CH", "SALE_CASH_ROUNDING": ""])
        #expect(swissInEuros.sale.cashRounding == nil)
        let swiss = try await Self.example([
            "STATION_COUNTRY": "CH", "STATION_CURRENCY": "CHF", "SALE_CASH_ROUNDING": "", "SALE_OPENING_FLOAT": "0",
        ])
        #expect(swiss.sale.cashRounding?.increment == Money(minorUnits: 5, currency: Currency(code: "CHF")!))
        let sweden = try await Self.example([
            "STATION_COUNTRY": "SE", "STATION_CURRENCY": "SEK", "SALE_CASH_ROUNDING": "1",
        ])
        #expect(sweden.sale.cashRounding?.increment == Money(minorUnits: 100, currency: Currency(code: "SEK")!))
        let none = try await Self.example(["STATION_COUNTRY": "NL", "SALE_CASH_ROUNDING": "none"])
        #expect(none.sale.cashRounding == nil)
    }

    @Test(arguments: [
        (["STATION_CODE": "till 1"], #"station.code "till 1" may hold only A–Z and 0–9, 1 to 12 characters"#),
        (
            ["STATION_CODE": "TILL567890123"],
            #"station.code "TILL567890123" may hold only A–Z and 0–9, 1 to 12 characters"#
        ),
        (
            ["STATION_STATE_DIRECTORY": "var/lib/tally"],
            #"station.stateDirectory "var/lib/tally" must be an absolute path, such as /var/lib/tally"#
        ),
        (
            ["STATION_COUNTRY": "de"],
            #"station.country "de" must be an ISO 3166 country code of two capital letters A–Z, such as DE"#
        ),
        (
            ["STATION_CURRENCY": "EURO"],
            #"station.currency "EURO" is not an ISO 4217 currency code; use its three capital letters, such as EUR"#
        ),
        (
            ["STATION_CURRENCY": "XAU"],
            #"station.currency "XAU" has no minor unit in ISO 4217, so prices cannot be given in it; use a currency such as EUR"#
        ),
        (
            ["STATION_TIME_ZONE": "Europe/Atlantis"],
            #"station.timeZone "Europe/Atlantis" is not a time zone this system knows; use an IANA name such as Europe/Berlin"#
        ),
        (["SHOP_NAME": "Eck\tladen"], #"shop.name "Eck\tladen" may not contain control characters"#),
        (["API_HOST": "my host"], #"api.host "my host" must be an IP address or a host name"#),
        (["API_HOST": "300.1.2.3"], #"api.host "300.1.2.3" must be an IP address or a host name"#),
        (["API_PORT": "70000"], #"api.port "70000" must be a whole number from 0 to 65535 (0: any free port)"#),
        (["API_PORT": "http"], #"api.port "http" must be a whole number from 0 to 65535"#),
        (["COUNT_RECOUNT_PERCENT": "150"], #"count.recountPercent "150" must be a whole number from 0 to 100 %"#),
        (
            ["COUNT_DUPLICATE_WINDOW": "1.5"],
            #"count.duplicateWindow "1.5" must be a whole number from 0 to 60000 milliseconds"#
        ),
        (["SALE_PRICE_MODE": "gross"], #"sale.priceMode "gross" must be taxInclusive"#),
        (["SALE_TAX_ROUNDING": "perItem"], #"sale.taxRounding "perItem" must be perRate"#),
        (
            ["SALE_CASH_ROUNDING": "0.001"],
            #"sale.cashRounding "0.001" must be none or the smallest amount cash is paid in, a positive amount in EUR with a decimal point and at most 2 decimal places, such as 0.05"#
        ),
        (["SALE_CASH_ROUNDING": "-0.05"], #"sale.cashRounding "-0.05" must be none or"#),
        (["SALE_CASH_ROUNDING": "0"], #"sale.cashRounding "0" must be none or"#),
        (["SALE_UNKNOWN_BARCODE": "ask"], #"sale.unknownBarcode "ask" must be refuse"#),
        (
            ["SALE_PRICE_ENTRY_ROLES": "manager,Supervisor"],
            #"sale.priceEntryRoles "Supervisor" is not a role: a–z, 0–9, - and _ only, 1 to 32 characters"#
        ),
        (
            ["SALE_OPENING_FLOAT": "-10"],
            #"sale.openingFloat "-10" must be an amount of zero or more in EUR with a decimal point and at most 2 decimal places, such as 150.00"#
        ),
        (["SALE_OPENING_FLOAT": "1,50"], #"sale.openingFloat "1,50" must be an amount of zero or more in EUR"#),
        (["LOCATIONS_SELLABLE": "shop floor"], #"locations.sellable "shop floor" must be a location code"#),
        (["LOCATIONS_DAMAGED": "SHOP"], #"locations.damaged "SHOP" must differ from locations.sellable"#),
        (["LANES": "Till"], #"lanes "Till" is not a lane id: a–z, 0–9, - and _ only, 1 to 32 characters"#),
        (["LANES": "till,dock,till"], #"lanes "till, dock, till" names lane till more than once"#),
        (["LANE_TILL_MODE": "sell"], #"lane.till.mode "sell" must be one of SALE, RETURN, RECEIVE, COUNT, PRICE"#),
        (
            ["LANE_TILL_PRINTER_DEVICE": "lp0"],
            #"lane.till.printer.device "lp0" must be the absolute path of the printer's device, such as /dev/usb/lp0"#
        ),
        (["LANE_TILL_PRINTER_TCP": "printer:99999"], #"lane.till.printer.tcp "printer:99999" must be host:port"#),
        (["LANE_TILL_PRINTER_TCP": "fd00::50"], #"lane.till.printer.tcp "fd00::50" must be host:port"#),
        (
            ["LANE_TILL_PRINTER_DEVICE": "/dev/usb/lp0", "LANE_TILL_PRINTER_TCP": "printer:9100"],
            #"lane.till.printer.tcp "printer:9100" cannot be set together with lane.till.printer.device"#
        ),
        (
            ["LANE_TILL_PRINTER_DEVICE": "/dev/usb/lp0", "LANE_TILL_PRINTER_PAPER": "76mm"],
            #"lane.till.printer.paper "76mm" must be 80mm or 58mm"#
        ),
        (
            ["LANE_TILL_PRINTER_PAPER": "58mm"],
            #"lane.till.printer.paper "58mm" is set but the lane has no printer"#
        ),
        (["OPERATORS": "anna"], #"operator.anna.name is not set: it needs the operator's name"#),
        (
            ["OPERATORS": "anna", "OPERATOR_ANNA_NAME": "Anna", "OPERATOR_ANNA_ROLE": "Boss"],
            #"operator.anna.role "Boss" is not a role"#
        ),
        (
            [
                "OPERATORS": "anna", "OPERATOR_ANNA_NAME": "Anna", "OPERATOR_ANNA_ROLE": "cashier",
                "OPERATOR_ANNA_PIN_HASH": "1234",
            ],
            #"operator.anna.pinHash "1234" must be sha256:<salt in hex>:<64 hex digits>"#
        ),
        (["OPERATORS": "anna,anna"], #"operators "anna, anna" names operator anna more than once"#),
        (
            ["LOG_LEVEL": "verbose"],
            #"log.level "verbose" must be one of trace, debug, info, notice, warning, error, critical"#
        ),
    ])
    func aBadValueGivesOneErrorNamingKeyValueAndRule(environment: [String: String], message: String) async {
        let error = await Self.error(environment)
        #expect(error?.description.hasPrefix(message) == true, "\(String(describing: error))")
    }

    @Test func aMissingValueNamesItsKeyAndVariable() async throws {
        let error = await Self.yamlError("shop:\n  name: Laden\n")
        #expect(
            error?.description
                == "station.code is not set: it needs the station's code: A–Z and 0–9, 1 to 12 characters, "
                + "such as TILL1; set it in the configuration file or as STATION_CODE")
    }

    @Test func aListWhereOneValueBelongsIsRefused() async {
        let error = await Self.yamlError("station:\n  code: [TILL1, TILL2]\n")
        #expect(
            error
                == .invalidValue(key: "station.code", value: "TILL1, TILL2", rule: "must be a single value, not a list")
        )
    }

    @Test func aSingleValueWhereAListBelongsIsAListOfOne() async throws {
        let yaml = """
            station: {code: T1, stateDirectory: /tmp/t, country: AT, currency: EUR}
            shop: {name: Laden, address: Ring 1}
            lanes: counter
            """
        let configuration = try await Self.yamlConfiguration(yaml)
        #expect(configuration.shop.addressLines == ["Ring 1"])
        #expect(configuration.lanes.map(\.id) == ["counter"])
        #expect(configuration.timeZone == "UTC")
        #expect(configuration.sale.unknownBarcode == .refuse)
        #expect(configuration.openingFloat == .zero(Self.eur))
    }

    @Test func typedValuesOfAProviderBuiltInCodeAreRead() throws {
        let reader = ConfigReader(
            provider: InMemoryProvider(values: [
                "station.code": "TILL3", "station.stateDirectory": "/tmp/tally", "station.country": "CH",
                "station.currency": "CHF", "shop.name": "Laden", "api.port": 9000, "sale.cashRounding": 0.1,
                "sale.openingFloat": 100, "lanes": .init(.stringArray(["till", "dock"]), isSecret: false),
            ]))
        let configuration = try StationConfiguration(reader: reader)
        let franc = try #require(Currency(code: "CHF"))
        #expect(configuration.api.port == 9000)
        #expect(configuration.sale.cashRounding?.increment == Money(minorUnits: 10, currency: franc))
        #expect(configuration.openingFloat == Money(minorUnits: 10000, currency: franc))
        #expect(configuration.lanes.map(\.id) == ["till", "dock"])
        #expect(
            throws: StationConfigurationError.invalidValue(
                key: "api.port", value: "-1", rule: "must be a whole number from 0 to 65535 (0: any free port)")
        ) {
            try StationConfiguration(
                reader: ConfigReader(
                    provider: InMemoryProvider(values: [
                        "station.code": "TILL3", "station.stateDirectory": "/tmp/tally", "station.country": "CH",
                        "station.currency": "CHF", "shop.name": "Laden", "api.port": -1,
                    ])))
        }
    }

    @Test(arguments: [
        "station: [unclosed\n",
        "station:\n  code: TILL1\n   bad indent: x\n",
        "\u{1}\u{2}\u{3}garbage\u{FF}",
        "just a sentence",
        "- a\n- list\n",
        "",
        "station:\n  code: {a: [1, [2]]}\n",
        "station: {code: TILL1}\nstation: {code: TILL2}\n",
    ])
    func garbageYAMLGivesAnErrorNamingTheFile(text: String) async throws {
        let path = try Self.temporaryFile(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let configuration = try await StationConfiguration.load(yamlFile: path, environment: [:])
            Issue.record("read \(configuration.stationCode) from garbage")
        } catch {
            guard case .invalidFile(let file, let reason) = error else {
                Issue.record("expected invalidFile, got \(error)")
                return
            }
            #expect(file == path)
            #expect(!reason.isEmpty)
            #expect(error.description.hasPrefix("The configuration file \(path) is not valid YAML"))
        }
    }

    @Test func aMissingOrUnreadableFileIsNamed() async throws {
        let missing = "/nonexistent-\(UUID())/station.yaml"
        await #expect(throws: StationConfigurationError.fileNotFound(path: missing)) {
            try await StationConfiguration.makeReader(yamlFile: missing, environment: [:])
        }
        let folder = FileManager.default.temporaryDirectory.path
        await #expect(
            throws: StationConfigurationError.fileUnreadable(path: folder, reason: "it is a folder, not a file")
        ) {
            try await StationConfiguration.makeReader(yamlFile: folder, environment: [:])
        }
        #expect(
            StationConfigurationError.fileNotFound(path: "/etc/tally/station.yaml").description.hasPrefix(
                "The configuration file /etc/tally/station.yaml does not exist"))
    }

    // MARK: - Helpers

    static func temporaryFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appending(path: "station-\(UUID()).yaml")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static func yamlConfiguration(_ text: String) async throws -> StationConfiguration {
        let path = try temporaryFile(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await StationConfiguration.load(yamlFile: path, environment: [:])
    }

    static func yamlError(_ text: String) async -> StationConfigurationError? {
        do {
            _ = try await yamlConfiguration(text)
            return nil
        } catch let error as StationConfigurationError {
            return error
        } catch {
            return nil
        }
    }
}
