import ArgumentParser
import Foundation
import TallyCore

/// `tallyctl parse`: what codes mean, one JSON object per code, exactly as a station reads them.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print what barcodes mean, one JSON object per line.",
        discussion: """
            Each CODE is read as a scanner would send it: with or without an AIM symbology identifier \
            (]C1, ]E0, ]d2, ]Q3 …), GS1 element strings with FNC1 as the GS character (type it as \\x1D), \
            human-readable GS1 text such as (01)09506000134352(10)ABC, GS1 Digital Link URIs, EAN/UPC numbers, \
            Tally's own codes and plain text. With '-', codes are read from standard input, one per line.
            The exit status is 0 when every code is valid and 1 otherwise.
            """)

    @Option(
        help: ArgumentHelp(
            "Country whose layouts decode price- and weight-embedded numbers (prefixes 02, 20–29).",
            valueName: "ISO 3166 alpha-2"))
    var country: String?

    @Option(help: ArgumentHelp("Currency of GS1 prices that carry none (AI 392n).", valueName: "ISO 4217"))
    var currency: String?

    @Argument(help: "Codes to read, or '-' to read one code per line from standard input.")
    var codes: [String] = []

    func validate() throws {
        if codes.isEmpty { throw ValidationError("give one or more codes, or '-' to read them from standard input") }
        _ = try interpreter()
    }

    func interpreter() throws -> ScanInterpreter {
        var rules: RestrictedCirculationRuleSet? = nil
        if let country {
            guard let found = RestrictedCirculationRuleSet.forCountry(country) else {
                let known = RestrictedCirculationRuleSet.shipped.map(\.countryCode).uniqued().joined(separator: ", ")
                throw ValidationError(
                    "no price and weight code layouts for country '\(country)'; known countries: \(known)")
            }
            rules = found
        }
        var localCurrency = rules?.layouts.lazy.compactMap { layout -> Currency? in
            if case .price(let currency, _) = layout.meaning { return currency }
            return nil
        }.first
        if let currency {
            guard let found = Currency(code: currency.uppercased()) else {
                throw ValidationError("'\(currency)' is not an ISO 4217 currency code such as EUR or USD")
            }
            localCurrency = found
        }
        let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date()).year!
        return ScanInterpreter(restrictedCirculationRules: rules, localCurrency: localCurrency, referenceYear: year)
    }

    func run() throws {
        let interpreter = try interpreter()
        var allValid = true
        func report(_ code: [UInt8]) {
            let reading = interpreter.interpret(ParseCommand.unescapingGroupSeparators(code))
            allValid = allValid && reading.isValid
            print(reading.jsonLine(localCurrency: interpreter.localCurrency, referenceYear: interpreter.referenceYear))
            fflush(nil)  // one line per code as it is read, also when standard output is a pipe
        }
        for code in codes {
            if code == "-" {
                StandardInputLines.forEach(report)
            } else {
                report(Array(code.utf8))
            }
        }
        if !allValid { throw ExitCode(1) }
    }

    /// Replaces the four characters `\x1D` (either case) with the GS byte, so FNC1 can be typed in a shell.
    static func unescapingGroupSeparators(_ bytes: [UInt8]) -> [UInt8] {
        let escape = Array("\\x1d".utf8)
        guard bytes.contains(UInt8(ascii: "\\")) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if index + 4 <= bytes.count,
                bytes[index..<(index + 4)].map({ $0 | ($0 >= 65 && $0 <= 90 ? 0x20 : 0) }) == escape
            {
                out.append(0x1D)
                index += 4
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }
}

extension Sequence where Element: Hashable {
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
