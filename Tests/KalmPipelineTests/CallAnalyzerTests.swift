import KalmConversation
import KalmDSP
import KalmPipeline
import KalmTestSupport
import Testing

@Suite struct CallAnalyzerTests {
    private let rate = 16000

    /// Agent talks 0.5-4 s and 6-9 s; the customer interrupts at 3 s and talks to 5.5 s.
    private func call(echoDB: Double? = nil) -> [Float] {
        let agent = Signals.bursts([(0.5, 4.0), (6.0, 9.0)], seconds: 10, rate: rate, f0: 120, syllableRate: 5)
        var customer = Signals.bursts([(3.0, 5.5)], seconds: 10, rate: rate, f0: 210, amplitude: 0.25, syllableRate: 6)
        if let echoDB { customer = Signals.mix(customer, Signals.echo(of: agent, delaySamples: 960, gainDB: echoDB)) }
        return Signals.interleave(agent, customer)
    }

    private func speechSpans(_ frames: [FrameFeatures]) -> [(Double, Double)] {
        var spans: [(Double, Double)] = []
        var start: Int?
        for f in frames {
            if f.speech, start == nil { start = f.index }
            if !f.speech, let s = start {
                spans.append((Double(s) * 0.01, Double(f.index) * 0.01))
                start = nil
            }
        }
        return spans
    }

    /// A counter's day in small: a low, quiet customer for 30 s, 70 s in which nobody speaks,
    /// then a customer an octave higher and 8 dB louder. Judged against the first one's
    /// baseline the second is escalated; after the silence they are a new customer, judged
    /// against their own voice, and calm.
    @Test func newCustomerAfterALongSilence() {
        let sentences = stride(from: 0.5, to: 30, by: 2.5).map { ($0, $0 + 2) }
        let first = Signals.bursts(sentences, seconds: 30, rate: rate, f0: 120, amplitude: 0.1, syllableRate: 5)
        let second = Signals.bursts(sentences, seconds: 30, rate: rate, f0: 240, amplitude: 0.25, syllableRate: 5)
        let customer = first + [Float](repeating: 0, count: 70 * rate) + second
        let agent = [Float](repeating: 0, count: customer.count)
        let samples = Signals.interleave(agent, customer)
        func escalations(_ events: [ConversationEvent]) -> Int {
            events.filter { if case .escalation = $0 { true } else { false } }.count
        }
        let (same, _) = run(samples, rate: rate, layout: .stereo, channels: 2, block: 4000)
        #expect(escalations(same.events) == 1)
        let (split, _) = run(samples, rate: rate, layout: .stereo, channels: 2, block: 4000, newCustomerAfterSilence: 60)
        #expect(escalations(split.events) == 0)
        #expect(!split.events.contains { if case .state = $0 { true } else { false } })
    }

    /// The agent talks 4 s, puts the customer on hold (10 s in which nobody speaks), and talks
    /// 3 s more before the customer answers: the longest monologue is the 4 s, not the 17 s
    /// from the first word to the last. A silence under 3 s stays inside the monologue.
    @Test func holdEndsAMonologue() {
        let agent = Signals.bursts([(0.5, 4.5), (14.5, 17.5)], seconds: 22, rate: rate, f0: 120, syllableRate: 5)
        let customer = Signals.bursts([(18, 21)], seconds: 22, rate: rate, f0: 210, amplitude: 0.25, syllableRate: 6)
        let (_, held) = run(Signals.interleave(agent, customer), rate: rate, layout: .stereo, channels: 2)
        #expect(abs(held.agent.longestMonologueS - 4) < 0.3, "\(held.agent.longestMonologueS)")
        let brief = Signals.bursts([(0.5, 4.5), (6.5, 9.5)], seconds: 22, rate: rate, f0: 120, syllableRate: 5)
        let (_, thinking) = run(Signals.interleave(brief, customer), rate: rate, layout: .stereo, channels: 2)
        #expect(abs(thinking.agent.longestMonologueS - 9) < 0.3, "\(thinking.agent.longestMonologueS)")
    }

    @Test func oneFramePerHopPerPartyInOrder() {
        let (sink, summary) = run(call(), rate: rate, layout: .stereo, channels: 2)
        for party in Party.allCases {
            #expect(sink.frames[party]?.map(\.index) == Array(0..<1000))
        }
        #expect(summary.durationS == 10)
    }

    @Test func segmentsInterruptionAndSummary() {
        let (sink, summary) = run(call(), rate: rate, layout: .stereo, channels: 2)
        let agent = speechSpans(sink.frames[.agent]!)
        #expect(agent.count == 2)
        #expect(abs(agent[0].0 - 0.5) < 0.06 && abs(agent[0].1 - 4.0) < 0.1)
        let customer = speechSpans(sink.frames[.customer]!)
        #expect(customer.count == 1 && abs(customer[0].0 - 3.0) < 0.06)
        #expect(sink.events.contains { if case .interruption(let t, .customer, .agent, _) = $0 { abs(t - 3) < 0.1 } else { false } })
        #expect(summary.interruptions.customerInterruptsAgent == 1)
        #expect(abs((summary.agent.medianF0Hz ?? 0) - 120) < 2)
        #expect(abs((summary.customer?.medianF0Hz ?? 0) - 210) < 3)
        #expect(abs(summary.agent.talkTimeS - 6.5) < 0.3)
    }

    @Test func echoOfTheAgentIsNotCustomerSpeech() {
        let (sink, _) = run(call(echoDB: -12), rate: rate, layout: .stereo, channels: 2)
        let customer = speechSpans(sink.frames[.customer]!)
        #expect(customer.count == 1)
        #expect(abs(customer[0].0 - 3.0) < 0.1)
    }

    /// At a counter the customer's microphone also hears the agent across the room, about
    /// 10 dB down in all and reverberating (60 dB decay in 0.6 s, longer than any echo delay). The agent's
    /// syllables alternate between low and high sub-bands every 0.3 s, so late in each
    /// syllable the customer's channel holds the reverberation of the one before, in bands
    /// the agent's last 190 ms left empty. That is not the customer speaking; the customer's
    /// own words after it are.
    @Test func roomReverberationIsNotCustomerSpeech() {
        let low = Signals.harmonic(f0: 120, seconds: 10, rate: rate, lowCut: 250, cutoff: 850)
        let high = Signals.harmonic(f0: 120, seconds: 10, rate: rate, lowCut: 1650, cutoff: 3600)
        let agent = (0..<low.count).map { i -> Float in
            let t = Double(i) / Double(rate)
            guard t >= 0.5, t < 4.1 else { return 0 }
            return Int((t - 0.5) / 0.3) % 2 == 0 ? low[i] : high[i]
        }
        let own = Signals.bursts([(5.0, 7.0)], seconds: 10, rate: rate, f0: 210, amplitude: 0.25, syllableRate: 6)
        let customer = Signals.mix(own, Signals.roomCrosstalk(of: agent, rate: rate, gainDB: -16, rt60Seconds: 0.6))
        let (sink, _) = run(Signals.interleave(agent, customer), rate: rate, layout: .stereo, channels: 2)
        let spans = speechSpans(sink.frames[.customer]!)
        #expect(spans.count == 1)
        #expect(abs((spans.first?.0 ?? 0) - 5.0) < 0.1 && abs((spans.first?.1 ?? 0) - 7.0) < 0.2)
    }

    @Test func tempoOfSyllableBursts() {
        let (_, summary) = run(call(), rate: rate, layout: .stereo, channels: 2)
        #expect(abs((summary.agent.tempoSps ?? 0) - 5) < 0.5)
    }

    @Test func sameInputSameOutputWhateverTheBlockSize() {
        let (a, _) = run(call(), rate: rate, layout: .stereo, channels: 2, block: 4096)
        let (b, _) = run(call(), rate: rate, layout: .stereo, channels: 2, block: 37)
        #expect(a.frames[.agent] == b.frames[.agent])
        #expect(a.frames[.customer] == b.frames[.customer])
        #expect(a.events == b.events)
    }

    @Test func monoIsTheAgentAlone() {
        let agent = Signals.bursts([(0.5, 2.0), (3.0, 4.0)], seconds: 5, rate: 8000, f0: 110)
        let (sink, summary) = run(agent, rate: 8000, layout: .mono, channels: 1)
        #expect(sink.frames[.customer] == nil)
        #expect(sink.frames[.agent]?.count == 500)
        #expect(summary.customer == nil)
        #expect(sink.events.count == 1)
        if case .pause(let t, .agent, let duration)? = sink.events.first {
            #expect(abs(t - 2.0) < 0.1 && abs(duration - 1.0) < 0.15)
        } else {
            Issue.record("expected one pause of the agent, got \(sink.events)")
        }
    }

    @Test func silenceAndNoiseGiveNoSpeech() {
        let quiet = Signals.interleave(Signals.silence(seconds: 3, rate: rate), Signals.noise(seconds: 3, rate: rate, rms: 0.01))
        let (sink, summary) = run(quiet, rate: rate, layout: .stereo, channels: 2)
        #expect(sink.frames.values.joined().allSatisfy { !$0.speech && $0.levelDB.isFinite })
        #expect(summary.agent.talkTimeS == 0 && summary.agent.medianF0Hz == nil)
    }

    /// After 30 s of calm speech the customer hangs up and the line plays the busy tone
    /// (425 Hz, 0.5 s on, 0.5 s off) for 6 s: that is not the customer speaking 12 semitones
    /// higher. Without the tone detector every burst was speech and the customer escalated.
    @Test func busyToneAfterTheCallIsNotTheCustomer() {
        let sentences = stride(from: 0.5, to: 30, by: 2.5).map { ($0, $0 + 2) }
        var customer = Signals.bursts(sentences, seconds: 31, rate: rate, f0: 210, amplitude: 0.1, syllableRate: 5)
        for _ in 0..<6 {
            customer += Signals.sine(frequency: 425, seconds: 0.5, rate: rate, amplitude: 0.1)
            customer += Signals.silence(seconds: 0.5, rate: rate)
        }
        let agent = Signals.silence(seconds: Double(customer.count) / Double(rate), rate: rate)
        let (sink, _) = run(Signals.interleave(agent, customer), rate: rate, layout: .stereo, channels: 2)
        let toneHops = (sink.frames[.customer] ?? []).filter { $0.index >= 3100 && $0.speech }
        // Every burst, the first one's start included.
        #expect(toneHops.isEmpty)
        #expect(!sink.events.contains { if case .state = $0 { true } else { false } })
    }

    /// The agent asks for a number and the customer keys it in (DTMF, as short as 70 ms per
    /// key), then speaks: only the words are the customer's speech, and the keys, some of
    /// them pressed while the agent still speaks, are no interruption.
    @Test func keyedDigitsAreNotTheCustomer() {
        let agent = Signals.bursts([(0.5, 3.6)], seconds: 10, rate: rate, f0: 120, syllableRate: 5)
        let keys = Signals.dtmf("1234", on: 0.07, off: 0.08, rate: rate) + Signals.dtmf("56789#", on: 0.15, off: 0.2, rate: rate)
        let words = Signals.bursts([(7.0, 9.0)], seconds: 10, rate: rate, f0: 210, amplitude: 0.2, syllableRate: 5)
        let customer = Signals.mix(words, Signals.silence(seconds: 3.3, rate: rate) + keys)
        let (sink, _) = run(Signals.interleave(agent, customer), rate: rate, layout: .stereo, channels: 2)
        let spans = speechSpans(sink.frames[.customer] ?? [])
        #expect(spans.count == 1 && abs((spans.first?.0 ?? 0) - 7.0) < 0.1, "\(spans)")
        #expect(!sink.events.contains { if case .interruption = $0 { true } else { false } })
    }

    /// A quiet customer (speech peaking at -46 dBFS) whose line clicks at full scale for 5 ms,
    /// or who lets a door slam (150 ms of loud noise), before they first speak: neither is a
    /// measure of how loud they speak, and all their speech is still theirs. (When the first
    /// sound set their typical speech level, their words more than 25 dB under it counted as
    /// someone else's: 0.08 and 0.22 s of their 14.85 s were left.)
    @Test(arguments: [(0.005, 0.5), (0.15, 0.3)])
    func aNoiseBeforeTheFirstWordsDoesNotSetTheSpeechLevel(seconds: Double, rms: Double) {
        let sentences = stride(from: 2.0, to: 20, by: 2.5).map { ($0, $0 + 2) }
        let quiet = Signals.bursts(sentences, seconds: 20, rate: rate, f0: 210, amplitude: 0.005, syllableRate: 5)
        var noisy = quiet
        for (i, x) in Signals.noise(seconds: seconds, rate: rate, rms: rms).enumerated() { noisy[rate + i] = x }
        let agent = Signals.silence(seconds: 20, rate: rate)
        func talk(_ customer: [Float]) -> Double {
            run(Signals.interleave(agent, customer), rate: rate, layout: .stereo, channels: 2).1.customer?.talkTimeS ?? 0
        }
        let clean = talk(quiet)
        #expect(clean > 14)
        // The noise itself is sound on the customer's channel and may count, with its hangover.
        let withNoise = talk(noisy)
        #expect(withNoise > clean - 0.05 && withNoise < clean + seconds + 0.1, "\(withNoise) s instead of \(clean) s")
    }

    /// A VoIP line that loses packets: 40 ms of zeros every 1.5 s on both channels, over
    /// the line's noise. The gaps are not the line's noise floor: the noise after them is no
    /// speech, and each party speaks as long as without the gaps. (When the floor learned
    /// from the gaps, the noise after each one was speech for seconds.)
    @Test func droppedPacketsDoNotMakeTheNoiseSpeech() {
        let seconds = 30.0
        let agentWords = Signals.bursts([(1.0, 6.0), (16.0, 20.0)], seconds: seconds, rate: rate, f0: 120, syllableRate: 5)
        let customerWords = Signals.bursts([(7.0, 14.0), (21.0, 27.0)], seconds: seconds, rate: rate, f0: 210, syllableRate: 5)
        let agent = Signals.mix(agentWords, Signals.noise(seconds: seconds, rate: rate, rms: 0.003, seed: 5))
        let customer = Signals.mix(customerWords, Signals.noise(seconds: seconds, rate: rate, rms: 0.003, seed: 6))
        func withDropouts(_ x: [Float]) -> [Float] {
            var y = x
            for start in stride(from: 0.7, to: seconds, by: 1.5) {
                let first = Int(start * Double(rate))
                for i in first..<min(y.count, first + rate / 25) { y[i] = 0 }
            }
            return y
        }
        let (_, clean) = run(Signals.interleave(agent, customer), rate: rate, layout: .stereo, channels: 2)
        let (sink, lossy) = run(
            Signals.interleave(withDropouts(agent), withDropouts(customer)), rate: rate, layout: .stereo, channels: 2)
        #expect(abs(lossy.agent.talkTimeS - clean.agent.talkTimeS) < 0.3, "\(lossy.agent.talkTimeS) s, \(clean.agent.talkTimeS) s")
        let customerTalk = lossy.customer?.talkTimeS ?? 0
        #expect(abs(customerTalk - (clean.customer?.talkTimeS ?? 0)) < 0.3, "\(customerTalk) s")
        // Nobody speaks from 27 s on: only noise and dropouts.
        #expect(sink.frames.values.joined().allSatisfy { $0.index < 2750 || !$0.speech })
    }

    /// A recording with a strong DC offset that stops in the middle of a hop: no speech, at
    /// the end either (completed with zeros, the last hops ended on a step that read as
    /// speech).
    @Test func dcOffsetToTheEndGivesNoSpeech() {
        for offset: Float in [0.3, -0.7] {
            let channel = Signals.noise(seconds: 3.0025, rate: rate, rms: 0.0001).map { $0 + offset }
            let (sink, summary) = run(Signals.interleave(channel, channel), rate: rate, layout: .stereo, channels: 2)
            #expect(sink.frames.values.joined().allSatisfy { !$0.speech })
            #expect(summary.agent.talkTimeS == 0 && summary.customer?.talkTimeS == 0)
        }
    }

    /// A microphone set low: a voice peaking at -68 dBFS (its syllable dips at -80 dBFS) is
    /// still speech from start to end, in one piece (under the old -70 dBFS floor: none).
    @Test func quietSpeechIsStillSpeech() {
        let agent = Signals.bursts([(0.5, 4.0)], seconds: 5, rate: rate, f0: 120, amplitude: 0.002, syllableRate: 5)
        let (sink, _) = run(Signals.interleave(agent, Signals.silence(seconds: 5, rate: rate)), rate: rate, layout: .stereo, channels: 2)
        let spans = speechSpans(sink.frames[.agent] ?? [])
        #expect(spans.count == 1)
        #expect(abs((spans.first?.0 ?? 0) - 0.5) < 0.1 && abs((spans.first?.1 ?? 0) - 4.0) < 0.1)
    }

    @Test func clippedLoudSpeechStaysFinite() {
        let loud = Signals.bursts([(0.5, 2.5)], seconds: 3, rate: rate, amplitude: 3).map { max(-1, min(1, $0)) }
        let (sink, _) = run(Signals.interleave(loud, loud), rate: rate, layout: .stereo, channels: 2)
        #expect(sink.frames.values.joined().allSatisfy { $0.levelDB.isFinite && $0.loudness.isFinite && $0.tempo.isFinite })
    }
}
