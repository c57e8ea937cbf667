/// Frame-level voice activity for one party: speech-band energy (what the other party's echo
/// leaves of it) against the adaptive noise floor, helped by periodicity, vetoed when the
/// energy is explained by the other party's echo or is a call-progress tone (``PureToneDetector``), with a two-hop onset check and a
/// hangover so word endings are kept. Where the party's background keeps making runs of
/// evidence too short for a syllable (``BlipCounter``), speech starts only after four hops
/// of evidence, and is then dated back to its second hop as before. So it does before the
/// party's first syllable-long sound, while the counter has not yet had the time to learn
/// the background: a silent customer's room tone through a mobile codec made blips for the
/// 18 s the counter took, and three of them became interruptions.
///
/// Sound far below the party's own typical speech level (a running 80th percentile of their
/// speech energy) is someone else in the room, a colleague at the next desk, not the party:
/// it must lie within ``belowOwnSpeech`` dB of that level. Under the other party's echo only
/// the energy the echo leaves counts: a background that rose while the echo covered the
/// line, so that the noise floor had not followed it, stood 2-5 dB over that floor beside a
/// -12 dB echo, and with the echo's energy and periodicity it made 0.33 s of speech (seed
/// 277). The level starts from the party's first sound, but is forgotten again when that
/// sound ends before it was a syllable (a voiced hop after ``levelLearningHops`` of sound in
/// a row): a click on the line, a knock or a door heard before the party speaks would
/// otherwise set it, and a quiet party's words more than 25 dB under it would never count,
/// nor move it (before a customer speaking at -46 dBFS, a 5 ms click at full scale left
/// 0.08 s of their 14.85 s of speech, 150 ms of loud noise 0.22 s).
///
/// Noise masks the quiet edges of words, so the gap between two words looks longer than it
/// is. The detector therefore widens each speech run at both ends by ``edgeHops``, which
/// grows as the party's speech-to-noise ratio falls (0 on clean audio, up to 80 ms at 5 dB).
/// The hangover applies it after a run; ``SpeechGapBridge`` applies it before one.
/// Gaps of up to 0.15 s are bridged afterwards by ``SpeechGapBridge``.
public struct VoiceActivityDetector: Sendable {
    /// Energy above the noise floor that alone makes a hop speech, dB.
    public static let energyThreshold: Float = 3
    /// Lower energy margin that suffices for a clearly periodic (voiced) hop, dB.
    public static let voicedEnergyThreshold: Float = 1.5
    /// Periodicity that lets the lower margin apply.
    public static let voicedPeriodicity: Float = 0.5
    /// Absolute speech-band energy below which nothing is speech, dBFS: well above 16-bit
    /// quantisation noise, low enough for a microphone set 30 dB too low (at -70 dBFS such a
    /// microphone lost 7 % of its speech hops).
    public static let absoluteFloor: Float = -80
    /// Hops kept as speech after the evidence ends, before any edge widening.
    public static let hangoverHops = 4
    /// Hops of evidence in a row that start speech after silence.
    public static let onsetHops = 2
    /// Hops of evidence in a row that start speech while the party's background makes blips
    /// (``BlipCounter``): longer than a blip.
    public static let blipProofOnsetHops = BlipCounter.longestBlipHops + 1
    /// Speech-to-noise ratio at and above which runs are not widened, dB.
    public static let cleanSNR: Float = 24
    /// Widening per dB of speech-to-noise ratio below ``cleanSNR``, hops.
    public static let edgeHopsPerDB: Float = 0.6
    /// Largest widening, hops.
    public static let maximumEdgeHops = 8
    /// How far below the party's typical speech level their own speech may lie, dB.
    public static let belowOwnSpeech: Float = 25
    /// Hops of sound in a row after which a voiced hop confirms the party's typical speech
    /// level as theirs.
    public static let levelLearningHops = 8
    private static let levelStep: Float = 0.25
    private static let levelQuantile: Float = 0.8

    private var consecutive = 0
    private var soundingRun = 0
    private var hangover = 0
    private var active = false
    private var speechLevel: Float = Decibels.floor
    private var levelConfirmed = false
    private var blips = BlipCounter()

    /// Hops since the party last spoke, as of the hop last decided (before the gap bridge):
    /// 0 while they speak, and a very large number before they first have.
    public private(set) var hopsSinceSpeech = Int(Int32.max)

    /// Hops the party has been speaking, as of the hop last decided: 0 while silent.
    public private(set) var speakingHops = 0

    /// Hops by which speech runs are currently widened at each end.
    public private(set) var edgeHops = 0

    /// Hops before an onset hop that are speech too: the onset's earlier evidence after its
    /// second hop, and the edge widening (passed to ``SpeechGapBridge/push(_:preRoll:)``).
    public var preRollHops: Int { edgeHops + currentOnsetHops - 2 }

    private var currentOnsetHops: Int {
        blips.frequent || !levelConfirmed ? Self.blipProofOnsetHops : Self.onsetHops
    }

    public init() {}

    /// Decides whether `frame` is speech.
    /// - Parameter echo: whether ``EchoGate`` attributes the frame's energy to the other party.
    ///   (A frame marked ``FrameFeatures/tone`` is never speech either.)
    /// - Parameter echoFreeEnergyDB: the frame's speech-band energy that the other party's
    ///   echo does not explain (``EchoGate/unexplainedEnergyDB``); its margin over the noise
    ///   floor and its distance under the party's speech level are what count. Infinity
    ///   where there is no other party.
    public mutating func decide(_ frame: FrameFeatures, echo: Bool, echoFreeEnergyDB: Float = .infinity) -> Bool {
        let ownEnergy = min(frame.bandEnergyDB, echoFreeEnergyDB)
        let margin = ownEnergy - frame.noiseFloorDB
        let sounding =
            !echo && !frame.tone && frame.bandEnergyDB > Self.absoluteFloor
            && (margin > Self.energyThreshold
                || (margin > Self.voicedEnergyThreshold && frame.periodicity >= Self.voicedPeriodicity))
        let evidence = sounding && ownEnergy > speechLevel - Self.belowOwnSpeech
        soundingRun = sounding ? soundingRun + 1 : 0
        if !sounding && !levelConfirmed {
            // The sound the level started from ended before it was a syllable: forget it.
            speechLevel = Decibels.floor
            edgeHops = 0
        }
        if evidence && soundingRun >= Self.levelLearningHops && frame.periodicity >= Self.voicedPeriodicity {
            levelConfirmed = true
        }
        if evidence {
            if speechLevel <= Decibels.floor {
                speechLevel = frame.bandEnergyDB
            } else if frame.bandEnergyDB > speechLevel {
                speechLevel += Self.levelStep * Self.levelQuantile
            } else {
                speechLevel -= Self.levelStep * (1 - Self.levelQuantile)
            }
            let snr = speechLevel - frame.noiseFloorDB
            edgeHops = min(Self.maximumEdgeHops, max(0, Int(((Self.cleanSNR - snr) * Self.edgeHopsPerDB).rounded())))
        }
        consecutive = evidence ? consecutive + 1 : 0
        let onsetHops = currentOnsetHops
        blips.update(evidence: evidence, speaking: active)
        if consecutive >= onsetHops || (active && evidence) {
            active = true
            hangover = Self.hangoverHops + edgeHops
        } else if active {
            if hangover > 0 {
                hangover -= 1
            } else {
                active = false
            }
        }
        hopsSinceSpeech = active ? 0 : min(hopsSinceSpeech + 1, Int(Int32.max))
        speakingHops = active ? min(speakingHops + 1, Int(Int32.max)) : 0
        return active
    }
}
