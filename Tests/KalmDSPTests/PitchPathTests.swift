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
}
