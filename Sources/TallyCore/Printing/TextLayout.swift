/// Lays text out in a fixed number of columns, counting Characters, for every renderer of a ``PrintDocument``.
///
/// No line it returns is longer than ``width`` or ends in a space.
struct TextLayout {
    let width: Int

    init(width: Int) {
        self.width = max(1, width)
    }

    /// A rule across the whole width.
    var rule: String { String(repeating: "-", count: width) }

    /// `text` with control characters (a tab, a line break) made spaces, so that they cannot break the layout.
    static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return String(text.map { character in character.unicodeScalars.contains(where: isControl) ? " " : character })
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The text broken at spaces into lines of at most `width` characters; a word longer than a line is split.
    static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var rest = Array(clean(text))
        while rest.last == " " { rest.removeLast() }
        var lines: [String] = []
        while rest.count > width {
            // The indentation of the first line is kept, so a break never falls inside it.
            let indent = rest.firstIndex { $0 != " " } ?? 0
            guard indent < width else {
                // Indentation as wide as a line would print a line of spaces; the text starts the line instead.
                rest.removeFirst(indent)
                continue
            }
            let breaks = Array(indent + 1...width)
            guard let space = breaks.last(where: { rest[$0] == " " }) else {
                lines.append(String(rest[..<width]))
                rest.removeFirst(width)
                continue
            }
            var end = space
            while rest[end - 1] == " " { end -= 1 }
            lines.append(String(rest[..<end]))
            rest.removeFirst(space)
            while rest.first == " " { rest.removeFirst() }
        }
        lines.append(String(rest))
        return lines
    }

    func wrap(_ text: String) -> [String] {
        Self.wrap(text, width: width)
    }

    /// The line preceded by the spaces that centre it.
    func centered(_ line: String) -> String {
        String(repeating: " ", count: max(0, (width - line.count) / 2)) + line
    }

    /// A name and an amount: the name wraps in the room the amount leaves, and the amount ends its last line.
    func pair(_ left: String, _ right: String) -> [String] {
        let right = Self.trimmed(Self.clean(right))
        guard !right.isEmpty else { return wrap(left) }
        let nameWidth = width - right.count - 1
        guard nameWidth >= width / 3 else {
            // An amount this wide leaves no useful column for the name, so it takes lines of its own.
            return wrap(left) + Self.wrap(right, width: width).map { padded($0, to: width, leading: true) }
        }
        var lines = Self.wrap(left, width: nameWidth)
        let last = lines.removeLast()
        lines.append(last + String(repeating: " ", count: width - last.count - right.count) + right)
        return lines
    }

    /// A table row: the first cell left-aligned, the others right-aligned in columns of equal width.
    ///
    /// The columns depend only on the width and the number of cells, so rows of one table line up. A row
    /// whose cells do not fit is printed as its cells separated by spaces.
    func columns(_ cells: [String]) -> [String] {
        guard let first = cells.first.map(Self.clean) else { return [""] }
        let others = cells.dropFirst().map { Self.clean($0) }
        guard !others.isEmpty else { return wrap(first) }
        let column = min(10, width / cells.count)
        let firstWidth = width - column * others.count
        guard others.allSatisfy({ $0.count < column }) else { return wrap(cells.joined(separator: " ")) }
        let numbers = others.map { padded($0, to: column, leading: true) }.joined()
        if first.count < firstWidth {
            return [withoutTrailingSpaces(padded(first, to: firstWidth, leading: false) + numbers)]
        }
        return wrap(first) + [withoutTrailingSpaces(String(repeating: " ", count: firstWidth) + numbers)]
    }

    private func padded(_ text: String, to count: Int, leading: Bool) -> String {
        let padding = String(repeating: " ", count: max(0, count - text.count))
        return leading ? padding + text : text + padding
    }

    private func withoutTrailingSpaces(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }

    /// The text without spaces at either end.
    static func trimmed(_ text: String) -> String {
        var text = Substring(text)
        while text.last == " " { text.removeLast() }
        while text.first == " " { text.removeFirst() }
        return String(text)
    }
}
