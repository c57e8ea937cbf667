/// Decibel conversions with a finite floor, so no output is ever -infinity or NaN.
public enum Decibels {
    /// The value reported for digital silence, in dB.
    public static let floor: Float = -120

    /// `10 * log10(power)`, clamped below at ``floor``.
    @inline(__always)
    public static func fromPower(_ power: Float) -> Float {
        guard power.isFinite, power > 1e-12 else { return floor }
        return Swift.max(floor, 10 * log10f(power))
    }

    /// ``fromPower(_:)`` of each lane.
    @inline(__always)
    public static func fromPower(_ power: SIMD8<Float>) -> SIMD8<Float> {
        SIMD8(
            fromPower(power[0]), fromPower(power[1]), fromPower(power[2]), fromPower(power[3]),
            fromPower(power[4]), fromPower(power[5]), fromPower(power[6]), fromPower(power[7]))
    }

    /// `10^(dB / 10)`: the power a level in dB stands for.
    @inline(__always)
    public static func toPower(_ dB: Float) -> Float { powf(10, dB / 10) }

    /// ``toPower(_:)`` of each lane, as `2^(dB * log2(10) / 10)` (exp2 costs a fraction of a
    /// general power).
    @inline(__always)
    public static func toPower(_ dB: SIMD8<Float>) -> SIMD8<Float> {
        let x = dB * log2TenOverTen
        return SIMD8(
            exp2f(x[0]), exp2f(x[1]), exp2f(x[2]), exp2f(x[3]), exp2f(x[4]), exp2f(x[5]), exp2f(x[6]), exp2f(x[7]))
    }

    private static let log2TenOverTen: Float = 0.33219280948873623
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
