extension ScanInterpretation {
    /// The interpretation as one line of JSON, as `tallyctl parse` prints it:
    ///
    ///     {"input": "...", "valid": true, "symbology": "]C1", "kind": "gs1", "gtin": "...", "ais": [...],
    ///      "hri": "(01)...", "price": {"minor": 1234, "currency": "EUR"}, "weight_grams": 1234}
    ///
    /// `error` appears only when `valid` is false, and each other field only when the scan has it.
    public func jsonLine(localCurrency: Currency?, referenceYear: Int) -> String {
        var json = JSONObjectWriter()
        json.string("input", String(decoding: input, as: UTF8.self))
        json.bool("valid", isValid)
        json.string("error", error?.description)
        json.string("symbology", symbology?.description)
        json.string("kind", kind.rawValue)
        json.string("gtin", gtin?.gtin14)
        switch content {
        case .gtin(let gtin, let addOn):
            json.string("format", gtin.format.rawValue)
            json.string("addon", addOn)
            json.string("isbn", gtin.isbn13)
            json.string("issn", gtin.issn)
        case .gs1(let message):
            json.raw("ais", JSONObjectWriter.array(message.elements.map { $0.json(referenceYear: referenceYear) }))
            json.string("hri", message.humanReadable)
        case .restricted(let gtin, let reading):
            json.raw("restricted", ScanInterpretation.restrictedJSON(gtin, reading))
        case .tally(let code):
            json.raw("tally", code.json)
        case .text, nil:
            break
        }
        if let price = price(localCurrency: localCurrency) {
            var money = JSONObjectWriter()
            money.integer("minor", price.minorUnits)
            money.string("currency", price.currency.code)
            json.raw("price", money.finished())
        }
        json.integer("weight_grams", weightGrams)
        return json.finished()
    }

    static func restrictedJSON(_ gtin: GTIN, _ reading: RestrictedCirculationReading?) -> String {
        var json = JSONObjectWriter()
        let digits = gtin.format == .gtin8 ? gtin.shortestForm : String(gtin.gtin14.dropFirst())
        json.string("prefix", String(digits.prefix(gtin.format == .gtin8 ? 1 : 2)))
        switch reading {
        case .variableMeasure(let item):
            json.string("layout", item.layout.pattern)
            json.string("item_reference", item.itemReference)
            json.string("lookup_gtin", item.lookupGTIN)
            if case .count(let count) = item.value { json.integer("count", Int64(count)) }
            if case .weight(let weight) = item.value, weight.wholeGrams == nil {
                // Pounds and ounces are not whole grams: the exact figure is given, never a rounded one.
                json.string("weight_exact_grams", weight.exactGrams.description)
            }
        case .restrictedWithoutLayout(let detail):
            json.string("note", detail.description)
        case .notRestricted:
            json.string("note", "a number for use within one company")
        case nil:
            json.string("note", "no national layout is configured for price and weight codes")
        }
        return json.finished()
    }
}

extension GS1Element {
    /// The element as JSON: AI, value, title and what the value means (a date, a decimal with its unit, a currency).
    func json(referenceYear: Int) -> String {
        var json = JSONObjectWriter()
        json.string("ai", ai)
        json.string("value", value)
        json.string("title", definition.title)
        json.string("date", date(referenceYear: referenceYear)?.description)
        json.string("decimal", decimalText)
        json.string("unit", measureUnit)
        json.string("currency", currency?.code)
        return json.finished()
    }
}

extension TallyCode {
    var json: String {
        var json = JSONObjectWriter()
        switch self {
        case .receipt(let station, let number):
            json.string("type", "receipt")
            json.string("station", station)
            json.integer("number", number)
        case .location(let location):
            json.string("type", "location")
            json.string("location", location)
        case .purchaseOrder(let number):
            json.string("type", "purchase_order")
            json.string("number", number)
        case .control(let command):
            json.string("type", "control")
            switch command {
            case .mode(let mode):
                json.string("command", "mode")
                json.string("mode", mode.rawValue)
            case .quantity(let count):
                json.string("command", "quantity")
                json.integer("quantity", count)
            case .voidLine: json.string("command", "void_line")
            case .voidBasket: json.string("command", "void_basket")
            case .done: json.string("command", "done")
            case .cancel: json.string("command", "cancel")
            case .damaged: json.string("command", "damaged")
            case .tender(let kind):
                json.string("command", "tender")
                json.string("tender", kind.rawValue)
            }
        }
        return json.finished()
    }
}
