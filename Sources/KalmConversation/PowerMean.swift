/// The mean of levels in dB taken in power (loud sounds weigh as they sound), the way
/// ``TensionModel`` averages a voice's level.
struct PowerMean: Sendable {
    private var sum = 0.0
    private(set) var count = 0

    /// Adds one level, dB.
    mutating func add(_ db: Float) {
        sum += pow(10, Double(db) / 10)
        count += 1
    }

    /// Adds every level of `other`.
    mutating func add(_ other: PowerMean) {
        sum += other.sum
        count += other.count
    }

    /// The mean in dB (-infinity before anything was added).
    var db: Double { 10 * log10(sum / Double(count)) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
