import KalmIO

/// A call as raw S16_LE bytes, as ALSA capture devices for tests play it: interleaved, and
/// each of the first two channels alone.
struct RawRecording {
    var interleaved: [UInt8] = []
    var channels: [[UInt8]] = [[], []]
    let sampleRate: Int
    let seconds: Double

    init(path: String) throws {
        let input = try CallInput(path: path)
        sampleRate = input.sampleRate
        seconds = Double(input.frameCount) / Double(input.sampleRate)
        let block = UnsafeMutablePointer<Float>.allocate(capacity: 4096 * input.channelCount)
        defer { block.deallocate() }
        while case let n = try input.read(into: block, maxFrames: 4096), n > 0 {
            for i in 0..<(n * input.channelCount) {
                let v = Int16(max(-32768, min(32767, (block[i] * 32768).rounded())))
                withUnsafeBytes(of: v.littleEndian) {
                    interleaved.append(contentsOf: $0)
                    if i % input.channelCount < 2 { channels[i % input.channelCount].append(contentsOf: $0) }
                }
            }
        }
    }

    /// The first channel on both sides, as a mono microphone captured through a stereo device.
    var agentOnBothChannels: [UInt8] {
        let agent = channels[0]
        var twice: [UInt8] = []
        twice.reserveCapacity(agent.count * 2)
        for i in stride(from: 0, to: agent.count, by: 2) { twice += [agent[i], agent[i + 1], agent[i], agent[i + 1]] }
        return twice
    }
}
