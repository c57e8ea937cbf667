import Foundation
import Synchronization

/// One capture device with its own thread and lock-free ring: the thread reads periods and
/// writes them to the ring, never waiting for the analysis (unless the source is not
/// clocked: `accelerated`, or found delivering far faster than real time; it then waits for
/// room instead of dropping). A lost device is reopened with growing waits and the gap is
/// counted for the analysis thread to log.
final class CaptureLine: @unchecked Sendable {
    let name: String
    let channels: Int
    let ring: SPSCRing
    private var device: ALSACaptureDevice
    private let rate: Int
    private let accelerated: Bool
    private let report: @Sendable (DeviceNotice) -> Void
    private let done = Atomic<Bool>(false)
    private let dropped = Atomic<Int>(0)
    private let frames = Atomic<Int>(0)
    private let gapMillis = Atomic<Int>(0)
    private let lost = Atomic<Bool>(false)
    private let foundUnclocked = Atomic<Bool>(false)
    private(set) var error: Error?

    init(name: String, rate: Int, channels: Int, format: CaptureFormat?, accelerated: Bool,
         report: @escaping @Sendable (DeviceNotice) -> Void) throws {
        self.name = name
        self.channels = channels
        self.rate = rate
        self.accelerated = accelerated
        self.report = report
        device = try ALSACaptureDevice(name: name, rate: rate, channels: channels, format: format)
        ring = SPSCRing(capacity: rate * channels * 4)
    }

    var format: CaptureFormat { device.format }
    var periodFrames: Int { device.periodFrames }
    var overruns: Int { device.overruns }
    var finished: Bool { done.load(ordering: .acquiring) }
    var droppedPeriods: Int { dropped.load(ordering: .relaxed) }
    var capturedFrames: Int { frames.load(ordering: .relaxed) }
    /// Faster than real time by this factor, over at least ``unclockedAfterSeconds`` of
    /// audio, a device has no clock. A real one delivers at its rate: after a stall it hands
    /// over at most its buffer (a fraction of a second) at once.
    static let unclockedSpeed = 4.0
    static let unclockedAfterSeconds = 0.5

    /// Whether the source is not clocked (given as such, or found to be): capture then waits
    /// for room in the ring, and the time a device is away means nothing.
    var isUnclocked: Bool { accelerated || foundUnclocked.load(ordering: .relaxed) }

    /// Whether the device is lost and being reopened (its ring then gets nothing).
    var isLost: Bool { lost.load(ordering: .acquiring) }
    /// Device gaps since the last call, in milliseconds.
    func takeGapMillis() -> Int { gapMillis.exchange(0, ordering: .relaxed) }

    /// Starts the capture thread; it stops after `limit` frames or when `shouldStop`.
    func start(limit: Int, shouldStop: @escaping @Sendable () -> Bool) {
        let thread = Thread { [self] in capture(limit: limit, shouldStop: shouldStop) }
        thread.stackSize = 1 << 20
        thread.start()
    }

    private func capture(limit: Int, shouldStop: @Sendable () -> Bool) {
        var capacity = device.periodFrames * channels
        var period = UnsafeMutablePointer<Float>.allocate(capacity: capacity)
        defer {
            period.deallocate()
            done.store(true, ordering: .releasing)
        }
        var count = 0
        let started = DispatchTime.now().uptimeNanoseconds
        while count < limit, !shouldStop() {
            do {
                var n = try device.readPeriod(into: period)
                n = min(n, limit - count)
                if !isUnclocked && count >= Int(Self.unclockedAfterSeconds * Double(rate)) {
                    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                    if Double(count) > Self.unclockedSpeed * elapsed * Double(rate) {
                        foundUnclocked.store(true, ordering: .relaxed)
                        report(.unclocked(device: name))
                    }
                }
                while n > 0, !ring.write(period, count: n * channels) {
                    guard isUnclocked, !shouldStop() else {
                        dropped.add(1, ordering: .relaxed)
                        break
                    }
                    usleep(200)
                }
                count += n
                frames.store(count, ordering: .relaxed)
            } catch {
                guard reopen(after: error, shouldStop: shouldStop) else {
                    self.error = error
                    return
                }
                if device.periodFrames * channels > capacity {
                    period.deallocate()
                    capacity = device.periodFrames * channels
                    period = .allocate(capacity: capacity)
                }
            }
        }
    }

    /// Reopens a lost device with waits of 0.5 s doubling to 8 s, until it comes back or the
    /// session stops. Returns false when stopped.
    private func reopen(after error: Error, shouldStop: @Sendable () -> Bool) -> Bool {
        var reason = "\(error)"
        if case KalmIOError.deviceFailed(_, let alsa) = error { reason = alsa }
        report(.lost(device: name, reason: reason))
        lost.store(true, ordering: .releasing)
        defer { lost.store(false, ordering: .releasing) }
        let lostAt = Date()
        var wait = 0.5
        while !shouldStop() {
            usleep(UInt32(wait * 1_000_000))
            if let again = try? ALSACaptureDevice(name: name, rate: rate, channels: channels, format: device.format) {
                device = again
                let away = Date().timeIntervalSince(lostAt)
                gapMillis.add(Int(away * 1000), ordering: .relaxed)
                report(.back(device: name, seconds: away))
                return true
            }
            wait = min(8, wait * 2)
        }
        return false
    }
}
