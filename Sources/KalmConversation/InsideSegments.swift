/// Finds a party's speech segments that lie wholly inside the other party's speech: the
/// other party speaks at every hop of the segment. At a counter that is mostly the other
/// party heard on this party's microphone, otherwise a backchannel; neither is the party's
/// own calm speech after an escalation (``UtteranceRuns/setAside(segmentAt:)``).
///
/// Seed 241, `esc-twice-room-00`: 0.26 s of the agent, heard on the customer's microphone
/// while the agent spoke, read as a calm sentence of the customer and dated the end of their
/// episode 5.0 s early (target 5 s).
public struct InsideSegments: Sendable {
    private var speaking = false
    private var onset = 0
    private var inside = false

    public init() {}

    /// Feeds one hop's final speech decisions (indices increasing by one).
    /// - Returns: the onset of the party's segment that ended at this hop (its first silent
    ///   hop) when the other party spoke at every hop of it; otherwise nil.
    public mutating func update(index: Int, ownSpeech: Bool, otherSpeech: Bool) -> Int? {
        defer { speaking = ownSpeech }
        if ownSpeech {
            if speaking {
                inside = inside && otherSpeech
            } else {
                onset = index
                inside = otherSpeech
            }
            return nil
        }
        return speaking && inside ? onset : nil
    }
}
