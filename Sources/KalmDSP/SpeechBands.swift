/// Energies of eight log-spaced sub-bands of the speech band (250-3600 Hz), in dB, stored
/// inline. The spectral shape they describe lets ``EchoGate`` tell an echo (a scaled copy
/// of the other channel's spectrum) from speech of one's own.
public struct SpeechBands: Sendable, Equatable {
    /// Number of sub-bands.
    public static let count = 8
    /// Band edges in Hz (count + 1 values).
    public static let edges: [Double] = [250, 400, 600, 850, 1200, 1650, 2250, 2900, 3600]

    /// The eight energies, dB.
    public var values = SIMD8<Float>(repeating: Decibels.floor)

    /// All bands at the dB floor.
    public init() {}

    /// The energy of band `i` in dB.
    public subscript(i: Int) -> Float {
        get { values[i] }
        set { values[i] = newValue }
    }
}
