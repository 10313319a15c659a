/// How long to wait before the next attempt after failures: exponential, capped, with jitter.
///
/// The ceiling doubles with every failure in a row from `base` up to `maximum`; the wait is drawn evenly from the
/// upper half of it ("equal jitter"). Fifty stations that lost central together thus come back spread out rather
/// than all at once, and none retries sooner than half the ceiling.
public struct Backoff: Hashable, Sendable {
    public var base: Duration
    public var maximum: Duration

    public init(base: Duration = .seconds(1), maximum: Duration = .seconds(300)) {
        self.base = base
        self.maximum = maximum
    }

    /// The ceiling after `failures` failures in a row (at least 1).
    public func ceiling(after failures: Int) -> Duration {
        let doublings = min(max(failures - 1, 0), 40)
        let milliseconds = min(Self.milliseconds(base) * Double(1 << UInt64(doublings)), Self.milliseconds(maximum))
        return .milliseconds(Int64(milliseconds))
    }

    /// The wait after `failures` failures in a row.
    public func delay(after failures: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let ceiling = ceiling(after: failures)
        let milliseconds = Int64(Self.milliseconds(ceiling))
        let half = milliseconds / 2
        return .milliseconds(half + Int64.random(in: 0...max(milliseconds - half, 0), using: &generator))
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
