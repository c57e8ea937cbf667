/// Decides whether a party's speech-band energy is only the other party's echo or crosstalk.
///
/// An echo is a delayed, attenuated copy of the other channel, and the attenuation (the
/// coupling) is a property of the line, stable over a call. The gate learns it: while the
/// other party clearly dominates, the difference between this channel's energy and the
/// other channel's loudest hop of the last 200 ms (0-150 ms echo delay plus the window)
/// is tracked by a running 90th percentile: an echo never exceeds its coupling, but often
/// falls below it (onsets before the echo arrives, the window maximum), so the upper part
/// of the distribution is the coupling. A hop less than ``margin`` dB above that coupling
/// is echo; speech of its own lies above it. On a clean line the coupling
/// falls to the noise floor within a second, so real double talk always passes; the start
/// value assumes a strong -12 dB echo until the call has shown otherwise.
public struct EchoGate: Sendable {
    /// How far above the learned coupling a hop must be to count as own speech, dB.
    public static let margin: Float = 5
    /// Coupling assumed before any evidence, dB.
    public static let initialCoupling: Float = -12
    private static let historyHops = 20
    private static let step: Float = 0.5
    private static let quantile: Float = 0.9
    /// The other party must exceed its own noise floor by this much to teach the gate, dB.
    private static let dominanceAboveFloor: Float = 12

    private var other: (Float, Float, Float, Float, Float, Float, Float, Float, Float, Float,
                        Float, Float, Float, Float, Float, Float, Float, Float, Float, Float)
    private var position = 0

    /// The learned coupling from the other channel into this one, dB.
    public private(set) var couplingDB: Float = EchoGate.initialCoupling

    public init() {
        let f = Decibels.floor
        other = (f, f, f, f, f, f, f, f, f, f, f, f, f, f, f, f, f, f, f, f)
    }

    /// Records the other party's band energy for this hop, learns, and tests this party's.
    /// - Returns: `true` when `ownEnergyDB` is explained by the other party's recent energy.
    public mutating func isEcho(ownEnergyDB: Float, otherEnergyDB: Float, otherFloorDB: Float) -> Bool {
        var peak = Decibels.floor
        withUnsafeMutableBytes(of: &other) { raw in
            let history = raw.bindMemory(to: Float.self)
            history[position] = otherEnergyDB
            for value in history { peak = max(peak, value) }
        }
        position = (position + 1) % Self.historyHops
        let difference = ownEnergyDB - peak
        if otherEnergyDB > otherFloorDB + Self.dominanceAboveFloor, otherEnergyDB >= ownEnergyDB {
            couplingDB += difference < couplingDB ? -Self.step * (1 - Self.quantile) : Self.step * Self.quantile
        }
        return difference < couplingDB + Self.margin
    }
}
