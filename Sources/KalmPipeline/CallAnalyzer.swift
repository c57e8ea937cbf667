import KalmConversation
import KalmDSP

#if canImport(Glibc)
import Glibc
#endif

/// The whole analysis of one call, fed with blocks of interleaved samples from any source
/// (file, ALSA capture, paced replay): per party framing and DSP, echo gating, voice
/// activity, gap bridging, syllable nuclei and tempo, then conversation events and summary.
///
/// Time is the sample count: the same samples give the same frames and events, live or
/// offline. After `init`, the per-hop path allocates nothing.
public final class CallAnalyzer {
    /// The analysis settings (derived from the sample rate).
    public let settings: AnalysisSettings
    /// Which channel is which party.
    public let layout: PartyLayout
    /// Channels per interleaved input frame.
    public let channelCount: Int

    private let parties: [Party]
    private let analyzers: [PartyAnalyzer]
    private let bridges: [SpeechGapBridge]
    private let tempo: [TempoEstimator]
    private var detectors: [VoiceActivityDetector]
    private let echoGates: [EchoGate]
    private var nuclei: [SyllableNucleiDetector]
    private var conversation = ConversationTracker()
    /// The thresholds and weights of tension, states and cues.
    public let profile: Profile
    private var learners: [BaselineLearner]
    private var tensionModels: [TensionModel]
    private var customerEscalation: EscalationTracker?
    private var customerOpening: OpeningReview
    private var customerInsideAgent = InsideSegments()
    /// Hops of silence of both parties after which a new customer is on the line (nil: never).
    private let newCustomerSilenceHops: Int?
    private var mutualSilenceHops = 0
    private var cues: CueEngine
    /// The latest assessment per party, and the assessments of frames still waiting for the
    /// other party's, for the sinks: party `i`'s frame `k` at `i * assessmentRingSize + k %
    /// assessmentRingSize` (more slots than a gap bridge holds frames).
    private var assessments: [TensionAssessment]
    private var assessmentRing: [TensionAssessment]
    private static let assessmentRingSize = 32
    /// Per party, how many frames at the front of its gap bridge are measured and assessed.
    private var measured: [Int]
    private var lastCue: Cue?
    private var lastCueTime = 0.0
    private var accumulator: SummaryAccumulator
    private let hopBuffer: UnsafeMutablePointer<Float>
    private var hopFill = 0
    private var raw: [FrameFeatures]
    private var final: [FrameFeatures]
    private var finished = false
    private let sink: AnalysisSink?
    /// The first error a sink threw; analysis stops feeding sinks after it.
    public private(set) var sinkError: Error?

    /// Prepares the analysis.
    /// - Parameters:
    ///   - sampleRate: input rate in Hz.
    ///   - channelCount: channels per interleaved frame of the input blocks.
    ///   - layout: which channel is the agent and which the customer.
    ///   - sink: receives frames and events (optional; the summary is always kept).
    ///   - profile: thresholds and weights for tension, states and cues.
    ///   - agentBaseline: the agent's stored calibration; learned from the call when nil.
    ///   - newCustomerAfterSilence: seconds of silence of both parties after which the next
    ///     speech is a new customer (a counter's next visitor, a new call on the headset): the
    ///     customer's baseline, tension, state and episode review start afresh and an episode
    ///     still open ends unresolved; the agent's baseline stays. Nil: one customer throughout.
    public init(
        sampleRate: Int, channelCount: Int, layout: PartyLayout, sink: AnalysisSink?,
        profile: Profile = .standard, agentBaseline: Baseline? = nil, newCustomerAfterSilence: Double? = nil
    ) {
        settings = AnalysisSettings(sampleRate: sampleRate)
        self.layout = layout
        self.channelCount = channelCount
        parties = layout.parties
        analyzers = parties.map { [settings] _ in PartyAnalyzer(settings: settings) }
        bridges = parties.map { _ in SpeechGapBridge() }
        tempo = parties.map { _ in TempoEstimator() }
        detectors = parties.map { _ in VoiceActivityDetector() }
        echoGates = parties.map { _ in EchoGate() }
        nuclei = parties.map { _ in SyllableNucleiDetector() }
        accumulator = SummaryAccumulator(parties: parties, sampleRate: sampleRate)
        self.profile = profile
        learners = parties.map { party in
            if party == .agent, let agentBaseline { return BaselineLearner(fixed: agentBaseline, profile: profile) }
            return BaselineLearner(seconds: profile.baselineSpeechSeconds, profile: profile)
        }
        tensionModels = parties.map { _ in TensionModel(profile: profile) }
        customerEscalation = parties.contains(.customer) ? EscalationTracker(profile: profile, party: .customer) : nil
        customerOpening = OpeningReview(profile: profile)
        newCustomerSilenceHops = newCustomerAfterSilence.map { max(1, Int(($0 * 100).rounded())) }
        cues = CueEngine(profile: profile)
        assessments = parties.map { _ in .calm }
        assessmentRing = Array(repeating: .calm, count: parties.count * Self.assessmentRingSize)
        measured = parties.map { _ in 0 }
        hopBuffer = .allocate(capacity: settings.hopSize * channelCount)
        hopBuffer.initialize(repeating: 0, count: settings.hopSize * channelCount)
        raw = parties.map { _ in FrameFeatures() }
        final = parties.map { _ in FrameFeatures() }
        self.sink = sink
    }

    deinit { hopBuffer.deallocate() }

    /// Feeds `frameCount` interleaved frames of `channelCount` samples each.
    public func process(interleaved samples: UnsafePointer<Float>, frameCount: Int) {
        var consumed = 0
        let hop = settings.hopSize
        while consumed < frameCount {
            let take = min(hop - hopFill, frameCount - consumed)
            (hopBuffer + hopFill * channelCount).update(from: samples + consumed * channelCount, count: take * channelCount)
            hopFill += take
            consumed += take
            if hopFill == hop {
                processHop()
                hopFill = 0
            }
        }
    }

    /// Ends the input: pads the last partial hop, flushes every delay line and closes
    /// open segments. Returns the call's summary.
    @discardableResult
    public func finish() -> CallSummary {
        guard !finished else { return accumulator.summary() }
        finished = true
        // The frames still inside the analysis window are completed with each channel's last
        // sample held, not with zeros: a recording that stops on a DC offset or in the middle
        // of a sound must not end on a click that reads as speech.
        let hop = settings.hopSize
        let received = hopFill > 0 ? hopFill : hop
        let last = hopBuffer + (received - 1) * channelCount
        for k in received..<hop { (hopBuffer + k * channelCount).update(from: last, count: channelCount) }
        if hopFill > 0 { processHop() }
        hopFill = 0
        let held = hopBuffer + (hop - 1) * channelCount
        for k in 0..<(hop - 1) { (hopBuffer + k * channelCount).update(from: held, count: channelCount) }
        for _ in 0..<settings.delayHops { processHop() }
        // At the end of the input every frame held is final.
        for i in parties.indices { measureFinalFrames(i, upTo: bridges[i].heldCount) }
        while popFinalFrames() {}
        conversation.finish { emit($0, at: final[0].index) }
        customerEscalation?.finish { emit($0, at: final[0].index) }
        return accumulator.summary()
    }

    private func processHop() {
        var ready = true
        for i in parties.indices {
            let channel = layout.channel(of: parties[i])!
            ready = analyzers[i].process(hop: hopBuffer + channel, stride: channelCount, into: &raw[i]) && ready
        }
        guard ready else { return }
        var finalFrames = Int.max
        var agentFinal = 0
        var echo = (false, false)
        if parties.count == 2 {
            echo = (isOthersSound(0), isOthersSound(1))
            echoGates[0].settle(otherIsEcho: echo.1, otherSilentHops: detectors[1].hopsSinceSpeech)
            echoGates[1].settle(otherIsEcho: echo.0, otherSilentHops: detectors[0].hopsSinceSpeech)
        }
        for i in parties.indices {
            // The pre-roll of an onset (its earlier evidence and the widening) is announced
            // before it, so the bridge knows ahead how many silent hops to hold.
            let preRoll = detectors[i].preRollHops
            raw[i].speech = detectors[i].decide(
                raw[i], echo: i == 0 ? echo.0 : echo.1,
                echoFreeEnergyDB: parties.count == 2 ? echoGates[i].unexplainedEnergyDB : .infinity)
            bridges[i].push(raw[i], preRoll: preRoll)
            let count = bridges[i].finalCount(nextPreRoll: detectors[i].preRollHops)
            measureFinalFrames(i, upTo: count)
            if i == 0 { agentFinal = count }
            finalFrames = min(finalFrames, count)
        }
        for _ in 0..<finalFrames { popFinalFrames() }
        if parties.count == 2 { lookAheadForInterruption(agentFrames: agentFinal - finalFrames) }
    }

    /// Whether party `i`'s raw hop is the other party's sound: their echo or crosstalk
    /// (``EchoGate/assess(own:other:)``, which also records the other's hop), or their voice
    /// at their onset (``EchoGate/isOthersOnset(own:other:ownSilentHops:otherSpeakingHops:)``).
    private func isOthersSound(_ i: Int) -> Bool {
        let j = 1 - i
        return echoGates[i].assess(own: raw[i], other: raw[j])
            || EchoGate.isOthersOnset(
                own: raw[i], other: raw[j], ownSilentHops: detectors[i].hopsSinceSpeech,
                otherSpeakingHops: detectors[j].speakingHops)
    }

    /// Measures party `i`'s frames not measured yet among the first `count` in its bridge
    /// (all final).
    private func measureFinalFrames(_ i: Int, upTo count: Int) {
        while measured[i] < count {
            measure(i, offset: measured[i])
            measured[i] += 1
        }
    }

    /// Syllable nuclei, tempo, pitch, baseline, tension, state and the agent's behaviour cues
    /// for the final frame `offset` places into party `i`'s bridge: one party's measures need
    /// only that party's final frames, so they are decided without waiting for the other
    /// party's (whose last hops may wait up to 0.15 s in their own gap bridge).
    private func measure(_ i: Int, offset: Int) {
        var f = bridges[i][offset]
        let wasConfirmed = nuclei[i].process(f)
        f.nuclei = wasConfirmed ? 1 : 0
        if f.speech {
            tempo[i].addSpeechHop(nuclei: wasConfirmed ? 1 : 0)
            f.tempo = tempo[i].rate
            f.f0 = f.f0Candidate
            if f.f0 > 0 { analyzers[i].followSpeaker(f0: f.f0) }
        } else {
            f.tempo = 0
            f.f0 = 0
        }
        bridges[i][offset] = f
        assess(i, f)
        assessmentRing[ringSlot(i, f.index)] = assessments[i]
    }

    /// While the customer's latest hops wait in the gap bridge, the agent's final frames
    /// beyond them can already make an interruption by the agent certain (its overlap is
    /// counted, only its length grows): `let_finish` is given then, at the same hop as the
    /// in-step analysis would give it, only sooner.
    private func lookAheadForInterruption(agentFrames: Int) {
        var segment = conversation.segmentHops(of: .agent)
        for offset in 0..<agentFrames {
            let frame = bridges[0][offset]
            segment = frame.speech ? segment + 1 : 0
            if segment >= conversation.rules.backchannelMinimumHops,
                let start = conversation.certainInterruptionStart(by: .agent, speakingAt: frame.index)
            {
                cues.agentInterrupts(since: start, at: frame.index) { deliver($0) }
                return
            }
        }
    }

    private func ringSlot(_ i: Int, _ index: Int) -> Int {
        i * Self.assessmentRingSize + index % Self.assessmentRingSize
    }

    /// Emits the next frame of every party; `false` when the lines are empty.
    @discardableResult
    private func popFinalFrames() -> Bool {
        var any = true
        for i in parties.indices {
            any = bridges[i].pop(into: &final[i]) && any
            measured[i] = max(0, measured[i] - 1)
        }
        if any { emitFinalFrames() }
        return any
    }

    /// The frames of one hop, final and measured for every party: to the summary and the
    /// sinks, and through the turn-taking measures.
    private func emitFinalFrames() {
        for i in parties.indices {
            accumulator.add(final[i], party: parties[i])
            if sinkError == nil, let sink {
                let assessment = assessmentRing[ringSlot(i, final[i].index)]
                do { try sink.frame(final[i], party: parties[i], assessment: assessment) } catch { sinkError = error }
            }
        }
        let agentSpeech = final[0].speech
        let customerSpeech = parties.count == 2 ? final[1].speech : false
        tensionModels[0].turnHop(ownSpeech: agentSpeech, otherSpeech: customerSpeech)
        if parties.count == 2 { tensionModels[1].turnHop(ownSpeech: customerSpeech, otherSpeech: agentSpeech) }
        if parties.count == 2,
            let onset = customerInsideAgent.update(index: final[1].index, ownSpeech: customerSpeech, otherSpeech: agentSpeech)
        {
            customerEscalation?.setAside(segmentAt: onset)
        }
        if parties.count == 2, let limit = newCustomerSilenceHops {
            mutualSilenceHops = agentSpeech || customerSpeech ? 0 : mutualSilenceHops + 1
            if mutualSilenceHops == limit { startNewCustomer() }
        }
        conversation.process(index: final[0].index, agentSpeech: agentSpeech, customerSpeech: customerSpeech) {
            emit($0, at: final[0].index)
        }
        if let start = conversation.certainInterruptionStart(by: .agent) {
            cues.agentInterrupts(since: start, at: final[0].index) { deliver($0) }
        }
    }

    /// A new customer: their baseline, tension, state, episode review and the pitch path's
    /// picture of their voice start afresh; an episode still open ends unresolved. The
    /// agent's baseline stays.
    private func startNewCustomer() {
        guard let c = parties.firstIndex(of: .customer) else { return }
        analyzers[c].forgetSpeaker()
        customerEscalation?.finish { emit($0, at: final[0].index) }
        customerEscalation = EscalationTracker(profile: profile, party: .customer)
        customerOpening.startOver()
        learners[c].startOver()
        tensionModels[c] = TensionModel(profile: profile)
        assessments[c] = .calm
    }

    /// The agent's baseline as learned so far; with `final`, from all the speech heard even
    /// when less than the profile asks for (for calibration recordings).
    public func agentBaseline(final: Bool) -> Baseline? {
        final ? learners[0].baselineFromAllSpeech() : learners[0].baseline
    }

    /// Baseline, tension, state and cues for party `i` at its final frame `f`. Tension and
    /// state are assessed for the customer only; for the agent kalm measures behaviour
    /// (tempo, level, interruptions, pauses) for cues and infers no emotion.
    private func assess(_ i: Int, _ f: FrameFeatures) {
        let o = VoiceObservation(index: f.index, speech: f.speech, f0: f.f0, levelDB: f.voiceLevelDB, tempo: f.tempo)
        let tension = tensionModels[i].update(o, baseline: learners[i].baseline)
        let calm = LearningCalm.allows(
            parties[i], tension: tension, tempoShare: tensionModels[i].tempoShare,
            levelRise: learners[i].baseline.flatMap { tensionModels[i].levelRise(over: $0) },
            learnedSeconds: learners[i].learnedSeconds, profile: profile)
        learners[i].add(o, calm: calm)
        let baseline = learners[i].baseline
        if f.speech, Double(tension) < profile.calmEnter { learners[i].relax(toward: tensionModels[i].current) }
        if parties[i] == .customer {
            customerEscalation?.update(index: f.index, speech: f.speech, tension: tension, voice: o, baseline: baseline) {
                emit($0, at: f.index)
            }
            if customerEscalation?.state == .escalated { customerOpening.stop() }
            if let calm = customerOpening.update(o, baseline: baseline, party: .customer, emit: { emit($0, at: f.index) }) {
                learners[i].restart(from: calm)
            }
            assessments[i] = TensionAssessment(tension: tension, state: customerEscalation?.state ?? .calm)
        } else {
            // The tempo is itself an average over the last 6 s of speech; the cue judges it as it
            // is, without the tension's further 1 s smoothing, which only made it later.
            let tempoRise = baseline.flatMap { $0.tempoRise(of: f.tempo) }
            let levelRise = baseline.flatMap { tensionModels[i].levelRise(over: $0) }
            cues.agentHop(o, tempoRise: tempoRise, levelRise: levelRise, baselineSeconds: learners[i].learnedSeconds) {
                deliver($0)
            }
        }
    }

    /// Records an incident the agent marked, at the current call time.
    public func markIncident() {
        deliver(.incident(t: Double(final[0].index + 1) / 100))
    }

    /// Records the after-call checklist at the current call time.
    public func markChecklist(summaryGiven: Bool, agreementsMade: Bool, incident: Bool) {
        deliver(.checklist(
            t: Double(final[0].index + 1) / 100, summaryGiven: summaryGiven, agreementsMade: agreementsMade,
            incident: incident))
    }

    /// Records that the capture device was away for `seconds` of wall time.
    public func markDeviceGap(seconds: Double) {
        deliver(.deviceGap(t: Double(final[0].index + 1) / 100, durationSeconds: seconds))
    }

    /// The current status for the agent's screen.
    public var status: LiveStatus {
        var s = LiveStatus()
        s.time = Double(final[0].index + 1) / 100
        s.customerPresent = parties.count == 2
        let counts = accumulator.liveCounts
        for i in parties.indices {
            var p = LiveStatus.PartyStatus()
            p.speaking = final[i].speech
            let current = tensionModels[i].current
            if let b = learners[i].baseline {
                p.levelRise = tensionModels[i].levelRise(over: b)
                p.tempoRise = tensionModels[i].tempoRise(over: b)
            }
            p.tempo = current.tempo
            p.pitchHz = current.pitch.map { 100 * pow(2, $0 / 12) }
            let agent = parties[i] == .agent
            p.talkShare = agent ? counts.talkShare.0 : counts.talkShare.1
            p.interruptions = agent ? counts.interruptions.0 : counts.interruptions.1
            p.pauses = agent ? counts.pauses.0 : counts.pauses.1
            if parties[i] == .agent { s.agent = p } else { s.customer = p }
        }
        if let i = parties.firstIndex(of: .customer) { s.tension = assessments[i].tension }
        s.state = customerEscalation?.state ?? .calm
        s.episodeStart = customerEscalation?.episodeStartSeconds
        s.cue = lastCue
        s.cueTime = lastCueTime
        return s
    }

    /// Delivers an event decided at hop `index` and lets tension and cues react to it.
    private func emit(_ event: ConversationEvent, at index: Int) {
        deliver(event)
        if case .interruption(_, let by, _, _) = event, let i = parties.firstIndex(of: by) {
            tensionModels[i].noteInterruption(at: Int((event.t * 100).rounded()))
        }
        cues.observe(event, at: index) { deliver($0) }
    }

    /// Hands an event to the summary and the sink.
    private func deliver(_ event: ConversationEvent) {
        if case .cue(let t, _, let cue) = event {
            lastCue = cue
            lastCueTime = t
        }
        accumulator.add(event)
        if sinkError == nil, let sink {
            do { try sink.event(event) } catch { sinkError = error }
        }
    }
}
