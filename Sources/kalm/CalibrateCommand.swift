import ArgumentParser
import Foundation
import KalmConversation
import KalmIO
import KalmPipeline

/// `kalm calibrate`: the agent's personal calm reference from a recording.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Learn the agent's calm baseline (pitch, range, level, tempo) from a recording.",
        discussion: """
            Record 30-60 s of the agent speaking calmly (reading aloud, a calm practice call)
            and run this once. The file it writes is passed to `kalm analyze --agent-baseline`,
            so cues compare the agent with their own calm voice from the first second on.
            Only these four numbers are stored, no audio.
            """)

    @Argument(help: "A recording of the agent speaking calmly (mono, or stereo with the agent left).")
    var recording: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the calibration (JSON).", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("Which stereo channel is the agent: left or right.", valueName: "side"))
    var agentChannel: AnalyzeCommand.Side = .left

    @Option(help: "Language of messages: nl or en (default: from the locale).")
    var lang: Language?

    func run() throws {
        let language = Language.resolve(lang)
        var file: OutputFile?
        do {
            let input = try CallInput(path: recording, agentRight: agentChannel == .right)
            file = try OutputFile(path: output)
            var profile = Profile.standard
            profile.baselineSpeechSeconds = 60
            let baseline = try FileAnalysis.learnAgentBaseline(input, profile: profile)
            guard let baseline else {
                throw KalmIOError.badBaseline(path: recording, reason: language.pick(
                    nl: "te weinig spraak; neem minstens 10 s rustig spreken op",
                    en: "too little speech; record at least 10 s of calm speaking"))
            }
            try file?.write(BaselineFile.encode(baseline))
            try file?.commit()
            print(language.pick(nl: "Kalibratie geschreven naar \(output)", en: "Calibration written to \(output)"))
        } catch {
            file?.abandon()
            throw fail(ErrorText.describe(error, language))
        }
    }
}
