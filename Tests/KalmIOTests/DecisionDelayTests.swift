import Foundation
import KalmConversation
import KalmDSP
import KalmIO
import KalmPipeline
import Testing

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Fixtures").standardized.path

/// Records, for every event, how much audio had been fed when it arrived.
private final class ArrivalSink: AnalysisSink {
    var fed = 0.0
    var arrivals: [(event: ConversationEvent, fed: Double)] = []
    func frame(_ frame: FrameFeatures, party: Party, assessment: TensionAssessment) throws {}
    func event(_ event: ConversationEvent) throws { arrivals.append((event, fed)) }
}

@Suite struct DecisionDelayTests {
    /// Fed in 10 ms blocks as live capture delivers them, a cue reaches the sinks (and the
    /// HUD's status) at most 0.1 s of audio after the end of the hop it is given on: the
    /// analysis window (30 ms) and the pitch path (50 ms), plus a hop or two when the hop is
    /// one the gap bridge marks speech once the party speaks again. A party's measures and
    /// cues never wait for the other party's gap bridge. This is the analysis' share of the
    /// audio-to-screen latency.
    @Test(arguments: ["demo-call.flac", "escalation-call.flac"])
    func cuesArriveWithinTheLatencyBudget(file: String) throws {
        let input = try CallInput(path: fixtures + "/" + file)
        let sink = ArrivalSink()
        let analyzer = CallAnalyzer(sampleRate: input.sampleRate, channelCount: input.channelCount, layout: input.layout, sink: sink)
        let hop = input.sampleRate / 100
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: hop * input.channelCount)
        defer { buffer.deallocate() }
        var frames = 0
        while case let n = try input.read(into: buffer, maxFrames: hop), n > 0 {
            frames += n
            sink.fed = Double(frames) / Double(input.sampleRate)
            analyzer.process(interleaved: buffer, frameCount: n)
        }
        let cues = sink.arrivals.filter { if case .cue = $0.event { true } else { false } }
        #expect(!cues.isEmpty)
        for (event, fed) in cues { #expect(fed - (event.t + 0.01) <= 0.1, "\(event)") }
    }
}
