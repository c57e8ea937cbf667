import KalmConversation

/// Which input channel carries which party.
public struct PartyLayout: Sendable, Equatable {
    /// Channel index of the agent.
    public var agentChannel: Int
    /// Channel index of the customer, or `nil` for a one-party (mono) recording.
    public var customerChannel: Int?

    /// Left = agent, right = customer.
    public static let stereo = PartyLayout(agentChannel: 0, customerChannel: 1)
    /// Left = customer, right = agent.
    public static let stereoSwapped = PartyLayout(agentChannel: 1, customerChannel: 0)
    /// One channel: the agent only.
    public static let mono = PartyLayout(agentChannel: 0, customerChannel: nil)

    public init(agentChannel: Int, customerChannel: Int?) {
        self.agentChannel = agentChannel
        self.customerChannel = customerChannel
    }

    /// The parties present, agent first.
    public var parties: [Party] { customerChannel == nil ? [.agent] : [.agent, .customer] }

    /// The channel of `party` (nil when absent).
    public func channel(of party: Party) -> Int? { party == .agent ? agentChannel : customerChannel }
}
