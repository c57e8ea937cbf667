import Synchronization

/// A lock-free single-producer single-consumer ring of samples: the capture thread writes,
/// the analysis thread reads. Neither ever blocks or allocates; a full ring refuses the
/// write (the producer counts an overflow) rather than wait.
public final class SPSCRing: @unchecked Sendable {
    private let buffer: UnsafeMutablePointer<Float>
    private let capacity: Int
    private let written = Atomic<Int>(0)
    private let read = Atomic<Int>(0)

    /// A ring holding up to `capacity` samples.
    public init(capacity: Int) {
        self.capacity = capacity
        buffer = .allocate(capacity: capacity)
        buffer.initialize(repeating: 0, count: capacity)
    }

    deinit { buffer.deallocate() }

    /// Samples ready to read.
    public var available: Int { written.load(ordering: .acquiring) - read.load(ordering: .relaxed) }

    /// Producer: appends `count` samples, or nothing when they do not fit.
    /// - Returns: whether they were written.
    public func write(_ samples: UnsafePointer<Float>, count: Int) -> Bool {
        let w = written.load(ordering: .relaxed)
        let r = read.load(ordering: .acquiring)
        guard capacity - (w - r) >= count else { return false }
        let start = w % capacity
        let first = min(count, capacity - start)
        (buffer + start).update(from: samples, count: first)
        if first < count { buffer.update(from: samples + first, count: count - first) }
        written.store(w + count, ordering: .releasing)
        return true
    }

    /// Consumer: drops up to `count` samples unread.
    /// - Returns: how many were dropped.
    @discardableResult
    public func discard(_ count: Int) -> Int {
        let r = read.load(ordering: .relaxed)
        let n = min(count, written.load(ordering: .acquiring) - r)
        guard n > 0 else { return 0 }
        read.store(r + n, ordering: .releasing)
        return n
    }

    /// Consumer: takes up to `count` samples.
    /// - Returns: how many were taken.
    public func read(into out: UnsafeMutablePointer<Float>, count: Int) -> Int {
        let r = read.load(ordering: .relaxed)
        let w = written.load(ordering: .acquiring)
        let n = min(count, w - r)
        guard n > 0 else { return 0 }
        let start = r % capacity
        let first = min(n, capacity - start)
        out.update(from: buffer + start, count: first)
        if first < n { (out + first).update(from: buffer, count: n - first) }
        read.store(r + n, ordering: .releasing)
        return n
    }
}
