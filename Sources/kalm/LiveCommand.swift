import ArgumentParser
import Foundation
import KalmConversation
import KalmIO
import KalmPipeline

/// `kalm live`: the analysis on a live ALSA capture.
struct LiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Monitor a live call from an ALSA capture device (left = agent, right = customer).",
        discussion: """
            DEVICE is any ALSA PCM name: default, hw:1,0, plughw:1, or one defined in ~/.asoundrc. \
            Capture runs in its own thread into a lock-free ring; the analysis is the same as \
            `kalm analyze`, so the same samples give the same events. --headless writes one JSON \
            Lines log per conversation into --log-dir (files 0640; a conversation ends after \
            --split-silence seconds without speech). Without --headless, events and cues are \
            printed as they happen. Ctrl-C (SIGINT), SIGTERM or SIGHUP stops cleanly: logs flushed, \
            summary written. No audio is stored unless --record names a file for it.
            """)

    @Option(help: ArgumentHelp("ALSA capture device (stereo: agent left, customer right).", valueName: "name"))
    var device = "default"

    @Option(help: ArgumentHelp("The agent's own mono capture device (with --customer-device).", valueName: "name"))
    var agentDevice: String?

    @Option(help: ArgumentHelp("The customer's own mono capture device (with --agent-device).", valueName: "name"))
    var customerDevice: String?

    @Option(help: "Sample rate: 8000, 16000 or 48000.")
    var rate = 16000

    @Option(help: ArgumentHelp("Force a sample format: S16_LE, S32_LE or FLOAT_LE (default: negotiate).", valueName: "format"))
    var format: String?

    @Option(help: ArgumentHelp("Which channel is the agent: left or right.", valueName: "side"))
    var agentChannel: CallSourceOptions.Side = .left

    @Flag(help: "No screen output; log every conversation to --log-dir.")
    var headless = false

    @Option(help: ArgumentHelp("Folder for one JSON Lines log per conversation (needed with --headless).", valueName: "dir"))
    var logDir: String?

    @Option(help: ArgumentHelp(
        "Seconds without speech that end a conversation: the next speech starts a new log file (--headless) and a new customer, whose baseline is learned afresh.",
        valueName: "s"))
    var splitSilence = 60.0

    @Option(help: ArgumentHelp(
        "Remove kalm's logs in --log-dir (kalm-*.jsonl) last changed more than this many days ago, at the start and whenever a conversation starts (default: keep them).",
        valueName: "days"))
    var keepDays: Double?

    @Flag(help: "The device is not clocked (ALSA file plugin replay, soak test): wait for the analysis instead of dropping audio.")
    var accelerated = false

    @Option(help: ArgumentHelp("Stop after this many seconds of audio.", valueName: "s"))
    var duration: Double?

    @Option(help: ArgumentHelp("Write the summary as JSON when stopping: of the whole session, or from the last conversation ended with n on the HUD (each conversation's own summary ends its log).", valueName: "file"))
    var summary: String?

    @Option(help: ArgumentHelp(
        "Record the call (both parties, as analysed) into this new .wav or .flac file, to replay or analyse later. Without it kalm stores no audio.",
        valueName: "file"))
    var record: String?

    @OptionGroup var options: AnalysisOptions

    func validate() throws {
        let language = Language.resolve(options.lang)
        try Self.checkCapture(rate: rate, format: format, language: language)
        if headless && logDir == nil {
            throw ValidationError(language.pick(nl: "--headless heeft --log-dir nodig", en: "--headless needs --log-dir"))
        }
        if let keepDays, !(keepDays > 0 && keepDays.isFinite) {
            throw ValidationError(language.pick(nl: "--keep-days neemt dagen, meer dan 0", en: "--keep-days takes days, more than 0"))
        }
        if keepDays != nil && logDir == nil {
            throw ValidationError(language.pick(nl: "--keep-days heeft --log-dir nodig", en: "--keep-days needs --log-dir"))
        }
        if !(splitSilence >= 1) {
            throw ValidationError(language.pick(
                nl: "--split-silence neemt seconden, minstens 1", en: "--split-silence takes seconds, at least 1"))
        }
        if let duration, !(duration > 0 && duration.isFinite) {
            throw ValidationError(language.pick(
                nl: "--duration neemt seconden, meer dan 0", en: "--duration takes seconds, more than 0"))
        }
        if (agentDevice == nil) != (customerDevice == nil) {
            throw ValidationError(language.pick(
                nl: "--agent-device en --customer-device horen bij elkaar",
                en: "--agent-device and --customer-device go together"))
        }
        if let agentDevice, agentDevice == customerDevice {
            throw ValidationError(language.pick(
                nl: "--agent-device en --customer-device noemen hetzelfde apparaat; geef een stereoapparaat met --device",
                en: "--agent-device and --customer-device name the same device; give a stereo device with --device"))
        }
    }

    /// Checks the capture options `live` and `calibrate --device` share.
    static func checkCapture(rate: Int, format: String?, language: Language) throws {
        guard [8000, 16000, 48000].contains(rate) else {
            throw ValidationError(language.pick(
                nl: "--rate moet 8000, 16000 of 48000 zijn", en: "--rate must be 8000, 16000 or 48000"))
        }
        if let format, CaptureFormat(rawValue: format.uppercased()) == nil {
            throw ValidationError(language.pick(
                nl: "--format moet S16_LE, S32_LE of FLOAT_LE zijn", en: "--format must be S16_LE, S32_LE or FLOAT_LE"))
        }
    }

    func run() throws {
        let language = Language.resolve(options.lang)
        StopSignal.install()
        // A file-size limit (or a full disk) must fail the write, not kill the monitor.
        signal(SIGXFSZ, SIG_IGN)
        var summaryFile: OutputFile?
        var recorder: CallRecorder?
        do {
            let chosen = try options.loadProfile(sampleRate: rate)
            let baseline = try options.loadBaseline()
            try OutputFile.requireApart(outputs: [summary, record].compactMap { $0 },
                                        inputs: [options.profile, options.agentBaseline].compactMap { $0 })
            summaryFile = try summary.map { try OutputFile(path: $0) }
            let devices: LiveSession.Devices
            if let agentDevice, let customerDevice {
                devices = .separate(agent: agentDevice, customer: customerDevice)
            } else {
                devices = .stereo(device)
            }
            let notices = LiveNotices(onHUD: !headless && Screen.drawsHUD)
            let session = try LiveSession(LiveSession.Configuration(
                devices: devices, sampleRate: rate, format: format.flatMap { CaptureFormat(rawValue: $0.uppercased()) },
                agentRight: agentChannel == .right, durationSeconds: duration, profile: chosen, agentBaseline: baseline,
                accelerated: accelerated, newCustomerAfterSilence: splitSilence)) { notice in
                    switch notice {
                    case .lost: notices.tell(ErrorText.describe(notice, language), seconds: nil)
                    case .back: notices.tell(ErrorText.describe(notice, language), seconds: 8)
                    case .oneSignal, .unclocked: notices.tell(ErrorText.describe(notice, language), seconds: 30)
                    }
                }
            recorder = try record.map { path in
                try CallRecorder(path: path, sampleRate: rate, agentRight: agentChannel == .right && agentDevice == nil) { error in
                    notices.tell(ErrorText.describe(error, language) + language.pick(
                        nl: "; de opname stopt, de analyse gaat door", en: "; the recording stops, the analysis goes on"),
                        seconds: nil)
                }
            }
            let deviceName = agentDevice.map { "\($0) + \(customerDevice ?? "")" } ?? device
            let start = Date()
            let result: CallSummary, stats: LiveSession.Statistics
            let header = SessionHeader(device: deviceName, sampleRate: rate, profile: chosen.name)
            let log = try logDir.map { folder in
                try ConversationLog(
                    folder: folder, splitSeconds: splitSilence, wallClockStart: start, sampleRate: rate, keepDays: keepDays,
                    header: { header.line(conversation: $0, start: $1, startSeconds: $2) },
                    warn: { notice in
                        switch notice {
                        case .failing: notices.tell(ErrorText.describe(notice, language), seconds: nil)
                        case .resumed: notices.tell(ErrorText.describe(notice, language), seconds: 8)
                        }
                    })
            }
            if headless, let log {
                (result, stats) = try session.run(sink: log, recorder: recorder) { StopSignal.requested.load(ordering: .relaxed) }
            } else {
                (result, stats) = try Screen.run(title: deviceName, language: language, log: log,
                                                 notices: notices.board) { sink, mailbox, requests, stop in
                    try session.run(sink: sink, mailbox: mailbox, requests: requests, recorder: recorder, shouldStop: stop)
                }
            }
            log?.finish()
            let recorded = Result { try recorder?.finish() }
            recorder = nil
            try summaryFile?.write(SummaryJSON.encode(result))
            try summaryFile?.commit()
            let seconds = NumberText.string(Double(stats.frames) / Double(rate), decimals: 1)
            let realigned = NumberText.string(Double(stats.realignedFrames) / Double(rate), decimals: 2)
            FileHandle.standardError.write(Data((language.pick(
                nl: "kalm: \(seconds) s opgenomen van \(deviceName) (\(stats.format.rawValue)), \(stats.overruns) overlopen hersteld, \(stats.droppedPeriods) perioden verloren",
                en: "kalm: captured \(seconds) s from \(deviceName) (\(stats.format.rawValue)), \(stats.overruns) overruns recovered, \(stats.droppedPeriods) periods dropped")
                + (stats.realignedFrames == 0 ? "" : language.pick(
                    nl: ", \(realigned) s van de voorlopende van twee apparaten weggelaten om ze gelijk te houden",
                    en: ", \(realigned) s of the leading of two devices left out to keep them in step"))
                + "\n").utf8))
            if let (seconds, lost) = try recorded.get(), let record {
                let kept = NumberText.string(seconds, decimals: 1), missing = NumberText.string(lost, decimals: 1)
                FileHandle.standardError.write(Data((language.pick(
                    nl: "kalm: \(kept) s opgenomen in \(record)", en: "kalm: recorded \(kept) s into \(record)")
                    + (lost > 0 ? language.pick(nl: " (\(missing) s verloren: de schijf hield het niet bij)",
                                                en: " (\(missing) s lost: the disk did not keep up)") : "")
                    + "\n").utf8))
            }
            if let log, log.droppedLines > 0 {
                let lost = log.droppedLines, reason = log.failure.map { " (\($0))" } ?? ""
                throw fail(language.pick(
                    nl: "\(log.folder): \(lost) regels van het logboek konden niet geschreven worden\(reason)",
                    en: "\(log.folder): \(lost) log lines could not be written\(reason)"))
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            summaryFile?.abandon()
            _ = try? recorder?.finish()
            throw fail(ErrorText.describe(error, language))
        }
    }
}

/// The first line of every headless log.
struct SessionHeader {
    let device: String, sampleRate: Int, profile: String

    /// The header of conversation `conversation`, whose event times count from `start` and
    /// which starts `startSeconds` after it.
    func line(conversation: Int, start: Date, startSeconds: Double) -> String {
        let iso = ISO8601DateFormatter().string(from: start)
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        return "{\"type\":\"session\",\"t\":0.000,\"wall_clock_start\":\(q(iso)),\"device\":\(q(device)),"
            + "\"sample_rate\":\(sampleRate),\"profile\":\(q(profile)),\"kalm_version\":\(q(KalmVersion.string)),"
            + "\"conversation\":\(conversation),\"start_s\":" + String(format: "%.3f", startSeconds) + "}"
    }
}
