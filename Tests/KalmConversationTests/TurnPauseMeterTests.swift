import KalmConversation
import Testing

@Suite struct TurnPauseMeterTests {
    /// Feeds `seconds` of a party speaking `talk` hops then pausing `pause` hops, while the
    /// other party says something in the pauses when `otherInPauses`.
    private func feed(_ m: inout TurnPauseMeter, seconds: Int, talk: Int, pause: Int, otherInPauses: Bool = false) {
        for k in 0..<(seconds * 100) {
            let speaking = k % (talk + pause) < talk
            m.update(ownSpeech: speaking, otherSpeech: otherInPauses && !speaking, calm: true)
        }
    }

    @Test func referenceIsTheCalmPauseShare() {
        var m = TurnPauseMeter(referenceSeconds: 20)
        feed(&m, seconds: 30, talk: 400, pause: 100)
        #expect(abs((m.reference ?? 0) - 0.2) < 0.01)
        #expect(abs(m.shrinkPercent ?? 99) < 20)
    }

    /// Talking on without pauses: the share falls to nothing over about half a minute.
    @Test func talkingOnShrinksThePauses() {
        var m = TurnPauseMeter(referenceSeconds: 20)
        feed(&m, seconds: 40, talk: 400, pause: 100)
        feed(&m, seconds: 10, talk: 1000, pause: 0)
        let after10 = m.shrinkPercent ?? 0
        feed(&m, seconds: 50, talk: 1000, pause: 0)
        #expect(after10 > 20 && after10 < 50)
        #expect((m.shrinkPercent ?? 0) > 80)
    }

    /// Silences in which the other party speaks are turn changes, and silences over 3 s are
    /// no pauses: neither counts, so a party whose turns have no pauses gets no reference share.
    @Test func turnChangesAndLongSilencesAreNoPauses() {
        var m = TurnPauseMeter(referenceSeconds: 20)
        feed(&m, seconds: 60, talk: 400, pause: 100, otherInPauses: true)
        #expect(m.reference == 0)
        #expect(m.shrinkPercent == nil)
        var n = TurnPauseMeter(referenceSeconds: 20)
        feed(&n, seconds: 60, talk: 400, pause: 400)
        #expect(n.reference == 0)
    }
}
