import Foundation
import KalmConversation
import KalmPipeline

/// The agent's HUD: a thread that, twenty times a second, takes the latest status from the
/// mailbox, draws it and reads keys (q stops, m marks an incident, n starts a new call).
/// It never touches the analysis; a slow terminal only makes it skip statuses.
public final class TerminalHUD: @unchecked Sendable {
    /// Keys the HUD passes on.
    public enum Key: Sendable { case quit, mark, newConversation }

    private let mailbox: StatusMailbox
    private let renderer: HUDRenderer
    private let title: String
    private var history: [Float] = []
    private var lastSecond = -1
    private var marks = 0

    public init(mailbox: StatusMailbox, renderer: HUDRenderer, title: String) {
        self.mailbox = mailbox
        self.renderer = renderer
        self.title = title
    }

    /// Runs until `running()` turns false; `onKey` receives q, m and n.
    public func run(running: @escaping @Sendable () -> Bool, onKey: @escaping @Sendable (Key, LiveStatus) -> Void) {
        let terminal = Terminal()
        defer { terminal.restore() }
        while running() {
            let status = mailbox.latest()
            let second = Int(status.time)
            if second != lastSecond {
                history.append(status.tension)
                if history.count > 120 { history.removeFirst(history.count - 120) }
                lastSecond = second
            }
            while let k = terminal.key() {
                switch k {
                case "q", "Q": onKey(.quit, status)
                case "m", "M":
                    marks += 1
                    onKey(.mark, status)
                case "n", "N": onKey(.newConversation, status)
                default: break
                }
            }
            let size = terminal.size
            terminal.draw(renderer.render(status, tension: history, title: title, marks: marks, width: size.width, height: min(size.height, 24)))
            usleep(50_000)
        }
    }
}
