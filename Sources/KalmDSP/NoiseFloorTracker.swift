/// Adaptive noise floor by minimum statistics: the minimum of the smoothed band energy over
/// the last ~3 s, kept as the minima of 12 blocks of 0.25 s so each hop costs O(1).
///
/// Speech has gaps between words several times a second, so the running minimum follows the
/// background even under continuous talk, while rising noise is followed within 3 s.
///
/// An aperiodic sound that has stayed within ``steadyRange`` for ``steadyHops`` hops (0.5 s)
/// is not speech, whose syllables rise and fall by far more: when its minimum lies above the
/// floor, the floor jumps to it at once. So a background that rises in a step (a fan
/// switched on, a line's comfort noise replacing the caller's room) is followed within about
/// 0.7 s (its smoothed energy settles first), not 3 s. A periodic hop (a vowel, however
/// steady, or a tone) ends such a run; a tone still becomes floor through the minimum.
///
/// It tracks eight values at once (SIMD lanes): the speech band's eight sub-bands, or the
/// whole band in every lane.
public struct NoiseFloorTracker: Sendable {
    private static let blockHops = 25
    private static let blockCount = 12
    /// Minimum statistics underestimate the mean noise energy; this bias compensates (dB).
    private static let bias: Float = 1.5
    /// Range within which a sound must stay to be steady background, dB.
    public static let steadyRange: Float = 4
    /// Hops a steady sound must last before the floor jumps to it (0.5 s).
    public static let steadyHops: Int32 = 50

    private var blockMinima: (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>,
                              SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>)
    /// The minimum over the stored blocks, recomputed when a block is stored.
    private var blocksMinimum = SIMD8<Float>(repeating: .infinity)
    private var blocksFilled = 0
    private var current = SIMD8<Float>(repeating: .infinity)
    private var hopsInBlock = 0
    private var smoothed = SIMD8<Float>(repeating: Decibels.floor)
    private var started = false
    /// The lowest and highest smoothed energy of the current steady run, and its length.
    private var steadyLow = SIMD8<Float>(repeating: Decibels.floor)
    private var steadyHigh = SIMD8<Float>(repeating: Decibels.floor)
    private var steadyCount = SIMD8<Int32>()

    /// The current floor estimates in dB.
    public private(set) var floors = SIMD8<Float>(repeating: Decibels.floor)
    /// The current floor of lane 0 in dB (the whole band when one value is tracked).
    public var floorDB: Float { floors[0] }

    public init() {
        let inf = SIMD8<Float>(repeating: .infinity)
        blockMinima = (inf, inf, inf, inf, inf, inf, inf, inf, inf, inf, inf, inf)
    }

    /// Feeds one hop's energy (dB) and returns the updated floor.
    /// - Parameter periodic: the hop is periodic (voiced or a tone): it ends a steady run.
    @discardableResult
    public mutating func update(_ energyDB: Float, periodic: Bool = false) -> Float {
        update(SIMD8<Float>(repeating: energyDB), periodic: periodic)[0]
    }

    /// Feeds one hop's eight energies (dB) and returns the updated floors.
    /// - Parameter periodic: the hop is periodic (voiced or a tone): it ends a steady run.
    @discardableResult
    public mutating func update(_ energies: SIMD8<Float>, periodic: Bool = false) -> SIMD8<Float> {
        smoothed = started ? 0.6 * smoothed + 0.4 * energies : energies
        started = true
        current = current.lanewiseMin(smoothed)
        hopsInBlock += 1
        if hopsInBlock == Self.blockHops {
            var minimum = SIMD8<Float>(repeating: .infinity)
            withUnsafeMutableBytes(of: &blockMinima) { raw in
                let blocks = raw.bindMemory(to: SIMD8<Float>.self)
                blocks[blocksFilled % Self.blockCount] = current
                for value in blocks { minimum = minimum.lanewiseMin(value) }
            }
            blocksMinimum = minimum
            blocksFilled += 1
            hopsInBlock = 0
            current = SIMD8<Float>(repeating: .infinity)
        }
        floors = current.lanewiseMin(blocksMinimum) + Self.bias
        followSteadySound(periodic: periodic)
        return floors
    }

    /// Ends the steady run without feeding the hop (a voice-like hop, which does not teach
    /// the floor).
    public mutating func endSteadyRun() {
        steadyCount = SIMD8()
        steadyLow = SIMD8(repeating: Decibels.floor)
        steadyHigh = SIMD8(repeating: Decibels.floor)
    }

    /// Extends or restarts each lane's steady run with the latest smoothed energy, and lets
    /// the floor jump to a steady sound's minimum that lies above it.
    private mutating func followSteadySound(periodic: Bool) {
        let low = steadyLow.lanewiseMin(smoothed), high = steadyHigh.lanewiseMax(smoothed)
        let restart = (high - low .> Self.steadyRange) .| SIMDMask(repeating: periodic)
        steadyLow = low.replacing(with: smoothed, where: restart)
        steadyHigh = high.replacing(with: smoothed, where: restart)
        steadyCount = (steadyCount &+ 1).lanewiseMin(SIMD8(repeating: Self.steadyHops)).replacing(with: 0, where: restart)
        let jump = (steadyCount .>= Self.steadyHops) .& (steadyLow .> floors)
        guard any(jump) else { return }
        withUnsafeMutableBytes(of: &blockMinima) { raw in
            let blocks = raw.bindMemory(to: SIMD8<Float>.self)
            for i in blocks.indices { blocks[i] = blocks[i].replacing(with: steadyLow, where: jump) }
        }
        blocksMinimum = blocksMinimum.replacing(with: steadyLow, where: jump)
        current = current.replacing(with: steadyLow, where: jump)
        floors = current.lanewiseMin(blocksMinimum) + Self.bias
    }
}
