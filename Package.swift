// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Tally",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "TallyCore", targets: ["TallyCore"]),
        .executable(name: "tallyctl", targets: ["tallyctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Domain with no I/O: identifiers, GS1, money and tax, Tally's own codes.
        .target(name: "TallyCore"),
        .executableTarget(
            name: "tallyctl",
            dependencies: [
                "TallyCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
        .testTarget(name: "tallyctlTests", dependencies: ["tallyctl"]),
    ],
    swiftLanguageModes: [.v6]
)
