/// Decides whether a party's speech-band energy is only the other party's echo or crosstalk.
///
/// An echo is a delayed, attenuated copy: a hop whose energy lies more than ``margin`` below
/// the other channel's loudest hop of the last 200 ms (covering 0-150 ms of echo delay plus
/// the analysis window) is not speech of its own. Real double talk arrives at comparable
/// levels and passes; echo down to -12 dB leaves 6 dB of headroom.
public struct EchoGate: Sendable {
    /// How far below the other channel's recent peak a hop counts as echo, dB.
    public static let margin: Float = 6
    private static let historyHops = 20

    private var other: (Float, Float, Float, Float, Float, Float, Float, Float, Float, Float,
                        Float, Float, Float, Float, Float, Float, Float, Float, Float, Float)
    private var position = 0

    public init() {
        let f = Decibels.floor
        other = (f, f, f, f, f, f, f, f, f, f, f, f, f, f, f, f, f, f, f, f)
    }

    /// Records the other party's band energy for this hop and tests this party's.
    /// - Returns: `true` when `ownEnergyDB` is explained by the other party's recent energy.
    public mutating func isEcho(ownEnergyDB: Float, otherEnergyDB: Float) -> Bool {
        var peak = Decibels.floor
        withUnsafeMutableBytes(of: &other) { raw in
            let history = raw.bindMemory(to: Float.self)
            history[position] = otherEnergyDB
            for value in history { peak = max(peak, value) }
        }
        position = (position + 1) % Self.historyHops
        return ownEnergyDB < peak - Self.margin
    }
}
