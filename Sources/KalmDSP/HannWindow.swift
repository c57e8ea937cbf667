#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Periodic-free (symmetric) Hann window coefficients and their own autocorrelation.
public enum HannWindow {
    /// Fills `count` symmetric Hann coefficients into `into`.
    public static func fill(_ into: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count {
            into[i] = Float(0.5 - 0.5 * cos(2 * Double.pi * (Double(i) + 0.5) / Double(count)))
        }
    }

    /// The window's autocorrelation at a (fractional) lag in samples, normalised to 1 at lag 0.
    ///
    /// Boersma's (1993) closed form for a Hann window of length T:
    /// `(1 - |τ|/T) (2/3 + 1/3 cos(2πτ/T)) + sin(2π|τ|/T) / (2π)`; used to undo the window's
    /// taper in an autocorrelation pitch estimate.
    public static func normalisedAutocorrelation(count: Int, lag: Double) -> Double {
        let x = abs(lag) / Double(count)
        guard x < 1 else { return 0 }
        return (1 - x) * (2.0 / 3 + cos(2 * Double.pi * x) / 3) + sin(2 * Double.pi * x) / (2 * Double.pi)
    }
}
