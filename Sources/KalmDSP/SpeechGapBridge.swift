/// A line of frames that bridges speech gaps shorter than 0.15 s and releases each frame as
/// soon as its speech decision can no longer change.
///
/// A silence of at most ``maximumGapHops`` hops between two speech hops is marked speech, and
/// a speech onset after a longer silence marks up to ``maximumPreRollHops`` earlier hops
/// speech too (the detector's edge widening). So a frame is final when it is speech, when it
/// lies before the latest speech hop, or when it lies in a silence already longer than the
/// gap limit and at least the pre-roll limit behind the newest hop. During speech frames
/// leave at once; in a silence they wait at most ``maximumGapHops`` hops. The decisions are
/// those of a fixed delay of ``maximumGapHops`` hops, only made available earlier.
public final class SpeechGapBridge {
    /// The longest gap bridged, in hops.
    public let maximumGapHops: Int
    /// The most hops a speech onset may mark speech before itself.
    public let maximumPreRollHops: Int
    private let ring: UnsafeMutablePointer<FrameFeatures>
    private let capacity: Int
    private var count = 0
    private var head = 0
    private var hopsSinceSpeech = Int.max

    /// Creates a line bridging gaps up to `maximumGapHops` hops (default 15 = 0.15 s) with a
    /// pre-roll of at most `maximumPreRollHops` (default: the detector's largest widening).
    public init(maximumGapHops: Int = 15, maximumPreRollHops: Int = VoiceActivityDetector.maximumEdgeHops) {
        precondition(maximumPreRollHops <= maximumGapHops)
        self.maximumGapHops = maximumGapHops
        self.maximumPreRollHops = maximumPreRollHops
        capacity = maximumGapHops + 1
        ring = .allocate(capacity: capacity)
        ring.initialize(repeating: FrameFeatures(), count: capacity)
    }

    deinit { ring.deallocate() }

    /// Frames at the front of the line whose decision is final (``pop(into:)`` takes them).
    public var finalCount: Int {
        let open = hopsSinceSpeech <= maximumGapHops ? hopsSinceSpeech : min(maximumPreRollHops, count)
        return count - open
    }

    /// Appends `frame`. When the line is full its oldest frame is final, so it is only full
    /// when the caller has not popped what was final.
    /// - Parameter preRoll: at a speech onset after a silence longer than the gap limit, this
    ///   many earlier hops (at most ``maximumPreRollHops``) are marked speech too (see
    ///   ``VoiceActivityDetector/edgeHops``).
    public func push(_ frame: FrameFeatures, preRoll: Int = 0) {
        precondition(count < capacity, "SpeechGapBridge: pop the final frames before pushing")
        let slot = (head + count) % capacity
        ring[slot] = frame
        count += 1
        if frame.speech {
            let reach = hopsSinceSpeech <= maximumGapHops ? hopsSinceSpeech : min(preRoll, maximumPreRollHops, count - 1)
            if reach > 0 {
                for back in 1...reach {
                    ring[(slot - back + capacity) % capacity].speech = true
                }
            }
            hopsSinceSpeech = 0
        } else if hopsSinceSpeech != Int.max {
            hopsSinceSpeech += 1
        }
    }

    /// Takes the oldest frame; at the end of the input, every frame left is final.
    /// - Returns: `false` when the line is empty.
    public func pop(into out: inout FrameFeatures) -> Bool {
        guard count > 0 else { return false }
        out = ring[head]
        head = (head + 1) % capacity
        count -= 1
        return true
    }
}
