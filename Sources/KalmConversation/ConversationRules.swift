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
    /// Shortest segment that is a backchannel (0.1 s). A "ja" or "hm" lasts longer; shorter
    /// blips are the other party's crosstalk or room reverberation getting through.
    public var backchannelMinimumHops = 10

    public init() {}
}
