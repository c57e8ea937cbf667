import Foundation

/// Test signals whose truth is known exactly.
public enum Signals {
    /// A harmonic tone with all harmonics below `cutoff` (default Nyquist - 200 Hz) at 1/h
    /// amplitude, optionally only those above `lowCut` (telephone band: missing fundamental).
    public static func harmonic(
        f0: Double, seconds: Double, rate: Int, amplitude: Double = 0.3, lowCut: Double = 0,
        cutoff: Double? = nil
    ) -> [Float] {
        let n = Int(seconds * Double(rate))
        let top = cutoff ?? Double(rate) / 2 - 200
        var out = [Float](repeating: 0, count: n)
        var h = 1
        var norm = 0.0
        while Double(h) * f0 < top {
            if Double(h) * f0 >= lowCut {
                let w = 2 * Double.pi * Double(h) * f0 / Double(rate)
                for i in 0..<n { out[i] += Float(sin(w * Double(i)) / Double(h)) }
                norm += 1 / Double(h)
            }
            h += 1
        }
        let scale = Float(amplitude / max(norm, 1e-9))
        return out.map { $0 * scale }
    }

    /// A sine at `frequency` Hz with peak `amplitude`.
    public static func sine(frequency: Double, seconds: Double, rate: Int, amplitude: Double) -> [Float] {
        (0..<Int(seconds * Double(rate))).map { Float(amplitude * sin(2 * Double.pi * frequency * Double($0) / Double(rate))) }
    }

    /// DTMF key presses: for each key of `keys` ("0"-"9", "*", "#", "A"-"D") its two tones
    /// (697-941 Hz and 1209-1633 Hz, the higher `twistDB` louder) for `on` seconds, then
    /// `off` seconds of silence; each tone's peak is `amplitude`.
    public static func dtmf(
        _ keys: String, on: Double, off: Double, rate: Int, amplitude: Double = 0.1, twistDB: Double = 0
    ) -> [Float] {
        let rows: [Double] = [697, 770, 852, 941]
        let columns: [Double] = [1209, 1336, 1477, 1633]
        let layout = ["123A", "456B", "789C", "*0#D"]
        var out: [Float] = []
        for key in keys {
            guard let row = layout.firstIndex(where: { $0.contains(key) }),
                let column = Array(layout[row]).firstIndex(of: key)
            else { preconditionFailure("not a DTMF key: \(key)") }
            let low = sine(frequency: rows[row], seconds: on, rate: rate, amplitude: amplitude)
            let high = sine(frequency: columns[column], seconds: on, rate: rate, amplitude: amplitude * pow(10, twistDB / 20))
            out += mix(low, high) + silence(seconds: off, rate: rate)
        }
        return out
    }

    /// Deterministic white noise with RMS `rms` (a linear congruential generator, seeded).
    public static func noise(seconds: Double, rate: Int, rms: Double, seed: UInt64 = 1) -> [Float] {
        var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (0..<Int(seconds * Double(rate))).map { _ in Float((uniform(&state) - 0.5) * sqrt(12) * rms) }
    }

    /// The next value in [0, 1) of the linear congruential generator at `state`.
    private static func uniform(_ state: inout UInt64) -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }

    /// Digital silence.
    public static func silence(seconds: Double, rate: Int) -> [Float] {
        [Float](repeating: 0, count: Int(seconds * Double(rate)))
    }

    /// Speech-like bursts: a harmonic tone switched on for each `(start, end)` in seconds,
    /// with 10 ms ramps, amplitude-modulated at `syllableRate` Hz (12 dB deep) when given.
    public static func bursts(
        _ spans: [(Double, Double)], seconds: Double, rate: Int, f0: Double = 150, amplitude: Double = 0.3,
        syllableRate: Double? = nil
    ) -> [Float] {
        let tone = harmonic(f0: f0, seconds: seconds, rate: rate, amplitude: amplitude)
        var out = [Float](repeating: 0, count: tone.count)
        let ramp = Double(rate) * 0.01
        for (a, b) in spans {
            let s = Int(a * Double(rate)), e = min(tone.count, Int(b * Double(rate)))
            guard s < e else { continue }
            for i in s..<e {
                var g = min(1, min(Double(i - s), Double(e - 1 - i)) / ramp)
                if let r = syllableRate {
                    let t = Double(i - s) / Double(rate)
                    g *= pow(10, (6 * cos(2 * Double.pi * r * t) - 6) / 20)
                }
                out[i] = tone[i] * Float(g)
            }
        }
        return out
    }

    /// Delays `x` by `samples` and scales it by `gainDB`.
    public static func echo(of x: [Float], delaySamples: Int, gainDB: Double) -> [Float] {
        let g = Float(pow(10, gainDB / 20))
        return (0..<x.count).map { $0 >= delaySamples ? x[$0 - delaySamples] * g : 0 }
    }

    /// `x` as a microphone across a room hears it: from `directDelaySamples` on, a tap every
    /// 10-15 ms (seeded jitter and signs) whose level starts at `gainDB` and falls 60 dB in
    /// `rt60Seconds`: a sparse stand-in for diffuse reverberation, longer than any echo.
    public static func roomCrosstalk(
        of x: [Float], rate: Int, gainDB: Double, rt60Seconds: Double, directDelaySamples: Int = 64, seed: UInt64 = 7
    ) -> [Float] {
        var state = seed
        var taps: [(Int, Float)] = []
        var delay = Double(directDelaySamples)
        while delay < rt60Seconds * Double(rate) {
            let u = uniform(&state)
            let level = gainDB - 60 * (delay / Double(rate)) / rt60Seconds
            taps.append((Int(delay), Float(pow(10, level / 20) * (u < 0.5 ? -1 : 1))))
            delay += Double(rate) * (0.010 + 0.005 * u)
        }
        var out = [Float](repeating: 0, count: x.count)
        for (d, g) in taps where d < x.count {
            for i in d..<x.count { out[i] += x[i - d] * g }
        }
        return out
    }

    /// Adds two signals sample by sample (length of the first).
    public static func mix(_ a: [Float], _ b: [Float]) -> [Float] {
        (0..<a.count).map { a[$0] + ($0 < b.count ? b[$0] : 0) }
    }

    /// Interleaves two channels.
    public static func interleave(_ left: [Float], _ right: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: 2 * min(left.count, right.count))
        for i in 0..<(out.count / 2) {
            out[2 * i] = left[i]
            out[2 * i + 1] = right[i]
        }
        return out
    }
}
