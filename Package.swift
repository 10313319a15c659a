// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Tally",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "TallyCore", targets: ["TallyCore"]),
        .library(name: "TallySync", targets: ["TallySync"]),
        .library(name: "TallyScan", targets: ["TallyScan"]),
        .library(name: "TallyImage", targets: ["TallyImage"]),
        .library(name: "TallyStation", targets: ["TallyStation"]),
        .executable(name: "tallyd", targets: ["tallyd"]),
        .executable(name: "tallyctl", targets: ["tallyctl"]),
        .library(name: "TallyCentral", targets: ["TallyCentral"]),
        .executable(name: "tally-central", targets: ["tally-central"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: [.defaults, "YAML"]),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Domain with no I/O: identifiers, GS1, money and tax, Tally's own codes, workflows as state machines,
        // receipts and reports as text and ESC/POS.
        .target(name: "TallyCore"),
        // C libraries from Debian's -dev packages, each through its pkg-config file.
        .systemLibrary(name: "CEvdev", pkgConfig: "libevdev", providers: [.apt(["libevdev-dev"])]),
        .systemLibrary(name: "CXKBCommon", pkgConfig: "xkbcommon", providers: [.apt(["libxkbcommon-dev"])]),
        .systemLibrary(name: "CZbar", pkgConfig: "zbar", providers: [.apt(["libzbar-dev"])]),
        .systemLibrary(name: "CDmtx", pkgConfig: "libdmtx", providers: [.apt(["libdmtx-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libturbojpeg", providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        // Keyboard-wedge scanners: keyboard layouts (xkbcommon), turning key events into scans, the live evdev
        // reader with hotplug, recorded event streams, and virtual keyboards (uinput) for tests.
        .target(name: "TallyScan", dependencies: ["CEvdev", "CXKBCommon"]),
        // Barcodes in images: PNG and JPEG decoded in-process, read with zbar and libdmtx.
        .target(
            name: "TallyImage", dependencies: ["CZbar", "CDmtx", "CPNG", "CJPEG", "CDeflate"],
            // Pixel loops are 20–50 times slower unoptimised; debug builds and tests optimise this target too.
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // The sync protocol's messages, shared by stations and central.
        .target(name: "TallySync", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // Reading YAML configuration with environment overrides and checking its values, for tallyd and
        // tally-central alike.
        .target(
            name: "TallyConfiguration",
            dependencies: [
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The station: its SQLite store, the scan pipeline and lane runners, printers, the local HTTP API, and the sync
        // client that pushes its events to central and pulls the catalog.
        .target(
            name: "TallyStation",
            dependencies: [
                "TallyConfiguration",
                "TallyCore",
                "TallyImage",
                "TallyScan",
                "TallySync",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Central: its storage (SQLite or PostgreSQL), the sync API stations push to and pull from, the books
        // projected from their events.
        .target(
            name: "TallyCentral",
            dependencies: [
                "CDeflate",
                "TallyConfiguration",
                "TallyCore",
                "TallySync",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The back office's page templates, compiled into the binary: an installed tally-central needs no
            // files beside it.
            resources: [.embedInCode("Web/Templates")]
        ),
        .executableTarget(
            name: "tally-central",
            dependencies: [
                "TallyCentral",
                "TallyConfiguration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "tallyd",
            dependencies: [
                "TallyStation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "tallyctl",
            dependencies: [
                "TallyCore",
                "TallyImage",
                "TallyStation",
                "TallySync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Turns GS1's syntax dictionary into Sources/TallyCore/GS1/ApplicationIdentifierTable.swift.
        .executableTarget(name: "gs1-table-generator"),
        .testTarget(
            name: "TallyCoreTests",
            dependencies: [
                "TallyCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "TallyScanTests", dependencies: ["TallyScan"], resources: [.copy("Recordings")]),
        .testTarget(name: "TallyImageTests", dependencies: ["TallyCore", "TallyImage"]),
        // Runs inside a Linux kernel booted under qemu: virtual keyboards (uinput) typing into the live reader.
        .executableTarget(name: "tally-kernel-check", dependencies: ["TallyScan"]),
        // Boots the kernel under qemu and checks what tally-kernel-check reports.
        .testTarget(name: "KernelTests", dependencies: ["tally-kernel-check"]),
        .testTarget(
            name: "TallyStationTests",
            dependencies: [
                "TallyStation",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        // What the central and process tests share: a PostgreSQL server of the test run's own, and the engines.
        .target(
            name: "TallyTestSupport",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Tests/TallyTestSupport"),
        .testTarget(
            name: "TallyCentralTests",
            dependencies: [
                "TallyCentral",
                "TallyStation",
                "TallyConfiguration",
                "TallyTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // Runs the built tallyd, tallyctl and tally-central as processes: start-up, signals, kill -9, bad input, sync.
        .testTarget(
            name: "tallydTests",
            dependencies: [
                "tallyd", "tallyctl", "tally-central", "TallyScan", "TallyStation", "TallyTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "tallyctlTests", dependencies: ["tallyctl", "TallyTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
