/// Turns the bytes one scan delivered into their meaning.
///
/// With a symbology identifier the identifier decides how the data is read. Without one (the default of most
/// scanners, and of zbar), the data decides, in this order: Tally codes (`TLx-`), GS1 Digital Link URIs,
/// human-readable GS1 text `(01)…`, element strings with GS separators, 8/12/13/14 digits as GTINs, other digit
/// strings and text that parse completely as GS1 element strings, and finally plain text.
public struct ScanInterpreter: Sendable {
    /// The national layouts for price- and weight-embedded numbers (prefixes 02 and 20–29); without them such
    /// numbers are reported as restricted-circulation numbers without a decoded value.
    public var restrictedCirculationRules: RestrictedCirculationRuleSet?
    /// The currency of prices that carry none: GS1 AI 392n.
    public var localCurrency: Currency?
    /// The current year, which decides the century of two-digit years in GS1 dates.
    public var referenceYear: Int

    /// The longest scan accepted: more than the largest QR code holds.
    public static let maximumLength = 8192

    public init(
        restrictedCirculationRules: RestrictedCirculationRuleSet? = nil, localCurrency: Currency? = nil,
        referenceYear: Int
    ) {
        self.restrictedCirculationRules = restrictedCirculationRules
        self.localCurrency = localCurrency
        self.referenceYear = referenceYear
    }

    public func interpret(_ input: [UInt8]) -> ScanInterpretation {
        guard !input.isEmpty else {
            return ScanInterpretation(input: input, symbology: nil, kind: .text, error: .empty)
        }
        guard input.count <= ScanInterpreter.maximumLength else {
            return ScanInterpretation(
                input: input, symbology: nil, kind: .text,
                error: .tooLong(length: input.count, maximum: ScanInterpreter.maximumLength))
        }
        let read = ScanReading(input: input, interpreter: self)
        switch read.symbology?.content {
        case .gs1ElementStrings: return read.elementStrings()
        case .eanUPC: return read.eanUPC(addOn: false)
        case .eanUPCWithAddOn: return read.eanUPC(addOn: true)
        case .interleaved2of5: return read.interleaved2of5()
        case .other: return read.plainData()
        case nil: return read.unidentified()
        }
    }
}

/// The reading of one scan: its bytes, where the data starts, and the paths each kind of data takes.
struct ScanReading {
    let input: [UInt8]
    let interpreter: ScanInterpreter
    let symbology: SymbologyIdentifier?
    let dataStart: Int

    init(input: [UInt8], interpreter: ScanInterpreter) {
        self.input = input
        self.interpreter = interpreter
        symbology = SymbologyIdentifier(prefixOf: input)
        dataStart = symbology == nil ? 0 : 3
    }

    var data: ArraySlice<UInt8> { input[dataStart...] }

    func valid(_ kind: ScanInterpretation.Kind, _ content: ScanContent) -> ScanInterpretation {
        ScanInterpretation(input: input, symbology: symbology, kind: kind, content: content)
    }

    func invalid(_ kind: ScanInterpretation.Kind, _ error: ScanError) -> ScanInterpretation {
        ScanInterpretation(input: input, symbology: symbology, kind: kind, error: error)
    }

    static let compositeSeparator = Array("|]e0".utf8)

    /// The start of a `|]e0` composite component after an EAN/UPC or GS1-128 primary, if any.
    func compositeSplit() -> Int? {
        data.indices.first { index in
            input[index] == UInt8(ascii: "|") && input[index...].starts(with: ScanReading.compositeSeparator)
        }
    }

    // MARK: GS1 element strings

    func elementStrings() -> ScanInterpretation {
        let split = compositeSplit()
        let result = gs1Message(dataStart..<(split ?? input.count), then: split.map { ($0 + 4)..<input.count })
        switch result {
        case .success(let message): return valid(.gs1, .gs1(message))
        case .failure(let error): return invalid(.gs1, .gs1(error))
        }
    }

    /// The element strings in `first` and `second` of the input, after `leading`, as one message whose pairing
    /// rules are checked over all of it: GS1 asks for that across a linear symbol and its composite component.
    /// Ranges are parameters rather than an array so that no scan pays for an allocation to pass them.
    func gs1Message(
        _ first: Range<Int>, then second: Range<Int>? = nil, after leading: GS1Element? = nil
    ) -> Result<GS1Message, GS1Error> {
        var elements: [GS1Element] = []
        if let leading { elements.append(leading) }
        do throws(GS1Error) {
            try GS1Message.parseElementString(input, first, into: &elements)
            if let second { try GS1Message.parseElementString(input, second, into: &elements) }
            let message = GS1Message(elements: elements)
            try message.validatePairings()
            return .success(message)
        } catch {
            return .failure(error)
        }
    }

    // MARK: EAN, UPC and ITF

    func eanUPC(addOn: Bool) -> ScanInterpretation {
        let split = addOn ? nil : compositeSplit()
        let digits = input[dataStart..<(split ?? input.count)]
        var primary = digits
        var addOnDigits: ArraySlice<UInt8>? = nil
        if addOn {
            let lengths = [15: 13, 18: 13, 14: 12, 17: 12, 10: 8, 13: 8]
            guard let primaryLength = lengths[digits.count] else {
                return invalid(
                    .gtin,
                    .symbologyMismatch(
                        "\(symbology!) carries an EAN or UPC with a 2- or 5-digit add-on, not \(digits.count) characters"
                    ))
            }
            primary = digits.prefix(primaryLength)
            addOnDigits = digits.dropFirst(primaryLength)
            if let bad = addOnDigits!.firstIndex(where: { $0 < 48 || $0 > 57 }) {
                return invalid(
                    .gtin,
                    .identifier(.notDigits(kind: "EAN add-on", position: bad - digits.startIndex - primaryLength)))
            }
        }
        let isEAN8 = symbology?.modifier == UInt8(ascii: "4")
        guard isEAN8 ? primary.count == 8 : [8, 12, 13].contains(primary.count) else {
            return invalid(
                .gtin,
                .symbologyMismatch("\(symbology!) carries \(isEAN8 ? "8" : "8, 12 or 13") digits, not \(primary.count)")
            )
        }
        let gtin: GTIN
        do throws(IdentifierError) {
            gtin = try primary.count == 8 && !isEAN8 && !addOn ? upcE(primary) : eightDigits(primary, isEAN8: isEAN8)
        } catch {
            return invalid(.gtin, .identifier(error))
        }
        if let split {
            let gtinElement = GS1Element(
                ai: "01", value: gtin.gtin14, definitionIndex: GS1AIIndex.definition(forAI: "01")!)
            switch gs1Message((split + 4)..<input.count, after: gtinElement) {
            case .success(let message): return valid(.gs1, .gs1(message))
            case .failure(let error): return invalid(.gs1, .gs1(error))
            }
        }
        return product(gtin, addOn: addOnDigits.map { String(decoding: $0, as: UTF8.self) })
    }

    func upcE(_ digits: ArraySlice<UInt8>) throws(IdentifierError) -> GTIN {
        try GTIN(validating: UPCE.expand(digits))
    }

    /// Validates 8, 12 or 13 digits; 8 digits are an EAN-8, unless they are a valid UPC-E and `isEAN8` is not
    /// known: scanners without identifiers send both as 8 digits, and UPC-E starts with 0 or 1.
    func eightDigits(_ digits: ArraySlice<UInt8>, isEAN8: Bool) throws(IdentifierError) -> GTIN {
        if digits.count == 8 && !isEAN8, digits.first! <= UInt8(ascii: "1"), let expanded = try? UPCE.expand(digits) {
            return try GTIN(validating: expanded)
        }
        return try GTIN(validating: digits)
    }

    func interleaved2of5() -> ScanInterpretation {
        guard data.count == 14, data.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return plainData() }
        do throws(IdentifierError) {
            return product(try GTIN(validating: data), addOn: nil)
        } catch {
            return invalid(.gtin, .identifier(error))
        }
    }

    /// A valid GTIN, or the restricted-circulation number it is, decoded with the national rules when configured.
    func product(_ gtin: GTIN, addOn: String?) -> ScanInterpretation {
        guard gtin.isRestrictedCirculation else { return valid(.gtin, .gtin(gtin, addOn: addOn)) }
        let prefix = gtin.value / 100_000_000_000
        guard let rules = interpreter.restrictedCirculationRules, gtin.format != .gtin8, prefix != 4 else {
            return valid(.restricted, .restricted(gtin, nil))
        }
        switch rules.decode(zeroPaddedDigits(gtin.value, width: 13)) {
        case .success(let reading): return valid(.restricted, .restricted(gtin, reading))
        case .failure(let error): return invalid(.restricted, .restricted(error))
        }
    }

    // MARK: Data without a GS1 symbology

    /// Data from a symbology that carries no GS1 structure (Code 39, plain Code 128, plain QR …).
    func plainData() -> ScanInterpretation {
        if TallyCode.hasTallyPrefix(data) { return tallyCode() }
        if let link = digitalLink() { return link }
        return text()
    }

    func tallyCode() -> ScanInterpretation {
        do throws(TallyCodeError) {
            return valid(.tally, .tally(try TallyCode(parsing: data)))
        } catch {
            return invalid(.tally, .tally(error))
        }
    }

    /// A GS1 Digital Link URI, or nil when the data is no URI or a URI without a GS1 key (an ordinary web link).
    func digitalLink() -> ScanInterpretation? {
        // Every URI starts with h or H; checking that first keeps the copy below off the path of ordinary scans.
        guard data.first.map({ $0 | 0x20 == UInt8(ascii: "h") }) == true,
            DigitalLinkSyntax.pathNamesAKey(Array(data))
        else { return nil }
        do throws(GS1Error) {
            return valid(.gs1, .gs1(try GS1Message(digitalLinkURI: String(decoding: data, as: UTF8.self))))
        } catch {
            return invalid(.gs1, .gs1(error))
        }
    }

    func text() -> ScanInterpretation {
        for (offset, byte) in data.enumerated() where byte < 0x20 || byte == 0x7F {
            return invalid(.text, .unreadableByte(position: dataStart + offset))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let position = (1...data.count).first { String(validating: data.prefix($0), as: UTF8.self) == nil } ?? 1
            return invalid(.text, .unreadableByte(position: dataStart + position - 1))
        }
        return valid(.text, .text(text))
    }

    /// Data without a symbology identifier: decided by what it looks like.
    func unidentified() -> ScanInterpretation {
        if TallyCode.hasTallyPrefix(input) { return tallyCode() }
        if let link = digitalLink() { return link }
        if input.count > 2, input[0] == UInt8(ascii: "("), (48...57).contains(input[1]) {
            do throws(GS1Error) {
                return valid(.gs1, .gs1(try GS1Message(humanReadable: String(decoding: input, as: UTF8.self))))
            } catch {
                return invalid(.gs1, .gs1(error))
            }
        }
        if input.contains(GS1Message.groupSeparator) { return elementStrings() }
        let allDigits = input.allSatisfy { $0 >= 48 && $0 <= 57 }
        if allDigits && GTIN.lengths.contains(input.count) {
            do throws(IdentifierError) {
                return product(try eightDigits(input[...], isEAN8: false), addOn: nil)
            } catch {
                return invalid(.gtin, .identifier(error))
            }
        }
        return elementStringsOrText()
    }

    /// GS1 element strings that arrived without identifier and without separators (a GS1-128 whose FNC1 the scanner
    /// dropped), or text. Data counts as GS1 when it parses completely, or when it starts with a GS1 key such as
    /// (01) whose value has the right length, so that a damaged GS1 code is refused with its reason instead of
    /// being read as text.
    func elementStringsOrText() -> ScanInterpretation {
        let error: GS1Error
        switch gs1Message(0..<input.count) {
        case .success(let message): return valid(.gs1, .gs1(message))
        case .failure(let failure): error = failure
        }
        guard let (index, aiLength, _) = GS1AIIndex.lookup(input, at: 0, end: input.count) else { return text() }
        let definition = GS1AIDefinition.all[index]
        let startsWithKey =
            definition.digitalLinkQualifiers != nil && definition.predefinedLength
            && input.count - aiLength >= definition.maxLength
            && input[aiLength..<(aiLength + definition.maxLength)].allSatisfy { $0 >= 48 && $0 <= 57 }
        return startsWithKey ? invalid(.gs1, .gs1(error)) : text()
    }
}
