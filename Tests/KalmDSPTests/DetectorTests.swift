import Foundation
import KalmDSP
import Testing

@Suite struct DetectorTests {
    /// The summed energy of eight sub-band energies, dB.
    private func power(_ bands: SIMD8<Float>) -> Float {
        var p: Float = 0
        for b in 0..<SpeechBands.count { p += powf(10, bands[b] / 10) }
        return 10 * log10f(p)
    }

    private func frame(_ index: Int, speech: Bool) -> FrameFeatures {
        var f = FrameFeatures()
        f.index = index
        f.speech = speech
        return f
    }

    /// Feeds `pattern` through a bridge, popping what is final after each push; returns the
    /// frames in order and, per push, how many frames were still held.
    private func bridged(_ pattern: [Bool], preRoll: Int = 0) -> (frames: [FrameFeatures], held: [Int]) {
        let bridge = SpeechGapBridge()
        var out: [FrameFeatures] = []
        var held: [Int] = []
        var o = FrameFeatures()
        for (i, s) in pattern.enumerated() {
            bridge.push(frame(i, speech: s), preRoll: preRoll)
            for _ in 0..<bridge.finalCount(nextPreRoll: preRoll) where bridge.pop(into: &o) { out.append(o) }
            held.append(i + 1 - out.count)
        }
        while bridge.pop(into: &o) { out.append(o) }
        return (out, held)
    }

    /// Gaps of up to 15 hops are bridged, longer ones are kept.
    @Test(arguments: [(15, true), (16, false)])
    func gapBridging(gap: Int, bridged: Bool) {
        let pattern = Array(repeating: true, count: 20) + Array(repeating: false, count: gap) + Array(repeating: true, count: 20)
        let out = self.bridged(pattern).frames
        #expect(out.map(\.index) == Array(0..<pattern.count))
        #expect(out.allSatisfy(\.speech) == bridged)
    }

    /// Speech leaves the line at once; an open gap waits until it is bridged or too long;
    /// a long silence trails by the announced pre-roll, which the next onset still reaches.
    @Test func framesLeaveAsSoonAsTheirDecisionIsFinal() {
        let pattern = Array(repeating: false, count: 30) + Array(repeating: true, count: 10)
            + Array(repeating: false, count: 40) + Array(repeating: true, count: 10)
        let (out, held) = bridged(pattern, preRoll: 5)
        #expect(held[29] == 5)
        #expect(held[30...39].allSatisfy { $0 == 0 })
        #expect(held[40...54] == ArraySlice(1...15))
        #expect(held[70] == 5)
        #expect(bridged(pattern, preRoll: 0).held[29] == 0)
        #expect(out.map(\.speech) == Array(repeating: false, count: 25) + Array(repeating: true, count: 15)
            + Array(repeating: false, count: 35) + Array(repeating: true, count: 15))
    }

    /// Voice activity through a gap bridge, as the call analyser runs it: hop `i` has
    /// `margins[i]` dB over a -60 dB floor and periodicity 0.6; returns the final decisions.
    private func speech(margins: [Float]) -> [Bool] {
        var detector = VoiceActivityDetector()
        let bridge = SpeechGapBridge()
        var out: [Bool] = []
        var o = FrameFeatures()
        for (i, margin) in margins.enumerated() {
            var f = frame(i, speech: false)
            f.noiseFloorDB = -60
            f.bandEnergyDB = -60 + margin
            f.periodicity = 0.6
            let preRoll = detector.preRollHops
            f.speech = detector.decide(f, echo: false)
            bridge.push(f, preRoll: preRoll)
            for _ in 0..<bridge.finalCount(nextPreRoll: detector.preRollHops) where bridge.pop(into: &o) { out.append(o.speech) }
        }
        while bridge.pop(into: &o) { out.append(o.speech) }
        return out
    }

    /// A background that keeps making speech-like bursts of 20-30 ms (a noisy room through
    /// the GSM codec) does not count as speech, neither before the party's first word nor
    /// once they are frequent; a word still counts from its first hop (earlier by at most
    /// the edge widening the low bursts ask for).
    @Test func frequentBlipsAreTheBackgroundNotSpeech() {
        let word = [Float](repeating: 15, count: 40)
        // A burst of 2 or 3 hops at +4 dB every 0.25 s for 10 s, then a word, then bursts.
        let bursts = (0..<1000).map { i -> Float in i % 25 < 2 + (i / 25) % 2 ? 4 : 0 }
        let margins = bursts + [Float](repeating: 0, count: 30) + word + [Float](repeating: 0, count: 30) + bursts
        let decided = speech(margins: margins)
        #expect(decided.count == margins.count)
        let wordStart = bursts.count + 30
        let firstSpeech = decided[(wordStart - 30)...].firstIndex(of: true) ?? margins.count
        #expect(firstSpeech <= wordStart && firstSpeech >= wordStart - VoiceActivityDetector.maximumEdgeHops)
        #expect(!decided[wordStart..<wordStart + word.count].contains(false))
        // No burst counts: before the party's first word none may (the counter has not yet
        // learned the background), after it they are frequent.
        #expect(!decided[0..<wordStart - 30].contains(true))
        #expect(!decided[(wordStart + 100)...].contains(true))
        // After a word, speech that only sometimes has such short runs keeps them.
        let lead = word + [Float](repeating: 0, count: 30)
        let sparse = lead + (0..<1000).map { i -> Float in i % 300 < 2 ? 4 : 0 }
        #expect(speech(margins: sparse)[(lead.count + 900)..<(lead.count + 1000)].contains(true))
        // Before any word, a run of four hops is the start of one.
        let first = [Float](repeating: 0, count: 30) + [4, 4, 4, 4] + [Float](repeating: 0, count: 30)
        #expect(speech(margins: first)[30..<34].allSatisfy { $0 })
    }

    @Test func noiseFloorFollowsStationaryNoise() {
        var tracker = NoiseFloorTracker()
        var floor: Float = 0
        for i in 0..<600 { floor = tracker.update(-50 + Float(i % 3) * 0.5 + (i % 40 < 20 ? 25 : 0)) }
        #expect(abs(floor - (-48.5)) < 2)
    }

    /// A delayed, attenuated copy of the other channel is echo; an unrelated spectrum is not.
    @Test func echoGateSeparatesEchoFromOwnSpeech() {
        let gate = EchoGate()
        var own = FrameFeatures(), other = FrameFeatures()
        other.bandEnergyDB = -20
        other.noiseFloorDB = -90
        own.noiseFloorDB = -90
        var echoes = 0, ownSpeech = 0
        var history: [SpeechBands] = []
        for i in 0..<400 {
            for b in 0..<SpeechBands.count { other.bands[b] = -30 - Float((b * 7 + i) % 9) }
            history.append(other.bands)
            let delayed = history[max(0, history.count - 6)]
            for b in 0..<SpeechBands.count { own.bands[b] = delayed[b] - 15 }
            own.bandEnergyDB = -35
            if gate.assess(own: own, other: other) { echoes += 1 }
            gate.settle(otherIsEcho: false, otherSilentHops: 0)
        }
        for i in 0..<50 {
            for b in 0..<SpeechBands.count { own.bands[b] = b == (i % 8) ? -25 : history[history.count - 6][b] - 15 }
            own.bandEnergyDB = -24
            if !gate.assess(own: own, other: other) { ownSpeech += 1 }
            gate.settle(otherIsEcho: false, otherSilentHops: 0)
        }
        #expect(echoes >= 395)
        #expect(ownSpeech == 50)
        #expect(abs(gate.couplingDB - (-15)) < 3)
    }

    /// Sound the other party's echo explains by energy is still this party's own voice when
    /// it is clearly voiced at a pitch the other's recent voice does not have (double talk):
    /// a 110 Hz voice under a 200 Hz talker's echo, held from hop to hop. At the other's
    /// pitch, a harmonic or an octave below it, where the other was not voiced at all, or
    /// where the pitch jumps from hop to hop, the echo verdict stands.
    @Test func echoGateHearsADifferentVoiceUnderTheEcho() {
        func verdict(ownHz: Float, jumpingTo: Float? = nil, ownPeriodicity: Float = 0.8,
                     otherPeriodicity: Float = 0.9) -> Bool {
            let gate = EchoGate()
            var own = FrameFeatures(), other = FrameFeatures()
            other.bands.values = SIMD8(repeating: -20)
            other.bandEnergyDB = -11
            other.noiseFloorDB = -80
            other.periodicity = otherPeriodicity
            other.periodicFrequency = 200
            own.noiseFloorDB = -80
            own.bandFloors.values = SIMD8(repeating: -90)
            own.bands.values = other.bands.values - 14
            own.bandEnergyDB = -25
            own.periodicity = ownPeriodicity
            own.periodicFrequency = ownHz
            var echo = false
            for i in 0..<30 {
                own.periodicFrequency = i % 2 == 1 ? jumpingTo ?? ownHz : ownHz
                echo = gate.assess(own: own, other: other)
            }
            return echo
        }
        #expect(!verdict(ownHz: 110))
        #expect(!verdict(ownHz: 260))
        #expect(verdict(ownHz: 200))
        #expect(verdict(ownHz: 400))
        #expect(verdict(ownHz: 600))
        #expect(verdict(ownHz: 100))
        #expect(verdict(ownHz: 110, ownPeriodicity: 0.5))
        #expect(verdict(ownHz: 110, otherPeriodicity: 0.2))
        // A pitch that jumps 5 semitones every hop is no voice: stray candidates.
        #expect(verdict(ownHz: 110, jumpingTo: 150))
    }

    /// A band where the echo is weak and the line's own noise happens to swell (up to 6 dB
    /// over its floor) rises 5 dB above the echo alone: that is noise on top of an echo,
    /// not the party's speech. Own speech in that band still counts.
    @Test func noiseSwellOverAnEchoIsNotOwnSpeech() {
        let gate = EchoGate()
        var own = FrameFeatures(), other = FrameFeatures()
        other.bands.values = SIMD8(-20, -20, -20, -31, -20, -20, -20, -20)
        other.bandEnergyDB = -11
        other.noiseFloorDB = -60
        own.noiseFloorDB = -60
        own.bandFloors.values = SIMD8(repeating: -44)
        own.bands.values = other.bands.values - 12
        own.bandEnergyDB = -23
        for _ in 0..<300 {
            _ = gate.assess(own: own, other: other)
            gate.settle(otherIsEcho: false, otherSilentHops: 0)
        }
        // Learned on the echo with the noise allowance taken out, as it is judged.
        #expect(abs(gate.couplingDB - (-13.25)) < 0.5)
        // Band 3: the echo at -43 dB and the noise at -39.2 dB (its floor plus 4.8 dB).
        own.bands[3] = 10 * log10f(powf(10, -4.3) + powf(10, -3.92))
        var echoes = 0
        for _ in 0..<50 where gate.assess(own: own, other: other) { echoes += 1 }
        #expect(echoes == 50)
        own.bands[3] = -25
        #expect(!gate.assess(own: own, other: other))
    }

    /// A line whose background is louder than its floors (which fell while it was quiet)
    /// under the other party's echo: the background in the bands the echo leaves weak makes
    /// the hop more than echo, but what the echo does not explain is only that background,
    /// 18 dB under the hop's energy. Speech of the party's own in one band is its own energy.
    @Test func onlyWhatTheEchoLeavesIsTheLinesOwnEnergy() {
        let gate = EchoGate()
        var own = FrameFeatures(), other = FrameFeatures()
        other.bands.values = SIMD8(-20, -20, -20, -20, -45, -45, -45, -45)
        other.bandFloors.values = SIMD8(repeating: -80)
        other.bandEnergyDB = power(other.bands.values)
        other.noiseFloorDB = -80
        own.bandFloors.values = SIMD8(repeating: -70)
        own.noiseFloorDB = -60
        own.bands.values = other.bands.values - 12
        own.bandEnergyDB = power(own.bands.values)
        for _ in 0..<300 {
            #expect(gate.assess(own: own, other: other))
            gate.settle(otherIsEcho: false, otherSilentHops: 0)
        }
        let background: Float = -50
        for b in 4..<SpeechBands.count { own.bands[b] = background }
        own.bandEnergyDB = power(own.bands.values)
        #expect(!gate.assess(own: own, other: other))
        let left = 10 * log10f(4 * (powf(10, background / 10) - powf(10, (-45 + gate.couplingDB) / 10)))
        #expect(abs(gate.unexplainedEnergyDB - left) < 0.5)
        #expect(gate.unexplainedEnergyDB < own.bandEnergyDB - 15)
        own.bands[2] = -24
        own.bandEnergyDB = power(own.bands.values)
        #expect(!gate.assess(own: own, other: other))
        let withSpeech = powf(10, -2.4) - powf(10, (-20 + gate.couplingDB) / 10) + powf(10, left / 10)
        #expect(abs(gate.unexplainedEnergyDB - 10 * log10f(withSpeech)) < 0.5)
    }

    /// An echo that a codec made louder than its coupling, by up to the margin plus
    /// ``EchoGate/pitchedEchoAllowance``, is still the echo where it carries the pitch of the
    /// louder sound it echoes. At another pitch, further beyond the coupling, or where the
    /// other line's sound is not louder than this one (the other microphone hearing this
    /// party, as at the counter), it is this party's own.
    @Test(arguments: [
        (Float(-14), Float(200), Float(8), true),
        (Float(-14), Float(110), Float(8), false),
        (Float(-14), Float(200), Float(12), false),
        (Float(-14), Float(200), Float(4), true),
        (Float(-8), Float(200), Float(8), false),
    ])
    func anEchoAtTheOthersPitchIsTheEchoThoughACodecRaisedIt(
        couplingDB: Float, ownHz: Float, aboveCouplingDB: Float, isEcho: Bool
    ) {
        let gate = EchoGate()
        var own = FrameFeatures(), other = FrameFeatures()
        other.bands.values = SIMD8(repeating: -20)
        other.bandEnergyDB = power(other.bands.values)
        other.noiseFloorDB = -80
        other.periodicity = 0.9
        other.periodicFrequency = 200
        own.noiseFloorDB = -80
        own.bandFloors.values = SIMD8(repeating: -90)
        own.bands.values = other.bands.values + couplingDB
        own.bandEnergyDB = power(own.bands.values)
        for _ in 0..<400 {
            _ = gate.assess(own: own, other: other)
            gate.settle(otherIsEcho: false, otherSilentHops: 0)
        }
        #expect(abs(gate.couplingDB - couplingDB) < 1)
        own.bands.values = other.bands.values + gate.couplingDB + aboveCouplingDB
        own.bandEnergyDB = power(own.bands.values)
        own.periodicity = 0.8
        own.periodicFrequency = ownHz
        #expect(gate.assess(own: own, other: other) == isEcho)
    }

    /// A hop the echo gate passes is judged on the energy the echo leaves: 10 dB over the
    /// floor in all, but only 1 dB without the echo, is no speech; with no echo to take out
    /// it is.
    @Test(arguments: [(Float(-49), false), (Float.infinity, true)])
    func speechIsJudgedOnTheEnergyTheEchoLeaves(echoFree: Float, isSpeech: Bool) {
        var detector = VoiceActivityDetector()
        var f = frame(0, speech: false)
        f.noiseFloorDB = -50
        f.bandEnergyDB = -40
        f.periodicity = 0.8
        var decided: [Bool] = []
        for i in 0..<50 {
            f.index = i
            decided.append(detector.decide(f, echo: false, echoFreeEnergyDB: echoFree))
        }
        #expect(decided.suffix(40).allSatisfy { $0 == isSpeech })
    }

    /// After the party has spoken at -30 dB, a voiced hop of an echo at -35 dB whose
    /// remainder is 4 dB over the noise floor (-70 dB): that remainder, 36 dB under the
    /// party's speech level, is no speech of theirs; one 20 dB under it is.
    @Test(arguments: [(Float(-66), false), (Float(-50), true)])
    func whatTheEchoLeavesMustBeNearTheOwnSpeechLevel(echoFree: Float, isSpeech: Bool) {
        var detector = VoiceActivityDetector()
        var f = frame(0, speech: false)
        f.noiseFloorDB = -70
        f.periodicity = 0.8
        for i in 0..<150 {
            f.index = i
            f.bandEnergyDB = i < 50 ? -30 : -72
            _ = detector.decide(f, echo: false)
        }
        f.bandEnergyDB = -35
        var decided: [Bool] = []
        for i in 150..<200 {
            f.index = i
            decided.append(detector.decide(f, echo: false, echoFreeEnergyDB: echoFree))
        }
        #expect(decided.suffix(40).allSatisfy { $0 == isSpeech })
    }

    /// Where the other party's hop is this party's echo and they have been silent for half a
    /// second, nothing in this party's hop is the other's: the gate leaves the whole hop as the
    /// party's own energy. While the other party has just spoken it takes out their echo.
    @Test func ownEchoOnTheOtherLineLeavesTheWholeHop() {
        let gate = EchoGate()
        var own = FrameFeatures(), other = FrameFeatures()
        other.bands.values = SIMD8(repeating: -20)
        other.bandFloors.values = SIMD8(repeating: -80)
        other.bandEnergyDB = power(other.bands.values)
        other.noiseFloorDB = -80
        own.bands.values = SIMD8(-24, -28, -28, -28, -28, -28, -28, -28)
        own.bandFloors.values = SIMD8(repeating: -80)
        own.bandEnergyDB = power(own.bands.values)
        own.noiseFloorDB = -80
        for (otherIsEcho, silentHops) in [(false, 1000), (true, EchoGate.trustedVerdictSilenceHops - 1)] {
            #expect(!gate.assess(own: own, other: other))
            gate.settle(otherIsEcho: otherIsEcho, otherSilentHops: silentHops)
            #expect(gate.unexplainedEnergyDB < own.bandEnergyDB - 1.5)
        }
        #expect(!gate.assess(own: own, other: other))
        gate.settle(otherIsEcho: true, otherSilentHops: EchoGate.trustedVerdictSilenceHops)
        #expect(gate.unexplainedEnergyDB == own.bandEnergyDB)
    }

    /// At the counter the other party's onset, 0.1 s after they start, heard on a silent
    /// party's microphone at their pitch (183 Hz, 1 dB down): their voice, not this party's.
    /// Not so when this party is speaking, when the other has been speaking longer than 0.3 s,
    /// when the pitch is a semitone off, or when this party's hop is the louder.
    @Test(arguments: [
        (5, 10, Float(182), Float(-21), true),
        (0, 10, Float(182), Float(-21), false),
        (5, EchoGate.onsetHops + 1, Float(182), Float(-21), false),
        (5, 10, Float(194), Float(-21), false),
        (5, 10, Float(182), Float(-19), false),
    ])
    func othersOnsetAtTheirPitchIsTheirVoice(
        ownSilentHops: Int, otherSpeakingHops: Int, ownPitch: Float, ownEnergy: Float, isTheirs: Bool
    ) {
        var own = FrameFeatures(), other = FrameFeatures()
        other.periodicity = 0.9
        other.periodicFrequency = 183
        other.bandEnergyDB = -20
        own.periodicity = 0.9
        own.periodicFrequency = ownPitch
        own.bandEnergyDB = ownEnergy
        let heard = EchoGate.isOthersOnset(
            own: own, other: other, ownSilentHops: ownSilentHops, otherSpeakingHops: otherSpeakingHops)
        #expect(heard == isTheirs)
    }

    /// On an echo line the quiet end of a party's word can be softer than the echo of its
    /// loud start on the other channel. That echo is not the other party's speech: the gate
    /// must not learn from it, or its coupling climbs until the party's quiet words count
    /// as echo.
    @Test func ownEchoOnTheOtherLineDoesNotTeachTheGate() {
        let speaker = EchoGate(), listener = EchoGate()
        var history: [SpeechBands] = []
        var a = FrameFeatures(), b = FrameFeatures()
        a.noiseFloorDB = -90
        b.noiseFloorDB = -90
        a.bandFloors.values = SIMD8(repeating: -100)
        b.bandFloors.values = SIMD8(repeating: -100)
        for i in 0..<3000 {
            // 0.1 s of a loud syllable, then 0.1 s of a quiet ending with another spectrum.
            let loud = i % 20 < 10
            for k in 0..<SpeechBands.count {
                a.bands[k] = loud ? -20 - Float((k * 3 + i) % 7) : -40 - Float((k * 5 + i) % 6)
            }
            history.append(a.bands)
            let delayed = history[max(0, history.count - 6)]
            for k in 0..<SpeechBands.count { b.bands[k] = delayed[k] - 12 }
            a.bandEnergyDB = power(a.bands.values)
            b.bandEnergyDB = power(b.bands.values)
            let speakerEcho = speaker.assess(own: a, other: b)
            let listenerEcho = listener.assess(own: b, other: a)
            speaker.settle(otherIsEcho: listenerEcho, otherSilentHops: 0)
            listener.settle(otherIsEcho: speakerEcho, otherSilentHops: 0)
        }
        #expect(abs(listener.couplingDB - (-12)) < 1.5)
        #expect(speaker.couplingDB <= -11)
    }

    /// The nuclei a fresh detector finds in voiced speech hops of these band energies (noise
    /// floor -70 dB), and in one silent hop after them where `thenSilence`.
    private func nuclei(in energies: [Float], thenSilence: Bool = false) -> Int {
        var detector = SyllableNucleiDetector()
        var n = 0
        for (i, e) in energies.enumerated() {
            var f = frame(i, speech: true)
            f.noiseFloorDB = -70
            f.periodicity = 0.9
            f.bandEnergyDB = e
            if detector.process(f) { n += 1 }
        }
        if thenSilence {
            var end = frame(energies.count, speech: false)
            end.noiseFloorDB = -70
            if detector.process(end) { n += 1 }
        }
        return n
    }

    /// Nuclei: a clear rise and fall of 12 dB in voiced speech is one syllable.
    @Test func syllableNucleiCountPeaks() {
        let energies = (0..<300).map { (i: Int) -> Float in -30 - 6 * Float(cos(2 * Double.pi * Double(i) / 20)) }
        #expect(nuclei(in: energies) == 15)
    }

    /// Syllables of 400 ms whose energy swings 6 dB, with a 4 dB ripple every 80 ms on top
    /// (stretched or slowly spoken vowels): one nucleus per syllable, the ripples none.
    @Test func ripplesInsideASyllableAreOneNucleus() {
        let energies = (0..<400).map { (i: Int) -> Float in
            let syllable = -30 - 3 * Float(cos(2 * Double.pi * Double(i) / 40))
            return syllable + 2 * Float(cos(2 * Double.pi * Double(i) / 8))
        }
        #expect(nuclei(in: energies) == 10)
    }

    /// A peak counts by its prominence on both sides, measured to the nearest higher energy:
    /// a small peak on the shoulder of a loud one is not a nucleus, one behind a deep dip is;
    /// a peak must fall inside its speech run.
    @Test func nucleiNeedProminenceOnBothSides() {
        // A loud peak, a 3 dB dip, a shoulder peak 1 dB lower, then silence: one nucleus.
        #expect(nuclei(in: [-50, -40, -30, -33, -31, -40, -50], thenSilence: true) == 1)
        // The same with a 10 dB dip: two.
        #expect(nuclei(in: [-50, -40, -30, -40, -31, -40, -50], thenSilence: true) == 2)
        // A peak still rising when the speech ends: none.
        #expect(nuclei(in: [-50, -40, -30], thenSilence: true) == 0)
        // A run longer than the detector's stack: a slow 34-hop fall from -20 dB, a dip, a
        // peak at -20.15 dB that falls only 2 dB, and one at -20.05 dB that falls into a dip:
        // its nearest higher energy is the fall's first hop, forgotten by the stack, and the
        // lowest point since is the first dip, so it is a nucleus (and so is the fall's start).
        let fall = (0..<34).map { -20 - 0.1 * Float($0) }
        #expect(nuclei(in: fall + [-40, -40, -40, -20.15, -22, -20.05, -40, -40, -40], thenSilence: true) == 2)
        // A second peak higher than the first, 4 dB above the dip between them, but 20 dB
        // above the run's start: the first (10 dB above its left, 4 dB above its right) is no
        // nucleus, the second is.
        #expect(nuclei(in: [-50, -44, -40, -44, -36, -45, -50], thenSilence: true) == 1)
    }
}
