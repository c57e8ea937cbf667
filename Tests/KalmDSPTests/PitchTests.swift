import Foundation
import KalmDSP
import KalmTestSupport
import Testing

@Suite struct PitchTests {
    private func estimatedF0(_ signal: [Float], rate: Int) -> Float {
        let voiced = analyse(signal, rate: rate).dropFirst(20).dropLast(20).map(\.f0Candidate)
        return median(Array(voiced))
    }

    /// Harmonic tones across the voice range, at telephone and wideband rates: within 1 %.
    @Test(arguments: [(75.0, 16000), (120.0, 16000), (200.0, 16000), (310.0, 16000), (440.0, 16000),
                      (100.0, 8000), (220.0, 8000), (180.0, 44100), (150.0, 48000)])
    func harmonicTone(f0: Double, rate: Int) {
        let f = estimatedF0(Signals.harmonic(f0: f0, seconds: 1.5, rate: rate), rate: rate)
        #expect(abs(Double(f) / f0 - 1) < 0.01, "expected \(f0) Hz, got \(f) Hz")
    }

    /// Telephone band: harmonics only between 300 and 3400 Hz, so the fundamental is missing.
    @Test(arguments: [80.0, 110.0, 150.0, 230.0])
    func missingFundamental(f0: Double) {
        let tone = Signals.harmonic(f0: f0, seconds: 1.5, rate: 8000, lowCut: 300, cutoff: 3400)
        let f = estimatedF0(tone, rate: 8000)
        #expect(abs(Double(f) / f0 - 1) < 0.01, "expected \(f0) Hz, got \(f) Hz")
    }

    /// Rumble below 50 Hz (17 sines of 16-48 Hz, together 6 dB under a 220 Hz voice) does not
    /// pull the pitch down to a sub-harmonic: the autocorrelation without that band stood
    /// higher at two and three periods than at one, and every voiced frame read 73 Hz.
    @Test func rumbleBelow50HzDoesNotPullThePitchDown() {
        let rate = 16000
        let tone = Signals.harmonic(f0: 220, seconds: 2, rate: rate, amplitude: 0.1)
        var rumble = [Float](repeating: 0, count: tone.count)
        for (k, hz) in stride(from: 16.0, through: 48.0, by: 2.0).enumerated() {
            let amplitude = 0.05 * sqrt(2.0 / 17), phase = 0.3 + 2.1 * Double(k + 1)
            for i in 0..<rumble.count { rumble[i] += Float(amplitude * sin(2 * .pi * hz * Double(i) / Double(rate) + phase)) }
        }
        let frames = analyse(Signals.mix(tone, rumble), rate: rate).dropFirst(20).dropLast(20)
        let voiced = frames.map(\.f0Candidate).filter { $0 > 0 }
        #expect(voiced.count >= frames.count / 2)
        #expect(voiced.allSatisfy { abs($0 / 220 - 1) < 0.03 }, "\(voiced.filter { abs($0 / 220 - 1) >= 0.03 }.prefix(5))")
    }

    @Test func noiseIsNotVoiced() {
        let frames = analyse(Signals.noise(seconds: 1, rate: 16000, rms: 0.1), rate: 16000)
        let voiced = frames.filter { $0.f0Candidate > 0 }.count
        #expect(voiced < frames.count / 20)
    }
}
