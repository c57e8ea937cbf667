import Foundation
import KalmConversation
import KalmPipeline
import Synchronization

/// Plays a recording through the analysis at real pace (or a multiple of it), as if it were
/// a live call: the HUD demo and the coach's replay. Time still comes from the sample count.
public final class PacedReplay: @unchecked Sendable {
    private let input: CallInput
    private let speed: Double

    /// Replays `input` at `speed` times real time.
    public init(_ input: CallInput, speed: Double) {
        self.input = input
        self.speed = speed
    }

    /// Runs to the end of the recording or until `shouldStop`, publishing the status after
    /// every 10 ms block.
    public func run(
        sink: AnalysisSink?, mailbox: StatusMailbox, requests: AgentRequests?, profile: Profile, agentBaseline: Baseline?,
        shouldStop: @Sendable () -> Bool
    ) throws -> CallSummary {
        let analyzer = CallAnalyzer(
            sampleRate: input.sampleRate, channelCount: input.channelCount, layout: input.layout, sink: sink,
            profile: profile, agentBaseline: agentBaseline)
        let hop = input.sampleRate / 100
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: hop * input.channelCount)
        defer { buffer.deallocate() }
        let start = Date()
        var frames = 0
        var marked = 0
        while !shouldStop() {
            let n = try input.read(into: buffer, maxFrames: hop)
            if n == 0 { break }
            analyzer.process(interleaved: buffer, frameCount: n)
            while marked < (requests?.incidentsRequested ?? 0) {
                analyzer.markIncident()
                marked += 1
            }
            if let error = analyzer.sinkError { throw error }
            frames += n
            mailbox.publish(analyzer.status)
            let due = Double(frames) / Double(input.sampleRate) / speed
            let ahead = due - Date().timeIntervalSince(start)
            if ahead > 0 { usleep(UInt32(ahead * 1_000_000)) }
        }
        let summary = analyzer.finish()
        if let error = analyzer.sinkError { throw error }
        return summary
    }
}
