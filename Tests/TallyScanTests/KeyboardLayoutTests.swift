import Testing

@testable import TallyScan

/// The layouts Tally ships and tests: the keyboard countries scanners are set to in its markets.
let shippedLayouts = ["us", "gb", "de", "fr", "ch", "es", "it", "se", "no", "dk", "fi", "cz"]

@Suite("Keyboard layouts")
struct KeyboardLayoutTests {
    @Test(
        arguments: [
            ("de", "de", nil),
            (" ch ", "ch", nil),
            ("cz(qwerty)", "cz", "qwerty"),
            ("fr(azerty)", "fr", "azerty"),
            ("de()", nil, nil),
        ] as [(String, String?, String?)])
    func aLayoutIsANameAndAnOptionalVariant(spec: String, name: String?, variant: String?) throws {
        guard let name else {
            #expect(throws: KeyboardLayoutError.self) { try KeyboardLayout(spec) }
            return
        }
        let layout = try KeyboardLayout(spec)
        #expect(layout.name == name)
        #expect(layout.variant == variant)
        #expect(layout.description == (variant.map { "\(name)(\($0))" } ?? name))
        #expect(try KeyboardLayout(layout.description) == layout)
    }

    @Test func aSeparateVariantFieldIsTheSameLayout() throws {
        #expect(try KeyboardLayout(name: "cz", variant: "qwerty") == KeyboardLayout("cz(qwerty)"))
        #expect(try KeyboardLayout(name: "de", variant: "") == KeyboardLayout("de"))
        #expect(try KeyboardLayout("us") == .us)
    }

    @Test(arguments: [
        ("xx", "unknown keyboard layout \"xx\""),
        ("german", "unknown keyboard layout \"german\""),
        ("de(azerty)", "keyboard layout \"de\" has no variant \"azerty\"; it has basic, deadtilde"),
        ("", "the layout name is empty"),
        ("../de", "a layout name has only letters"),
        ("de(no dead)", "a variant name has only letters"),
        ("cz(qwerty", "a variant is written in parentheses"),
    ])
    func anUnknownLayoutIsNamedInTheError(spec: String, message: String) {
        let error = #expect(throws: KeyboardLayoutError.self) { try KeyboardLayout(spec) }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    @Test(arguments: shippedLayouts)
    func everyShippedLayoutCompilesOnceAndIsShared(name: String) throws {
        let layout = try KeyboardLayout(name)
        let keymap = try Keymap.compile(layout)
        #expect(try Keymap.compile(layout) === keymap)
        #expect(keymap.shiftMask != 0 && keymap.controlMask != 0 && keymap.altMask != 0)
        #expect(keymap.modifierKeys[KeyCode.leftShift]?.depressed == keymap.shiftMask)
        #expect(keymap.modifierKeys[58]?.locks == keymap.lockMask)  // Caps Lock
        #expect(keymap.modifierKeys[69]?.locks == keymap.numLockMask)  // Num Lock
        // Every layout but US has AltGr on the right Alt key.
        #expect((keymap.levelThreeMask != 0) == (name != "us"))
    }

    @Test func variantsChangeTheKeymap() throws {
        let basic = try Keymap.compile(KeyboardLayout("cz"))
        let qwerty = try Keymap.compile(KeyboardLayout("cz(qwerty)"))
        #expect(basic.strokes["z"]?.code == 21)  // QWERTZ: Z where US has Y
        #expect(qwerty.strokes["z"]?.code == 44)
    }

    @Test func symbolSectionsAreReadFromTheSymbolsFile() {
        let text = """
            default partial alphanumeric_keys
            xkb_symbols "basic" {
            };
            xkb_symbols
                "dsb" {
            };
            """
        #expect(KeyboardLayout.symbolSections(text) == ["basic", "dsb"])
    }
}
