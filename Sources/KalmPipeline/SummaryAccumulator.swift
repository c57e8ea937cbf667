import KalmConversation
import KalmDSP

/// Accumulates a ``CallSummary`` from final frames and events in constant memory.
public struct SummaryAccumulator: Sendable {
    private struct PartyState: Sendable {
        var speechHops = 0
        var f0 = MedianHistogram(range: 40...800, resolution: 0.5)
        var level = MedianHistogram(range: -120...10, resolution: 0.1)
        var loudness = MedianHistogram(range: -120...10, resolution: 0.1)
        var nuclei = 0
        var pauses = 0
        var pauseTotal = 0.0
        var backchannels = 0
        var segments = 0
        var wasSpeaking = false
        var segmentRun = 0
        var monologueOpen = false
        var monologueStart = 0
        var lastSpeechEnd = 0
        var longestMonologueHops = 0
    }

    private var states = [PartyState(), PartyState()]
    private let parties: [Party]
    private let sampleRate: Int
    private var hops = 0
    private var interruptions = CallSummary.Interruptions(agentInterruptsCustomer: 0, customerInterruptsAgent: 0)
    private var deadAir = 0
    private var deadAirTotal = 0.0
    private var cueCounts = [0, 0, 0, 0, 0]
    private var episodes: [CallSummary.Episode] = []
    /// Speech needed before a call-level articulation rate is given (2 s).
    private static let tempoMinimumHops = 200
    /// A segment this long ends the other party's monologue (1 s; shorter ones are backchannels).
    private static let floorTakingHops = 100
    /// A silence this long ends a party's monologue too (dead air, 3 s): a call put on hold, or
    /// both waiting, is no talking.
    private static let deadAirHops = ConversationRules().deadAirHops

    public init(parties: [Party], sampleRate: Int) {
        self.parties = parties
        self.sampleRate = sampleRate
    }

    /// Adds one final frame of `party`.
    public mutating func add(_ frame: FrameFeatures, party: Party) {
        hops = max(hops, frame.index + 1)
        Self.record(frame, into: &states[party.index])
        if states[party.index].segmentRun == Self.floorTakingHops, parties.contains(party.other) {
            closeMonologue(party.other.index)
        }
    }

    private static func record(_ frame: FrameFeatures, into s: inout PartyState) {
        s.nuclei += frame.nuclei
        defer { s.wasSpeaking = frame.speech }
        guard frame.speech else {
            s.segmentRun = 0
            return
        }
        s.speechHops += 1
        s.level.add(Double(frame.levelDB))
        s.loudness.add(Double(frame.loudness))
        if frame.f0 > 0 { s.f0.add(Double(frame.f0)) }
        if !s.wasSpeaking { s.segments += 1 }
        if s.monologueOpen, frame.index - s.lastSpeechEnd >= deadAirHops {
            s.longestMonologueHops = max(s.longestMonologueHops, s.lastSpeechEnd - s.monologueStart)
            s.monologueOpen = false
        }
        if !s.monologueOpen {
            s.monologueOpen = true
            s.monologueStart = frame.index
        }
        s.lastSpeechEnd = frame.index + 1
        s.segmentRun += 1
    }

    /// Adds one event.
    public mutating func add(_ event: ConversationEvent) {
        switch event {
        case .interruption(_, let by, _, _):
            if by == .agent {
                interruptions.agentInterruptsCustomer += 1
            } else {
                interruptions.customerInterruptsAgent += 1
            }
        case .backchannel(_, let by, _):
            states[by.index].backchannels += 1
        case .pause(_, let party, let duration):
            states[party.index].pauses += 1
            states[party.index].pauseTotal += duration
        case .deadAir(_, let duration):
            deadAir += 1
            deadAirTotal += duration
        case .state, .incident, .deviceGap, .checklist:
            break
        case .cue(_, _, let cue):
            cueCounts[cue.slot] += 1
        case .escalation(let party, let start, let end):
            episodes.append(CallSummary.Episode(party: party, start: start, end: end))
        }
    }

    private mutating func closeMonologue(_ i: Int) {
        guard states[i].monologueOpen else { return }
        let length = states[i].lastSpeechEnd - states[i].monologueStart
        states[i].longestMonologueHops = max(states[i].longestMonologueHops, length)
        states[i].monologueOpen = false
    }

    /// Running counts for the live screen: talk share, interruptions made and pauses, per
    /// party index (no allocation).
    public var liveCounts: (talkShare: (Double, Double), interruptions: (Int, Int), pauses: (Int, Int)) {
        let total = Double(states[0].speechHops + states[1].speechHops)
        let share = total > 0 ? (Double(states[0].speechHops) / total, Double(states[1].speechHops) / total) : (0, 0)
        return (share, (interruptions.agentInterruptsCustomer, interruptions.customerInterruptsAgent),
                (states[0].pauses, states[1].pauses))
    }

    /// The summary of everything added so far.
    public func summary() -> CallSummary {
        var copy = self
        for p in parties { copy.closeMonologue(p.index) }
        let totalTalk = parties.reduce(0) { $0 + copy.states[$1.index].speechHops }
        func stats(_ p: Party) -> CallSummary.PartyStats {
            let s = copy.states[p.index]
            return CallSummary.PartyStats(
                talkTimeS: Double(s.speechHops) * 0.01,
                talkShare: totalTalk > 0 ? Double(s.speechHops) / Double(totalTalk) : 0,
                tempoSps: s.speechHops >= Self.tempoMinimumHops ? Double(s.nuclei) / (Double(s.speechHops) / 100) : nil,
                medianF0Hz: s.f0.median, levelDb: s.level.median,
                loudnessLufs: s.loudness.median, pauses: s.pauses, pauseTotalS: s.pauseTotal,
                longestMonologueS: Double(s.longestMonologueHops) * 0.01, segments: s.segments,
                backchannels: s.backchannels)
        }
        return CallSummary(
            durationS: Double(hops) * 0.01, sampleRate: sampleRate, agent: stats(.agent),
            customer: parties.contains(.customer) ? stats(.customer) : nil,
            interruptions: interruptions, deadAir: deadAir, deadAirTotalS: deadAirTotal,
            escalations: episodes, cues: Dictionary(uniqueKeysWithValues: Cue.allCases.map { ($0.rawValue, cueCounts[$0.slot]) }))
    }
}
