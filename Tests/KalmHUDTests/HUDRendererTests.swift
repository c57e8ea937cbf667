import Foundation
import KalmConversation
import KalmHUD
import KalmPipeline
import Testing

@Suite struct HUDRendererTests {
    private func status() -> LiveStatus {
        var s = LiveStatus()
        s.time = 75
        s.customerPresent = true
        s.agent.levelRise = 2
        s.agent.tempo = 5.4
        s.agent.tempoRise = 8
        s.agent.talkShare = 0.6
        s.customer.levelRise = 7
        s.customer.pitchHz = 230
        s.customer.talkShare = 0.4
        s.customer.interruptions = 2
        s.tension = 0.7
        s.state = .escalated
        s.episodeStart = 50
        s.cue = .acknowledge
        s.cueTime = 70
        return s
    }

    @Test func fitsEightyByTwentyFourInBothLanguages() {
        for dutch in [true, false] {
            let lines = HUDRenderer(dutch: dutch, color: false).render(
                status(), tension: Array(repeating: 0.5, count: 120), title: "hw:1,0", marks: 1, width: 80, height: 24)
            #expect(lines.count == 24)
            #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
        }
    }

    /// Every size from 20x6 up: exactly `height` lines, none wider than the terminal (a wider
    /// one wraps and scrambles the screen), and the cue and the customer's state always kept.
    @Test func smallTerminalsKeepTheCueAndStateAndNeverWrap() {
        for dutch in [true, false] {
            let renderer = HUDRenderer(dutch: dutch, color: true)
            for width in [20, 30, 45, 59, 60, 61, 79, 132] {
                for height in [6, 8, 12, 16, 24] {
                    let lines = renderer.render(status(), tension: Array(repeating: 0.5, count: 120), title: "hw:1,0",
                                                marks: 2, width: width, height: height)
                    #expect(lines.count == height)
                    let plain = lines.map { $0.replacingOccurrences(of: #"\x{1B}\[[0-9;]*m"#, with: "", options: .regularExpression) }
                    #expect(plain.allSatisfy { $0.count <= width }, "\(width)x\(height): \(plain.filter { $0.count > width })")
                    let text = plain.joined(separator: "\n")
                    #expect(text.contains(dutch ? ">> ERKEN" : ">> ACKNOW"), "\(width)x\(height)")
                    #expect(text.contains(dutch ? "KLANT GE" : "CUSTOMER ES"), "\(width)x\(height)")
                }
            }
        }
    }

    /// The after-call checklist stays on screen however low the terminal.
    @Test func checklistFitsALowTerminal() {
        for height in [6, 10, 24] {
            let text = HUDRenderer(dutch: false, color: false).render(
                status(), tension: [], title: "x", marks: 0, width: 50, height: height, checklist: [true]).joined(separator: "\n")
            #expect(text.contains("Call ended - checklist") && text.contains("Summary given? yes") && text.contains("Incident?"))
        }
    }

    /// A notice (a headset unplugged) stands under the title line, also on a low terminal.
    @Test func aNoticeStandsUnderTheTitle() {
        let notice = "hw:1,0: device lost (No such device); reopening"
        for (width, height) in [(80, 24), (40, 6)] {
            let lines = HUDRenderer(dutch: false, color: false).render(
                status(), tension: [], title: "x", marks: 0, width: width, height: height, notice: notice)
            #expect(lines[1] == String(("! " + notice).prefix(width)), "\(width)x\(height)")
        }
        let colored = HUDRenderer(dutch: false, color: true).render(
            status(), tension: [], title: "x", marks: 0, width: 80, height: 24, notice: notice)
        #expect(colored[1] == "\u{1B}[1;33m! \(notice)\u{1B}[0m")
        let none = HUDRenderer(dutch: false, color: false).render(status(), tension: [], title: "x", marks: 0, width: 80, height: 24)
        #expect(!none.contains { $0.hasPrefix("! ") })
    }

    /// A notice lasts its seconds, or until the next one.
    @Test func noticesLastTheirTime() {
        let board = NoticeBoard()
        #expect(board.current == nil)
        board.post("lost")
        usleep(30_000)
        #expect(board.current == "lost")
        board.post("back", seconds: 0.02)
        #expect(board.current == "back")
        usleep(40_000)
        #expect(board.current == nil)
    }

    /// Narrower than 60 columns the parties stand one above the other, each line whole.
    @Test func narrowTerminalStacksTheParties() {
        let lines = HUDRenderer(dutch: false, color: false).render(
            status(), tension: [], title: "x", marks: 0, width: 50, height: 24)
        let agent = lines.firstIndex { $0.contains("AGENT (you)") }, customer = lines.firstIndex { $0.contains("CUSTOMER") }
        #expect(agent != nil && customer != nil && agent! < customer!)
        #expect(lines.contains(" pitch  230 Hz"))
    }

    @Test func showsStateClockAndCueInPlainWords() {
        let text = HUDRenderer(dutch: true, color: false).render(
            status(), tension: [0, 0.5, 1], title: "demo", marks: 0, width: 80, height: 24).joined(separator: "\n")
        #expect(text.contains("KLANT GEËSCALEERD"))
        #expect(text.contains("tijd tot rust 00:25"))
        #expect(text.contains(">> ERKEN DE EMOTIE <<"))
        #expect(text.contains("230 Hz"))
        #expect(text.contains("▁▄█"))
        let english = HUDRenderer(dutch: false, color: false).render(
            status(), tension: [], title: "demo", marks: 0, width: 80, height: 24).joined(separator: "\n")
        #expect(english.contains("CUSTOMER ESCALATED") && english.contains("ACKNOWLEDGE THE EMOTION"))
    }

    /// A dumb terminal (or one whose type is not set) gets printed lines, not the HUD.
    @Test func onlyATerminalThatMovesTheCursorGetsTheHUD() {
        #expect(Terminal.takesCursorMovement(term: "xterm-256color"))
        #expect(Terminal.takesCursorMovement(term: "screen"))
        #expect(!Terminal.takesCursorMovement(term: "dumb"))
        #expect(!Terminal.takesCursorMovement(term: ""))
        #expect(!Terminal.takesCursorMovement(term: nil))
    }

    @Test func noColorMeansNoEscapeCodes() {
        let plain = HUDRenderer(dutch: true, color: false).render(status(), tension: [], title: "x", marks: 0, width: 80, height: 24)
        #expect(!plain.joined().contains("\u{1B}"))
        let colored = HUDRenderer(dutch: true, color: true).render(status(), tension: [], title: "x", marks: 0, width: 80, height: 24)
        #expect(colored.joined().contains("\u{1B}[1;31m"))
    }

    @Test func oldCueFadesAndNoClockWhenCalm() {
        var s = status()
        s.time = 200
        s.state = .calm
        s.episodeStart = nil
        let text = HUDRenderer(dutch: true, color: false).render(s, tension: [], title: "x", marks: 0, width: 80, height: 24).joined()
        #expect(!text.contains(">>"))
        #expect(!text.contains("tijd tot rust"))
    }

    @Test func mailboxGivesTheLatest() {
        let mailbox = StatusMailbox()
        var s = status()
        mailbox.publish(s)
        s.time = 99
        mailbox.publish(s)
        #expect(mailbox.latest().time == 99)
    }
}

@Suite struct ChecklistTests {
    @Test func questionsAndAnswersInBothLanguages() {
        let nl = HUDRenderer(dutch: true, color: false).checklistLines(answered: [true, false])
        #expect(nl == ["Gesprek afgerond - checklist ([j]a / [n]ee, Esc terug)", "  Samenvatting gegeven? ja",
                       "  Afspraken gemaakt? nee", "  Incident? ?"])
        let en = HUDRenderer(dutch: false, color: false).checklistLines(answered: [])
        #expect(en[1] == "  Summary given? ?" && en[3] == "  Incident? ")
    }

    @Test func requestsCarryTheAnswers() {
        let requests = AgentRequests()
        requests.requestIncident()
        requests.endConversation(.init(summaryGiven: true, agreementsMade: false, incident: true))
        #expect(requests.incidentsRequested == 1)
        #expect(requests.conversationsEnded.count == 1)
        #expect(requests.conversationsEnded.latest == .init(summaryGiven: true, agreementsMade: false, incident: true))
    }
}
