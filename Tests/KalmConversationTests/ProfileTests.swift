import KalmConversation
import Testing

@Suite struct ProfileTests {
    private func values(_ change: (inout [String: (value: Double, unit: String)]) -> Void) -> [String: (value: Double, unit: String)] {
        var v: [String: (value: Double, unit: String)] = [:]
        for p in ProfileParameter.all { v[p.name] = (p.defaultValue, p.unit) }
        change(&v)
        return v
    }

    @Test func defaultsAreValidAndEveryParameterIsDocumented() throws {
        let p = try Profile(name: "x", values: values { _ in })
        #expect(p == { var s = Profile.standard; s.name = "x"; return s }())
        for parameter in ProfileParameter.all {
            #expect(parameter.range.contains(parameter.defaultValue), "\(parameter.name)")
            #expect(parameter.reason.count > 20, "\(parameter.name) needs a reason")
        }
        #expect(Set(ProfileParameter.all.map(\.name)).count == ProfileParameter.all.count)
    }

    @Test(arguments: BuiltInProfiles.all.map(\.name))
    func builtInProfilesAreValid(name: String) {
        #expect(BuiltInProfiles.profile(named: name) != nil)
    }

    @Test func refusesMissingField() {
        #expect(throws: ProfileError.missingField(field: "weight_pitch")) {
            try Profile(name: "x", values: values { $0["weight_pitch"] = nil })
        }
    }

    @Test func refusesWrongUnit() {
        #expect(throws: ProfileError.wrongUnit(field: "level_rise_start_db", unit: "%", expected: "dB")) {
            try Profile(name: "x", values: values { $0["level_rise_start_db"] = (3, "%") })
        }
    }

    @Test func refusesOutOfRange() {
        #expect(throws: ProfileError.outOfRange(field: "cue_repeat_s", value: 5, range: 10...600)) {
            try Profile(name: "x", values: values { $0["cue_repeat_s"] = (5, "s") })
        }
    }

    @Test func refusesUnknownFieldsMisorderAndBadWeights() {
        #expect(throws: ProfileError.unknownField(field: "colour")) {
            try Profile(name: "x", values: values { $0["colour"] = (1, "score") })
        }
        #expect(throws: ProfileError.misordered(field: "pitch_rise_start_st", mustBeBelow: "pitch_rise_full_st")) {
            try Profile(name: "x", values: values { $0["pitch_rise_start_st"] = (5, "st") })
        }
        #expect(throws: ProfileError.weightsDoNotSumToOne(sum: 1.25)) {
            try Profile(name: "x", values: values { $0["weight_pitch"] = (0.6, "weight") })
        }
    }
}
