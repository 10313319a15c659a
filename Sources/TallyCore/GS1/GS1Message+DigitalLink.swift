extension GS1Message {
    /// Parses a GS1 Digital Link URI such as `https://id.gs1.org/01/09506000134352/10/ABC?17=261231` into the same
    /// message its element strings would give: path AIs first, then query AIs.
    ///
    /// Follows GS1's Digital Link standard as GS1's syntax engine applies it: any domain and path stem, the primary
    /// key found by walking back from the end of the path, key qualifiers in their defined order, attributes only
    /// in the query, non-AI query parameters ignored. Two lenient readings for old labels: the deprecated short
    /// names (`/gtin/`, `/lot/`, `/ser/` …) and GTIN-8, -12 and -13 padded to 14 digits.
    public init(digitalLinkURI uri: some StringProtocol) throws(GS1Error) {
        let bytes = Array(uri.utf8)
        guard bytes.allSatisfy({ DigitalLinkSyntax.isURICharacter($0) }) else {
            throw GS1Error(.malformedDigitalLink("it contains characters that are not allowed in a URI"))
        }
        guard let schemeLength = DigitalLinkSyntax.schemeLength(bytes) else {
            throw GS1Error(.malformedDigitalLink("it must start with https:// or http://"))
        }
        guard let pathStart = bytes[schemeLength...].firstIndex(of: UInt8(ascii: "/")), pathStart > schemeLength
        else { throw GS1Error(.malformedDigitalLink("it has no domain name followed by a path")) }
        guard !bytes[schemeLength..<pathStart].contains(where: DigitalLinkSyntax.isBadDomainCharacter) else {
            throw GS1Error(.malformedDigitalLink("the domain name contains characters it may not"))
        }
        let fragmentStart = bytes[pathStart...].firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
        let queryStart = bytes[pathStart..<fragmentStart].firstIndex(of: UInt8(ascii: "?")) ?? fragmentStart
        let segments = bytes[pathStart..<queryStart].split(
            separator: UInt8(ascii: "/"), omittingEmptySubsequences: false
        )
        .dropFirst()

        // Walk back over /AI/value pairs until one whose AI is a primary key; what lies before it is the stem.
        var root: Int? = nil
        var candidate = segments.endIndex - 2
        while candidate >= segments.startIndex {
            guard let ai = DigitalLinkSyntax.ai(named: segments[candidate]) else { break }
            if GS1AIDefinition.all[ai.definition].digitalLinkQualifiers != nil {
                root = candidate
                break
            }
            candidate -= 2
        }
        guard let root else { throw GS1Error(.malformedDigitalLink("its path holds no GS1 primary key such as /01/")) }

        var elements: [GS1Element] = []
        var pathAIs: [String] = []
        for keyIndex in stride(from: root, to: segments.endIndex, by: 2) {
            let ai = DigitalLinkSyntax.ai(named: segments[keyIndex])!
            let value = try DigitalLinkSyntax.decodedValue(segments[keyIndex + 1], ai: ai.name, isQuery: false)
            elements.append(try DigitalLinkSyntax.element(ai: ai, value: value))
            pathAIs.append(ai.name)
        }
        guard DigitalLinkSyntax.isValidPath(pathAIs) else {
            throw GS1Error(
                .malformedDigitalLink("the AIs in its path are not in an order GS1 defines for key \(pathAIs[0])"))
        }

        if queryStart < fragmentStart {
            for parameter in bytes[(queryStart + 1)..<fragmentStart].split(separator: UInt8(ascii: "&")) {
                guard let equals = parameter.firstIndex(of: UInt8(ascii: "=")) else { continue }
                let key = parameter[parameter.startIndex..<equals]
                guard !key.isEmpty, key.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { continue }  // not an AI
                let name = String(decoding: key, as: UTF8.self)
                guard let index = GS1AIIndex.definition(forAI: name) else { throw GS1Error(.unknownAI(name)) }
                let ai = (name: name, definition: index)
                guard GS1AIDefinition.all[index].digitalLinkAttribute else {
                    throw GS1Error(.malformedDigitalLink("AI (\(name)) may not be a query attribute"))
                }
                guard !elements.contains(where: { $0.ai == name }) else {
                    throw GS1Error(.malformedDigitalLink("AI (\(name)) appears twice"))
                }
                for position in 1...pathAIs.count {
                    var trial = pathAIs
                    trial.insert(name, at: position)
                    if DigitalLinkSyntax.isValidPath(trial) {
                        throw GS1Error(.malformedDigitalLink("AI (\(name)) belongs in the path, not the query"))
                    }
                }
                let value = try DigitalLinkSyntax.decodedValue(parameter[(equals + 1)...], ai: name, isQuery: true)
                guard elements.count < GS1Message.maximumElements else { throw GS1Error(.tooManyElements) }
                elements.append(try DigitalLinkSyntax.element(ai: ai, value: value))
            }
        }
        self.init(elements: elements)
        try validatePairings()
    }

    /// The message as a GS1 Digital Link URI on `stem` (`https://id.gs1.org` by default), or nil when it holds no
    /// primary key or an AI that cannot be a Digital Link attribute.
    public func digitalLinkURI(stem: String = "https://id.gs1.org") -> String? {
        guard let key = elements.first(where: { $0.definition.digitalLinkQualifiers != nil }) else { return nil }
        let sequences = key.definition.digitalLinkQualifiers ?? [[]]
        // Take the qualifier sequence that places the most of the message's AIs in the path.
        let best =
            sequences.max { lhs, rhs in
                lhs.filter { ai in elements.contains { $0.ai == ai } }.count
                    < rhs.filter { ai in elements.contains { $0.ai == ai } }.count
            } ?? []
        var uri = stem.hasSuffix("/") ? String(stem.dropLast()) : stem
        uri += "/\(key.ai)/" + DigitalLinkSyntax.percentEncoded(key.value, isQuery: false)
        var inPath: Set<String> = [key.ai]
        for qualifier in best {
            guard let element = elements.first(where: { $0.ai == qualifier }) else { continue }
            uri += "/\(qualifier)/" + DigitalLinkSyntax.percentEncoded(element.value, isQuery: false)
            inPath.insert(qualifier)
        }
        var attributes: [String] = []
        for element in elements where !inPath.contains(element.ai) {
            guard element.definition.digitalLinkAttribute else { return nil }
            inPath.insert(element.ai)
            attributes.append("\(element.ai)=" + DigitalLinkSyntax.percentEncoded(element.value, isQuery: true))
        }
        return attributes.isEmpty ? uri : uri + "?" + attributes.joined(separator: "&")
    }
}

/// The character rules and AI names of GS1 Digital Link URIs.
enum DigitalLinkSyntax {
    static func isURICharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~:/?#[]@!$&'()*+,;=%".utf8.contains(byte)
        }
    }

    static func isBadDomainCharacter(_ byte: UInt8) -> Bool { "_~?#@!$&'()*+,;=%".utf8.contains(byte) }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// The length of an `https://` or `http://` scheme in lower or upper case (GS1 refuses mixed case).
    static func schemeLength(_ bytes: [UInt8]) -> Int? {
        for scheme in ["https://", "HTTPS://", "http://", "HTTP://"] where bytes.starts(with: scheme.utf8) {
            return scheme.utf8.count
        }
        return nil
    }

    /// Whether `bytes` are an http(s) URI whose path holds a GS1 primary key followed by a value, such as
    /// `/01/09506000134352`: only such URIs are read as Digital Links; other web links are ordinary text.
    static func pathNamesAKey(_ bytes: [UInt8]) -> Bool {
        guard let schemeLength = schemeLength(bytes),
            let pathStart = bytes[schemeLength...].firstIndex(of: UInt8(ascii: "/"))
        else { return false }
        let pathEnd =
            bytes[pathStart...].firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.count
        let segments = bytes[pathStart..<pathEnd].split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        return segments.indices.dropLast().contains { index in
            guard let ai = ai(named: segments[index]) else { return false }
            return GS1AIDefinition.all[ai.definition].digitalLinkQualifiers != nil && !segments[index + 1].isEmpty
        }
    }

    /// The deprecated short names that early Digital Link URIs used in place of AIs.
    static let shortNames: [String: String] = [
        "cpid": "8010", "cpsn": "8011", "cpv": "22", "gcn": "255", "gdti": "253", "giai": "8004", "ginc": "401",
        "gln": "414", "glnx": "254", "gmn": "8013", "grai": "8003", "gsin": "402", "gsrn": "8018", "gsrnp": "8017",
        "gtin": "01", "itip": "8006", "lot": "10", "party": "417", "refno": "8020", "ser": "21", "srin": "8019",
        "sscc": "00",
    ]

    /// The AI a path segment names, by digits or by short name.
    static func ai(named segment: ArraySlice<UInt8>) -> (name: String, definition: Int)? {
        var name = String(decoding: segment, as: UTF8.self)
        if let first = segment.first, !(48...57).contains(first) {
            guard let mapped = shortNames[name] else { return nil }
            name = mapped
        }
        return GS1AIIndex.definition(forAI: name).map { (name, $0) }
    }

    /// A path or query value with percent escapes (and `+` for space in the query) decoded.
    static func decodedValue(_ raw: ArraySlice<UInt8>, ai: String, isQuery: Bool) throws(GS1Error) -> [UInt8] {
        guard !raw.isEmpty else { throw GS1Error(.emptyValue, ai: ai) }
        var value: [UInt8] = []
        value.reserveCapacity(raw.count)
        var position = raw.startIndex
        while position < raw.endIndex {
            let byte = raw[position]
            if byte == UInt8(ascii: "%"), position + 2 < raw.endIndex,
                let high = hexValue(raw[position + 1]), let low = hexValue(raw[position + 2])
            {
                let decoded = high << 4 | low
                guard decoded != 0 else {
                    throw GS1Error(.malformedDigitalLink("the value of AI (\(ai)) contains an escaped NUL"))
                }
                value.append(decoded)
                position += 3
            } else {
                value.append(isQuery && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                position += 1
            }
        }
        return value
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - 48
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - 55
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - 87
        default: nil
        }
    }

    static func percentEncoded(_ value: String, isQuery: Bool) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in value.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else if isQuery && byte == UInt8(ascii: " ") {
                out.append(UInt8(ascii: "+"))
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A checked element; a GTIN written with 8, 12 or 13 digits is padded to the 14 that AI (01) holds.
    static func element(ai: (name: String, definition: Int), value: [UInt8]) throws(GS1Error) -> GS1Element {
        var value = value
        if ai.name == "01" && [8, 12, 13].contains(value.count) {
            value = [UInt8](repeating: UInt8(ascii: "0"), count: 14 - value.count) + value
        }
        try GS1Element.validate(value, 0..<value.count, definition: GS1AIDefinition.all[ai.definition], ai: ai.name)
        return GS1Element(ai: ai.name, value: String(decoding: value, as: UTF8.self), definitionIndex: ai.definition)
    }

    /// Whether `ais` is a primary key followed by some of its qualifiers, in the order GS1 defines.
    static func isValidPath(_ ais: [String]) -> Bool {
        guard let first = ais.first, let key = GS1AIDefinition.lookup(first),
            let sequences = key.digitalLinkQualifiers
        else { return false }
        let qualifiers = ais.dropFirst()
        return sequences.contains { sequence in
            var remaining = sequence[...]
            for qualifier in qualifiers {
                guard let found = remaining.firstIndex(of: qualifier) else { return false }
                remaining = remaining[(found + 1)...]
            }
            return true
        }
    }
}
