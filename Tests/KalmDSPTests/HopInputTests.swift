import KalmDSP
import KalmTestSupport
import Testing

/// The analyser's input handling: channels read from interleaved hops, and the scan for
/// samples that are not numbers.
@Suite struct HopInputTests {
    /// Each channel of a stereo hop (stride 2, either offset) gives the same frames as the
    /// channel on its own, at rates whose hop is and is not a multiple of 8.
    @Test(arguments: [8000, 16000, 44100])
    func stereoChannelMatchesMono(rate: Int) {
        let left = Signals.mix(
            Signals.harmonic(f0: 140, seconds: 1, rate: rate), Signals.noise(seconds: 1, rate: rate, rms: 0.01))
        let right = Signals.noise(seconds: 1, rate: rate, rms: 0.05, seed: 7)
        let stereo = Signals.interleave(left, right)
        for (channel, mono) in [(0, left), (1, right)] {
            let settings = AnalysisSettings(sampleRate: rate)
            let analyzer = PartyAnalyzer(settings: settings)
            var frames: [FrameFeatures] = []
            var frame = FrameFeatures()
            stereo.withUnsafeBufferPointer { buffer in
                var start = 0
                while start + 2 * settings.hopSize <= buffer.count {
                    if analyzer.process(hop: buffer.baseAddress! + start + channel, stride: 2, into: &frame) {
                        frames.append(frame)
                    }
                    start += 2 * settings.hopSize
                }
            }
            let expected = analyse(mono, rate: rate)
            #expect(!frames.isEmpty)
            #expect(frames == Array(expected.prefix(frames.count)))
        }
    }

    /// A NaN or an infinity is found at its index wherever it sits: first, inside or at the
    /// edges of a 64-sample block, in the tail after the last whole block, or last.
    @Test(arguments: [0, 1, 63, 64, 65, 127, 200, 256, 299])
    func nonFiniteFoundAtItsIndex(index: Int) {
        for bad in [Float.nan, .infinity, -.infinity] {
            var samples = [Float](repeating: 0.25, count: 300)
            samples[index] = bad
            if index + 1 < samples.count { samples[index + 1] = .nan }
            #expect(VectorMath.firstNonFinite(samples, count: samples.count) == index)
        }
        let clean = Signals.noise(seconds: 0.01, rate: 30000, rms: 0.5)
        #expect(VectorMath.firstNonFinite(clean, count: clean.count) == nil)
        #expect(VectorMath.firstNonFinite(clean, count: 0) == nil)
    }
}
