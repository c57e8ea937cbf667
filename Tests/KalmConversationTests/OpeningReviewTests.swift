import KalmConversation
import Testing

@Suite struct OpeningReviewTests {
    /// The baseline an upset opening sets: 300 Hz (19 st over 100 Hz), -22 dB, 6.5 syl/s.
    private let upsetBaseline = Baseline(pitchSemitones: 19.02, pitchRangeSemitones: 1, levelDB: -22, tempoSps: 6.5)

    /// Feeds sentences of 2 s with 0.5 s between them: the first `raised` of them at
    /// `raisedF0` Hz, `raisedLevel` dB and `raisedTempo` syllables per second, the next `calm`
    /// at 200 Hz, -30 dB and 5 syllables per second, against `upsetBaseline`. With
    /// `leakFirst` the sentences start 1 s later, after 0.4 s of a quiet, high voice (400 Hz,
    /// -40 dB: the other party heard from afar). Returns the episodes and the calm reference
    /// (once found) with the hop it was found at. With `weakFirst` the first sentence is only
    /// a little raised (231 Hz, -25 dB: +2.5 st and +5 dB over the calm voice).
    private func review(
        raised: Int, calm: Int, raisedF0: Float = 300, raisedLevel: Float = -22, raisedTempo: Float = 6.5,
        profile: Profile = .standard, leakFirst: Bool = false, weakFirst: Bool = false
    ) -> (episodes: [(Double, Double?)], reference: Baseline?, foundAt: Int?) {
        var review = OpeningReview(profile: profile)
        var episodes: [(Double, Double?)] = []
        var reference: Baseline?
        var foundAt: Int?
        let sentences = raised + calm
        let lead = leakFirst ? 100 : 0
        for i in 0..<(lead + sentences * 250 + 50) {
            let o: VoiceObservation
            if i < lead {
                let leak = i >= 20 && i < 60
                o = VoiceObservation(index: i, speech: leak, f0: leak ? 400 : 0, levelDB: leak ? -40 : -70, tempo: 0)
            } else {
                let k = i - lead, sentence = k / 250
                let speaking = sentence < sentences && k % 250 < 200
                let upset = sentence < raised, weak = weakFirst && sentence == 0
                o = VoiceObservation(
                    index: i, speech: speaking, f0: speaking ? (weak ? 230.9 : upset ? raisedF0 : 200) : 0,
                    levelDB: speaking ? (weak ? -25 : upset ? raisedLevel : -30) : -70,
                    tempo: speaking ? (upset ? raisedTempo : 5) : 0)
            }
            let found = review.update(o, baseline: upsetBaseline, party: .customer) { e in
                if case .escalation(_, let s, let end) = e { episodes.append((s, end)) }
            }
            if let found {
                reference = found
                foundAt = i
            }
        }
        return (episodes, reference, foundAt)
    }

    /// Twelve upset sentences (+7 st, +8 dB over the calm voice to come), then calm: once 8 s
    /// of calm speech are in, the episode is reported from the first sentence to the first
    /// calm one, and the calm voice becomes the reference.
    @Test func upsetOpeningIsFoundOnceCalmFollows() throws {
        let found = review(raised: 12, calm: 10)
        #expect(found.episodes.count == 1)
        #expect(found.episodes.first?.0 == 0)
        #expect(found.episodes.first?.1 == 30)
        let reference = try #require(found.reference)
        #expect(abs(reference.pitchSemitones - 12) < 0.01)
        #expect(abs(reference.levelDB + 30) < 0.01)
        #expect(abs(reference.tempoSps - 5) < 0.01)
        // The fourth calm sentence ends after 8 s of calm speech: 30 s + 3 x 2.5 s + 2 s.
        #expect(found.foundAt == 3950)
    }

    /// An opening only mildly above the calm voice (+1 st, +2 dB) is no escalation.
    @Test func mildlyRaisedOpeningIsNot() {
        let found = review(raised: 12, calm: 10, raisedF0: 211.9, raisedLevel: -28)
        #expect(found.episodes.isEmpty)
        #expect(found.reference == nil)
    }

    /// An opening higher (+7 st) and faster (x1.3) but no louder than the calm voice to come is
    /// no upset opening: every sentence of it reads as a voice's own melody, or as its pitch
    /// read at a harmonic on the telephone, not as raised. (Before the thirtieth session its
    /// pitch and tempo alone scored 0.55 and it was reported.)
    @Test func openingHigherButNoLouderIsNot() {
        let found = review(raised: 12, calm: 10, raisedF0: 300, raisedLevel: -30)
        #expect(found.episodes.isEmpty)
        #expect(found.reference == nil)
    }

    /// In the counter's room (pitch weighs 0.4, level 0.2 from +4 to +9 dB) an opening +3.5 st
    /// and +6.5 dB over the calm voice scores 0.34 on its voice, under the 0.45 of escalated:
    /// at x1.3 the tempo adds its full 0.25 as in the live tension, and the opening is found;
    /// at the calm tempo it is not.
    @Test func fasterRaisedOpeningCountsItsTempo() throws {
        let room = try #require(BuiltInProfiles.profile(named: "counter-room"))
        let fast = review(raised: 12, calm: 10, raisedF0: 244.9, raisedLevel: -23.5, profile: room)
        #expect(fast.episodes.count == 1)
        #expect(fast.episodes.first?.0 == 0)
        #expect(fast.episodes.first?.1 == 30)
        let calmTempo = review(raised: 12, calm: 10, raisedF0: 244.9, raisedLevel: -23.5, raisedTempo: 5, profile: room)
        #expect(calmTempo.episodes.isEmpty)
    }

    /// A short, quiet, high voice before the opening (the agent's greeting heard from afar:
    /// +12 st and 10 dB under the calm voice, 0.4 s) is no raised speech of the party's own:
    /// the episode starts with the first upset sentence.
    @Test func quietHighVoiceBeforeTheOpeningDoesNotStartIt() {
        let found = review(raised: 12, calm: 10, leakFirst: true)
        #expect(found.episodes.count == 1)
        #expect(found.episodes.first?.0 == 1)
        #expect(found.episodes.first?.1 == 31)
    }

    /// An opening whose first sentence is only a little raised (a score of 0.22, between calm
    /// and raised) began with that sentence: the party had not spoken calmly before it.
    @Test func weakFirstSentenceOfAnOpeningStartsIt() {
        let found = review(raised: 12, calm: 10, weakFirst: true)
        #expect(found.episodes.count == 1)
        #expect(found.episodes.first?.0 == 0)
        #expect(found.episodes.first?.1 == 30)
    }

    /// Without calm speech after it there is nothing to judge the opening against.
    @Test func upsetThroughoutIsNotJudged() {
        let found = review(raised: 20, calm: 2)
        #expect(found.episodes.isEmpty)
    }

    /// A raised stretch that began after the party's first 20 s of speech did not set the
    /// baseline: it is the live tracker's to find, not the review's.
    @Test func laterRaisedStretchIsNotAnOpening() {
        var review = OpeningReview(profile: .standard)
        var episodes = 0
        for i in 0..<(30 * 250) {
            let sentence = i / 250
            let speaking = i % 250 < 200
            let upset = sentence >= 12 && sentence < 20
            let o = VoiceObservation(
                index: i, speech: speaking, f0: speaking ? (upset ? 300 : 200) : 0,
                levelDB: speaking ? (upset ? -22 : -30) : -70, tempo: speaking ? 5 : 0)
            _ = review.update(o, baseline: upsetBaseline, party: .customer) { _ in episodes += 1 }
        }
        #expect(episodes == 0)
    }
}
