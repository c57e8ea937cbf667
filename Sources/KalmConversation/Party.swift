/// One side of the conversation.
public enum Party: String, Sendable, CaseIterable, Codable {
    /// The call-centre or counter employee kalm serves.
    case agent
    /// The caller or visitor.
    case customer

    /// The other side.
    public var other: Party { self == .agent ? .customer : .agent }
    /// Position in per-party arrays.
    public var index: Int { self == .agent ? 0 : 1 }
}
