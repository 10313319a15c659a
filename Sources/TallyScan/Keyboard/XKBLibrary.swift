import CXKBCommon
import Glibc

/// The process's one xkb context, the keymaps compiled in it and the dead-key compose table, behind one lock.
///
/// libxkbcommon objects are not thread-safe: compiling changes the context (its atom table), and even the
/// immutable keymaps and compose tables carry a plain, non-atomic reference count that `xkb_state_new` and
/// `xkb_state_unref` change. So everything that compiles, creates or frees an xkb object goes through this lock.
/// Reading a keymap (symbols, levels) and using a state that one owner holds need no lock.
enum XKBLibrary {
    struct Shared {
        /// `struct xkb_context *`, made without the `XKB_DEFAULT_*` environment names: the scanner's configured
        /// country decides the characters, never the host's settings.
        let context: OpaquePointer?
        var keymaps: [KeyboardLayout: Keymap] = [:]
        var compose = ComposeTable.State.notLoaded
    }

    static let shared = Lock(Shared(context: xkb_context_new(XKB_CONTEXT_NO_ENVIRONMENT_NAMES)))

    /// A pthread mutex around a value. (Not `Synchronization.Mutex`: its futex is invisible to ThreadSanitizer,
    /// which then reports races inside the lock; pthread mutexes are checked.)
    final class Lock<Value>: @unchecked Sendable {
        private let mutex: UnsafeMutablePointer<pthread_mutex_t>
        private var value: Value

        init(_ value: Value) {
            self.value = value
            mutex = .allocate(capacity: 1)
            mutex.initialize(to: pthread_mutex_t())
            pthread_mutex_init(mutex, nil)
        }

        deinit {
            pthread_mutex_destroy(mutex)
            mutex.deallocate()
        }

        func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            return try body(&value)
        }
    }

    /// The folders libxkbcommon reads layouts from, in its order.
    static func includePaths(_ shared: Shared) -> [String] {
        guard let context = shared.context else { return [] }
        return (0..<xkb_context_num_include_paths(context)).compactMap { index in
            xkb_context_include_path_get(context, index).map { String(cString: $0) }
        }
    }

    /// A whole small file, or nil when it cannot be read.
    static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
            if count < buffer.count { break }
        }
        return ferror(file) == 0 ? bytes : nil
    }

    /// A keysym's name, such as `KP_End` or `F13`.
    static func keysymName(_ keysym: UInt32) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let count = xkb_keysym_get_name(keysym, &buffer, buffer.count)
        guard count > 0 else { return String(keysym, radix: 16) }
        return String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// The compose table of X11's `en_US.UTF-8` locale, used for what a dead key followed by a letter makes
/// (`^` then `e` gives `ê`).
///
/// The compose API (`xkbcommon-compose.h`) lives in `libxkbcommon.so` itself, but the `CXKBCommon` module only
/// exposes `xkbcommon.h`, so its few functions are looked up at run time. The table is a fixed file, not the
/// host's locale or `~/.XCompose`, for the same reason the keymap ignores the host: the scanner decides. When the
/// file (Debian's `libx11-data`) is missing, composing is unavailable and a dead key followed by a letter gives
/// both characters, as Windows does.
enum ComposeTable {
    enum State {
        case notLoaded
        case unavailable
        case loaded(Functions, table: OpaquePointer, state: OpaquePointer, results: [Pair: String?])
    }

    struct Pair: Hashable {
        var dead: UInt32
        var keysym: UInt32
    }

    struct Functions {
        typealias NewFromBuffer =
            @convention(c) (
                OpaquePointer?, UnsafePointer<CChar>?, Int, UnsafePointer<CChar>?, Int32, Int32
            ) -> OpaquePointer?
        typealias StateNew = @convention(c) (OpaquePointer?, Int32) -> OpaquePointer?
        typealias Feed = @convention(c) (OpaquePointer?, UInt32) -> Int32
        typealias Reset = @convention(c) (OpaquePointer?) -> Void
        typealias Status = @convention(c) (OpaquePointer?) -> Int32
        typealias UTF8 = @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>?, Int) -> Int32

        var newFromBuffer: NewFromBuffer
        var stateNew: StateNew
        var feed: Feed
        var reset: Reset
        var status: Status
        var utf8: UTF8

        static func load() -> Functions? {
            // RTLD_DEFAULT: the symbols of every library already loaded, which includes libxkbcommon.
            func symbol<T>(_ name: String, as type: T.Type) -> T? {
                guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
                return unsafeBitCast(pointer, to: type)
            }
            guard let newFromBuffer = symbol("xkb_compose_table_new_from_buffer", as: NewFromBuffer.self),
                let stateNew = symbol("xkb_compose_state_new", as: StateNew.self),
                let feed = symbol("xkb_compose_state_feed", as: Feed.self),
                let reset = symbol("xkb_compose_state_reset", as: Reset.self),
                let status = symbol("xkb_compose_state_get_status", as: Status.self),
                let utf8 = symbol("xkb_compose_state_get_utf8", as: UTF8.self)
            else { return nil }
            return Functions(
                newFromBuffer: newFromBuffer, stateNew: stateNew, feed: feed, reset: reset, status: status,
                utf8: utf8)
        }
    }

    /// `XKB_COMPOSE_COMPOSED`.
    private static let composed: Int32 = 2

    /// Where the table is read from: `$XLOCALEDIR` or X11's default locale folder.
    static var path: String {
        let root = getenv("XLOCALEDIR").map { String(cString: $0) } ?? "/usr/share/X11/locale"
        return root + "/en_US.UTF-8/Compose"
    }

    /// Whether dead keys followed by a letter can be composed on this system.
    static var isAvailable: Bool {
        XKBLibrary.shared.withLock { shared in
            load(&shared)
            if case .loaded = shared.compose { return true }
            return false
        }
    }

    /// What `dead` followed by `keysym` composes to, or nil when the pair is no compose sequence (or the table is
    /// unavailable). Results are remembered: the pairs a scanner uses are few.
    static func compose(dead: UInt32, with keysym: UInt32) -> String? {
        XKBLibrary.shared.withLock { shared in
            load(&shared)
            guard case .loaded(let functions, let table, let state, var results) = shared.compose else { return nil }
            let pair = Pair(dead: dead, keysym: keysym)
            if let known = results[pair] { return known }
            functions.reset(state)
            _ = functions.feed(state, dead)
            _ = functions.feed(state, keysym)
            var text: String? = nil
            if functions.status(state) == composed {
                var buffer = [CChar](repeating: 0, count: 64)
                let count = functions.utf8(state, &buffer, buffer.count)
                if count > 0 {
                    text = String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
                }
            }
            functions.reset(state)
            results[pair] = text
            shared.compose = .loaded(functions, table: table, state: state, results: results)
            return text
        }
    }

    private static func load(_ shared: inout XKBLibrary.Shared) {
        guard case .notLoaded = shared.compose else { return }
        shared.compose = .unavailable
        guard let functions = Functions.load(), let context = shared.context, var bytes = readFile() else { return }
        bytes.append(0)
        let table = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                // XKB_COMPOSE_FORMAT_TEXT_V1, no flags.
                functions.newFromBuffer(context, chars.baseAddress, chars.count - 1, "en_US.UTF-8", 1, 0)
            }
        }
        guard let table, let state = functions.stateNew(table, 0) else { return }
        shared.compose = .loaded(functions, table: table, state: state, results: [:])
    }

    private static func readFile() -> [UInt8]? { XKBLibrary.readFile(path) }
}
