/// What the tension model and the cue engine need of one party's hop.
public struct VoiceObservation: Sendable {
    /// Hop index.
    public var index: Int
    /// Whether the party speaks.
    public var speech: Bool
    /// Pitch in Hz, 0 when unvoiced.
    public var f0: Float
    /// Voice level in dBFS: the hop's level with the background's share taken out
    /// (`FrameFeatures.voiceLevelDB`), which baselines, tension, episodes and cues judge.
    public var levelDB: Float
    /// Articulation rate in syllables per second, 0 when unknown.
    public var tempo: Float

    public init(index: Int, speech: Bool, f0: Float, levelDB: Float, tempo: Float) {
        self.index = index
        self.speech = speech
        self.f0 = f0
        self.levelDB = levelDB
        self.tempo = tempo
    }

    /// Pitch in semitones relative to 100 Hz.
    public var semitones: Float { 12 * log2f(f0 / 100) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
