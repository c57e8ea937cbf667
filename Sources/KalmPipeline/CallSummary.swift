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

    /// An escalation episode: start and end (nil while unresolved) in seconds.
    public struct Episode: Codable, Sendable, Equatable {
        public var party: Party
        public var start: Double
        public var end: Double?
        /// "Tijd tot rust": end - start, nil while unresolved.
        public var tijdTotRustS: Double? { end.map { $0 - start } }

        enum CodingKeys: String, CodingKey { case party, start, end, tijdTotRustS = "tijd_tot_rust_s" }

        public init(party: Party, start: Double, end: Double?) {
            self.party = party
            self.start = start
            self.end = end
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            party = try c.decode(Party.self, forKey: .party)
            start = try c.decode(Double.self, forKey: .start)
            end = try c.decodeIfPresent(Double.self, forKey: .end)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(party, forKey: .party)
            try c.encode(start, forKey: .start)
            try c.encode(end, forKey: .end)
            try c.encode(tijdTotRustS, forKey: .tijdTotRustS)
        }
    }

    public var durationS: Double
    public var sampleRate: Int
    public var agent: PartyStats
    public var customer: PartyStats?
    public var interruptions: Interruptions
    public var deadAir: Int
    public var deadAirTotalS: Double
    /// Escalation episodes in order.
    public var escalations: [Episode]
    /// Cues given, by cue id.
    public var cues: [String: Int]

    /// The same summary with its episodes' times `seconds` earlier (times counted from a
    /// later moment, such as the start of a conversation in a day's log).
    public func earlier(by seconds: Double) -> CallSummary {
        var shifted = self
        shifted.escalations = escalations.map { Episode(party: $0.party, start: $0.start - seconds, end: $0.end.map { $0 - seconds }) }
        return shifted
    }

    /// Median "tijd tot rust" over the resolved episodes, nil when there are none.
    public var medianTijdTotRustS: Double? {
        let values = escalations.compactMap(\.tijdTotRustS).sorted()
        return values.isEmpty ? nil : values[values.count / 2]
    }

    enum CodingKeys: String, CodingKey {
        case durationS = "duration_s", sampleRate = "sample_rate", agent, customer, interruptions
        case deadAir = "dead_air", deadAirTotalS = "dead_air_total_s", escalations, cues
        case medianTijdTotRustS = "median_tijd_tot_rust_s"
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
        try c.encode(escalations, forKey: .escalations)
        try c.encode(medianTijdTotRustS, forKey: .medianTijdTotRustS)
        try c.encode(cues, forKey: .cues)
    }

    public init(
        durationS: Double, sampleRate: Int, agent: PartyStats, customer: PartyStats?, interruptions: Interruptions,
        deadAir: Int, deadAirTotalS: Double, escalations: [Episode], cues: [String: Int]
    ) {
        self.durationS = durationS
        self.sampleRate = sampleRate
        self.agent = agent
        self.customer = customer
        self.interruptions = interruptions
        self.deadAir = deadAir
        self.deadAirTotalS = deadAirTotalS
        self.escalations = escalations
        self.cues = cues
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        durationS = try c.decode(Double.self, forKey: .durationS)
        sampleRate = try c.decode(Int.self, forKey: .sampleRate)
        agent = try c.decode(PartyStats.self, forKey: .agent)
        customer = try c.decodeIfPresent(PartyStats.self, forKey: .customer)
        interruptions = try c.decode(Interruptions.self, forKey: .interruptions)
        deadAir = try c.decode(Int.self, forKey: .deadAir)
        deadAirTotalS = try c.decode(Double.self, forKey: .deadAirTotalS)
        escalations = try c.decode([Episode].self, forKey: .escalations)
        cues = try c.decode([String: Int].self, forKey: .cues)
    }

    /// The stats of `party`, if present.
    public func stats(_ party: Party) -> PartyStats? { party == .agent ? agent : customer }
}
