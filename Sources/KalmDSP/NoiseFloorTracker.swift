/// Adaptive noise floor by minimum statistics: the minimum of the smoothed band energy over
/// the last ~3 s, kept as the minima of 12 blocks of 0.25 s so each hop costs O(1).
///
/// Speech has gaps between words several times a second, so the running minimum follows the
/// background even under continuous talk, while rising noise is followed within 3 s.
public struct NoiseFloorTracker: Sendable {
    private static let blockHops = 25
    private static let blockCount = 12
    /// Minimum statistics underestimate the mean noise energy; this bias compensates (dB).
    private static let bias: Float = 1.5

    private var blockMinima: (Float, Float, Float, Float, Float, Float, Float, Float, Float, Float, Float, Float)
    private var blocksFilled = 0
    private var current = Float.infinity
    private var hopsInBlock = 0
    private var smoothed: Float = Decibels.floor
    private var started = false

    /// The current floor estimate in dB.
    public private(set) var floorDB: Float = Decibels.floor

    public init() {
        let inf = Float.infinity
        blockMinima = (inf, inf, inf, inf, inf, inf, inf, inf, inf, inf, inf, inf)
    }

    /// Feeds one hop's band energy (dB) and returns the updated floor.
    @discardableResult
    public mutating func update(_ energyDB: Float) -> Float {
        smoothed = started ? 0.6 * smoothed + 0.4 * energyDB : energyDB
        started = true
        current = min(current, smoothed)
        hopsInBlock += 1
        if hopsInBlock == Self.blockHops {
            withUnsafeMutableBytes(of: &blockMinima) { raw in
                let blocks = raw.bindMemory(to: Float.self)
                blocks[blocksFilled % Self.blockCount] = current
            }
            blocksFilled += 1
            hopsInBlock = 0
            current = .infinity
        }
        var minimum = current
        withUnsafeBytes(of: &blockMinima) { raw in
            for value in raw.bindMemory(to: Float.self) { minimum = min(minimum, value) }
        }
        floorDB = minimum + Self.bias
        return floorDB
    }
}
