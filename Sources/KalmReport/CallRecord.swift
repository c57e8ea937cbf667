import Foundation
import KalmConversation
import KalmPipeline

/// Everything the report shows of one call: where it came from, its summary, its events,
/// and its measurements decimated to a few hundred columns per party.
public struct CallRecord: Sendable {
    /// One column of the timeline: the mean of the hops it covers.
    public struct Column: Sendable {
        public var level: Double?
        public var pitch: Double?
        public var tempo: Double?
        public var tension: Double?
        public var speech: Double = 0
    }

    /// File name shown for the call.
    public var name: String
    /// Who the agent is (the folder the call came from).
    public var agent: String
    /// When the call happened (log header, or the file's date).
    public var date: Date?
    public var durationS: Double
    /// The summary (from a recording), or nil for a log, whose numbers come from its events.
    public var summary: CallSummary?
    public var events: [ConversationEvent]
    /// Per party (agent, customer), the timeline columns; empty for logs (no measurements).
    public var columns: [[Column]]
    /// Seconds per column.
    public var columnSeconds: Double

    public init(name: String, agent: String, date: Date?, durationS: Double, summary: CallSummary?,
                events: [ConversationEvent], columns: [[Column]], columnSeconds: Double) {
        self.name = name
        self.agent = agent
        self.date = date
        self.durationS = durationS
        self.summary = summary
        self.events = events
        self.columns = columns
        self.columnSeconds = columnSeconds
    }

    /// Escalation episodes (from the events).
    public var episodes: [(start: Double, end: Double?)] {
        events.compactMap { if case .escalation(_, let s, let e) = $0 { return (s, e) } else { return nil } }
    }

    /// Interruptions by the agent and by the customer.
    public var interruptions: (agent: Int, customer: Int) {
        var a = 0, c = 0
        for case .interruption(_, let by, _, _) in events { if by == .agent { a += 1 } else { c += 1 } }
        return (a, c)
    }

    /// The after-call checklist, if answered.
    public var checklist: (summary: Bool, agreements: Bool, incident: Bool)? {
        for case .checklist(_, let s, let a, let i) in events.reversed() { return (s, a, i) }
        return nil
    }
}
