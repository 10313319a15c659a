/// Why an image could not be read. Every failure of the decoder is one of these; none of them crashes.
public enum ImageDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadableFile(path: String, reason: String)
    /// The file holds no bytes at all.
    case empty
    /// The file is larger than ``ImageLimits/maxFileBytes``.
    case fileTooLarge(bytes: Int, limit: Int)
    /// The header announces more pixels than ``ImageLimits/maxPixels``.
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// The bytes are neither PNG nor JPEG.
    case unsupportedFormat
    /// The PNG or JPEG is damaged or cut short; `reason` is the image library's own message.
    case corrupt(format: String, reason: String)
    /// Grayscale pixels handed to the decoder do not match the size given with them.
    case invalidPixelBuffer(width: Int, height: Int, bytes: Int)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason): "cannot read \(path): \(reason)"
        case .empty: "the file is empty"
        case .fileTooLarge(let bytes, let limit): "the file has \(bytes) bytes, more than the limit of \(limit)"
        case .tooManyPixels(let width, let height, let limit):
            "the image is \(width)×\(height) pixels, more than the limit of \(limit) pixels"
        case .unsupportedFormat: "not a PNG or JPEG image"
        case .corrupt(let format, let reason): "corrupt or truncated \(format) image: \(reason)"
        case .invalidPixelBuffer(let width, let height, let bytes):
            "\(bytes) bytes of pixels do not make a \(width)×\(height) grayscale image"
        }
    }
}
