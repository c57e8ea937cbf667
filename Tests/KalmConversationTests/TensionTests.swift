import KalmConversation
import Testing

private func voice(_ index: Int, f0: Float = 200, level: Float = -30, tempo: Float = 5, speech: Bool = true) -> VoiceObservation {
    VoiceObservation(index: index, speech: speech, f0: speech ? f0 : 0, levelDB: level, tempo: speech ? tempo : 0)
}

@Suite struct BaselineTests {
    @Test func learnsMeansAfterTheSpeechItNeeds() {
        var learner = BaselineLearner(seconds: 20)
        for i in 0..<1999 { learner.add(voice(i, f0: i % 2 == 0 ? 200 : 220), calm: true) }
        let provisional = learner.baseline
        #expect(provisional != nil)
        learner.add(voice(1999), calm: true)
        let b = learner.baseline!
        #expect(abs(b.levelDB - (-30)) < 0.01)
        #expect(abs(b.tempoSps - 5) < 0.01)
        // Mean of 200 Hz (12.0 st) and 220 Hz (13.65 st).
        #expect(abs(b.pitchSemitones - 12.83) < 0.05)
        #expect(abs(b.pitchRangeSemitones - 0.83) < 0.05)
    }

    /// Escalated speech during the learning does not raise the baseline.
    @Test func doesNotLearnFromUpsetSpeech() {
        var learner = BaselineLearner(seconds: 20)
        for i in 0..<900 { learner.add(voice(i), calm: true) }
        for i in 900..<2900 { learner.add(voice(i, f0: 300, level: -20), calm: false) }
        for i in 2900..<4000 { learner.add(voice(i), calm: true) }
        let b = learner.baseline!
        #expect(abs(b.levelDB - (-30)) < 0.01)
        #expect(abs(b.pitchSemitones - 12.0) < 0.05)
    }

    /// The level is the power mean of every learned speech hop; the pitch that of the voiced.
    @Test func learnsTheLevelOfEverySpeechHop() {
        var learner = BaselineLearner(seconds: 20)
        for i in 0..<2000 { learner.add(voice(i, f0: i % 2 == 0 ? 200 : 0, level: i % 2 == 0 ? -30 : -40), calm: true) }
        let b = learner.baseline!
        #expect(abs(b.levelDB - (-32.6)) < 0.05)
        #expect(abs(b.pitchSemitones - 12.0) < 0.05)
    }

    /// The provisional baseline follows the calm speech heard after its first 8 s.
    @Test func refinesTheProvisionalBaseline() {
        var learner = BaselineLearner(seconds: 20)
        for i in 0..<800 { learner.add(voice(i, tempo: 4), calm: true) }
        #expect(abs(learner.baseline!.tempoSps - 4) < 0.01)
        for i in 800..<1600 { learner.add(voice(i, tempo: 6), calm: true) }
        // 8 s at 4 and 6 s at 6 learned (the last 2 s are still held): mean 4.86.
        #expect(abs(learner.baseline!.tempoSps - 4.86) < 0.05)
    }

    /// The calm-reading lead-in to a raised voice (the tension lags it) is not learned.
    @Test func dropsTheLeadInToRaisedSpeech() {
        var learner = BaselineLearner(seconds: 20)
        for i in 0..<1000 { learner.add(voice(i), calm: true) }
        for i in 1000..<1150 { learner.add(voice(i, level: -20), calm: true) }
        for i in 1150..<1400 { learner.add(voice(i, level: -20), calm: false) }
        for i in 1400..<3000 { learner.add(voice(i), calm: true) }
        #expect(abs(learner.baseline!.levelDB - (-30)) < 0.01)
    }

    /// A raised segment (+5 st, +5 dB) that the lagging tension still calls calm for 3 s is
    /// not learned: its own mean judges it raised against the provisional baseline.
    @Test func doesNotLearnARaisedSegmentTheTensionCallsCalm() {
        var learner = BaselineLearner(seconds: 20)
        for i in 0..<1000 { learner.add(voice(i), calm: true) }
        learner.add(voice(1000, speech: false), calm: true)
        for i in 1001..<1300 { learner.add(voice(i, f0: 267, level: -25), calm: true) }
        learner.add(voice(1300, speech: false), calm: true)
        for i in 1301..<3400 { learner.add(voice(i), calm: true) }
        let b = learner.baseline!
        #expect(abs(b.pitchSemitones - 12.0) < 0.05)
        #expect(abs(b.levelDB - (-30)) < 0.01)
    }

    /// Pitch and level relax downward only; tempo follows calm speech up too, but not from
    /// hops whose tempo already counts toward the tension (here +17 % over a 12 % start).
    @Test func relaxesDownwardOnly() {
        var learner = BaselineLearner(fixed: Baseline(pitchSemitones: 14, pitchRangeSemitones: 1, levelDB: -25, tempoSps: 6))
        for _ in 0..<6000 { learner.relax(toward: (12, -35, 7)) }
        let b = learner.baseline!
        #expect(b.pitchSemitones < 13 && b.levelDB < -30)
        #expect(b.tempoSps == 6)
    }

    /// A baseline tempo learned low (slow first sentences) follows the party's calm speech up.
    @Test func tempoRelaxesUpTowardCalmSpeech() {
        var learner = BaselineLearner(fixed: Baseline(pitchSemitones: 14, pitchRangeSemitones: 1, levelDB: -25, tempoSps: 6))
        for _ in 0..<6000 { learner.relax(toward: (14, -25, 6.5)) }
        #expect(learner.baseline!.tempoSps > 6.4)
    }

    /// A voice that swings 3 dB either side of its baseline for hours keeps its baseline:
    /// relaxing follows the mean of the calm speech, not its quieter half.
    @Test func relaxingDoesNotCreepDown() {
        var learner = BaselineLearner(fixed: Baseline(pitchSemitones: 14, pitchRangeSemitones: 1, levelDB: -25, tempoSps: 6))
        for i in 0..<360_000 {
            let louder = (i / 200) % 2 == 0
            learner.relax(toward: (louder ? 15 : 13, louder ? -22 : -28, louder ? 6.5 : 5.5))
        }
        let b = learner.baseline!
        #expect(b.pitchSemitones > 13.8 && b.levelDB > -25.5 && b.tempoSps > 5.9)
    }

    /// The tempo rise the slow_down cue judges: percent over the baseline, none without a tempo.
    @Test func tempoRiseOverTheBaseline() {
        let b = Baseline(pitchSemitones: 14, pitchRangeSemitones: 1, levelDB: -25, tempoSps: 4)
        #expect(abs(b.tempoRise(of: 5)! - 25) < 1e-9)
        #expect(abs(b.tempoRise(of: 3)! + 25) < 1e-9)
        #expect(b.tempoRise(of: 0) == nil)
        #expect(Baseline(pitchSemitones: 14, pitchRangeSemitones: 1, levelDB: -25, tempoSps: 0).tempoRise(of: 5) == nil)
    }
}

@Suite struct TensionModelTests {
    private let baseline = Baseline(pitchSemitones: 12, pitchRangeSemitones: 1, levelDB: -30, tempoSps: 5)

    private func steady(_ model: inout TensionModel, f0: Float, level: Float, tempo: Float) -> Float {
        var t: Float = 0
        for i in 0..<500 { t = model.update(voice(i, f0: f0, level: level, tempo: tempo), baseline: baseline) }
        return t
    }

    @Test func calmAtBaselineAndUnderMildChanges() {
        var model = TensionModel(profile: .standard)
        #expect(steady(&model, f0: 200, level: -30, tempo: 5) == 0)
        // +1 semitone, +2 dB, x1.08: must not count.
        #expect(steady(&model, f0: 211.9, level: -28, tempo: 5.4) == 0)
    }

    @Test func escalatedVoiceIsTense() {
        var model = TensionModel(profile: .standard)
        // +5 st, +8 dB, +30 %.
        let t = steady(&model, f0: 267, level: -22, tempo: 6.5)
        #expect(t >= 0.8)
    }

    /// A faster tempo alone (+30 %) gives the tempo's full weight, and says so: the customer's
    /// baseline learning leaves that share out, so a provisional tempo that read low cannot keep
    /// the party's ordinary speech from ever counting as calm.
    @Test func tempoShareIsTheTemposPartOfTheScore() {
        var model = TensionModel(profile: .standard)
        let t = steady(&model, f0: 200, level: -30, tempo: 6.5)
        #expect(abs(t - 0.2) < 0.001)
        #expect(abs(model.tempoShare - 0.2) < 0.001)
        #expect(Double(t - model.tempoShare) < Profile.standard.calmEnter)
        #expect(steady(&model, f0: 200, level: -30, tempo: 5) == 0)
        #expect(model.tempoShare == 0)
    }

    /// The level follows every speech hop, voiced or not (in noise, voicing found only on a
    /// raised voice's weaker hops biased a voiced-only level low).
    @Test func levelCountsUnvoicedSpeechHops() {
        var model = TensionModel(profile: .standard)
        for i in 0..<300 { _ = model.update(voice(i, f0: 0, level: -24), baseline: baseline) }
        #expect(abs((model.levelRise(over: baseline) ?? 0) - 6) < 0.01)
        // Half the hops 10 dB weaker: the power mean, 10 log10((1 + 0.1) / 2) = -2.6 dB.
        var mixed = TensionModel(profile: .standard)
        for i in 0..<2000 { _ = mixed.update(voice(i, f0: i % 2 == 0 ? 200 : 0, level: i % 2 == 0 ? -30 : -40), baseline: baseline) }
        #expect(abs((mixed.levelRise(over: baseline) ?? 0) + 2.6) < 0.1)
    }

    /// A party who stops pausing inside their turns gains the pauses' weight, no more.
    @Test func shrinkingPausesAdd() {
        var model = TensionModel(profile: .standard)
        var t: Float = 0
        for i in 0..<3000 {
            model.turnHop(ownSpeech: i % 500 < 400, otherSpeech: false)
            t = model.update(voice(i, speech: i % 500 < 400), baseline: baseline)
        }
        #expect(t < 0.01)
        // A minute without pauses: the share is down to e^-2 of the calm 20 %, 86 % less.
        for i in 3000..<9000 {
            model.turnHop(ownSpeech: true, otherSpeech: false)
            t = model.update(voice(i), baseline: baseline)
        }
        let full = Float(Profile.standard.weightPauses)
        #expect(abs(t - full * Float((86.5 - Profile.standard.pauseShrinkStart) / (Profile.standard.pauseShrinkFull - Profile.standard.pauseShrinkStart))) < 0.005)
    }

    @Test func interruptionsAdd() {
        var model = TensionModel(profile: .standard)
        _ = steady(&model, f0: 200, level: -30, tempo: 5)
        for i in 0..<3 { model.noteInterruption(at: 400 + i) }
        let t = model.update(voice(500), baseline: baseline)
        #expect(abs(Double(t) - Profile.standard.weightInterruptions) < 0.01)
    }

    @Test func silenceHoldsTheScore() {
        var model = TensionModel(profile: .standard)
        let t = steady(&model, f0: 267, level: -22, tempo: 6.5)
        #expect(model.update(voice(600, speech: false), baseline: baseline) == t)
    }
}

@Suite struct EscalationTrackerTests {
    /// Calm, then a rise from hop 1000 (segment onset 950) to escalated, then calm speech
    /// from hop 3000 (segment onset 2980): one episode, both ends back-dated to onsets.
    @Test func episodeWithTijdTotRust() {
        var tracker = EscalationTracker(profile: .standard, party: .customer)
        var events: [ConversationEvent] = []
        for i in 0..<5000 {
            let speech = !(940..<950).contains(i) && !(2970..<2980).contains(i)
            let tension: Float = i < 1000 ? 0 : (i < 1100 ? Float(i - 1000) / 100 : (i < 3000 ? 0.8 : (i < 3100 ? 0.8 - Float(i - 3000) / 100 : 0)))
            tracker.update(index: i, speech: speech, tension: min(0.8, tension)) { events.append($0) }
        }
        tracker.finish { events.append($0) }
        let episodes = events.compactMap { e -> (Double, Double?)? in
            if case .escalation(_, let s, let e) = e { return (s, e) }
            return nil
        }
        #expect(episodes.count == 1)
        #expect(episodes.first?.0 == 9.5)
        #expect(episodes.first?.1 == 29.8)
        let states = events.compactMap { e -> TensionState? in
            if case .state(_, _, _, let to) = e { return to }
            return nil
        }
        // The rise passes "tense" faster than the dwell time, so the state goes straight up; the
        // fall reaches calm within one dwell too.
        #expect(states == [.escalated, .calm])
    }

    /// Runs `segments` (onset, end, tension at each hop of it) with silence between, the
    /// tension held in the silences; returns the episodes.
    private func episodes(_ segments: [(Int, Int, (Int) -> Float)], hops: Int) -> [(Double, Double?)] {
        var tracker = EscalationTracker(profile: .standard, party: .customer)
        var out: [(Double, Double?)] = []
        var held: Float = 0
        for i in 0..<hops {
            let segment = segments.first { $0.0 <= i && i < $0.1 }
            if let segment { held = segment.2(i) }
            tracker.update(index: i, speech: segment != nil, tension: held) { e in
                if case .escalation(_, let s, let end) = e { out.append((s, end)) }
            }
        }
        return out
    }

    /// A short first raised sentence moves the tension only to 0.12 (below calm's 0.15);
    /// the episode still starts there. It ends with the sentence in which the tension falls
    /// through the exit level.
    @Test func episodeEndsAreTheRaisedAndTheCalmSentences() {
        let found = episodes([
            (0, 2000, { _ in 0.02 }),
            (3000, 3150, { i in Float(i - 3000) / 150 * 0.12 }),
            (3500, 6000, { _ in 0.8 }),
            (6500, 6800, { _ in 0.6 }),
            (7500, 9000, { i in max(0, 0.6 - Float(i - 7500) / 300) }),
        ], hops: 9500)
        #expect(found.count == 1)
        #expect(found.first?.0 == 30)
        #expect(found.first?.1 == 75)
    }

    /// A calm sentence that leaves the tension above half the calm level (0.1) is not the
    /// start when the rise to escalation comes more than 6 s of speech later: the start is
    /// the sentence in which the tension rose through the calm level itself.
    @Test func staleRiseIsNotTheStart() {
        let found = episodes([
            (0, 2000, { _ in 0.02 }),
            (3000, 3800, { _ in 0.1 }),
            (4500, 6000, { i in i < 4600 ? 0.1 : 0.8 }),
            (6500, 8000, { _ in 0 }),
        ], hops: 8500)
        #expect(found.count == 1)
        #expect(found.first?.0 == 45)
    }

    /// The episodes of a call whose tension, held in the silences, rises and falls as in
    /// ``episodeEndsAreTheRaisedAndTheCalmSentences()``: a 1 s first sentence that lifts the
    /// lagging tension only to 0.05, a raised stretch, a 1.5 s first calm sentence that
    /// leaves it at 0.6, calm speech. The changed sentences are spoken at `raisedF0` (Hz) and
    /// `raisedLevel` (dB), the rest at the baseline of 200 Hz and -30 dB; with `question`, a
    /// calm sentence at 22-26 s ends 3.4 st high (a question's rise: between calm and raised);
    /// with `crosstalk`, 0.3 s of calm voice at 62 s (set aside as heard inside the other
    /// party's speech when `setAside`).
    private func risingAndCalming(
        raisedF0: Float, raisedLevel: Float, question: Bool = false, crosstalk: Bool = false, setAside: Bool = false
    ) -> [(Double, Double?)] {
        var segments: [(Int, Int, (Int) -> Float, Float, Float)] = [
            (0, 2000, { _ in 0.02 }, 200, -30),
            (3000, 3100, { i in Float(i - 3000) / 100 * 0.05 }, raisedF0, raisedLevel),
            (3500, 6000, { _ in 0.8 }, raisedF0, raisedLevel),
            (6500, 6650, { _ in 0.6 }, 200, -30),
            (7500, 9000, { i in max(0, 0.6 - Float(i - 7500) / 300) }, 200, -30),
        ]
        if question { segments.insert((2200, 2600, { _ in 0.02 }, 243.6, -30), at: 1) }
        if crosstalk { segments.insert((6200, 6230, { _ in 0.8 }, 200, -30), at: 3) }
        let baseline = Baseline(pitchSemitones: 12, pitchRangeSemitones: 1, levelDB: -30, tempoSps: 5)
        var tracker = EscalationTracker(profile: .standard, party: .customer)
        var out: [(Double, Double?)] = []
        var held: Float = 0
        for i in 0..<9500 {
            let segment = segments.first { $0.0 <= i && i < $0.1 }
            if let segment { held = segment.2(i) }
            let o = voice(i, f0: segment?.3 ?? 0, level: segment?.4 ?? -70, speech: segment != nil)
            tracker.update(index: i, speech: segment != nil, tension: held, voice: o, baseline: baseline) { e in
                if case .escalation(_, let s, let end) = e { out.append((s, end)) }
            }
            if setAside, i == 6230 { tracker.setAside(segmentAt: 6200) }
        }
        return out
    }

    /// A short calm stretch heard inside the other party's speech dates the episode's end
    /// unless it is set aside; then the first calm sentence of the party's own does.
    @Test func segmentInsideTheOtherPartysSpeechDoesNotEndTheEpisode() {
        #expect(risingAndCalming(raisedF0: 317.5, raisedLevel: -24, crosstalk: true).first?.1 == 62)
        let found = risingAndCalming(raisedF0: 317.5, raisedLevel: -24, crosstalk: true, setAside: true)
        #expect(found.count == 1)
        #expect(found.first?.0 == 30)
        #expect(found.first?.1 == 65)
    }

    /// A segment is inside the other party's speech when they speak at every hop of it.
    @Test func insideSegmentsAreThoseTheOtherPartySpokeThroughout() {
        var inside = InsideSegments()
        var found: [Int] = []
        // Own speech 10-19 inside the other's 5-30; 40-49 half outside; 60-64 inside 58-70.
        for i in 0..<80 {
            let own = (10..<20).contains(i) || (40..<50).contains(i) || (60..<65).contains(i)
            let other = (5..<30).contains(i) || (45..<55).contains(i) || (58..<70).contains(i)
            if let onset = inside.update(index: i, ownSpeech: own, otherSpeech: other) { found.append(onset) }
        }
        #expect(found == [10, 60])
    }

    /// Raised by +8 st and +6 dB, the first raised and the first calm sentence are judged as
    /// utterances: the episode runs from the one to the other (the tension alone dates it
    /// 35-75 s).
    @Test func episodeIsDatedByItsUtterances() {
        let found = risingAndCalming(raisedF0: 317.5, raisedLevel: -24)
        #expect(found.count == 1)
        #expect(found.first?.0 == 30)
        #expect(found.first?.1 == 65)
    }

    /// A sentence between calm and raised (here a question's rise, +3.4 st: 0.2 of tension
    /// from pitch) just before the raised ones neither starts the raised run nor belongs to it.
    @Test func inBetweenSentenceIsNotTheStart() {
        let found = risingAndCalming(raisedF0: 317.5, raisedLevel: -24, question: true)
        #expect(found.count == 1)
        #expect(found.first?.0 == 30)
        #expect(found.first?.1 == 65)
    }

    /// An episode whose voice stays at the baseline (tension from tempo or interruptions)
    /// has no raised utterance: its ends come from the tension as before.
    @Test func episodeWithoutRaisedUtterancesIsDatedByTension() {
        let found = risingAndCalming(raisedF0: 200, raisedLevel: -30)
        #expect(found.count == 1)
        #expect(found.first?.0 == 35)
        #expect(found.first?.1 == 75)
    }

    @Test func briefBlipDoesNotChangeState() {
        var tracker = EscalationTracker(profile: .standard, party: .customer)
        var events: [ConversationEvent] = []
        for i in 0..<1000 {
            tracker.update(index: i, speech: true, tension: (500..<560).contains(i) ? 0.9 : 0) { events.append($0) }
        }
        #expect(events.isEmpty)
    }

    @Test func openEpisodeAtTheEndHasNoEnd() {
        var tracker = EscalationTracker(profile: .standard, party: .customer)
        var events: [ConversationEvent] = []
        for i in 0..<1000 { tracker.update(index: i, speech: true, tension: i < 100 ? 0 : 0.9) { events.append($0) } }
        tracker.finish { events.append($0) }
        #expect(events.last == .escalation(party: .customer, start: 0, end: nil))
    }
}

@Suite struct CueEngineTests {
    /// Feeds the agent's hops; with `pausing`, the last second of every ten is a pause.
    private func agentRun(
        _ engine: inout CueEngine, hops: Range<Int>, tempoRise: Double, levelRise: Double, pausing: Bool = false
    ) -> [ConversationEvent] {
        var out: [ConversationEvent] = []
        for i in hops {
            engine.agentHop(voice(i, speech: !pausing || i % 1000 < 900), tempoRise: tempoRise, levelRise: levelRise) { out.append($0) }
        }
        return out
    }

    @Test func slowDownAndLowerVoiceWhenSustained() {
        var engine = CueEngine(profile: .standard)
        #expect(agentRun(&engine, hops: 0..<1000, tempoRise: 5, levelRise: 1).isEmpty)
        // The tempo (itself a 6 s average) must stay up 0.3 s of speech, the level 2 s.
        let cues = agentRun(&engine, hops: 1000..<1400, tempoRise: 25, levelRise: 6)
        #expect(cues == [.cue(t: 10.29, party: .agent, cue: .slowDown), .cue(t: 11.99, party: .agent, cue: .lowerVoice)])
    }

    @Test func heldBackCueNeedsTheBehaviourStill() {
        var engine = CueEngine(profile: .standard)
        // Fast and loud for 40 s of speech: one cue each (the repeat limit holds back more).
        let during = agentRun(&engine, hops: 0..<4000, tempoRise: 25, levelRise: 6, pausing: true)
        #expect(during == [.cue(t: 0.29, party: .agent, cue: .slowDown), .cue(t: 1.99, party: .agent, cue: .lowerVoice)])
        // Calm again: when the limit ends a minute after the cues, nothing is left to give.
        #expect(agentRun(&engine, hops: 4000..<9000, tempoRise: 5, levelRise: 1, pausing: true).isEmpty)
        // Fast again, past the limit: the cue comes after 0.3 s of speech, as the first did.
        #expect(agentRun(&engine, hops: 9000..<9200, tempoRise: 25, levelRise: 1) == [.cue(t: 90.29, party: .agent, cue: .slowDown)])
    }

    /// No slow_down on a baseline from the agent's first seconds: it needs 12 s of their speech.
    @Test func slowDownWaitsForEnoughBaseline() {
        var engine = CueEngine(profile: .standard)
        var out: [ConversationEvent] = []
        for i in 0..<500 {
            engine.agentHop(voice(i, speech: true), tempoRise: 30, levelRise: 0, baselineSeconds: 8 + Double(i) / 100) {
                out.append($0)
            }
        }
        #expect(out == [.cue(t: 4.29, party: .agent, cue: .slowDown)])
    }

    @Test func letFinishAndRateLimits() {
        var engine = CueEngine(profile: .standard)
        var out: [ConversationEvent] = []
        // One interruption reported twice (ahead and in step), then another within the
        // minute: one cue (the repeat limit).
        engine.agentInterrupts(since: 100, at: 200) { out.append($0) }
        engine.agentInterrupts(since: 100, at: 200) { out.append($0) }
        engine.agentInterrupts(since: 300, at: 400) { out.append($0) }
        #expect(out == [.cue(t: 2, party: .agent, cue: .letFinish)])
        engine.observe(.state(t: 7, party: .customer, from: .calm, to: .tense), at: 700) { out.append($0) }
        engine.observe(.state(t: 8, party: .customer, from: .tense, to: .calm), at: 800) { out.append($0) }
        #expect(out.last == .cue(t: 7, party: .agent, cue: .acknowledge))
        // A third cue within the same minute exceeds the cap of two.
        engine.observe(.state(t: 9, party: .customer, from: .calm, to: .escalated), at: 900) { out.append($0) }
        #expect(out.count == 2)
    }

    @Test func takePauseAfterLongMonologue() {
        var engine = CueEngine(profile: .standard)
        let cues = agentRun(&engine, hops: 0..<4100, tempoRise: 0, levelRise: 0)
        #expect(cues == [.cue(t: 40, party: .agent, cue: .takePause)])
    }
}

@Suite struct LearningCalmTests {
    private let profile = Profile.standard

    private func allows(_ party: Party, tension: Float, tempoShare: Float = 0, levelRise: Double? = 0, learned: Double) -> Bool {
        LearningCalm.allows(party, tension: tension, tempoShare: tempoShare, levelRise: levelRise, learnedSeconds: learned, profile: profile)
    }

    /// Calm below the calm threshold, for both parties.
    @Test func tensionBelowCalmIsLearned() {
        for party in Party.allCases {
            #expect(allows(party, tension: Float(profile.calmEnter) - 0.01, learned: 5))
            #expect(!allows(party, tension: Float(profile.calmEnter) + 0.01, learned: 5))
        }
    }

    /// The tempo's share is left out for the customer always, for the agent only while the
    /// baseline rests on less than slow_down's baseline seconds.
    @Test func tempoShareLeftOutWhileTheAgentsTempoIsProvisional() {
        #expect(allows(.customer, tension: 0.2, tempoShare: 0.2, learned: .infinity))
        #expect(allows(.agent, tension: 0.2, tempoShare: 0.2, learned: profile.slowDownBaseline - 0.01))
        #expect(!allows(.agent, tension: 0.2, tempoShare: 0.2, learned: profile.slowDownBaseline))
        #expect(!allows(.agent, tension: 0.3, tempoShare: 0.1, learned: 1))
    }

    /// An agent whose level is lower_voice's rise above the baseline is not learned, however
    /// low the tension; a customer's level is judged by the tension alone.
    @Test func loudAgentIsNotLearned() {
        #expect(!allows(.agent, tension: 0.05, levelRise: profile.lowerVoiceLevel, learned: 15))
        #expect(allows(.agent, tension: 0.05, levelRise: profile.lowerVoiceLevel - 0.1, learned: 15))
        #expect(allows(.agent, tension: 0.05, levelRise: nil, learned: 5))
        #expect(allows(.customer, tension: 0.05, levelRise: profile.lowerVoiceLevel + 2, learned: 15))
    }
}
