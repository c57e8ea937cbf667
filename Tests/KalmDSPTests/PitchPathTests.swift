import KalmDSP
import Testing

@Suite struct PitchPathTests {
    /// A one-frame octave jump among steady frames is smoothed away by the path.
    @Test func isolatedOctaveErrorIsCorrected() {
        let path = PitchPath()
        var decided: [Float] = []
        for i in 0..<40 {
            var c = PitchCandidates()
            if i == 20 {
                c.insert(frequency: 400, strength: 0.93)
                c.insert(frequency: 200, strength: 0.90)
            } else {
                c.insert(frequency: 200, strength: 0.95)
                c.insert(frequency: 100, strength: 0.90)
            }
            if let f = path.push(c) { decided.append(f) }
        }
        #expect(decided.count == 40 - PitchPath.lagHops)
        #expect(decided.allSatisfy { abs($0 - 200) < 0.01 })
    }

    @Test func weakFramesAreUnvoiced() {
        let path = PitchPath()
        var decided: [Float] = []
        for _ in 0..<30 {
            var c = PitchCandidates()
            c.insert(frequency: 180, strength: 0.2)
            if let f = path.push(c) { decided.append(f) }
        }
        #expect(decided.allSatisfy { $0 == 0 })
    }

    /// A short voiced island after 3 s of a 100 Hz voice, whose 4th harmonic (400 Hz) is a
    /// stronger candidate than its fundamental (as in the telephone band), is read at the
    /// fundamental: the speaker-range prior. A raised voice (+7 st) is not held back, and a
    /// new speaker an octave lower is followed at once (nothing below the centre costs).
    @Test func speakerRangePriorKeepsIslandsOffHighHarmonics() {
        let path = PitchPath()
        var decided: [Float] = []
        func frame(_ candidates: [(Float, Float)]) {
            var c = PitchCandidates()
            for (f, s) in candidates { c.insert(frequency: f, strength: s) }
            if let f = path.push(c) {
                decided.append(f)
                if f > 0 { path.followSpeaker(f) }
            }
        }
        for _ in 0..<300 { frame([(100, 0.9), (50.5, 0.6)]) }
        for _ in 0..<20 { frame([]) }
        let island = decided.count
        for _ in 0..<7 { frame([(405, 0.85), (101, 0.7)]) }
        for _ in 0..<20 { frame([]) }
        let raised = decided.count
        for _ in 0..<30 { frame([(150, 0.85), (75, 0.6)]) }
        for _ in 0..<20 { frame([]) }
        let lower = decided.count
        for _ in 0..<30 { frame([(62, 0.85), (124, 0.7)]) }
        for _ in 0..<20 { frame([]) }
        let islandPitch = decided[island..<raised].filter { $0 > 0 }
        #expect(islandPitch.count == 7)
        #expect(islandPitch.allSatisfy { abs($0 - 101) < 0.5 })
        #expect(decided[raised..<lower].filter { $0 > 0 }.allSatisfy { abs($0 - 150) < 0.5 })
        #expect(decided[lower...].filter { $0 > 0 }.allSatisfy { abs($0 - 62) < 0.5 })
    }

    /// A call whose first word is read on the 4th harmonic: the centre settles on the voice's
    /// own pitch during the warm-up, and a later island is read at the fundamental.
    @Test func firstWordOnAHarmonicDoesNotHoldTheCentreUp() {
        let path = PitchPath()
        var decided: [Float] = []
        func frame(_ candidates: [(Float, Float)]) {
            var c = PitchCandidates()
            for (f, s) in candidates { c.insert(frequency: f, strength: s) }
            if let f = path.push(c) {
                decided.append(f)
                if f > 0 { path.followSpeaker(f) }
            }
        }
        for _ in 0..<7 { frame([(405, 0.85), (101, 0.7)]) }
        for _ in 0..<20 { frame([]) }
        for _ in 0..<150 { frame([(100, 0.9), (50.5, 0.6)]) }
        for _ in 0..<20 { frame([]) }
        let island = decided.count
        for _ in 0..<7 { frame([(405, 0.85), (101, 0.7)]) }
        for _ in 0..<20 { frame([]) }
        let islandPitch = decided[island...].filter { $0 > 0 }
        #expect(islandPitch.count == 7)
        #expect(islandPitch.allSatisfy { abs($0 - 101) < 0.5 })
    }

    /// Only the party's own speech teaches the centre: 6 s of the other party's 100 Hz voice
    /// echoed on the channel (decided, not followed) leave it at the party's 250 Hz, so their
    /// raised 330 Hz is not pulled down to its sub-harmonic.
    @Test func echoDoesNotTeachTheCentre() {
        let path = PitchPath()
        var decided: [Float] = []
        func frame(_ candidates: [(Float, Float)], own: Bool) {
            var c = PitchCandidates()
            for (f, s) in candidates { c.insert(frequency: f, strength: s) }
            if let f = path.push(c) {
                decided.append(f)
                if own, f > 0 { path.followSpeaker(f) }
            }
        }
        for _ in 0..<150 { frame([(250, 0.9), (125, 0.6)], own: true) }
        for _ in 0..<600 { frame([(100, 0.8), (50.5, 0.5)], own: false) }
        for _ in 0..<20 { frame([], own: false) }
        let raised = decided.count
        for _ in 0..<30 { frame([(330, 0.85), (165, 0.7)], own: true) }
        for _ in 0..<20 { frame([], own: true) }
        let raisedPitch = decided[raised...].filter { $0 > 0 }
        #expect(raisedPitch.count == 30)
        #expect(raisedPitch.allSatisfy { abs($0 - 330) < 0.5 })
    }
}
