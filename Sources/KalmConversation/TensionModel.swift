/// A transparent tension score 0...1 for one party: how far their voice sits above their
/// own baseline, component by component, each mapped linearly from its "starts to count"
/// to its "full" threshold and weighted (all from the ``Profile``):
/// pitch rise (st), level rise (dB), tempo rise (%), pitch-range rise (%), interruptions by
/// this party in the last minute, and pauses inside their turns shrinking below their calm
/// share (%, ``TurnPauseMeter``). Voice measures are exponential averages over about
/// ``Profile/tensionTimeConstant`` seconds of speech; pitch is taken from voiced hops, the
/// level from every speech hop, averaged in power (so vowels dominate it); silence holds the
/// score.
public struct TensionModel: Sendable {
    private let profile: Profile
    private var pitch: Float = 0, range: Float = 0, level: Float = 0, tempo: Float = 0
    /// The speech level's running average in power (``level`` is it in dB): loud vowels
    /// weigh as they sound, so a faster, louder voice reads its whole gain. Every speech hop
    /// counts, not only the voiced ones: in noise the weaker parts of a vowel are found voiced
    /// only once the voice is raised, and counting voiced hops alone read a +6 dB agent in
    /// pink noise at 5 dB as +4.2 to +5.0 dB (every speech hop: +5.1 to +6.1 dB; the
    /// twenty-first session).
    private var levelPower: Float = 0
    private var hasPitch = false, hasLevel = false, hasTempo = false
    private var interruptionHops: (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int) =
        (-1, -1, -1, -1, -1, -1, -1, -1, -1, -1)
    private var interruptionPosition = 0
    private var pauses: TurnPauseMeter

    /// The current score.
    public private(set) var tension: Float = 0
    /// The tempo's share of the current score.
    public private(set) var tempoShare: Float = 0
    /// Voiced hops this far below the running voiced level do not update the pitch, dB.
    static let weakHopMargin: Float = 15
    /// The most one hop's pitch may pull the average, semitones.
    static let maximumPitchStep: Float = 6

    public init(profile: Profile) {
        self.profile = profile
        pauses = TurnPauseMeter(referenceSeconds: profile.baselineSpeechSeconds)
    }

    /// Feeds the turn-taking of one hop to the shrinking-pauses measure (``TurnPauseMeter``):
    /// whether this party and the other speak. The score uses it from the next update.
    public mutating func turnHop(ownSpeech: Bool, otherSpeech: Bool) {
        pauses.update(ownSpeech: ownSpeech, otherSpeech: otherSpeech, calm: Double(tension) < profile.calmEnter)
    }

    /// Counts an interruption made by this party at hop `index`.
    public mutating func noteInterruption(at index: Int) {
        withUnsafeMutableBytes(of: &interruptionHops) { $0.bindMemory(to: Int.self)[interruptionPosition] = index }
        interruptionPosition = (interruptionPosition + 1) % 10
    }

    /// Updates the averages with one hop and returns the tension against `baseline`.
    public mutating func update(_ o: VoiceObservation, baseline: Baseline?) -> Float {
        guard o.speech else { return tension }
        let alpha = Float(1 - exp(-0.01 / profile.tensionTimeConstant))
        // Pitch from weak voiced hops (far below the party's voiced level) is unreliable,
        // above all in the telephone band; and one hop pulls the average by at most
        // ``maximumPitchStep`` semitones, so an octave error cannot raise the tension.
        let strong = !hasLevel || o.levelDB >= level - Self.weakHopMargin
        if o.f0 > 0, strong {
            let st = o.semitones
            if hasPitch {
                let step = min(Self.maximumPitchStep, max(-Self.maximumPitchStep, st - pitch))
                pitch += alpha * step
                range += alpha * (min(Self.maximumPitchStep, abs(st - pitch)) - range)
            } else {
                pitch = st
                hasPitch = true
            }
        }
        let power = powf(10, o.levelDB / 10)
        levelPower = hasLevel ? levelPower + alpha * (power - levelPower) : power
        level = 10 * log10f(max(levelPower, 1e-12))
        hasLevel = true
        if o.tempo > 0 {
            tempo = hasTempo ? tempo + alpha * (o.tempo - tempo) : o.tempo
            hasTempo = true
        }
        guard let b = baseline else { return tension }
        var score = 0.0
        if hasPitch {
            score += Self.pitchTerm(rise: Double(pitch) - b.pitchSemitones, profile)
            score += profile.weightRange
                * Self.ramp((Double(range) / b.pitchRangeSemitones - 1) * 100, profile.rangeRiseStart, profile.rangeRiseFull)
        }
        score += Self.levelTerm(rise: Double(level) - b.levelDB, profile)
        let tempoTerm = tempoRise(over: b).map { Self.tempoTerm(rise: $0, profile) } ?? 0
        score += tempoTerm
        var recent = 0
        withUnsafeBytes(of: &interruptionHops) { raw in
            for hop in raw.bindMemory(to: Int.self) where hop >= 0 && o.index - hop < 6000 { recent += 1 }
        }
        score += profile.weightInterruptions * Self.ramp(Double(recent), 0, profile.interruptionsFull)
        if let shrink = pauses.shrinkPercent {
            score += profile.weightPauses * Self.ramp(shrink, profile.pauseShrinkStart, profile.pauseShrinkFull)
        }
        tension = Float(min(1, max(0, score)))
        tempoShare = Float(tempoTerm)
        return tension
    }

    /// The current averages: pitch (st), level (dB), tempo (syllables per second).
    public var current: (pitch: Double?, level: Double?, tempo: Double?) {
        (hasPitch ? Double(pitch) : nil, hasLevel ? Double(level) : nil, hasTempo ? Double(tempo) : nil)
    }

    /// The current averages as deviations from `baseline` (for the agent's behaviour cues).
    public func levelRise(over b: Baseline) -> Double? { hasLevel ? Double(level) - b.levelDB : nil }

    /// Tempo above `baseline` in percent.
    public func tempoRise(over b: Baseline) -> Double? { hasTempo ? b.tempoRise(of: tempo) : nil }

    /// The pitch term of the tension for a pitch rise in semitones.
    static func pitchTerm(rise: Double, _ profile: Profile) -> Double {
        profile.weightPitch * Self.ramp(rise, profile.pitchRiseStart, profile.pitchRiseFull)
    }

    /// The level term of the tension for a level rise in dB.
    static func levelTerm(rise: Double, _ profile: Profile) -> Double {
        profile.weightLevel * Self.ramp(rise, profile.levelRiseStart, profile.levelRiseFull)
    }

    /// The tempo term of the tension for a tempo rise in percent.
    static func tempoTerm(rise: Double, _ profile: Profile) -> Double {
        profile.weightTempo * Self.ramp(rise, profile.tempoRiseStart, profile.tempoRiseFull)
    }

    /// The voice's share of the tension (pitch and level terms) for an utterance's rises;
    /// how ``UtteranceRuns`` and ``OpeningReview`` judge an utterance raised or escalated.
    static func voiceScore(pitchRise: Double, levelRise: Double, _ profile: Profile) -> Double {
        pitchTerm(rise: pitchRise, profile) + levelTerm(rise: levelRise, profile)
    }

    private static func ramp(_ value: Double, _ start: Double, _ full: Double) -> Double {
        min(1, max(0, (value - start) / (full - start)))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
