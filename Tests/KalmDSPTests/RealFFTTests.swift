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
}
