import Foundation
import Testing

@testable import TallyCore

@Suite struct GS1AITableTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every AI of GS1's dictionary file is known, with its title: the table cannot lag behind the file.
    @Test func everyAIOfTheDictionaryIsKnown() throws {
        let text = try String(
            contentsOf: Self.repository.appending(path: "Data/gs1/gs1-syntax-dictionary.txt"), encoding: .utf8)
        var count = 0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.allSatisfy(\.isWhitespace) {
            let range = line.split(separator: " ")[0].split(separator: "-")
            let title =
                line.split(separator: "#", maxSplits: 1).dropFirst().first?.trimmingCharacters(in: .whitespaces) ?? ""
            for ai in Int(range[0])!...Int(range.last!)! {
                let name = String(repeating: "0", count: range[0].count - String(ai).count) + String(ai)
                let definition = try #require(GS1AIDefinition.lookup(name), "AI (\(name)) is missing")
                #expect(definition.title == title)
                count += 1
            }
        }
        #expect(count > 500)
        #expect(
            GS1AIDefinition.all.count
                == text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }.count)
    }

    /// GS1 General Specifications, figure 7.8.5-2: the two-digit prefixes whose AIs have a predefined length, so that no
    /// FNC1 follows them; the dictionary's `*` flag must agree with it.
    @Test func predefinedLengthsAgreeWithTheGeneralSpecifications() {
        let predefined: [String: Int] = [
            "00": 18, "01": 14, "02": 14, "03": 14, "04": 16, "11": 6, "12": 6, "13": 6, "14": 6, "15": 6, "16": 6,
            "17": 6, "18": 6, "19": 6, "20": 2, "31": 6, "32": 6, "33": 6, "34": 6, "35": 6, "36": 6, "41": 13,
        ]
        for definition in GS1AIDefinition.all {
            let prefix = String(definition.first.prefix(2))
            #expect(definition.predefinedLength == (predefined[prefix] != nil), "AI (\(definition.first))")
            if let length = predefined[prefix] {
                #expect(definition.minLength == length && definition.maxLength == length, "AI (\(definition.first))")
            }
        }
    }

    @Test func lengthsAreFixedByTheFirstTwoDigits() {
        var lengths: [String: Int] = [:]
        for definition in GS1AIDefinition.all {
            for prefix in Int(definition.first.prefix(2))!...Int(definition.last.prefix(2))! {
                let key = prefix < 10 ? "0\(prefix)" : "\(prefix)"
                #expect(lengths[key, default: definition.aiLength] == definition.aiLength, "prefix \(key)")
                lengths[key] = definition.aiLength
            }
        }
    }

    /// Pairing rules compare AI keys as ranges; for every pattern of the dictionary and every AI, that agrees with
    /// reading the pattern digit by digit.
    @Test func patternRangesAgreeWithTheirText() throws {
        let patterns = Set(GS1AIDefinition.all.flatMap { $0.excludes + $0.requires.flatMap { $0.flatMap { $0 } } })
        var elements: [GS1Element] = []
        for definition in GS1AIDefinition.all {
            for name in definition.names {
                elements.append(GS1Element(ai: name, value: "", definitionIndex: GS1AIIndex.definition(forAI: name)!))
            }
        }
        #expect(patterns.count > 50)
        for pattern in patterns {
            for element in elements {
                #expect(pattern.matches(element.ai) == pattern.keys.contains(element.key), "\(pattern) \(element.ai)")
            }
        }
    }

    @Test func lookups() {
        #expect(GS1AIDefinition.lookup("01")?.title == "GTIN")
        #expect(GS1AIDefinition.lookup("3103")?.title == "NET WEIGHT (kg)")
        #expect(GS1AIDefinition.lookup("3106") == nil)
        #expect(GS1AIDefinition.lookup("95")?.title == "INTERNAL")
        #expect(GS1AIDefinition.lookup("011") == nil)
        #expect(GS1AIDefinition.lookup("23") == nil)
        #expect(GS1AIDefinition.lookup("1A") == nil)
        #expect(GS1AIDefinition.lookup("8020")?.requires.first?.first == ["415"])
        #expect(GS1AIDefinition.lookup("01")?.digitalLinkQualifiers == [["22", "10", "21"], ["235"]])
    }
}
