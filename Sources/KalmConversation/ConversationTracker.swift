/// Follows both parties' speech hop by hop and reports pauses, dead air, interruptions and
/// backchannels as they are decided (events carry their own, earlier, time).
///
/// Pure and allocation-free: it holds a few counters per party.
public struct ConversationTracker: Sendable {
    /// The definitions in use.
    public let rules: ConversationRules

    private struct Track: Sendable {
        var speaking = false
        var segmentStart = 0
        var lastSpeechHop = -1
        /// Whether the current segment started while the other party was speaking.
        var startedInOverlap = false
        var overlapHops = 0
        var overlapRunOpen = false
        var interruptionReported = false
    }

    private var tracks = (Track(), Track())
    private var hop = -1

    public init(rules: ConversationRules = ConversationRules()) { self.rules = rules }

    /// Feeds hop `index`'s final speech decisions (indices must increase by one).
    /// - Parameter emit: receives each event decided at this hop.
    public mutating func process(
        index: Int, agentSpeech: Bool, customerSpeech: Bool, emit: (ConversationEvent) -> Void
    ) {
        hop = index
        let speech = (agentSpeech, customerSpeech)
        let anyOnset = (speech.0 && !tracks.0.speaking) || (speech.1 && !tracks.1.speaking)
        if anyOnset, !tracks.0.speaking, !tracks.1.speaking {
            let bothSilentSince = max(tracks.0.lastSpeechHop, tracks.1.lastSpeechHop) + 1
            if bothSilentSince > 0, index - bothSilentSince >= rules.deadAirHops {
                emit(.deadAir(t: seconds(bothSilentSince), durationSeconds: seconds(index - bothSilentSince)))
            }
        }
        // Onsets first, with both tracks still describing the previous hop.
        for party in Party.allCases {
            let now = party == .agent ? speech.0 : speech.1
            if now && !track(party).speaking { onset(party, emit: emit) }
        }
        for party in Party.allCases {
            let now = party == .agent ? speech.0 : speech.1
            let otherNow = party == .agent ? speech.1 : speech.0
            if !now && track(party).speaking { offset(party, emit: emit) }
            if now { continueSegment(party, otherSpeaking: otherNow, emit: emit) }
        }
        for party in Party.allCases {
            let now = party == .agent ? speech.0 : speech.1
            modify(party) { t in
                t.speaking = now
                if now { t.lastSpeechHop = index }
            }
        }
    }

    /// Ends the input: closes open segments as if both parties fell silent.
    public mutating func finish(emit: (ConversationEvent) -> Void) {
        for party in Party.allCases where track(party).speaking {
            hop += 1
            offset(party, emit: emit)
            hop -= 1
            modify(party) { $0.speaking = false }
        }
    }

    private func track(_ p: Party) -> Track { p == .agent ? tracks.0 : tracks.1 }

    private mutating func modify(_ p: Party, _ body: (inout Track) -> Void) {
        if p == .agent { body(&tracks.0) } else { body(&tracks.1) }
    }

    private func seconds(_ hops: Int) -> Double { Double(hops) * 0.01 }

    private mutating func onset(_ party: Party, emit: (ConversationEvent) -> Void) {
        let mine = track(party), other = track(party.other)
        let silenceStart = mine.lastSpeechHop + 1
        if mine.lastSpeechHop >= 0, hop - silenceStart >= rules.pauseHops,
            other.lastSpeechHop < silenceStart, !other.speaking
        {
            emit(.pause(t: seconds(silenceStart), party: party, durationSeconds: seconds(hop - silenceStart)))
        }
        let hop = self.hop
        modify(party) { t in
            t.segmentStart = hop
            t.startedInOverlap = other.speaking
            t.overlapHops = 0
            t.overlapRunOpen = other.speaking
            t.interruptionReported = false
        }
    }

    private mutating func continueSegment(_ party: Party, otherSpeaking: Bool, emit: (ConversationEvent) -> Void) {
        let hop = self.hop
        modify(party) { t in
            guard t.startedInOverlap else { return }
            if t.overlapRunOpen {
                if otherSpeaking { t.overlapHops += 1 } else { t.overlapRunOpen = false }
            }
        }
        reportInterruptionIfDecided(party, segmentEnd: hop + 1, emit: emit)
    }

    private mutating func offset(_ party: Party, emit: (ConversationEvent) -> Void) {
        let mine = track(party)
        modify(party) { $0.overlapRunOpen = false }
        let length = hop - mine.segmentStart
        reportInterruptionIfDecided(party, segmentEnd: hop, emit: emit)
        if mine.startedInOverlap, length < rules.interruptionSegmentHops,
            Double(mine.overlapHops) >= rules.backchannelOverlapFraction * Double(length)
        {
            emit(.backchannel(t: seconds(mine.segmentStart), by: party, durationSeconds: seconds(length)))
        }
    }

    /// Reports an interruption once its overlap has ended and both thresholds are met.
    private mutating func reportInterruptionIfDecided(
        _ party: Party, segmentEnd: Int, emit: (ConversationEvent) -> Void
    ) {
        let t = track(party)
        guard t.startedInOverlap, !t.interruptionReported, !t.overlapRunOpen,
            t.overlapHops >= rules.interruptionOverlapHops,
            segmentEnd - t.segmentStart >= rules.interruptionSegmentHops
        else { return }
        modify(party) { $0.interruptionReported = true }
        emit(.interruption(
            t: seconds(t.segmentStart), by: party, of: party.other, overlapSeconds: seconds(t.overlapHops)))
    }
}
