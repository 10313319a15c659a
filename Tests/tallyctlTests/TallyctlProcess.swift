import Foundation
import TallyTestSupport

/// Runs the built `tallyctl` as a separate process, as a user or a script would.
struct TallyctlProcess {
    struct Result: Sendable {
        let status: Int32
        let standardOutput: String
        let standardError: String

        /// Each output line decoded as a JSON object.
        var objects: [[String: Any]] {
            standardOutput.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }
    }

    /// `tallyctl` beside the test bundle in the build products folder.
    static let executable: URL = {
        let candidates = [CommandLine.arguments[0], Bundle.main.executablePath ?? ""].map {
            URL(fileURLWithPath: $0).deletingLastPathComponent()
        }
        for folder in candidates + candidates.map({ $0.deletingLastPathComponent() }) {
            let url = folder.appending(path: "tallyctl")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return URL(fileURLWithPath: ".build/debug/tallyctl")
    }()

    static func run(_ arguments: [String], input: Data? = nil) async throws -> Result {
        try await offCooperativePool { try runBlocking(arguments, input: input) }
    }

    private static func runBlocking(_ arguments: [String], input: Data?) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(input) }
        try standardInput.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, standardOutput: String(decoding: out, as: UTF8.self),
            standardError: String(decoding: err, as: UTF8.self))
    }
}
