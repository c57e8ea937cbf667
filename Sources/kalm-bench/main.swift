// kalm-bench: proves the per-hop analysis path allocates nothing after warm-up, and times it.
//
//   kalm-bench [seconds]   (default 600 s of synthetic two-party speech at 16 kHz)
//
// Heap allocations are counted by interposing malloc/calloc/realloc/posix_memalign
// (CAllocCounter). The analysis runs with no sink, so the count covers capture-side DSP,
// echo gating, voice activity, pitch path, nuclei, tempo, conversation and summary.
import CAllocCounter
import Foundation
import KalmConversation
import KalmDSP
import KalmPipeline

let seconds = CommandLine.arguments.count > 1 ? Double(CommandLine.arguments[1]) ?? 600 : 600
let rate = 16000
let hop = rate / 100

/// A voice-like source: the first 12 harmonics of `f0` at 1/h amplitude (a sine or two in
/// the speech band would be a call-progress tone, not speech).
func voice(f0: Double, t: Double) -> Double {
    var x = 0.0
    for h in 1...12 { x += sin(2 * Double.pi * Double(h) * f0 * t) / Double(h) }
    return 0.1 * x
}

/// Ten seconds of two-party speech-like sound (harmonic bursts with syllable modulation,
/// turn-taking, an interruption, noise) repeated for the whole run.
func pattern() -> [Float] {
    let n = 10 * rate
    var out = [Float](repeating: 0, count: 2 * n)
    var seed: UInt32 = 12345
    for i in 0..<n {
        let t = Double(i) / Double(rate)
        seed = seed &* 1_664_525 &+ 1_013_904_223
        let noise = (Float(seed >> 8) / Float(1 << 24) - 0.5) * 0.002
        let syllable = Float(pow(10, (6 * cos(2 * Double.pi * 5 * t) - 6) / 20))
        let agentOn = (t > 0.5 && t < 4.0) || (t > 7.0 && t < 9.5)
        let customerOn = t > 3.2 && t < 6.8
        let a = agentOn ? Float(voice(f0: 120, t: t)) * syllable : 0
        let c = customerOn ? Float(voice(f0: 210, t: t)) * syllable : 0
        out[2 * i] = a + noise
        out[2 * i + 1] = c + noise
    }
    return out
}

let block = pattern()
let analyzer = CallAnalyzer(sampleRate: rate, channelCount: 2, layout: .stereo, sink: nil)
let blockFrames = block.count / 2

@MainActor func feed(_ repeats: Int) {
    block.withUnsafeBufferPointer { buffer in
        for _ in 0..<repeats {
            var start = 0
            while start < blockFrames {
                let n = min(hop, blockFrames - start)
                analyzer.process(interleaved: buffer.baseAddress! + 2 * start, frameCount: n)
                start += n
            }
        }
    }
}

feed(2)  // warm-up: 20 s, every delay line and histogram filled once
let repeats = max(1, Int(seconds / 10))
let allocationsBefore = kalm_allocation_count()
let start = DispatchTime.now().uptimeNanoseconds
feed(repeats)
let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
let allocations = kalm_allocation_count() - allocationsBefore
let hops = repeats * 1000
let audioSeconds = Double(repeats) * 10
let summary = analyzer.finish()

print("audio analysed:        \(Int(audioSeconds)) s, 16 kHz stereo, \(hops) hops x 2 parties")
print("heap allocations:      \(allocations) after warm-up (\(String(format: "%.4f", Double(allocations) / Double(hops))) per hop)")
print("time:                  \(String(format: "%.3f", elapsed)) s = \(String(format: "%.0f", audioSeconds / elapsed))x real time on one core")
print("per hop (both parties): \(String(format: "%.2f", elapsed / Double(hops) * 1e6)) us")
print("interruptions seen:    \(summary.interruptions.customerInterruptsAgent) (sanity: one per 10 s pattern)")
let planned = [512, 1024, 2048, 4096].filter { RealFFT(size: $0).plannedFromWisdom }
print("FFT plans from wisdom:  \(planned.count == 4 ? "yes" : "no, FFTW_ESTIMATE") (sizes \(planned.map(String.init).joined(separator: ", ")) of 512-4096)")
// The pattern holds one interruption per 10 s (warm-up included): without them the run
// has not been through the speech path and its allocation count proves nothing.
let interruptionsExpected = summary.interruptions.customerInterruptsAgent >= repeats
if !interruptionsExpected { print("kalm-bench: the pattern's interruptions were not seen: the speech path did not run") }
exit(allocations == 0 && interruptionsExpected ? 0 : 1)
