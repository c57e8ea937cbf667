/// Fundamental-frequency estimation from a frame's power spectrum.
///
/// Method: the autocorrelation is the inverse FFT of the power spectrum (Wiener-Khinchin),
/// sampled at 16 kHz or more (band-limited interpolation), normalised by its value at
/// lag 0 and by the analysis window's own autocorrelation (Boersma 1993). Local maxima in
/// the 60-500 Hz lag range are candidates, refined by parabolic interpolation and weighed
/// with Praat's octave cost; ``PitchPath`` chooses among them across frames. Because only
/// harmonic spacing matters, the method works on 300-3400 Hz telephone audio whose
/// fundamental is cut off.
///
/// `init` plans the FFT and precomputes the window correction; `candidates` allocates nothing.
public final class PitchTracker {
    /// Strength given up per octave of longer lag, so a periodic signal's peaks at 2T and
    /// 3T do not win over T (Praat's octave cost).
    public static let octaveCost: Float = 0.02
    /// Normalised autocorrelation a local maximum must exceed to be a candidate.
    static let peakFloor: Float = 0.3

    private let acf: RealFFT
    private let sourceBins: Int
    private let effectiveRate: Double
    private let minLag: Int, maxLag: Int
    private let lowestBin: Int
    /// Reciprocal of the window's normalised autocorrelation per lag (multiplied, not divided).
    private let windowCorrection: UnsafeMutablePointer<Float>

    /// Plans the autocorrelation FFT for spectra produced with `settings`.
    public init(settings: AnalysisSettings) {
        // The autocorrelation is sampled at 16 kHz or more whatever the input rate: the power
        // spectrum is cut (above 8 kHz) or zero-padded (band-limited interpolation) to fit,
        // so a short pitch period is not lost between two lag samples.
        var m = settings.fftSize
        let rate = Double(settings.sampleRate)
        while rate * Double(m) / Double(settings.fftSize) < 16000 { m *= 2 }
        while m % 4 == 0, rate * Double(m / 2) / Double(settings.fftSize) >= 16000 { m /= 2 }
        acf = RealFFT(size: m)
        sourceBins = min(m, settings.fftSize) / 2 + 1
        effectiveRate = rate * Double(m) / Double(settings.fftSize)
        minLag = max(2, Int((effectiveRate / settings.maxF0).rounded(.down)))
        maxLag = min(m / 2 - 2, Int((effectiveRate / settings.minF0).rounded(.up)) + 1)
        lowestBin = Int((50.0 * Double(settings.fftSize) / Double(settings.sampleRate)).rounded(.up))
        windowCorrection = .allocate(capacity: maxLag + 2)
        let scale = Double(settings.fftSize) / Double(m)
        for lag in 0..<(maxLag + 2) {
            let r = HannWindow.normalisedAutocorrelation(count: settings.windowSize, lag: Double(lag) * scale)
            windowCorrection[lag] = Float(1 / max(r, 0.05))
        }
    }

    deinit {
        windowCorrection.deallocate()
    }

    /// Finds the pitch candidates of one frame from its power spectrum.
    /// - Parameters:
    ///   - power: `fftSize / 2 + 1` power values of the windowed frame.
    ///   - into: receives up to ``PitchCandidates/capacity`` candidates (frequency, strength),
    ///     where strength is the normalised autocorrelation peak minus the octave cost.
    /// - Returns: the highest normalised autocorrelation peak (periodicity, 0...1).
    @discardableResult
    public func candidates(power: UnsafePointer<Float>, into result: inout PitchCandidates) -> Float {
        result.count = 0
        let spectrum = acf.spectrum
        VectorMath.interleaveWithZeros(power, into: spectrum, count: sourceBins)
        spectrum.update(repeating: 0, count: 2 * lowestBin)
        (spectrum + 2 * sourceBins).update(repeating: 0, count: 2 * (acf.binCount - sourceBins))
        acf.inverse()
        let r = acf.real
        let r0 = r[0]
        guard r0 > 1e-20 else { return 0 }
        // Normalise lags minLag-1 ... maxLag+1 in place: r / r(0) / window autocorrelation.
        VectorMath.multiply(
            r + minLag - 1, windowCorrection + minLag - 1, scaledBy: 1 / r0, into: r + minLag - 1,
            count: maxLag - minLag + 3)
        var best: Float = 0
        var lag = minLag
        while lag <= maxLag {
            // A peak stands above 0.3: eight lags at a time are passed over when none does.
            if lag + 8 <= maxLag + 1, VectorMath.allAtMost(Self.peakFloor, r + lag, count: 8) {
                lag += 8
                continue
            }
            let prev = r[lag - 1], here = r[lag], next = r[lag + 1]
            if here > Self.peakFloor, here >= prev, here > next {
                let denom = prev - 2 * here + next
                let shift = denom < 0 ? min(0.5, max(-0.5, 0.5 * (prev - next) / denom)) : 0
                let peak = min(1, here - 0.25 * (prev - next) * shift)
                let refined = Float(lag) + shift
                best = max(best, peak)
                result.insert(
                    frequency: Float(effectiveRate) / refined,
                    strength: peak - Self.octaveCost * log2f(refined / Float(minLag)))
            }
            lag += 1
        }
        return best
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
