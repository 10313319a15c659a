#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the angles at which an image holds stripes: many parallel, high-contrast edges side by side, as the bars
/// of a linear barcode are. The decoder turns the image by those angles instead of trying fixed ones, and does
/// not try at all when there are none.
///
/// This is the localisation step of OpenCV's barcode detector and of Zamberletti et al. (gradient orientation
/// coherence): the image is cut into tiles, and for each tile the structure tensor of its gradients
/// (Σgx², Σgy², Σgx·gy) says how strongly the edges in it agree on one direction (coherence) and which direction
/// that is. A tile counts as striped when most of its pixels are on strong edges and those edges agree; a single
/// straight edge, text and foliage do not pass both tests. The striped tiles vote for their angle, weighted by
/// their edge energy, and the strongest clusters of votes are the angles returned.
struct StripeFinder {
    /// Tile side in pixels.
    var tile = 16
    /// How strong a gradient must be (|gx| + |gy|, each up to 255) to count as an edge.
    var edgeContrast: Int32 = 40
    /// The share of a tile's pixels that must lie on edges: a bar edge every few pixels, not one line.
    var edgeShare = 0.25
    /// How strongly the edges must agree on one direction, 0 (any direction) to 1 (all parallel).
    var minimumCoherence = 0.75
    /// The most angles returned.
    var maximumAngles = 3

    /// Stripes turned less than this many degrees are read by zbar's rows and columns as they are.
    static let straightEnough = 4.0

    struct Result: Equatable {
        /// How many tiles are striped, whatever their angle.
        var stripedTiles: Int
        /// The turns, in degrees counter-clockwise within [-45, 45), that make each cluster of striped tiles
        /// stand upright or lie flat (zbar scans rows and columns), strongest first.
        var angles: [Double]
    }

    func find(in image: GrayImage) -> Result {
        let columns = image.width / tile
        let rows = image.height / tile
        guard columns > 0, rows > 0 else { return Result(stripedTiles: 0, angles: []) }
        // Votes by doubled angle (the direction of a gradient and its opposite are the same stripe), in bins of
        // 2.5° of the stripe's angle; each vote also keeps its tensor so the cluster's angle can be refined.
        let binCount = 72
        var weight = [Double](repeating: 0, count: binCount)
        var sumCos = [Double](repeating: 0, count: binCount)
        var sumSin = [Double](repeating: 0, count: binCount)
        var striped = 0
        let needed = Int(Double(tile * tile) * edgeShare)
        image.pixels.withUnsafeBufferPointer { pixels in
            let width = image.width
            for tileRow in 0..<rows {
                for tileColumn in 0..<columns {
                    var xx: Int64 = 0
                    var yy: Int64 = 0
                    var xy: Int64 = 0
                    var edges = 0
                    let x0 = max(1, tileColumn * tile)
                    let x1 = min(image.width - 1, (tileColumn + 1) * tile)
                    let y0 = max(1, tileRow * tile)
                    let y1 = min(image.height - 1, (tileRow + 1) * tile)
                    for y in y0..<y1 {
                        let row = y * width
                        for x in x0..<x1 {
                            // Scharr's kernels: the gradient's direction comes out nearly the same at every
                            // angle, where plain differences lean towards the diagonals on thin bars.
                            let above = row - width
                            let below = row + width
                            let upperLeft = Int32(pixels[above + x - 1])
                            let upperRight = Int32(pixels[above + x + 1])
                            let lowerLeft = Int32(pixels[below + x - 1])
                            let lowerRight = Int32(pixels[below + x + 1])
                            let gx =
                                (3 * (upperRight + lowerRight) + 10 * Int32(pixels[row + x + 1])
                                    - 3 * (upperLeft + lowerLeft) - 10 * Int32(pixels[row + x - 1])) / 16
                            let gy =
                                (3 * (lowerLeft + lowerRight) + 10 * Int32(pixels[below + x])
                                    - 3 * (upperLeft + upperRight) - 10 * Int32(pixels[above + x])) / 16
                            if abs(gx) + abs(gy) < edgeContrast { continue }
                            edges += 1
                            xx += Int64(gx * gx)
                            yy += Int64(gy * gy)
                            xy += Int64(gx * gy)
                        }
                    }
                    guard edges >= needed else { continue }
                    let difference = Double(xx - yy)
                    let twice = 2 * Double(xy)
                    let energy = Double(xx + yy)
                    let coherence = (difference * difference + twice * twice).squareRoot() / energy
                    guard coherence >= minimumCoherence else { continue }
                    striped += 1
                    // The gradient's doubled angle (with rows growing downwards, as on screen).
                    let doubled = atan2(twice, difference)
                    var bin = Int(((doubled + Double.pi) / (2 * Double.pi) * Double(binCount)).rounded(.down))
                    bin = min(binCount - 1, max(0, bin))
                    weight[bin] += energy * coherence
                    sumCos[bin] += energy * coherence * cos(doubled)
                    sumSin[bin] += energy * coherence * sin(doubled)
                }
            }
        }
        guard striped > 0 else { return Result(stripedTiles: 0, angles: []) }
        var angles: [Double] = []
        var strongest = 0.0
        while angles.count < maximumAngles {
            // The cluster around the heaviest bin: it and two bins either side (±5° of stripe angle).
            guard let peak = weight.indices.max(by: { weight[$0] < weight[$1] }), weight[peak] > 0 else { break }
            var total = 0.0
            var cosine = 0.0
            var sine = 0.0
            for offset in -2...2 {
                let bin = (peak + offset + binCount) % binCount
                total += weight[bin]
                cosine += sumCos[bin]
                sine += sumSin[bin]
            }
            for offset in -3...3 { weight[(peak + offset + binCount) % binCount] = 0 }
            if angles.isEmpty { strongest = total }
            // A cluster far weaker than the strongest is texture beside a code, not a second code.
            if total < strongest * 0.2 { break }
            // Half the doubled angle is the gradient's angle, which is how far the stripes are turned
            // counter-clockwise from upright; turning the image back by it, folded into [-45°, 45°) since zbar
            // reads rows and columns alike, sets them straight.
            var degrees = -atan2(sine, cosine) / 2 * 180 / Double.pi
            degrees = degrees.truncatingRemainder(dividingBy: 90)
            if degrees >= 45 { degrees -= 90 }
            if degrees < -45 { degrees += 90 }
            angles.append(degrees)
        }
        return Result(stripedTiles: striped, angles: angles)
    }
}
