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

    /// Captures `settings.seconds` of audio (less when `shouldStop` turns true) and learns
    /// the agent's baseline from all of its speech.
    /// - Parameters:
    ///   - progress: called about every 0.1 s of audio with the fraction captured.
    ///   - shouldStop: polled every period; true ends the capture early.
    /// - Returns: the baseline, or nil when there was too little speech.
    public static func learnAgentBaseline(
        _ settings: Settings, profile: Profile, progress: (Double) -> Void = { _ in },
        shouldStop: () -> Bool = { false }
    ) throws -> Baseline? {
        let device = try ALSACaptureDevice(
            name: settings.device, rate: settings.sampleRate, channels: settings.channels, format: settings.format)
        let layout: PartyLayout = settings.channels == 1 ? .mono : (settings.agentRight ? .stereoSwapped : .stereo)
        let analyzer = CallAnalyzer(
            sampleRate: settings.sampleRate, channelCount: settings.channels, layout: layout, sink: nil, profile: profile)
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: device.periodFrames * settings.channels)
        defer { buffer.deallocate() }
        let wanted = Int((settings.seconds * Double(settings.sampleRate)).rounded())
        let progressStep = settings.sampleRate / 10
        var captured = 0, nextProgress = 0
        while captured < wanted, !shouldStop() {
            let n = min(try device.readPeriod(into: buffer), wanted - captured)
            analyzer.process(interleaved: buffer, frameCount: n)
            captured += n
            if captured >= nextProgress {
                progress(Double(captured) / Double(wanted))
                nextProgress += progressStep
            }
        }
        _ = analyzer.finish()
        return analyzer.agentBaseline(final: true)
    }
}
