/// A delay line of frames that bridges speech gaps shorter than 0.15 s.
///
/// Frames enter with their frame-level voice activity and leave ``delayHops`` hops later;
/// a silence of at most ``delayHops`` hops between two speech hops is marked speech before
/// the frames leave, so a speech segment is a run of voice activity with short gaps bridged.
public final class SpeechGapBridge {
    /// The longest gap bridged, and the delay of the line, in hops.
    public let delayHops: Int
    private let ring: UnsafeMutablePointer<FrameFeatures>
    private let capacity: Int
    private var count = 0
    private var head = 0
    private var hopsSinceSpeech = Int.max

    /// Creates a line bridging gaps up to `delayHops` hops (default 15 = 0.15 s).
    public init(delayHops: Int = 15) {
        self.delayHops = delayHops
        capacity = delayHops + 1
        ring = .allocate(capacity: capacity)
        ring.initialize(repeating: FrameFeatures(), count: capacity)
    }

    deinit { ring.deallocate() }

    /// Pushes `frame`; when the line is full, the oldest frame is written to `out`.
    /// - Parameter preRoll: at a speech onset, this many earlier hops (at most `delayHops`)
    ///   are marked speech too (see ``VoiceActivityDetector/edgeHops``).
    /// - Returns: `true` when `out` was filled.
    public func push(_ frame: FrameFeatures, preRoll: Int = 0, out: inout FrameFeatures) -> Bool {
        let full = count == capacity
        if full { out = ring[head] }
        let slot = full ? head : (head + count) % capacity
        ring[slot] = frame
        if full { head = (head + 1) % capacity } else { count += 1 }
        if frame.speech {
            let reach = hopsSinceSpeech <= delayHops ? hopsSinceSpeech : min(preRoll, count - 1, delayHops)
            if reach > 0 {
                for back in 1...reach {
                    ring[(slot - back + capacity) % capacity].speech = true
                }
            }
            hopsSinceSpeech = 0
        } else if hopsSinceSpeech != Int.max {
            hopsSinceSpeech += 1
        }
        return full
    }

    /// Takes the oldest frame at the end of the input.
    /// - Returns: `false` when the line is empty.
    public func drain(out: inout FrameFeatures) -> Bool {
        guard count > 0 else { return false }
        out = ring[head]
        head = (head + 1) % capacity
        count -= 1
        return true
    }
}
