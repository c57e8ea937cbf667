/// Decides the agent's cues from the agent's behaviour and the customer's state, and keeps
/// them rare: the same cue not again within ``Profile/cueRepeat`` seconds, and no more than
/// ``Profile/cueCapPerMinute`` cues in any minute.
///
/// - `slow_down`: the agent's tempo above their own baseline by ``Profile/slowDownTempo`` %
///   for ``Profile/slowDownSustain`` seconds of their speech (the tempo itself spans the
///   last 6 s of speech), once the baseline rests on ``Profile/slowDownBaseline`` seconds
///   of their speech.
/// - `lower_voice`: the agent's level above their baseline by ``Profile/lowerVoiceLevel`` dB
///   for ``Profile/cueSustain`` seconds of their speech.
/// - `let_finish`: the agent interrupts the customer (given as soon as it is certain, while
///   the agent is still talking over them).
/// - `take_pause`: the agent has talked ``Profile/takePause`` seconds without a pause.
/// - `acknowledge`: the customer became tense or escalated.
///
/// Only behaviour is measured for the agent; no emotion is inferred about them.
public struct CueEngine: Sendable {
    private let profile: Profile
    private var fastHops = 0, loudHops = 0
    private var spurtStart: Int?
    private var lastAgentSpeech = -1
    private var cuedInterruption = -1
    private var lastGiven: (Int, Int, Int, Int, Int) = (Int.min, Int.min, Int.min, Int.min, Int.min)
    private var recent: (Int, Int, Int, Int, Int, Int) = (Int.min, Int.min, Int.min, Int.min, Int.min, Int.min)
    private var recentPosition = 0

    public init(profile: Profile) { self.profile = profile }

    /// Feeds one hop of the agent, with their tempo and level rise over their baseline and
    /// the seconds of speech that baseline rests on (``BaselineLearner/learnedSeconds``).
    public mutating func agentHop(
        _ o: VoiceObservation, tempoRise: Double?, levelRise: Double?, baselineSeconds: Double = .infinity,
        emit: (ConversationEvent) -> Void
    ) {
        let sustain = Int(profile.cueSustain * 100)
        let fastSustain = Int(profile.slowDownSustain * 100)
        if o.speech {
            // Evidence counts up to what a cue needs and no further: a cue the repeat limit
            // held back comes only while the behaviour lasts, not from a stock of it
            // built up while it was held back.
            let fast = baselineSeconds >= profile.slowDownBaseline && (tempoRise ?? 0) >= profile.slowDownTempo
            fastHops = fast ? min(fastSustain, fastHops + 1) : max(0, fastHops - 1)
            loudHops = (levelRise ?? 0) >= profile.lowerVoiceLevel ? min(sustain, loudHops + 1) : max(0, loudHops - 1)
            if spurtStart == nil || o.index - lastAgentSpeech >= 50 { spurtStart = o.index }
            lastAgentSpeech = o.index
        }
        // Behaviour cues come while the agent speaks (also when a limit held one back).
        if o.speech, fastHops >= fastSustain, give(.slowDown, at: o.index, emit: emit) { fastHops = 0 }
        if o.speech, loudHops >= sustain, give(.lowerVoice, at: o.index, emit: emit) { loudHops = 0 }
        if let start = spurtStart, o.speech, o.index - start >= Int(profile.takePause * 100),
            give(.takePause, at: o.index, emit: emit)
        {
            spurtStart = o.index
        }
    }

    /// Gives `let_finish` for an interruption by the agent that started at hop `start` and
    /// became certain at hop `index` (``ConversationTracker/certainInterruptionStart(by:speakingAt:)``);
    /// once per interruption, however often it is reported.
    public mutating func agentInterrupts(since start: Int, at index: Int, emit: (ConversationEvent) -> Void) {
        guard start != cuedInterruption else { return }
        cuedInterruption = start
        _ = give(.letFinish, at: index, emit: emit)
    }

    /// Reacts to conversation events: the customer's states.
    public mutating func observe(_ event: ConversationEvent, at index: Int, emit: (ConversationEvent) -> Void) {
        if case .state(_, .customer, let from, let to) = event, rank(to) > rank(from) {
            _ = give(.acknowledge, at: index, emit: emit)
        }
    }

    private func rank(_ s: TensionState) -> Int { s == .calm ? 0 : (s == .tense ? 1 : 2) }

    /// Gives `cue` unless the same cue was given recently or the minute's cap is reached.
    private mutating func give(_ cue: Cue, at index: Int, emit: (ConversationEvent) -> Void) -> Bool {
        let slot = cue.slot
        var allowed = true
        withUnsafeMutableBytes(of: &lastGiven) { raw in
            let last = raw.bindMemory(to: Int.self)
            if last[slot] != Int.min, index - last[slot] < Int(profile.cueRepeat * 100) { allowed = false }
        }
        var inLastMinute = 0
        withUnsafeBytes(of: &recent) { raw in
            for hop in raw.bindMemory(to: Int.self) where hop != Int.min && index - hop < 6000 { inLastMinute += 1 }
        }
        guard allowed, inLastMinute < Int(profile.cueCapPerMinute) else { return false }
        withUnsafeMutableBytes(of: &lastGiven) { $0.bindMemory(to: Int.self)[slot] = index }
        withUnsafeMutableBytes(of: &recent) { $0.bindMemory(to: Int.self)[recentPosition] = index }
        recentPosition = (recentPosition + 1) % 6
        emit(.cue(t: Double(index) / 100, party: .agent, cue: cue))
        return true
    }
}
