#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Recognises the network's tones in a hop's power spectrum: call-progress tones (ringback,
/// busy and dial tones; in Europe a single 425 Hz sine switched on and off, elsewhere often
/// two sines, such as 350 + 440 Hz) and DTMF digits (one sine of 697-941 Hz plus one of
/// 1209-1633 Hz). They are sound, in the speech band and steady, yet no one speaks.
///
/// A tone puts all its energy into one spectral peak, the main lobe of the analysis window
/// (about 44 Hz either side for the 45 ms Hann window), and keeps it at one frequency from
/// hop to hop. A voice spreads its energy over several harmonics and formants: on the
/// generated calls of the main set (620 000 speech hops of espeak-ng and AMI voices, clean,
/// in noise, with echo and through the telephone band) the energy outside the strongest peak
/// is never less than -25.9 dB of the speech band (0.001 % quantile -24.1 dB), while a 425
/// Hz tone leaves -37 dB outside it (through mu-law -35 dB, through the GSM codec -34 dB).
/// A hop is a tone when less than ``residualLimitDB`` lies outside the peak and the peak is
/// where it was one hop before.
///
/// Two tones leave the same small residual outside their two peaks: a DTMF digit -35 dB,
/// through mu-law or A-law -33 dB. Outside a voice's two strongest peaks more can be
/// missing (down to -32.8 dB on the main set's 1.15 million speech hops), but never where
/// the two peaks are within ``dualToneBalanceDB`` of each other and stay put: of such speech
/// hops none is below -28 dB and one below -26 dB. A steady synthetic vowel of a high voice
/// can put nearly all its energy into two harmonics (its first two, at 400 and 800 Hz, in
/// the evaluation's pitch signals); two peaks whose frequencies stand in the ratio of two
/// harmonics, p / q with q up to 3 (within ``harmonicToleranceShare``), are therefore a
/// voice. A DTMF digit's two tones are at least 3.6 % from any such ratio, except the
/// fourth column's "A" (697 + 1633 Hz, 0.4 % from 7 / 3), which no phone's keypad has.
/// A hop is a dual tone under those conditions. (The GSM codec smears a DTMF digit to a
/// residual of about -27 dB, so digits through it are not recognised; two tones closer than
/// the main lobe, 440 + 480 Hz, are one broad peak and neither.)
///
/// Where the window covers only part of a tone (as it starts or stops) its peaks are
/// broad and its residual large. The hops just before a tone's first recognised hop and
/// just after its last one (up to ``edgeHops``) are the tone too when their strongest peak
/// lies at one of its frequencies (``precedingToneHops``): each burst of a ringback or busy
/// tone and each key press is recognised whole, its start and end included. (Even an edge
/// hop 50 dB under the tone, which would count for nothing as speech, taught the voice
/// activity detector a typical speech level that made the customer's quiet first syllable
/// too quiet to be theirs.)
public struct PureToneDetector: Sendable {
    /// The share of the speech band's energy outside the peak (or the two peaks) below which
    /// a hop is a tone, dB.
    public static let residualLimitDB: Float = -30
    /// How far from a ratio of two harmonics (p / q, q up to ``harmonicDenominators``) two
    /// peaks must be to be a dual tone, share of the ratio (a vibrato voice's peaks are
    /// within 0.7 % of 2 / 1).
    public static let harmonicToleranceShare: Float = 0.015
    /// The largest harmonic number of the lower peak in the harmonic ratio test.
    public static let harmonicDenominators = 3
    /// How many hops before a tone's first recognised hop and after its last one may still
    /// be the tone (the 45 ms window reaches 2.25 hops either side of its hop).
    public static let edgeHops = 5
    /// How much weaker than the stronger peak the weaker one of a dual tone may be, dB (a
    /// DTMF digit's two tones differ by at most 4-8 dB, their "twist").
    public static let dualToneBalanceDB: Float = 10

    /// The peaks of one hop and the share of the speech band's energy outside them.
    private struct Peaks {
        /// Bin of the strongest peak; -10 when the hop has no energy.
        var strongest: Int32 = -10
        /// Bins of the strongest peak and the strongest outside its main lobe, in order.
        var low: Int32 = -10
        var high: Int32 = -10
        /// Energy outside the strongest peak's main lobe, share of the band.
        var singleResidual: Float = 1
        /// Energy outside both main lobes, share of the band (1 when the two peaks are not
        /// balanced as a dual tone's are, or are two harmonics of one voice).
        var dualResidual: Float = 1
    }

    private let lowBin: Int
    private let highBin: Int
    private let halfWidth: Int
    private let residualLimit: Float
    private let dualToneBalance: Float
    /// The peaks of the last hops (more than ``edgeHops``), kept in place (no allocation).
    private var recent = InlineArray<8, Peaks>(repeating: Peaks())
    private var hops = 0
    private var toneLow: Int32 = -10
    private var toneHigh: Int32 = -10
    private var toneIsDual = false
    private var hopsSinceTone = Int.max
    private var hopsSinceRecognised = Int.max

    /// After ``isTone(power:bandPower:)`` recognised a tone in a hop, how many hops just before
    /// it were the tone's start and are to be counted as tone too (0 to ``edgeHops``).
    public private(set) var precedingToneHops = 0

    /// A detector for spectra of bins `lowBin..<highBin` (the speech band) from a window of
    /// `windowSize` samples zero-padded to `fftSize`.
    public init(lowBin: Int, highBin: Int, windowSize: Int, fftSize: Int) {
        self.lowBin = lowBin
        self.highBin = max(lowBin + 1, highBin)
        // The Hann window's main lobe reaches 2 / (window length) either side of the peak.
        halfWidth = max(1, Int((2 * Double(fftSize) / Double(windowSize)).rounded()))
        residualLimit = Decibels.toPower(Self.residualLimitDB)
        dualToneBalance = Decibels.toPower(-Self.dualToneBalanceDB)
    }

    /// Whether the hop whose speech-band power spectrum is `power` (with `bandPower` the sum
    /// of its bins `lowBin..<highBin`) is a steady tone of one or two sines.
    public mutating func isTone(power: UnsafePointer<Float>, bandPower: Float) -> Bool {
        let previous = recent[hops % recent.count]
        hops += 1
        let current = bandPower > 0 ? peaks(power, bandPower: bandPower) : Peaks()
        recent[hops % recent.count] = current
        precedingToneHops = 0

        var recognised = false
        if abs(current.strongest - previous.strongest) <= 1 && current.singleResidual < residualLimit {
            remember(current, dual: false)
            recognised = true
        } else if abs(current.low - previous.low) <= 1 && abs(current.high - previous.high) <= 1
            && current.dualResidual < residualLimit
        {
            remember(current, dual: true)
            recognised = true
        }
        if recognised {
            // The hops since the last tone hop that match this tone are its start.
            let back = min(Self.edgeHops, hopsSinceTone, hops - 1)
            while precedingToneHops < back
                && matchesKnownTone(recent[(hops - precedingToneHops - 1) % recent.count])
            {
                precedingToneHops += 1
            }
        }
        // The hops after the last recognised one that match it are its end.
        let tone = recognised || (hopsSinceRecognised < Self.edgeHops && matchesKnownTone(current))
        hopsSinceTone = Self.hopsSince(hopsSinceTone, now: tone)
        hopsSinceRecognised = Self.hopsSince(hopsSinceRecognised, now: recognised)
        return tone
    }

    /// A count of hops since an event, one hop on (`Int.max`: never happened).
    private static func hopsSince(_ count: Int, now happened: Bool) -> Int {
        happened ? 0 : count == Int.max ? Int.max : count + 1
    }

    private mutating func remember(_ peaks: Peaks, dual: Bool) {
        toneIsDual = dual
        toneLow = dual ? peaks.low : peaks.strongest
        toneHigh = dual ? peaks.high : -10
    }

    private func matchesKnownTone(_ peaks: Peaks) -> Bool {
        abs(peaks.strongest - toneLow) <= 1 || (toneIsDual && abs(peaks.strongest - toneHigh) <= 1)
    }

    private func peaks(_ power: UnsafePointer<Float>, bandPower: Float) -> Peaks {
        let first = Self.strongestBin(power, lowBin..<highBin)
        let firstLobe = max(lowBin, first - halfWidth)...min(highBin - 1, first + halfWidth)
        let below = Self.strongestBin(power, lowBin..<firstLobe.lowerBound)
        let above = Self.strongestBin(power, (firstLobe.upperBound + 1)..<highBin)
        let second = below < 0 || (above >= 0 && power[above] > power[below]) ? above : below
        var firstEnergy: Float = 0
        for k in firstLobe { firstEnergy += power[k] }
        var secondEnergy: Float = 0
        if second >= 0 {
            // The second lobe, without the bins it shares with the first.
            let from = max(lowBin, second - halfWidth, second > first ? firstLobe.upperBound + 1 : lowBin)
            let to = min(highBin - 1, second + halfWidth, second < first ? firstLobe.lowerBound - 1 : highBin - 1)
            if from <= to {
                for k in from...to { secondEnergy += power[k] }
            }
        }
        var dualResidual: Float = 1
        if second >= 0 && secondEnergy >= dualToneBalance * firstEnergy {
            dualResidual = (bandPower - firstEnergy - secondEnergy) / bandPower
            if dualResidual < residualLimit && areHarmonics(power, min(first, second), max(first, second)) {
                dualResidual = 1
            }
        }
        return Peaks(
            strongest: Int32(first),
            low: Int32(second >= 0 ? min(first, second) : first),
            high: Int32(second >= 0 ? max(first, second) : -10),
            singleResidual: (bandPower - firstEnergy) / bandPower,
            dualResidual: dualResidual)
    }

    /// The first bin of the strongest power in `bins`, or -1 when `bins` is empty.
    @inline(__always)
    private static func strongestBin(_ power: UnsafePointer<Float>, _ bins: Range<Int>) -> Int {
        guard !bins.isEmpty else { return -1 }
        let strongest = VectorMath.maximum(power, from: bins.lowerBound, to: bins.upperBound)
        return VectorMath.firstIndex(of: strongest, in: power, from: bins.lowerBound, to: bins.upperBound)
    }

    /// Whether the peaks at bins `low` < `high` are two harmonics of one fundamental: their
    /// frequencies (interpolated between bins) in a ratio p / q, q up to
    /// ``harmonicDenominators``.
    private func areHarmonics(_ power: UnsafePointer<Float>, _ low: Int, _ high: Int) -> Bool {
        let ratio = Self.interpolatedBin(power, low) / Self.interpolatedBin(power, high)
        for q in 1...Self.harmonicDenominators {
            let p = (Float(q) / ratio).rounded()
            if abs(p / Float(q) * ratio - 1) <= Self.harmonicToleranceShare { return true }
        }
        return false
    }

    /// The peak's position in fractional bins: the vertex of the parabola through the
    /// logarithms of the peak bin and its two neighbours.
    private static func interpolatedBin(_ power: UnsafePointer<Float>, _ k: Int) -> Float {
        let tiny = Float.leastNormalMagnitude
        let a = logf(max(power[k - 1], tiny))
        let b = logf(max(power[k], tiny))
        let c = logf(max(power[k + 1], tiny))
        let curvature = a - 2 * b + c
        return Float(k) + (curvature < 0 ? 0.5 * (a - c) / curvature : 0)
    }
}
