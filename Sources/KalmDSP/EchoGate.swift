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
/// Energy cannot tell double talk from echo where this party's words are weak against the
/// other's echo. Pitch can: a hop clearly voiced at a pitch unrelated to every pitch the
/// other party had in the last 190 ms is a voice of its own, not the echo. The other way
/// round, a hop that exceeds the coupling by a little more than the margin but carries the
/// pitch of the louder sound that best explains it is still the echo: a mobile codec changes
/// an echo's level, not its pitch.
///
/// A hop that is more than echo is not all this party's own: the echo is still in it. What
/// the echo at the best delay and the learned coupling does not explain,
/// ``unexplainedEnergyDB``, is the energy the party's voice activity is judged on. A customer
/// line's room tone, louder than its band floors (which fell during a quiet nasal ending),
/// stood beyond the echo in the bands the agent's voice left weak; the echo lifted the whole
/// hop 8-10 dB above the noise floor, and the room tone became 1.3 s of customer speech
/// (seed 113). The other party's own noise is not taken out: this party's floor has it.
///
/// Per hop, both parties' gates first ``assess(own:other:)`` and then each
/// ``settle(otherIsEcho:otherSilentHops:)`` with the other gate's verdict.
public final class EchoGate {
    /// How far above the learned coupling the excess must be to count as own speech, dB.
    public static let margin: Float = 5
    /// How far beyond ``margin`` a hop may exceed the coupling and still be the echo, dB,
    /// where it carries the pitch of the louder sound it echoes (``carriesEchoPitch(_:)``).
    public static let pitchedEchoAllowance: Float = 5
    /// Hops the other party must have been silent before their gate's verdict that their
    /// hop is only this party's echo is trusted (0.5 s, longer than the gaps between words).
    public static let trustedVerdictSilenceHops = 50
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

    /// Periodicity at which the other party's hop shows the pitch their echo carries.
    static let echoPitchPeriodicity: Float = 0.5
    /// Periodicity at which this party's own pitch can tell their voice from the echo (on
    /// seed 107, 0.8 was too strict to recover the double talk of ``voiceOfItsOwn(_:)``).
    static let ownVoicePeriodicity: Float = 0.6
    /// Pitch ratios, in octaves, at which a pitch tracker may read an echo's voice against
    /// the other party's own channel: the same pitch, a harmonic up to the sixth, a half,
    /// third or quarter, a fifth either way (padded with the same pitch to 16 lanes).
    static let relatedOctaves: SIMD16<Float> = {
        let ratios: [Float] = [1, 2, 3, 4, 5, 6, 1.0 / 2, 1.0 / 3, 1.0 / 4, 3.0 / 2, 2.0 / 3]
        var lanes = SIMD16<Float>(repeating: 0)
        for (i, r) in ratios.enumerated() { lanes[i] = log2f(r) }
        return lanes
    }()
    /// How close to a related ratio counts as the same voice: 1.5 semitones, in octaves.
    static let pitchTolerance: Float = 1.5 / 12
    /// How close to the other party's pitch in the same hop is their voice: a quarter tone,
    /// in octaves.
    static let sameVoicePitch: Float = 0.5 / 12
    /// How long after the other party starts speaking their onset may be heard on this line
    /// as if it were this party's (``isOthersOnset(own:other:ownSilentHops:otherSpeakingHops:)``):
    /// 0.3 s, hops.
    public static let onsetHops = 30
    /// How far a voice's pitch may move from one hop to the next: a semitone, in octaves.
    static let steadyPitch: Float = 1.0 / 12

    /// How fast a room's reverberation of the other party dies away, dB per hop (60 dB in
    /// 0.8 s, a slow, reverberant room).
    public static let reverberationDecayPerHop: Float = 0.75

    private let history: UnsafeMutablePointer<SpeechBands>
    /// The other party's strongest pitch candidate per hop, in octaves above 1 Hz (0 where
    /// not clearly periodic; a voice is 5.9 octaves or more).
    private let otherPitch: UnsafeMutablePointer<Float>
    /// This party's pitch in the hop before, in octaves above 1 Hz, where it was a voice of
    /// its own (else 0).
    private var lastDistinctPitch: Float = 0
    private var position = 0
    /// Per band, the other party's loudest recent energy, dying away at the reverberation's
    /// pace.
    private var reverberation = SIMD8<Float>(repeating: Decibels.floor)
    private var lastExcess = Decibels.floor
    private var lastOwnEnergyDB = Decibels.floor
    /// The delay (history slot) that best explained the hop last assessed.
    private var bestSlot = 0

    /// The speech-band energy of the hop last assessed that the other party's echo at the
    /// learned coupling does not explain, dB: what is left of this party's own sound (and
    /// noise) under the echo. Where the gate called the hop echo by energy but heard a voice
    /// of its own by pitch, the hop's whole energy; so too once
    /// ``settle(otherIsEcho:otherSilentHops:)`` has heard that the other party's hop is only
    /// this party's echo.
    public private(set) var unexplainedEnergyDB = Decibels.floor
    private var otherDominated = false

    /// The learned coupling from the other channel into this one, dB.
    public private(set) var couplingDB: Float = EchoGate.initialCoupling

    public init() {
        history = .allocate(capacity: Self.historyHops)
        history.initialize(repeating: SpeechBands(), count: Self.historyHops)
        otherPitch = .allocate(capacity: Self.historyHops)
        otherPitch.initialize(repeating: 0, count: Self.historyHops)
    }

    deinit {
        history.deallocate()
        otherPitch.deallocate()
    }

    /// Records the other party's frame and tests this party's.
    /// - Returns: `true` when `own` is explained by the other party's recent sound.
    public func assess(own: FrameFeatures, other: FrameFeatures) -> Bool {
        history[position] = other.bands
        otherPitch[position] =
            other.periodicity >= Self.echoPitchPeriodicity && other.periodicFrequency > 0 ? log2f(other.periodicFrequency) : 0
        position = (position + 1) % Self.historyHops
        reverberation = other.bands.values.lanewiseMax(reverberation - Self.reverberationDecayPerHop)
        lastExcess = spectralExcess(own)
        lastOwnEnergyDB = own.bandEnergyDB
        otherDominated =
            other.bandEnergyDB > other.noiseFloorDB + Self.dominanceAboveFloor && other.bandEnergyDB >= own.bandEnergyDB
        if lastExcess < couplingDB + Self.margin {
            // Energy says echo; only a voice of its own says otherwise, and then its whole
            // energy is its own.
            unexplainedEnergyDB = own.bandEnergyDB
            return !voiceOfItsOwn(own)
        }
        if lastExcess < couplingDB + Self.margin + Self.pitchedEchoAllowance, carriesEchoPitch(own) {
            unexplainedEnergyDB = own.bandEnergyDB
            return true
        }
        unexplainedEnergyDB = unexplainedEnergy(own, otherFloors: other.bandFloors.values)
        return false
    }

    /// Whether `own` is clearly voiced at the pitch the other party had at the delay that
    /// best explains it, within ``sameVoicePitch``, and that sound of the other party was
    /// louder than `own` by at least the strongest coupling: the echo's own voice.
    ///
    /// A mobile codec does not keep an echo at its coupling. Through AMR-NB the echo of the
    /// other party's syllable, coming out of this line's silence, read 7.6 dB louder than
    /// the same echo uncoded, while the other party's own coded channel read 10 dB quieter
    /// than uncoded: the excess over the coupling reached 8-10 dB, and the echo became 0.1-0.3 s
    /// of this party's speech, 8 segments on seed 401's twelve echo calls. The pitch it carries
    /// is the other's. The louder source keeps this from taking this party's own voice for
    /// echo where the other line hears it (at the counter, or in double talk): there the
    /// other line's copy is the quieter one.
    private func carriesEchoPitch(_ own: FrameFeatures) -> Bool {
        guard own.periodicity >= Self.ownVoicePeriodicity, own.periodicFrequency > 0, otherPitch[bestSlot] > 0
        else { return false }
        // The sub-bands' summed energy, as `bandEnergyDB` is of this party's hop.
        let source = Decibels.fromPower(Decibels.toPower(history[bestSlot].values).sum())
        guard source >= own.bandEnergyDB - Self.strongestCoupling else { return false }
        return abs(log2f(own.periodicFrequency) - otherPitch[bestSlot]) < Self.sameVoicePitch
    }

    /// Whether `own`, the hop of a party who is silent, is the other party's voice at their
    /// onset: the other started speaking at most ``onsetHops`` ago and is louder in this hop,
    /// and `own` is clearly voiced at their pitch of this hop, within ``sameVoicePitch``.
    ///
    /// At the counter the other party's onset reaches this microphone almost as loud as
    /// their own (0-5 dB down on seed 157), before the reverberation that
    /// ``assess(own:other:)`` allows for has built up. There it passed the energy test as
    /// 0.11 s of this party's speech, which dated this party's interruption 0.59 s early.
    /// Two voices at the same pitch cannot be told apart this way: where the silent party
    /// starts within a quarter tone of the other at the other's onset, their first words
    /// are lost (one interruption on seed 307's echo calls, whose two voices speak at about
    /// 105 Hz).
    /// - Parameters:
    ///   - ownSilentHops: hops since this party last spoke
    ///     (``VoiceActivityDetector/hopsSinceSpeech``).
    ///   - otherSpeakingHops: hops the other party has been speaking
    ///     (``VoiceActivityDetector/speakingHops``).
    public static func isOthersOnset(
        own: FrameFeatures, other: FrameFeatures, ownSilentHops: Int, otherSpeakingHops: Int
    ) -> Bool {
        guard ownSilentHops > 0, (1...onsetHops).contains(otherSpeakingHops),
            own.periodicity >= ownVoicePeriodicity, own.periodicFrequency > 0,
            other.periodicity >= ownVoicePeriodicity, other.periodicFrequency > 0,
            other.bandEnergyDB > own.bandEnergyDB
        else { return false }
        return abs(log2f(own.periodicFrequency / other.periodicFrequency)) < sameVoicePitch
    }

    /// Whether `own` is clearly voiced at a pitch that none of the other party's voiced hops
    /// of the last ``historyHops`` has, nor a harmonic of it (up to the sixth), nor a half,
    /// third or quarter of it, nor a fifth off: a voice other than the one the echo carries,
    /// however weak against the echo (double talk), and so in the hop before too, within a
    /// semitone. Before this, an agent who started under the customer lost 0.4 s of their
    /// words to the customer's echo at -12 dB, and with them the interruption. `false` when
    /// the other party was not voiced at all, so there is no pitch to tell the echo by.
    private func voiceOfItsOwn(_ own: FrameFeatures) -> Bool {
        // A voice holds its pitch from hop to hop; a room's reverberation of the other party,
        // sounding older than the 190 ms remembered, makes single stray candidates.
        let previous = lastDistinctPitch
        lastDistinctPitch = 0
        guard own.periodicity >= Self.ownVoicePeriodicity, own.periodicFrequency > 0 else { return false }
        let pitch = log2f(own.periodicFrequency)
        var heard = false
        for d in 0..<Self.historyHops where otherPitch[d] > 0 {
            heard = true
            let off = SIMD16<Float>(repeating: pitch - otherPitch[d]) - Self.relatedOctaves
            if any(off .< Self.pitchTolerance .& off .> -Self.pitchTolerance) { return false }
        }
        guard heard else { return false }
        lastDistinctPitch = pitch
        return previous > 0 && abs(pitch - previous) < Self.steadyPitch
    }

    /// Settles the hop last assessed with the other party's gate's verdict on the same hop.
    ///
    /// Where the other party's hop is only this party's echo, nothing in this party's hop is
    /// theirs: ``unexplainedEnergyDB`` becomes the hop's whole energy. At the counter a word's
    /// reverberant ending reaches both microphones about equally loud; taken out as the
    /// other's echo, what was left of it lay more than
    /// ``VoiceActivityDetector/belowOwnSpeech`` under the party's speech level (seed 277's
    /// mild room call, whose agent lost ends of words and read 3.8 % faster). The verdict is
    /// trusted only once the other party has been silent for ``trustedVerdictSilenceHops``:
    /// while they talk, their quiet sounds under the echo of their own louder ones, coming
    /// back on this party's line, read as this party's echo too, and the line's echo became
    /// 0.13 s of this party's speech (seed 293). The other party's voice activity falls
    /// silent within a few hops of such a stretch, so a short silence is not enough.
    ///
    /// Otherwise the coupling is learned from the hop, if the other party dominated it with
    /// their own sound.
    /// - Parameters:
    ///   - otherIsEcho: the other party's gate's verdict on the same hop: their sound is this
    ///     party's echo.
    ///   - otherSilentHops: hops since the other party last spoke
    ///     (``VoiceActivityDetector/hopsSinceSpeech``).
    public func settle(otherIsEcho: Bool, otherSilentHops: Int) {
        if otherIsEcho, otherSilentHops >= Self.trustedVerdictSilenceHops { unexplainedEnergyDB = lastOwnEnergyDB }
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
            if excess.largestLane < best {
                best = excess.largestLane
                bestSlot = d
            }
        }
        return best
    }

    /// The power of `own` left per band once the echo the best delay predicts is taken out,
    /// summed, dB. The predicted echo is the other party's delayed energy above their band
    /// floors (`otherFloors`) at the learned coupling.
    private func unexplainedEnergy(_ own: FrameFeatures, otherFloors: SIMD8<Float>) -> Float {
        let explained = Decibels.toPower(history[bestSlot].values.lanewiseMax(reverberation))
        let otherNoise = Decibels.toPower(otherFloors)
        let echo = (explained - otherNoise).lanewiseMax(.zero) * Decibels.toPower(couplingDB)
        let ownPower = Decibels.toPower(own.bands.values)
        return Decibels.fromPower((ownPower - echo).lanewiseMax(.zero).sum())
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
