#if canImport(Glibc)
import Glibc
#endif
import KalmDSP
import KalmTestSupport
import Testing

@Suite struct PureToneTests {
    /// A 425 Hz call-progress tone is recognised within a few hops at every rate, through the
    /// telephone's mu-law too; voices (harmonic sources, with or without their fundamental,
    /// and a high voice with few harmonics in the band) never are.
    @Test(arguments: [8000, 16000, 48000])
    func toneIsRecognisedVoiceIsNot(rate: Int) {
        let tone = analyse(Signals.sine(frequency: 425, seconds: 2, rate: rate, amplitude: 0.2), rate: rate)
        #expect(tone[10..<190].allSatisfy { $0.tone })
        let quantised = Signals.sine(frequency: 425, seconds: 2, rate: rate, amplitude: 0.2).map(Self.muLaw)
        #expect(analyse(quantised, rate: rate)[10..<190].allSatisfy { $0.tone })
        for (f0, lowCut) in [(110.0, 0.0), (140.0, 300.0), (220.0, 0.0), (380.0, 300.0)] {
            let voice = Signals.harmonic(f0: f0, seconds: 2, rate: rate, lowCut: lowCut, cutoff: 3400)
            #expect(!analyse(voice, rate: rate).contains { $0.tone }, "f0 \(f0) Hz")
        }
    }

    /// A busy tone (0.5 s on, 0.5 s off): every hop of every burst but the first burst's
    /// start is a tone, its onsets and offsets included.
    @Test func busyToneBurstsAreToneOnAndOff() {
        let rate = 8000
        var busy: [Float] = []
        for _ in 0..<5 {
            busy += Signals.sine(frequency: 425, seconds: 0.5, rate: rate, amplitude: 0.2)
            busy += Signals.silence(seconds: 0.5, rate: rate)
        }
        let frames = analyse(busy, rate: rate)
        for burst in 1..<5 {
            #expect(frames[(burst * 100)..<(burst * 100 + 50)].allSatisfy { $0.tone }, "burst \(burst)")
        }
    }

    /// G.711 mu-law: 8-bit logarithmic quantisation, decoded back to float.
    private static func muLaw(_ x: Float) -> Float {
        let mu: Float = 255
        let y = (x < 0 ? -1 : 1) * log1pf(mu * min(1, abs(x))) / log1pf(mu)
        let q = (y * 127).rounded() / 127
        return (q < 0 ? -1 : 1) * (powf(1 + mu, abs(q)) - 1) / mu
    }
}
