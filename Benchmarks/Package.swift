// swift-tools-version: 6.1
import PackageDescription

// A package of its own, so that building the benchmark framework never slows the main build or its tests.
let package = Package(
    name: "TallyBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Tally", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // The same versions the main package uses: the store benchmark's baseline talks to SQLite through GRDB
        // exactly as the station does, and silences the station's logger.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .executableTarget(
            name: "ScanParsing",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TallyCore", package: "Tally"),
            ],
            path: "Benchmarks/ScanParsing",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Images read and images per second on the barcode fixtures, against zbarimg in the same run; prints a
        // markdown table. A plain executable: `swift run -c release DecodeRate`.
        .executableTarget(
            name: "DecodeRate",
            dependencies: [.product(name: "TallyImage", package: "Tally")],
            path: "Benchmarks/DecodeRate"
        ),
        .executableTarget(
            name: "StationStore",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TallyCore", package: "Tally"),
                .product(name: "TallyScan", package: "Tally"),
                .product(name: "TallyStation", package: "Tally"),
            ],
            path: "Benchmarks/StationStore",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
