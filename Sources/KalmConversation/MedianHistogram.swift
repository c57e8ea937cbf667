/// A fixed-size histogram that gives medians and percentiles of a long stream in constant
/// memory (an hour of frames costs the same as a minute).
public struct MedianHistogram: Sendable {
    /// Lowest and highest value binned; values outside are clamped to the edge bins.
    public let range: ClosedRange<Double>
    /// Width of one bin.
    public let resolution: Double
    private var bins: [UInt32]
    /// Number of values added.
    public private(set) var count = 0

    /// Creates an empty histogram over `range` with bins `resolution` wide.
    public init(range: ClosedRange<Double>, resolution: Double) {
        self.range = range
        self.resolution = resolution
        bins = Array(repeating: 0, count: Int(((range.upperBound - range.lowerBound) / resolution).rounded(.up)) + 1)
    }

    /// Adds one value.
    public mutating func add(_ value: Double) {
        guard value.isFinite else { return }
        let clamped = min(max(value, range.lowerBound), range.upperBound)
        bins[Int(((clamped - range.lowerBound) / resolution).rounded())] += 1
        count += 1
    }

    /// The `q`-quantile (0...1) at bin resolution, or `nil` when empty.
    public func quantile(_ q: Double) -> Double? {
        guard count > 0 else { return nil }
        let target = max(1, Int((q * Double(count)).rounded(.up)))
        var seen = 0
        for (i, n) in bins.enumerated() {
            seen += Int(n)
            if seen >= target { return range.lowerBound + Double(i) * resolution }
        }
        return range.upperBound
    }

    /// The median, or `nil` when empty.
    public var median: Double? { quantile(0.5) }
}
