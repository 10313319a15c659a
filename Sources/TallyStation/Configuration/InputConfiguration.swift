import TallyImage
import TallyScan

/// Barcode images a station reads: files dropped into a folder (a phone or document scanner saving there) and
/// images posted to the local API, checked against the same limits.
public struct ImageInputConfiguration: Hashable, Sendable {
    /// A folder watched for new PNG and JPEG files; nil when the station watches none.
    public var watchFolder: String?
    /// The lane that images without a lane of their own (the watched folder's) go to.
    public var lane: String
    public var limits: ImageLimits

    public init(watchFolder: String? = nil, lane: String, limits: ImageLimits = .standard) {
        self.watchFolder = watchFolder
        self.lane = lane
        self.limits = limits
    }
}

/// A camera read continuously through zbar's V4L2 video support.
public struct CameraConfiguration: Hashable, Sendable {
    /// The video device, such as `/dev/video0`.
    public var device: String
    public var lane: String
    /// How long the same code in view counts as one scan, in milliseconds: a label held under the camera is read
    /// in many frames but sold once.
    public var holdMilliseconds: Int

    public init(device: String, lane: String, holdMilliseconds: Int = 1500) {
        self.device = device
        self.lane = lane
        self.holdMilliseconds = holdMilliseconds
    }
}
