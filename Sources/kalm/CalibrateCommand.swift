import ArgumentParser
import Foundation
import KalmConversation
import KalmIO
import KalmPipeline

/// `kalm calibrate`: the agent's personal calm reference from a recording or a live device.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Learn the agent's calm baseline (pitch, range, level, tempo) from a recording or a live device.",
        discussion: """
            Record 30-60 s of the agent speaking calmly (reading aloud, a calm practice call) \
            and run this once, on the recording or live with --device (the agent speaks for \
            --seconds; Ctrl-C ends early). The file it writes is passed to \
            `kalm analyze --agent-baseline`, so cues compare the agent with their own calm \
            voice from the first second on. Only these four numbers are stored, no audio.
            """)

    @Argument(help: "A recording of the agent speaking calmly (mono, or stereo with the agent left).")
    var recording: String?

    @Option(help: ArgumentHelp(
        "Capture from this ALSA device instead of a recording (stereo: agent left, customer right; see --mono).",
        valueName: "name"))
    var device: String?

    @Flag(help: "With --device: the device is the agent's own mono microphone.")
    var mono = false

    @Option(help: ArgumentHelp("With --device: seconds to capture (10-600).", valueName: "s"))
    var seconds = 45.0

    @Option(help: "With --device: sample rate, 8000, 16000 or 48000.")
    var rate = 16000

    @Option(help: ArgumentHelp("With --device: force a sample format, S16_LE, S32_LE or FLOAT_LE (default: negotiate).", valueName: "format"))
    var format: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the calibration (JSON).", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("Which stereo channel is the agent: left or right.", valueName: "side"))
    var agentChannel: CallSourceOptions.Side = .left

    @Option(help: "Language of messages: nl or en (default: from the locale).")
    var lang: Language?

    func validate() throws {
        let language = Language.resolve(lang)
        if (recording == nil) == (device == nil) {
            throw ValidationError(language.pick(
                nl: "geef een opname of --device (een van beide)", en: "give either a recording or --device"))
        }
        if recording != nil && mono {
            throw ValidationError(language.pick(nl: "--mono hoort bij --device", en: "--mono goes with --device"))
        }
        guard (10...600).contains(seconds) else {
            throw ValidationError(language.pick(nl: "--seconds moet 10 tot 600 zijn", en: "--seconds must be 10 to 600"))
        }
        try LiveCommand.checkCapture(rate: rate, format: format, language: language)
    }

    func run() throws {
        let language = Language.resolve(lang)
        var file: OutputFile?
        do {
            var profile = Profile.standard
            profile.baselineSpeechSeconds = 60
            let source: String
            let baseline: Baseline?
            if let recording {
                try OutputFile.requireApart(outputs: [output], inputs: [recording])
                let input = try CallInput(path: recording, agentRight: agentChannel == .right)
                file = try OutputFile(path: output)
                source = recording
                if input.channelsCarryOneSignal {
                    FileHandle.standardError.write(Data("kalm: \(ErrorText.oneSignal(recording, language))\n".utf8))
                }
                StopSignal.install()
                baseline = try FileAnalysis.learnAgentBaseline(
                    input, profile: profile, shouldStop: { StopSignal.isRequested })
            } else {
                file = try OutputFile(path: output)
                source = device ?? ""
                baseline = try capture(profile: profile, language: language)
            }
            guard let baseline else {
                throw KalmIOError.badBaseline(path: source, problem: .tooLittleSpeech)
            }
            try file?.write(BaselineFile.encode(baseline))
            try file?.commit()
            tell(language.pick(nl: "Kalibratie geschreven naar \(output)\n", en: "Calibration written to \(output)\n"),
                 besides: file.map { [$0] } ?? [])
        } catch {
            file?.abandon()
            throw fail(error, language)
        }
    }

    /// Captures the agent from `device` with a progress bar on stderr.
    private func capture(profile: Profile, language: Language) throws -> Baseline? {
        StopSignal.install()
        let bar = ProgressBar(label: language.pick(nl: "opnemen", en: "recording"))
        defer { bar.finish() }
        let settings = DeviceCalibration.Settings(
            device: device ?? "", sampleRate: rate, format: format.flatMap { CaptureFormat(rawValue: $0.uppercased()) },
            channels: mono ? 1 : 2, agentRight: agentChannel == .right, seconds: seconds)
        let result = try DeviceCalibration.learnAgentBaseline(
            settings, profile: profile, progress: bar.update,
            shouldStop: { StopSignal.requested.load(ordering: .relaxed) })
        bar.finish()
        if result.channelsCarryOneSignal {
            FileHandle.standardError.write(Data("kalm: \(ErrorText.oneSignalCalibrated(settings.device, language))\n".utf8))
        }
        return result.baseline
    }
}
