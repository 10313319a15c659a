import Testing

@testable import TallyCore

/// One test vector of GS1's reference linters: an input, and for a failure the problem and the input
/// with the bad span between asterisks, exactly as gs1-syntax-engine's UNIT_TEST_FAIL writes it.
struct LintCase: Sendable, CustomTestStringConvertible {
    let input: [UInt8]
    let problem: GS1LintProblem?
    let highlight: [UInt8]?

    static func pass(_ input: String) -> LintCase {
        LintCase(input: Array(input.utf8), problem: nil, highlight: nil)
    }

    static func fail(_ input: String, _ problem: GS1LintProblem, _ highlight: String) -> LintCase {
        LintCase(input: Array(input.utf8), problem: problem, highlight: Array(highlight.utf8))
    }

    var testDescription: String {
        let shown = input.isEmpty ? "(empty)" : quotedForTest(input)
        guard let problem, let highlight else { return "\(shown) passes" }
        return "\(shown) fails with \(problem) at \(quotedForTest(highlight))"
    }
}

func quotedForTest(_ bytes: [UInt8]) -> String {
    bytes.map { $0 >= 0x20 && $0 < 0x7F ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16) }.joined()
}

/// Lints `input` as a slice in the middle of a larger array, so that a check that ignores
/// `startIndex` or reads past the end of its slice gives itself away.
func lintInMiddle(_ input: [UInt8], with lint: (ArraySlice<UInt8>) -> GS1LintFailure?) -> GS1LintFailure? {
    let guardBytes: [UInt8] = Array("~~~".utf8)
    let padded = guardBytes + input + guardBytes
    return lint(padded[guardBytes.count..<(guardBytes.count + input.count)])
}

/// The input with the failure's span between asterisks, or nil when the span is outside the input.
func highlighted(_ input: [UInt8], _ failure: GS1LintFailure) -> [UInt8]? {
    guard failure.offset >= 0, failure.length >= 0, failure.offset + failure.length <= input.count else {
        return nil
    }
    let star = UInt8(ascii: "*")
    return Array(input[..<failure.offset]) + [star] + Array(input[failure.offset..<(failure.offset + failure.length)])
        + [star] + Array(input[(failure.offset + failure.length)...])
}

/// Checks one vector: the same verdict, problem and span as the reference linter.
func expectLint(
    _ testCase: LintCase, with lint: (ArraySlice<UInt8>) -> GS1LintFailure?,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let failure = lintInMiddle(testCase.input, with: lint)
    guard let problem = testCase.problem, let expected = testCase.highlight else {
        #expect(failure == nil, "unexpected \(String(describing: failure))", sourceLocation: sourceLocation)
        return
    }
    guard let failure else {
        Issue.record("expected \(problem), got success", sourceLocation: sourceLocation)
        return
    }
    #expect(failure.problem == problem, sourceLocation: sourceLocation)
    let actual = highlighted(testCase.input, failure)
    let marked = actual.map(quotedForTest) ?? "nothing"
    #expect(
        actual == expected,
        "span \(failure.offset)+\(failure.length) marks \(marked), not \(quotedForTest(expected))",
        sourceLocation: sourceLocation)
    #expect(!failure.message.isEmpty, sourceLocation: sourceLocation)
}

extension GS1Linter {
    /// This linter as a function, for handing to `expectLint`.
    var check: (ArraySlice<UInt8>) -> GS1LintFailure? { { self.lint($0) } }
}

extension GS1CharacterSet {
    var check: (ArraySlice<UInt8>) -> GS1LintFailure? { { self.lint($0) } }
}

/// One-byte cases for every byte value: a pass when `allowed` holds it, otherwise `problem` on that byte.
/// This is how gs1-syntax-engine tests character sets, byte by byte from 0x01 to 0xFF; 0x00 is added
/// because Swift slices, unlike C strings, can hold it.
func everyByte(allowed: String, otherwise problem: GS1LintProblem) -> [LintCase] {
    let allowedBytes = Set(allowed.utf8)
    return (0...255).map { (value: Int) -> LintCase in
        let byte = UInt8(value)
        if allowedBytes.contains(byte) {
            return LintCase(input: [byte], problem: nil, highlight: nil)
        }
        return LintCase(input: [byte], problem: problem, highlight: [UInt8(ascii: "*"), byte, UInt8(ascii: "*")])
    }
}
