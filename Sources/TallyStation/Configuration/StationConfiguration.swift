import TallyConfiguration
import TallyCore
import TallyScan

/// Everything a station is told by its operator: who it is, where it keeps its data, how it sells, its lanes
/// and printers. Read from `Config/station.yaml` with environment overrides (``init(reader:)``), or built in
/// code by tests.
public struct StationConfiguration: Sendable {
    /// The station's code: printed on receipts and carried in receipt barcodes; `A`–`Z`, `0`–`9`, 1 to 12.
    public var stationCode: String
    /// The folder that holds the station's database (`station.sqlite`) and nothing else of importance.
    public var stateDirectory: String
    /// ISO 3166 alpha-2 code: chooses the national price and weight barcode layouts and the cash rounding.
    public var country: String
    public var currency: Currency
    /// An IANA time zone such as `Europe/Berlin`, for the times printed on receipts and reports.
    public var timeZone: String
    public var shop: ShopDetails
    public var api: APIConfiguration
    /// How the station sells. Read from a file, its `unknownItemTaxClass` is nil: the daemon sets it to the
    /// catalog's standard class.
    public var sale: SaleRules
    /// The cash in the drawer when a till opens its day, counted against at the close; zero when the day
    /// starts with an empty drawer.
    public var openingFloat: Money
    /// Location codes the ledger books sales and returns against.
    public var sellableLocation: String
    public var damagedLocation: String
    /// At least one; lane ids are unique.
    public var lanes: [LaneConfiguration]
    public var operators: [OperatorConfiguration]
    /// Keyboard-wedge scanners and keyboards read through evdev, each feeding one lane.
    public var scanners: [ScannerConfiguration]
    /// Images: limits for every image, and the watched folder, if any.
    public var images: ImageInputConfiguration
    public var camera: CameraConfiguration?
    public var sync: SyncConfiguration
    /// When counts ask for a recount, and what counts as a double scan.
    public var count: CountRules
    /// The log level: trace, debug, info, notice, warning, error or critical.
    public var logLevel: String

    public init(
        stationCode: String, stateDirectory: String, country: String, currency: Currency, timeZone: String = "UTC",
        shop: ShopDetails, api: APIConfiguration = .init(), sale: SaleRules, openingFloat: Money? = nil,
        sellableLocation: String = "SHOP", damagedLocation: String = "DAMAGED", lanes: [LaneConfiguration],
        operators: [OperatorConfiguration] = [], scanners: [ScannerConfiguration] = [],
        images: ImageInputConfiguration? = nil, camera: CameraConfiguration? = nil, sync: SyncConfiguration = .init(),
        count: CountRules = .init(), logLevel: String = "info"
    ) {
        self.stationCode = stationCode
        self.stateDirectory = stateDirectory
        self.country = country
        self.currency = currency
        self.timeZone = timeZone
        self.shop = shop
        self.api = api
        self.sale = sale
        self.openingFloat = openingFloat ?? .zero(currency)
        self.sellableLocation = sellableLocation
        self.damagedLocation = damagedLocation
        self.lanes = lanes
        self.operators = operators
        self.scanners = scanners
        self.images = images ?? ImageInputConfiguration(lane: lanes.first?.id ?? "till")
        self.camera = camera
        self.sync = sync
        self.count = count
        self.logLevel = logLevel
    }
}

/// The shop as its receipts name it.
public struct ShopDetails: Hashable, Sendable {
    public var name: String
    public var addressLines: [String]
    /// A VAT or sales-tax registration number, printed when present.
    public var taxID: String?
    public var receiptFooter: [String]

    public init(name: String, addressLines: [String] = [], taxID: String? = nil, receiptFooter: [String] = []) {
        self.name = name
        self.addressLines = addressLines
        self.taxID = taxID
        self.receiptFooter = receiptFooter
    }
}

/// Where the local HTTP API listens: loopback only, unless an operator deliberately says otherwise.
public struct APIConfiguration: Hashable, Sendable {
    public var host: String
    /// 0 picks a free port (tests), which the daemon logs and writes to `<stateDirectory>/api-port`.
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8417) {
        self.host = host
        self.port = port
    }
}

/// A lane: one workflow with its own basket, scanners and printer. A till is one lane; a PC at a dock with a
/// till beside it runs two.
public struct LaneConfiguration: Hashable, Sendable {
    /// `a`–`z`, `0`–`9`, `-`, `_`; 1 to 32.
    public var id: String
    /// The workflow the lane starts in.
    public var mode: WorkflowMode
    public var printer: PrinterConfiguration?

    public init(id: String, mode: WorkflowMode = .sale, printer: PrinterConfiguration? = nil) {
        self.id = id
        self.mode = mode
        self.printer = printer
    }
}

/// A receipt printer speaking ESC/POS.
public struct PrinterConfiguration: Hashable, Sendable {
    public enum Connection: Hashable, Sendable {
        /// A character device such as `/dev/usb/lp0`, or any file.
        case device(path: String)
        /// A network printer's raw port, usually 9100.
        case tcp(host: String, port: Int)
    }

    public var connection: Connection
    public var paper: PaperWidth

    public init(connection: Connection, paper: PaperWidth = .mm80) {
        self.connection = connection
        self.paper = paper
    }
}

/// An operator known to the station until users arrive from central: who they are, their role, and a hash
/// of their PIN.
public struct OperatorConfiguration: Hashable, Sendable {
    public var id: String
    public var name: String
    public var role: String
    /// `sha256:<salt hex>:<digest hex>` of the PIN, as `tallyctl hash-pin` prints it.
    public var pinHash: String

    public init(id: String, name: String, role: String, pinHash: String) {
        self.id = id
        self.name = name
        self.role = role
        self.pinHash = pinHash
    }
}
