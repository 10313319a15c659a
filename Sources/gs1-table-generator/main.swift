// Reads GS1's Barcode Syntax Dictionary and prints the Swift source of TallyCore's AI table.
//
//     swift run gs1-table-generator Data/gs1/gs1-syntax-dictionary.txt > Sources/TallyCore/GS1/GS1AITable.swift
//
// `make gs1-table` does this, and `make test` fails when the checked-in table differs from what the
// dictionary says. Anything in the dictionary this generator does not understand stops it with an
// error naming the line, so a new dictionary release cannot be half-read.

import Foundation

struct DictionaryError: Error, CustomStringConvertible {
    let line: Int
    let reason: String
    var description: String { "gs1-syntax-dictionary line \(line): \(reason)" }
}

struct Component {
    var characterSet: String
    var minLength: Int
    var maxLength: Int
    var optional: Bool
    var linters: [String]
}

struct Entry {
    var first: String
    var last: String
    var predefinedLength: Bool
    var digitalLinkAttribute: Bool
    var components: [Component]
    var requirements: [[[String]]]
    var exclusions: [String]
    var digitalLinkKey: [[String]]?
    var title: String
}

let characterSets = ["N": "numeric", "X": "cset82", "Y": "cset39", "Z": "cset64"]
let flagCharacters = Set("*!?\"$%&'()+,-./:;<=>@[\\]^_`{|}~")

func parseComponent(_ token: Substring, line: Int) throws -> Component {
    var parts = token.split(separator: ",", omittingEmptySubsequences: false)
    var format = parts.removeFirst()
    var optional = false
    if format.hasPrefix("[") {
        guard format.hasSuffix("]") else { throw DictionaryError(line: line, reason: "unbalanced [ in \(token)") }
        optional = true
        format = format.dropFirst().dropLast()
    }
    guard let setLetter = format.first, let characterSet = characterSets[String(setLetter)] else {
        throw DictionaryError(line: line, reason: "unknown character set in \(token)")
    }
    let lengths = format.dropFirst()
    let minLength: Int
    let maxLength: Int
    if lengths.hasPrefix("..") {
        guard let max = Int(lengths.dropFirst(2)) else {
            throw DictionaryError(line: line, reason: "bad length in \(token)")
        }
        (minLength, maxLength) = (1, max)
    } else {
        guard let exact = Int(lengths) else { throw DictionaryError(line: line, reason: "bad length in \(token)") }
        (minLength, maxLength) = (exact, exact)
    }
    for linter in parts where linter.isEmpty || !linter.allSatisfy({ $0.isLetter || $0.isNumber }) {
        throw DictionaryError(line: line, reason: "bad linter name in \(token)")
    }
    return Component(
        characterSet: characterSet, minLength: minLength, maxLength: maxLength, optional: optional,
        linters: parts.map(String.init))
}

/// An AI or a pattern such as `31nn`; TallyCore matches patterns as key ranges, so wildcards may only trail.
func isAIPattern(_ text: Substring) -> Bool {
    guard (2...4).contains(text.count), text.first!.isNumber else { return false }
    let wildcards = text.drop(while: \.isNumber)
    return wildcards.allSatisfy { $0 == "n" }
}

func parseEntry(_ text: Substring, line: Int) throws -> Entry {
    let titleSplit = text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    let title = titleSplit.count > 1 ? titleSplit[1].trimmingSpaces() : ""
    var tokens = titleSplit[0].split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
    guard let range = tokens.popFirst() else { throw DictionaryError(line: line, reason: "no AI") }
    let bounds = range.split(separator: "-")
    guard (1...2).contains(bounds.count),
        bounds.allSatisfy({ (2...4).contains($0.count) && $0.allSatisfy(\.isNumber) }),
        bounds.first!.count == bounds.last!.count
    else { throw DictionaryError(line: line, reason: "bad AI or AI range \(range)") }
    var flags: Set<Character> = []
    if let next = tokens.first, next.allSatisfy({ flagCharacters.contains($0) }) {
        flags = Set(next)
        tokens.removeFirst()
    }
    for flag in flags where flag != "*" && flag != "?" {
        throw DictionaryError(line: line, reason: "unknown flag \(flag)")
    }
    var components: [Component] = []
    while let token = tokens.first, token.first.map({ "NXYZ[".contains($0) }) == true {
        components.append(try parseComponent(token, line: line))
        tokens.removeFirst()
    }
    guard !components.isEmpty else { throw DictionaryError(line: line, reason: "no specification") }
    var requirements: [[[String]]] = []
    var exclusions: [String] = []
    var digitalLinkKey: [[String]]? = nil
    for token in tokens {
        if token.hasPrefix("req=") {
            let alternatives = try token.dropFirst(4).split(separator: ",").map { alternative in
                try alternative.split(separator: "+").map { pattern in
                    guard isAIPattern(pattern) else {
                        throw DictionaryError(line: line, reason: "bad pattern \(pattern)")
                    }
                    return String(pattern)
                }
            }
            requirements.append(alternatives)
        } else if token.hasPrefix("ex=") {
            for pattern in token.dropFirst(3).split(separator: ",") {
                guard isAIPattern(pattern) else { throw DictionaryError(line: line, reason: "bad pattern \(pattern)") }
                exclusions.append(String(pattern))
            }
        } else if token == "dlpkey" {
            digitalLinkKey = [[]]
        } else if token.hasPrefix("dlpkey=") {
            digitalLinkKey = try token.dropFirst(7).split(separator: "|").map { sequence in
                try sequence.split(separator: ",").map { ai in
                    guard ai.allSatisfy(\.isNumber), (2...4).contains(ai.count) else {
                        throw DictionaryError(line: line, reason: "bad qualifier \(ai)")
                    }
                    return String(ai)
                }
            }
        } else {
            throw DictionaryError(line: line, reason: "unknown attribute \(token)")
        }
    }
    return Entry(
        first: String(bounds.first!), last: String(bounds.last!), predefinedLength: flags.contains("*"),
        digitalLinkAttribute: flags.contains("?"), components: components, requirements: requirements,
        exclusions: exclusions, digitalLinkKey: digitalLinkKey, title: String(title))
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var result = self
        while result.first == " " || result.first == "\t" { result.removeFirst() }
        while result.last == " " || result.last == "\t" || result.last == "\r" { result.removeLast() }
        return result
    }
}

func swiftLiteral(_ text: String) -> String {
    var escaped = ""
    for character in text.unicodeScalars {
        switch character {
        case "\\": escaped += "\\\\"
        case "\"": escaped += "\\\""
        default: escaped.unicodeScalars.append(character)
        }
    }
    return "\"\(escaped)\""
}

func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

func render(_ entry: Entry) -> String {
    let components = entry.components.map { component in
        "GS1AIComponent(.\(component.characterSet), \(component.minLength), \(component.maxLength)"
            + (component.optional ? ", optional: true" : "")
            + (component.linters.isEmpty ? "" : ", linters: \(list(component.linters.map { "." + $0 }))") + ")"
    }
    var fields = [
        swiftLiteral(entry.first), swiftLiteral(entry.last),
        "predefinedLength: \(entry.predefinedLength)", "digitalLinkAttribute: \(entry.digitalLinkAttribute)",
        components.count == 1
            ? "components: [\(components[0])]"
            : "components: [\n                " + components.joined(separator: ",\n                ") + "]",
    ]
    if !entry.requirements.isEmpty {
        fields.append(
            "requires: "
                + list(entry.requirements.map { list($0.map { list($0.map(swiftLiteral)) }) }))
    }
    if !entry.exclusions.isEmpty { fields.append("excludes: \(list(entry.exclusions.map(swiftLiteral)))") }
    if let key = entry.digitalLinkKey {
        fields.append("digitalLinkQualifiers: \(list(key.map { list($0.map(swiftLiteral)) }))")
    }
    fields.append("title: \(swiftLiteral(entry.title))")
    return "        GS1AIDefinition(\n            " + fields.joined(separator: ",\n            ") + "),"
}

func generate(from text: String) throws -> String {
    var entries: [Entry] = []
    var release = "unknown"
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let trimmed = line.trimmingSpaces()
        if trimmed.hasPrefix("# Release:") { release = String(trimmed.dropFirst(10).trimmingSpaces()) }
        if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
        entries.append(try parseEntry(trimmed, line: number + 1))
    }
    guard !entries.isEmpty else { throw DictionaryError(line: 0, reason: "no entries") }
    return """
        // swift-format-ignore-file
        // Generated from Data/gs1/gs1-syntax-dictionary.txt (GS1 Barcode Syntax Dictionary, release \(release),
        // Apache License 2.0) by Sources/gs1-table-generator. Do not edit: run `make gs1-table`.

        extension GS1AIDefinition {
            /// The release of GS1's Barcode Syntax Dictionary that ``all`` was generated from.
            public static let dictionaryRelease = \(swiftLiteral(release))

            /// Every Application Identifier of the dictionary, in its lexical order.
            public static let all: [GS1AIDefinition] = [
        \(entries.map(render).joined(separator: "\n"))
            ]
        }

        """
}

let arguments = CommandLine.arguments
guard arguments.count == 2, let text = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write(
        Data("usage: gs1-table-generator PATH-TO-gs1-syntax-dictionary.txt (the file must be readable UTF-8)\n".utf8))
    exit(2)
}
do {
    print(try generate(from: text), terminator: "")
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
