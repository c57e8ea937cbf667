import KalmConversation

/// What the agent's screen shows at one moment: a plain value (no references), so the
/// analysis can hand it to the HUD thread through a mailbox without allocating or locking.
public struct LiveStatus: Sendable, Equatable {
    /// One party's current measures, relative to their own baseline where one exists.
    public struct PartyStatus: Sendable, Equatable {
        public var speaking = false
        /// Level above the party's baseline, dB (nil before a baseline).
        public var levelRise: Double?
        /// Tempo in syllables per second and its rise over baseline in %.
        public var tempo: Double?
        public var tempoRise: Double?
        /// Current pitch average, Hz.
        public var pitchHz: Double?
        public var talkShare = 0.0
        public var interruptions = 0
        public var pauses = 0
        public init() {}
    }

    /// Seconds since the start of the call (from the sample count).
    public var time = 0.0
    public var agent = PartyStatus()
    public var customer = PartyStatus()
    public var customerPresent = false
    /// The customer's tension and state.
    public var tension: Float = 0
    public var state: TensionState = .calm
    /// Start of the escalation episode in progress (its running "tijd tot rust" clock).
    public var episodeStart: Double?
    /// The latest cue and when it was given.
    public var cue: Cue?
    public var cueTime = 0.0

    public init() {}
}
