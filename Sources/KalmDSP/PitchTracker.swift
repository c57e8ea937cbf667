/// Fundamental-frequency estimation from a frame's power spectrum.
///
/// Method: the autocorrelation is the inverse FFT of the power spectrum (Wiener-Khinchin),
/// band-limited to 4 kHz or more and computed on a shorter FFT, normalised by its value at
/// lag 0 and by the analysis window's own autocorrelation (Boersma 1993). Local maxima in
/// the 60-500 Hz lag range are candidates, refined by parabolic interpolation. The choice
/// between them uses Praat's octave cost (a small bonus for the shorter lag, so a periodic
/// signal's peaks at 2T and 3T do not win over T) and, while the previous hop was voiced,
/// an octave-jump cost against the previous pitch. Because only harmonic spacing matters,
/// the method works on 300-3400 Hz telephone audio whose fundamental is cut off.
///
/// `init` plans the FFT and precomputes the window correction; `process` allocates nothing.
public final class PitchTracker {
    /// Autocorrelation peak above which a hop may count as voiced.
    public static let voicingThreshold: Float = 0.5
    private static let octaveCost: Float = 0.04
    private static let octaveJumpCost: Float = 0.25
    private static let maxCandidates = 6

    private let acf: RealFFT
    private let sourceBins: Int
    private let effectiveRate: Double
    private let minLag: Int, maxLag: Int
    private let lowestBin: Int
    private let windowCorrection: UnsafeMutablePointer<Float>
    private let candidateLag: UnsafeMutablePointer<Float>
    private let candidateStrength: UnsafeMutablePointer<Float>
    private var previousF0: Float = 0

    /// Plans the autocorrelation FFT for spectra produced with `settings`.
    public init(settings: AnalysisSettings) {
        var m = settings.fftSize
        while m % 2 == 0, Double(settings.sampleRate) * Double(m / 2) / Double(settings.fftSize) >= 8000 {
            m /= 2
        }
        acf = RealFFT(size: m)
        sourceBins = m / 2 + 1
        effectiveRate = Double(settings.sampleRate) * Double(m) / Double(settings.fftSize)
        minLag = max(2, Int((effectiveRate / settings.maxF0).rounded(.down)))
        maxLag = min(m / 2 - 2, Int((effectiveRate / settings.minF0).rounded(.up)) + 1)
        lowestBin = Int((50.0 * Double(settings.fftSize) / Double(settings.sampleRate)).rounded(.up))
        windowCorrection = .allocate(capacity: maxLag + 2)
        let scale = Double(settings.fftSize) / Double(m)
        for lag in 0..<(maxLag + 2) {
            let r = HannWindow.normalisedAutocorrelation(count: settings.windowSize, lag: Double(lag) * scale)
            windowCorrection[lag] = Float(max(r, 0.05))
        }
        candidateLag = .allocate(capacity: Self.maxCandidates)
        candidateStrength = .allocate(capacity: Self.maxCandidates)
    }

    deinit {
        windowCorrection.deallocate()
        candidateLag.deallocate()
        candidateStrength.deallocate()
    }

    /// Forgets the previous pitch (start of a new utterance or a new call).
    public func reset() { previousF0 = 0 }

    /// Estimates pitch from one frame's power spectrum.
    /// - Parameters:
    ///   - power: `fftSize / 2 + 1` power values of the windowed frame.
    ///   - continuing: whether the previous hop was voiced, so continuity may be used.
    /// - Returns: the best candidate in Hz (0 if none) and its normalised autocorrelation.
    public func process(power: UnsafePointer<Float>, continuing: Bool) -> (f0: Float, periodicity: Float) {
        let spectrum = acf.spectrum
        for k in 0..<sourceBins {
            spectrum[2 * k] = k < lowestBin ? 0 : power[k]
            spectrum[2 * k + 1] = 0
        }
        acf.inverse()
        let r = acf.real
        let r0 = r[0]
        guard r0 > 1e-20 else {
            previousF0 = 0
            return (0, 0)
        }
        let inv0 = 1 / r0
        var count = 0
        var lag = minLag
        var prev = r[lag - 1] * inv0 / windowCorrection[lag - 1]
        var here = r[lag] * inv0 / windowCorrection[lag]
        while lag <= maxLag {
            let next = r[lag + 1] * inv0 / windowCorrection[lag + 1]
            if here > 0.3, here >= prev, here > next {
                let denom = prev - 2 * here + next
                let shift = denom < 0 ? min(0.5, max(-0.5, 0.5 * (prev - next) / denom)) : 0
                let peak = min(1, here - 0.25 * (prev - next) * shift)
                insertCandidate(lag: Float(lag) + shift, strength: peak, count: &count)
            }
            prev = here
            here = next
            lag += 1
        }
        guard count > 0 else {
            previousF0 = 0
            return (0, 0)
        }
        var bestScore = -Float.infinity, bestLag: Float = 0, bestStrength: Float = 0
        let useContinuity = continuing && previousF0 > 0
        for i in 0..<count {
            let lagValue = candidateLag[i]
            var score = candidateStrength[i] - Self.octaveCost * log2f(lagValue / Float(minLag))
            if useContinuity {
                let f = Float(effectiveRate) / lagValue
                score -= Self.octaveJumpCost * abs(log2f(f / previousF0))
            }
            if score > bestScore {
                bestScore = score
                bestLag = lagValue
                bestStrength = candidateStrength[i]
            }
        }
        let f0 = Float(effectiveRate) / bestLag
        previousF0 = bestStrength >= Self.voicingThreshold ? f0 : 0
        return (f0, bestStrength)
    }

    /// Keeps the strongest `maxCandidates` peaks.
    @inline(__always)
    private func insertCandidate(lag: Float, strength: Float, count: inout Int) {
        if count < Self.maxCandidates {
            candidateLag[count] = lag
            candidateStrength[count] = strength
            count += 1
            return
        }
        var weakest = 0
        for i in 1..<count where candidateStrength[i] < candidateStrength[weakest] { weakest = i }
        if strength > candidateStrength[weakest] {
            candidateLag[weakest] = lag
            candidateStrength[weakest] = strength
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
