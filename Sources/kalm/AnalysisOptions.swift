import ArgumentParser
import KalmConversation
import KalmIO

/// Options every analysing command shares: the profile, the agent's calibration, the language.
struct AnalysisOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Tension and cue profile: headset-16k, telephone-8k, counter-room or a file (default: by sample rate).",
        valueName: "name|file"))
    var profile: String?

    @Option(help: ArgumentHelp("The agent's stored calibration (from `kalm calibrate`).", valueName: "file"))
    var agentBaseline: String?

    @Option(help: "Language of messages, screen and cues: nl or en (default: from the locale).")
    var lang: Language?

    /// The chosen profile, by default the one for `sampleRate`.
    func loadProfile(sampleRate: Int) throws -> Profile {
        try ProfileFile.load(profile ?? BuiltInProfiles.defaultName(sampleRate: sampleRate))
    }

    /// The agent's calibration, if one was given.
    func loadBaseline() throws -> Baseline? { try agentBaseline.map { try BaselineFile.load($0) } }
}
