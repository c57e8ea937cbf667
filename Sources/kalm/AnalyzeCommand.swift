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

    @OptionGroup var source: CallSourceOptions

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

    func validate() throws {
        let language = Language.resolve(options.lang)
        try source.check(language)
        if let splitSilence, !(splitSilence >= 1) {
            throw ValidationError(language.pick(
                nl: "--split-silence neemt seconden, minstens 1",
                en: "--split-silence takes seconds, at least 1"))
        }
    }

    func run() throws {
        let language = Language.resolve(options.lang)
        StopSignal.install()
        var outputs: [OutputFile] = []
        do {
            try OutputFile.requireApart(
                outputs: [frames, events, summary].compactMap { $0 },
                inputs: source.paths + [options.profile, options.agentBaseline].compactMap { $0 })
            let input = try source.open(language)
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
            defer { bar.finish() }
            let result = try FileAnalysis.run(
                input, sink: sinks.isEmpty ? nil : SinkGroup(sinks), profile: chosen, agentBaseline: baseline,
                newCustomerAfterSilence: splitSilence, progress: bar.update, shouldStop: { StopSignal.isRequested })
            bar.finish()
            try summaryFile?.write(SummaryJSON.encode(result))
            for file in outputs { try file.commit() }
            if !quiet { tell(SummaryText.render(result, source: input.description, lang: language), besides: outputs) }
        } catch {
            for file in outputs { file.abandon() }
            throw fail(error, language)
        }
    }
}
