/// Articulation rate: syllable nuclei per second of speech over the last few seconds of the
/// party's own speech (pauses and the other party's turns do not count as time).
public final class TempoEstimator {
    /// Seconds of speech the estimate spans.
    public static let windowSeconds = 6.0
    /// Seconds of speech needed before an estimate is given.
    public static let minimumSeconds = 2.0

    private let counts: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var filled = 0
    private var position = 0
    private var total = 0

    public init() {
        capacity = Int(Self.windowSeconds / AnalysisSettings.hopSeconds)
        counts = .allocate(capacity: capacity)
        counts.initialize(repeating: 0, count: capacity)
    }

    deinit { counts.deallocate() }

    /// Adds one speech hop, and the nuclei confirmed in it.
    public func addSpeechHop(nuclei: Int) {
        total -= Int(counts[position])
        counts[position] = UInt8(truncatingIfNeeded: nuclei)
        total += nuclei
        position = (position + 1) % capacity
        filled = min(filled + 1, capacity)
    }

    /// Syllables per second, or 0 while there is too little speech to tell.
    public var rate: Float {
        let seconds = Double(filled) * AnalysisSettings.hopSeconds
        guard seconds >= Self.minimumSeconds else { return 0 }
        return Float(Double(total) / seconds)
    }
}
