/// Analyses one party's channel hop by hop: level, K-weighted loudness,
/// speech-band energy (the sum of the eight ``SpeechBands``), noise floor, periodicity and pitch candidate.
///
/// `init` allocates every buffer and plans every FFT; ``process(hop:stride:into:)`` only
/// computes. Frame `k` is reported ``AnalysisSettings/delayHops`` hops after hop `k` was fed:
/// its 45 ms window is centred on the hop and reaches into later samples, and its pitch is
/// decided by ``PitchPath`` ``PitchPath/lagHops`` frames later.
public final class PartyAnalyzer {
    /// The settings this analyser was built for.
    public let settings: AnalysisSettings
    private let fft: RealFFT
    private let pitch: PitchTracker
    private let path = PitchPath()
    private var candidates = PitchCandidates()
    private let pending: UnsafeMutablePointer<FrameFeatures>
    private let pendingCount = PitchPath.lagHops + 1
    /// The latest `historyCount` samples are `historyStorage[historyStart ..< historyStart +
    /// historyCount]`; the storage holds ``historySlackHops`` hops more, so the samples kept
    /// move to the front once every that many hops instead of every hop.
    private let historyStorage: UnsafeMutablePointer<Float>
    private var historyStart = 0
    private let historyCount: Int
    private let historyCapacity: Int
    private var history: UnsafeMutablePointer<Float> { historyStorage + historyStart }
    /// Hops of spare room after the history.
    static let historySlackHops = 32
    private let window: UnsafeMutablePointer<Float>
    /// Sum of the window's weights.
    private let windowSum: Float
    private let power: UnsafeMutablePointer<Float>
    private let loudnessGain: UnsafeMutablePointer<Float>
    private let subBandEdges: UnsafeMutablePointer<Int>
    private let powerScale: Float
    private var noiseFloor = NoiseFloorTracker()
    private var bandFloors = NoiseFloorTracker()
    private var toneDetector: PureToneDetector
    private var hopsReceived = 0
    private var previousVoiceLike = false
    /// Hops at the start during which the pitch is always searched.
    static let startupHops = 100
    /// Band energy above the noise floor below which no pitch is searched, dB.
    static let pitchSearchMargin: Float = 1
    /// Periodicity from which a hop counts as voice and leaves the noise floor alone.
    static let voiceLikePeriodicity: Float = 0.7
    /// A hop whose loudest sub-band is within this of the whole band is a tone, dB.
    static let tonalBandShare: Float = 1
    /// A run of identical samples at least this long is a gap in the signal (a lost packet
    /// filled with zeros, or digital silence), seconds.
    static let gapRunSeconds = 0.005
    /// A gap shorter than this is a dropout, seconds: the frames whose window reaches into it
    /// do not teach the noise floor. (The floor fell to the gap's silence, and the line's own
    /// noise after it stood above the floor, as speech: 20-60 ms dropouts every 1-3 s made a
    /// customer on an echo line speak 71 s instead of 9 s.) A longer gap is the recording's
    /// silence, and the floor learns it as before once it has lasted this long.
    static let dropoutSeconds = 0.25
    private let gapRunSamples: Int
    private let dropoutSamples: Int
    private var lastSample = Float.nan
    private var constantRun = 0
    /// Absolute index of the latest sample inside a gap, and that gap's length so far.
    private var lastGapSample = Int.min
    private var lastGapLength = 0

    /// Allocates buffers and plans FFTs for `settings`.
    public init(settings: AnalysisSettings) {
        self.settings = settings
        fft = RealFFT(size: settings.fftSize)
        pitch = PitchTracker(settings: settings)
        historyCount = (settings.windowDelayHops + 1) * settings.hopSize + settings.windowSize
        pending = .allocate(capacity: pendingCount)
        pending.initialize(repeating: FrameFeatures(), count: pendingCount)
        historyCapacity = historyCount + Self.historySlackHops * settings.hopSize
        historyStorage = .allocate(capacity: historyCapacity)
        historyStorage.initialize(repeating: 0, count: historyCapacity)
        window = .allocate(capacity: settings.windowSize)
        HannWindow.fill(window, count: settings.windowSize)
        windowSum = VectorMath.sum(window, from: 0, to: settings.windowSize)
        power = .allocate(capacity: fft.binCount)
        power.initialize(repeating: 0, count: fft.binCount)
        loudnessGain = .allocate(capacity: fft.binCount)
        KWeighting.fillBinGains(
            loudnessGain, binCount: fft.binCount, fftSize: settings.fftSize,
            sampleRate: Double(settings.sampleRate))
        let binHz = Double(settings.sampleRate) / Double(settings.fftSize)
        subBandEdges = .allocate(capacity: SpeechBands.count + 1)
        for (i, hz) in SpeechBands.edges.enumerated() {
            let edge = min(max(hz, settings.speechBand.lowerBound), settings.speechBand.upperBound)
            subBandEdges[i] = min(fft.binCount - 1, Int((edge / binHz).rounded()))
        }
        gapRunSamples = max(2, Int((Self.gapRunSeconds * Double(settings.sampleRate)).rounded()))
        dropoutSamples = Int((Self.dropoutSeconds * Double(settings.sampleRate)).rounded())
        toneDetector = PureToneDetector(
            lowBin: subBandEdges[0], highBin: subBandEdges[SpeechBands.count], windowSize: settings.windowSize,
            fftSize: settings.fftSize)
        var windowEnergy: Float = 0
        for i in 0..<settings.windowSize { windowEnergy += window[i] * window[i] }
        // Parseval: the window-weighted mean square of the frame is 2 * sum(|X_k|^2) / (N * sum(w^2)).
        powerScale = 2 / (Float(settings.fftSize) * windowEnergy)
    }

    deinit {
        historyStorage.deallocate()
        pending.deallocate()
        subBandEdges.deallocate()
        window.deallocate()
        power.deallocate()
        loudnessGain.deallocate()
    }

    /// Tells the pitch path the pitch of a final frame of the party's own speech (after voice
    /// activity and the echo gate), the only frames its speaker-range prior learns from
    /// (``PitchPath/followSpeaker(_:)``).
    /// - Parameter f0: pitch in Hz (> 0).
    public func followSpeaker(f0: Float) { path.followSpeaker(f0) }

    /// Forgets the speaker the pitch path's prior has learned (a new party on the line).
    public func forgetSpeaker() { path.forgetSpeaker() }

    /// Feeds one hop of `settings.hopSize` samples (any stride) and, once enough audio has
    /// arrived, fills `frame` with the measurements of the hop `delayHops` earlier.
    /// - Returns: `true` when `frame` was filled.
    @discardableResult
    public func process(hop samples: UnsafePointer<Float>, stride: Int = 1, into frame: inout FrameFeatures) -> Bool {
        let hop = settings.hopSize
        if historyStart + historyCount + hop <= historyCapacity {
            historyStart += hop
        } else {
            historyStorage.update(from: historyStorage + historyStart + hop, count: historyCount - hop)
            historyStart = 0
        }
        let tail = history + (historyCount - hop)
        if stride == 1 {
            tail.update(from: samples, count: hop)
        } else if stride == 2 {
            VectorMath.copyEveryOther(samples, into: tail, count: hop)
        } else {
            var source = samples
            for i in 0..<hop {
                tail[i] = source.pointee
                source += stride
            }
        }
        VectorMath.replaceNonFinite(tail, count: hop)
        trackGaps(tail, count: hop, firstIndex: hopsReceived * hop)
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

    /// Follows runs of identical samples in the hop `samples`, whose first sample has the
    /// absolute index `firstIndex`.
    private func trackGaps(_ samples: UnsafePointer<Float>, count: Int, firstIndex: Int) {
        if count > 0, samples[0] == lastSample, VectorMath.allEqual(samples, count: count, to: lastSample) {
            // Digital silence going on: the run grows by the whole hop.
            constantRun += count
            if constantRun >= gapRunSamples {
                lastGapSample = firstIndex + count - 1
                lastGapLength = constantRun
            }
            return
        }
        // A run of gapRunSamples (2 b or 2 b - 1 with b = gapRunSamples / 2) inside the hop
        // holds a whole block of b samples at a multiple of b. Where no block is constant, and
        // the run carried in plus the hop's first run is short and so is its last run, no gap
        // starts or goes on in this hop: only the last run is carried on.
        let block = gapRunSamples / 2
        if count > 2 * block, block > 1, !VectorMath.hasConstantBlock(samples, count: count, block: block) {
            var first = 0
            while first < block, samples[first] == (first == 0 ? lastSample : samples[first - 1]) { first += 1 }
            var last = 1
            while last < block, samples[count - 1 - last] == samples[count - 1] { last += 1 }
            let carried = first > 0 ? constantRun + first : 0
            if first < block, last < block, carried < gapRunSamples {
                lastSample = samples[count - 1]
                constantRun = last
                return
            }
        }
        for i in 0..<count {
            if samples[i] == lastSample {
                constantRun += 1
            } else {
                lastSample = samples[i]
                constantRun = 1
            }
            if constantRun >= gapRunSamples {
                lastGapSample = firstIndex + i
                lastGapLength = constantRun
            }
        }
    }

    /// The power in each of the eight sub-bands. (Written lane by lane in a loop, the vector
    /// went through memory after every lane, a stall each time.)
    @inline(__always)
    private func subBandSums() -> SIMD8<Float> {
        let e = subBandEdges
        return SIMD8(
            VectorMath.sum(power, from: e[0], to: e[1]), VectorMath.sum(power, from: e[1], to: e[2]),
            VectorMath.sum(power, from: e[2], to: e[3]), VectorMath.sum(power, from: e[3], to: e[4]),
            VectorMath.sum(power, from: e[4], to: e[5]), VectorMath.sum(power, from: e[5], to: e[6]),
            VectorMath.sum(power, from: e[6], to: e[7]), VectorMath.sum(power, from: e[7], to: e[8]))
    }

    private func analyse(frameIndex: Int, into frame: inout FrameFeatures) {
        let hop = settings.hopSize
        let w = settings.windowSize
        frame.index = frameIndex

        let hopStart = history + (historyCount - (settings.windowDelayHops + 1) * hop)
        // Level is the hop's variance: a DC offset is not sound. (The spectral measures never
        // see DC: the frame's window-weighted mean is taken out before its transform.)
        let mean = VectorMath.sum(hopStart, from: 0, to: hop) / Float(hop)
        let meanSquare = VectorMath.sumOfSquares(hopStart, count: hop) / Float(hop)
        frame.levelDB = Decibels.fromPower(max(0, meanSquare - mean * mean))

        let windowStart = history + (w / 2 + hop / 2)
        let weighted: Float
        if VectorMath.allEqual(windowStart, count: w, to: 0) {
            // Digital silence (a muted line, a VoIP line's silence suppression): its spectrum
            // is zero, no transform needed.
            power.update(repeating: 0, count: fft.binCount)
            weighted = 0
        } else {
            let input = fft.real
            // The frame less its window-weighted mean: no DC, and no DC leaking into the
            // lowest bins, whose power the pitch candidates' strengths count (PitchTracker).
            let frameMean = VectorMath.dot(windowStart, window, count: w) / windowSum
            VectorMath.multiply(windowStart, minus: frameMean, by: window, into: input, count: w)
            (input + w).update(repeating: 0, count: settings.fftSize - w)
            fft.forward()
            weighted = VectorMath.power(
                interleaved: fft.spectrum, into: power, weights: loudnessGain, count: fft.binCount)
        }
        let sums = subBandSums()
        var band: Float = 0
        for b in 0..<SpeechBands.count { band += sums[b] }
        frame.bands.values = Decibels.fromPower(sums * powerScale)
        // Loudness is the K-weighted mean square on the BS.1770 scale (-0.691 dB offset),
        // where a full-scale 1 kHz sine reads -3.01 LUFS.
        frame.loudness = max(Decibels.floor, Decibels.fromPower(weighted * powerScale) - 0.691)
        frame.bandEnergyDB = Decibels.fromPower(band * powerScale)
        frame.tone = toneDetector.isTone(power: power, bandPower: band)
        // A tone's start, heard only in part of the window, is known once the tone is: the
        // frames before this one are still pending, up to the one released after this hop.
        for back in stride(from: min(toneDetector.precedingToneHops, PitchPath.lagHops, frameIndex), to: 0, by: -1) {
            pending[(frameIndex - back) % pendingCount].tone = true
        }
        // A hop within 1 dB of the noise floor cannot be speech (the voice activity detector
        // needs a larger margin): its pitch search is skipped and it counts as unvoiced,
        // except during the first second and right after a voice-like hop, while the floor
        // may still sit on the voice itself.
        if frame.bandEnergyDB > noiseFloor.floorDB + Self.pitchSearchMargin || previousVoiceLike
            || frameIndex < Self.startupHops
        {
            frame.periodicity = pitch.candidates(power: power, into: &candidates)
            frame.periodicFrequency = candidates.strongestFrequency
        } else {
            candidates.count = 0
            frame.periodicity = 0
            frame.periodicFrequency = 0
        }
        // Voice is not noise: a clearly periodic hop whose energy is spread over several
        // sub-bands does not teach the floor (a long vowel or a sustained synthetic voice is
        // not absorbed), while a steady tone (one band) or aperiodic noise does.
        let tonal = frame.bands.values.largestLane > frame.bandEnergyDB - Self.tonalBandShare
        let voiceLike = frame.periodicity >= Self.voiceLikePeriodicity && !tonal
        // Nor is a dropout's silence (see ``dropoutSeconds``).
        let windowFirstSample = hopsReceived * hop - historyCount + w / 2 + hop / 2
        let dropout = lastGapSample >= windowFirstSample && lastGapLength < dropoutSamples
        if voiceLike || dropout {
            if voiceLike {
                noiseFloor.endSteadyRun()
                bandFloors.endSteadyRun()
            }
            frame.noiseFloorDB = noiseFloor.floorDB
            frame.bandFloors.values = bandFloors.floors
        } else {
            let periodic = frame.periodicity >= VoiceActivityDetector.voicedPeriodicity
            frame.noiseFloorDB = noiseFloor.update(frame.bandEnergyDB, periodic: periodic)
            frame.bandFloors.values = bandFloors.update(frame.bands.values, periodic: periodic)
        }
        previousVoiceLike = voiceLike
        frame.f0Candidate = 0
        frame.speech = false
        frame.f0 = 0
        frame.tempo = 0
    }
}
