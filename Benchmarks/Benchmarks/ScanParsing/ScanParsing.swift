import Benchmark
import TallyCore

/// Parsing a mixed stream of a million scans, as tills, docks and stockrooms produce them, against a baseline that
/// only turns each scan's bytes into a String: the least any reader of scans does.
let benchmarks: @Sendable () -> Void = {
    let corpus = ScanCorpus.make(count: 1_000_000)
    let interpreter = ScanInterpreter(
        restrictedCirculationRules: RestrictedCirculationRuleSet.forCountry("DE"), localCurrency: Currency(code: "EUR"),
        referenceYear: 2026)
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal], timeUnits: .milliseconds, warmupIterations: 1,
        maxDuration: .seconds(30), maxIterations: 5)

    Benchmark("Baseline: 1M scans decoded as UTF-8", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            for scan in corpus { blackHole(String(decoding: scan, as: UTF8.self)) }
        }
    }

    Benchmark("Parse 1M mixed scans", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            for scan in corpus { blackHole(interpreter.interpret(scan)) }
        }
    }

    let gs1 = corpus.filter { $0.starts(with: Array("]C1".utf8)) || $0.starts(with: Array("]d2".utf8)) }
    Benchmark("Parse \(gs1.count) GS1-128 and GS1 DataMatrix scans", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            for scan in gs1 { blackHole(interpreter.interpret(scan)) }
        }
    }
}
