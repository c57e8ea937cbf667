import Foundation
import KalmHUD
import KalmIO
import KalmPipeline
import Synchronization

/// Runs live work with the HUD on a terminal (in its own thread), or with events printed
/// when stdout is not a terminal or one that takes no cursor movement (`TERM=dumb`). q or a
/// signal stops; m marks an incident.
enum Screen {
    /// Whether ``run`` draws the HUD: standard output is a terminal that takes cursor
    /// movement.
    static var drawsHUD: Bool { Terminal.canDraw(on: STDOUT_FILENO) }

    /// - Parameters:
    ///   - log: a sink for the events while the HUD shows (nil: events are not kept).
    ///   - notices: what the HUD shows under its title line besides the call (a device lost).
    static func run<T>(
        title: String, language: Language, log: AnalysisSink? = nil, control: ReplayControl? = nil,
        notices: NoticeBoard? = nil,
        _ work: (AnalysisSink?, StatusMailbox, AgentRequests, @escaping @Sendable () -> Bool) throws -> T
    ) throws -> T {
        let mailbox = StatusMailbox()
        let requests = AgentRequests()
        let stop: @Sendable () -> Bool = { StopSignal.requested.load(ordering: .relaxed) }
        guard drawsHUD else {
            let console = LiveConsoleSink(language: language)
            return try work(log.map { SinkGroup([console, $0]) } ?? console, mailbox, requests, stop)
        }
        let color = ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let hud = TerminalHUD(mailbox: mailbox, renderer: HUDRenderer(dutch: language == .nl, color: color), title: title,
                              notices: notices)
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
