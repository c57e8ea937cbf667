/// How tense a party sounds against their own calm baseline.
public enum TensionState: String, Sendable, Codable, CaseIterable {
    case calm, tense, escalated
}

/// A party's tension at one hop: the 0...1 score and the state it has settled into.
public struct TensionAssessment: Sendable, Equatable {
    /// Tension score 0...1 (0 until a baseline exists).
    public var tension: Float
    /// State after hysteresis and dwell times.
    public var state: TensionState

    /// Calm, zero tension.
    public static let calm = TensionAssessment(tension: 0, state: .calm)

    public init(tension: Float, state: TensionState) {
        self.tension = tension
        self.state = state
    }
}
