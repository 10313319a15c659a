import PropertyBased
import Testing

@testable import TallyStation

@Suite("Backoff")
struct BackoffTests {
    @Test func theCeilingDoublesFromTheBaseUpToTheMaximum() {
        let backoff = Backoff(base: .seconds(1), maximum: .seconds(300))
        let ceilings = (1...12).map { backoff.ceiling(after: $0) }
        #expect(
            ceilings == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300].map { Duration.seconds($0) })
        #expect(backoff.ceiling(after: 0) == .seconds(1))
        #expect(backoff.ceiling(after: 10_000) == .seconds(300))
    }

    @Test func waitsAreDrawnFromTheUpperHalfOfTheCeiling() async {
        await propertyCheck(input: Gen.int(in: 1...40)) { failures in
            let backoff = Backoff(base: .milliseconds(500), maximum: .seconds(60))
            var generator = SystemRandomNumberGenerator()
            let ceiling = backoff.ceiling(after: failures)
            let wait = backoff.delay(after: failures, using: &generator)
            #expect(wait >= ceiling / 2 && wait <= ceiling)
        }
    }

    @Test func fiftyStationsThatFailedTogetherDoNotRetryTogether() {
        let backoff = Backoff()
        var generator = SystemRandomNumberGenerator()
        let waits = (0..<50).map { _ in backoff.delay(after: 6, using: &generator) }
        // Ceiling 32 s: the waits spread over 16–32 s in milliseconds; fifty draws are almost never alike.
        #expect(Set(waits).count > 40)
        #expect(waits.allSatisfy { $0 >= .seconds(16) && $0 <= .seconds(32) })
    }
}
