/// How much of a party's own turns they spend pausing, against their own calm reference:
/// the "shrinking pauses" of an upset speaker, who no longer stops to think or breathe.
///
/// A silence of the party counts as a pause inside their turn when they speak again within
/// ``maximumPauseHops`` and the other party did not speak meanwhile (otherwise the turn
/// changed). The pause share is an exponential average over about ``timeConstantHops`` of
/// turn time (speech plus such pauses); the reference is the share over the party's first
/// `referenceSeconds` of turn time, learned from calm hops only. Pure and allocation-free.
public struct TurnPauseMeter: Sendable {
    /// The longest silence still counted as a pause inside a turn, hops (3 s, where dead air starts).
    public static let maximumPauseHops = 300
    /// Turn time over which the share is averaged, hops (30 s: pauses come a few a minute,
    /// and over 10 s a calm speaker's share swings by up to 90 %).
    public static let timeConstantHops = 3000.0
    /// A reference share below which shrinking is not measured (a party who hardly pauses
    /// when calm cannot pause less; below 5 % a single pause swings the share too much).
    public static let minimumReferenceShare = 0.05
    private let referenceHops: Int
    private var spoken = false
    private var silentHops = 0
    private var otherSpokeInSilence = false
    /// The average's sum and the sum of its weights (dividing corrects the start-up bias).
    private var share = 0.0
    private var weight = 0.0
    private var referencePauseHops = 0
    private var referenceTurnHops = 0

    /// The party's pause share during their first `referenceSeconds` of calm turn time.
    public private(set) var reference: Double?

    /// Learns the reference from `referenceSeconds` of turn time.
    public init(referenceSeconds: Double) { referenceHops = Int(referenceSeconds * 100) }

    /// Feeds one hop: whether this party and the other speak, and whether this party is calm
    /// (only calm turn time teaches the reference).
    public mutating func update(ownSpeech: Bool, otherSpeech: Bool, calm: Bool) {
        guard ownSpeech else {
            if spoken {
                silentHops += 1
                if otherSpeech { otherSpokeInSilence = true }
            }
            return
        }
        let keep = 1 - 1 / Self.timeConstantHops
        if spoken, silentHops > 0, !otherSpokeInSilence, silentHops <= Self.maximumPauseHops {
            let decay = pow(keep, Double(silentHops))
            share = share * decay + (1 - decay)
            weight = weight * decay + (1 - decay)
            learn(pauseHops: silentHops, turnHops: silentHops, calm: calm)
        }
        share *= keep
        weight = weight * keep + (1 - keep)
        learn(pauseHops: 0, turnHops: 1, calm: calm)
        spoken = true
        silentHops = 0
        otherSpokeInSilence = false
    }

    /// How far the current pause share lies below the reference, in % of the reference
    /// (negative when the party pauses more); nil before a reference, or when the party
    /// hardly pauses even when calm.
    public var shrinkPercent: Double? {
        guard let reference, reference >= Self.minimumReferenceShare, weight > 0 else { return nil }
        return (reference - share / weight) / reference * 100
    }

    private mutating func learn(pauseHops: Int, turnHops: Int, calm: Bool) {
        guard reference == nil, calm else { return }
        referencePauseHops += pauseHops
        referenceTurnHops += turnHops
        if referenceTurnHops >= referenceHops {
            reference = Double(referencePauseHops) / Double(referenceTurnHops)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
