/// Analyses one party's channel hop by hop: DC removal, level, K-weighted loudness,
/// speech-band energy, noise floor, periodicity and pitch candidate.
///
/// `init` allocates every buffer and plans every FFT; ``process(hop:stride:into:)`` only
/// computes. Frame `k` is reported ``AnalysisSettings/delayHops`` hops after hop `k` was fed:
/// its 45 ms window is centred on the hop and reaches into later samples, and its pitch is
/// decided by ``PitchPath`` ten frames later.
public final class PartyAnalyzer {
    /// The settings this analyser was built for.
    public let settings: AnalysisSettings
    private let fft: RealFFT
    private let pitch: PitchTracker
    private let path = PitchPath()
    private var candidates = PitchCandidates()
    private let pending: UnsafeMutablePointer<FrameFeatures>
    private let pendingCount = PitchPath.lagHops + 1
    private let history: UnsafeMutablePointer<Float>
    private let historyCount: Int
    private let window: UnsafeMutablePointer<Float>
    private let power: UnsafeMutablePointer<Float>
    private let loudnessGain: UnsafeMutablePointer<Float>
    private let bandLow: Int, bandHigh: Int
    private let subBandEdges: UnsafeMutablePointer<Int>
    private let powerScale: Float
    private var noiseFloor = NoiseFloorTracker()
    private var dcInput: Float = 0, dcOutput: Float = 0
    private let dcPole: Float
    private var hopsReceived = 0

    /// Allocates buffers and plans FFTs for `settings`.
    public init(settings: AnalysisSettings) {
        self.settings = settings
        fft = RealFFT(size: settings.fftSize)
        pitch = PitchTracker(settings: settings)
        historyCount = (settings.windowDelayHops + 1) * settings.hopSize + settings.windowSize
        pending = .allocate(capacity: pendingCount)
        pending.initialize(repeating: FrameFeatures(), count: pendingCount)
        history = .allocate(capacity: historyCount)
        history.initialize(repeating: 0, count: historyCount)
        window = .allocate(capacity: settings.windowSize)
        HannWindow.fill(window, count: settings.windowSize)
        power = .allocate(capacity: fft.binCount)
        power.initialize(repeating: 0, count: fft.binCount)
        loudnessGain = .allocate(capacity: fft.binCount)
        KWeighting.fillBinGains(
            loudnessGain, binCount: fft.binCount, fftSize: settings.fftSize,
            sampleRate: Double(settings.sampleRate))
        let binHz = Double(settings.sampleRate) / Double(settings.fftSize)
        bandLow = Int((settings.speechBand.lowerBound / binHz).rounded())
        bandHigh = Int((settings.speechBand.upperBound / binHz).rounded())
        subBandEdges = .allocate(capacity: SpeechBands.count + 1)
        for (i, hz) in SpeechBands.edges.enumerated() {
            subBandEdges[i] = min(fft.binCount - 1, Int((min(hz, settings.speechBand.upperBound) / binHz).rounded()))
        }
        var windowEnergy: Float = 0
        for i in 0..<settings.windowSize { windowEnergy += window[i] * window[i] }
        // Parseval: the window-weighted mean square of the frame is 2 * sum(|X_k|^2) / (N * sum(w^2)).
        powerScale = 2 / (Float(settings.fftSize) * windowEnergy)
        dcPole = 1 - 2 * Float.pi * 20 / Float(settings.sampleRate)
    }

    deinit {
        history.deallocate()
        pending.deallocate()
        subBandEdges.deallocate()
        window.deallocate()
        power.deallocate()
        loudnessGain.deallocate()
    }

    /// Feeds one hop of `settings.hopSize` samples (any stride) and, once enough audio has
    /// arrived, fills `frame` with the measurements of the hop `delayHops` earlier.
    /// - Returns: `true` when `frame` was filled.
    @discardableResult
    public func process(hop samples: UnsafePointer<Float>, stride: Int = 1, into frame: inout FrameFeatures) -> Bool {
        let hop = settings.hopSize
        history.update(from: history + hop, count: historyCount - hop)
        let tail = history + (historyCount - hop)
        for i in 0..<hop {
            var x = samples[i * stride]
            if !x.isFinite { x = 0 }
            let y = x - dcInput + dcPole * dcOutput
            dcInput = x
            dcOutput = y
            tail[i] = y
        }
        hopsReceived += 1
        let frameIndex = hopsReceived - 1 - settings.windowDelayHops
        guard frameIndex >= 0 else { return false }
        analyse(frameIndex: frameIndex, into: &pending[frameIndex % pendingCount])
        guard let f0 = path.push(candidates) else { return false }
        let decided = frameIndex - PitchPath.lagHops
        frame = pending[decided % pendingCount]
        frame.f0Candidate = f0
        return true
    }

    private func analyse(frameIndex: Int, into frame: inout FrameFeatures) {
        let hop = settings.hopSize
        let w = settings.windowSize
        frame.index = frameIndex

        let hopStart = history + (historyCount - (settings.windowDelayHops + 1) * hop)
        var squares: Float = 0
        for i in 0..<hop { squares += hopStart[i] * hopStart[i] }
        frame.levelDB = Decibels.fromPower(squares / Float(hop))

        let windowStart = history + (w / 2 + hop / 2)
        let input = fft.real
        for i in 0..<w { input[i] = windowStart[i] * window[i] }
        (input + w).update(repeating: 0, count: settings.fftSize - w)
        fft.forward()
        let spectrum = fft.spectrum
        var weighted: Float = 0, band: Float = 0
        for k in 0..<fft.binCount {
            let re = spectrum[2 * k], im = spectrum[2 * k + 1]
            let p = re * re + im * im
            power[k] = p
            weighted += p * loudnessGain[k]
        }
        for k in bandLow...bandHigh { band += power[k] }
        for b in 0..<SpeechBands.count {
            var sum: Float = 0
            var k = subBandEdges[b]
            while k < subBandEdges[b + 1] {
                sum += power[k]
                k += 1
            }
            frame.bands[b] = Decibels.fromPower(sum * powerScale)
        }
        // Loudness is the K-weighted mean square on the BS.1770 scale (-0.691 dB offset),
        // where a full-scale 1 kHz sine reads -3.01 LUFS.
        frame.loudness = max(Decibels.floor, Decibels.fromPower(weighted * powerScale) - 0.691)
        frame.bandEnergyDB = Decibels.fromPower(band * powerScale)
        frame.noiseFloorDB = noiseFloor.update(frame.bandEnergyDB)

        frame.periodicity = pitch.candidates(power: power, into: &candidates)
        frame.f0Candidate = 0
        frame.speech = false
        frame.f0 = 0
        frame.tempo = 0
    }
}
