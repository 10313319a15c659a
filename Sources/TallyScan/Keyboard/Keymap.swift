import CXKBCommon

/// A compiled XKB keymap of one layout (rules `evdev`, model `pc105`), with what the decoder and the typist read
/// from it: which keys are modifiers, and which key and modifiers type each character.
///
/// Compiling takes milliseconds, so keymaps are compiled once per layout and shared. A keymap is immutable once
/// compiled (libxkbcommon's documented contract), so any number of decoders read it; each decoder has its own
/// `xkb_state`.
public final class Keymap: @unchecked Sendable, CustomStringConvertible {
    /// What pressing a modifier key does, found by pressing it on a fresh state of this keymap.
    struct ModifierKey: Sendable, Hashable {
        /// Modifiers held while the key is down (Shift, Control, Alt, AltGr's level three).
        var depressed: UInt32
        /// Modifiers the key toggles (Caps Lock, Num Lock).
        var locks: UInt32
    }

    /// The key and modifiers that type one character.
    struct KeyStroke: Sendable, Hashable {
        var code: UInt16
        var shift: Bool
        var levelThree: Bool
    }

    public let layout: KeyboardLayout
    /// `struct xkb_keymap *`; never freed, as the cache keeps every keymap for the process's life.
    let pointer: OpaquePointer
    let modifierKeys: [UInt16: ModifierKey]
    let shiftMask: UInt32
    let lockMask: UInt32
    let controlMask: UInt32
    let altMask: UInt32
    let numLockMask: UInt32
    /// The modifiers AltGr (right Alt) sets when this layout has a third level there; 0 when it has none.
    let levelThreeMask: UInt32
    /// Characters by the key that types them, preferring the main block and the fewest modifiers.
    let strokes: [Unicode.Scalar: KeyStroke]
    /// Dead keys by keysym.
    let deadStrokes: [UInt32: KeyStroke]

    public var description: String { "keymap \(layout)" }

    /// The keymap of a layout, compiled on first use and cached for the process.
    public static func compile(_ layout: KeyboardLayout) throws(KeyboardLayoutError) -> Keymap {
        let result: Result<Keymap, KeyboardLayoutError> = XKBLibrary.shared.withLock { shared in
            if let keymap = shared.keymaps[layout] { return .success(keymap) }
            guard let context = shared.context else { return .failure(.compileFailed(layout.description)) }
            let pointer = layout.name.withCString { name in
                (layout.variant ?? "").withCString { variant in
                    "evdev".withCString { rules in
                        "pc105".withCString { model in
                            "".withCString { options in
                                var names = xkb_rule_names(
                                    rules: rules, model: model, layout: name, variant: variant, options: options)
                                return xkb_keymap_new_from_names(context, &names, XKB_KEYMAP_COMPILE_NO_FLAGS)
                            }
                        }
                    }
                }
            }
            guard let pointer else { return .failure(.compileFailed(layout.description)) }
            let keymap = Keymap(layout: layout, pointer: pointer)
            shared.keymaps[layout] = keymap
            return .success(keymap)
        }
        return try result.get()
    }

    /// Reads the keymap; called with the library lock held (it makes and frees probe states).
    private init(layout: KeyboardLayout, pointer: OpaquePointer) {
        self.layout = layout
        self.pointer = pointer
        func mask(_ name: String) -> UInt32 {
            let index = xkb_keymap_mod_get_index(pointer, name)
            return index == XKB_MOD_INVALID ? 0 : 1 << index
        }
        shiftMask = mask(XKB_MOD_NAME_SHIFT)
        lockMask = mask(XKB_MOD_NAME_CAPS)
        controlMask = mask(XKB_MOD_NAME_CTRL)
        altMask = mask(XKB_MOD_NAME_ALT)
        numLockMask = mask(XKB_MOD_NAME_NUM)

        let modifierKeys = Self.probeModifierKeys(pointer)
        self.modifierKeys = modifierKeys
        let rightAlt = modifierKeys[KeyCode.rightAlt]?.depressed ?? 0
        let levelThree = rightAlt & ~(shiftMask | controlMask | altMask | lockMask | numLockMask) == 0 ? 0 : rightAlt
        levelThreeMask = levelThree
        (strokes, deadStrokes) = Self.strokes(pointer, shift: shiftMask, levelThree: levelThree)
    }

    /// Presses each key on a fresh state to see which keys are modifiers and what they do. This is the
    /// keymap's own answer, so a layout where right Alt is AltGr and one where it is Alt both come out right.
    private static func probeModifierKeys(_ keymap: OpaquePointer) -> [UInt16: ModifierKey] {
        var keys: [UInt16: ModifierKey] = [:]
        let minimum = max(xkb_keymap_min_keycode(keymap), 8)
        let maximum = xkb_keymap_max_keycode(keymap)
        guard minimum <= maximum, let state = xkb_state_new(keymap) else { return keys }
        defer { xkb_state_unref(state) }
        for keycode in minimum...maximum {
            xkb_state_update_mask(state, 0, 0, 0, 0, 0, 0)
            let changed = xkb_state_update_key(state, keycode, XKB_KEY_DOWN)
            guard changed.rawValue != 0 else { continue }
            let depressed = xkb_state_serialize_mods(state, XKB_STATE_MODS_DEPRESSED)
            let latched = xkb_state_serialize_mods(state, XKB_STATE_MODS_LATCHED)
            let locked = xkb_state_serialize_mods(state, XKB_STATE_MODS_LOCKED)
            xkb_state_update_key(state, keycode, XKB_KEY_UP)
            guard depressed | latched | locked != 0 else { continue }
            // A lock key also holds its modifier while down; what counts is the toggle.
            keys[UInt16(keycode - 8)] =
                locked != 0
                ? ModifierKey(depressed: 0, locks: locked) : ModifierKey(depressed: depressed | latched, locks: 0)
        }
        return keys
    }

    /// Every character of layout 0 (the configured one), at every level reachable with Shift and AltGr.
    private static func strokes(
        _ keymap: OpaquePointer, shift: UInt32, levelThree: UInt32
    ) -> (
        [Unicode.Scalar: KeyStroke], [UInt32: KeyStroke]
    ) {
        // Modifier sets the typist can hold, in order of preference.
        var reachable: [(mask: UInt32, stroke: (shift: Bool, levelThree: Bool))] = [(0, (false, false))]
        reachable.append((shift, (true, false)))
        if levelThree != 0 {
            reachable.append((levelThree, (false, true)))
            reachable.append((shift | levelThree, (true, true)))
        }
        var best: [Unicode.Scalar: (rank: Int, stroke: KeyStroke)] = [:]
        var bestDead: [UInt32: (rank: Int, stroke: KeyStroke)] = [:]
        let minimum = max(xkb_keymap_min_keycode(keymap), 8)
        let maximum = min(xkb_keymap_max_keycode(keymap), 255 + 8)
        guard minimum <= maximum else { return ([:], [:]) }
        var masks = [xkb_mod_mask_t](repeating: 0, count: 16)
        for keycode in minimum...maximum {
            let code = UInt16(keycode - 8)
            for level in 0..<xkb_keymap_num_levels_for_key(keymap, keycode, 0) {
                var syms: UnsafePointer<xkb_keysym_t>? = nil
                guard xkb_keymap_key_get_syms_by_level(keymap, keycode, 0, level, &syms) == 1, let syms else {
                    continue
                }
                let keysym = syms[0]
                let count = xkb_keymap_key_get_mods_for_level(keymap, keycode, 0, level, &masks, masks.count)
                let found = masks.prefix(count).compactMap { mask in reachable.firstIndex { $0.mask == mask } }.min()
                guard let choice = found else { continue }
                let stroke = KeyStroke(
                    code: code, shift: reachable[choice].stroke.shift, levelThree: reachable[choice].stroke.levelThree)
                let rank = (KeyCode.isKeypad(code) ? 100 : 0) + choice
                if DeadKey.isDead(keysym) {
                    if bestDead[keysym].map({ rank < $0.rank }) ?? true { bestDead[keysym] = (rank, stroke) }
                    continue
                }
                let value = xkb_keysym_to_utf32(keysym)
                guard value != 0, let scalar = Unicode.Scalar(value) else { continue }
                if best[scalar].map({ rank < $0.rank }) ?? true { best[scalar] = (rank, stroke) }
            }
        }
        return (best.mapValues(\.stroke), bestDead.mapValues(\.stroke))
    }

    /// The character a key types at level one (or two, `shifted`), as the US layout's position tells Ctrl+key
    /// control characters.
    func character(code: UInt16, shifted: Bool) -> Unicode.Scalar? {
        var syms: UnsafePointer<xkb_keysym_t>? = nil
        let keycode = UInt32(code) + 8
        guard xkb_keymap_key_get_syms_by_level(pointer, keycode, 0, shifted ? 1 : 0, &syms) == 1, let syms else {
            return nil
        }
        return Unicode.Scalar(xkb_keysym_to_utf32(syms[0]))
    }

    /// A new state of this keymap; freed with ``releaseState(_:)``. Both take the library lock, as they change
    /// the keymap's reference count.
    func makeState() -> OpaquePointer? {
        XKBLibrary.shared.withLock { _ in xkb_state_new(pointer) }
    }

    func releaseState(_ state: OpaquePointer) {
        XKBLibrary.shared.withLock { _ in xkb_state_unref(state) }
    }
}
