import Foundation

/// Debian's headless Chromium, driven over the Chrome DevTools Protocol on a pipe (`--remote-debugging-pipe`):
/// no port to find, no driver program to match to the browser's version, and the browser ends with its pipe.
/// Messages are JSON, each ended by a NUL byte; Chromium reads commands on its file descriptor 3 and writes
/// answers and events on 4.
public final class Chromium: @unchecked Sendable {
    /// The Debian package that provides it.
    public static let package = "chromium"

    /// `chromium` on `PATH`, else in /usr/bin.
    public static func executable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":").map(String.init) + ["/usr/bin"] {
            let candidate = folder + "/chromium"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    private let process = Process()
    private let commands: FileHandle
    private let answers: FileHandle
    private let profile: String
    private let lock = NSLock()
    private var nextID = 0
    private var waiting: [Int: CheckedContinuation<Data, any Error>] = [:]
    private var ended = false
    private var pageErrors: [String] = []

    /// Starts the browser with a profile of its own in `folder`; its messages go to `logPath`.
    public init(executable: String, folder: String, logPath: String) throws {
        profile = folder + "/chromium-profile"
        try FileManager.default.createDirectory(atPath: profile, withIntermediateDirectories: true)
        let toBrowser = Pipe()
        let fromBrowser = Pipe()
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        // Foundation's Process sets only standard input, output and error (and closes every other descriptor in
        // the child), so a shell moves the two pipes to the descriptors Chromium's pipe mode reads and writes.
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", #"exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>&2"#, executable,
            "--headless", "--no-sandbox", "--remote-debugging-pipe", "--user-data-dir=\(profile)",
            "--no-first-run", "--no-default-browser-check", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-extensions", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-default-apps", "--mute-audio", "--hide-scrollbars", "--lang=en-US",
            "--password-store=basic", "--window-size=1920,1080", "--force-device-scale-factor=1",
            "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
            "--disable-backgrounding-occluded-windows", "about:blank",
        ]
        process.standardInput = toBrowser
        process.standardOutput = fromBrowser
        process.standardError = log
        try process.run()
        try log.close()
        commands = toBrowser.fileHandleForWriting
        answers = fromBrowser.fileHandleForReading
        let reader = Thread { [self] in readMessages() }
        reader.name = "chromium-devtools"
        reader.start()
    }

    /// Sends a command (to a page when `session` is given) and answers its `result`; a protocol error, the
    /// browser's end or 120 s without an answer throw.
    @discardableResult
    public func send(
        _ method: String, _ parameters: [String: Any] = [:], session: String? = nil
    ) async throws -> [String: Any] {
        let id = lock.withLock {
            nextID += 1
            return nextID
        }
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if let session { message["sessionId"] = session }
        let data = try JSONSerialization.data(withJSONObject: message) + [0]
        let timeout = Task { [weak self] in
            try await Task.sleep(for: .seconds(120))
            self?.finish(id, with: .failure(Failure(description: "\(method): Chromium did not answer in 120 s")))
        }
        defer { timeout.cancel() }
        let answer = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data, any Error>) in
            let isOpen = lock.withLock {
                if !ended { waiting[id] = continuation }
                return !ended
            }
            guard isOpen else { return continuation.resume(throwing: Failure(description: "Chromium has ended")) }
            do {
                try commands.write(contentsOf: data)
            } catch {
                finish(id, with: .failure(error))
            }
        }
        let object = (try JSONSerialization.jsonObject(with: answer) as? [String: Any]) ?? [:]
        if let error = object["error"] as? [String: Any] {
            throw Failure(description: "\(method): \(error["message"] ?? error)")
        }
        return object["result"] as? [String: Any] ?? [:]
    }

    /// Uncaught exceptions and console errors of the pages, as they happened.
    public var errors: [String] { lock.withLock { pageErrors } }

    private func finish(_ id: Int, with result: Result<Data, any Error>) {
        let continuation = lock.withLock { waiting.removeValue(forKey: id) }
        continuation?.resume(with: result)
    }

    private func readMessages() {
        var buffer = Data()
        while true {
            let chunk = answers.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            while let end = buffer.firstIndex(of: 0) {
                let message = buffer[buffer.startIndex..<end]
                buffer = Data(buffer[(end + 1)...])
                handle(Data(message))
            }
        }
        let orphans = lock.withLock {
            ended = true
            defer { waiting = [:] }
            return waiting.values
        }
        for continuation in orphans { continuation.resume(throwing: Failure(description: "Chromium has ended")) }
    }

    private func handle(_ message: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: message) as? [String: Any] else { return }
        if let id = object["id"] as? Int {
            finish(id, with: .success(message))
            return
        }
        let parameters = object["params"] as? [String: Any] ?? [:]
        switch object["method"] as? String {
        case "Runtime.exceptionThrown":
            let details = parameters["exceptionDetails"] as? [String: Any] ?? [:]
            let exception = details["exception"] as? [String: Any] ?? [:]
            lock.withLock { pageErrors.append("\(exception["description"] ?? details["text"] ?? "exception")") }
        case "Runtime.consoleAPICalled" where parameters["type"] as? String == "error":
            let arguments = (parameters["args"] as? [[String: Any]] ?? []).map {
                "\($0["value"] ?? $0["description"] ?? "")"
            }
            lock.withLock { pageErrors.append("console.error: " + arguments.joined(separator: " ")) }
        default: break
        }
    }

    /// A new tab of `width` × `height` CSS pixels.
    public func newPage(width: Int = 1920, height: Int = 1080) async throws -> BrowserPage {
        let target = try await send("Target.createTarget", ["url": "about:blank"])
        guard let targetID = target["targetId"] as? String else { throw Failure(description: "no target id") }
        let attached = try await send("Target.attachToTarget", ["targetId": targetID, "flatten": true])
        guard let session = attached["sessionId"] as? String else { throw Failure(description: "no session id") }
        let page = BrowserPage(browser: self, session: session)
        try await page.send("Page.enable")
        try await page.send("Runtime.enable")
        try await page.resize(width: width, height: height)
        return page
    }

    /// Asks the browser to close, and ends it when it does not.
    public func close() {
        if process.isRunning {
            let message = #"{"id":999999,"method":"Browser.close","params":{}}"#
            try? commands.write(contentsOf: Data(message.utf8) + [0])
            for _ in 0..<100 where process.isRunning { usleep(50_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        try? commands.close()
        try? FileManager.default.removeItem(atPath: profile)
    }
}

/// One tab, addressed through its DevTools session.
public struct BrowserPage: Sendable {
    public let browser: Chromium
    public let session: String

    @discardableResult
    public func send(_ method: String, _ parameters: [String: Any] = [:]) async throws -> [String: Any] {
        try await browser.send(method, parameters, session: session)
    }

    public func resize(width: Int, height: Int) async throws {
        try await send(
            "Emulation.setDeviceMetricsOverride",
            ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": false])
    }

    public func navigate(_ url: String) async throws {
        let answer = try await send("Page.navigate", ["url": url])
        if let error = answer["errorText"] as? String { throw Chromium.Failure(description: "\(url): \(error)") }
    }

    /// Evaluates a JavaScript expression (a promise is awaited) and answers its value as JSON would give it.
    @discardableResult
    public func evaluate(_ expression: String) async throws -> Any? {
        let answer = try await send(
            "Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let details = answer["exceptionDetails"] as? [String: Any] {
            let exception = details["exception"] as? [String: Any] ?? [:]
            throw Chromium.Failure(description: "\(exception["description"] ?? details["text"] ?? "exception")")
        }
        return (answer["result"] as? [String: Any])?["value"]
    }

    /// Waits until `condition` (a JavaScript expression) is true, checking every 20 ms for up to `seconds`;
    /// answers whether it became true. A page that is still loading counts as not yet.
    @discardableResult
    public func wait(until condition: String, seconds: Double = 60) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? await evaluate("Boolean(\(condition))")) as? Bool == true { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Clicks the middle of the first element `selector` finds, as a mouse would, scrolled into view first.
    public func click(_ selector: String) async throws {
        let box =
            try await evaluate(
                """
                (() => { const e = document.querySelector(\(Self.literal(selector)));
                  e.scrollIntoView({block: 'center', inline: 'center'}); const r = e.getBoundingClientRect();
                  return [r.left + r.width / 2, r.top + r.height / 2]; })()
                """) as? [Double]
        guard let box, box.count == 2 else { throw Chromium.Failure(description: "nothing matches \(selector)") }
        for type in ["mousePressed", "mouseReleased"] {
            try await send(
                "Input.dispatchMouseEvent",
                ["type": type, "x": box[0], "y": box[1], "button": "left", "clickCount": 1])
        }
    }

    /// Saves what the tab shows as a PNG file.
    public func screenshot(to path: String) async throws {
        let answer = try await send("Page.captureScreenshot", ["format": "png"])
        guard let text = answer["data"] as? String, let data = Data(base64Encoded: text) else {
            throw Chromium.Failure(description: "no screenshot")
        }
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// A JavaScript string literal of `text`.
    public static func literal(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}
