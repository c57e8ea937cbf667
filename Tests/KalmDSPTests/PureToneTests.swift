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

    /// A busy tone (0.5 s on, 0.5 s off): every hop of every burst is a tone, its onsets and
    /// offsets included, the first burst's too.
    @Test func busyToneBurstsAreToneOnAndOff() {
        let rate = 8000
        var busy: [Float] = []
        for _ in 0..<5 {
            busy += Signals.sine(frequency: 425, seconds: 0.5, rate: rate, amplitude: 0.2)
            busy += Signals.silence(seconds: 0.5, rate: rate)
        }
        let frames = analyse(busy, rate: rate)
        for burst in 0..<5 {
            #expect(frames[(burst * 100)..<(burst * 100 + 50)].allSatisfy { $0.tone }, "burst \(burst)")
        }
    }

    /// DTMF digits (two tones at once), as a customer keys a number: of the hops whose window
    /// reaches into a key press no two in a row are missed (voice activity needs two to
    /// start), at 8 and 16 kHz, through mu-law too and with the higher tone 6 dB louder or
    /// weaker ("twist"); key presses as short as an autodialler's 70 ms and held keys.
    @Test(arguments: [8000, 16000])
    func dtmfDigitsAreTones(rate: Int) {
        for (on, off, twist) in [(0.1, 0.15, 0.0), (0.07, 0.05, 6.0), (0.25, 0.3, -6.0)] {
            let keys = Signals.dtmf("0612345789*#", on: on, off: off, rate: rate, twistDB: twist)
            for (name, signal) in [("linear", keys), ("mu-law", keys.map(Self.muLaw))] {
                let frames = analyse(Signals.silence(seconds: 0.5, rate: rate) + signal, rate: rate)
                // A hop's 45 ms window reaches 2 hops either side of it.
                let sounding = (0..<frames.count).filter { hop in
                    (max(0, hop - 2)...(hop + 2)).contains { k in
                        let t = Double(k) / 100 - 0.5
                        return t >= 0 && t < Double(keys.count) / Double(rate)
                            && t.truncatingRemainder(dividingBy: on + off) < on
                    }
                }
                let missed = sounding.filter { !frames[$0].tone && frames[$0].bandEnergyDB > -60 }
                let twoInARow = zip(missed, missed.dropFirst()).filter { $0.1 == $0.0 + 1 }.map(\.0)
                #expect(twoInARow.isEmpty, "\(rate) Hz, \(name), \(on) s on, twist \(twist) dB: \(twoInARow)")
            }
        }
    }

    /// A steady high voice whose vowel leaves nearly all its energy in two harmonics (the
    /// first two, or the first and third, or the second and third) is no dual tone, while two
    /// tones a DTMF digit apart are.
    @Test func twoHarmonicsOfAVoiceAreNoTone() {
        let rate = 8000
        func pair(_ f1: Double, _ f2: Double) -> [Float] {
            Signals.mix(
                Signals.sine(frequency: f1, seconds: 1, rate: rate, amplitude: 0.1),
                Signals.sine(frequency: f2, seconds: 1, rate: rate, amplitude: 0.07))
        }
        for (f1, f2) in [(420.0, 840.0), (310.0, 930.0), (560.0, 840.0), (437.0, 874.0)] {
            #expect(!analyse(pair(f1, f2), rate: rate).contains { $0.tone }, "\(f1) + \(f2) Hz")
        }
        #expect(analyse(pair(852, 1477), rate: rate)[10..<90].allSatisfy { $0.tone })
    }

    /// G.711 mu-law: 8-bit logarithmic quantisation, decoded back to float.
    private static func muLaw(_ x: Float) -> Float {
        let mu: Float = 255
        let y = (x < 0 ? -1 : 1) * log1pf(mu * min(1, abs(x))) / log1pf(mu)
        let q = (y * 127).rounded() / 127
        return (q < 0 ? -1 : 1) * (powf(1 + mu, abs(q)) - 1) / mu
    }
}
