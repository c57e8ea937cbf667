/// One threshold or weight of a profile: its name in the file, unit, default, allowed range
/// and the reason behind the default. The table ``ProfileParameter/all`` is the single
/// source for loading, validating and documenting profiles.
public struct ProfileParameter: Sendable {
    /// Key in the profile file.
    public let name: String
    /// Unit as written in the file ("st", "dB", "%", "s", "count", "weight", "score", "per min").
    public let unit: String
    /// Value used when a profile does not override it (the headset profile's value).
    public let defaultValue: Double
    /// Values a profile may set.
    public let range: ClosedRange<Double>
    /// Why the default is what it is.
    public let reason: String
    /// Where the value lives in ``Profile``.
    public let keyPath: WritableKeyPath<Profile, Double> & Sendable

    /// Every parameter, in file order.
    public static let all: [ProfileParameter] = [
        .init("baseline_speech_s", "s", 20, 8...60,
              "A party's first 20 s of speech (about 100 syllables) give stable means of pitch, level and tempo; the course asks for a reference within the first half minute. After 8 s a provisional baseline exists, re-estimated with every further second of speech; from then on only calm speech is learned from, and only once 2 s have passed without raised speech (the tension lags the voice).",
              \.baselineSpeechSeconds),
        .init("pitch_rise_start_st", "st", 2, 0.5...6,
              "A rise of 1 semitone must not count (mild-change scenario); 2 st is the smallest rise listeners hear as raised voice.",
              \.pitchRiseStart),
        .init("pitch_rise_full_st", "st", 4.5, 2...12,
              "Angry speech raises F0 by about 4-8 semitones over the speaker's calm speech; the weakest escalation scenario (+4 st) must reach most of the component.",
              \.pitchRiseFull),
        .init("level_rise_start_db", "dB", 3, 1...12,
              "A rise of 2 dB must not count (mild-change scenario, and within telephone AGC drift). An utterance this much quieter than the baseline is never judged raised, whatever its pitch: a raised voice is not quieter than the calm one (the other party's crosstalk at a counter dated an upset opening 5.6 s early, seed 141).",
              \.levelRiseStart),
        .init("level_rise_full_db", "dB", 7, 3...20,
              "Raised voice adds 6-12 dB over conversational level; kalm reads an applied +6 dB as 6-7 dB (99th percentile) and a +2 dB mild change as at most 5.2 dB.",
              \.levelRiseFull),
        .init("tempo_rise_start_pct", "%", 12, 3...40,
              "10 % is the smallest tempo change a listener notices; x1.08 must not count (mild-change scenario).",
              \.tempoRiseStart),
        .init("tempo_rise_full_pct", "%", 25, 10...80,
              "Agitated speech is about a third faster than calm speech; kalm measures about +20 % of an applied x1.26.",
              \.tempoRiseFull),
        .init("range_rise_start_pct", "%", 30, 5...150,
              "Pitch variability (mean absolute deviation in semitones) within 30 % of baseline is ordinary variation.",
              \.rangeRiseStart),
        .init("range_rise_full_pct", "%", 120, 20...300,
              "Excited speech doubles the pitch excursion of calm speech.",
              \.rangeRiseFull),
        .init("interruptions_full_count", "count", 3, 1...10,
              "Three interruptions by the same party within a minute is a fight for the floor.",
              \.interruptionsFull),
        .init("pause_shrink_start_pct", "%", 60, 0...95,
              "Pauses inside a party's turns (30 s average) fall below their calm share by up to 59 % in calm calls (99th percentile per call at most 58 %; generated calls and scenarios whose speakers pause at least 5 % of their turns); from 60 % fewer pauses it counts.",
              \.pauseShrinkStart),
        .init("pause_shrink_full_pct", "%", 100, 20...100,
              "No pauses at all over half a minute of their turns: the party no longer stops to think or breathe.",
              \.pauseShrinkFull),
        .init("weight_pitch", "weight", 0.35, 0...1, "Pitch rise is the most reliable vocal sign of arousal, also on telephone lines.", \.weightPitch),
        .init("weight_level", "weight", 0.3, 0...1, "Loudness rise is the second sign; less reliable after telephone AGC.", \.weightLevel),
        .init("weight_tempo", "weight", 0.2, 0...1, "Tempo rises with arousal but varies with content.", \.weightTempo),
        .init("weight_range", "weight", 0.05, 0...1, "Wider pitch excursions accompany excitement.", \.weightRange),
        .init("weight_interruptions", "weight", 0.05, 0...1, "Interrupting is turn-taking behaviour, not voice; with shrinking pauses it adds 0.1 at most and cannot escalate alone.", \.weightInterruptions),
        .init("weight_pauses", "weight", 0.05, 0...1, "Shrinking pauses are turn-taking behaviour, like interrupting: they add but cannot escalate alone.", \.weightPauses),
        .init("tension_time_constant_s", "s", 1, 0.3...10,
              "Voice measures average over about 1 s of voiced speech (a phrase), smoothing single stressed syllables while following a change within a sentence or two.",
              \.tensionTimeConstant),
        .init("tense_enter", "score", 0.25, 0.1...0.9,
              "Above the 99th percentile of tension in calm speech and under mild changes (0.16, escalation scenarios, tools/evaluate).",
              \.tenseEnter),
        .init("escalated_enter", "score", 0.45, 0.2...1,
              "Escalated speech measures a median tension of 0.73; 0.45 lies below the 25th percentile of 9 of 10 generated episodes.",
              \.escalatedEnter),
        .init("escalated_exit", "score", 0.35, 0.1...0.9, "Hysteresis: escalated ends only clearly below its entry (0.1 lower).", \.escalatedExit),
        .init("calm_enter", "score", 0.15, 0...0.8, "Calm again only at the level of calm speech (99th percentile 0.16).", \.calmEnter),
        .init("dwell_up_s", "s", 1, 0.2...10, "A state is entered upward only after its threshold held this long, counted in the party's speech (no flicker).", \.dwellUp),
        .init("dwell_down_s", "s", 3, 0.5...20, "A state is left downward only after calmer speech held this long, counted in the party's speech.", \.dwellDown),
        .init("slow_down_tempo_pct", "%", 23, 5...40,
              "A listener notices 10 %, but an unchanged agent's tempo (a 6 s average) varies with what they say (sentences differ by about 15 % in syllables per second): per call a 99th percentile of +11 % (median) and +22 % (95th percentile) over the own baseline (the median of the agent's tempo from 8 to 35 s; unchanged agents in 462 generated escalation calls, seeds 1, 3, 5, 7, 9, 101, 127); an agent at x1.3 reads a median of +27 % (10th percentile +18 %) once 7 s of fast speech are in. On those calls 23 % for 0.3 s of speech gave 60 of 66 such agents their cue within 5 s, 7 cues to agents who were not fast in 1230 minutes and none in the 66 mild calls; 22 %: 60, 14 and 0; 24 %: 56, 4 and 0 (with the syllable detector before the eighteenth session and 22 %: 58, 8 and 1).",
              \.slowDownTempo),
        .init("slow_down_baseline_s", "s", 12, 8...60,
              "No slow_down until the agent's baseline rests on this much of their speech: a baseline from the first 8 s is off by up to 15 % in tempo, and an early false slow_down also holds back, for a minute, the one a fast agent needs later. In 1120 generated escalation calls (seeds 1-59, simulated on every agent hop) 12 s took cues to agents who were not fast from 31 to 20 and expected slow_down cues in time from 131 to 132 of 140; 14 s gives the same; waiting for the whole baseline (20 s, which an agent who is not calm is still learning when they speed up) gets only 98 of 140 in time.",
              \.slowDownBaseline),
        .init("slow_down_sustain_s", "s", 0.3, 0.1...30,
              "The tempo is already an average over the last 6 s of the agent's speech, so a short hold only stops a cue on a single syllable's count; a longer one makes the cue late when the agent says little (0.5 s: 117 of 130 in time, 1.5 s: 99) for fewer false cues (20 and 7 in the 1040 calls, against 29).",
              \.slowDownSustain),
        .init("lower_voice_db", "dB", 3.5, 2...12,
              "The agent louder than own baseline by clearly more than an unchanged agent reads (up to +3.1 dB) and below what +6 dB reads (99th percentile 5.9-7.3 dB; escalation scenarios, two seeds; level averaged in power). Since the level counts every speech hop (twenty-first session; voiced hops alone read +6 dB as +4.2 to +5.0 in pink noise at 5 dB): an agent at +6 dB got the cue within 5 s in 48 of 48 wideband and room calls on seeds 1, 193, 227, 229, 233, 239 and 241 (47 at 4.0 dB, 42 at 4.5), and no unchanged agent got one in the 261 other wideband and room calls of those seeds at 2.5 dB.",
              \.lowerVoiceLevel),
        .init("cue_sustain_s", "s", 2, 1...30,
              "The agent's level must stay up for 2 s of their own speech (a sentence) before lower_voice names it. In 1040 generated escalation calls (seeds 1-53) an agent at +6 dB got the cue within 5 s in 129 of 130 (3 s: 126; the late ones had said little after the criterion) and no unchanged agent got one, nor with the threshold 0.5 dB lower (1 dB lower: 1).",
              \.cueSustain),
        .init("take_pause_s", "s", 40, 15...180, "Talking on for 40 s without a pause leaves the customer no room.", \.takePause),
        .init("cue_repeat_s", "s", 60, 10...600, "The same cue not again within a minute: a cue that nags is switched off.", \.cueRepeat),
        .init("cue_cap_per_min", "per min", 2, 1...6, "At most two cues of any kind per minute.", \.cueCapPerMinute),
    ]

    init(_ name: String, _ unit: String, _ value: Double, _ range: ClosedRange<Double>, _ reason: String,
         _ keyPath: WritableKeyPath<Profile, Double> & Sendable) {
        self.name = name
        self.unit = unit
        self.defaultValue = value
        self.range = range
        self.reason = reason
        self.keyPath = keyPath
    }
}
