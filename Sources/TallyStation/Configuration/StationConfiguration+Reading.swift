import Configuration
import Foundation
import Glibc
import Logging
import TallyConfiguration
import TallyCore

extension StationConfiguration {
    /// The reader `tallyd` takes its configuration from: environment variables first, then the YAML file.
    ///
    /// A variable wins over the file's value for the same key: `STATION_CODE=TILL2` replaces `station.code`
    /// (``environmentVariableName(forKey:)`` gives the name for any key). The file must exist and hold a YAML
    /// mapping; it is read once, here. `environment` is the process's own unless a test passes another.
    public static func makeReader(
        yamlFile path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws(StationConfigurationError) -> ConfigReader {
        try await ConfigurationFile.reader(
            yamlFile: path, environment: environment, example: "station:, shop: and sale:")
    }

    /// Reads and checks the configuration from the YAML file at `path` with environment overrides.
    public static func load(
        yamlFile path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws(StationConfigurationError) -> StationConfiguration {
        try StationConfiguration(reader: try await makeReader(yamlFile: path, environment: environment))
    }

    /// The environment variable that overrides `key`; see ``ConfigurationFile/environmentVariableName(forKey:)``.
    public static func environmentVariableName(forKey key: String) -> String {
        ConfigurationFile.environmentVariableName(forKey: key)
    }

    /// Reads every key of the station's configuration from `reader` and checks it.
    ///
    /// Keys without a value take their defaults (Config/README.md lists them); the first value that is missing
    /// or not allowed stops the reading with an error that names its key, the value found and what is allowed.
    public init(reader: ConfigReader) throws(StationConfigurationError) {
        let values = ConfigurationValues(reader)

        let stationCode = try values.required(
            "station.code", needs: "the station's code: A–Z and 0–9, 1 to 12 characters, such as TILL1")
        guard Self.isStationCode(stationCode) else {
            throw .invalidValue(
                key: "station.code", value: stationCode, rule: "may hold only A–Z and 0–9, 1 to 12 characters")
        }
        let stateDirectory = try values.absolutePath(
            "station.stateDirectory", needs: "the folder for the station's database, such as /var/lib/tally",
            example: "/var/lib/tally")
        let country = try values.required(
            "station.country", needs: "the shop's ISO 3166 country code of two capital letters, such as DE")
        guard country.utf8.count == 2, country.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            throw .invalidValue(
                key: "station.country", value: country,
                rule: "must be an ISO 3166 country code of two capital letters A–Z, such as DE")
        }
        let currencyCode = try values.required(
            "station.currency", needs: "the ISO 4217 code of the currency the shop sells in, such as EUR")
        guard let currency = Currency(code: currencyCode) else {
            throw .invalidValue(
                key: "station.currency", value: currencyCode,
                rule: "is not an ISO 4217 currency code; use its three capital letters, such as EUR")
        }
        guard currency.hasMinorUnit else {
            throw .invalidValue(
                key: "station.currency", value: currencyCode,
                rule: "has no minor unit in ISO 4217, so prices cannot be given in it; use a currency such as EUR")
        }
        let timeZone = try values.optional("station.timeZone") ?? "UTC"
        guard TimeZone(identifier: timeZone) != nil else {
            throw .invalidValue(
                key: "station.timeZone", value: timeZone,
                rule: "is not a time zone this system knows; use an IANA name such as Europe/Berlin")
        }

        let shop = try Self.readShop(values)
        let api = try Self.readAPI(values)
        let (sale, openingFloat) = try Self.readSale(values, country: country, currency: currency)

        let sellable = try values.optional("locations.sellable") ?? "SHOP"
        let damaged = try values.optional("locations.damaged") ?? "DAMAGED"
        for (key, location) in [("locations.sellable", sellable), ("locations.damaged", damaged)] {
            guard (try? TallyCode.validated(.location(location))) != nil else {
                throw .invalidValue(
                    key: key, value: location,
                    rule: "must be a location code: 1 to 24 of A–Z, 0–9 and dots (not first or last), such as SHOP")
            }
        }
        guard sellable != damaged else {
            throw .invalidValue(
                key: "locations.damaged", value: damaged,
                rule: "must differ from locations.sellable, or damaged goods would be counted as sellable")
        }

        let lanes = try Self.readLanes(values)
        let operators = try Self.readOperators(values)
        let laneIDs = lanes.map(\.id)
        let scanners = try Self.readScanners(values, lanes: laneIDs)
        let images = try Self.readImages(values, lanes: laneIDs)
        let camera = try Self.readCamera(values, lanes: laneIDs)
        let sync = try SyncConfiguration(values)
        let count = try CountRules(values)

        let logLevel = try values.logLevel().rawValue

        self.init(
            stationCode: stationCode, stateDirectory: stateDirectory, country: country, currency: currency,
            timeZone: timeZone, shop: shop, api: api, sale: sale, openingFloat: openingFloat,
            sellableLocation: sellable, damagedLocation: damaged, lanes: lanes, operators: operators,
            scanners: scanners, images: images, camera: camera, sync: sync, count: count,
            logLevel: logLevel)
    }

    // MARK: - Sections

    private static func readShop(_ values: ConfigurationValues) throws(StationConfigurationError) -> ShopDetails {
        let name = try values.required("shop.name", needs: "the shop's name as receipts print it")
        try requirePrintable(name, key: "shop.name")
        let address = try values.list("shop.address") ?? []
        let footer = try values.list("shop.footer") ?? []
        for line in address { try requirePrintable(line, key: "shop.address") }
        for line in footer { try requirePrintable(line, key: "shop.footer") }
        let taxID = try values.optional("shop.taxId")
        if let taxID { try requirePrintable(taxID, key: "shop.taxId") }
        return ShopDetails(name: name, addressLines: address, taxID: taxID, receiptFooter: footer)
    }

    private static func readAPI(_ values: ConfigurationValues) throws(StationConfigurationError) -> APIConfiguration {
        let (host, port) = try values.listenAddress("api", defaultPort: 8417)
        return APIConfiguration(host: host, port: port)
    }

    private static func readSale(
        _ values: ConfigurationValues, country: String, currency: Currency
    ) throws(StationConfigurationError) -> (SaleRules, openingFloat: Money) {
        let priceMode: PriceMode
        switch try values.optional("sale.priceMode") ?? "taxInclusive" {
        case "taxInclusive": priceMode = .taxInclusive
        case "taxExclusive": priceMode = .taxExclusive
        case let other:
            throw .invalidValue(
                key: "sale.priceMode", value: other,
                rule: "must be taxInclusive (shelf prices include tax) or taxExclusive (tax is added at the till)")
        }
        let roundingLevel: TaxRoundingLevel
        switch try values.optional("sale.taxRounding") ?? "perRate" {
        case "perRate": roundingLevel = .perRate
        case "perLine": roundingLevel = .perLine
        case let other:
            throw .invalidValue(
                key: "sale.taxRounding", value: other,
                rule: "must be perRate (tax rounded once per rate) or perLine (tax rounded on every line)")
        }

        let cashRounding = try readCashRounding(values, country: country, currency: currency)

        let roleList = try values.list("sale.priceEntryRoles") ?? ["supervisor", "manager"]
        for role in roleList where !isIdentifier(role) {
            throw .invalidValue(key: "sale.priceEntryRoles", value: role, rule: "is not a role: " + identifierRule)
        }
        let unknownBarcode: UnknownBarcodePolicy
        switch try values.optional("sale.unknownBarcode") ?? "refuse" {
        case "refuse": unknownBarcode = .refuse
        case "priceEntry":
            guard !roleList.isEmpty else {
                throw .invalidValue(
                    key: "sale.priceEntryRoles", value: "",
                    rule: "must name at least one role when sale.unknownBarcode is priceEntry")
            }
            unknownBarcode = .priceEntry(roles: Set(roleList))
        case let other:
            throw .invalidValue(
                key: "sale.unknownBarcode", value: other,
                rule: "must be refuse (the item cannot be sold) or priceEntry (a supervisor keys its price)")
        }

        let floatText = try values.optional("sale.openingFloat") ?? "0"
        let places = currency.minorUnitExponent
        let floatExample = places == 0 ? "15000" : "150." + String(repeating: "0", count: places)
        guard let openingFloat = try? Money(parsing: floatText, currency: currency), !openingFloat.isNegative else {
            throw .invalidValue(
                key: "sale.openingFloat", value: floatText,
                rule: "must be an amount of zero or more in \(currency.code) "
                    + amountRule(currency, example: floatExample))
        }

        let rules = SaleRules(
            currency: currency, tax: TaxCalculator(priceMode: priceMode, roundingLevel: roundingLevel),
            cashRounding: cashRounding, unknownBarcode: unknownBarcode)
        return (rules, openingFloat)
    }

    /// The configured cash rounding, `none`, or the country's usual one when it is in the station's currency.
    private static func readCashRounding(
        _ values: ConfigurationValues, country: String, currency: Currency
    ) throws(StationConfigurationError) -> CashRounding? {
        let standard = CashRounding.standard(forCountry: country)
        // A country's rounding is in its own currency; a shop there selling in another has none by default.
        let usual = standard?.increment.currency == currency ? standard : nil
        guard let text = try values.optional("sale.cashRounding") else { return usual }
        if text == "none" { return nil }
        let places = currency.minorUnitExponent
        let example = places == 0 ? "5" : "0." + String(repeating: "0", count: places - 1) + "5"
        let rule =
            "must be none or the smallest amount cash is paid in, a positive amount in \(currency.code) "
            + amountRule(currency, example: example)
        guard let increment = try? Money(parsing: text, currency: currency), increment.isPositive,
            let rounding = try? CashRounding(increment: increment, rule: standard?.rule ?? .commercial)
        else { throw .invalidValue(key: "sale.cashRounding", value: text, rule: rule) }
        return rounding
    }

    private static func readLanes(
        _ values: ConfigurationValues
    ) throws(StationConfigurationError) -> [LaneConfiguration] {
        let ids = try values.list("lanes") ?? ["till"]
        guard !ids.isEmpty else {
            throw .invalidValue(key: "lanes", value: "", rule: "must name at least one lane, such as till")
        }
        try requireUniqueIdentifiers(ids, key: "lanes", kind: "lane")
        var lanes: [LaneConfiguration] = []
        for id in ids {
            let prefix = "lane.\(id)"
            let modeText = try values.optional("\(prefix).mode") ?? WorkflowMode.sale.rawValue
            guard let mode = WorkflowMode(rawValue: modeText) else {
                throw .invalidValue(
                    key: "\(prefix).mode", value: modeText,
                    rule: "must be one of " + WorkflowMode.allCases.map(\.rawValue).joined(separator: ", "))
            }
            lanes.append(LaneConfiguration(id: id, mode: mode, printer: try readPrinter(values, prefix: prefix)))
        }
        return lanes
    }

    private static func readPrinter(
        _ values: ConfigurationValues, prefix: String
    ) throws(StationConfigurationError) -> PrinterConfiguration? {
        let device = try values.optional("\(prefix).printer.device")
        let tcp = try values.optional("\(prefix).printer.tcp")
        let paperText = try values.optional("\(prefix).printer.paper")
        let connection: PrinterConfiguration.Connection
        switch (device, tcp) {
        case (let device?, nil):
            guard device.hasPrefix("/"), device.count > 1, !device.contains("\0") else {
                throw .invalidValue(
                    key: "\(prefix).printer.device", value: device,
                    rule: "must be the absolute path of the printer's device, such as /dev/usb/lp0")
            }
            connection = .device(path: device)
        case (nil, let tcp?):
            guard let (host, port) = HostAddress.split(tcp, defaultPort: 9100) else {
                throw .invalidValue(
                    key: "\(prefix).printer.tcp", value: tcp,
                    rule: "must be host:port with a port from 1 to 65535 (9100 when left out), such as "
                        + "192.168.1.50:9100 or [fd00::50]:9100")
            }
            connection = .tcp(host: host, port: port)
        case (_?, let tcp?):
            throw .invalidValue(
                key: "\(prefix).printer.tcp", value: tcp,
                rule: "cannot be set together with \(prefix).printer.device; a lane has one printer")
        case (nil, nil):
            if let paperText {
                throw .invalidValue(
                    key: "\(prefix).printer.paper", value: paperText,
                    rule: "is set but the lane has no printer; set \(prefix).printer.device or "
                        + "\(prefix).printer.tcp too")
            }
            return nil
        }
        let paper: PaperWidth
        switch paperText ?? "80mm" {
        case "80mm": paper = .mm80
        case "58mm": paper = .mm58
        case let other:
            throw .invalidValue(key: "\(prefix).printer.paper", value: other, rule: "must be 80mm or 58mm")
        }
        return PrinterConfiguration(connection: connection, paper: paper)
    }

    private static func readOperators(
        _ values: ConfigurationValues
    ) throws(StationConfigurationError) -> [OperatorConfiguration] {
        let ids = try values.list("operators") ?? []
        try requireUniqueIdentifiers(ids, key: "operators", kind: "operator")
        var operators: [OperatorConfiguration] = []
        for id in ids {
            let prefix = "operator.\(id)"
            let name = try values.required("\(prefix).name", needs: "the operator's name as the till shows it")
            try requirePrintable(name, key: "\(prefix).name")
            let role = try values.required("\(prefix).role", needs: "the operator's role, such as cashier")
            guard isIdentifier(role) else {
                throw .invalidValue(key: "\(prefix).role", value: role, rule: "is not a role: " + identifierRule)
            }
            let pinHash = try values.required(
                "\(prefix).pinHash", needs: "the hash of the operator's PIN, as tallyctl hash-pin prints it")
            guard isPINHash(pinHash) else {
                throw .invalidValue(
                    key: "\(prefix).pinHash", value: pinHash,
                    rule: "must be sha256:<salt in hex>:<64 hex digits>, as tallyctl hash-pin prints it")
            }
            operators.append(OperatorConfiguration(id: id, name: name, role: role, pinHash: pinHash))
        }
        return operators
    }

    // MARK: - Checks

    static let identifierRule = "a–z, 0–9, - and _ only, 1 to 32 characters"

    /// How an amount in `currency` is written, ending in `example`.
    private static func amountRule(_ currency: Currency, example: String) -> String {
        switch currency.minorUnitExponent {
        case 0: "in whole units, such as \(example)"
        case 1: "with a decimal point and at most 1 decimal place, such as \(example)"
        case let places: "with a decimal point and at most \(places) decimal places, such as \(example)"
        }
    }

    private static func isStationCode(_ code: String) -> Bool {
        (1...12).contains(code.utf8.count)
            && code.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    /// Lane, operator and role ids: they appear in keys and environment variable names, so they keep to
    /// characters that need no quoting in either.
    static func isIdentifier(_ id: String) -> Bool {
        (1...32).contains(id.utf8.count)
            && id.utf8.allSatisfy {
                ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-")
                    || $0 == UInt8(ascii: "_")
            }
    }

    private static func isPINHash(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let isHex: (Substring) -> Bool = {
            $0.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66)
            }
        }
        return parts.count == 3 && parts[0] == "sha256" && !parts[1].isEmpty && parts[1].utf8.count.isMultiple(of: 2)
            && isHex(parts[1]) && parts[2].utf8.count == 64 && isHex(parts[2])
    }

    /// Refuses ids that are not identifiers or appear twice, before any key made from them is read.
    static func requireUniqueIdentifiers(
        _ ids: [String], key: String, kind: String
    ) throws(StationConfigurationError) {
        let article = kind.first.map { "aeiou".contains($0) } == true ? "an" : "a"
        var seen: Set<String> = []
        for id in ids {
            guard isIdentifier(id) else {
                throw .invalidValue(key: key, value: id, rule: "is not \(article) \(kind) id: " + identifierRule)
            }
            guard seen.insert(id).inserted else {
                throw .invalidValue(
                    key: key, value: ids.joined(separator: ", "),
                    rule: "names \(kind) \(id) more than once; each \(kind) id may appear once")
            }
        }
    }

    /// Refuses text with control characters, which would break the line a receipt prints it on.
    private static func requirePrintable(_ text: String, key: String) throws(StationConfigurationError) {
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidValue(
                key: key, value: text,
                rule: "may not contain control characters such as tabs or line breaks; give each line on its own")
        }
    }
}
