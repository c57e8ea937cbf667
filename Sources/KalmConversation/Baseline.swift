/// A party's own calm reference: where their voice sits when they are not upset.
public struct Baseline: Sendable, Equatable, Codable {
    /// Typical pitch, semitones relative to 100 Hz.
    public var pitchSemitones: Double
    /// Typical pitch excursion: mean absolute deviation from the typical pitch, semitones.
    public var pitchRangeSemitones: Double
    /// Typical level of speech, dBFS: the power mean of the level of every speech hop (key
    /// `speech_level_db`; calibrations that stored `level_db`, the level of voiced hops only,
    /// are refused: it read 0.4-3.1 dB higher on seven generated calls, most in noise).
    public var levelDB: Double
    /// Typical articulation rate, syllables per second.
    public var tempoSps: Double

    enum CodingKeys: String, CodingKey {
        case pitchSemitones = "pitch_st", pitchRangeSemitones = "pitch_range_st", levelDB = "speech_level_db"
        case tempoSps = "tempo_sps"
    }

    public init(pitchSemitones: Double, pitchRangeSemitones: Double, levelDB: Double, tempoSps: Double) {
        self.pitchSemitones = pitchSemitones
        self.pitchRangeSemitones = pitchRangeSemitones
        self.levelDB = levelDB
        self.tempoSps = tempoSps
    }

    /// How far `tempo` (syllables per second) lies above this baseline's tempo, in percent;
    /// `nil` when either is unknown (zero).
    public func tempoRise(of tempo: Float) -> Double? {
        tempo > 0 && tempoSps > 0 ? (Double(tempo) / tempoSps - 1) * 100 : nil
    }
}

/// Learns a ``Baseline`` from the first seconds of a party's speech.
///
/// It keeps the values of those seconds (preallocated; nothing grows per hop) and takes their
/// means, the same statistic ``TensionModel`` follows, so a party at rest reads zero. After
/// ``provisionalSeconds`` of speech a provisional baseline exists, and it is re-estimated from
/// all the speech learned so far after every further second of it until the learning is
/// complete (a baseline from the first 8 s alone is off by up to 15 % in tempo, which made
/// cues against it). From then on only hops the caller judges calm against it are learned,
/// and only once ``holdSeconds`` have passed without speech that was not calm: the tension
/// is an average that lags the voice, so the first second or two of a raised voice still
/// reads calm and would otherwise raise the party's own reference. A party who starts upset
/// sets too high a reference at first; ``relax(toward:)`` lowers it when their calm speech
/// since is, on average, lower.
///
/// Nor is a hop learned whose speech segment, judged so far as ``UtteranceRuns`` judges one
/// (its mean pitch and level against the provisional baseline), is raised: a weak escalation
/// can read calm on the lagging tension for longer than the hold (seed 173, at the counter:
/// +4.1 st and +6.5 dB kept it under the calm level for 3.3 s; the baseline, not yet
/// complete, learned the first 1.3 s of the raised voice, and both of the call's episodes
/// were dated 8.0 and 9.2 s late).
public struct BaselineLearner: Sendable {
    /// Speech seconds after which a provisional baseline is given.
    public static let provisionalSeconds = 8.0
    /// Seconds a calm hop waits before it is learned; it is dropped when speech that is not
    /// calm follows within them.
    public static let holdSeconds = 2.0
    /// Speech seconds the running mean of calm speech spans (``relax(toward:)``).
    private static let relaxSeconds = 30.0
    private static let holdHops = Int(holdSeconds * 100)
    private let neededHops: Int
    private let profile: Profile
    /// The party's speech segments, judged against the provisional baseline.
    private var segments: UtteranceRuns
    private var pitch: [Float]
    private var level: [Float]
    private var tempo: [Float]
    private var held: [VoiceObservation]
    private var heldStart = 0
    private var heldCount = 0
    private var lastNotCalm = Int.min
    private var speechHops = 0
    private var complete = false
    /// The baseline as learned (or restarted from), which relaxing never goes above.
    private var learned: Baseline?
    /// Running means of the party's calm pitch, level and tempo since the learning ended.
    private var calmPitch = 0.0, calmLevel = 0.0, calmTempo = 0.0

    /// The baseline, once enough speech has been heard.
    public private(set) var baseline: Baseline?
    /// Seconds of speech the baseline rests on: infinity once the learning is done or for a
    /// stored baseline; until then what has been learned (``baseline`` is provisional).
    public var learnedSeconds: Double { complete ? .infinity : Double(speechHops) / 100 }

    /// Learns from `seconds` of speech, judging segments raised by `profile`'s thresholds.
    public init(seconds: Double, profile: Profile = .standard) {
        neededHops = Int(seconds * 100)
        self.profile = profile
        segments = UtteranceRuns(profile: profile)
        pitch = []
        level = []
        tempo = []
        pitch.reserveCapacity(neededHops)
        level.reserveCapacity(neededHops)
        tempo.reserveCapacity(neededHops)
        held = Array(repeating: VoiceObservation(index: 0, speech: false, f0: 0, levelDB: 0, tempo: 0),
                     count: Self.holdHops + 1)
    }

    /// Starts from a stored baseline (the agent's personal calibration), relaxing by
    /// `profile`'s thresholds.
    public init(fixed: Baseline, profile: Profile = .standard) {
        self.init(seconds: 0, profile: profile)
        baseline = fixed
        complete = true
        finishLearning()
    }

    /// Forgets everything learned and starts learning anew (a new party on the line), keeping
    /// its storage.
    public mutating func startOver() {
        pitch.removeAll(keepingCapacity: true)
        level.removeAll(keepingCapacity: true)
        tempo.removeAll(keepingCapacity: true)
        heldStart = 0
        heldCount = 0
        lastNotCalm = Int.min
        segments = UtteranceRuns(profile: profile)
        speechHops = 0
        complete = false
        learned = nil
        baseline = nil
    }

    /// Replaces the baseline with `calm` and ends the learning (an upset opening had set it;
    /// see ``OpeningReview``).
    public mutating func restart(from calm: Baseline) {
        baseline = calm
        complete = true
        heldCount = 0
        finishLearning()
    }

    private mutating func finishLearning() {
        learned = baseline
        guard let b = baseline else { return }
        (calmPitch, calmLevel, calmTempo) = (b.pitchSemitones, b.levelDB, b.tempoSps)
    }

    /// Follows the party's calm speech (call it per calm speech hop with the current voice
    /// averages): pitch and level become the lower of their learned value and the running
    /// mean (over ``relaxSeconds`` of speech) of the party's calm speech since; they never go
    /// above what was learned, and, being a mean of every calm hop rather than a pull toward
    /// the lower ones, they do not creep down over a long session. The tempo becomes that
    /// running mean itself, up as well as down, fed only by hops whose tempo lies less than
    /// ``Profile/tempoRiseStart`` % over the baseline: a tempo learned from 20 s of speech is
    /// off by the sentences' own spread (about 15 %), and one learned low made `slow_down`
    /// cues to agents who were not fast (twenty-fourth session: 34 -> 24 such cues on eleven
    /// generated sets, the same 222 of 234 expected cues in time).
    public mutating func relax(toward current: (pitch: Double?, level: Double?, tempo: Double?)) {
        guard complete, let learned, var b = baseline else { return }
        let alpha = 0.01 / Self.relaxSeconds
        if let p = current.pitch { calmPitch += alpha * (p - calmPitch) }
        if let l = current.level { calmLevel += alpha * (l - calmLevel) }
        if let t = current.tempo, b.tempoRise(of: Float(t)).map({ $0 < profile.tempoRiseStart }) ?? false {
            calmTempo += alpha * (t - calmTempo)
        }
        b.pitchSemitones = min(learned.pitchSemitones, calmPitch)
        b.levelDB = min(learned.levelDB, calmLevel)
        b.tempoSps = calmTempo
        baseline = b
    }

    /// Adds one hop; `calm` says whether the hop is calm against the provisional baseline
    /// (ignored before there is one).
    public mutating func add(_ o: VoiceObservation, calm: Bool) {
        guard !complete else { return }
        segments.update(o, baseline: baseline)
        guard o.speech else { return }
        guard baseline != nil else {
            learn(o)
            return
        }
        while heldCount > 0, o.index - held[heldStart].index >= Self.holdHops {
            let h = held[heldStart]
            heldStart = (heldStart + 1) % held.count
            heldCount -= 1
            if lastNotCalm < h.index { learn(h) }
            if complete { return }
        }
        if calm && !segments.segmentIsRaised {
            held[(heldStart + heldCount) % held.count] = o
            heldCount += 1
        } else {
            lastNotCalm = o.index
        }
    }

    private mutating func learn(_ o: VoiceObservation) {
        speechHops += 1
        level.append(o.levelDB)
        if o.f0 > 0 { pitch.append(o.semitones) }
        if o.tempo > 0 { tempo.append(o.tempo) }
        if speechHops >= neededHops {
            estimate()
            complete = baseline != nil
            finishLearning()
        } else if speechHops >= Int(Self.provisionalSeconds * 100), speechHops % 100 == 0 {
            estimate()
        }
    }

    /// The baseline from all speech added so far, even before the learning is complete
    /// (nil with too little voiced speech).
    public func baselineFromAllSpeech() -> Baseline? {
        if complete { return baseline }
        var copy = self
        copy.estimate()
        return copy.baseline
    }

    private mutating func estimate() {
        guard pitch.count >= 50, !tempo.isEmpty else { return }
        func mean(_ a: [Float]) -> Double { a.reduce(0.0) { $0 + Double($1) } / Double(a.count) }
        var levelMean = PowerMean()
        for v in level { levelMean.add(v) }
        let typical = mean(pitch)
        var deviation = 0.0
        for v in pitch { deviation += abs(Double(v) - typical) }
        baseline = Baseline(
            pitchSemitones: typical, pitchRangeSemitones: max(0.5, deviation / Double(pitch.count)),
            levelDB: levelMean.db, tempoSps: mean(tempo))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
