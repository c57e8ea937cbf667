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
