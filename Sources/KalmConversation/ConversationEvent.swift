/// Something that happened in the conversation, at a time `t` in seconds from the start.
///
/// These are the objects of the events JSON Lines contract (see the README).
public enum ConversationEvent: Sendable, Equatable {
    /// `by` started while `of` was speaking, they overlapped >= 0.5 s and `by` went on >= 1 s.
    case interruption(t: Double, by: Party, of: Party, overlapSeconds: Double)
    /// A short utterance (< 1 s) by `by` mostly inside the other party's speech.
    case backchannel(t: Double, by: Party, durationSeconds: Double)
    /// A silence >= 0.5 s between two segments of `party` while the other stayed silent.
    case pause(t: Double, party: Party, durationSeconds: Double)
    /// Both silent >= 3 s between speech.
    case deadAir(t: Double, durationSeconds: Double)
    /// A party's tension state changed.
    case state(t: Double, party: Party, from: TensionState, to: TensionState)
    /// A cue for `party` (always the agent).
    case cue(t: Double, party: Party, cue: Cue)
    /// An escalation episode of `party`, written once it ends (`end` nil: still open at the
    /// end of the input). `t` is its start.
    case escalation(party: Party, start: Double, end: Double?)
    /// The agent marked an incident (a key on the HUD) at `t`.
    case incident(t: Double)
    /// The agent's after-call checklist, answered on the HUD when the conversation ended.
    case checklist(t: Double, summaryGiven: Bool, agreementsMade: Bool, incident: Bool)
    /// The capture device was lost at `t` and came back after `durationSeconds` of wall time
    /// (live only; the call's clock, the sample count, does not advance during the gap).
    case deviceGap(t: Double, durationSeconds: Double)

    /// Event time in seconds.
    public var t: Double {
        switch self {
        case .interruption(let t, _, _, _), .backchannel(let t, _, _), .pause(let t, _, _), .deadAir(let t, _),
            .state(let t, _, _, _), .cue(let t, _, _), .escalation(_, let t, _), .incident(let t),
            .deviceGap(let t, _), .checklist(let t, _, _, _):
            return t
        }
    }

    /// The same event with its times `seconds` earlier (times counted from a later moment,
    /// such as the start of a conversation in a day's log).
    public func earlier(by seconds: Double) -> ConversationEvent {
        switch self {
        case .interruption(let t, let by, let of, let o): .interruption(t: t - seconds, by: by, of: of, overlapSeconds: o)
        case .backchannel(let t, let by, let d): .backchannel(t: t - seconds, by: by, durationSeconds: d)
        case .pause(let t, let p, let d): .pause(t: t - seconds, party: p, durationSeconds: d)
        case .deadAir(let t, let d): .deadAir(t: t - seconds, durationSeconds: d)
        case .state(let t, let p, let from, let to): .state(t: t - seconds, party: p, from: from, to: to)
        case .cue(let t, let p, let c): .cue(t: t - seconds, party: p, cue: c)
        case .escalation(let p, let start, let end): .escalation(party: p, start: start - seconds, end: end.map { $0 - seconds })
        case .incident(let t): .incident(t: t - seconds)
        case .checklist(let t, let s, let a, let i): .checklist(t: t - seconds, summaryGiven: s, agreementsMade: a, incident: i)
        case .deviceGap(let t, let d): .deviceGap(t: t - seconds, durationSeconds: d)
        }
    }
}
