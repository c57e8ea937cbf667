import Synchronization

/// A latest-value mailbox between the analysis thread (one writer) and the HUD (one reader):
/// a sequence lock around a plain ``LiveStatus``. The writer never waits or allocates; the
/// reader retries when it raced a write, and may miss intermediate values (it wants the
/// latest, not every one).
public final class StatusMailbox: @unchecked Sendable {
    private let sequence = Atomic<Int>(0)
    private var value = LiveStatus()

    public init() {}

    /// Writer: publishes `status`.
    public func publish(_ status: LiveStatus) {
        let s = sequence.load(ordering: .relaxed)
        sequence.store(s + 1, ordering: .releasing)
        atomicMemoryFence(ordering: .releasing)
        value = status
        sequence.store(s + 2, ordering: .releasing)
    }

    /// Reader: the latest status.
    public func latest() -> LiveStatus {
        while true {
            let before = sequence.load(ordering: .acquiring)
            if before % 2 == 1 { continue }
            let copy = value
            atomicMemoryFence(ordering: .acquiring)
            if sequence.load(ordering: .relaxed) == before { return copy }
        }
    }
}
