/// Chooses one pitch per frame from the candidates by a fixed-lag Viterbi search, as Praat's
/// path finder does over a whole file: each candidate costs minus its strength, the unvoiced
/// state costs minus the voicing threshold, a jump costs ``octaveJumpCost`` per octave and a
/// voiced/unvoiced switch ``voicedUnvoicedCost``. Decisions are made ``lagHops`` frames late,
/// so the frames after an onset can correct the onset frames (no octave errors carried
/// through a vowel). All state is preallocated; `push` allocates nothing.
///
/// A speaker-range prior keeps short voiced islands (a word of 50-100 ms, where no
/// neighbouring frame can correct the onset) off the 3rd and 4th harmonics: in the
/// telephone band a low voice's fundamental and 2nd harmonic are filtered away and its
/// 300-400 Hz harmonics dominate. A candidate more than ``rangeTolerance`` octaves above the
/// speaker's pitch centre (a running median of the pitch of their own speech, fed back by
/// ``followSpeaker(_:)``) costs ``rangeCostPerOctave`` per octave beyond it. Raised voices
/// (+4 to +8 semitones) and everything below the centre cost nothing. A voiced run that
/// starts more than ``onsetTolerance`` octaves above the centre costs more to start, which
/// keeps a short word off the 2nd harmonic, an octave up, while a rise to it from within
/// the run stays free. Only the party's own speech may teach the centre: the other party's
/// echo on the channel (another voice, often an octave apart) would drag it toward that
/// voice.
public final class PitchPath {
    /// Frames between receiving a frame's candidates and deciding its pitch. 5 (50 ms) scores
    /// as 10 did on every evaluation row and differs from it on <= 0.25 % of voiced frames of
    /// real speech (3: up to 0.86 %); it is part of the live audio-to-screen latency.
    public static let lagHops = 5
    /// Strength below which the unvoiced state wins.
    public static let voicingThreshold: Float = 0.45
    /// Cost per octave of pitch change between consecutive voiced frames.
    public static let octaveJumpCost: Float = 0.35
    /// Cost of switching between voiced and unvoiced.
    public static let voicedUnvoicedCost: Float = 0.14

    /// Octaves above the speaker's pitch centre that cost nothing.
    public static let rangeTolerance: Float = 1
    /// Cost per octave beyond ``rangeTolerance`` above the speaker's pitch centre.
    public static let rangeCostPerOctave: Float = 1
    /// Octaves above the speaker's pitch centre at which a voiced run may start at no extra
    /// cost. A low voice's 2nd harmonic, an octave up, is free under ``rangeTolerance``; but
    /// it wins at the start of a run (a word's first 20-60 ms, or a whole short word), where
    /// no earlier frame holds the path down, while a voice's own rise to near an octave
    /// above its centre (a glide of the exactly known signals to 0.97 octave) comes from
    /// within the run. Real speech through the telephone band (`tools/real-pitch-check`,
    /// seven speakers): 2nd-harmonic hops 70 -> 55, gross errors 3.3 -> 3.0 %; the glide is
    /// read as before (a free range of 0.85 octave for every frame read 2.7 % but halved the
    /// glide). A run starting beyond it costs ``onsetCostPerOctave`` per octave more.
    public static let onsetTolerance: Float = 0.85
    /// Cost per octave beyond ``onsetTolerance`` of starting a voiced run there (4 reads the
    /// same as 2; 1 read 3.1 %; 8 put one hop of a high voice's exactly known pitch off).
    public static let onsetCostPerOctave: Float = 2
    /// Frames of own speech followed before the prior applies to every candidate (the centre
    /// is still settling before).
    public static let centreWarmUpFrames = 100
    /// Frames of own speech followed before a run's start pays ``onsetCostPerOctave``: 0.2 s
    /// of voice, far sooner than the prior itself, because the start of a speaker's voice is
    /// where runs start most often and nothing else holds them. It prices only a run's first
    /// frame, so a centre still learning costs little where it is wrong. Real telephone
    /// speech (all but the reference in doubt): 3.0 -> 2.8 % gross errors, in each speaker's
    /// first 2 s 7.2 -> 6.6 % (at 50 frames 2.9 / 6.8 %, at 5 frames 2.8 / 6.5 %); the
    /// signals of exactly known F0 of five seeds read the same.
    public static let onsetWarmUpFrames = 20
    /// How far (octaves) each followed frame moves the centre toward itself: a running
    /// median, so an error weighs no more than any other frame; an octave takes 2 s of voice.
    /// During the warm-up the step is ten times larger, so a first word read on a harmonic
    /// does not hold the centre up: it settles on the median of the first second of voice.
    static let centreStep: Float = 0.005

    private static let states = PitchCandidates.capacity + 1
    private let depth = PitchPath.lagHops + 1
    /// Per frame and state: log2 of the candidate frequency (0 for the unvoiced state).
    private let frequency: UnsafeMutablePointer<Float>
    private let back: UnsafeMutablePointer<UInt8>
    private var cost: (Float, Float, Float, Float, Float, Float, Float) = (0, 0, 0, 0, 0, 0, 0)
    private var next: (Float, Float, Float, Float, Float, Float, Float) = (0, 0, 0, 0, 0, 0, 0)
    private var frames = 0
    /// The speaker's pitch centre, log2 Hz, and the frames of own speech it has followed.
    private var centre: Float = 0
    private var followedFrames = 0

    public init() {
        frequency = .allocate(capacity: depth * Self.states)
        frequency.initialize(repeating: 0, count: depth * Self.states)
        back = .allocate(capacity: depth * Self.states)
        back.initialize(repeating: 0, count: depth * Self.states)
    }

    deinit {
        frequency.deallocate()
        back.deallocate()
    }

    /// Adds one frame's candidates.
    /// - Returns: the pitch decided for the frame ``lagHops`` earlier (0 = unvoiced), or
    ///   `nil` while fewer frames have arrived.
    public func push(_ candidates: PitchCandidates) -> Float? {
        let row = frames % depth
        let f = frequency + row * Self.states
        let b = back + row * Self.states
        // State 0 is unvoiced; states 1...count are the candidates, stored as log2 frequency
        // (so a transition costs a subtraction); -infinity marks an absent candidate.
        f[0] = 0
        for i in 0..<PitchCandidates.capacity {
            f[i + 1] = i < candidates.count ? log2f(candidates.frequency(i)) : -.infinity
        }
        let previous = frames > 0 ? frequency + ((frames - 1) % depth) * Self.states : nil
        withUnsafeMutableBytes(of: &cost) { costRaw in
            withUnsafeMutableBytes(of: &next) { nextRaw in
                let c = costRaw.bindMemory(to: Float.self)
                let n = nextRaw.bindMemory(to: Float.self)
                var lowest = Float.infinity
                for s in 0..<Self.states {
                    guard f[s] > -.infinity else {
                        n[s] = .infinity
                        continue
                    }
                    let local = s == 0
                        ? -Self.voicingThreshold
                        : rangeCost(f[s], beyond: Self.rangeTolerance, perOctave: Self.rangeCostPerOctave,
                                    after: Self.centreWarmUpFrames)
                            - candidates.strength(s - 1)
                    var bestCost = Float.infinity, bestFrom = 0
                    if let previous {
                        for p in 0..<Self.states where previous[p] > -.infinity && c[p].isFinite {
                            let total = c[p] + transition(from: previous[p], to: f[s])
                            if total < bestCost {
                                bestCost = total
                                bestFrom = p
                            }
                        }
                    } else {
                        bestCost = 0
                    }
                    n[s] = bestCost + local
                    b[s] = UInt8(bestFrom)
                    lowest = min(lowest, n[s])
                }
                for s in 0..<Self.states { c[s] = n[s] - lowest }
            }
        }
        frames += 1
        guard frames > Self.lagHops else { return nil }
        var state = 0
        withUnsafeBytes(of: &cost) { raw in
            let c = raw.bindMemory(to: Float.self)
            for s in 1..<Self.states where c[s] < c[state] { state = s }
        }
        var index = frames - 1
        for _ in 0..<Self.lagHops {
            state = Int(back[(index % depth) * Self.states + state])
            index -= 1
        }
        return state == 0 ? 0 : exp2f(frequency[(index % depth) * Self.states + state])
    }

    /// Moves the speaker's pitch centre a step toward the pitch of a frame of the party's
    /// own speech (as decided by ``push(_:)`` and kept by voice activity and the echo gate).
    /// - Parameter f0: pitch in Hz (> 0).
    public func followSpeaker(_ f0: Float) {
        let pitch = log2f(f0)
        if followedFrames == 0 { centre = pitch }
        let step = followedFrames < Self.centreWarmUpFrames ? 10 * Self.centreStep : Self.centreStep
        centre += pitch > centre ? step : -step
        followedFrames += 1
    }

    /// Forgets the speaker's pitch centre (a new party on the line): the prior waits for a
    /// new warm-up, so a new voice two octaves away is not read at its sub-harmonic.
    public func forgetSpeaker() { followedFrames = 0 }

    /// The speaker-range prior's cost of log2 frequency `pitch`: `perOctave` for each octave
    /// it lies more than `tolerance` octaves above the speaker's centre, once `warmUp` frames
    /// of the speaker have been followed (nothing before). A candidate pays it with
    /// ``rangeTolerance``, ``rangeCostPerOctave`` and ``centreWarmUpFrames``; starting a
    /// voiced run, with ``onsetTolerance``, ``onsetCostPerOctave`` and ``onsetWarmUpFrames``
    /// as well.
    @inline(__always)
    private func rangeCost(_ pitch: Float, beyond tolerance: Float, perOctave: Float, after warmUp: Int) -> Float {
        guard followedFrames >= warmUp else { return 0 }
        return perOctave * max(0, pitch - centre - tolerance)
    }

    /// Cost between two states given as log2 frequency (0 = unvoiced; voiced states are
    /// log2 of at least 60 Hz, so never 0).
    @inline(__always)
    private func transition(from a: Float, to b: Float) -> Float {
        if a == 0 && b == 0 { return 0 }
        if a == 0 {
            return Self.voicedUnvoicedCost
                + rangeCost(b, beyond: Self.onsetTolerance, perOctave: Self.onsetCostPerOctave,
                            after: Self.onsetWarmUpFrames)
        }
        if b == 0 { return Self.voicedUnvoicedCost }
        return Self.octaveJumpCost * abs(b - a)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
