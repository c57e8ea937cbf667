/// Finds an escalation that was already under way when the party began to speak: a caller
/// who opens upset.
///
/// The baseline is learned from a party's first seconds of speech, so an upset opening
/// becomes the party's own reference and reads calm: no tension, no episode. Once the party
/// has spoken calmly for a while, though, the opening can be judged against that calm: this
/// review keeps the party's speech segments from the start of the call (each one's mean
/// pitch, power-mean level and tempo) and, at the end of every segment, takes the latest
/// ``BaselineLearner/provisionalSeconds`` of speech as the calm reference when none of its
/// segments is raised against it. The opening was an escalation when a run of segments
/// raised against that reference (``UtteranceRuns``' judgement: raised from
/// ``Profile/tenseEnter``, calm below ``Profile/calmEnter``, in between neither; here a
/// segment is raised only when it is also louder than the reference, see
/// ``judge(_:over:)``) began
/// within the party's first ``Profile/baselineSpeechSeconds`` of speech, lasted
/// ``minimumRaisedSeconds`` of speech, scored at least ``Profile/escalatedEnter`` as a
/// whole (the tension's pitch, level and tempo terms: a run raised in voice and faster
/// scores as the live tension would score it), and no segment since it ended is raised. The
/// episode is reported then, back-dated like every other: start = the onset of the first
/// raised segment of the run (or of the party's first words, when no segment before the run
/// was calm: ``firstWords(before:over:)``), end = the onset of the first calm segment after
/// it. The calm reference then replaces the baseline the opening had set.
///
/// Only the opening is reviewed: the review ends when an episode was found here or by the
/// live tracker, after ``reviewSpeechSeconds`` of the party's speech, or when its
/// ``capacity`` segments are used. Storage is allocated once; nothing grows per hop.
public struct OpeningReview: Sendable {
    /// Segments kept from the start of the call.
    public static let capacity = 128
    /// Speech of the party after which the review ends, seconds.
    public static let reviewSpeechSeconds = 180.0
    /// Speech the raised opening must last, seconds (the `acknowledge` cue asks 3 s of raised
    /// voice as well).
    public static let minimumRaisedSeconds = 3.0

    private struct Segment: Sendable {
        var onset = 0
        var speechHops = 0
        var voicedHops = 0
        var semitoneSum = 0.0
        var level = PowerMean()
        var tempoSum = 0.0
        var tempoHops = 0

        var semitones: Double { semitoneSum / Double(voicedHops) }
    }

    private let profile: Profile
    private var segments: [Segment]
    private var current = Segment()
    private var speaking = false
    private var speechHops = 0
    /// Whether the review is over (an episode found, or no longer looked for).
    public private(set) var isDone = false

    public init(profile: Profile) {
        self.profile = profile
        segments = []
        segments.reserveCapacity(Self.capacity)
    }

    /// Starts a new review (a new party on the line), keeping its storage.
    public mutating func startOver() {
        segments.removeAll(keepingCapacity: true)
        current = Segment()
        speaking = false
        speechHops = 0
        isDone = false
    }

    /// Ends the review without looking further (the live tracker found an episode: the
    /// baseline was sound).
    public mutating func stop() { isDone = true }

    /// Feeds one hop of the party.
    /// - Returns: the calm reference when an escalated opening was found with this hop (its
    ///   `escalation` event went to `emit`), else nil.
    public mutating func update(
        _ o: VoiceObservation, baseline: Baseline?, party: Party, emit: (ConversationEvent) -> Void
    ) -> Baseline? {
        guard !isDone else { return nil }
        defer { speaking = o.speech }
        if o.speech {
            if !speaking { current = Segment(onset: o.index) }
            speechHops += 1
            current.speechHops += 1
            current.level.add(o.levelDB)
            if o.f0 > 0 {
                current.voicedHops += 1
                current.semitoneSum += Double(o.semitones)
            }
            if o.tempo > 0 {
                current.tempoSum += Double(o.tempo)
                current.tempoHops += 1
            }
            return nil
        }
        guard speaking, current.voicedHops >= UtteranceRuns.minimumVoicedHops else { return nil }
        segments.append(current)
        let found = review(baseline: baseline, party: party, emit: emit)
        if found != nil || segments.count == Self.capacity || Double(speechHops) / 100 >= Self.reviewSpeechSeconds {
            isDone = true
        }
        return found
    }

    private func review(baseline: Baseline?, party: Party, emit: (ConversationEvent) -> Void) -> Baseline? {
        guard let baseline else { return nil }
        // The calm reference: the latest segments that make up the provisional-baseline time.
        var first = segments.count
        var hops = 0
        while first > 0, Double(hops) / 100 < BaselineLearner.provisionalSeconds {
            first -= 1
            hops += segments[first].speechHops
        }
        guard Double(hops) / 100 >= BaselineLearner.provisionalSeconds, first > 0 else { return nil }
        let reference = mean(first..<segments.count)
        guard (first..<segments.count).allSatisfy({ judge(segments[$0], over: reference) != true }) else { return nil }
        // Back from the reference: the segments since the last raised one (the calm run starts
        // at the first calm one among them), then the raised run before them; segments in
        // between calm and raised neither start nor break a run.
        var raisedEnd = first
        while raisedEnd > 0, judge(segments[raisedEnd - 1], over: reference) != true { raisedEnd -= 1 }
        guard raisedEnd > 0,
              let calmStart = (raisedEnd..<segments.count).first(where: { judge(segments[$0], over: reference) == false })
        else { return nil }
        var raisedStart = raisedEnd - 1
        while raisedStart > 0, judge(segments[raisedStart - 1], over: reference) != false { raisedStart -= 1 }
        while judge(segments[raisedStart], over: reference) != true { raisedStart += 1 }
        let before = segments[..<raisedStart].reduce(0) { $0 + $1.speechHops }
        let raisedHops = segments[raisedStart..<raisedEnd].reduce(0) { $0 + $1.speechHops }
        guard Double(before) / 100 < profile.baselineSpeechSeconds,
              Double(raisedHops) / 100 >= Self.minimumRaisedSeconds
        else { return nil }
        guard score(mean(raisedStart..<raisedEnd), over: reference) >= profile.escalatedEnter else { return nil }
        let start = firstWords(before: raisedStart, over: reference) ?? raisedStart
        emit(.escalation(party: party, start: Double(segments[start].onset) / 100,
                         end: Double(segments[calmStart].onset) / 100))
        return Baseline(
            pitchSemitones: reference.pitch, pitchRangeSemitones: baseline.pitchRangeSemitones,
            levelDB: reference.level, tempoSps: reference.tempo ?? baseline.tempoSps)
    }

    /// Where an opening that was never calm began: when none of the party's segments before
    /// the raised run at `raisedStart` is calm against the reference, the first of them that is
    /// not quieter than the calm voice by more than ``Profile/levelRiseStart`` (a quieter one
    /// is mostly the other party heard from afar: ``UtteranceRuns/isFromAfar(levelRise:_:)``);
    /// nil when one of them is calm or all are quieter.
    ///
    /// A party who opens upset does not say every sentence equally raised: one said lower in
    /// its own melody and a little softer falls between calm and raised, and the first raised
    /// sentence comes later. Since the party had not yet spoken calmly, the episode began with
    /// their first words. (Seed 197, pink noise at 15 dB: an opening's first sentence, raised
    /// by +4.0 st and +6.1 dB, read +2.5 st and +5.1 dB over the calm to come, a score of 0.23
    /// under the 0.25 of raised, and the episode was dated 6.4 s late, from the second.)
    private func firstWords(before raisedStart: Int, over reference: (pitch: Double, level: Double, tempo: Double?)) -> Int? {
        guard !segments[..<raisedStart].contains(where: { judge($0, over: reference) == false }) else { return nil }
        return segments[..<raisedStart].firstIndex { !UtteranceRuns.isFromAfar(levelRise: $0.level.db - reference.level, profile) }
    }

    /// Mean pitch (semitones), power-mean level and mean tempo of the segments in `range`.
    private func mean(_ range: Range<Int>) -> (pitch: Double, level: Double, tempo: Double?) {
        var semitones = 0.0, voiced = 0, level = PowerMean(), tempo = 0.0, tempoHops = 0
        for s in segments[range] {
            semitones += s.semitoneSum
            voiced += s.voicedHops
            level.add(s.level)
            tempo += s.tempoSum
            tempoHops += s.tempoHops
        }
        return (semitones / Double(voiced), level.db, tempoHops > 0 ? tempo / Double(tempoHops) : nil)
    }

    /// ``UtteranceRuns``' judgement of `s` against the reference: raised, calm or neither (nil);
    /// but a segment whose voice is not louder than the reference by ``Profile/levelRiseStart``
    /// is not raised, whatever its pitch: it is neither.
    ///
    /// A raised voice is louder as well as higher. Against a calm reference taken from later in
    /// the call, a higher sentence at the same level is a real voice's own melody (one AMI
    /// speaker's calm sentences differ by up to 4.5 st at one level) or, in a speaker's first
    /// seconds on the telephone, their pitch read at a harmonic (+18 st); counted as raised, the
    /// first kept the reference from being taken and the second made an upset opening of a calm
    /// call. On four sets of escalation calls voiced by AMI speakers (seeds 461, 463, 491; 240
    /// episodes): found 229 -> 230, false 3 -> 2, starts within 3 s 183 -> 185, ends within 5 s
    /// 157 -> 160 (two calls worse, five better, three of those on seed 491, made after the
    /// rule was written); no event of 560 espeak-ng escalation calls changes
    /// (`calibration/evaluation-thirtieth-session.md`).
    private func judge(_ s: Segment, over reference: (pitch: Double, level: Double, tempo: Double?)) -> Bool? {
        let levelRise = s.level.db - reference.level
        let judged = UtteranceRuns.judge(pitchRise: s.semitones - reference.pitch, levelRise: levelRise, profile)
        return judged == true && levelRise < profile.levelRiseStart ? nil : judged
    }

    /// The tension's pitch, level and tempo terms for `run` against the reference (tempo where
    /// both are known).
    private func score(
        _ run: (pitch: Double, level: Double, tempo: Double?), over reference: (pitch: Double, level: Double, tempo: Double?)
    ) -> Double {
        var score = TensionModel.voiceScore(pitchRise: run.pitch - reference.pitch, levelRise: run.level - reference.level, profile)
        if let tempo = run.tempo, let calm = reference.tempo, calm > 0 {
            score += TensionModel.tempoTerm(rise: (tempo / calm - 1) * 100, profile)
        }
        return score
    }
}
