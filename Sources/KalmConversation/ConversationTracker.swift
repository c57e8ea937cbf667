/// Follows both parties' speech hop by hop and reports pauses, dead air, interruptions and
/// backchannels as they are decided (events carry their own, earlier, time).
///
/// Segments are runs of speech (short gaps already bridged upstream). Interruptions and
/// backchannels are judged on talk spurts: a party's segments joined across silences
/// shorter than a pause (0.5 s), since a speaker who breathes between two words has not
/// stopped. A spurt that starts while the other party speaks (or within 0.2 s of their last
/// word, their spurt running on) overlaps that spurt for the hops in which both speak, and
/// for those in which one of them, silent for at most 0.45 s before speaking again, hears the
/// other (at the counter, double talk cuts such holes in both parties' speech). A hole counts
/// when the speech on either side of it lasts 0.1 s, once the later speaker has been heard
/// alone for 0.1 s, the other silent for longer than a hole: the other party's crosstalk, cut
/// into blips inside the other's speech, never is. Such a spurt also ends 0.5 s after its
/// last segment of at least 0.1 s, and is measured to it: blips do not carry it on. With
/// >= 0.5 s overlap and >= 1 s length it is an interruption, when 0.1-1 s long and mostly
/// inside the other's speech a backchannel.
/// Either is decided when the overlap is over and the length known.
///
/// Pure and allocation-free: it holds a few counters per party.
public struct ConversationTracker: Sendable {
    /// The definitions in use.
    public let rules: ConversationRules

    private struct Track: Sendable {
        var speaking = false
        var lastSpeechHop = -1
        /// The last speech hop of a segment that lasted ``ConversationRules/backchannelMinimumHops``
        /// (see ``spurtEnd(_:)``).
        var lastSegmentSpeechHop = -1
        var spurtActive = false
        var spurtStart = 0
        /// Whether the current spurt started inside the other party's spurt.
        var startedInOverlap = false
        /// Whether the other party's spurt this one started in is still running: only the
        /// overlap with that spurt counts (not with a later one, the other's own interruption).
        var overlapping = false
        var overlapHops = 0
        var decided = false
        /// Hops of this party's current silence in which the other party spoke: overlap, if
        /// this party speaks again within ``ConversationRules/overlapGapHops``.
        var silenceHeardOther = 0
        /// The hole this party's current segment closed (hops in which the other spoke),
        /// counted once the segment has lasted ``ConversationRules/backchannelMinimumHops``:
        /// a blip of crosstalk closes no hole.
        var openHoleHops = 0
        /// Hops of this party's current segment.
        var segmentHops = 0
        /// Hops of the segment before this party's current or latest silence: a hole opened
        /// by a blip is none either.
        var segmentBeforeSilenceHops = 0
        /// Hops of this spurt in which this party spoke and the other had been silent for
        /// longer than ``ConversationRules/overlapGapHops``.
        var aloneHops = 0
        /// Overlap from holes, counted once ``aloneHops`` reaches
        /// ``ConversationRules/aloneHopsForHoles``.
        var heldOverlapHops = 0
    }

    private var tracks = (Track(), Track())

    public init(rules: ConversationRules = ConversationRules()) { self.rules = rules }

    /// Feeds hop `index`'s final speech decisions (indices must increase by one).
    /// - Parameter emit: receives each event decided at this hop.
    public mutating func process(
        index: Int, agentSpeech: Bool, customerSpeech: Bool, emit: (ConversationEvent) -> Void
    ) {
        let now = (agentSpeech, customerSpeech)
        let anyOnset = (now.0 && !tracks.0.speaking) || (now.1 && !tracks.1.speaking)
        if anyOnset, !tracks.0.speaking, !tracks.1.speaking {
            let bothSilentSince = max(tracks.0.lastSpeechHop, tracks.1.lastSpeechHop) + 1
            if bothSilentSince > 0, index - bothSilentSince >= rules.deadAirHops {
                emit(.deadAir(t: seconds(bothSilentSince), durationSeconds: seconds(index - bothSilentSince)))
            }
        }
        for party in Party.allCases {
            let speaking = party == .agent ? now.0 : now.1
            if speaking && !track(party).speaking { segmentOnset(party, at: index, emit: emit) }
        }
        for party in Party.allCases {
            let speaking = party == .agent ? now.0 : now.1
            let otherSpeaking = party == .agent ? now.1 : now.0
            if speaking, otherSpeaking { modify(party) { if $0.overlapping { $0.overlapHops += 1 } } }
        }
        let aloneNeeded = rules.aloneHopsForHoles
        let minimumSegment = rules.backchannelMinimumHops
        for party in Party.allCases {
            let speaking = party == .agent ? now.0 : now.1
            let otherSpeaking = party == .agent ? now.1 : now.0
            // Alone: the other has been silent longer than a hole of double talk.
            let alone = index - track(party.other).lastSpeechHop > rules.overlapGapHops
            modify(party) { t in
                if t.speaking, !speaking { t.segmentBeforeSilenceHops = t.segmentHops }
                t.speaking = speaking
                if speaking {
                    t.lastSpeechHop = index
                    t.silenceHeardOther = 0
                    t.segmentHops += 1
                    if t.segmentHops >= minimumSegment { t.lastSegmentSpeechHop = index }
                    if alone, t.spurtActive { t.aloneHops += 1 }
                    if t.aloneHops >= aloneNeeded, t.heldOverlapHops > 0 {
                        t.overlapHops += t.heldOverlapHops
                        t.heldOverlapHops = 0
                    }
                } else {
                    t.segmentHops = 0
                    t.openHoleHops = 0
                    if otherSpeaking { t.silenceHeardOther += 1 }
                }
            }
        }
        for party in Party.allCases {
            let t = track(party)
            if t.openHoleHops > 0, t.segmentHops >= minimumSegment {
                modify(party) { $0.openHoleHops = 0 }
                creditOverlap(t.openHoleHops)
            }
        }
        for party in Party.allCases {
            let t = track(party)
            if t.spurtActive, !t.speaking, index - spurtEnd(t) >= rules.pauseHops {
                endSpurt(party, emit: emit)
            }
            judge(party, at: index, emit: emit)
        }
    }

    /// When `party`'s running spurt is certain to be an interruption, the hop it started;
    /// nil otherwise. Certain means: it started inside the other's spurt and already has the
    /// overlap and the length. The ``ConversationEvent/interruption(t:by:of:overlapSeconds:)``
    /// event follows when the overlap is over (it reports the whole overlap).
    /// - Parameter speakingAt: a later hop at which `party` is known to speak, in a segment
    ///   that has lasted ``ConversationRules/backchannelMinimumHops`` by then, although the
    ///   hops in between have not been processed (the other party's are still undecided):
    ///   the answer then holds for that hop, since the length depends on `party` alone.
    public func certainInterruptionStart(by party: Party, speakingAt hop: Int? = nil) -> Int? {
        let t = track(party)
        guard t.spurtActive, t.startedInOverlap, t.overlapHops >= rules.interruptionOverlapHops else { return nil }
        var last = spurtEnd(t)
        if let hop {
            guard hop > t.lastSpeechHop, hop - last <= rules.pauseHops else { return nil }
            last = hop
        }
        return last + 1 - t.spurtStart >= rules.interruptionSegmentHops ? t.spurtStart : nil
    }

    /// Ends the input: closes open spurts as if both parties fell silent.
    public mutating func finish(emit: (ConversationEvent) -> Void) {
        for party in Party.allCases where track(party).spurtActive {
            endSpurt(party, emit: emit)
        }
        for party in Party.allCases {
            modify(party) { $0.speaking = false }
        }
    }

    private func track(_ p: Party) -> Track { p == .agent ? tracks.0 : tracks.1 }

    private mutating func modify(_ p: Party, _ body: (inout Track) -> Void) {
        if p == .agent { body(&tracks.0) } else { body(&tracks.1) }
    }

    private func seconds(_ hops: Int) -> Double { Double(hops) / 100 }

    /// The last hop of a spurt: for one that started inside the other's, of its segments that
    /// lasted ``ConversationRules/backchannelMinimumHops`` (of its blips while it has no such
    /// segment), so crosstalk does not carry a backchannel on into a later turn. The spurt
    /// talked over keeps its blips: there they are its own words, broken up in double talk.
    private func spurtEnd(_ t: Track) -> Int {
        t.startedInOverlap && t.lastSegmentSpeechHop >= t.spurtStart ? t.lastSegmentSpeechHop : t.lastSpeechHop
    }

    /// Hops of `party`'s running segment, 0 while they are silent.
    public func segmentHops(of party: Party) -> Int { track(party).segmentHops }

    private mutating func segmentOnset(_ party: Party, at hop: Int, emit: (ConversationEvent) -> Void) {
        let mine = track(party), other = track(party.other)
        let silenceStart = mine.lastSpeechHop + 1
        if mine.lastSpeechHop >= 0, hop - silenceStart >= rules.pauseHops,
            other.lastSpeechHop < silenceStart, !other.speaking
        {
            emit(.pause(t: seconds(silenceStart), party: party, durationSeconds: seconds(hop - silenceStart)))
        }
        guard !mine.spurtActive else {
            if hop - silenceStart <= rules.overlapGapHops, mine.segmentBeforeSilenceHops >= rules.backchannelMinimumHops {
                modify(party) { $0.openHoleHops = $0.silenceHeardOther }
            }
            return
        }
        let inOverlap =
            other.spurtActive && (other.speaking || hop - other.lastSpeechHop <= rules.overlapOnsetToleranceHops)
        modify(party) { t in
            t.spurtActive = true
            t.spurtStart = hop
            t.startedInOverlap = inOverlap
            t.overlapping = inOverlap
            t.overlapHops = 0
            t.decided = false
            t.aloneHops = 0
            t.heldOverlapHops = 0
        }
    }

    /// Counts `hops` in which one party, silent for a moment inside its spurt, heard the other
    /// speak, as overlap of the spurt that started inside the other's, once that spurt's
    /// party has been heard alone.
    private mutating func creditOverlap(_ hops: Int) {
        guard hops > 0 else { return }
        let aloneNeeded = rules.aloneHopsForHoles
        for party in Party.allCases {
            modify(party) { t in
                guard t.overlapping else { return }
                if t.aloneHops >= aloneNeeded {
                    t.overlapHops += hops
                } else {
                    t.heldOverlapHops += hops
                }
            }
        }
    }

    /// Reports an interruption as soon as it is certain and its overlap is over.
    private mutating func judge(_ party: Party, at hop: Int, emit: (ConversationEvent) -> Void) {
        let t = track(party), other = track(party.other)
        guard t.spurtActive, t.startedInOverlap, !t.decided else { return }
        let overlapOver = !other.spurtActive || !other.speaking
        let length = spurtEnd(t) + 1 - t.spurtStart
        if overlapOver, t.overlapHops >= rules.interruptionOverlapHops, length >= rules.interruptionSegmentHops {
            modify(party) { $0.decided = true }
            emit(.interruption(
                t: seconds(t.spurtStart), by: party, of: party.other, overlapSeconds: seconds(t.overlapHops)))
        }
    }

    private mutating func endSpurt(_ party: Party, emit: (ConversationEvent) -> Void) {
        let t = track(party)
        modify(party) { $0.spurtActive = false }
        modify(party.other) { $0.overlapping = false }
        guard t.startedInOverlap, !t.decided else { return }
        let length = spurtEnd(t) + 1 - t.spurtStart
        if t.overlapHops >= rules.interruptionOverlapHops, length >= rules.interruptionSegmentHops {
            emit(.interruption(
                t: seconds(t.spurtStart), by: party, of: party.other, overlapSeconds: seconds(t.overlapHops)))
        } else if length < rules.interruptionSegmentHops, length >= rules.backchannelMinimumHops,
            Double(t.overlapHops) >= rules.backchannelOverlapFraction * Double(length)
        {
            emit(.backchannel(t: seconds(t.spurtStart), by: party, durationSeconds: seconds(length)))
        }
    }
}
