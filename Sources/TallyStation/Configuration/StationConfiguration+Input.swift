import TallyConfiguration
import TallyImage
import TallyScan

extension StationConfiguration {
    /// `scanners: [front, …]` and `scanner.<id>.…`: each scanner's device, lane and how its keys are read.
    static func readScanners(
        _ values: ConfigurationValues, lanes: [String]
    ) throws(StationConfigurationError) -> [ScannerConfiguration] {
        let ids = try values.list("scanners") ?? []
        try requireUniqueIdentifiers(ids, key: "scanners", kind: "scanner")
        var scanners: [ScannerConfiguration] = []
        for id in ids {
            let prefix = "scanner.\(id)"
            let deviceText = try values.required(
                "\(prefix).device",
                needs: "the scanner's device: usb:VVVV:PPPP, name:PATTERN or a path under /dev/input/by-id")
            let match: ScannerMatch
            do {
                match = try ScannerMatch(parsing: deviceText)
            } catch {
                throw .invalidValue(key: "\(prefix).device", value: deviceText, rule: "is not usable: \(error)")
            }
            let lane = try laneReference(values, key: "\(prefix).lane", lanes: lanes)
            let layoutText = try values.optional("\(prefix).layout") ?? "us"
            let layout: KeyboardLayout
            do {
                layout = try KeyboardLayout(layoutText)
            } catch {
                throw .invalidValue(key: "\(prefix).layout", value: layoutText, rule: "\(error)")
            }
            var wedge = WedgeSettings(layout: layout)
            let roleText = try values.optional("\(prefix).role") ?? WedgeSettings.Role.scanner.rawValue
            guard let role = WedgeSettings.Role(rawValue: roleText) else {
                throw .invalidValue(
                    key: "\(prefix).role", value: roleText,
                    rule: "must be scanner (its input is barcodes) or keyboard (a keyboard whose typing controls "
                        + "the lane; scanner-speed bursts on it still count as scans)")
            }
            wedge.role = role
            wedge.prefix = try escapedBytes(values, key: "\(prefix).prefix") ?? wedge.prefix
            wedge.suffix = try escapedBytes(values, key: "\(prefix).suffix") ?? wedge.suffix
            if let names = try values.list("\(prefix).terminators") {
                var terminators: Set<WedgeSettings.Terminator> = []
                for name in names {
                    guard let terminator = WedgeSettings.Terminator(rawValue: name) else {
                        throw .invalidValue(
                            key: "\(prefix).terminators", value: name,
                            rule: "must be one of "
                                + WedgeSettings.Terminator.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    terminators.insert(terminator)
                }
                guard !terminators.isEmpty else {
                    throw .invalidValue(
                        key: "\(prefix).terminators", value: "",
                        rule: "must name at least one way a scan ends: enter, keypad-enter, tab or idle")
                }
                wedge.terminators = terminators
            }
            if let idle = try milliseconds(values, key: "\(prefix).idleTimeout", range: 5...5000) {
                wedge.idleTimeout = idle
            }
            if let gap = try milliseconds(values, key: "\(prefix).maxKeyGap", range: 1...1000) {
                wedge.maxKeyGap = gap
            }
            if let text = try values.optional("\(prefix).minScanKeys") {
                guard let keys = Int(text), (1...64).contains(keys) else {
                    throw .invalidValue(
                        key: "\(prefix).minScanKeys", value: text, rule: "must be a whole number from 1 to 64")
                }
                wedge.minScanKeys = keys
            }
            let grab = try flag(values, key: "\(prefix).grab") ?? true
            scanners.append(ScannerConfiguration(id: id, match: match, lane: lane, wedge: wedge, grab: grab))
        }
        return scanners
    }

    /// `images.…`: the limits every image is held to, and the folder watched for image files.
    static func readImages(
        _ values: ConfigurationValues, lanes: [String]
    ) throws(StationConfigurationError) -> ImageInputConfiguration {
        let folder = try values.optional("images.watchFolder")
        if let folder {
            guard folder.hasPrefix("/"), folder.count > 1, !folder.contains("\0") else {
                throw .invalidValue(
                    key: "images.watchFolder", value: folder,
                    rule: "must be the absolute path of a folder, such as /var/lib/tally/inbox")
            }
        }
        let lane =
            try values.optional("images.lane") == nil
            ? lanes[0] : try laneReference(values, key: "images.lane", lanes: lanes)
        var limits = ImageLimits.standard
        if let bytes = try values.wholeNumber("images.maxFileBytes", range: 1024...1_073_741_824) {
            limits.maxFileBytes = bytes
        }
        if let pixels = try values.wholeNumber("images.maxPixels", range: 1024...1_000_000_000) {
            limits.maxPixels = pixels
        }
        return ImageInputConfiguration(watchFolder: folder, lane: lane, limits: limits)
    }

    /// `camera.…`: a V4L2 camera read continuously, when `camera.device` is set.
    static func readCamera(
        _ values: ConfigurationValues, lanes: [String]
    ) throws(StationConfigurationError) -> CameraConfiguration? {
        guard let device = try values.optional("camera.device") else { return nil }
        guard device.hasPrefix("/"), device.count > 1, !device.contains("\0") else {
            throw .invalidValue(
                key: "camera.device", value: device, rule: "must be the path of a video device, such as /dev/video0")
        }
        let lane =
            try values.optional("camera.lane") == nil
            ? lanes[0] : try laneReference(values, key: "camera.lane", lanes: lanes)
        let hold = try values.wholeNumber("camera.holdTime", range: 0...60_000) ?? 1500
        return CameraConfiguration(device: device, lane: lane, holdMilliseconds: hold)
    }

    // MARK: - Values

    private static func laneReference(
        _ values: ConfigurationValues, key: String, lanes: [String]
    ) throws(StationConfigurationError) -> String {
        let lane = try values.required(
            key, needs: "the lane its input goes to, one of " + lanes.joined(separator: ", "))
        guard lanes.contains(lane) else {
            throw .invalidValue(
                key: key, value: lane, rule: "is not a lane of this station; lanes are " + lanes.joined(separator: ", ")
            )
        }
        return lane
    }

    /// Bytes written as text with `\xHH` escapes for control characters, as in replay files.
    private static func escapedBytes(
        _ values: ConfigurationValues, key: String
    ) throws(StationConfigurationError) -> [UInt8]? {
        guard let text = try values.optional(key) else { return nil }
        switch ScanLineSource.unescape(Array(text.utf8)) {
        case .success(let bytes): return bytes
        case .failure(let problem):
            throw .invalidValue(key: key, value: text, rule: "\(problem); write a control character as \\xHH")
        }
    }

    /// A duration in milliseconds, returned in microseconds.
    private static func milliseconds(
        _ values: ConfigurationValues, key: String, range: ClosedRange<Int>
    ) throws(StationConfigurationError) -> Int64? {
        try values.wholeNumber(key, range: range, unit: "milliseconds").map { Int64($0) * 1000 }
    }

    private static func flag(_ values: ConfigurationValues, key: String) throws(StationConfigurationError) -> Bool? {
        guard let text = try values.optional(key) else { return nil }
        switch text {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw .invalidValue(key: key, value: text, rule: "must be true or false")
        }
    }
}
