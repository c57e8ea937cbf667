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
        let feed = PathFeeder()
        _ = feed.word(300, [(100, 0.9), (50.5, 0.6)])
        let islandPitch = feed.word(7, [(405, 0.85), (101, 0.7)])
        let raisedPitch = feed.word(30, [(150, 0.85), (75, 0.6)])
        let lowerPitch = feed.word(30, [(62, 0.85), (124, 0.7)])
        #expect(islandPitch.count == 7)
        #expect(islandPitch.allSatisfy { abs($0 - 101) < 0.5 })
        #expect(raisedPitch.allSatisfy { abs($0 - 150) < 0.5 })
        #expect(lowerPitch.allSatisfy { abs($0 - 62) < 0.5 })
    }

    /// In the telephone band a 150 Hz voice keeps its 2nd harmonic: a short word whose
    /// 300 Hz candidate is a little stronger is read at the fundamental, since a voiced run
    /// costs more to start near an octave above the speaker's centre; a word that starts
    /// high (0.9 octave up) and goes on high is still read where it is.
    @Test func runsStartingOnTheSecondHarmonicAreReadAtTheFundamental() {
        let feed = PathFeeder()
        _ = feed.word(300, [(150, 0.9), (75, 0.6)])
        let islandPitch = feed.word(3, [(300, 0.8), (151, 0.72)])
        let highPitch = feed.word(30, [(280, 0.9), (140, 0.85)])
        #expect(islandPitch.count == 3)
        #expect(islandPitch.allSatisfy { abs($0 - 151) < 0.5 })
        #expect(highPitch.count == 30)
        #expect(highPitch.allSatisfy { abs($0 - 280) < 0.5 })
    }

    /// The run-start cost applies from the speaker's first 0.2 s of voice, long before the
    /// prior itself: a short word on the 2nd harmonic after 0.3 s of a 150 Hz voice is read
    /// at the fundamental.
    @Test func earlyWordsAreKeptOffTheSecondHarmonic() {
        let feed = PathFeeder()
        _ = feed.word(30, [(150, 0.9), (75, 0.6)])
        let islandPitch = feed.word(3, [(300, 0.8), (151, 0.72)])
        #expect(islandPitch.count == 3)
        #expect(islandPitch.allSatisfy { abs($0 - 151) < 0.5 })
    }

    /// A call whose first word is read on the 4th harmonic: the centre settles on the voice's
    /// own pitch during the warm-up, and a later island is read at the fundamental.
    @Test func firstWordOnAHarmonicDoesNotHoldTheCentreUp() {
        let feed = PathFeeder()
        _ = feed.word(7, [(405, 0.85), (101, 0.7)])
        _ = feed.word(150, [(100, 0.9), (50.5, 0.6)])
        let islandPitch = feed.word(7, [(405, 0.85), (101, 0.7)])
        #expect(islandPitch.count == 7)
        #expect(islandPitch.allSatisfy { abs($0 - 101) < 0.5 })
    }

    /// Only the party's own speech teaches the centre: 6 s of the other party's 100 Hz voice
    /// echoed on the channel (decided, not followed) leave it at the party's 250 Hz, so their
    /// raised 330 Hz is not pulled down to its sub-harmonic.
    @Test func echoDoesNotTeachTheCentre() {
        let feed = PathFeeder()
        feed.frames(150, [(250, 0.9), (125, 0.6)])
        feed.frames(600, [(100, 0.8), (50.5, 0.5)], own: false)
        feed.frames(20, [], own: false)
        let raisedPitch = feed.word(30, [(330, 0.85), (165, 0.7)])
        #expect(raisedPitch.count == 30)
        #expect(raisedPitch.allSatisfy { abs($0 - 330) < 0.5 })
    }

    /// A new customer two octaves above the last one (a high voice after a low one) is read
    /// at their own pitch once the path forgets the last speaker, not at the sub-harmonic the
    /// old centre would favour.
    @Test func forgottenSpeakerDoesNotHoldANewVoiceDown() {
        let feed = PathFeeder()
        _ = feed.word(300, [(100, 0.9), (50.5, 0.6)])
        feed.path.forgetSpeaker()
        let pitch = feed.word(60, [(400, 0.85), (200, 0.8)])
        #expect(pitch.count == 60)
        #expect(pitch.allSatisfy { abs($0 - 400) < 0.5 })
    }
}

/// Feeds a ``PitchPath`` as the pipeline does: frames of candidates in, decided pitch kept,
/// and the voiced decisions of the party's own speech fed back to the speaker-range prior.
private final class PathFeeder {
    let path = PitchPath()
    private(set) var decided: [Float] = []

    /// `count` frames with the same candidates (frequency, strength); `own` false marks the
    /// other party's echo, which is decided but not followed.
    func frames(_ count: Int, _ candidates: [(Float, Float)], own: Bool = true) {
        for _ in 0..<count {
            var c = PitchCandidates()
            for (f, s) in candidates { c.insert(frequency: f, strength: s) }
            guard let f = path.push(c) else { continue }
            decided.append(f)
            if own, f > 0 { path.followSpeaker(f) }
        }
    }

    /// A word: `count` frames of the party's own voice with the same candidates, then 20
    /// silent frames. Returns the pitch decided for them where voiced.
    func word(_ count: Int, _ candidates: [(Float, Float)]) -> [Float] {
        let start = decided.count
        frames(count, candidates)
        frames(20, [])
        return decided[start...].filter { $0 > 0 }
    }
}
