/// How large an image may be before the decoder refuses it.
///
/// Both limits are checked before anything is decompressed: the file size first, then the width and height that
/// the PNG or JPEG header announces. A small file that claims a huge image (a decompression bomb) is refused
/// without allocating its pixels.
public struct ImageLimits: Sendable, Hashable {
    /// The largest encoded file accepted, in bytes.
    public var maxFileBytes: Int
    /// The largest image accepted, as width × height.
    public var maxPixels: Int

    /// Creates limits.
    public init(maxFileBytes: Int, maxPixels: Int) {
        self.maxFileBytes = maxFileBytes
        self.maxPixels = maxPixels
    }

    /// 32 MiB files and 40 megapixels: any phone photo or document scan, far below what would strain a station.
    public static let standard = ImageLimits(maxFileBytes: 32 << 20, maxPixels: 40_000_000)
}
