import Foundation
import Testing

/// Boots a real Linux kernel under qemu (scripts/kernel-test/run) with the host's root shared read-only, runs
/// `tally-kernel-check` inside it, and checks the report of every scenario: virtual keyboards made with uinput,
/// read back through evdev.
///
/// One boot serves every scenario. The machine's pieces come from Debian packages that `make test` installs;
/// when one is missing the tests fail and name the package. `TALLY_SKIP_KERNEL_TESTS=1` skips them.
@Suite(
    "Virtual keyboards in a Linux kernel under qemu",
    .enabled(if: !KernelBoot.skipped, "TALLY_SKIP_KERNEL_TESTS=1 is set"),
    .timeLimit(.minutes(12)))
struct KernelTests {
    /// The scenarios tally-kernel-check must report, each passed.
    static let scenarios = [
        "typing-speed", "grab", "unplug-replug", "two-keyboards", "reader-layouts", "reader-human-and-keyboard",
        "reader-grab-waits-for-release", "reader-replug-by-id", "reader-two-scanners", "reader-permissions-later",
    ]

    @Test("scenario reported and passed", arguments: scenarios)
    func scenario(_ name: String) async throws {
        let boot = try await KernelBoot.shared.value
        let report = try #require(
            boot.reports.first { $0.scenario == name },
            "tally-kernel-check reported no \(name) (exit status \(boot.status)); console:\n\(boot.console)")
        #expect(report.passed, "\(name): \(report.detail)")
    }

    @Test("the program exits 0 and reports nothing unexpected")
    func everythingReported() async throws {
        let boot = try await KernelBoot.shared.value
        let unexpected = boot.reports.map(\.scenario).filter { !Self.scenarios.contains($0) }
        #expect(unexpected.isEmpty, "reported but not expected here (add them to KernelTests.scenarios): \(unexpected)")
        // The failed scenarios again after the console, so that the end of a long test log names them.
        let failed = boot.reports.filter { !$0.passed }.map { "\($0.scenario): \($0.detail)" }
        #expect(
            boot.status == 0,
            "exit status \(boot.status); console:\n\(boot.console)\nfailed: \(failed.joined(separator: "\n"))")
    }
}

/// The one boot the tests share, and how to find what it needs.
enum KernelBoot {
    /// Whether the environment asks to skip the kernel tests.
    static let skipped = ProcessInfo.processInfo.environment["TALLY_SKIP_KERNEL_TESTS"] == "1"

    /// Started by the first test that asks, awaited by all.
    static let shared = Task { try await run() }

    /// What one boot gave.
    struct Result: Sendable {
        var status: Int32
        var reports: [Report]
        var console: String
    }

    /// One line of tally-kernel-check's output.
    struct Report: Decodable, Sendable {
        var scenario: String
        var passed: Bool
        var detail: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The repository: three folders up from this file, symlinks resolved (a scratch package may link its
    /// Tests folder here).
    static var repository: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `tally-kernel-check` beside the test bundle in the build products folder.
    static func checkProgram() throws -> URL {
        let candidates = [CommandLine.arguments[0], Bundle.main.executablePath ?? ""].map {
            URL(fileURLWithPath: $0).deletingLastPathComponent()
        }
        for folder in candidates + candidates.map({ $0.deletingLastPathComponent() }) {
            let url = folder.appending(path: "tally-kernel-check")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url.standardizedFileURL }
        }
        throw Failure(
            description: "tally-kernel-check is not built next to the tests (\(candidates.map(\.path))); "
                + "build with `swift build --build-tests`")
    }

    /// Fails naming the Debian package when a piece of the machine is missing.
    static func checkPrerequisites() throws {
        let fileManager = FileManager.default
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        func onPath(_ name: String) -> Bool {
            path.contains { fileManager.isExecutableFile(atPath: "\($0)/\(name)") }
        }
        var missing: [String] = []
        if !onPath("qemu-system-x86_64") { missing.append("qemu-system-x86 (for qemu-system-x86_64)") }
        let kernels = ((try? fileManager.contentsOfDirectory(atPath: "/boot")) ?? []).filter {
            $0.hasPrefix("vmlinuz-")
        }
        if kernels.isEmpty { missing.append("linux-image-amd64 (for /boot/vmlinuz-* and its modules)") }
        if !fileManager.isExecutableFile(atPath: "/bin/busybox")
            && !fileManager.isExecutableFile(atPath: "/usr/bin/busybox")
        {
            missing.append("busybox-static (for the initramfs's shell)")
        }
        if !onPath("cpio") { missing.append("cpio (to pack the initramfs)") }
        if !missing.isEmpty {
            throw Failure(
                description: "the kernel tests need Debian packages that are not installed: "
                    + missing.joined(separator: ", ")
                    + ". `make test` installs them (scripts/install-deps); or set TALLY_SKIP_KERNEL_TESTS=1 to skip.")
        }
    }

    /// Boots the machine once with every scenario and collects the reports.
    static func run() async throws -> Result {
        try checkPrerequisites()
        let program = try checkProgram()
        let script = repository.appending(path: "scripts/kernel-test/run")
        let console = FileManager.default.temporaryDirectory.appending(path: "kernel-test-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: console.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: console) }
        let output = try FileHandle(forWritingTo: console)
        defer { try? output.close() }

        let process = Process()
        process.executableURL = script
        process.arguments = [program.path]
        process.currentDirectoryURL = repository
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }

        let text = (try? String(contentsOf: console, encoding: .utf8)) ?? ""
        let decoder = JSONDecoder()
        let reports = text.split(separator: "\n").compactMap { line -> Report? in
            guard line.hasPrefix("{\"scenario\"") else { return nil }
            return try? decoder.decode(Report.self, from: Data(line.utf8))
        }
        // The boot and run times, in the test log of every run.
        for line in text.split(separator: "\n") where line.hasPrefix("TALLY-KERNEL-TEST TIMES") {
            print(line)
        }
        if reports.isEmpty {
            throw Failure(
                description: "the kernel test machine reported nothing (exit status \(status)); console:\n\(text)")
        }
        return Result(status: status, reports: reports, console: text)
    }
}
