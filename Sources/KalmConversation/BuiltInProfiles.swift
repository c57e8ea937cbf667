/// The profiles kalm ships, one per setting, as overrides of the defaults with their reasons.
public enum BuiltInProfiles {
    /// A built-in profile: name, what it is for, and what it changes from the defaults.
    public struct Entry: Sendable {
        public let name: String
        public let description: String
        public let overrides: [(parameter: String, value: Double, reason: String)]
    }

    /// Every built-in profile.
    public static let all: [Entry] = [
        Entry(
            name: "headset-16k",
            description: "Call-centre agent on a headset, 16 kHz wideband; the defaults.",
            overrides: []),
        Entry(
            name: "telephone-8k",
            description: "Recorded or live telephone calls, 8 kHz G.711; automatic gain control makes level less telling.",
            overrides: [
                ("weight_level", 0.25, "Telephone AGC compresses level changes; level counts less."),
                ("weight_pitch", 0.4, "Pitch survives the telephone band (kalm tracks the missing fundamental) and carries the weight level loses."),
                ("lower_voice_db", 3.0, "In the telephone band an agent at +6 dB reads only +3 to +5 dB in 2 s windows (clean: +5 to +7.5), and at 3.5 dB two of 40 such cues came 7.2 and 19.8 s late (seeds 31, 37). At 3.0 dB every one of 50 came in time on ten seeds, and no unchanged telephone agent got a lower_voice in 350 calls (in 140 of them not even at 2.0 dB). 3.0 keeps 1 dB above the 2 dB of AGC drift that level_rise_start_db allows for. Since the level counts every speech hop (twenty-first session), +6 dB agents got it in time in 41 of 41 telephone and GSM calls (seeds 1, 31, 37, 193, 227, 229, 233, 239, 241; 41 also at 3.5 dB, 40 at 4.0), and unchanged agents in the 162 other telephone and GSM calls got none at 2.5 dB (6 at 2.0)."),
            ]),
        Entry(
            name: "counter-room",
            description: "Counter (balie) workstation with a room microphone: level depends on how close the visitor stands.",
            overrides: [
                ("level_rise_start_db", 4, "Distance to a room microphone changes level by a few dB without any change in voice. An utterance 4 dB quieter than the baseline is never judged raised: it is mostly the other party heard from afar (the agent's greeting, 8 dB under the customer's calm voice and 11 st above it, dated an upset opening 5.6 s early, seed 141)."),
                ("level_rise_full_db", 9, "Shifted with the start: the same 5 dB span."),
                ("weight_level", 0.2, "Level is least reliable in a room."),
                ("weight_pitch", 0.4, "Pitch does not depend on distance."),
                ("weight_tempo", 0.25, "Tempo does not depend on distance."),
                ("weight_range", 0.05, "As the headset default."),
            ]),
    ]

    /// The profile called `name`, or nil.
    public static func profile(named name: String) -> Profile? {
        guard let entry = all.first(where: { $0.name == name }) else { return nil }
        var values: [String: (value: Double, unit: String)] = [:]
        for p in ProfileParameter.all { values[p.name] = (p.defaultValue, p.unit) }
        for o in entry.overrides {
            let unit = ProfileParameter.all.first { $0.name == o.parameter }!.unit
            values[o.parameter] = (o.value, unit)
        }
        return try? Profile(name: name, values: values)
    }

    /// The reason for `parameter` in the profile called `name` (the override's, else the default's).
    public static func reason(_ parameter: ProfileParameter, in name: String) -> String {
        all.first { $0.name == name }?.overrides.first { $0.parameter == parameter.name }?.reason ?? parameter.reason
    }

    /// The default profile for a sample rate: telephone at 8 kHz and below, headset above.
    public static func defaultName(sampleRate: Int) -> String { sampleRate <= 8000 ? "telephone-8k" : "headset-16k" }
}
