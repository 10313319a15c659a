import Foundation
import PropertyBased
import Testing

@testable import TallyCore

/// The contract that holds for every linter: names, problem numbers, spans and messages.
@Suite struct GS1LintFailureTests {
    /// Every linter that the shipped GS1 Barcode Syntax Dictionary names has a case here.
    @Test func everyLinterOfTheDictionaryIsImplemented() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let dictionary = try String(
            contentsOf: repository.appendingPathComponent("Data/gs1/gs1-syntax-dictionary.txt"), encoding: .utf8)
        var names = Set<String>()
        for line in dictionary.split(separator: "\n") where !line.hasPrefix("#") {
            let specification = line.split(separator: "#", maxSplits: 1).first ?? ""
            for word in specification.split(separator: " ") {
                let component = word.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                guard let first = component.first, "NXYZ".contains(first), component.contains(",") else { continue }
                names.formUnion(component.split(separator: ",").dropFirst().map(String.init))
            }
        }
        #expect(names.count > 20)
        for name in names {
            #expect(GS1Linter(rawValue: name) != nil, "no linter named \(name)")
        }
    }

    @Test func problemNumbersMatchTheEngine() {
        #expect(GS1LintProblem.nonDigitCharacter.rawValue == 1)
        #expect(GS1LintProblem.incorrectCheckDigit.rawValue == 5)
        #expect(GS1LintProblem.invalidGCPPrefix.rawValue == 12)
        #expect(GS1LintProblem.notISO4217.rawValue == 23)
        #expect(GS1LintProblem.illegalMonth.rawValue == 36)
        #expect(GS1LintProblem.couponMissingFormatCode.rawValue == 46)
        #expect(GS1LintProblem.couponExcessData.rawValue == 101)
        #expect(GS1LintProblem.invalidLatitude.rawValue == 103)
        #expect(GS1LintProblem.ibanTooLong.rawValue == 123)
    }

    /// A failure made without details still explains itself, and moving it leaves its message alone.
    @Test(arguments: GS1LintProblem.allCases)
    func everyProblemHasAMessage(_ problem: GS1LintProblem) {
        let failure = GS1LintFailure(problem: problem, offset: 3, length: 2)
        #expect(!failure.message.isEmpty)
        #expect(failure.message != "the data is not valid here")
        var moved = failure
        moved.offset += 10
        #expect(moved.message == failure.message)
        #expect(failure.description.contains(failure.message))
    }

    static let alphabet = Array("0123456789/%=-_ABCXYZaz 9".utf8)

    /// Whatever the bytes, every check answers without trapping, and a failure marks a span inside the
    /// component, as gs1-syntax-engine's test harness requires of its linters.
    @Test(arguments: GS1Linter.allCases)
    func spansStayInsideTheComponent(_ linter: GS1Linter) async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...(Self.alphabet.count + 255)).array(of: 0...40)) {
            picks in
            let bytes = picks.map { $0 < Self.alphabet.count ? Self.alphabet[$0] : UInt8($0 - Self.alphabet.count) }
            guard let failure = lintInMiddle(bytes, with: linter.check) else { return }
            #expect(failure.offset >= 0 && failure.length >= 0)
            #expect(failure.offset + failure.length <= bytes.count)
            #expect(failure.offset < bytes.count || failure.offset == 0)
            #expect(!failure.message.isEmpty)
        }
    }

    @Test(arguments: [GS1CharacterSet.numeric, .cset82, .cset39, .cset64])
    func characterSetSpansStayInsideTheComponent(_ characterSet: GS1CharacterSet) async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...(Self.alphabet.count + 255)).array(of: 0...40)) {
            picks in
            let bytes = picks.map { $0 < Self.alphabet.count ? Self.alphabet[$0] : UInt8($0 - Self.alphabet.count) }
            guard let failure = lintInMiddle(bytes, with: characterSet.check) else { return }
            #expect(failure.offset >= 0 && failure.offset + failure.length <= bytes.count)
        }
    }

    @Test func failuresCompareByWhatTheySay() {
        let first = GS1Linter.yymmdd.lint(Array("201310".utf8)[...])
        let second = GS1Linter.yymmdd.lint(Array("201310".utf8)[...])
        let other = GS1Linter.yymmdd.lint(Array("201410".utf8)[...])
        #expect(first == second)
        #expect(first != other)
        #expect(first?.problem == other?.problem && first?.offset == other?.offset)
    }
}
