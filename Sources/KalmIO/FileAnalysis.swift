import KalmConversation
import KalmPipeline

/// Runs a whole file (or file pair) through a ``CallAnalyzer``.
public enum FileAnalysis {
    /// Frames read per block.
    public static let blockFrames = 4096

    /// Analyses `input`, feeding `sink`, and reports progress (0...1) now and then; a new
    /// customer after `newCustomerAfterSilence` seconds of silence of both (nil: never).
    /// `shouldStop` is asked after every block.
    /// - Returns: the call's summary.
    /// - Throws: a ``KalmIOError`` from reading, ``KalmIOError/interrupted`` when
    ///   `shouldStop`, or the first error a sink threw.
    public static func run(
        _ input: CallInput, sink: AnalysisSink?, profile: Profile = .standard, agentBaseline: Baseline? = nil,
        newCustomerAfterSilence: Double? = nil, progress: ((Double) -> Void)? = nil,
        shouldStop: () -> Bool = { false }
    ) throws -> CallSummary {
        let analyzer = CallAnalyzer(
            sampleRate: input.sampleRate, channelCount: input.channelCount, layout: input.layout, sink: sink,
            profile: profile, agentBaseline: agentBaseline, newCustomerAfterSilence: newCustomerAfterSilence)
        return try feed(input, into: analyzer, progress: progress, shouldStop: shouldStop)
    }

    /// Learns the agent's baseline from a whole recording (for `kalm calibrate`).
    public static func learnAgentBaseline(
        _ input: CallInput, profile: Profile, shouldStop: () -> Bool = { false }
    ) throws -> Baseline? {
        let analyzer = CallAnalyzer(
            sampleRate: input.sampleRate, channelCount: input.channelCount, layout: input.layout, sink: nil,
            profile: profile)
        _ = try feed(input, into: analyzer, progress: nil, shouldStop: shouldStop)
        return analyzer.agentBaseline(final: true)
    }

    private static func feed(
        _ input: CallInput, into analyzer: CallAnalyzer, progress: ((Double) -> Void)?, shouldStop: () -> Bool
    ) throws -> CallSummary {
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: blockFrames * input.channelCount)
        defer { buffer.deallocate() }
        var done: Int64 = 0
        var blocks = 0
        while true {
            let n = try input.read(into: buffer, maxFrames: blockFrames)
            if n == 0 { break }
            if shouldStop() { throw KalmIOError.interrupted }
            analyzer.process(interleaved: buffer, frameCount: n)
            if let error = analyzer.sinkError { throw error }
            done += Int64(n)
            blocks += 1
            if let progress, blocks % 64 == 0, input.frameCount > 0 {
                progress(min(1, Double(done) / Double(input.frameCount)))
            }
        }
        let summary = analyzer.finish()
        if let error = analyzer.sinkError { throw error }
        progress?(1)
        return summary
    }
}
