import Configuration
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A program's configuration: a YAML file, with environment variables overriding its keys.
public enum ConfigurationFile {
    /// A reader that takes environment variables first, then the YAML file at `path`.
    ///
    /// A variable wins over the file's value for the same key: `STATION_CODE=TILL2` replaces `station.code`
    /// (``environmentVariableName(forKey:)`` gives the name for any key). The file must exist and hold a YAML
    /// mapping; it is read once, here. `example` names some top-level keys for the message when the file is not a
    /// mapping, such as `station:, shop: and sale:`.
    public static func reader(
        yamlFile path: String, environment: [String: String], example: String
    ) async throws(ConfigurationError) -> ConfigReader {
        try checkReadable(path)
        let file: FileProvider<YAMLSnapshot>
        do {
            file = try await FileProvider<YAMLSnapshot>(filePath: .init(path))
        } catch {
            throw .invalidFile(path: path, reason: yamlProblem(error, example: example))
        }
        return ConfigReader(providers: [EnvironmentVariablesProvider(environmentVariables: environment), file])
    }

    /// The environment variable that overrides `key`: dots become `_`, a lower-case letter followed by a
    /// capital gets a `_` between them, anything else that is not a letter or digit becomes `_`, and all is
    /// upper case. `station.stateDirectory` is `STATION_STATE_DIRECTORY`, `lane.back-door.mode` is
    /// `LANE_BACK_DOOR_MODE`.
    public static func environmentVariableName(forKey key: String) -> String {
        var name = ""
        var previous: Character?
        for character in key {
            if let previous, previous.isLowercase, character.isUppercase { name += "_" }
            name += character.isLetter || character.isNumber ? character.uppercased() : "_"
            previous = character == "." ? nil : character
        }
        return name
    }

    /// Refuses a path that does not name a readable file, with the reason the system gives.
    static func checkReadable(_ path: String) throws(ConfigurationError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .fileNotFound(path: path) }
            throw .fileUnreadable(path: path, reason: String(cString: strerror(code)).lowercased())
        }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw .fileUnreadable(path: path, reason: "it is a folder, not a file")
        }
    }

    /// What was wrong with the file, from the YAML parser's or the provider's error.
    static func yamlProblem(_ error: any Error, example: String) -> String {
        let text = String(describing: error)
        if text.contains("Top level YAML value is not a mapping") {
            return "it must be a mapping of keys such as \(example), but it is empty or holds a single value or list"
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
