/// Which input device a configured scanner is: how a technician names it in the station's configuration.
///
/// Event node numbers (`event3`) change with the order devices are found, so a path is the least stable choice;
/// a `/dev/input/by-id` link or the USB vendor and product ids survive replugging into another port.
public enum ScannerMatch: Hashable, Sendable, CustomStringConvertible {
    /// An event node (`/dev/input/event3`) or any link to one (`/dev/input/by-id/usb-…-event-kbd`), resolved
    /// afresh every time devices are looked at, since the link's target changes on replug.
    case path(String)
    /// Every keyboard event node of the USB device with these ids (a scanner may expose several interfaces).
    case usb(vendor: UInt16, product: UInt16)
    /// Devices whose name matches a shell pattern (`*Barcode*`), ignoring case.
    case name(pattern: String)

    /// Reads the configuration's form: an absolute path, `usb:VVVV:PPPP` (hexadecimal ids, as `lsusb` shows
    /// them) or `name:PATTERN`.
    public init(parsing text: String) throws(ScannerMatchError) {
        if text.hasPrefix("/") {
            guard !text.contains("\0") else { throw ScannerMatchError(text: text) }
            self = .path(text)
        } else if text.hasPrefix("usb:") {
            let ids = text.dropFirst(4).split(separator: ":", omittingEmptySubsequences: false)
            guard ids.count == 2, ids.allSatisfy({ $0.count == 4 }),
                let vendor = UInt16(ids[0], radix: 16), let product = UInt16(ids[1], radix: 16)
            else { throw ScannerMatchError(text: text) }
            self = .usb(vendor: vendor, product: product)
        } else if text.hasPrefix("name:") {
            let pattern = String(text.dropFirst(5))
            guard !pattern.isEmpty, !pattern.contains("\0") else { throw ScannerMatchError(text: text) }
            self = .name(pattern: pattern)
        } else {
            throw ScannerMatchError(text: text)
        }
    }

    public var description: String {
        switch self {
        case .path(let path): path
        case .usb(let vendor, let product): "usb:\(Self.hex(vendor)):\(Self.hex(product))"
        case .name(let pattern): "name:\(pattern)"
        }
    }

    static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}

/// A scanner's device given in a form ``ScannerMatch`` does not know.
public struct ScannerMatchError: Error, Hashable, Sendable, CustomStringConvertible {
    public let text: String

    public var description: String {
        "\"\(text)\" names no input device: use a path such as /dev/input/by-id/usb-…-event-kbd, "
            + "usb:VVVV:PPPP with the USB vendor and product ids in hexadecimal (as lsusb shows them), "
            + "or name:PATTERN with a shell pattern for the device's name, such as name:*Barcode*"
    }
}
