/// Frame-level voice activity for one party: speech-band energy against the adaptive noise
/// floor, helped by periodicity, vetoed when the energy is explained by the other party's
/// echo, with a two-hop onset check and a short hangover so word endings are kept.
///
/// Gaps of up to 0.15 s are bridged afterwards by ``SpeechGapBridge``.
public struct VoiceActivityDetector: Sendable {
    /// Energy above the noise floor that alone makes a hop speech, dB.
    public static let energyThreshold: Float = 6
    /// Lower energy margin that suffices for a clearly periodic (voiced) hop, dB.
    public static let voicedEnergyThreshold: Float = 3
    /// Periodicity that lets the lower margin apply.
    public static let voicedPeriodicity: Float = 0.6
    /// Absolute speech-band energy below which nothing is speech, dBFS.
    public static let absoluteFloor: Float = -70
    /// Hops kept as speech after the evidence ends.
    public static let hangoverHops = 4

    private var consecutive = 0
    private var hangover = 0
    private var active = false

    public init() {}

    /// Decides whether `frame` is speech.
    /// - Parameter echo: whether ``EchoGate`` attributes the frame's energy to the other party.
    public mutating func decide(_ frame: FrameFeatures, echo: Bool) -> Bool {
        let margin = frame.bandEnergyDB - frame.noiseFloorDB
        let evidence =
            !echo && frame.bandEnergyDB > Self.absoluteFloor
            && (margin > Self.energyThreshold
                || (margin > Self.voicedEnergyThreshold && frame.periodicity >= Self.voicedPeriodicity))
        consecutive = evidence ? consecutive + 1 : 0
        if consecutive >= 2 || (active && evidence) {
            active = true
            hangover = Self.hangoverHops
        } else if active {
            if hangover > 0 {
                hangover -= 1
            } else {
                active = false
            }
        }
        return active
    }
}
