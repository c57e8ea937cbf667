/// A line of frames that bridges speech gaps shorter than 0.15 s and releases each frame as
/// soon as its speech decision can no longer change.
///
/// A silence of at most ``maximumGapHops`` hops between two speech hops is marked speech, and
/// a speech onset after a longer silence marks a few earlier hops speech too (the detector's
/// edge widening, which it announces ahead: see ``finalCount(nextPreRoll:)``). So a frame is
/// final when it is speech, when it lies before the latest speech hop, or when it lies in a
/// silence already longer than the gap limit and beyond the announced pre-roll. During
/// speech frames leave at once, in a long silence after the pre-roll (none on clean audio),
/// and in a gap after at most ``maximumGapHops`` hops.
public final class SpeechGapBridge {
    /// The longest gap bridged, in hops.
    public let maximumGapHops: Int
    private let ring: UnsafeMutablePointer<FrameFeatures>
    private let capacity: Int
    private var count = 0
    private var head = 0
    private var hopsSinceSpeech = Int.max

    /// Creates a line bridging gaps up to `maximumGapHops` hops (default 15 = 0.15 s).
    public init(maximumGapHops: Int = 15) {
        self.maximumGapHops = maximumGapHops
        capacity = maximumGapHops + 1
        ring = .allocate(capacity: capacity)
        ring.initialize(repeating: FrameFeatures(), count: capacity)
    }

    deinit { ring.deallocate() }

    /// Frames held.
    public var heldCount: Int { count }

    /// Frames at the front of the line whose decision is final (``pop(into:)`` takes them).
    /// - Parameter nextPreRoll: the pre-roll the next ``push(_:preRoll:)`` will pass (it must
    ///   not pass more): after a long silence, that many of the newest hops stay held.
    public func finalCount(nextPreRoll: Int) -> Int {
        let open = hopsSinceSpeech <= maximumGapHops ? hopsSinceSpeech : min(nextPreRoll, count)
        return count - open
    }

    /// Appends `frame`. When the line is full its oldest frame is final, so it is only full
    /// when the caller has not popped what was final.
    /// - Parameter preRoll: at a speech onset after a silence longer than the gap limit, this
    ///   many earlier hops (at most the `nextPreRoll` announced before, and at most the gap
    ///   limit) are marked speech too (see ``VoiceActivityDetector/edgeHops``).
    public func push(_ frame: FrameFeatures, preRoll: Int = 0) {
        precondition(count < capacity, "SpeechGapBridge: pop the final frames before pushing")
        let slot = (head + count) % capacity
        ring[slot] = frame
        count += 1
        if frame.speech {
            let reach = hopsSinceSpeech <= maximumGapHops ? hopsSinceSpeech : min(preRoll, maximumGapHops, count - 1)
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

    /// The frame `offset` places behind the oldest (below the count held). A caller may
    /// fill in later measurements; the line itself changes only the speech decision of
    /// frames that are not final yet.
    public subscript(offset: Int) -> FrameFeatures {
        get {
            precondition(offset < count)
            return ring[(head + offset) % capacity]
        }
        set {
            precondition(offset < count)
            ring[(head + offset) % capacity] = newValue
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
