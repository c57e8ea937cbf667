/// Tells whether a stereo recording's two channels carry one signal: the same samples twice,
/// or one a scaled copy of the other, as when one party's recording is stored as stereo or a
/// mono microphone is captured through a stereo device. Analysed as two parties, such a
/// recording gives two identical speakers talking at once all the time.
///
/// The test: the share of the left channel's energy left after taking away the best-scaled
/// copy of the right one is under ``residualShare`` (-30 dB). Two people on two channels
/// leave nearly all of it: of the 2127 stereo files of the generated sets, counter rooms with
/// the other party's crosstalk at -6 dB included, none comes closer than -0.3 dB.
public struct OneSignalTest: Sendable {
    /// The residual share under which the channels carry one signal (-30 dB).
    public static let residualShare = 0.001
    private var left = 0.0
    private var right = 0.0
    private var product = 0.0

    public init() {}

    /// Adds `frameCount` interleaved stereo frames.
    public mutating func add(interleaved samples: UnsafePointer<Float>, frameCount: Int) {
        for i in 0..<frameCount {
            let l = Double(samples[2 * i])
            let r = Double(samples[2 * i + 1])
            left += l * l
            right += r * r
            product += l * r
        }
    }

    /// Whether the frames added so far carry one signal on both channels (false while either
    /// channel has been silent throughout).
    public var carriesOneSignal: Bool {
        guard left > 0, right > 0 else { return false }
        return (left - product * product / right) / left < Self.residualShare
    }
}
