/// The thresholds and weights that turn measurements into tension, states and cues.
///
/// Every field is declared with its unit, default, range and reason in
/// ``ProfileParameter/all``; profiles in `calibration/` set them per setting (telephone,
/// headset, counter room).
public struct Profile: Sendable, Equatable {
    /// The profile's name.
    public var name = "default"
    public var baselineSpeechSeconds = 0.0
    public var pitchRiseStart = 0.0, pitchRiseFull = 0.0
    public var levelRiseStart = 0.0, levelRiseFull = 0.0
    public var tempoRiseStart = 0.0, tempoRiseFull = 0.0
    public var rangeRiseStart = 0.0, rangeRiseFull = 0.0
    public var interruptionsFull = 0.0
    public var pauseShrinkStart = 0.0, pauseShrinkFull = 0.0
    public var weightPitch = 0.0, weightLevel = 0.0, weightTempo = 0.0, weightRange = 0.0, weightInterruptions = 0.0
    public var weightPauses = 0.0
    public var tensionTimeConstant = 0.0
    public var tenseEnter = 0.0, escalatedEnter = 0.0, escalatedExit = 0.0, calmEnter = 0.0
    public var dwellUp = 0.0, dwellDown = 0.0
    public var slowDownTempo = 0.0, slowDownBaseline = 0.0, slowDownSustain = 0.0, lowerVoiceLevel = 0.0, cueSustain = 0.0, takePause = 0.0
    public var cueRepeat = 0.0, cueCapPerMinute = 0.0

    /// The defaults of every parameter.
    public static let standard: Profile = {
        var p = Profile(unset: ())
        for parameter in ProfileParameter.all { p[keyPath: parameter.keyPath] = parameter.defaultValue }
        p.name = "default"
        return p
    }()

    private init(unset: Void) {}

    /// Builds a profile from parsed values `[name: (value, unit)]`, checking that every
    /// parameter is present, in its unit and range, that nothing unknown is given, and that
    /// the thresholds are ordered.
    public init(name: String, values: [String: (value: Double, unit: String)]) throws(ProfileError) {
        self.init(unset: ())
        self.name = name
        let known = Set(ProfileParameter.all.map(\.name))
        if let unknown = values.keys.sorted().first(where: { !known.contains($0) }) {
            throw .unknownField(field: unknown)
        }
        for parameter in ProfileParameter.all {
            guard let entry = values[parameter.name] else { throw .missingField(field: parameter.name) }
            guard entry.unit == parameter.unit else {
                throw .wrongUnit(field: parameter.name, unit: entry.unit, expected: parameter.unit)
            }
            guard parameter.range.contains(entry.value) else {
                throw .outOfRange(field: parameter.name, value: entry.value, range: parameter.range)
            }
            self[keyPath: parameter.keyPath] = entry.value
        }
        try checkOrder()
    }

    private func checkOrder() throws(ProfileError) {
        let pairs: [(String, Double, String, Double)] = [
            ("pitch_rise_start_st", pitchRiseStart, "pitch_rise_full_st", pitchRiseFull),
            ("level_rise_start_db", levelRiseStart, "level_rise_full_db", levelRiseFull),
            ("tempo_rise_start_pct", tempoRiseStart, "tempo_rise_full_pct", tempoRiseFull),
            ("range_rise_start_pct", rangeRiseStart, "range_rise_full_pct", rangeRiseFull),
            ("pause_shrink_start_pct", pauseShrinkStart, "pause_shrink_full_pct", pauseShrinkFull),
            ("calm_enter", calmEnter, "tense_enter", tenseEnter),
            ("tense_enter", tenseEnter, "escalated_enter", escalatedEnter),
            ("escalated_exit", escalatedExit, "escalated_enter", escalatedEnter),
            ("calm_enter", calmEnter, "escalated_exit", escalatedExit),
        ]
        for (low, a, high, b) in pairs where a >= b {
            throw .misordered(field: low, mustBeBelow: high)
        }
        let weights = weightPitch + weightLevel + weightTempo + weightRange + weightInterruptions + weightPauses
        if abs(weights - 1) > 0.001 { throw .weightsDoNotSumToOne(sum: weights) }
    }
}

/// What is wrong with a profile; the loader adds the file name.
public enum ProfileError: Error, Equatable, Sendable {
    case syntax(detail: String)
    case missingField(field: String)
    case unknownField(field: String)
    case wrongUnit(field: String, unit: String, expected: String)
    case outOfRange(field: String, value: Double, range: ClosedRange<Double>)
    case misordered(field: String, mustBeBelow: String)
    case weightsDoNotSumToOne(sum: Double)
}
