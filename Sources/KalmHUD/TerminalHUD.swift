import Foundation
import KalmConversation
import KalmPipeline

/// The agent's HUD: a thread that, fifty times a second, takes the latest status from the
/// mailbox, draws it and reads keys (q stops, m marks an incident, n starts a new call).
/// It never touches the analysis; a slow terminal only makes it skip statuses.
public final class TerminalHUD: @unchecked Sendable {
    /// What the agent asked for on the HUD.
    public enum Key: Sendable {
        case quit, mark
        /// Space: pause or resume (replay).
        case pause
        /// Arrow keys: seek by seconds (replay).
        case seek(Double)
        /// The conversation ended (n), with the after-call checklist's answers.
        case conversationEnded(AgentRequests.Checklist)
    }

    private let mailbox: StatusMailbox
    private let renderer: HUDRenderer
    private let title: String
    private let notices: NoticeBoard?
    private var history: [Float] = []
    private var lastSecond = -1
    private var marks = 0
    /// Checklist answers so far while the after-call checklist is open (nil: closed).
    private var checklist: [Bool]?

    /// - Parameter notices: what else the agent must be told (shown under the title line).
    public init(mailbox: StatusMailbox, renderer: HUDRenderer, title: String, notices: NoticeBoard? = nil) {
        self.mailbox = mailbox
        self.renderer = renderer
        self.title = title
        self.notices = notices
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
                if var answers = checklist {
                    // Single keys: j/y yes, n no; Esc closes without ending the conversation.
                    switch k {
                    case "j", "J", "y", "Y": answers.append(true)
                    case "n", "N": answers.append(false)
                    case "\u{1B}": checklist = nil
                    default: break
                    }
                    if checklist != nil { checklist = answers }
                    if answers.count == 3, checklist != nil {
                        checklist = nil
                        marks = 0
                        history.removeAll()
                        onKey(.conversationEnded(.init(summaryGiven: answers[0], agreementsMade: answers[1], incident: answers[2])), status)
                    }
                    continue
                }
                if k == "\u{1B}", terminal.key() == "[" {
                    switch terminal.key() {
                    case "C": onKey(.seek(10), status)
                    case "D": onKey(.seek(-10), status)
                    default: break
                    }
                    continue
                }
                switch k {
                case " ": onKey(.pause, status)
                case "q", "Q": onKey(.quit, status)
                case "m", "M":
                    marks += 1
                    onKey(.mark, status)
                case "n", "N": checklist = []
                default: break
                }
            }
            let size = terminal.size
            terminal.draw(renderer.render(status, tension: history, title: title, marks: marks, width: size.width,
                                          height: min(size.height, 24), checklist: checklist,
                                          notice: notices?.current))
            usleep(20_000)
        }
    }
}
