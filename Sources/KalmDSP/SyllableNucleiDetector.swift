/// Finds syllable nuclei online, after de Jong & Wempe (2009): a peak of speech-band energy
/// that rises at least ``dip`` dB above the preceding dip and falls at least ``dip`` dB after
/// it, lies inside speech, is voiced, and stands well above the noise floor.
///
/// Frames must arrive in order with their final speech decision. A nucleus is reported when
/// its falling side is confirmed (or the speech ends), a few hops after its peak.
public struct SyllableNucleiDetector: Sendable {
    /// Rise and fall around a peak that make it a nucleus, dB.
    public static let dip: Float = 2
    /// How far above the noise floor a nucleus must peak, dB.
    public static let minimumAboveFloor: Float = 8
    /// Periodicity a nucleus peak needs (it must be voiced).
    public static let minimumPeriodicity: Float = 0.45

    private var valley: Float = .infinity
    private var peak: Float = -.infinity
    private var peakQualifies = false
    private var tracking = false

    public init() {}

    /// Feeds one frame.
    /// - Returns: `true` when a nucleus was confirmed with this frame.
    public mutating func process(_ frame: FrameFeatures) -> Bool {
        let energy = frame.bandEnergyDB
        guard frame.speech else {
            let pending = tracking && peakQualifies
            tracking = false
            valley = .infinity
            return pending
        }
        if tracking {
            if energy > peak {
                peak = energy
                peakQualifies = qualifies(frame)
            } else if energy < peak - Self.dip {
                let confirmed = peakQualifies
                tracking = false
                valley = energy
                return confirmed
            }
        } else {
            if energy > valley + Self.dip {
                tracking = true
                peak = energy
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
