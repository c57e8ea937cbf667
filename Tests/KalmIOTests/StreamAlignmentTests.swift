@testable import KalmIO
import Testing

@Suite struct StreamAlignmentTests {
    /// Devices in step, whose backlogs differ by up to a period as each delivers: nothing is
    /// ever dropped.
    @Test func jitterOfAPeriodDropsNothing() {
        var alignment = StreamAlignment(sampleRate: 16000)
        for block in 0..<6000 {
            let lead = [160, -160, 0, 80, -320][block % 5]
            #expect(alignment.observe(lead: lead, frames: 64) == 0)
        }
    }

    /// The first device's clock runs 0.2 % fast: once its smallest lead over a 2 s window
    /// passes 50 ms, that lead is dropped from it, and the misalignment seen never grows past
    /// 50 ms, plus the jitter that can hide the lead in one window's smallest, plus two
    /// windows of drift until it is noticed, plus the jitter on top; the other way round,
    /// from the second.
    @Test func aFastClockIsKeptInStep() {
        for sign in [1, -1] {
            var alignment = StreamAlignment(sampleRate: 8000)
            var drift = 0.0, dropped = 0, worst = 0
            for block in 0..<20000 {
                drift += 0.002 * 64
                let lead = sign * (Int(drift) - dropped) + (block % 2 == 0 ? 80 : -80)
                worst = max(worst, abs(lead))
                let drop = alignment.observe(lead: lead, frames: 64)
                #expect(drop == 0 || (drop > 0) == (sign > 0))
                dropped += abs(drop)
            }
            #expect(abs(Double(dropped) - drift) < 600)
            #expect(dropped > 2000)
            #expect(worst <= 400 + 80 + 2 * 32 + 80)
        }
    }

    /// After a restart (a device was away) the leads seen before count no more: a window
    /// starts afresh.
    @Test func restartForgetsEarlierLeads() {
        var alignment = StreamAlignment(sampleRate: 8000)
        for _ in 0..<240 { #expect(alignment.observe(lead: 1000, frames: 64) == 0) }
        alignment.restart()
        for _ in 0..<10 { #expect(alignment.observe(lead: 1000, frames: 64) == 0) }
        // Without the restart the same 250 blocks (one 2 s window) end in a drop.
        var unbroken = StreamAlignment(sampleRate: 8000)
        let drops = (0..<250).map { _ in unbroken.observe(lead: 1000, frames: 64) }
        #expect(drops.last == 1000)
    }
}
