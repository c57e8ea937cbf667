import ArgumentParser
import Foundation
import KalmConversation
import KalmIO
import KalmPipeline

/// `kalm analyze`: a recorded call in, measurements and events out.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse a recorded call: frames CSV, events JSON Lines, summary JSON.",
        discussion: """
            A stereo file is left = agent, right = customer (swap with --agent-channel right); \
            a mono file is one party (the agent). Two mono files: --agent A.wav --customer C.wav. \
            Any format libsndfile reads: WAV (PCM, float, mu-law, A-law, GSM 6.10, ADPCM), FLAC, \
            AIFF, Wave64, Ogg, MP3; 8 to 192 kHz. \
            Output files appear only when complete (written 0640); - for an output is standard \
            output, and a pipe or device is written as it goes. A readable summary goes to \
            stdout (to stderr when an output goes there); a progress bar to stderr when it is a \
            terminal.
            """)

    @Argument(help: "The call recording (WAV, FLAC, ...).")
    var call: String?

    @Option(help: ArgumentHelp("The agent's mono recording (with --customer).", valueName: "file"))
    var agent: String?

    @Option(help: ArgumentHelp("The customer's mono recording (with --agent).", valueName: "file"))
    var customer: String?

    @Option(help: ArgumentHelp("Which stereo channel is the agent: left or right.", valueName: "side"))
    var agentChannel: Side = .left

    @Option(help: ArgumentHelp(
        "For files with more than two channels: the agent's and customer's channel, 1-based.",
        valueName: "A,C"))
    var channels: String?

    @Option(help: ArgumentHelp("Write one row per 10 ms hop per party to this CSV.", valueName: "file"))
    var frames: String?

    @Option(help: ArgumentHelp("Write the events (interruptions, pauses, ...) as JSON Lines.", valueName: "file"))
    var events: String?

    @Option(help: ArgumentHelp("Write the call summary as JSON.", valueName: "file"))
    var summary: String?

    @Option(help: ArgumentHelp(
        "A recording of many conversations (a counter's day): after this many seconds without speech the next speech is a new customer, whose baseline is learned afresh (default: one customer).",
        valueName: "s"))
    var splitSilence: Double?

    @Flag(name: .shortAndLong, help: "Do not print the readable summary.")
    var quiet = false

    @OptionGroup var options: AnalysisOptions

    enum Side: String, ExpressibleByArgument, CaseIterable { case left, right }

    func validate() throws {
        let language = Language.resolve(options.lang)
        let pair = agent != nil || customer != nil
        if pair && (agent == nil || customer == nil) {
            throw ValidationError(language.pick(
                nl: "--agent en --customer horen bij elkaar",
                en: "--agent and --customer go together"))
        }
        if pair && call != nil {
            throw ValidationError(language.pick(
                nl: "geef CALL of --agent/--customer, niet beide",
                en: "give either CALL or --agent/--customer, not both"))
        }
        if !pair && call == nil {
            throw ValidationError(language.pick(
                nl: "de opname van het gesprek ontbreekt",
                en: "missing the call recording"))
        }
        if let splitSilence, !(splitSilence >= 1) {
            throw ValidationError(language.pick(
                nl: "--split-silence neemt seconden, minstens 1",
                en: "--split-silence takes seconds, at least 1"))
        }
        if channels != nil && parsedChannels == nil {
            throw ValidationError(language.pick(
                nl: "--channels neemt twee verschillende kanaalnummers, bijv. 3,4",
                en: "--channels takes two different channel numbers, e.g. 3,4"))
        }
    }

    private var parsedChannels: (Int, Int)? {
        guard let channels else { return nil }
        let parts = channels.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, parts[0] >= 1, parts[1] >= 1, parts[0] != parts[1] else { return nil }
        return (parts[0] - 1, parts[1] - 1)
    }

    func run() throws {
        let language = Language.resolve(options.lang)
        var outputs: [OutputFile] = []
        do {
            try OutputFile.requireApart(
                outputs: [frames, events, summary].compactMap { $0 },
                inputs: [call, agent, customer, options.profile, options.agentBaseline].compactMap { $0 })
            let input: CallInput
            if let agent, let customer {
                input = try CallInput(agentPath: agent, customerPath: customer)
            } else {
                input = try CallInput(path: call!, agentRight: agentChannel == .right, channels: parsedChannels)
                if input.channelsCarryOneSignal {
                    FileHandle.standardError.write(Data("kalm: \(ErrorText.oneSignal(call!, language))\n".utf8))
                }
            }
            let chosen = try options.loadProfile(sampleRate: input.sampleRate)
            let baseline = try options.loadBaseline()
            var sinks: [AnalysisSink] = []
            if let frames {
                let file = try OutputFile(path: frames)
                outputs.append(file)
                sinks.append(try FramesCSVSink(file: file))
            }
            if let events {
                let file = try OutputFile(path: events)
                outputs.append(file)
                sinks.append(try EventsJSONLSink(file: file))
            }
            let summaryFile = try summary.map { try OutputFile(path: $0) }
            if let summaryFile { outputs.append(summaryFile) }
            try OutputFile.requireOneStandardOutput(outputs)

            let bar = ProgressBar(label: language.pick(nl: "analyseren", en: "analysing"))
            let result = try FileAnalysis.run(
                input, sink: sinks.isEmpty ? nil : SinkGroup(sinks), profile: chosen, agentBaseline: baseline,
                newCustomerAfterSilence: splitSilence, progress: bar.update)
            bar.finish()
            try summaryFile?.write(SummaryJSON.encode(result))
            for file in outputs { try file.commit() }
            if !quiet { tell(SummaryText.render(result, source: input.description, lang: language), besides: outputs) }
        } catch {
            for file in outputs { file.abandon() }
            throw fail(ErrorText.describe(error, language))
        }
    }
}
