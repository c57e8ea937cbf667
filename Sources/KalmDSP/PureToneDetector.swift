/// Recognises a call-progress tone in a hop's power spectrum: ringback, busy and dial tones
/// (in Europe a single 425 Hz sine, switched on and off) are sound, periodic and in the
/// speech band, yet no one speaks.
///
/// A tone puts all its energy into one spectral peak, the main lobe of the analysis window
/// (about 44 Hz either side for the 45 ms Hann window), and keeps it at one frequency from
/// hop to hop. A voice spreads its energy over several harmonics and formants: on the
/// generated calls of the main set (620 000 speech hops of espeak-ng and AMI voices, clean,
/// in noise, with echo and through the telephone band) the energy outside the strongest peak
/// is never less than -25.9 dB of the speech band (0.001 % quantile -24.1 dB), while a 425
/// Hz tone leaves -37 dB outside it (through mu-law -35 dB, through the GSM codec -34 dB).
/// A hop is a tone when less than ``residualLimitDB`` lies outside the peak and the peak is
/// where it was one hop before. Where the window covers only part of a tone (as it starts
/// or stops) the peak is broader; once a tone has been heard, a hop whose peak lies at the
/// same frequency with less than ``knownToneResidualDB`` outside it is that tone again, for
/// ``memoryHops`` after the last tone hop: the next burst of a ringback or busy tone.
///
/// Dual tones (DTMF digits, the 350 + 440 Hz North American dial tone) have two peaks and
/// are not recognised; two tones closer than the main lobe (440 + 480 Hz) count as one.
public struct PureToneDetector: Sendable {
    /// The share of the speech band's energy outside the peak below which a hop is a tone, dB.
    public static let residualLimitDB: Float = -30
    /// The same for a hop at the frequency of a tone heard in the last ``memoryHops``, dB.
    public static let knownToneResidualDB: Float = -2
    /// How long a tone's frequency is remembered, hops (ringback repeats every 5 s).
    public static let memoryHops = 600
    private let lowBin: Int
    private let highBin: Int
    private let halfWidth: Int
    private let residualLimit: Float
    private let knownToneResidualLimit: Float
    private var previousPeak = -2
    private var toneBin = -2
    private var hopsSinceTone = Int.max

    /// A detector for spectra of bins `lowBin..<highBin` (the speech band) from a window of
    /// `windowSize` samples zero-padded to `fftSize`.
    public init(lowBin: Int, highBin: Int, windowSize: Int, fftSize: Int) {
        self.lowBin = lowBin
        self.highBin = max(lowBin + 1, highBin)
        // The Hann window's main lobe reaches 2 / (window length) either side of the peak.
        halfWidth = max(1, Int((2 * Double(fftSize) / Double(windowSize)).rounded()))
        residualLimit = Decibels.toPower(Self.residualLimitDB)
        knownToneResidualLimit = Decibels.toPower(Self.knownToneResidualDB)
    }

    /// Whether the hop whose speech-band power spectrum is `power` (with `bandPower` the sum
    /// of its bins `lowBin..<highBin`) is a steady pure tone.
    public mutating func isTone(power: UnsafePointer<Float>, bandPower: Float) -> Bool {
        var peak = lowBin
        for k in lowBin..<highBin where power[k] > power[peak] { peak = k }
        var lobe: Float = 0
        for k in max(lowBin, peak - halfWidth)...min(highBin - 1, peak + halfWidth) { lobe += power[k] }
        let steady = abs(peak - previousPeak) <= 1
        previousPeak = peak
        let residual = bandPower - lobe
        let tone =
            bandPower > 0
            && ((steady && residual < residualLimit * bandPower)
                || (hopsSinceTone <= Self.memoryHops && abs(peak - toneBin) <= 1
                    && residual < knownToneResidualLimit * bandPower))
        if tone {
            toneBin = peak
            hopsSinceTone = 0
        } else if hopsSinceTone != Int.max {
            hopsSinceTone += 1
        }
        return tone
    }
}
