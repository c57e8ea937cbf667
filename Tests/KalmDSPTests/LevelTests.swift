#if canImport(Glibc)
import Glibc
#endif
import KalmDSP
import KalmTestSupport
import Testing

@Suite struct LevelTests {
    /// A sine of peak 0.316 has mean square 0.05: -13.0 dBFS (a full-scale square reads 0 dB).
    @Test(arguments: [8000, 16000, 44100, 48000])
    func sineLevel(rate: Int) {
        let frames = analyse(Signals.sine(frequency: 1000, seconds: 1, rate: rate, amplitude: 0.316), rate: rate)
        let steady = Array(frames[10..<90])
        #expect(abs(median(steady.map(\.levelDB)) - (-13.0)) < 0.1)
        // BS.1770 loudness of a 1 kHz sine: level + K-gain (+0.69 dB) - 0.691 dB.
        #expect(abs(median(steady.map(\.loudness)) - (-13.0)) < 0.3)
    }

    @Test func digitalSilenceIsFiniteFloor() {
        let frames = analyse(Signals.silence(seconds: 1, rate: 16000), rate: 16000)
        #expect(frames.count == 100)
        #expect(frames.allSatisfy { $0.levelDB == Decibels.floor && $0.loudness.isFinite && $0.f0Candidate == 0 })
    }

    @Test func dcOffsetIsRemoved() {
        let tone = Signals.sine(frequency: 500, seconds: 2, rate: 16000, amplitude: 0.1)
        let frames = analyse(tone.map { $0 + 0.4 }, rate: 16000)
        #expect(abs(median(Array(frames[100..<190]).map(\.levelDB)) - (-23.0)) < 0.3)
    }

    @Test func nonFiniteSamplesDoNotPoisonTheOutput() {
        var tone = Signals.sine(frequency: 300, seconds: 1, rate: 16000, amplitude: 0.1)
        tone[4000] = .nan
        tone[5000] = .infinity
        let frames = analyse(tone, rate: 16000)
        #expect(frames.allSatisfy { $0.levelDB.isFinite && $0.loudness.isFinite && $0.bandEnergyDB.isFinite })
    }
}

@Suite struct NoiseFloorBehaviourTests {
    /// A voice raised by 6 dB in steady noise at about 6 dB SNR: its level (voice and noise)
    /// rises clearly less, its voice level (the noise's share taken out) by about 6 dB.
    @Test func voiceLevelTakesTheNoiseOut() {
        let rate = 16000
        var spans: [(Double, Double)] = []
        for k in 0..<13 {
            let start = 0.2 + 0.6 * Double(k)
            spans.append((start, start + 0.4))
        }
        let noise = Signals.noise(seconds: 8, rate: rate, rms: 0.01)
        func voiced(_ amplitude: Double) -> [FrameFeatures] {
            let voice = Signals.bursts(spans, seconds: 8, rate: rate, amplitude: amplitude)
            return analyse(Signals.mix(voice, noise), rate: rate).filter { f in
                let t = f.time + 0.005
                let inside = spans.contains { span in t > span.0 + 0.1 && t < span.1 - 0.1 }
                return t > 3 && inside
            }
        }
        func powerMean(_ values: [Float]) -> Float {
            10 * log10f(values.map { powf(10, $0 / 10) }.reduce(0, +) / Float(values.count))
        }
        let quiet = voiced(0.1), loud = voiced(0.2)
        let rise = powerMean(loud.map(\.levelDB)) - powerMean(quiet.map(\.levelDB))
        let voiceRise = powerMean(loud.map(\.voiceLevelDB)) - powerMean(quiet.map(\.voiceLevelDB))
        #expect(rise < 5.5)
        #expect(abs(voiceRise - 6.02) < 0.3)
    }

    /// A background that steps up by 14 dB (a fan switched on, comfort noise replacing the
    /// caller's room) is floor again within 0.8 s (0.5 s of steady sound after the smoothed
    /// energy has settled), where the 3 s minimum alone took 3 s; voice bursts 11 dB over the
    /// new background still stand well above it.
    @Test func steppedBackgroundIsFollowedWithinASecond() {
        let rate = 16000
        let background = Signals.noise(seconds: 2, rate: rate, rms: 0.001)
            + Signals.noise(seconds: 6, rate: rate, rms: 0.005, seed: 2)
        let spans = [(5.0, 5.4), (5.6, 6.0), (6.2, 6.6)]
        let voice = Signals.bursts(spans, seconds: 8, rate: rate, amplitude: 0.1)
        let frames = analyse(Signals.mix(background, voice), rate: rate)
        let settled = frames.filter { $0.time > 2.8 && $0.time < 4.9 }
        #expect(settled.allSatisfy { $0.bandEnergyDB - $0.noiseFloorDB < VoiceActivityDetector.energyThreshold })
        let voiced = frames.filter { f in spans.contains { f.time > $0.0 + 0.05 && f.time < $0.1 - 0.05 } }
        #expect(voiced.allSatisfy { $0.bandEnergyDB - $0.noiseFloorDB > 8 })
    }

    /// A steady vowel whose energy sits in one sub-band (a low voice through a single narrow
    /// formant: its 4th and 5th harmonics, both in 400-600 Hz) is periodic: it never makes the
    /// floor jump, though it is steady and (being tonal) teaches the 3 s minimum.
    @Test func steadyVowelDoesNotBecomeTheFloor() {
        let rate = 16000
        let vowel = Signals.silence(seconds: 0.5, rate: rate)
            + Signals.harmonic(f0: 110, seconds: 2, rate: rate, amplitude: 0.2, lowCut: 420, cutoff: 580)
        let frames = analyse(Signals.mix(vowel, Signals.noise(seconds: 2.5, rate: rate, rms: 0.0003)), rate: rate)
        let sustained = frames.filter { $0.time > 0.7 && $0.time < 2.4 }
        #expect(!sustained.isEmpty)
        #expect(sustained.allSatisfy { $0.bandEnergyDB - $0.noiseFloorDB > 20 })
    }

    /// A steady tone (a dial tone) is absorbed into the floor; a sustained voice is not.
    @Test func toneIsBackgroundVoiceIsNot() {
        let tone = analyse(Signals.sine(frequency: 425, seconds: 6, rate: 8000, amplitude: 0.2), rate: 8000)
        #expect(tone.suffix(100).allSatisfy { $0.bandEnergyDB - $0.noiseFloorDB < 3 })
        let voice = analyse(Signals.harmonic(f0: 140, seconds: 6, rate: 8000, lowCut: 300, cutoff: 3400), rate: 8000)
        #expect(voice.suffix(100).allSatisfy { $0.bandEnergyDB - $0.noiseFloorDB > 20 && abs($0.f0Candidate - 140) < 1.5 })
    }
}
