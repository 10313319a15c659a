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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
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
        // Events per second central ingests from many stations over HTTP, beside a raw batched INSERT of the same rows
        // into the same database; Benchmarks/scripts/ingest runs it on SQLite and on a PostgreSQL of its own.
        .executableTarget(
            name: "IngestRate",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "TallyCentral", package: "Tally"),
                .product(name: "TallySync", package: "Tally"),
            ],
            path: "Benchmarks/IngestRate"
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
