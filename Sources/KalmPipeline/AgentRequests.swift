import Synchronization

/// What the agent asks for on the HUD, handed atomically from the HUD thread to the analysis
/// thread: incidents to mark, and finished conversations with their after-call checklist.
public final class AgentRequests: Sendable {
    /// One finished conversation's checklist answers.
    public struct Checklist: Sendable, Equatable {
        public var summaryGiven: Bool, agreementsMade: Bool, incident: Bool

        public init(summaryGiven: Bool, agreementsMade: Bool, incident: Bool) {
            self.summaryGiven = summaryGiven
            self.agreementsMade = agreementsMade
            self.incident = incident
        }
    }

    private let incidents = Atomic<Int>(0)
    private let checklists = Atomic<Int>(0)
    /// The latest checklist's answers as bits (summary 1, agreements 2, incident 4).
    private let answers = Atomic<Int>(0)

    public init() {}

    /// HUD side: one more incident.
    public func requestIncident() { incidents.add(1, ordering: .relaxed) }

    /// Analysis side: incidents requested so far.
    public var incidentsRequested: Int { incidents.load(ordering: .relaxed) }

    /// HUD side: the conversation ended, with these answers.
    public func endConversation(_ c: Checklist) {
        answers.store((c.summaryGiven ? 1 : 0) | (c.agreementsMade ? 2 : 0) | (c.incident ? 4 : 0), ordering: .relaxed)
        checklists.add(1, ordering: .releasing)
    }

    /// Analysis side: conversations ended so far, and the latest answers.
    public var conversationsEnded: (count: Int, latest: Checklist) {
        let count = checklists.load(ordering: .acquiring)
        let bits = answers.load(ordering: .relaxed)
        return (count, Checklist(summaryGiven: bits & 1 != 0, agreementsMade: bits & 2 != 0, incident: bits & 4 != 0))
    }
}
