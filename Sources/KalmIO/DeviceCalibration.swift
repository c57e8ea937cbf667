import KalmConversation
import KalmPipeline

/// The agent's calm baseline learned from a live ALSA capture device: the same analysis as
/// ``FileAnalysis/learnAgentBaseline(_:profile:)`` on the samples the device delivers.
public enum DeviceCalibration {
    /// What to capture.
    public struct Settings: Sendable {
        /// ALSA PCM name.
        public var device: String
        /// Frames per second.
        public var sampleRate: Int
        /// A forced sample format, or nil to negotiate.
        public var format: CaptureFormat?
        /// 1: the device is the agent's own microphone; 2: agent and customer, one per side.
        public var channels: Int
        /// With two channels: the agent is on the right.
        public var agentRight: Bool
        /// Seconds of audio to capture.
        public var seconds: Double

        public init(device: String, sampleRate: Int, format: CaptureFormat?, channels: Int, agentRight: Bool, seconds: Double) {
            self.device = device
            self.sampleRate = sampleRate
            self.format = format
            self.channels = channels
            self.agentRight = agentRight
            self.seconds = seconds
        }
    }

    /// What a device calibration learned.
    public struct Result: Sendable {
        /// The agent's baseline, or nil when there was too little speech.
        public var baseline: Baseline?
        /// The stereo device's two channels carried one signal (``OneSignalTest``): a mono
        /// microphone through a stereo device. The baseline is then the agent's channel alone,
        /// as for a recording stored that way.
        public var channelsCarryOneSignal: Bool
    }

    /// Captures `settings.seconds` of audio (less when `shouldStop` turns true) and learns
    /// the agent's baseline from all of its speech.
    /// - Parameters:
    ///   - progress: called about every 0.1 s of audio with the fraction captured.
    ///   - shouldStop: polled every period; true ends the capture early.
    public static func learnAgentBaseline(
        _ settings: Settings, profile: Profile, progress: (Double) -> Void = { _ in },
        shouldStop: () -> Bool = { false }
    ) throws -> Result {
        let device = try ALSACaptureDevice(
            name: settings.device, rate: settings.sampleRate, channels: settings.channels, format: settings.format)
        let stereo = settings.channels == 2
        let layout: PartyLayout = stereo ? (settings.agentRight ? .stereoSwapped : .stereo) : .mono
        let analyzer = CallAnalyzer(
            sampleRate: settings.sampleRate, channelCount: settings.channels, layout: layout, sink: nil, profile: profile)
        // A stereo device may carry one microphone twice; its agent channel alone is then
        // analysed beside, and the channels compared, as CallInput does for a recording.
        let agentAlone = stereo ? CallAnalyzer(
            sampleRate: settings.sampleRate, channelCount: 2,
            layout: PartyLayout(agentChannel: layout.agentChannel, customerChannel: nil), sink: nil, profile: profile) : nil
        var channelTest = OneSignalTest()
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: device.periodFrames * settings.channels)
        defer { buffer.deallocate() }
        let wanted = Int((settings.seconds * Double(settings.sampleRate)).rounded())
        let progressStep = settings.sampleRate / 10
        var captured = 0, nextProgress = 0
        while captured < wanted, !shouldStop() {
            let n = min(try device.readPeriod(into: buffer), wanted - captured)
            analyzer.process(interleaved: buffer, frameCount: n)
            if let agentAlone {
                agentAlone.process(interleaved: buffer, frameCount: n)
                channelTest.add(interleaved: buffer, frameCount: n)
            }
            captured += n
            if captured >= nextProgress {
                progress(Double(captured) / Double(wanted))
                nextProgress += progressStep
            }
        }
        if let agentAlone, channelTest.carriesOneSignal {
            _ = agentAlone.finish()
            return Result(baseline: agentAlone.agentBaseline(final: true), channelsCarryOneSignal: true)
        }
        _ = analyzer.finish()
        return Result(baseline: analyzer.agentBaseline(final: true), channelsCarryOneSignal: false)
    }
}
