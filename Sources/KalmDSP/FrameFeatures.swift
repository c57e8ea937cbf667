#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything kalm measures for one party in one 10 ms hop.
///
/// A plain value with no references: analysers fill it in place, nothing is allocated.
/// Unknown values are `0` (pitch, tempo) and are written as empty fields by the sinks.
public struct FrameFeatures: Sendable, Equatable {
    /// Hop index `k`; the hop covers `[k, k+1) x 10 ms`.
    public var index: Int = 0
    /// RMS level of the hop in dBFS (a full-scale square wave is 0 dB); at least ``Decibels/floor``.
    public var levelDB: Float = Decibels.floor
    /// K-weighted loudness of the 45 ms window around the hop, LUFS-like (BS.1770 scale).
    public var loudness: Float = Decibels.floor
    /// Energy in the speech band (250-3600 Hz) of the window, dBFS.
    public var bandEnergyDB: Float = Decibels.floor
    /// Energies of the eight speech sub-bands of the window, dBFS.
    public var bands = SpeechBands()
    /// Estimated noise floor of each speech sub-band, dBFS.
    public var bandFloors = SpeechBands()
    /// Peak of the window-corrected normalised autocorrelation in the pitch range, 0...1.
    public var periodicity: Float = 0
    /// Frequency of the hop's strongest pitch candidate in Hz, before the pitch path's
    /// choice across hops (0 when there is none).
    public var periodicFrequency: Float = 0
    /// Pitch chosen by the pitch path in Hz regardless of voice activity (0 when unvoiced).
    public var f0Candidate: Float = 0
    /// Whether the hop's sound is a steady pure tone (a ringback or busy tone), not a voice.
    public var tone: Bool = false
    /// Estimated noise floor of the speech band, dBFS.
    public var noiseFloorDB: Float = Decibels.floor
    /// Whether the party is speaking in this hop (voice activity after hangover).
    public var speech: Bool = false
    /// Fundamental frequency in Hz when the hop is voiced speech, else 0.
    public var f0: Float = 0
    /// Articulation rate in syllables per second over the recent speech, 0 when unknown.
    public var tempo: Float = 0
    /// Syllable nuclei confirmed at this hop (0 or 1; a nucleus is confirmed a few hops
    /// after its peak).
    public var nuclei: Int = 0

    /// The hop's level with the background's share taken out, dBFS: ``levelDB`` scaled by the
    /// share of the speech band's energy that lies above its noise floor (at most 10 dB off),
    /// so a voice raised in steady noise reads as raised as it is; at least ``Decibels/floor``.
    public var voiceLevelDB: Float {
        let share = 1 - Decibels.toPower(noiseFloorDB - bandEnergyDB)
        return Swift.max(Decibels.floor, levelDB + 10 * log10f(Swift.max(share, 0.1)))
    }

    /// Start time of the hop in seconds.
    public var time: Double { Double(index) * AnalysisSettings.hopSeconds }

    public init() {}
}
