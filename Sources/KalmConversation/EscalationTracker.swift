/// Turns a party's tension into calm / tense / escalated with hysteresis and dwell times,
/// and follows escalation episodes with their "tijd tot rust" (time to calm).
///
/// Upward, a state is entered when the tension has stayed at or above its threshold for
/// ``Profile/dwellUp`` seconds of the party's speech; downward, escalated is left below
/// ``Profile/escalatedExit`` and calm is reached below ``Profile/calmEnter``, each after
/// ``Profile/dwellDown`` seconds of speech (counted leakily: a brief dip slows the count
/// instead of restarting it; silence, which holds the tension, holds the count too). An
/// episode starts when the party becomes escalated and ends when they are calm again. Both
/// ends are back-dated to a speech onset, since the tension (an average over seconds) lags
/// the voice. Given the party's voice and baseline, the start is the onset of the run of
/// raised utterances that led into the escalation and the end the onset of the run of calm
/// utterances that led back to calm (``UtteranceRuns``). Without them (or where no such run
/// can be judged) the start is the onset of the segment in which the tension rose through
/// half the calm threshold (without falling back below a quarter of it since, and within
/// 6 s of speech, else where it rose through the calm threshold), the end the onset of the
/// segment in which it last fell through the escalated-exit threshold.
public struct EscalationTracker: Sendable {
    private let profile: Profile
    private let party: Party
    private var above = 0, below = 0
    private var riseOnset: Int?
    private var riseSpeechHops = 0
    /// Speech (hops) within which a rise through half the calm threshold must reach
    /// escalated to mark its start: a rise takes a sentence or two; a tension that has sat
    /// above half the calm threshold longer is that party's calm level, and the start is then
    /// the segment in which it rose through the calm threshold itself.
    static let riseSpeechHops = 600
    private var exitOnset: Int?
    private var previousTension = 0.0
    private var episodeStart: Int?
    private var escalatedAt = 0
    private var utterances: UtteranceRuns

    /// The current state.
    public private(set) var state: TensionState = .calm
    /// Start of the episode in progress, seconds (nil when none).
    public var episodeStartSeconds: Double? { episodeStart.map { Double($0) / 100 } }

    public init(profile: Profile, party: Party) {
        self.profile = profile
        self.party = party
        utterances = UtteranceRuns(profile: profile)
    }

    /// Feeds one hop: whether the party speaks and the tension now.
    /// - Parameters:
    ///   - voice: the party's hop (pitch and level), to judge utterances against `baseline`
    ///     (without it only the tension dates the episodes).
    ///   - emit: receives `state` events and, when an episode ends, `escalation`.
    public mutating func update(
        index: Int, speech: Bool, tension: Float, voice: VoiceObservation? = nil, baseline: Baseline? = nil,
        emit: (ConversationEvent) -> Void
    ) {
        utterances.update(voice ?? VoiceObservation(index: index, speech: speech, f0: 0, levelDB: 0, tempo: 0),
                          baseline: baseline)
        let t = Double(tension)
        if speech, riseOnset != nil {
            riseSpeechHops += 1
            if riseSpeechHops > Self.riseSpeechHops { riseOnset = nil }
        }
        let halfCalm = profile.calmEnter / 2
        let rose = (t >= halfCalm && previousTension < halfCalm)
            || (t >= profile.calmEnter && previousTension < profile.calmEnter)
        if rose && riseOnset == nil {
            riseOnset = utterances.segmentOnset
            riseSpeechHops = 0
        }
        if t < profile.calmEnter / 4 { riseOnset = nil }
        if t < profile.escalatedExit && previousTension >= profile.escalatedExit { exitOnset = utterances.segmentOnset }
        previousTension = t
        let up = Int(profile.dwellUp * 100), down = Int(profile.dwellDown * 100)
        let target: TensionState
        switch state {
        case .calm: target = t >= profile.escalatedEnter ? .escalated : (t >= profile.tenseEnter ? .tense : .calm)
        case .tense: target = t >= profile.escalatedEnter ? .escalated : (t < profile.calmEnter ? .calm : .tense)
        case .escalated: target = t < profile.calmEnter ? .calm : (t < profile.escalatedExit ? .tense : .escalated)
        }
        let rising = rank(target) > rank(state)
        let falling = rank(target) < rank(state)
        // Only speech is evidence: silence holds the counts (and the tension).
        if speech {
            above = rising ? above + 1 : max(0, above - 2)
            below = falling ? below + 1 : max(0, below - 2)
        }
        if rising && above >= up {
            change(to: target, at: index, emit: emit)
        } else if below >= down {
            change(to: target, at: index, emit: emit)
        }
    }

    /// Sets aside the party's segment that began at hop `onset` and lay wholly inside the
    /// other party's speech: it does not date the end of an episode
    /// (``UtteranceRuns/setAside(segmentAt:)``).
    public mutating func setAside(segmentAt onset: Int) {
        utterances.setAside(segmentAt: onset)
    }

    /// Ends the input: an open episode is reported with `end` null.
    public func finish(emit: (ConversationEvent) -> Void) {
        if let start = episodeStart {
            emit(.escalation(party: party, start: Double(start) / 100, end: nil))
        }
    }

    private mutating func change(to new: TensionState, at index: Int, emit: (ConversationEvent) -> Void) {
        emit(.state(t: Double(index) / 100, party: party, from: state, to: new))
        if new == .escalated, episodeStart == nil {
            episodeStart = utterances.raisedRunStart ?? riseOnset ?? utterances.segmentOnset
            escalatedAt = index
            exitOnset = nil
        }
        if new == .calm, let start = episodeStart {
            // A calm run reaching back past the escalation itself judged no utterance raised
            // (an episode of tempo or interruptions): the tension's own exit dates it then.
            let calmRun = utterances.calmRunStart.flatMap { $0 >= escalatedAt ? $0 : nil }
            let end = max(start, calmRun ?? exitOnset ?? index)
            emit(.escalation(party: party, start: Double(start) / 100, end: Double(end) / 100))
            episodeStart = nil
        }
        state = new
        above = 0
        below = 0
    }

    private func rank(_ s: TensionState) -> Int { s == .calm ? 0 : (s == .tense ? 1 : 2) }
}
