/// The definitions that turn two speech tracks into conversation events, in hops of 10 ms.
public struct ConversationRules: Sendable, Equatable {
    /// Shortest silence inside a party's turn that is a pause (0.5 s).
    public var pauseHops = 50
    /// Shortest silence of both parties that is dead air (3 s).
    public var deadAirHops = 300
    /// Shortest overlap that can make an interruption (0.5 s).
    public var interruptionOverlapHops = 50
    /// Shortest segment of the interrupter (1.0 s); shorter overlapping segments are backchannels.
    public var interruptionSegmentHops = 100
    /// Fraction of a short segment that must overlap the other's speech to be a backchannel.
    public var backchannelOverlapFraction = 0.5
    /// A spurt that starts within this many hops of the other party's last speech, while the
    /// other's spurt runs on, starts while the other speaks (0.2 s): a gap between words that
    /// short is no place to take the turn, and at the counter the crosstalk of one's onset
    /// can cut up to 0.2 s from the words of the party one interrupts.
    public var overlapOnsetToleranceHops = 20
    /// Longest silence of either party inside an overlap that still counts as overlap while
    /// the other speaks through it (0.45 s, under a pause). At the counter each microphone
    /// hears the other party, and in double talk the crosstalk gate cuts holes of 0.15-0.45 s
    /// in both parties' speech; a speaker silent that briefly has not let the other have the
    /// floor.
    public var overlapGapHops = 45
    /// Hops the later speaker must have spoken while the other was silent for longer than
    /// ``overlapGapHops`` before holes count as overlap of its spurt (0.1 s): the other
    /// party's crosstalk, which the gate cuts into blips inside the other's speech, is never
    /// heard alone.
    public var aloneHopsForHoles = 10
    /// Shortest segment that is a backchannel (0.1 s). A "ja" or "hm" lasts longer; shorter
    /// blips are the other party's crosstalk or room reverberation getting through.
    public var backchannelMinimumHops = 10

    public init() {}
}
