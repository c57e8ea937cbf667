import Foundation
import KalmConversation
import KalmPipeline
import Synchronization

/// A live analysis: a capture thread reads ALSA periods into a lock-free ring, and the
/// calling thread runs the same ``CallAnalyzer`` that analyses files, so a recording fed
/// through ALSA gives the same events as `kalm analyze` on it. The capture thread never
/// waits for the analysis: a full ring drops the period and counts it.
public final class LiveSession: @unchecked Sendable {
    /// What to capture and how to analyse it.
    public struct Configuration: Sendable {
        public var device: String
        public var sampleRate: Int
        public var format: CaptureFormat?
        public var agentRight: Bool
        /// Stop after this many seconds of audio (nil: until asked to stop).
        public var durationSeconds: Double?
        public var profile: Profile
        public var agentBaseline: Baseline?
        /// The source is not clocked (ALSA's file plugin over null, for replays and soak
        /// tests): the capture thread waits for ring space instead of dropping periods.
        public var accelerated: Bool

        public init(device: String, sampleRate: Int, format: CaptureFormat?, agentRight: Bool,
                    durationSeconds: Double?, profile: Profile, agentBaseline: Baseline?, accelerated: Bool = false) {
            self.accelerated = accelerated
            self.device = device
            self.sampleRate = sampleRate
            self.format = format
            self.agentRight = agentRight
            self.durationSeconds = durationSeconds
            self.profile = profile
            self.agentBaseline = agentBaseline
        }
    }

    /// What the session counted.
    public struct Statistics: Sendable {
        public var frames: Int64 = 0
        public var overruns = 0
        public var droppedPeriods = 0
        public var format: CaptureFormat = .s16
    }

    private let configuration: Configuration
    private var device: ALSACaptureDevice
    /// Milliseconds of device gaps not yet logged (capture thread adds, analysis thread takes).
    private let pendingGapMillis = Atomic<Int>(0)
    /// Reports a lost device once per gap (stderr in the CLI).
    public var report: @Sendable (String) -> Void = { _ in }
    private let ring: SPSCRing
    private let captureDone = Atomic<Bool>(false)
    private let droppedPeriods = Atomic<Int>(0)
    private let capturedFrames = Atomic<Int>(0)
    private var captureError: Error?

    /// Opens the device (failing at once with the device's name and ALSA's reason).
    public init(_ configuration: Configuration) throws {
        self.configuration = configuration
        device = try ALSACaptureDevice(
            name: configuration.device, rate: configuration.sampleRate, channels: 2, format: configuration.format)
        ring = SPSCRing(capacity: configuration.sampleRate * 2 * 4)
    }


    /// Runs until the duration is reached or `shouldStop` returns true, feeding `sink` and
    /// publishing the status to `mailbox` after every block.
    /// - Returns: the summary and what the session counted.
    public func run(
        sink: AnalysisSink?, mailbox: StatusMailbox? = nil, incidents: IncidentRequests? = nil, shouldStop: @escaping @Sendable () -> Bool
    ) throws -> (CallSummary, Statistics) {
        let analyzer = CallAnalyzer(
            sampleRate: device.sampleRate, channelCount: 2,
            layout: configuration.agentRight ? .stereoSwapped : .stereo, sink: sink,
            profile: configuration.profile, agentBaseline: configuration.agentBaseline)
        let limit = configuration.durationSeconds.map { Int($0 * Double(device.sampleRate)) } ?? Int.max
        let thread = Thread { [self] in capture(limit: limit, shouldStop: shouldStop) }
        thread.stackSize = 1 << 20
        thread.start()
        let blockSamples = device.periodFrames * 2 * 4
        let block = UnsafeMutablePointer<Float>.allocate(capacity: blockSamples)
        defer { block.deallocate() }
        var marked = 0
        while true {
            let n = ring.read(into: block, count: blockSamples)
            if n > 0 {
                analyzer.process(interleaved: block, frameCount: n / 2)
                while marked < (incidents?.requested ?? 0) {
                    analyzer.markIncident()
                    marked += 1
                }
                let gap = pendingGapMillis.exchange(0, ordering: .relaxed)
                if gap > 0 { analyzer.markDeviceGap(seconds: Double(gap) / 1000) }
                mailbox?.publish(analyzer.status)
                if let error = analyzer.sinkError { throw error }
            } else if captureDone.load(ordering: .acquiring) {
                if ring.available == 0 { break }
            } else {
                usleep(2000)
            }
        }
        if let captureError { throw captureError }
        let summary = analyzer.finish()
        if let error = analyzer.sinkError { throw error }
        var stats = Statistics()
        stats.frames = Int64(capturedFrames.load(ordering: .relaxed))
        stats.overruns = device.overruns
        stats.droppedPeriods = droppedPeriods.load(ordering: .relaxed)
        stats.format = device.format
        return (summary, stats)
    }

    /// The capture thread: period after period into the ring, never blocking on it.
    private func capture(limit: Int, shouldStop: @Sendable () -> Bool) {
        var capacity = device.periodFrames * 2
        var period = UnsafeMutablePointer<Float>.allocate(capacity: capacity)
        defer {
            period.deallocate()
            captureDone.store(true, ordering: .releasing)
        }
        var frames = 0
        while frames < limit, !shouldStop() {
            do {
                var n = try device.readPeriod(into: period)
                n = min(n, limit - frames)
                while n > 0, !ring.write(period, count: n * 2) {
                    guard configuration.accelerated, !shouldStop() else {
                        droppedPeriods.add(1, ordering: .relaxed)
                        break
                    }
                    usleep(200)
                }
                frames += n
                capturedFrames.store(frames, ordering: .relaxed)
            } catch {
                guard reopen(after: error, shouldStop: shouldStop) else {
                    captureError = error
                    return
                }
                if device.periodFrames * 2 > capacity {
                    period.deallocate()
                    capacity = device.periodFrames * 2
                    period = .allocate(capacity: capacity)
                }
            }
        }
    }

    /// A lost device is reopened with growing waits (0.5 s doubling to 8 s) until it comes
    /// back or the session is stopped; the gap is logged. Returns false when stopped.
    private func reopen(after error: Error, shouldStop: @Sendable () -> Bool) -> Bool {
        report("\(configuration.device): device lost (\(error)); reopening")
        let lost = Date()
        var wait = 0.5
        while !shouldStop() {
            usleep(UInt32(wait * 1_000_000))
            if let again = try? ALSACaptureDevice(
                name: configuration.device, rate: configuration.sampleRate, channels: 2, format: device.format)
            {
                device = again
                pendingGapMillis.add(Int(Date().timeIntervalSince(lost) * 1000), ordering: .relaxed)
                return true
            }
            wait = min(8, wait * 2)
        }
        return false
    }
}
