import Synchronization

/// A latest-value mailbox between the analysis thread (one writer) and the HUD (one
/// reader): a triple buffer. The writer fills its own slot and swaps it with the shared
/// middle slot in one atomic exchange; the reader swaps the middle slot with its own when
/// it holds something new. Each slot belongs to one thread at a time, so nothing races,
/// nobody waits and nothing is allocated; the reader may skip values (it wants the latest).
public final class StatusMailbox: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<LiveStatus>
    /// The middle slot's index, plus 4 when it holds a value the reader has not taken.
    private let middle = Atomic<Int>(1)
    private var writerSlot = 0
    private var readerSlot = 2

    public init() {
        slots = .allocate(capacity: 3)
        slots.initialize(repeating: LiveStatus(), count: 3)
    }

    deinit { slots.deallocate() }

    /// Writer: publishes `status`.
    public func publish(_ status: LiveStatus) {
        slots[writerSlot] = status
        writerSlot = middle.exchange(writerSlot | 4, ordering: .acquiringAndReleasing) & 3
    }

    /// Reader: the latest status published.
    public func latest() -> LiveStatus {
        if middle.load(ordering: .relaxed) & 4 != 0 {
            readerSlot = middle.exchange(readerSlot, ordering: .acquiringAndReleasing) & 3
        }
        return slots[readerSlot]
    }
}
