import KalmConversation
import KalmDSP
import KalmPipeline

/// Writes events as JSON Lines: one object per line with `type` and `t` (seconds) first.
public final class EventsJSONLSink: AnalysisSink {
    private let file: OutputFile

    /// Writes into `file` (committed by the caller), optionally after a header line.
    public init(file: OutputFile, header: String? = nil) throws {
        self.file = file
        if let header { try file.write(header + "\n") }
    }

    public func frame(_ frame: FrameFeatures, party: Party, assessment: TensionAssessment) throws {}

    public func event(_ event: ConversationEvent) throws {
        try file.write(Self.line(event) + "\n")
    }

    /// The JSON object for `event`, on one line, keys in a fixed order.
    public static func line(_ event: ConversationEvent) -> String {
        func n(_ v: Double) -> String { NumberText.string(v, decimals: 3) }
        let head = "{\"type\":\"\(typeName(event))\",\"t\":\(n(event.t))"
        switch event {
        case .interruption(_, let by, let of, let overlap):
            return head + ",\"by\":\"\(by.rawValue)\",\"of\":\"\(of.rawValue)\",\"overlap_s\":\(n(overlap))}"
        case .backchannel(_, let by, let duration):
            return head + ",\"by\":\"\(by.rawValue)\",\"duration_s\":\(n(duration))}"
        case .pause(_, let party, let duration):
            return head + ",\"party\":\"\(party.rawValue)\",\"duration_s\":\(n(duration))}"
        case .deadAir(_, let duration):
            return head + ",\"duration_s\":\(n(duration))}"
        case .state(_, let party, let from, let to):
            return head + ",\"party\":\"\(party.rawValue)\",\"from\":\"\(from.rawValue)\",\"to\":\"\(to.rawValue)\"}"
        case .cue(_, let party, let cue):
            return head + ",\"party\":\"\(party.rawValue)\",\"cue\":\"\(cue.rawValue)\"}"
        case .escalation(let party, let start, let end):
            let endText = end.map(n) ?? "null"
            let ttr = end.map { n($0 - start) } ?? "null"
            return head + ",\"party\":\"\(party.rawValue)\",\"start\":\(n(start)),\"end\":\(endText),\"tijd_tot_rust_s\":\(ttr)}"
        case .incident:
            return head + "}"
        case .deviceGap(_, let duration):
            return head + ",\"duration_s\":\(n(duration))}"
        case .checklist(_, let summary, let agreements, let incident):
            return head + ",\"summary_given\":\(summary),\"agreements_made\":\(agreements),\"incident\":\(incident)}"
        }
    }

    /// The contract's `type` value for `event`.
    public static func typeName(_ event: ConversationEvent) -> String {
        switch event {
        case .interruption: return "interruption"
        case .backchannel: return "backchannel"
        case .pause: return "pause"
        case .deadAir: return "dead_air"
        case .state: return "state"
        case .cue: return "cue"
        case .escalation: return "escalation"
        case .incident: return "incident"
        case .deviceGap: return "device_gap"
        case .checklist: return "checklist"
        }
    }
}
