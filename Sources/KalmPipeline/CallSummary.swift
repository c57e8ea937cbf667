import KalmConversation

/// The per-call numbers of the summary JSON (field names are the contract's).
public struct CallSummary: Codable, Sendable, Equatable {
    /// Per-party speaking measures. `tempoSps` is the articulation rate over the whole call:
    /// syllable nuclei per second of the party's own speech.
    public struct PartyStats: Codable, Sendable, Equatable {
        public var talkTimeS: Double
        public var talkShare: Double
        public var tempoSps: Double?
        public var medianF0Hz: Double?
        public var levelDb: Double?
        public var loudnessLufs: Double?
        public var pauses: Int
        public var pauseTotalS: Double
        public var longestMonologueS: Double
        public var segments: Int
        public var backchannels: Int

        enum CodingKeys: String, CodingKey {
            case talkTimeS = "talk_time_s", talkShare = "talk_share", tempoSps = "tempo_sps"
            case medianF0Hz = "median_f0_hz", levelDb = "level_db", loudnessLufs = "loudness_lufs"
            case pauses, pauseTotalS = "pause_total_s", longestMonologueS = "longest_monologue_s"
            case segments, backchannels
        }

        /// Writes every key, unknown values as `null` (the contract's fields are always present).
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(talkTimeS, forKey: .talkTimeS)
            try c.encode(talkShare, forKey: .talkShare)
            try c.encode(tempoSps, forKey: .tempoSps)
            try c.encode(medianF0Hz, forKey: .medianF0Hz)
            try c.encode(levelDb, forKey: .levelDb)
            try c.encode(loudnessLufs, forKey: .loudnessLufs)
            try c.encode(pauses, forKey: .pauses)
            try c.encode(pauseTotalS, forKey: .pauseTotalS)
            try c.encode(longestMonologueS, forKey: .longestMonologueS)
            try c.encode(segments, forKey: .segments)
            try c.encode(backchannels, forKey: .backchannels)
        }
    }

    /// Interruption counts by direction.
    public struct Interruptions: Codable, Sendable, Equatable {
        public var agentInterruptsCustomer: Int
        public var customerInterruptsAgent: Int
        enum CodingKeys: String, CodingKey {
            case agentInterruptsCustomer = "agent_interrupts_customer"
            case customerInterruptsAgent = "customer_interrupts_agent"
        }
    }

    public var durationS: Double
    public var sampleRate: Int
    public var agent: PartyStats
    public var customer: PartyStats?
    public var interruptions: Interruptions
    public var deadAir: Int
    public var deadAirTotalS: Double

    enum CodingKeys: String, CodingKey {
        case durationS = "duration_s", sampleRate = "sample_rate", agent, customer, interruptions
        case deadAir = "dead_air", deadAirTotalS = "dead_air_total_s"
    }

    /// Writes every key; `customer` is `null` for a one-party recording.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(durationS, forKey: .durationS)
        try c.encode(sampleRate, forKey: .sampleRate)
        try c.encode(agent, forKey: .agent)
        try c.encode(customer, forKey: .customer)
        try c.encode(interruptions, forKey: .interruptions)
        try c.encode(deadAir, forKey: .deadAir)
        try c.encode(deadAirTotalS, forKey: .deadAirTotalS)
    }

    /// The stats of `party`, if present.
    public func stats(_ party: Party) -> PartyStats? { party == .agent ? agent : customer }
}
