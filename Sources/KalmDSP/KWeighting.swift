#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ITU-R BS.1770 K-weighting (high-shelf pre-filter + RLB high-pass), re-derived for any
/// sample rate from the filters' analogue parameters, as squared magnitude per FFT bin.
///
/// The two biquads are designed with the bilinear transform at the given rate (the same
/// parameterisation libebur128 uses; at 48 kHz it reproduces the coefficients printed in
/// the standard), and their combined |H|² is evaluated at each bin, so a loudness value is a
/// weighted sum over the power spectrum the analyser already computes.
public enum KWeighting {
    /// Squared magnitude response of the K-weighting filter at `frequency` Hz for `sampleRate`.
    public static func powerGain(frequency: Double, sampleRate: Double) -> Double {
        let shelf = highShelf(sampleRate: sampleRate)
        let rlb = highPass(sampleRate: sampleRate)
        let w = 2 * Double.pi * frequency / sampleRate
        return magnitudeSquared(shelf, w) * magnitudeSquared(rlb, w)
    }

    /// Fills the squared K-weighting gain for bins `0..<binCount` of an FFT of `fftSize`.
    public static func fillBinGains(
        _ gains: UnsafeMutablePointer<Float>, binCount: Int, fftSize: Int, sampleRate: Double
    ) {
        for k in 0..<binCount {
            gains[k] = Float(powerGain(frequency: Double(k) * sampleRate / Double(fftSize), sampleRate: sampleRate))
        }
    }

    private typealias Biquad = (b0: Double, b1: Double, b2: Double, a1: Double, a2: Double)

    private static func highShelf(sampleRate: Double) -> Biquad {
        let f0 = 1681.974450955533, gainDB = 3.999843853973347, q = 0.7071752369554196
        let k = tan(Double.pi * f0 / sampleRate)
        let vh = pow(10, gainDB / 20), vb = pow(vh, 0.4996667741545416)
        let a0 = 1 + k / q + k * k
        return (
            (vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
            2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0
        )
    }

    private static func highPass(sampleRate: Double) -> Biquad {
        let f0 = 38.13547087602444, q = 0.5003270373238773
        let k = tan(Double.pi * f0 / sampleRate)
        let a0 = 1 + k / q + k * k
        return (1, -2, 1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0)
    }

    private static func magnitudeSquared(_ f: Biquad, _ w: Double) -> Double {
        let (c1, s1, c2, s2) = (cos(w), sin(w), cos(2 * w), sin(2 * w))
        let nr = f.b0 + f.b1 * c1 + f.b2 * c2, ni = -(f.b1 * s1 + f.b2 * s2)
        let dr = 1 + f.a1 * c1 + f.a2 * c2, di = -(f.a1 * s1 + f.a2 * s2)
        return (nr * nr + ni * ni) / (dr * dr + di * di)
    }
}
