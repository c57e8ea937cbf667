import KalmConversation
import KalmDSP

/// Forwards everything to several sinks in order.
public final class SinkGroup: AnalysisSink {
    private let sinks: [AnalysisSink]

    /// Groups `sinks`.
    public init(_ sinks: [AnalysisSink]) { self.sinks = sinks }

    public func frame(_ frame: FrameFeatures, party: Party, assessment: TensionAssessment) throws {
        for sink in sinks { try sink.frame(frame, party: party, assessment: assessment) }
    }

    public func event(_ event: ConversationEvent) throws {
        for sink in sinks { try sink.event(event) }
    }
}
