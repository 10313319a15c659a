#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An 8-bit grayscale image, row after row with no padding: the `Y800` format zbar and libdmtx read.
struct GrayImage: Sendable {
    var width: Int
    var height: Int
    var pixels: [UInt8]

    init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height)
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    init(width: Int, height: Int, filledWith value: UInt8) {
        self.init(width: width, height: height, pixels: [UInt8](repeating: value, count: width * height))
    }

    /// White bars on black become black bars on white.
    func inverted() -> GrayImage {
        GrayImage(width: width, height: height, pixels: pixels.map { 255 &- $0 })
    }

    /// Scaled by `factor` with bilinear interpolation (upscaling) or box averaging (downscaling).
    func scaled(by factor: Double) -> GrayImage {
        let newWidth = max(1, Int((Double(width) * factor).rounded()))
        let newHeight = max(1, Int((Double(height) * factor).rounded()))
        if factor < 1 { return boxDownscaled(width: newWidth, height: newHeight) }
        var out = [UInt8](repeating: 0, count: newWidth * newHeight)
        let xRatio = Double(width) / Double(newWidth)
        let yRatio = Double(height) / Double(newHeight)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<newHeight {
                    let sy = max(0, (Double(y) + 0.5) * yRatio - 0.5)
                    let y0 = min(Int(sy), height - 1)
                    let y1 = min(y0 + 1, height - 1)
                    let fy = sy - Double(y0)
                    for x in 0..<newWidth {
                        let sx = max(0, (Double(x) + 0.5) * xRatio - 0.5)
                        let x0 = min(Int(sx), width - 1)
                        let x1 = min(x0 + 1, width - 1)
                        let fx = sx - Double(x0)
                        let top = Double(src[y0 * width + x0]) * (1 - fx) + Double(src[y0 * width + x1]) * fx
                        let bottom = Double(src[y1 * width + x0]) * (1 - fx) + Double(src[y1 * width + x1]) * fx
                        dst[y * newWidth + x] = UInt8(min(255, max(0, top * (1 - fy) + bottom * fy + 0.5)))
                    }
                }
            }
        }
        return GrayImage(width: newWidth, height: newHeight, pixels: out)
    }

    private func boxDownscaled(width newWidth: Int, height newHeight: Int) -> GrayImage {
        var out = [UInt8](repeating: 0, count: newWidth * newHeight)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<newHeight {
                    let y0 = y * height / newHeight
                    let y1 = max(y0 + 1, (y + 1) * height / newHeight)
                    for x in 0..<newWidth {
                        let x0 = x * width / newWidth
                        let x1 = max(x0 + 1, (x + 1) * width / newWidth)
                        var sum = 0
                        for sy in y0..<y1 {
                            for sx in x0..<x1 { sum += Int(src[sy * width + sx]) }
                        }
                        dst[y * newWidth + x] = UInt8(sum / ((y1 - y0) * (x1 - x0)))
                    }
                }
            }
        }
        return GrayImage(width: newWidth, height: newHeight, pixels: out)
    }

    /// Half the width and height, each pixel the mean of a 2×2 block.
    func halved() -> GrayImage {
        let newWidth = max(1, width / 2)
        let newHeight = max(1, height / 2)
        if width < 2 || height < 2 { return self }
        var out = [UInt8](repeating: 0, count: newWidth * newHeight)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<newHeight {
                    let top = 2 * y * width
                    let bottom = top + width
                    for x in 0..<newWidth {
                        let sum =
                            Int(src[top + 2 * x]) + Int(src[top + 2 * x + 1]) + Int(src[bottom + 2 * x])
                            + Int(src[bottom + 2 * x + 1])
                        dst[y * newWidth + x] = UInt8(truncatingIfNeeded: (sum + 2) >> 2)
                    }
                }
            }
        }
        return GrayImage(width: newWidth, height: newHeight, pixels: out)
    }

    /// Rotated by `degrees` counter-clockwise about the centre, on a canvas large enough for the whole image;
    /// the corners are filled with white.
    func rotated(by degrees: Double) -> GrayImage {
        let radians = degrees * Double.pi / 180
        let cosA = cos(radians)
        let sinA = sin(radians)
        let newWidth = Int((abs(Double(width) * cosA) + abs(Double(height) * sinA)).rounded(.up))
        let newHeight = Int((abs(Double(width) * sinA) + abs(Double(height) * cosA)).rounded(.up))
        var out = [UInt8](repeating: 255, count: newWidth * newHeight)
        let cx = Double(width) / 2
        let cy = Double(height) / 2
        let ncx = Double(newWidth) / 2
        let ncy = Double(newHeight) / 2
        // Fixed point (16.16) nearest-neighbour sampling: fast, and enough for reading bars.
        let scale = 65536.0
        let dxx = Int(cosA * scale)
        let dyx = Int(-sinA * scale)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<newHeight {
                    let ry = Double(y) + 0.5 - ncy
                    let rx = 0.5 - ncx
                    // Source position of the first pixel of the row, inverse rotation.
                    var sx = Int((rx * cosA + ry * sinA + cx) * scale)
                    var sy = Int((-rx * sinA + ry * cosA + cy) * scale)
                    let row = y * newWidth
                    for x in 0..<newWidth {
                        let ix = sx >> 16
                        let iy = sy >> 16
                        if ix >= 0 && iy >= 0 && ix < width && iy < height {
                            dst[row + x] = src[iy * width + ix]
                        }
                        sx += dxx
                        sy += dyx
                    }
                }
            }
        }
        return GrayImage(width: newWidth, height: newHeight, pixels: out)
    }

    /// Black and white by Otsu's threshold over the whole image.
    func otsuBinarized() -> GrayImage {
        var histogram = [Int](repeating: 0, count: 256)
        for value in pixels { histogram[Int(value)] += 1 }
        let total = pixels.count
        var sum = 0.0
        for index in 0..<256 { sum += Double(index * histogram[index]) }
        var sumBackground = 0.0
        var weightBackground = 0
        var best = 0.0
        var threshold = 127
        for index in 0..<256 {
            weightBackground += histogram[index]
            if weightBackground == 0 { continue }
            let weightForeground = total - weightBackground
            if weightForeground == 0 { break }
            sumBackground += Double(index * histogram[index])
            let meanBackground = sumBackground / Double(weightBackground)
            let meanForeground = (sum - sumBackground) / Double(weightForeground)
            let between =
                Double(weightBackground) * Double(weightForeground) * (meanBackground - meanForeground)
                * (meanBackground - meanForeground)
            if between > best {
                best = between
                threshold = index
            }
        }
        let limit = UInt8(threshold)
        return GrayImage(width: width, height: height, pixels: pixels.map { $0 > limit ? 255 : 0 })
    }

    /// Black and white by comparing each pixel with the mean of the square of side `2 × radius + 1` around it,
    /// which copes with uneven light across a photo. Uses an integral image, so the cost does not grow with the
    /// radius.
    func locallyBinarized(radius: Int, offset: Int = 4) -> GrayImage {
        let stride = width + 1
        var integral = [Int](repeating: 0, count: stride * (height + 1))
        var out = [UInt8](repeating: 255, count: width * height)
        pixels.withUnsafeBufferPointer { src in
            integral.withUnsafeMutableBufferPointer { sums in
                for y in 0..<height {
                    var rowSum = 0
                    for x in 0..<width {
                        rowSum += Int(src[y * width + x])
                        sums[(y + 1) * stride + x + 1] = sums[y * stride + x + 1] + rowSum
                    }
                }
            }
            integral.withUnsafeBufferPointer { sums in
                out.withUnsafeMutableBufferPointer { dst in
                    for y in 0..<height {
                        let y0 = max(0, y - radius)
                        let y1 = min(height, y + radius + 1)
                        for x in 0..<width {
                            let x0 = max(0, x - radius)
                            let x1 = min(width, x + radius + 1)
                            let area = (y1 - y0) * (x1 - x0)
                            let sum =
                                sums[y1 * stride + x1] - sums[y0 * stride + x1] - sums[y1 * stride + x0]
                                + sums[y0 * stride + x0]
                            if Int(src[y * width + x]) * area + offset * area < sum { dst[y * width + x] = 0 }
                        }
                    }
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: out)
    }
}
