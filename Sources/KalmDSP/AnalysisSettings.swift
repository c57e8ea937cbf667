/// The fixed signal-processing settings of one party's analyser, derived from the sample rate.
///
/// Every frame is one 10 ms hop; the spectral window is centred on the hop's centre, so an
/// analyser reports frame `k` a fixed ``delayHops`` hops after it has received hop `k`.
public struct AnalysisSettings: Sendable, Equatable {
    /// Input sample rate in Hz.
    public let sampleRate: Int
    /// Samples per 10 ms hop.
    public let hopSize: Int
    /// Samples in the spectral / pitch analysis window (45 ms, even).
    public let windowSize: Int
    /// FFT length for the analysis window (power of two, room for the longest pitch lag).
    public let fftSize: Int
    /// Hops until the window centred on hop `k` has been received.
    public let windowDelayHops: Int
    /// Hops between receiving hop `k` and reporting frame `k` (window plus pitch-path lag).
    public var delayHops: Int { windowDelayHops + PitchPath.lagHops }
    /// Lowest and highest fundamental frequency searched, Hz.
    public let minF0: Double, maxF0: Double
    /// Speech band used for voice activity and syllable nuclei, Hz.
    public let speechBand: ClosedRange<Double>

    /// Hop duration in seconds (always 0.01).
    public static let hopSeconds = 0.01

    /// Derives the settings for `sampleRate` (8 000 to 192 000 Hz).
    public init(sampleRate: Int) {
        precondition(sampleRate >= 8000 && sampleRate <= 192_000)
        self.sampleRate = sampleRate
        hopSize = sampleRate / 100
        let window = Int((0.045 * Double(sampleRate)).rounded())
        windowSize = window + window % 2
        minF0 = 60
        maxF0 = 500
        let longestLag = Int((Double(sampleRate) / minF0).rounded(.up))
        var n = 256
        while n < windowSize + longestLag { n *= 2 }
        fftSize = n
        windowDelayHops = Int((Double(hopSize / 2 + windowSize / 2) / Double(hopSize)).rounded(.up)) - 1
        speechBand = 250...min(3600, Double(sampleRate) / 2 - 100)
    }
}
