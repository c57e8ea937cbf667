/// Finds syllable nuclei online: a peak of speech-band energy whose prominence inside its
/// speech run is at least ``prominence`` dB, that is voiced, and that stands well above the
/// noise floor (after de Jong & Wempe, 2009, with their dip test made two-sided as in
/// topographic prominence).
///
/// A peak's prominence is how far it stands above the higher of the two lowest points
/// between it and the nearest higher energy on either side; where no earlier hop of the run
/// is higher, the run's start counts as deep. So a peak is a nucleus once the energy has
/// fallen ``prominence`` dB below it, inside the same speech run, before rising above it
/// again, provided it had risen as far above the lowest point since the last higher energy
/// before it. A peak whose run ends before it has fallen that far is not counted: a short
/// burst of the other party's crosstalk that the voice activity let through is often just
/// that.
///
/// Frames must arrive in order with their final speech decision. A nucleus is reported when
/// its falling side is confirmed, a few hops after its peak.
///
/// Why two-sided and 6 dB (tools/evaluate, the eighteenth session): the earlier detector
/// confirmed a peak 1.5-4 dB over the last dip (a share of the recent energy range) and
/// merged peaks closer than 0.4 of the syllable period. On real speech time-stretched by
/// `sox tempo` 0.75-1.5 its rate followed the factor within 23.9 % at most, 8.7 % in the
/// median (target 5 %): the peaks that came and went were ripples 1-4 dB deep, which the
/// waveform-similarity overlap-add of the stretch adds to slowed vowels and takes from
/// between fast syllables. With 6 dB of two-sided prominence the same files read 20.9 % /
/// 5.0 %, espeak-ng speech of known syllable count 1.7 % median error (1.8 % before), and
/// espeak-ng speech stretched by `sox tempo -s` 5.3 % / 1.9 % (7.6 % / 2.1 % before). On a
/// re-implementation over kalm's per-hop features, 5, 5.5, 6.5 and 7 dB read 32.8 / 6.5,
/// 25.3 / 5.8, 20.9 / 5.6 and 21.4 / 5.0 % on the stretches (6 dB there: 20.9 / 5.0 %).
public struct SyllableNucleiDetector: Sendable {
    /// Prominence a nucleus peak needs on both sides, dB.
    public static let prominence: Float = 6
    /// How far above the noise floor a nucleus must peak, dB.
    public static let minimumAboveFloor: Float = 8
    /// Periodicity a nucleus peak needs (it must be voiced).
    public static let minimumPeriodicity: Float = 0.45
    /// Entries the run's stack of ever higher earlier energies keeps. Beyond it the oldest,
    /// highest entry is forgotten; a hop that rises above all that remain but not above the
    /// forgotten ones is measured from the lowest energy since the first one forgotten. (On
    /// the AMI stretches a run's stack grew to 53 entries; with 32 the counts are those of an
    /// unbounded stack on all 24 files.)
    static let stackCapacity = 32

    /// The hops of the current speech run that no later hop has yet exceeded, as a stack
    /// of decreasing energies: per entry its energy and the lowest energy after it up to the
    /// next entry.
    private var stackEnergy = SIMD32<Float>(repeating: 0)
    private var stackLowestAfter = SIMD32<Float>(repeating: 0)
    private var stackCount = 0
    /// The highest entry the stack forgot in this run, and the lowest energy since
    /// (minus infinity and infinity while it has forgotten none).
    private var forgottenHighest = -Float.infinity
    private var forgottenLowest = Float.infinity
    /// The peak being tracked, whose left side is prominent enough.
    private var candidate: Float = 0
    private var tracking = false
    private var candidateQualifies = false

    public init() {}

    /// Feeds one frame.
    /// - Returns: `true` when a nucleus was confirmed with this frame.
    public mutating func process(_ frame: FrameFeatures) -> Bool {
        guard frame.speech else {
            tracking = false
            stackCount = 0
            forgottenHighest = -.infinity
            forgottenLowest = .infinity
            return false
        }
        let energy = frame.bandEnergyDB
        let base = leftBase(pushing: energy)
        if tracking && energy > candidate { tracking = false }
        if !tracking {
            if energy - base >= Self.prominence {
                tracking = true
                candidate = energy
                candidateQualifies = qualifies(frame)
            }
            return false
        }
        guard energy <= candidate - Self.prominence else { return false }
        tracking = false
        return candidateQualifies
    }

    /// The lowest energy between `energy`'s hop and the nearest earlier hop of the run with
    /// higher energy (minus infinity where there is none, as at the run's start); pushes
    /// `energy` on the stack.
    private mutating func leftBase(pushing energy: Float) -> Float {
        var lowest = Float.infinity
        while stackCount > 0 && stackEnergy[stackCount - 1] <= energy {
            stackCount -= 1
            lowest = min(lowest, stackEnergy[stackCount], stackLowestAfter[stackCount])
        }
        var base = -Float.infinity
        if stackCount > 0 {
            base = min(lowest, stackLowestAfter[stackCount - 1])
            stackLowestAfter[stackCount - 1] = min(base, energy)
        } else if energy < forgottenHighest {
            base = min(lowest, forgottenLowest)
            forgottenLowest = min(base, energy)
        } else {
            forgottenHighest = -.infinity
            forgottenLowest = .infinity
        }
        if stackCount == Self.stackCapacity {
            forgottenHighest = max(forgottenHighest, stackEnergy[0])
            forgottenLowest = min(forgottenLowest, stackLowestAfter[0])
            for k in 1..<Self.stackCapacity {
                stackEnergy[k - 1] = stackEnergy[k]
                stackLowestAfter[k - 1] = stackLowestAfter[k]
            }
            stackCount -= 1
        }
        stackEnergy[stackCount] = energy
        stackLowestAfter[stackCount] = .infinity
        stackCount += 1
        return base
    }

    private func qualifies(_ frame: FrameFeatures) -> Bool {
        frame.periodicity >= Self.minimumPeriodicity
            && frame.bandEnergyDB >= frame.noiseFloorDB + Self.minimumAboveFloor
    }
}
