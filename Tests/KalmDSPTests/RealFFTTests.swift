import Foundation
import KalmDSP
import Testing

@Suite struct RealFFTTests {
    @Test func sineLandsInItsBin() {
        let fft = RealFFT(size: 512)
        for i in 0..<512 { fft.real[i] = Float(sin(2 * Double.pi * 32 * Double(i) / 512)) }
        fft.forward()
        var best = 0
        var bestPower: Float = 0
        for k in 0..<fft.binCount {
            let p = fft.spectrum[2 * k] * fft.spectrum[2 * k] + fft.spectrum[2 * k + 1] * fft.spectrum[2 * k + 1]
            if p > bestPower { (best, bestPower) = (k, p) }
        }
        #expect(best == 32)
        #expect(abs(bestPower.squareRoot() - 256) < 0.01)
    }

    @Test func roundTripScalesBySize() {
        let fft = RealFFT(size: 256)
        let input = (0..<256).map { Float(($0 * 37) % 11) - 5 }
        for i in 0..<256 { fft.real[i] = input[i] }
        fft.forward()
        fft.inverse()
        for i in 0..<256 { #expect(abs(fft.real[i] / 256 - input[i]) < 1e-4) }
    }

    /// Plans from the bundled wisdom (where it applies: powers of two) and from `FFTW_ESTIMATE`
    /// (1000 points, which the wisdom does not hold) both give the discrete Fourier transform,
    /// and two plans of one size give the same bits.
    @Test func wisdomAndEstimatedPlansAreBothTheTransform() {
        #expect(!RealFFT(size: 1000).plannedFromWisdom)
        let input: [Float] = (0..<900).map { n in
            let tone = sin(Double(n) * 0.37)
            let steps = Double((n * 13) % 7) * 0.1
            return Float(tone + steps)
        }
        func spectrum(_ size: Int) -> [Float] {
            let fft = RealFFT(size: size)
            for i in 0..<size { fft.real[i] = i < input.count ? input[i] : 0 }
            fft.forward()
            return Array(UnsafeBufferPointer(start: fft.spectrum, count: 2 * fft.binCount))
        }
        for size in [1000, 1024] {
            let fast = spectrum(size)
            #expect(fast == spectrum(size))
            for k in [0, 1, 37, 200, size / 2] {
                var re = 0.0, im = 0.0
                for (n, x) in input.enumerated() {
                    let angle = -2 * Double.pi * Double(k * n) / Double(size)
                    re += Double(x) * cos(angle)
                    im += Double(x) * sin(angle)
                }
                #expect(abs(Double(fast[2 * k]) - re) < 2e-3 && abs(Double(fast[2 * k + 1]) - im) < 2e-3, "bin \(k) of \(size)")
            }
        }
    }
}
