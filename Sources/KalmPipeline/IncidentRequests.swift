import Synchronization

/// Incidents the agent marked on the HUD, counted atomically so the HUD thread can hand
/// them to the analysis thread, which writes each as an `incident` event at its own time.
public final class IncidentRequests: Sendable {
    private let count = Atomic<Int>(0)

    public init() {}

    /// HUD side: one more incident.
    public func request() { count.add(1, ordering: .relaxed) }

    /// Analysis side: how many have been requested so far.
    public var requested: Int { count.load(ordering: .relaxed) }
}
