/// The keyboard country a scanner is configured for, as an XKB layout name and optional variant: `de`, `ch`,
/// `cz(qwerty)`, `fr(azerty)`.
///
/// A keyboard-wedge scanner sends key positions, not characters; which key it presses for `Z` or `-` depends on
/// the country set in the scanner, not on the host's layout. The layout is checked against the installed XKB data
/// (Debian's `xkb-data`) when the value is made, so a typo in the station's configuration fails at load with the
/// known names, not at the first scan.
public struct KeyboardLayout: Sendable, Hashable, CustomStringConvertible {
    /// The XKB symbols file, such as `de`.
    public let name: String
    /// The section of that file, such as `qwerty` in `cz(qwerty)`; nil for the file's default.
    public let variant: String?

    /// US English, the layout most scanners ship with.
    public static let us = KeyboardLayout(checkedName: "us", variant: nil)

    /// A layout written as `name` or `name(variant)`.
    public init(_ spec: String) throws(KeyboardLayoutError) {
        let text = Self.trimmed(spec)
        if let open = text.firstIndex(of: "(") {
            guard text.hasSuffix(")"), text.index(after: open) < text.index(before: text.endIndex) else {
                throw .invalidSpecification(spec, reason: "a variant is written in parentheses, like cz(qwerty)")
            }
            let name = String(text[..<open])
            let variant = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            try self.init(name: name, variant: variant)
        } else {
            try self.init(name: text, variant: nil)
        }
    }

    /// A layout and optional variant given separately, as a configuration with `layout: cz` and
    /// `variant: qwerty` does. An empty variant means the default.
    public init(name: String, variant: String?) throws(KeyboardLayoutError) {
        let variant = variant.flatMap { $0.isEmpty ? nil : $0 }
        let spec = variant.map { "\(name)(\($0))" } ?? name
        guard !name.isEmpty else { throw .invalidSpecification(spec, reason: "the layout name is empty") }
        guard name.allSatisfy(Self.isNameCharacter) else {
            throw .invalidSpecification(spec, reason: "a layout name has only letters, digits, - and _")
        }
        if let variant, !variant.allSatisfy(Self.isNameCharacter) {
            throw .invalidSpecification(spec, reason: "a variant name has only letters, digits, - and _")
        }
        try Self.check(name: name, variant: variant)
        self.init(checkedName: name, variant: variant)
    }

    private init(checkedName name: String, variant: String?) {
        self.name = name
        self.variant = variant
    }

    /// `de`, or `cz(qwerty)` with a variant.
    public var description: String { variant.map { "\(name)(\($0))" } ?? name }

    private static func trimmed(_ text: String) -> String {
        var text = Substring(text)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_")
    }

    /// Finds the symbols file in the folders libxkbcommon reads, and the variant's section in it.
    private static func check(name: String, variant: String?) throws(KeyboardLayoutError) {
        let paths = XKBLibrary.shared.withLock { XKBLibrary.includePaths($0) }
        let folders = paths.map { $0 + "/symbols" }
        let files = folders.map { $0 + "/" + name }
        guard let text = files.lazy.compactMap(XKBLibrary.readFile).first else {
            if !folders.contains(where: { XKBLibrary.readFile($0 + "/us") != nil }) {
                throw .noKeyboardData(searched: folders)
            }
            throw .unknownLayout(name, searched: folders)
        }
        guard let variant else { return }
        let sections = symbolSections(String(decoding: text, as: UTF8.self))
        guard sections.contains(variant) else { throw .unknownVariant(layout: name, variant: variant, known: sections) }
    }

    /// The section names of a symbols file: each `xkb_symbols "name"`.
    static func symbolSections(_ text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let range = rest.firstRange(of: "xkb_symbols") {
            rest = rest[range.upperBound...]
            let afterSpace = rest.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            guard afterSpace.first == "\"" else { continue }
            let body = afterSpace.dropFirst()
            guard let close = body.firstIndex(of: "\"") else { break }
            names.append(String(body[..<close]))
            rest = body[close...]
        }
        return names
    }
}

/// Why a keyboard layout cannot be used, naming it.
public enum KeyboardLayoutError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text is not `name` or `name(variant)`.
    case invalidSpecification(String, reason: String)
    /// No symbols file of that name in the XKB data.
    case unknownLayout(String, searched: [String])
    /// The layout exists but has no such variant.
    case unknownVariant(layout: String, variant: String, known: [String])
    /// No XKB data at all: the `xkb-data` package is missing.
    case noKeyboardData(searched: [String])
    /// libxkbcommon could not compile the keymap.
    case compileFailed(String)

    public var description: String {
        switch self {
        case .invalidSpecification(let spec, let reason):
            "\"\(spec)\" is not a keyboard layout: \(reason)"
        case .unknownLayout(let name, let searched):
            "unknown keyboard layout \"\(name)\": no such file in \(searched.joined(separator: ", ")); "
                + "use an XKB layout name such as us, gb, de, fr, ch, es, it, se, no, dk, fi or cz"
        case .unknownVariant(let layout, let variant, let known):
            "keyboard layout \"\(layout)\" has no variant \"\(variant)\"; it has "
                + known.joined(separator: ", ")
        case .noKeyboardData(let searched):
            "no XKB keyboard data in \(searched.joined(separator: ", ")); install the xkb-data package"
        case .compileFailed(let layout):
            "libxkbcommon could not compile the keymap of keyboard layout \"\(layout)\""
        }
    }
}
