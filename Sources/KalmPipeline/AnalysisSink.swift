import KalmConversation
import KalmDSP

/// Receives the results of a ``CallAnalyzer`` in time order: one final frame per party per
/// hop, and events as they are decided. Sinks (CSV, JSON Lines, HUD) implement this.
public protocol AnalysisSink: AnyObject {
    /// A hop's final measurements for `party`, with the party's tension at that hop.
    func frame(_ frame: FrameFeatures, party: Party, assessment: TensionAssessment) throws
    /// An event, decided now; its `t` may lie in the past.
    func event(_ event: ConversationEvent) throws
}
