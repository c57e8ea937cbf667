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

    /// The window's autocorrelation at a (fractional) lag, normalised to 1 at lag 0.
    ///
    /// Used to undo the window's taper in an autocorrelation pitch estimate (Boersma 1993).
    public static func normalisedAutocorrelation(count: Int, lag: Double) -> Double {
        var sum = 0.0, zero = 0.0
        let n = Double(count)
        func w(_ x: Double) -> Double {
            x < 0 || x >= n ? 0 : 0.5 - 0.5 * cos(2 * Double.pi * (x + 0.5) / n)
        }
        for i in 0..<count {
            let a = w(Double(i))
            zero += a * a
            sum += a * w(Double(i) + lag)
        }
        return zero > 0 ? sum / zero : 0
    }
}
