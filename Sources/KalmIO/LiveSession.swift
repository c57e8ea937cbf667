import Foundation
import KalmConversation
import KalmPipeline

/// A live analysis: capture threads read ALSA periods into lock-free rings, and the calling
/// thread runs the same ``CallAnalyzer`` that analyses files, so a recording fed through
/// ALSA gives the same events as `kalm analyze` on it. One stereo device (agent left,
/// customer right, or swapped), or two mono devices, one per party, interleaved here.
public final class LiveSession: @unchecked Sendable {
    /// Where the parties come from.
    public enum Devices: Sendable {
        /// One stereo device.
        case stereo(String)
        /// One mono device per party.
        case separate(agent: String, customer: String)
    }

    /// What to capture and how to analyse it.
    public struct Configuration: Sendable {
        public var devices: Devices
        public var sampleRate: Int
        public var format: CaptureFormat?
        public var agentRight: Bool
        /// Stop after this many seconds of audio (nil: until asked to stop).
        public var durationSeconds: Double?
        public var profile: Profile
        public var agentBaseline: Baseline?
        /// The source is not clocked (ALSA's file plugin over null, for replays and soak
        /// tests): capture waits for ring space instead of dropping periods.
        public var accelerated: Bool
        /// Seconds of silence of both parties after which a new customer is on the line
        /// (nil: never; see ``CallAnalyzer``).
        public var newCustomerAfterSilence: Double?

        public init(devices: Devices, sampleRate: Int, format: CaptureFormat?, agentRight: Bool,
                    durationSeconds: Double?, profile: Profile, agentBaseline: Baseline?, accelerated: Bool = false,
                    newCustomerAfterSilence: Double? = nil) {
            self.newCustomerAfterSilence = newCustomerAfterSilence
            self.devices = devices
            self.sampleRate = sampleRate
            self.format = format
            self.agentRight = agentRight
            self.durationSeconds = durationSeconds
            self.profile = profile
            self.agentBaseline = agentBaseline
            self.accelerated = accelerated
        }
    }

    /// What the session counted.
    public struct Statistics: Sendable {
        /// Frames captured (of two devices, the one that captured more: the other may have
        /// been away).
        public var frames: Int64 = 0
        public var overruns = 0
        public var droppedPeriods = 0
        /// Frames dropped from one of two devices to keep them in step.
        public var realignedFrames = 0
        public var format: CaptureFormat = .s16
    }

    /// Audio after which a stereo device's channels are compared once (``OneSignalTest``), seconds.
    public static let channelCheckSeconds = 30
    private let configuration: Configuration
    private let lines: [CaptureLine]
    private var alignment: StreamAlignment
    /// Frames of the leading device dropped to keep two devices in step.
    private var realignedFrames = 0
    private let report: @Sendable (DeviceNotice) -> Void

    /// Opens the device(s), failing at once with the device's name and ALSA's reason.
    /// - Parameter report: hears when a device is lost and when it is back (from the capture
    ///   thread), and when a stereo device's channels carry one signal (from ``run``).
    public init(_ configuration: Configuration, report: @escaping @Sendable (DeviceNotice) -> Void = { _ in }) throws {
        self.configuration = configuration
        self.report = report
        alignment = StreamAlignment(sampleRate: configuration.sampleRate)
        switch configuration.devices {
        case .stereo(let name):
            lines = [try CaptureLine(name: name, rate: configuration.sampleRate, channels: 2, format: configuration.format,
                                     accelerated: configuration.accelerated, report: report)]
        case .separate(let agent, let customer):
            lines = try [agent, customer].map {
                try CaptureLine(name: $0, rate: configuration.sampleRate, channels: 1, format: configuration.format,
                                accelerated: configuration.accelerated, report: report)
            }
        }
    }

    /// Runs until the duration is reached or `shouldStop` returns true, feeding `sink` and
    /// publishing the status to `mailbox` after every block; every block analysed also goes
    /// to `recorder`.
    /// - Returns: the summary and what the session counted.
    public func run(
        sink: AnalysisSink?, mailbox: StatusMailbox? = nil, requests: AgentRequests? = nil,
        recorder: CallRecorder? = nil, shouldStop: @escaping @Sendable () -> Bool
    ) throws -> (CallSummary, Statistics) {
        let rate = configuration.sampleRate
        func newAnalyzer() -> CallAnalyzer {
            CallAnalyzer(
                sampleRate: rate, channelCount: 2,
                layout: configuration.agentRight && lines.count == 1 ? .stereoSwapped : .stereo,
                sink: sink, profile: configuration.profile, agentBaseline: configuration.agentBaseline,
                newCustomerAfterSilence: configuration.newCustomerAfterSilence)
        }
        var analyzer = newAnalyzer()
        var conversations = 0
        let limit = configuration.durationSeconds.map { Int($0 * Double(rate)) } ?? Int.max
        for line in lines { line.start(limit: limit, shouldStop: shouldStop) }
        let blockFrames = lines.map(\.periodFrames).max()! * 4
        let block = UnsafeMutablePointer<Float>.allocate(capacity: blockFrames * 2)
        let mono = UnsafeMutablePointer<Float>.allocate(capacity: blockFrames)
        defer {
            block.deallocate()
            mono.deallocate()
        }
        var marked = 0
        var channelCheck: OneSignalTest? = lines.count == 1 ? OneSignalTest() : nil
        var checkedFrames = 0
        while true {
            let frames = read(into: block, mono: mono, maxFrames: blockFrames)
            if frames > 0 {
                recorder?.append(block, frames: frames, waiting: lines.contains { $0.isUnclocked })
                analyzer.process(interleaved: block, frameCount: frames)
                if channelCheck != nil {
                    channelCheck?.add(interleaved: block, frameCount: frames)
                    checkedFrames += frames
                    if checkedFrames >= Self.channelCheckSeconds * rate {
                        if channelCheck?.carriesOneSignal == true, case .stereo(let name) = configuration.devices {
                            report(.oneSignal(device: name, seconds: Double(checkedFrames) / Double(rate)))
                        }
                        channelCheck = nil
                    }
                }
                while marked < (requests?.incidentsRequested ?? 0) {
                    analyzer.markIncident()
                    marked += 1
                }
                if let requests, requests.conversationsEnded.count > conversations {
                    // The agent ended the conversation on the HUD: log the checklist, close the
                    // conversation (open episodes end unresolved) and start afresh.
                    let ended = requests.conversationsEnded
                    conversations = ended.count
                    analyzer.finish()
                    analyzer.markChecklist(
                        summaryGiven: ended.latest.summaryGiven, agreementsMade: ended.latest.agreementsMade,
                        incident: ended.latest.incident)
                    analyzer = newAnalyzer()
                    marked = requests.incidentsRequested
                }
                let gap = lines.reduce(0) { $0 + $1.takeGapMillis() }
                if gap > 0 { analyzer.markDeviceGap(seconds: Double(gap) / 1000) }
                mailbox?.publish(analyzer.status)
                if let error = analyzer.sinkError { throw error }
            } else if lines.contains(where: \.finished) {
                break
            } else {
                usleep(2000)
            }
        }
        if let error = lines.compactMap(\.error).first { throw error }
        let summary = analyzer.finish()
        if let error = analyzer.sinkError { throw error }
        var stats = Statistics()
        stats.frames = Int64(lines.map(\.capturedFrames).max() ?? 0)
        stats.overruns = lines.reduce(0) { $0 + $1.overruns }
        stats.droppedPeriods = lines.reduce(0) { $0 + $1.droppedPeriods }
        stats.realignedFrames = realignedFrames
        stats.format = lines[0].format
        return (summary, stats)
    }

    /// Takes up to `maxFrames` stereo frames: from the stereo ring, or the same number of
    /// frames from both mono rings, interleaved. With clocked devices a lost one is heard as
    /// silence, so the other party's audio goes on in step with the clock (waiting for it
    /// put everything it said afterwards as far back as it was away), and the two are kept
    /// in step (``StreamAlignment``).
    private func read(into block: UnsafeMutablePointer<Float>, mono: UnsafeMutablePointer<Float>, maxFrames: Int) -> Int {
        if lines.count == 1 { return lines[0].ring.read(into: block, count: maxFrames * 2) / 2 }
        let unclocked = lines[0].isUnclocked || lines[1].isUnclocked
        let lost0 = !unclocked && lines[0].isLost
        let lost1 = !unclocked && lines[1].isLost
        var available0 = lines[0].ring.available, available1 = lines[1].ring.available
        let frames: Int
        switch (lost0, lost1) {
        case (false, false): frames = min(maxFrames, available0, available1)
        case (true, false): frames = min(maxFrames, available1)
        case (false, true): frames = min(maxFrames, available0)
        case (true, true): frames = 0
        }
        guard frames > 0 else { return 0 }
        for (channel, line) in lines.enumerated() {
            let n = line.ring.read(into: mono, count: frames)
            for i in 0..<frames { block[2 * i + channel] = i < n ? mono[i] : 0 }
        }
        available0 -= frames
        available1 -= frames
        if unclocked { return frames }
        if lost0 || lost1 {
            alignment.restart()
        } else {
            let drop = alignment.observe(lead: available0 - available1, frames: frames)
            if drop > 0 { realignedFrames += lines[0].ring.discard(drop) }
            if drop < 0 { realignedFrames += lines[1].ring.discard(-drop) }
        }
        return frames
    }
}
