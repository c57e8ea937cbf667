/// An agent-facing cue, with its text in Dutch and English (from the course's step plan).
public enum Cue: String, Sendable, CaseIterable, Codable {
    /// The agent speaks faster than their own calm tempo.
    case slowDown = "slow_down"
    /// The agent is louder than their own calm level.
    case lowerVoice = "lower_voice"
    /// The agent interrupted the customer.
    case letFinish = "let_finish"
    /// The agent has talked on for a long time without a pause.
    case takePause = "take_pause"
    /// The customer's tension rises toward escalation.
    case acknowledge

    /// A fixed position 0...4 (for per-cue bookkeeping without arrays).
    public var slot: Int {
        switch self {
        case .slowDown: return 0
        case .lowerVoice: return 1
        case .letFinish: return 2
        case .takePause: return 3
        case .acknowledge: return 4
        }
    }

    /// The cue line for the agent.
    public func text(dutch: Bool) -> String {
        switch self {
        case .slowDown: return dutch ? "rustiger praten" : "slow down"
        case .lowerVoice: return dutch ? "stem omlaag" : "lower your voice"
        case .letFinish: return dutch ? "laat uitpraten" : "let them finish"
        case .takePause: return dutch ? "pauzeer" : "pause"
        case .acknowledge: return dutch ? "erken de emotie" : "acknowledge the emotion"
        }
    }

    /// The course's step plan, the HUD's reminder line.
    public static func stepPlan(dutch: Bool) -> String {
        dutch
            ? "adem - tempo omlaag - erken - doel - vat samen - keuzes - grens - afspraken"
            : "breathe - slow down - acknowledge - goal - summarise - choices - limit - agree"
    }
}
