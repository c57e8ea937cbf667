import KalmConversation
import KalmPipeline

/// Where a call's audio comes from: one file (mono, stereo, or more channels with a chosen
/// pair) or two mono files, one per party. Reads blocks ready for ``CallAnalyzer``.
public final class CallInput {
    /// Sample rate of the call.
    public let sampleRate: Int
    /// Channels per frame of the blocks ``read(into:maxFrames:)`` returns.
    public let channelCount: Int
    /// Which channel of those blocks is which party.
    public let layout: PartyLayout
    /// Total frames expected (for progress).
    public let frameCount: Int64
    /// The file names involved, for messages.
    public let description: String
    /// Whether the file's two channels carry one signal (``OneSignalTest``, over the first
    /// ``comparedSeconds``). It is then analysed as that one party, the agent.
    public let channelsCarryOneSignal: Bool
    private let files: [AudioFileSource]
    /// Room for one file's block when two mono files are interleaved (nil for one file).
    private let scratch: UnsafeMutablePointer<Float>?
    private let scratchFrames: Int

    /// One file. A mono file is the agent alone; stereo is left = agent, right = customer
    /// unless `agentRight` (or the agent alone when both channels carry one signal); more
    /// channels need `channels` (agent, customer; 0-based).
    public init(path: String, agentRight: Bool = false, channels: (Int, Int)? = nil) throws {
        let file = try AudioFileSource(path: path)
        files = [file]
        sampleRate = file.sampleRate
        channelCount = file.channelCount
        frameCount = file.frameCount
        description = path
        if channels == nil && file.channelCount == 2 {
            channelsCarryOneSignal = try Self.carriesOneSignal(path: path, sampleRate: file.sampleRate)
        } else {
            channelsCarryOneSignal = false
        }
        if channelsCarryOneSignal {
            layout = PartyLayout(agentChannel: agentRight ? 1 : 0, customerChannel: nil)
        } else if let (a, c) = channels {
            for ch in [a, c] where ch < 0 || ch >= file.channelCount {
                throw KalmIOError.noSuchChannel(path: path, channel: ch + 1, channels: file.channelCount)
            }
            layout = PartyLayout(agentChannel: a, customerChannel: c)
        } else if file.channelCount == 1 {
            layout = .mono
        } else if file.channelCount == 2 {
            layout = agentRight ? .stereoSwapped : .stereo
        } else {
            throw KalmIOError.tooManyChannels(path: path, channels: file.channelCount)
        }
        scratchFrames = 0
        scratch = nil
    }

    /// Two mono files of the same sample rate, one per party; the shorter is padded with silence.
    /// One file named for both parties is refused.
    public init(agentPath: String, customerPath: String) throws {
        let agent = try AudioFileSource(path: agentPath)
        guard !Syscalls.sameFile(agentPath, customerPath) else { throw KalmIOError.bothParties(path: customerPath) }
        let customer = try AudioFileSource(path: customerPath)
        for f in [agent, customer] where f.channelCount != 1 {
            throw KalmIOError.notMono(path: f.path, channels: f.channelCount)
        }
        guard agent.sampleRate == customer.sampleRate else {
            throw KalmIOError.sampleRateMismatch(
                path: customerPath, rate: customer.sampleRate, expected: agent.sampleRate)
        }
        files = [agent, customer]
        sampleRate = agent.sampleRate
        channelCount = 2
        layout = .stereo
        channelsCarryOneSignal = false
        frameCount = max(agent.frameCount, customer.frameCount)
        description = "\(agentPath) + \(customerPath)"
        scratchFrames = 4096
        scratch = .allocate(capacity: scratchFrames)
    }

    deinit { scratch?.deallocate() }

    /// How much of a stereo file is read to compare its two channels, seconds.
    static let comparedSeconds = 120

    /// Whether the first ``comparedSeconds`` of the stereo file at `path` carry one signal
    /// on both channels (``OneSignalTest``; read through a second, short-lived reader).
    private static func carriesOneSignal(path: String, sampleRate: Int) throws -> Bool {
        let file = try AudioFileSource(path: path)
        let blockFrames = 4096
        let block = UnsafeMutablePointer<Float>.allocate(capacity: 2 * blockFrames)
        defer { block.deallocate() }
        var test = OneSignalTest()
        var remaining = comparedSeconds * sampleRate
        while remaining > 0 {
            let n = try file.read(into: block, maxFrames: min(blockFrames, remaining))
            guard n > 0 else { break }
            test.add(interleaved: block, frameCount: n)
            remaining -= n
        }
        return test.carriesOneSignal
    }

    /// Reads up to `maxFrames` frames of `channelCount` interleaved samples.
    /// - Returns: frames read; 0 when every file has ended.
    public func read(into buffer: UnsafeMutablePointer<Float>, maxFrames: Int) throws -> Int {
        guard let scratch else { return try files[0].read(into: buffer, maxFrames: maxFrames) }
        let want = min(maxFrames, scratchFrames)
        var produced = 0
        for (channel, file) in files.enumerated() {
            let n = try file.read(into: scratch, maxFrames: want)
            for i in 0..<want { buffer[i * 2 + channel] = i < n ? scratch[i] : 0 }
            produced = max(produced, n)
        }
        return produced
    }
}
