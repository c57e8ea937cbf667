/// Up to six pitch candidates of one frame, stored inline (no allocation).
public struct PitchCandidates: Sendable {
    /// Maximum number of candidates kept (the strongest).
    public static let capacity = 6
    /// Number of valid candidates.
    public var count = 0
    private var frequencies: (Float, Float, Float, Float, Float, Float) = (0, 0, 0, 0, 0, 0)
    private var strengths: (Float, Float, Float, Float, Float, Float) = (0, 0, 0, 0, 0, 0)

    public init() {}

    /// Frequency in Hz of candidate `i`.
    public func frequency(_ i: Int) -> Float { withUnsafeBytes(of: frequencies) { $0.load(fromByteOffset: i * 4, as: Float.self) } }

    /// Strength of candidate `i` (its autocorrelation peak less the octave cost; see
    /// ``PitchTracker/candidates(power:into:)``).
    public func strength(_ i: Int) -> Float { withUnsafeBytes(of: strengths) { $0.load(fromByteOffset: i * 4, as: Float.self) } }

    /// Frequency in Hz of the strongest candidate, 0 when there is none.
    public var strongestFrequency: Float {
        guard count > 0 else { return 0 }
        var best = 0
        for i in 1..<count where strength(i) > strength(best) { best = i }
        return frequency(best)
    }

    /// Adds `delta` to every candidate's strength.
    public mutating func raiseStrengths(by delta: Float) {
        withUnsafeMutableBytes(of: &strengths) { raw in
            let values = raw.bindMemory(to: Float.self)
            for i in 0..<count { values[i] += delta }
        }
    }

    /// Adds a candidate, replacing the weakest when full and the new one is stronger.
    public mutating func insert(frequency: Float, strength: Float) {
        var slot = count
        if count == Self.capacity {
            slot = 0
            for i in 1..<count where self.strength(i) < self.strength(slot) { slot = i }
            guard strength > self.strength(slot) else { return }
        } else {
            count += 1
        }
        withUnsafeMutableBytes(of: &frequencies) { $0.storeBytes(of: frequency, toByteOffset: slot * 4, as: Float.self) }
        withUnsafeMutableBytes(of: &strengths) { $0.storeBytes(of: strength, toByteOffset: slot * 4, as: Float.self) }
    }
}
