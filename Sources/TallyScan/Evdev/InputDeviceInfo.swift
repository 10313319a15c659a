import Glibc

/// What the kernel tells about an input device: its node, name and ids, read from sysfs without opening it, so
/// devices can be matched (and a scanner without read permission named) before the node can be read.
public struct InputDeviceInfo: Hashable, Sendable, CustomStringConvertible {
    /// The event node, such as `/dev/input/event7`.
    public var path: String
    public var name: String
    public var vendor: UInt16
    public var product: UInt16
    /// `BUS_USB` (3), `BUS_BLUETOOTH` (5), `BUS_VIRTUAL` (6)…
    public var bus: UInt16
    /// Where the device is plugged in (`usb-0000:00:14.0-2/input0`), or empty.
    public var physical: String
    /// The device's serial number, or empty.
    public var serial: String

    public init(
        path: String, name: String, vendor: UInt16 = 0, product: UInt16 = 0, bus: UInt16 = 0, physical: String = "",
        serial: String = ""
    ) {
        self.path = path
        self.name = name
        self.vendor = vendor
        self.product = product
        self.bus = bus
        self.physical = physical
        self.serial = serial
    }

    public var description: String {
        "\(path) \"\(name)\" usb:\(ScannerMatch.hex(vendor)):\(ScannerMatch.hex(product))"
    }

    /// Reads the device behind event node `path` from `sysfs` (`/sys/class/input`); nil when sysfs does not
    /// know it (the node vanished, or sysfs is not mounted).
    static func read(path: String, sysfs: String) -> InputDeviceInfo? {
        let node = path.split(separator: "/").last.map(String.init) ?? path
        let base = "\(sysfs)/\(node)/device"
        guard let name = readLine(at: "\(base)/name") else { return nil }
        func id(_ file: String) -> UInt16 { readLine(at: "\(base)/id/\(file)").flatMap { UInt16($0, radix: 16) } ?? 0 }
        return InputDeviceInfo(
            path: path, name: name, vendor: id("vendor"), product: id("product"), bus: id("bustype"),
            physical: readLine(at: "\(base)/phys") ?? "", serial: readLine(at: "\(base)/uniq") ?? "")
    }

    /// The first line of a small text file, without its newline.
    static func readLine(at path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard count >= 0 else { return nil }
        let text = buffer[..<count].prefix { $0 != UInt8(ascii: "\n") }
        return String(decoding: text, as: UTF8.self)
    }

    /// glibc's `FNM_CASEFOLD`, which Swift does not see because it is a GNU extension.
    static let caseFold: Int32 = 1 << 4

    /// Whether this device is the one `match` names. `resolved` is the real path of a configured path or link.
    func matches(_ match: ScannerMatch, resolvedPath: (String) -> String?) -> Bool {
        switch match {
        case .path(let configured): return resolvedPath(configured) == path
        case .usb(let vendorID, let productID): return vendor == vendorID && product == productID
        case .name(let pattern): return fnmatch(pattern, name, Self.caseFold) == 0
        }
    }
}
