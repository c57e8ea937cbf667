/// Keeps two capture devices, one per party, in step. Each runs on its own clock: two USB
/// headsets differ by tens of parts per million, so over a working day one party's audio
/// would drift seconds behind the other's, and every overlap, interruption and gap between
/// them would be judged on audio that was never simultaneous.
///
/// The analysis takes frames from both rings in equal numbers; the device whose clock runs
/// fast builds up a backlog, whose oldest frames were captured that much earlier than the
/// other device's. The backlog difference (the lead) also jumps by up to a period with the
/// moment each capture thread delivers, and for as long as a busy machine keeps one capture
/// thread from running, so the lead is judged by its smallest value over ``windowSeconds``:
/// when even that exceeds ``toleranceSeconds``, that many of the leading device's oldest
/// frames are dropped, and the two are in step again to within a period.
struct StreamAlignment {
    /// Lead tolerated before the excess is dropped, seconds.
    static let toleranceSeconds = 0.05
    /// How long the lead must stay above the tolerance, seconds (at 50 parts per million of
    /// drift it grows by 0.1 ms in that time).
    static let windowSeconds = 2
    private let tolerance: Int
    private let windowFrames: Int
    private var smallest = Int.max
    private var largest = Int.min
    private var seen = 0

    /// For streams of `sampleRate` frames per second.
    init(sampleRate: Int) {
        tolerance = Int(Self.toleranceSeconds * Double(sampleRate))
        windowFrames = sampleRate * Self.windowSeconds
    }

    /// Observes the first stream's backlog lead over the second's (frames; negative when
    /// the second leads) as `frames` are taken from both.
    /// - Returns: frames to drop from the first stream (positive) or the second (negative); 0
    ///   while they are in step, and until a window of frames has been observed.
    mutating func observe(lead: Int, frames: Int) -> Int {
        smallest = min(smallest, lead)
        largest = max(largest, lead)
        seen += frames
        guard seen >= windowFrames else { return 0 }
        defer { restart() }
        if smallest > tolerance { return smallest }
        if largest < -tolerance { return largest }
        return 0
    }

    /// Forgets the leads seen (a device was lost: its backlog says nothing of its clock).
    mutating func restart() {
        smallest = .max
        largest = .min
        seen = 0
    }
}
