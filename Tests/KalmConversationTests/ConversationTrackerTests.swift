import KalmConversation
import Testing

/// Builds two speech tracks from spans in hops and runs them through the tracker.
private func events(agent: [(Int, Int)], customer: [(Int, Int)], hops: Int = 1500) -> [ConversationEvent] {
    func track(_ spans: [(Int, Int)]) -> [Bool] {
        var t = [Bool](repeating: false, count: hops)
        for (a, b) in spans { for i in a..<b { t[i] = true } }
        return t
    }
    let a = track(agent), c = track(customer)
    var tracker = ConversationTracker()
    var out: [ConversationEvent] = []
    for i in 0..<hops { tracker.process(index: i, agentSpeech: a[i], customerSpeech: c[i]) { out.append($0) } }
    tracker.finish { out.append($0) }
    return out
}

@Suite struct ConversationTrackerTests {
    @Test func interruptionWithDirectionAndOverlap() {
        let e = events(agent: [(0, 300)], customer: [(200, 500)])
        #expect(e == [.interruption(t: 2.0, by: .customer, of: .agent, overlapSeconds: 1.0)])
    }

    /// The interruption is certain once overlap and length suffice (0.5 s, 1 s), long before
    /// the talked-over party stops and the event reports the whole overlap; a later hop at
    /// which the interrupter speaks can be asked about ahead.
    @Test func interruptionIsCertainBeforeTheOverlapEnds() {
        var tracker = ConversationTracker()
        var certainFrom: Int?
        var eventAt: Int?
        for i in 0..<700 {
            tracker.process(index: i, agentSpeech: i < 500, customerSpeech: i >= 200 && i < 600) { _ in eventAt = eventAt ?? i }
            if certainFrom == nil, tracker.certainInterruptionStart(by: .customer) == 200 { certainFrom = i }
            if i == 260 {
                #expect(tracker.certainInterruptionStart(by: .customer) == nil)
                #expect(tracker.certainInterruptionStart(by: .customer, speakingAt: 298) == nil)
                #expect(tracker.certainInterruptionStart(by: .customer, speakingAt: 299) == 200)
            }
            #expect(tracker.certainInterruptionStart(by: .agent) == nil)
        }
        #expect(certainFrom == 299)
        #expect(eventAt == 500)
    }

    @Test func shortOverlapIsNotAnInterruption() {
        // Customer starts 0.3 s before the agent ends and talks on: overlap < 0.5 s.
        let e = events(agent: [(0, 300)], customer: [(270, 600)])
        #expect(e.isEmpty)
    }

    @Test func latchingIsNeither() {
        let e = events(agent: [(0, 300)], customer: [(285, 600)])
        #expect(e.isEmpty)
    }

    /// A start less than 0.2 s after the other's last speech, the other talking on, is a
    /// start while they speak (at the counter the crosstalk of the onset cuts such a gap).
    @Test func startInAShortGapOfTheOtherInterrupts() {
        let e = events(agent: [(0, 300), (315, 500)], customer: [(305, 600)])
        #expect(e == [.interruption(t: 3.05, by: .customer, of: .agent, overlapSeconds: 1.85)])
        let atTheLimit = events(agent: [(0, 300), (330, 500)], customer: [(319, 600)])
        #expect(atTheLimit == [.interruption(t: 3.19, by: .customer, of: .agent, overlapSeconds: 1.7)])
    }

    /// Double talk at the counter: the crosstalk gate cuts 0.2 s holes in both parties' speech.
    /// Both-speaking hops alone are 0.3 s; with the holes the overlap is 0.7 s, counted once
    /// the customer talks on alone. A hole longer than 0.45 s is silence.
    @Test func holesInDoubleTalkCountAsOverlap() {
        let holed = events(agent: [(0, 320)], customer: [(250, 265), (285, 300), (320, 600)])
        #expect(holed == [.interruption(t: 2.5, by: .customer, of: .agent, overlapSeconds: 0.7)])
        let agentHoled = events(agent: [(0, 262), (282, 300)], customer: [(250, 600)])
        #expect(agentHoled == [.interruption(t: 2.5, by: .customer, of: .agent, overlapSeconds: 0.5)])
        let tooLong = events(agent: [(0, 330)], customer: [(250, 262), (310, 600)])
        #expect(tooLong.isEmpty)
    }

    /// A 0.07 s blip of crosstalk between the customer's backchannel and their turn 0.87 s
    /// later does not carry the backchannel on into the turn, which would make it a spurt of
    /// over 1 s with 0.53 s of overlap: an interruption.
    @Test func crosstalkDoesNotCarryABackchannelIntoATurn() {
        let e = events(agent: [(0, 290)], customer: [(200, 253), (296, 303), (340, 600)])
        #expect(e == [.backchannel(t: 2.0, by: .customer, durationSeconds: 0.53)])
    }

    /// A blip of crosstalk 0.35 s before the customer latches on to the agent's end: the
    /// silence after a blip is no hole of double talk.
    @Test func silenceAfterABlipIsNoHole() {
        let e = events(agent: [(0, 260)], customer: [(200, 207), (240, 600)])
        #expect(e.isEmpty)
    }

    /// The agent's crosstalk on the customer's microphone, cut by the gate into blips inside
    /// the agent's speech (0.38 s of speech over 1.1 s), the gate taking a hole from the agent
    /// where the longest blip is heard: no hole is overlap, the customer is never heard alone.
    @Test func crosstalkBlipsInsideTheOthersSpeechAreNoInterruption() {
        let e = events(
            agent: [(0, 132), (148, 400)], customer: [(100, 107), (130, 150), (175, 181), (205, 210)])
        #expect(e.isEmpty)
    }

    /// A start 0.2 s after the other's last speech takes a turn of its own, even when the
    /// other then talks on over it.
    @Test func startAfterTheOthersWordsIsNoInterruption() {
        let e = events(agent: [(0, 300), (330, 500)], customer: [(320, 600)])
        #expect(e.isEmpty)
    }

    /// Only the overlap with the spurt one started in counts: after latching (the customer
    /// starts 0.05 s before the agent ends), the agent's own later interruption does not make
    /// the customer's start one.
    @Test func aLaterSpurtOfTheOtherAddsNoOverlap() {
        let e = events(agent: [(0, 300), (500, 700)], customer: [(295, 800)])
        #expect(e == [.interruption(t: 5.0, by: .agent, of: .customer, overlapSeconds: 2.0)])
    }

    @Test func backchannelInsideTheOtherTurn() {
        let e = events(agent: [(0, 500)], customer: [(200, 240)])
        #expect(e == [.backchannel(t: 2.0, by: .customer, durationSeconds: 0.4)])
    }

    /// A blip under 0.1 s (crosstalk or reverberation that got through) is no word: the
    /// first is 0.09 s and ignored, the second 0.1 s and a backchannel.
    @Test func blipIsNotABackchannel() {
        let e = events(agent: [(0, 500)], customer: [(200, 209), (300, 310)])
        #expect(e == [.backchannel(t: 3.0, by: .customer, durationSeconds: 0.1)])
    }

    /// A long overlapping segment that ends before 1 s of speech is still a backchannel.
    @Test func overlapButShortIsBackchannel() {
        let e = events(agent: [(0, 500)], customer: [(200, 290)])
        #expect(e == [.backchannel(t: 2.0, by: .customer, durationSeconds: 0.9)])
    }

    /// A short breath (< 0.5 s) inside the interrupter's speech does not end it.
    @Test func interrupterPausingBrieflyStillInterrupts() {
        let e = events(agent: [(0, 320)], customer: [(250, 330), (350, 500)])
        #expect(e == [.interruption(t: 2.5, by: .customer, of: .agent, overlapSeconds: 0.7)])
    }

    @Test func pauseInsideATurn() {
        let e = events(agent: [(0, 200), (260, 400)], customer: [])
        #expect(e == [.pause(t: 2.0, party: .agent, durationSeconds: 0.6)])
    }

    @Test func silenceWhileTheOtherSpeaksIsNoPause() {
        let e = events(agent: [(0, 200), (400, 500)], customer: [(220, 380)])
        #expect(e.isEmpty)
    }

    /// Both silent 3.5 s between turns: dead air (and a pause only for a party resuming).
    @Test func deadAirBetweenSpeech() {
        let e = events(agent: [(0, 200)], customer: [(550, 700)])
        #expect(e == [.deadAir(t: 2.0, durationSeconds: 3.5)])
    }

    @Test func noDeadAirBeforeFirstOrAfterLastSpeech() {
        let e = events(agent: [(500, 600)], customer: [])
        #expect(e.isEmpty)
    }
}
