import ArgumentParser
import Foundation
import KalmIO
import KalmReport

/// `kalm report`: the coach's report over recordings and logs.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Make the coach's HTML report (and a CSV) from call recordings, live logs or folders of them.",
        discussion: """
            INPUT is a recording (WAV, FLAC, ...), a live or headless JSON Lines log, or a folder \
            searched for both. Recordings are analysed on all cores. Per call: a summary table and \
            a timeline of level, pitch, tempo and tension with escalations, interruptions, pauses, \
            cues and incidents; for several calls, trends over the period and per agent (the \
            folder a call is in names its agent). The HTML is one self-contained file (no network) \
            that prints well. A file that cannot be read is reported and skipped.
            """)

    @Argument(help: "Recordings, logs or folders.")
    var inputs: [String]

    @Option(help: ArgumentHelp("Write the HTML report here.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Write one row per call here (CSV).", valueName: "file"))
    var csv: String?

    @Option(help: ArgumentHelp("Which stereo channel of the recordings is the agent: left or right.", valueName: "side"))
    var agentChannel: CallSourceOptions.Side = .left

    @Option(help: ArgumentHelp(
        "Tension and cue profile the recordings are analysed with: headset-16k, telephone-8k, counter-room or a file (default: by sample rate).",
        valueName: "name|file"))
    var profile: String?

    @Option(help: "Files analysed at once (default: all cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Language of the report and messages: nl or en (default: from the locale).")
    var lang: Language?

    func validate() throws {
        let language = Language.resolve(lang)
        if html == nil && csv == nil {
            throw ValidationError(language.pick(
                nl: "geef --html en/of --csv",
                en: "give --html and/or --csv"))
        }
        if jobs < 1 {
            throw ValidationError(language.pick(
                nl: "--jobs moet minstens 1 zijn",
                en: "--jobs must be at least 1"))
        }
    }

    func run() throws {
        let language = Language.resolve(lang)
        StopSignal.install()
        var outputs: [OutputFile] = []
        do {
            let files = ReportBuilder.files(inputs)
            try OutputFile.requireApart(outputs: [html, csv].compactMap { $0 }, inputs: files + [profile].compactMap { $0 })
            let chosen = try profile.map { try ProfileFile.load($0) }
            let htmlFile = try html.map { try OutputFile(path: $0) }
            let csvFile = try csv.map { try OutputFile(path: $0) }
            outputs = [htmlFile, csvFile].compactMap { $0 }
            try OutputFile.requireOneStandardOutput(outputs)
            let bar = ProgressBar(label: language.pick(nl: "rapport", en: "report"))
            defer { bar.finish() }
            let records = try ReportBuilder.records(
                files, workers: jobs, agentRight: agentChannel == .right, profile: chosen,
                progress: { done, total in bar.update(Double(done) / Double(max(1, total))) },
                failed: { _, error in
                    bar.say("kalm: " + ErrorText.describe(error, language)
                        + language.pick(nl: " (overgeslagen)", en: " (skipped)") + "\n")
                },
                shouldStop: { StopSignal.isRequested })
            bar.finish()
            guard !records.isEmpty else {
                throw ValidationError(language.pick(
                    nl: "geen leesbare gesprekken gevonden",
                    en: "no readable calls found"))
            }
            try htmlFile?.write(HTMLReport(records: records, dutch: language == .nl).render())
            try csvFile?.write(CallTable.csv(records))
            for f in outputs { try f.commit() }
            tell(language.pick(nl: "\(records.count) van \(files.count) gesprekken in het rapport\n",
                               en: "\(records.count) of \(files.count) calls in the report\n"), besides: outputs)
        } catch let error as ValidationError {
            for f in outputs { f.abandon() }
            throw fail(error.message)
        } catch {
            for f in outputs { f.abandon() }
            throw fail(error, language)
        }
    }
}
