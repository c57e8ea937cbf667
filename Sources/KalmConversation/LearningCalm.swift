/// Whether a party's hop is calm enough for their baseline to learn from
/// (``BaselineLearner/add(_:calm:)``): their tension against the provisional baseline below
/// ``Profile/calmEnter``, with two exceptions that differ per party.
///
/// - The tempo's share of the tension is left out for the customer, and for the agent while
///   their baseline rests on less than ``Profile/slowDownBaseline`` seconds of speech: a
///   provisional tempo rests on few syllables, and where it reads low (a slow first sentence,
///   noise) the party's ordinary tempo would otherwise never count as calm and never correct
///   it. (Seed 239, an agent in pink noise at 5 dB: first sentences read 2.6-3.0 syllables
///   per second, later calm ones 3.7-4.0; the learning stopped at 9 s, and `slow_down`, which
///   waits for 12 s, came 51 s late.) Once the agent's baseline rests on that much, their
///   tempo is the behaviour their cues are about: a hop of theirs that reads fast is not
///   learned.
/// - An agent's hop whose level lies ``Profile/lowerVoiceLevel`` dB or more above the
///   provisional baseline is not learned: a louder voice alone scores under the calm
///   threshold of the tension, and the baseline learned it (seed 229, an agent at +6 dB in
///   pink noise: the baseline rose 0.9 dB while still learning, and `lower_voice` came late).
public enum LearningCalm {
    /// Whether the hop counts as calm for learning.
    /// - Parameters:
    ///   - tension: the party's tension (``TensionModel/tension``) and `tempoShare`, the
    ///     tempo's part of it (``TensionModel/tempoShare``).
    ///   - levelRise: the party's level over the provisional baseline
    ///     (``TensionModel/levelRise(over:)``), nil without one.
    ///   - learnedSeconds: ``BaselineLearner/learnedSeconds``.
    public static func allows(
        _ party: Party, tension: Float, tempoShare: Float, levelRise: Double?, learnedSeconds: Double,
        profile: Profile
    ) -> Bool {
        let tempoLeftOut = party == .customer || learnedSeconds < profile.slowDownBaseline
        let score = Double(tempoLeftOut ? tension - tempoShare : tension)
        let loudAgent = party == .agent && (levelRise ?? 0) >= profile.lowerVoiceLevel
        return score < profile.calmEnter && !loudAgent
    }
}
