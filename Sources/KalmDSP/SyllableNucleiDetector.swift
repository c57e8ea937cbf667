/// Finds syllable nuclei online, after de Jong & Wempe (2009): a peak of speech-band energy
/// that rises at least ``dip`` dB above the preceding dip and falls at least ``dip`` dB after
/// it, lies inside speech, is voiced, and stands well above the noise floor.
///
/// Frames must arrive in order with their final speech decision. A nucleus is reported when
/// its falling side is confirmed (or the speech ends), a few hops after its peak. A peak
/// closer to the previous nucleus than ``minimumSpacingShare`` of the current syllable
/// period (from ``rate``) is the same syllable: the energy of a long, slowly spoken or
/// stretched vowel ripples, and counting its ripples made slow speech read fast.
public struct SyllableNucleiDetector: Sendable {
    /// Smallest and largest rise and fall around a peak that make it a nucleus, dB.
    public static let minimumDip: Float = 1.5
    public static let maximumDip: Float = 4
    /// The dip is this share of the energy range of the last 300 ms of speech.
    public static let dipShare: Float = 0.25
    private var dip: Float = 2
    private var recentPosition = 0
    private var recent: (Float, Float, Float, Float, Float, Float, Float, Float, Float, Float,
                         Float, Float, Float, Float, Float, Float, Float, Float, Float, Float,
                         Float, Float, Float, Float, Float, Float, Float, Float, Float, Float) =
        (-.infinity, -.infinity, -.infinity, -.infinity, -.infinity, -.infinity, -.infinity, -.infinity, -.infinity, -.infinity,
         -.infinity, -.infinity, -.infinity, -.infinity, -.infinity, -.infinity, -.infinity, -.infinity, -.infinity, -.infinity,
         -.infinity, -.infinity, -.infinity, -.infinity, -.infinity, -.infinity, -.infinity, -.infinity, -.infinity, -.infinity)
    /// How far above the noise floor a nucleus must peak, dB.
    public static let minimumAboveFloor: Float = 8
    /// Periodicity a nucleus peak needs (it must be voiced).
    public static let minimumPeriodicity: Float = 0.45

    /// Hops since the last nucleus' peak, and since the peak being tracked.
    private var hopsSincePeak = Int.max / 2
    private var peakAge = 0
    /// Nuclei closer than this share of the current syllable period are one (0.4: on
    /// time-stretched real speech 0.5 and 0.6 did worse, tools/evaluate).
    public static let minimumSpacingShare: Float = 0.4
    /// The party's current syllable rate (syllables per second; 0 = unknown), set by the
    /// caller from ``TempoEstimator/rate`` before each frame.
    public var rate: Float = 0
    private var valley: Float = .infinity
    private var peak: Float = -.infinity
    private var peakQualifies = false
    private var tracking = false

    public init() {}

    /// Feeds one frame.
    /// - Returns: `true` when a nucleus was confirmed with this frame.
    public mutating func process(_ frame: FrameFeatures) -> Bool {
        let confirmed = detect(frame)
        hopsSincePeak += 1
        guard confirmed else { return false }
        let minimum = rate > 0 ? Int(Double(Self.minimumSpacingShare / rate) / AnalysisSettings.hopSeconds) : 0
        let spacing = hopsSincePeak - peakAge
        guard spacing >= minimum else { return false }
        hopsSincePeak = peakAge
        return true
    }

    private mutating func detect(_ frame: FrameFeatures) -> Bool {
        let energy = frame.bandEnergyDB
        if tracking { peakAge += 1 }
        withUnsafeMutableBytes(of: &recent) { raw in
            let r = raw.bindMemory(to: Float.self)
            r[recentPosition] = frame.speech ? energy : -.infinity
            var hi = -Float.infinity, lo = Float.infinity
            for v in r where v > -.infinity {
                hi = max(hi, v)
                lo = min(lo, v)
            }
            dip = hi > lo ? min(Self.maximumDip, max(Self.minimumDip, Self.dipShare * (hi - lo))) : Self.minimumDip
        }
        recentPosition = (recentPosition + 1) % 30
        guard frame.speech else {
            let pending = tracking && peakQualifies
            tracking = false
            valley = .infinity
            return pending
        }
        if tracking {
            if energy > peak {
                peak = energy
                peakAge = 0
                peakQualifies = qualifies(frame)
            } else if energy < peak - dip {
                let confirmed = peakQualifies
                tracking = false
                valley = energy
                return confirmed
            }
        } else {
            if energy > valley + dip {
                tracking = true
                peak = energy
                peakAge = 0
                peakQualifies = qualifies(frame)
            } else {
                valley = min(valley, energy)
            }
        }
        return false
    }

    private func qualifies(_ frame: FrameFeatures) -> Bool {
        frame.periodicity >= Self.minimumPeriodicity
            && frame.bandEnergyDB >= frame.noiseFloorDB + Self.minimumAboveFloor
    }
}
