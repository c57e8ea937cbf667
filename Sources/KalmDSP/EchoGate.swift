/// Decides whether a party's sound is only the other party's echo or crosstalk.
///
/// An echo is a delayed, attenuated copy of the other channel: in every speech sub-band its
/// energy equals the other channel's energy some 0-150 ms earlier plus the coupling, a
/// property of the line that is stable over a call. For each hop the gate finds the delay
/// (0-190 ms) that best explains this channel's spectrum by the other's, and measures the
/// excess: the largest amount by which any sub-band (clearly above this channel's noise,
/// whose share up to the audibility margin is taken out first) exceeds the other channel's
/// delayed energy. An echo's excess stays at the coupling; speech of one's own exceeds it in
/// some band, even when it is quieter overall than the other party.
///
/// In a room (the counter) a microphone hears the other party's reverberation: every band
/// holds a blend of the other's sound over the last few hundred milliseconds, which no
/// single delay explains. So each band's delayed energy is taken as at least the other
/// party's recent peak in that band, dying away at ``reverberationDecayPerHop``.
///
/// The coupling is learned: while the other party clearly dominates, a running 90th
/// percentile of the excess follows it (an echo seldom exceeds its coupling but often falls
/// below it). Hops far above it are mostly double talk and raise it only slowly, so an
/// interruption does not teach the gate to silence the interrupted party. The other party
/// only dominates with speech of their own: where the other channel is itself this party's
/// echo (the quiet end of this party's word under the echo of its loud start), this
/// party's sound is not an echo to learn from. The start value assumes a strong -12 dB
/// echo; on a clean line the estimate sinks within seconds.
///
/// Per hop, both parties' gates first ``assess(own:other:)`` and then each ``learn(otherIsEcho:)``
/// with the other gate's verdict.
public final class EchoGate {
    /// How far above the learned coupling the excess must be to count as own speech, dB.
    public static let margin: Float = 5
    /// Coupling assumed before any evidence, dB.
    public static let initialCoupling: Float = -12
    private static let historyHops = 20
    private static let step: Float = 0.5
    private static let quantile: Float = 0.9
    /// Hops well above the coupling are mostly double talk: they raise it only slowly (dB/hop).
    private static let doubleTalkStep: Float = 0.02
    /// Bounds of the coupling: no echo is louder than -6 dB, none matters below -80 dB.
    private static let strongestCoupling: Float = -6
    private static let weakestCoupling: Float = -80
    /// The other party must exceed its own noise floor by this much to teach the gate, dB.
    private static let dominanceAboveFloor: Float = 12
    /// Sub-bands less than this above their own noise floor carry only noise and are ignored.
    private static let audibleAboveBandFloor: Float = 6

    /// How fast a room's reverberation of the other party dies away, dB per hop (60 dB in
    /// 0.8 s, a slow, reverberant room).
    public static let reverberationDecayPerHop: Float = 0.75

    private let history: UnsafeMutablePointer<SpeechBands>
    private var position = 0
    /// Per band, the other party's loudest recent energy, dying away at the reverberation's
    /// pace.
    private var reverberation = SIMD8<Float>(repeating: Decibels.floor)
    private var lastExcess = Decibels.floor
    private var otherDominated = false

    /// The learned coupling from the other channel into this one, dB.
    public private(set) var couplingDB: Float = EchoGate.initialCoupling

    public init() {
        history = .allocate(capacity: Self.historyHops)
        history.initialize(repeating: SpeechBands(), count: Self.historyHops)
    }

    deinit { history.deallocate() }

    /// Records the other party's frame and tests this party's.
    /// - Returns: `true` when `own` is explained by the other party's recent sound.
    public func assess(own: FrameFeatures, other: FrameFeatures) -> Bool {
        history[position] = other.bands
        position = (position + 1) % Self.historyHops
        reverberation = other.bands.values.lanewiseMax(reverberation - Self.reverberationDecayPerHop)
        lastExcess = spectralExcess(own)
        otherDominated =
            other.bandEnergyDB > other.noiseFloorDB + Self.dominanceAboveFloor && other.bandEnergyDB >= own.bandEnergyDB
        return lastExcess < couplingDB + Self.margin
    }

    /// Learns the coupling from the hop last assessed, if the other party dominated it with
    /// their own sound.
    /// - Parameter otherIsEcho: the other party's gate's verdict on the same hop: their
    ///   sound is this party's echo.
    public func learn(otherIsEcho: Bool) {
        guard otherDominated, !otherIsEcho else { return }
        if lastExcess < couplingDB {
            couplingDB -= Self.step * (1 - Self.quantile)
        } else {
            couplingDB += lastExcess < couplingDB + Self.margin ? Self.step * Self.quantile : Self.doubleTalkStep
        }
        couplingDB = min(Self.strongestCoupling, max(Self.weakestCoupling, couplingDB))
    }

    /// The smallest, over candidate delays, of the largest per-band excess of `own` over the
    /// other channel's delayed spectrum.
    private func spectralExcess(_ own: FrameFeatures) -> Float {
        let audible = own.bands.values .> own.bandFloors.values + Self.audibleAboveBandFloor
        guard any(audible) else { return Decibels.floor }
        // Up to the audibility margin a band's sound may be its own noise, fluctuating, on top
        // of any echo: that much power is taken out before the echo is asked to explain the rest.
        // (Built lane by lane in one expression: a store per lane into a vector went through
        // memory each time.)
        let bands = own.bands.values, floors = own.bandFloors.values
        @inline(__always) func lane(_ b: Int) -> Float {
            guard audible[b] else { return bands[b] }
            let noise = Decibels.toPower(floors[b] + Self.audibleAboveBandFloor)
            return Decibels.fromPower(Decibels.toPower(bands[b]) - noise)
        }
        let beyondNoise = SIMD8(lane(0), lane(1), lane(2), lane(3), lane(4), lane(5), lane(6), lane(7))
        var best = Float.infinity
        for d in 0..<Self.historyHops {
            let explained = history[d].values.lanewiseMax(reverberation)
            let excess = (beyondNoise - explained).replacing(with: -.infinity, where: .!audible)
            best = min(best, excess.largestLane)
        }
        return best
    }
}
