import ArgumentParser
import Foundation
import KalmConversation
import KalmHUD
import KalmIO
import KalmPipeline
import Synchronization

/// `kalm demo`: the agent's HUD on a bundled recorded call, at real pace, no hardware.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Show the agent's HUD on a bundled call (the customer escalates and calms down), at real pace.",
        discussion: """
            Plays Fixtures/escalation-call.flac through the live analysis at real pace and shows
            what the agent would see: volume, tempo and pitch against each party's own baseline,
            the customer's state with the "tijd tot rust" clock, the tension of the last two
            minutes and the cues. Keys: q stops, m marks an incident, space pauses, arrow keys
            seek 10 s. Without a terminal, events and cues are printed as they happen.
            """)

    @Option(help: "Playback speed: 1 is real time.")
    var speed = 1.0

    @Option(help: "Language of the screen and cues: nl or en (default: from the locale).")
    var lang: Language?

    func run() throws {
        try Replay.run(path: BundledFiles.path("Fixtures/escalation-call.flac"), speed: speed, language: Language.resolve(lang))
    }
}

/// `kalm replay`: the agent's HUD on any recording, paced, for the coach.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a recorded call with the agent's HUD: the same cues at the same call times as live.",
        discussion: """
            Keys: space pauses and resumes, the arrow keys seek 10 s back or ahead, m marks an
            incident, q stops. The analysis is the live one, so what the HUD shows at a moment of
            the call is what the agent saw (or would have seen) then.
            """)

    @Argument(help: "The call recording.")
    var call: String

    @Option(help: "Playback speed: 1, 2 or 4 times real time.")
    var speed = 1.0

    @Option(help: "Language of the screen and cues: nl or en (default: from the locale).")
    var lang: Language?

    func validate() throws {
        guard [1.0, 2.0, 4.0].contains(speed) else { throw ValidationError("--speed must be 1, 2 or 4") }
    }

    func run() throws { try Replay.run(path: call, speed: speed, language: Language.resolve(lang)) }
}

/// The shared body of demo and replay.
enum Replay {
    static func run(path: String, speed: Double, language: Language) throws {
        StopSignal.install()
        do {
            let replay = try PacedReplay(path: path, speed: speed)
            let profile = try ProfileFile.load(BuiltInProfiles.defaultName(sampleRate: replay.sampleRate))
            let summary = try Screen.run(title: (path as NSString).lastPathComponent, language: language,
                                         control: replay.control) { sink, mailbox, requests, stop in
                try replay.run(sink: sink, mailbox: mailbox, requests: requests, profile: profile, agentBaseline: nil,
                               shouldStop: stop)
            }
            print(SummaryText.render(summary, source: path, lang: language), terminator: "")
        } catch {
            throw fail(ErrorText.describe(error, language))
        }
    }
}

/// Runs live work with the HUD on a terminal (in its own thread), or with events printed
/// when stdout is not a terminal. q or a signal stops; m marks an incident.
enum Screen {
    /// - Parameter log: a sink for the events while the HUD shows (nil: events are not kept).
    static func run<T>(
        title: String, language: Language, log: AnalysisSink? = nil, control: ReplayControl? = nil,
        _ work: (AnalysisSink?, StatusMailbox, AgentRequests, @escaping @Sendable () -> Bool) throws -> T
    ) throws -> T {
        let mailbox = StatusMailbox()
        let requests = AgentRequests()
        let stop: @Sendable () -> Bool = { StopSignal.requested.load(ordering: .relaxed) }
        guard isatty(STDOUT_FILENO) == 1 else {
            let console = LiveConsoleSink(language: language)
            return try work(log.map { SinkGroup([console, $0]) } ?? console, mailbox, requests, stop)
        }
        let color = ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let hud = TerminalHUD(mailbox: mailbox, renderer: HUDRenderer(dutch: language == .nl, color: color), title: title)
        let done = Flags()
        let thread = Thread {
            hud.run(running: { !done.workFinished.load(ordering: .relaxed) }) { key, _ in
                switch key {
                case .quit: StopSignal.requested.store(true, ordering: .relaxed)
                case .mark: requests.requestIncident()
                case .pause: control?.togglePause()
                case .seek(let seconds): control?.seek(seconds: seconds)
                case .conversationEnded(let answers): requests.endConversation(answers)
                }
            }
            done.hudFinished.store(true, ordering: .releasing)
        }
        thread.start()
        defer {
            done.workFinished.store(true, ordering: .relaxed)
            while !done.hudFinished.load(ordering: .acquiring) { usleep(10_000) }
        }
        return try work(log, mailbox, requests, stop)
    }

    private final class Flags: Sendable {
        let workFinished = Atomic<Bool>(false)
        let hudFinished = Atomic<Bool>(false)
    }
}

/// Files that ship with kalm (the bundled calls), found next to the executable's checkout.
enum BundledFiles {
    static func path(_ relative: String) -> String {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return relative
    }
}
