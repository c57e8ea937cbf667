import Foundation
import KalmConversation
import KalmPipeline
import Synchronization

/// Pause and seek requests for a replay, from the HUD thread.
public final class ReplayControl: Sendable {
    private let paused = Atomic<Bool>(false)
    private let seekHops = Atomic<Int>(0)

    public init() {}

    /// Pauses, or resumes.
    public func togglePause() { paused.store(!paused.load(ordering: .relaxed), ordering: .relaxed) }

    /// Whether the replay is paused.
    public var isPaused: Bool { paused.load(ordering: .relaxed) }

    /// Jumps `seconds` forward (negative: back).
    public func seek(seconds: Double) { seekHops.add(Int(seconds * 100), ordering: .relaxed) }

    func takeSeek() -> Int { seekHops.exchange(0, ordering: .relaxed) }
}

/// Plays a recording through the analysis at real pace (or a multiple of it), as if it were
/// a live call: the HUD demo and the coach's replay. Time comes from the sample count, so
/// the cues come at the same call times as live. Seeking forward analyses ahead at full
/// speed; seeking back starts the analysis again from the beginning (it is causal).
public final class PacedReplay: @unchecked Sendable {
    private let open: () throws -> CallInput
    private let speed: Double
    /// Pause and seek, from the HUD.
    public let control = ReplayControl()
    /// The recording's sample rate.
    public let sampleRate: Int

    /// Replays the call `open` opens at `speed` times real time. `open` is called now (so
    /// the files are checked now), at the start of the run and at each seek back.
    public init(speed: Double, open: @escaping () throws -> CallInput) throws {
        self.open = open
        self.speed = speed
        sampleRate = try open().sampleRate
    }

    /// Replays the recording at `path` (left = agent, right = customer) at `speed` times real time.
    public convenience init(path: String, speed: Double) throws {
        try self.init(speed: speed) { try CallInput(path: path) }
    }

    /// Runs to the end of the recording or until `shouldStop`, publishing the status after
    /// every 10 ms block.
    public func run(
        sink: AnalysisSink?, mailbox: StatusMailbox, requests: AgentRequests?, profile: Profile, agentBaseline: Baseline?,
        shouldStop: @Sendable () -> Bool
    ) throws -> CallSummary {
        var input = try open()
        func newAnalyzer() -> CallAnalyzer {
            CallAnalyzer(sampleRate: input.sampleRate, channelCount: input.channelCount, layout: input.layout, sink: sink,
                         profile: profile, agentBaseline: agentBaseline)
        }
        var analyzer = newAnalyzer()
        let hop = input.sampleRate / 100
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: hop * input.channelCount)
        defer { buffer.deallocate() }
        var frames = 0
        var clockStart = Date()
        var clockFrames = 0
        var marked = 0
        func step(_ limit: Int) throws -> Bool {
            let n = try input.read(into: buffer, maxFrames: min(hop, limit))
            if n == 0 { return false }
            analyzer.process(interleaved: buffer, frameCount: n)
            frames += n
            return true
        }
        while !shouldStop() {
            if control.isPaused {
                usleep(20_000)
                clockStart = Date()
                clockFrames = frames
                continue
            }
            let seek = control.takeSeek()
            if seek != 0 {
                let target = max(0, frames + seek * hop)
                if target < frames {
                    input = try open()
                    analyzer = newAnalyzer()
                    frames = 0
                }
                while frames < target, try step(target - frames) {}
                mailbox.publish(analyzer.status)
                clockStart = Date()
                clockFrames = frames
            }
            guard try step(hop) else { break }
            while marked < (requests?.incidentsRequested ?? 0) {
                analyzer.markIncident()
                marked += 1
            }
            if let error = analyzer.sinkError { throw error }
            mailbox.publish(analyzer.status)
            let due = Double(frames - clockFrames) / Double(input.sampleRate) / speed
            let ahead = due - Date().timeIntervalSince(clockStart)
            if ahead > 0 { usleep(UInt32(ahead * 1_000_000)) }
        }
        let summary = analyzer.finish()
        if let error = analyzer.sinkError { throw error }
        return summary
    }
}
