import Foundation

/// Runs blocking work (waiting for a program, reading its pipes) on a thread of its own and awaits it. Swift's
/// cooperative pool has as many threads as the machine has cores: on two cores, two tests blocked there for a
/// program would stall every other test of the process, a server's answers included.
public func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// Runs a program to its end and answers its exit status, standard output and standard error.
/// `directory` is its working folder (the test process's when nil).
public func runProgram(
    _ path: String, _ arguments: [String], environment: [String: String]? = nil, input: String? = nil,
    directory: String? = nil
) async throws -> (status: Int32, output: String, errors: String) {
    try await offCooperativePool {
        try runProgramBlocking(path, arguments, environment: environment, input: input, directory: directory)
    }
}

private func runProgramBlocking(
    _ path: String, _ arguments: [String], environment: [String: String]?, input: String?, directory: String?
) throws -> (status: Int32, output: String, errors: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    let standardInput = Pipe()
    if input != nil { process.standardInput = standardInput }
    try process.run()
    if let input {
        standardInput.fileHandleForWriting.write(Data(input.utf8))
        try standardInput.fileHandleForWriting.close()
    }
    // Standard error is read on another thread, so a program that fills one pipe while the other is being
    // drained never stalls.
    let errorData = LockedData()
    let reading = Thread { errorData.set(errors.fileHandleForReading.readDataToEndOfFile()) }
    reading.start()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let err = errorData.wait()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

/// Bytes handed from a reading thread to the caller once they are complete.
private final class LockedData: @unchecked Sendable {
    private let condition = NSCondition()
    private var data: Data?

    func set(_ value: Data) {
        condition.lock()
        data = value
        condition.signal()
        condition.unlock()
    }

    func wait() -> Data {
        condition.lock()
        defer { condition.unlock() }
        while data == nil { condition.wait() }
        return data ?? Data()
    }
}

/// The path of a program this package builds (`tally-central`, `tallyctl`, `tallyd`), beside the test bundle in
/// the build products folder.
public func builtProgram(_ name: String) throws -> String {
    let candidates = [CommandLine.arguments[0], Bundle.main.executablePath ?? ""].map {
        URL(fileURLWithPath: $0).deletingLastPathComponent()
    }
    for folder in candidates + candidates.map({ $0.deletingLastPathComponent() }) {
        let url = folder.appending(path: name)
        if FileManager.default.isExecutableFile(atPath: url.path) { return url.path }
    }
    throw ProgramMissing(description: "\(name) is not built: run swift build --build-tests")
}

/// A program the tests need that was not built.
public struct ProgramMissing: Error, CustomStringConvertible {
    public var description: String
}

extension Process {
    /// Stops a child for good and waits for it: SIGKILL, since a test process that runs a ServiceGroup ignores
    /// SIGTERM and the children it starts inherit that.
    public func stop() {
        guard isRunning else { return }
        kill(processIdentifier, SIGKILL)
        waitUntilExit()
    }
}
